/*
 * Native stand-in for the Faasm C API, just what harness.c calls, so the same kernel and harness
 * build with gcc for the raw-wasm-vs-native figure. Input comes from $BENCH_INPUT, output goes to
 * stdout. Native runs use private data only; there is no shared window to map.
 */
#ifndef BENCH_NATIVE_FAASM_H
#define BENCH_NATIVE_FAASM_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline long faasmGetInputSize(void)
{
    const char* input = getenv("BENCH_INPUT");
    return input ? (long)strlen(input) : 0;
}

static inline void faasmGetInput(uint8_t* buffer, long bufferLen)
{
    const char* input = getenv("BENCH_INPUT");
    if (input) memcpy(buffer, input, strnlen(input, (size_t)bufferLen));
}

static inline void faasmSetOutput(const char* output, long outputLen)
{
    fwrite(output, 1, (size_t)outputLen, stdout);
    fputc('\n', stdout);
}

static inline uint8_t* faasmReadStatePtr(const char* key, long totalLen)
{
    fprintf(stderr, "native: no shared state (%s, %ld bytes)\n", key, totalLen);
    abort();
}

#endif
