// The output is the input, byte for byte.
#include <faasm/faasm.h>
#include <stdlib.h>

int main(int argc, char* argv[])
{
    long size = faasmGetInputSize();
    uint8_t* bytes = malloc(size + 1);
    faasmGetInput(bytes, size);
    faasmSetOutput((const char*)bytes, size);
    return 0;
}
