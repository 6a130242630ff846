/*
 * Byte histogram: 16 MiB of bytes into 256 u32 bins that live in `data` too. One load and one
 * read-modify-write per byte: the access pattern that pays most for a per-access routing check.
 */
#include "kernel.h"

#define BYTES (16u << 20)
#define BINS 256

const char kernel_key[] = "bench_histogram";
const size_t kernel_bytes = BYTES + BINS * sizeof(uint32_t);

void kernel_init(uint8_t* data)
{
    uint32_t seed = 2463534242u;
    for (uint32_t i = 0; i < BYTES; i += 4) {
        uint32_t r = xorshift32(&seed);
        /* Skewed towards a few bins, like real data, so bins collide in the pipeline. */
        data[i] = (uint8_t)r;
        data[i + 1] = (uint8_t)(r >> 8) & 0x0f;
        data[i + 2] = (uint8_t)(r >> 16);
        data[i + 3] = (uint8_t)(r >> 24) & 0x3f;
    }
}

KERNEL uint64_t kernel_run(uint8_t* data)
{
    uint32_t* bins = (uint32_t*)(data + BYTES);
    for (int b = 0; b < BINS; b++) bins[b] = 0;
    for (uint32_t i = 0; i < BYTES; i++) bins[data[i]]++;
    uint64_t sum = 0;
    for (int b = 0; b < BINS; b++) sum = sum * 1000003 + bins[b];
    return sum;
}
