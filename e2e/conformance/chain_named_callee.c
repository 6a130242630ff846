// Outputs its input reversed.
#include <faasm/faasm.h>
#include <stdlib.h>

int main(int argc, char* argv[])
{
    long n = faasmGetInputSize();
    char* in = malloc(n + 1);
    char* out = malloc(n + 1);
    faasmGetInput((uint8_t*)in, n);
    for (long i = 0; i < n; i++) out[i] = in[n - 1 - i];
    faasmSetOutput(out, n);
    return 0;
}
