// lesson5/mapper: one word in, the word in lower case out (the "map" of the word count).
#include "faasm/faasm.h"

#include <ctype.h>

int main(int argc, char* argv[])
{
    char word[32] = { 0 };
    long size = faasmGetInputSize();
    long len = size < 31 ? size : 31;
    faasmGetInput((uint8_t*)word, len);
    for (long i = 0; i < len; i++) word[i] = (char)tolower((unsigned char)word[i]);
    faasmSetOutput(word, len);
    return 0;
}
