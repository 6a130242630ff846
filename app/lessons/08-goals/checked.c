// lesson8/checked: goals.c's kernel in a module that maps state, so the build adds this
// runtime's SFI check to every memory access; the data stays in private memory 0.
// Output: the kernel's time (ms, the median of 5 runs), then its checksum.
#include "faasm/faasm.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

// ---- the kernel: the same text in goals.c and checked.c ----
#define WORDS (1u << 20)
#define RUNS 5

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

// A sieve-like scatter over 4 MiB: strided read-modify-writes the checks cannot hoist.
__attribute__((noinline)) static uint64_t kernel_run(uint32_t* data)
{
    for (uint32_t i = 0; i < WORDS; i++) data[i] = i;
    for (uint32_t step = 3; step < 64; step += 2) {
        for (uint32_t i = step; i < WORDS; i += step) data[(i * 2654435761u) & (WORDS - 1)] += step;
    }
    uint64_t sum = 0;
    for (uint32_t i = 0; i < WORDS; i++) sum = sum * 31 + data[i];
    return sum;
}

// Output "<median ms> <checksum>" for RUNS runs of the kernel on `data`.
static int time_kernel(uint32_t* data)
{
    double ms[RUNS];
    uint64_t checksum = 0;
    for (int r = 0; r < RUNS; r++) {
        double start = now_ms();
        checksum = kernel_run(data);
        ms[r] = now_ms() - start;
    }
    for (int i = 1; i < RUNS; i++) {
        for (int j = i; j > 0 && ms[j] < ms[j - 1]; j--) {
            double t = ms[j];
            ms[j] = ms[j - 1];
            ms[j - 1] = t;
        }
    }
    char out[64];
    int len = snprintf(out, sizeof(out), "%.3f %llu", ms[RUNS / 2], (unsigned long long)checksum);
    faasmSetOutput(out, len);
    return 0;
}
// ---- end of the kernel ----

int main(int argc, char* argv[])
{
    // The reference to faasmReadStatePtr (never called: the call has no input) is what makes
    // the build rewrite this module.
    if (faasmGetInputSize() > 0) faasmReadStatePtr("unused", 4);
    uint32_t* data = malloc(WORDS * sizeof(uint32_t));
    if (!data) return 3;
    return time_kernel(data);
}
