// lesson9/raw: the kernel with its data in private memory, in a module that maps no state, so
// the build leaves it as clang made it: only the engine's own bounds checks on memory 0.
// Input: how many times to run the kernel. Output: each run's time (ms), then the checksum.
#include "faasm/faasm.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

// ---- the kernel: the same text in raw.c and checked.c ----
// Open-addressing hash table of u32 keys (linear probing): insert 256 Ki keys into 512 Ki
// slots, then look up 256 Ki keys of which half are present. Random accesses over 3 MiB.
#define KEYS (1u << 18)
#define SLOTS (1u << 19)
#define KERNEL_BYTES ((KEYS + SLOTS) * sizeof(uint32_t))

static void kernel_init(uint32_t* keys)
{
    uint32_t x = 88172645u;
    for (uint32_t i = 0; i < KEYS; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        keys[i] = x | 1; // never 0: 0 marks an empty slot
    }
}

__attribute__((noinline)) static uint64_t kernel_run(uint32_t* keys)
{
    uint32_t* table = keys + KEYS;
    for (uint32_t s = 0; s < SLOTS; s++) table[s] = 0;
    for (uint32_t i = 0; i < KEYS; i++) {
        uint32_t s = (keys[i] * 2654435761u) >> 13;
        while (table[s] != 0 && table[s] != keys[i]) s = (s + 1) & (SLOTS - 1);
        table[s] = keys[i];
    }
    uint64_t found = 0, probes = 0;
    for (uint32_t i = 0; i < KEYS; i++) {
        uint32_t key = i & 1 ? keys[i] ^ 1 : keys[i]; // odd i: a key never inserted
        uint32_t s = (key * 2654435761u) >> 13;
        while (table[s] != 0 && table[s] != key) {
            s = (s + 1) & (SLOTS - 1);
            probes++;
        }
        found += table[s] == key;
    }
    return found << 32 | (probes & 0xffffffffu);
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

// Runs the kernel `runs` times on `data` and outputs "<ms> <ms> ... <checksum>".
static int time_runs(uint32_t* data, int runs)
{
    memset(data, 0, KERNEL_BYTES); // every page touched before timing
    kernel_init(data);
    char out[512];
    int len = 0;
    uint64_t checksum = 0;
    for (int r = 0; r < runs; r++) {
        double start = now_ms();
        checksum = kernel_run(data);
        len += snprintf(out + len, sizeof(out) - len, "%.3f ", now_ms() - start);
    }
    len += snprintf(out + len, sizeof(out) - len, "%llu", (unsigned long long)checksum);
    faasmSetOutput(out, len);
    return 0;
}
// ---- end of the kernel ----

int main(int argc, char* argv[])
{
    char input[8] = { 0 };
    long size = faasmGetInputSize();
    faasmGetInput((uint8_t*)input, size < 7 ? size : 7);
    int runs = atoi(input);
    if (runs < 1 || runs > 20) return 2;
    uint32_t* data = malloc(KERNEL_BYTES);
    if (!data) return 3;
    return time_runs(data, runs);
}
