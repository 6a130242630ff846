/** Functions that chain functions: fan-out/fan-in by name, and chaining by function pointer. */

export const SQUARE_C = `// demo/square: reads an integer from its input and outputs its square as text.
#include "faasm/faasm.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char* argv[])
{
    char text[32] = "0";
    long size = faasmGetInputSize();
    if (size > 0) {
        long len = size < 31 ? size : 31;
        faasmGetInput((uint8_t*)text, len);
        text[len] = '\\0';
    }

    long n = atol(text);
    char output[32];
    int len = snprintf(output, sizeof(output), "%ld", n * n);
    faasmSetOutput(output, len);
    return 0;
}
`;

export const FAN_OUT_C = `// demo/fan_out: chains demo/square 16 times (inputs 1..16), awaits every call and
// outputs the sum of their outputs. Press "Build all" first: a chained function runs
// its last uploaded build.
#include "faasm/faasm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CALLS 16

int main(int argc, char* argv[])
{
    unsigned int ids[CALLS];
    for (int i = 0; i < CALLS; i++) {
        char input[16];
        int len = snprintf(input, sizeof(input), "%d", i + 1);
        ids[i] = faasmChainNamed("square", (const uint8_t*)input, len);
    }

    long sum = 0;
    for (int i = 0; i < CALLS; i++) {
        char* output = NULL;
        int outputLen = 0;
        unsigned int rc = faasmAwaitCallOutput(ids[i], &output, &outputLen);
        if (rc != 0) {
            printf("call %u failed with return code %u\\n", ids[i], rc);
            return 1;
        }
        char text[32] = { 0 };
        memcpy(text, output, outputLen < 31 ? outputLen : 31);
        free(output);
        sum += atol(text);
    }

    char result[32];
    int len = snprintf(result, sizeof(result), "%ld", sum);
    faasmSetOutput(result, len);
    printf("sum of %d squares: %ld\\n", CALLS, sum);
    return 0;
}
`;

export const CHAIN_PTR_C = `// demo/chain_ptr: chains a function of its own module by pointer (faasmChain),
// awaits it and outputs what it computed.
#include "faasm/faasm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Runs in its own Faaslet, from the module's snapshot: main does not run there.
int cube()
{
    char text[32] = { 0 };
    long size = faasmGetInputSize();
    faasmGetInput((uint8_t*)text, size < 31 ? size : 31);
    long n = atol(text);

    char output[32];
    int len = snprintf(output, sizeof(output), "%ld", n * n * n);
    faasmSetOutput(output, len);
    return 0;
}

int main(int argc, char* argv[])
{
    char input[32] = "7";
    long size = faasmGetInputSize();
    if (size > 0) {
        long len = size < 31 ? size : 31;
        faasmGetInput((uint8_t*)input, len);
        input[len] = '\\0';
    }

    unsigned int id = faasmChain(cube, (const uint8_t*)input, (long)strlen(input));
    char* output = NULL;
    int outputLen = 0;
    unsigned int rc = faasmAwaitCallOutput(id, &output, &outputLen);
    if (rc != 0) {
        printf("the chained call failed with return code %u\\n", rc);
        return 1;
    }

    char result[96];
    int len = snprintf(result, sizeof(result), "%s cubed is %.*s", input, outputLen, output);
    faasmSetOutput(result, len);
    return 0;
}
`;
