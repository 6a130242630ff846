// lesson8/goals: the goals of a serverless platform, each measured by what this call and the
// Faaslets it chains did. This module maps no state, so its own kernel runs raw (not rewritten);
// lesson8/checked is the same kernel with this runtime's SFI checks. Each line of the output is
// one goal: the figures measured and the verdict computed from them.
#include "faasm/faasm.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PAGE 65536
#define HOST_BYTES (4ull << 30)

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

static long long memory_bytes(void)
{
    return (long long)__builtin_wasm_memory_size(0) * PAGE;
}

// Chained by pointer: a store past the end of memory 0; the engine traps it.
int attack()
{
    volatile uint8_t* past_end = (volatile uint8_t*)(uintptr_t)(memory_bytes() + 16);
    *past_end = 1;
    return 0;
}

// Chained by pointer: an honest neighbour; outputs "<sum 1..1000> <its memory 0 bytes>".
int neighbour()
{
    long long sum = 0;
    for (int i = 1; i <= 1000; i++) sum += i;
    char out[64];
    int len = snprintf(out, sizeof(out), "%lld %lld", sum, memory_bytes());
    faasmSetOutput(out, len);
    return 0;
}

// Chained by pointer: the kernel, raw.
int raw_kernel()
{
    uint32_t* data = malloc(WORDS * sizeof(uint32_t));
    return data ? time_kernel(data) : 3;
}

// Awaits a call and copies its output into `out` (NUL-terminated); returns its return code.
static int await_text(unsigned int id, char* out, int size)
{
    char* output = NULL;
    int len = 0;
    int rc = faasmAwaitCallOutput(id, &output, &len);
    memset(out, 0, size);
    if (output) {
        memcpy(out, output, len < size - 1 ? len : size - 1);
        free(output);
    }
    return rc;
}

int main(int argc, char* argv[])
{
    char report[1024];
    int n = 0;
    char text[128];

    // Isolation: an attack beside a neighbour.
    unsigned int attacker = faasmChain(attack, NULL, 0);
    unsigned int honest = faasmChain(neighbour, NULL, 0);
    int attack_rc = faasmAwaitCall(attacker);
    int honest_rc = await_text(honest, text, sizeof(text));
    long long sum = 0, live_bytes = 0;
    sscanf(text, "%lld %lld", &sum, &live_bytes);
    int contained = attack_rc != 0 && honest_rc == 0 && sum == 500500;
    n += snprintf(report + n, sizeof(report) - n, "isolation: the attack failed (return code %d); its neighbour %s with sum %lld: %s\n",
        attack_rc, honest_rc == 0 ? "finished ok" : "FAILED", sum, contained ? "contained" : "NOT contained");

    // Density: the neighbour's memory 0, as the runtime gave it.
    n += snprintf(report + n, sizeof(report) - n, "density: a live Faaslet holds %lld KiB of memory 0; %llu would fit in 4 GiB\n",
        live_bytes / 1024, live_bytes > 0 ? HOST_BYTES / (unsigned long long)live_bytes : 0ull);

    // Performance: the same kernel raw and SFI-checked, one after the other.
    char raw_text[64], checked_text[64];
    int raw_rc = await_text(faasmChain(raw_kernel, NULL, 0), raw_text, sizeof(raw_text));
    int checked_rc = await_text(faasmChainNamed("checked", NULL, 0), checked_text, sizeof(checked_text));
    double raw_ms = 0, checked_ms = 0;
    unsigned long long raw_sum = 0, checked_sum = 1;
    sscanf(raw_text, "%lf %llu", &raw_ms, &raw_sum);
    sscanf(checked_text, "%lf %llu", &checked_ms, &checked_sum);
    if (raw_rc != 0 || checked_rc != 0 || raw_ms <= 0) {
        n += snprintf(report + n, sizeof(report) - n, "performance: a kernel call failed\n");
    } else {
        n += snprintf(report + n, sizeof(report) - n, "performance: raw %.2f ms, SFI-checked %.2f ms: %.2fx (checksums %s)\n",
            raw_ms, checked_ms, checked_ms / raw_ms, raw_sum == checked_sum ? "agree" : "DIFFER");
    }

    // Compatibility: a function written to Faasm's C++ API.
    char reversed[32];
    int compatible_rc = await_text(faasmChainNamed("compatible", (const uint8_t*)"stressed", 8), reversed, sizeof(reversed));
    n += snprintf(report + n, sizeof(report) - n, "compatibility: Faasm's C++ API turned \"stressed\" into \"%s\": %s\n",
        reversed, compatible_rc == 0 && strcmp(reversed, "desserts") == 0 ? "ok" : "FAILED");

    // Soft allocation: memory 0 grows on demand, and what a free gives back.
    long long before = memory_bytes();
    // volatile: else the compiler drops a malloc whose bytes no one reads, and its free.
    uint8_t* volatile block = malloc(8 << 20);
    if (block) memset(block, 1, 8 << 20);
    long long grown = memory_bytes();
    free(block);
    long long after = memory_bytes();
    n += snprintf(report + n, sizeof(report) - n, "soft allocation: memory 0 grew from %lld KiB to %lld KiB for an 8 MiB malloc; after free it is %lld KiB\n",
        before / 1024, grown / 1024, after / 1024);
    faasmSetOutput(report, n);
    return 0;
}
