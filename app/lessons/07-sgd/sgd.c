// lesson7/sgd: HOGWILD-style SGD. Four Faaslets (main and three chained by pointer) fit a
// linear model, y = w.x, to 20,000 generated examples, each on its own shard.
// Input "shared": the data set and the weights are state values that every Faaslet maps
// (faasmReadStatePtr / faasmReadStateOffsetPtr); updates go into the weights in place, with no
// lock and no copy.
// Input "copy": the way Faaslets on different hosts must share. Each worker pulls the data set
// from the global tier and copies its shard into private memory; each round it pulls the
// weights, copies them in, trains a mini-batch, writes them back and pushes.
// Main records (ms, held-out loss) points into the state key sgd_loss_<variant>, which the
// lesson's plot reads live.
#include "faasm/faasm.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WORKERS 4
#define FEATURES 256
#define SHARD 5000        // examples per worker
#define EPOCHS 100
#define BATCH 1000        // examples per pull/push round (copy)
#define HELD_OUT 256
#define RATE 0.00003
#define NOISE 0.1         // the labels' noise: no model's loss can go below NOISE^2 / 2
#define THRESHOLD 0.05    // 10x that floor
#define MAX_POINTS 2048
#define SAMPLE_MS 10.0
#define WEIGHTS "weights"
#define DATA "sgd_data"

typedef struct {
    float x[FEATURES];
    float y;
} Example;

#define SHARD_BYTES ((long)SHARD * (long)sizeof(Example))
#define DATA_BYTES (WORKERS * SHARD_BYTES)

// What each worker reports to main.
typedef struct {
    long rounds;          // weight pull/push rounds (copy)
    long copiedBytes;     // bytes it copied between state and private memory
} Usage;

static uint32_t rng;
static float uniform(void)   // in [-1, 1)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return (float)(rng >> 8) / (float)(1 << 23) - 1.0f;
}

// From fixed seeds: the true weights, then the examples.
static void generate(Example* out, int n, uint32_t seed)
{
    float truth[FEATURES];
    rng = 7;
    for (int j = 0; j < FEATURES; j++) truth[j] = uniform();
    rng = seed;
    for (int i = 0; i < n; i++) {
        double y = 0;
        for (int j = 0; j < FEATURES; j++) y += truth[j] * (out[i].x[j] = uniform());
        out[i].y = (float)(y + NOISE * 1.7320508 * uniform());   // uniform noise, variance NOISE^2
    }
}

static void step(double* w, const Example* e)
{
    double err = -e->y;
    for (int j = 0; j < FEATURES; j++) err += w[j] * e->x[j];
    double g = RATE * err;
    for (int j = 0; j < FEATURES; j++) w[j] -= g * e->x[j];
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

// Main's loss trace, mapped: a point count, then (ms, loss) pairs.
typedef struct {
    int32_t count;
    int32_t pad;
    double points[MAX_POINTS][2];
} Trace;

static Example* heldOut;
static volatile Trace* trace;   // volatile: the page reads it while main writes
static double start, lastSample = -1e9, reachedMs = -1;

static double loss(const double* w)
{
    double sum = 0;
    for (int i = 0; i < HELD_OUT; i++) {
        double err = -heldOut[i].y;
        for (int j = 0; j < FEATURES; j++) err += w[j] * heldOut[i].x[j];
        sum += err * err;
    }
    return sum / (2 * HELD_OUT);
}

static double record(const double* w)
{
    double ms = now_ms() - start, value = loss(w);
    if (reachedMs < 0 && value < THRESHOLD) reachedMs = ms;
    int n = trace->count < MAX_POINTS ? trace->count : MAX_POINTS - 1;   // the last slot: the final point
    trace->points[n][0] = ms;
    trace->points[n][1] = value;
    trace->count = n + 1;   // last, so the page does not draw a point before it is written
    lastSample = ms;
    return value;
}

// Only main samples, at most every SAMPLE_MS.
static void maybe_record(int me, const double* w)
{
    if (me == 0 && now_ms() - start - lastSample >= SAMPLE_MS) record(w);
}

static void train_shared(int me, Usage* usage)
{
    const Example* shard = (const Example*)faasmReadStateOffsetPtr(DATA, DATA_BYTES, me * SHARD_BYTES, SHARD_BYTES);
    double* w = (double*)faasmReadStatePtr(WEIGHTS, FEATURES * sizeof(double));
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
        for (int i = 0; i < SHARD; i++) {
            step(w, &shard[i]);
            if ((i & 63) == 0) maybe_record(me, w);
        }
    }
    memset(usage, 0, sizeof(*usage));
}

// `shard` is main's own private shard, which it generated; a worker pulls and copies its own.
static void train_copy(int me, Example* shard, Usage* usage)
{
    memset(usage, 0, sizeof(*usage));
    if (!shard) {
        faasmPullState(DATA, DATA_BYTES);
        shard = malloc(SHARD_BYTES);
        faasmReadStateOffset(DATA, DATA_BYTES, me * SHARD_BYTES, (uint8_t*)shard, SHARD_BYTES);
        usage->copiedBytes += SHARD_BYTES;
    }
    double* w = malloc(FEATURES * sizeof(double));
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
        for (int i = 0; i < SHARD; i += BATCH) {
            faasmPullState(WEIGHTS, FEATURES * sizeof(double));
            faasmReadState(WEIGHTS, (uint8_t*)w, FEATURES * sizeof(double));
            for (int b = i; b < i + BATCH && b < SHARD; b++) {
                step(w, &shard[b]);
                if ((b & 63) == 0) maybe_record(me, w);
            }
            faasmWriteState(WEIGHTS, (uint8_t*)w, FEATURES * sizeof(double));
            faasmPushState(WEIGHTS);
            usage->rounds++;
            usage->copiedBytes += 2 * FEATURES * sizeof(double);
        }
    }
}

// Chained by pointer; its input is "<copy> <worker>".
int worker()
{
    char input[8] = { 0 };
    faasmGetInput((uint8_t*)input, sizeof(input) - 1);
    Usage usage;
    if (input[0] == '1') train_copy(input[2] - '0', NULL, &usage);
    else train_shared(input[2] - '0', &usage);
    faasmSetOutput((const char*)&usage, sizeof(usage));
    return 0;
}

int main(int argc, char* argv[])
{
    char variant[16] = { 0 };
    long size = faasmGetInputSize();
    faasmGetInput((uint8_t*)variant, size < 15 ? size : 15);
    int copy = strcmp(variant, "copy") == 0;
    if (!copy && variant[0] && strcmp(variant, "shared") != 0) {
        printf("input: shared or copy\n");
        return 1;
    }

    // Start from zero weights, in the local tier and (copy) in the global tier.
    double zeros[FEATURES] = { 0 };
    faasmWriteState(WEIGHTS, (uint8_t*)zeros, sizeof(zeros));
    if (copy) faasmPushState(WEIGHTS);

    // The data set, in state. Shared: generated in place. Copy: shard by shard through one
    // private buffer, then pushed; the last shard generated is main's own.
    Example* mine = NULL;
    if (copy) {
        mine = malloc(SHARD_BYTES);
        for (int w = WORKERS - 1; w >= 0; w--) {
            generate(mine, SHARD, 1000 + w);
            faasmWriteStateOffset(DATA, DATA_BYTES, w * SHARD_BYTES, (uint8_t*)mine, SHARD_BYTES);
        }
        faasmPushState(DATA);
    } else {
        Example* data = (Example*)faasmReadStatePtr(DATA, DATA_BYTES);
        for (int w = 0; w < WORKERS; w++) generate(data + (long)w * SHARD, SHARD, 1000 + w);
    }
    trace = (volatile Trace*)faasmReadStatePtr(copy ? "sgd_loss_copy" : "sgd_loss_shared", sizeof(Trace));
    trace->count = 0;
    heldOut = malloc(HELD_OUT * sizeof(Example));
    generate(heldOut, HELD_OUT, 999);

    unsigned int ids[WORKERS];
    for (int i = 1; i < WORKERS; i++) {
        char input[4] = { copy ? '1' : '0', ' ', (char)('0' + i), 0 };
        ids[i] = faasmChain(worker, (const uint8_t*)input, 3);
    }
    start = now_ms();
    double first = record(zeros);
    Usage usage[WORKERS];
    if (copy) train_copy(0, mine, &usage[0]);
    else train_shared(0, &usage[0]);
    for (int i = 1; i < WORKERS; i++) {
        char* output = NULL;
        int len = 0;
        if (faasmAwaitCallOutput(ids[i], &output, &len) != 0 || len != sizeof(Usage)) {
            printf("worker %d failed\n", i);
            return 1;
        }
        memcpy(&usage[i], output, sizeof(Usage));
        free(output);
    }

    // The final loss, of the weights as they now are (the global tier's, for copy).
    double* w = malloc(sizeof(zeros));
    if (copy) faasmPullState(WEIGHTS, sizeof(zeros));
    faasmReadState(WEIGHTS, (uint8_t*)w, sizeof(zeros));
    double last = record(w);
    double total = now_ms() - start;

    Usage sum = { 0 };
    for (int i = 0; i < WORKERS; i++) {
        sum.rounds += usage[i].rounds;
        sum.copiedBytes += usage[i].copiedBytes;
    }
    char reached[64];
    if (reachedMs < 0) snprintf(reached, sizeof(reached), "threshold %.2f not reached", THRESHOLD);
    else snprintf(reached, sizeof(reached), "threshold %.2f reached at %.0f ms", THRESHOLD, reachedMs);
    char out[512];
    int len = snprintf(out, sizeof(out),
        "%s: %d Faaslets, %d features, %d examples (%.1f MiB in state), %d epochs\n"
        "loss %.4f -> %.4f in %.0f ms\n"
        "%s\n"
        "copied between state and private memory: %.1f MiB (%ld weight pull/push rounds)",
        copy ? "copy" : "shared", WORKERS, FEATURES, WORKERS * SHARD, DATA_BYTES / 1048576.0, EPOCHS,
        first, last, total, reached, sum.copiedBytes / 1048576.0, sum.rounds);
    faasmSetOutput(out, len);
    return 0;
}
