// lesson9/cost: what isolation costs, measured. The same hash-table kernel three ways, one call
// at a time so they never compete for a core: raw (no rewrite), SFI-checked with private data,
// SFI-checked with its data in the shared window. ROUNDS calls of each, interleaved, each running
// the kernel RUNS times; a run's time is taken inside the Faaslet by the kernel's own clock.
// The first run of each module is the browser's first code for it; the rest are warm.
// Prints the medians and the ratios it computed, and writes them to the state key "cost_bars"
// (a title line, then "label<TAB>value<TAB>note" lines, NUL-padded) for the lesson's bar chart.
#include "faasm/faasm.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROUNDS 3
#define RUNS 5
#define VARIANTS 3

static const char* const FUNCTION[VARIANTS] = { "raw", "checked", "checked" };
static const char* const INPUT[VARIANTS] = { "5", "private 5", "shared 5" };
static const char* const NAME[VARIANTS] = { "raw", "SFI-checked, private data", "SFI-checked, shared window" };

static int by_value(const void* a, const void* b)
{
    double x = *(const double*)a, y = *(const double*)b;
    return (x > y) - (x < y);
}

static double median(double* xs, int n)
{
    qsort(xs, n, sizeof(double), by_value);
    return n % 2 ? xs[n / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
}

int main(int argc, char* argv[])
{
    double ms[VARIANTS][ROUNDS * RUNS];
    unsigned long long checksum[VARIANTS] = { 0 };
    for (int round = 0; round < ROUNDS; round++) {
        for (int v = 0; v < VARIANTS; v++) {
            unsigned int id = faasmChainNamed(FUNCTION[v], (const uint8_t*)INPUT[v], (long)strlen(INPUT[v]));
            char* output = NULL;
            int len = 0;
            if (faasmAwaitCallOutput(id, &output, &len) != 0) {
                printf("%s failed\n", NAME[v]);
                return 1;
            }
            char text[512] = { 0 };
            memcpy(text, output, len < 511 ? len : 511);
            free(output);
            char* cursor = text;
            for (int r = 0; r < RUNS; r++) ms[v][round * RUNS + r] = strtod(cursor, &cursor);
            checksum[v] = strtoull(cursor, NULL, 10);
        }
    }

    double first[VARIANTS], warm[VARIANTS];
    for (int v = 0; v < VARIANTS; v++) {
        first[v] = ms[v][0];
        warm[v] = median(ms[v] + 1, ROUNDS * RUNS - 1);
    }
    int agree = checksum[0] == checksum[1] && checksum[1] == checksum[2];

    char out[1024];
    int len = snprintf(out, sizeof(out), "kernel: hash table, 256 Ki keys; %d calls of each variant, %d runs per call\n", ROUNDS, RUNS);
    for (int v = 0; v < VARIANTS; v++) {
        len += snprintf(out + len, sizeof(out) - len, "%s: warm median %.2f ms, first run %.2f ms\n", NAME[v], warm[v], first[v]);
    }
    double checked = warm[1] / warm[0], shared = warm[2] / warm[0], cold = first[0] / warm[0];
    len += snprintf(out + len, sizeof(out) - len, "SFI-checked over raw: %.2fx\n", checked);
    len += snprintf(out + len, sizeof(out) - len, "shared window over raw: %.2fx\n", shared);
    len += snprintf(out + len, sizeof(out) - len, "first run over warm (raw): %.2fx\n", cold);
    len += snprintf(out + len, sizeof(out) - len, "checksums %s: %llu\n", agree ? "agree" : "DIFFER", checksum[0]);
    faasmSetOutput(out, len);

    // Always the key's full size: a state value keeps the size it was first written with.
    char bars[512] = { 0 };
    int n = snprintf(bars, sizeof(bars), "time over the raw warm run (x)\n");
    n += snprintf(bars + n, sizeof(bars) - n, "raw, warm\t1.00\t%.2f ms\n", warm[0]);
    n += snprintf(bars + n, sizeof(bars) - n, "SFI-checked, warm\t%.2f\t%.2f ms\n", checked, warm[1]);
    n += snprintf(bars + n, sizeof(bars) - n, "shared window, warm\t%.2f\t%.2f ms\n", shared, warm[2]);
    n += snprintf(bars + n, sizeof(bars) - n, "raw, first run\t%.2f\t%.2f ms\n", cold, first[0]);
    faasmWriteState("cost_bars", (const uint8_t*)bars, sizeof(bars));
    return agree ? 0 : 1;
}
