// lesson5/wordcount: fan out one mapper per word (by name), a total (by pointer), fan in.
#include "faasm/faasm.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 64

// By pointer: counts the words of the same input on its own.
int total()
{
    char text[1024] = { 0 };
    long size = faasmGetInputSize();
    faasmGetInput((uint8_t*)text, size < 1023 ? size : 1023);
    int words = 0;
    for (char* w = strtok(text, " \t\n"); w; w = strtok(NULL, " \t\n")) words++;
    char out[16];
    int len = snprintf(out, sizeof(out), "%d", words);
    faasmSetOutput(out, len);
    return 0;
}

int main(int argc, char* argv[])
{
    char text[1024] = { 0 };
    long size = faasmGetInputSize();
    faasmGetInput((uint8_t*)text, size < 1023 ? size : 1023);
    unsigned int check = faasmChain(total, (const uint8_t*)text, (long)strlen(text));

    unsigned int ids[MAX_WORDS];
    int n = 0;
    for (char* w = strtok(text, " \t\n"); w && n < MAX_WORDS; w = strtok(NULL, " \t\n")) {
        ids[n++] = faasmChainNamed("mapper", (const uint8_t*)w, (long)strlen(w));
    }

    // Fan in: each mapper's output is one word; count the distinct ones.
    char words[MAX_WORDS][32];
    int counts[MAX_WORDS] = { 0 };
    int distinct = 0;
    for (int i = 0; i < n; i++) {
        char* output = NULL;
        int len = 0;
        if (faasmAwaitCallOutput(ids[i], &output, &len) != 0) return 1;
        char word[32] = { 0 };
        memcpy(word, output, len < 31 ? len : 31);
        free(output);
        int k = 0;
        while (k < distinct && strcmp(words[k], word) != 0) k++;
        if (k == distinct) strcpy(words[distinct++], word);
        counts[k]++;
    }
    char* totalText = NULL;
    int totalLen = 0;
    if (faasmAwaitCallOutput(check, &totalText, &totalLen) != 0) return 1;

    char out[2048];
    int len = snprintf(out, sizeof(out), "%d words (total says %.*s), %d distinct:", n, totalLen, totalText, distinct);
    for (int k = 0; k < distinct; k++) len += snprintf(out + len, sizeof(out) - len, " %s=%d", words[k], counts[k]);
    faasmSetOutput(out, len);
    return 0;
}
