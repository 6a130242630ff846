// A Monte-Carlo estimate of pi in Faasm's style: workers append their hit counts to one key and
// the caller reads them all. The workers wait until every count is in, so all five run at once,
// on both hosts: appended state must be one sequence for the whole cluster.
#include <faasm/faasm.h>
#include <faasm/random.h>
#include <stdio.h>
#include <string.h>

#define WORKERS 5
#define SAMPLES 100000
#define KEY "pi_hits"

static int countsIn(int* buffer, int capacity)
{
    for (int i = 0; i < capacity; i++) buffer[i] = -1;
    faasmReadAppendedState(KEY, (uint8_t*)buffer, capacity * sizeof(int), capacity);
    int n = 0;
    while (n < capacity && buffer[n] >= 0) n++;
    return n;
}

int worker()
{
    int hits = 0;
    for (int i = 0; i < SAMPLES; i++) {
        double x = faasm::randomFloat();
        double y = faasm::randomFloat();
        if (x * x + y * y <= 1.0) hits++;
    }
    faasmAppendState(KEY, (const uint8_t*)&hits, sizeof hits);
    int seen[WORKERS];
    while (countsIn(seen, WORKERS) < WORKERS) {
    }
    return 0;
}

int main(int argc, char* argv[])
{
    faasmClearAppendedState(KEY);
    unsigned int ids[WORKERS];
    for (int i = 0; i < WORKERS; i++) ids[i] = faasmChain(worker, nullptr, 0);
    for (int i = 0; i < WORKERS; i++) {
        if (faasmAwaitCall(ids[i]) != 0) return 1;
    }
    // Asking for twice as many elements reads the five that exist and leaves the rest alone.
    int counts[2 * WORKERS];
    int found = countsIn(counts, 2 * WORKERS);
    long hits = 0;
    for (int i = 0; i < found; i++) hits += counts[i];
    double pi = 4.0 * hits / ((double)WORKERS * SAMPLES);
    faasmClearAppendedState(KEY);
    int afterClear = countsIn(counts, 2 * WORKERS);
    char out[96];
    int len = snprintf(out, sizeof out, "%d counts, pi %s, %d after clear", found,
                       pi > 3.1 && pi < 3.2 ? "within 0.05" : "off", afterClear);
    faasmSetOutput(out, len);
    printf("pi is about %.3f\n", pi);
    return 0;
}
