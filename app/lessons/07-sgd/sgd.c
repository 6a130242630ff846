// lesson7/sgd: HOGWILD-style SGD. Four Faaslets (main and three chained by pointer) fit a
// linear model, y = w.x, to 20,000 generated examples, each on its own shard.
// Input "shared": the weights are one state value that every Faaslet maps
// (faasmReadStatePtr) and updates in place, with no lock and no copy.
// Input "copy": each round a worker pulls the weights from the global tier, copies them into
// private memory, trains a mini-batch, writes them back and pushes (the way Faaslets on
// different hosts must share). Main also records (ms, held-out loss) points into the
// state key sgd_loss_<variant>, which the lesson's plot reads live.
#include "faasm/faasm.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WORKERS 4
#define FEATURES 256
#define SHARD 5000        // examples per worker
#define EPOCHS 2
#define BATCH 100         // examples per pull/push round (copy)
#define HELD_OUT 256
#define RATE 0.002
#define NOISE 0.1         // the labels' noise: no model's loss can go below NOISE^2 / 2
#define THRESHOLD 0.05    // 10x that floor
#define MAX_POINTS 1024
#define SAMPLE_MS 2.0
#define WEIGHTS "weights"

typedef struct {
    float x[FEATURES];
    float y;
} Example;

// What each worker reports to main.
typedef struct {
    long privateBytes;    // bytes of weights it held in private memory
    long copiedBytes;     // weight bytes it copied in and out of private memory
    long rounds;          // pull/push rounds (copy)
    long memory0;         // its memory 0 at the end
} Usage;

static uint32_t rng;
static float uniform(void)   // in [-1, 1)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return (float)(rng >> 8) / (float)(1 << 23) - 1.0f;
}

// The same data in every Faaslet, from fixed seeds: the true weights, then the examples.
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

static void train_shared(int me, const Example* shard, Usage* usage)
{
    double* w = (double*)faasmReadStatePtr(WEIGHTS, FEATURES * sizeof(double));
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
        for (int i = 0; i < SHARD; i++) {
            step(w, &shard[i]);
            if ((i & 63) == 0) maybe_record(me, w);
        }
    }
    usage->privateBytes = 0;
    usage->copiedBytes = 0;
}

static void train_copy(int me, const Example* shard, Usage* usage)
{
    double* w = malloc(FEATURES * sizeof(double));
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
        for (int i = 0; i < SHARD; i += BATCH) {
            faasmPullState(WEIGHTS, FEATURES * sizeof(double));
            faasmReadState(WEIGHTS, (uint8_t*)w, FEATURES * sizeof(double));
            maybe_record(me, w);
            for (int b = i; b < i + BATCH && b < SHARD; b++) step(w, &shard[b]);
            faasmWriteState(WEIGHTS, (uint8_t*)w, FEATURES * sizeof(double));
            faasmPushState(WEIGHTS);
            usage->rounds++;
        }
    }
    usage->privateBytes = FEATURES * sizeof(double);
    usage->copiedBytes = usage->rounds * 2 * FEATURES * sizeof(double);
    free(w);
}

static void train(int me, int copy, Usage* usage)
{
    Example* shard = malloc(SHARD * sizeof(Example));
    generate(shard, SHARD, 1000 + me);
    memset(usage, 0, sizeof(*usage));
    if (copy) train_copy(me, shard, usage);
    else train_shared(me, shard, usage);
    usage->memory0 = (long)__builtin_wasm_memory_size(0) * 65536;
    free(shard);
}

// Chained by pointer; its input is "<copy> <worker>".
int worker()
{
    char input[8] = { 0 };
    faasmGetInput((uint8_t*)input, sizeof(input) - 1);
    Usage usage;
    train(input[2] - '0', input[0] == '1', &usage);
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
    train(0, copy, &usage[0]);
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
        sum.privateBytes += usage[i].privateBytes;
        sum.copiedBytes += usage[i].copiedBytes;
        sum.rounds += usage[i].rounds;
        sum.memory0 += usage[i].memory0;
    }
    // Host memory holding weights: the local tier's value plus every private copy.
    long weightBytes = (long)sizeof(zeros) + sum.privateBytes;
    char reached[64];
    if (reachedMs < 0) snprintf(reached, sizeof(reached), "threshold %.2f not reached", THRESHOLD);
    else snprintf(reached, sizeof(reached), "threshold %.2f reached at %.0f ms", THRESHOLD, reachedMs);
    char out[640];
    int len = snprintf(out, sizeof(out),
        "%s: %d Faaslets, %d features, %d examples, %d epochs\n"
        "loss %.4f -> %.4f in %.0f ms\n"
        "%s\n"
        "weight memory: %ld B (local tier %ld B + private copies %ld B)\n"
        "weights copied: %ld B in %ld pull/push rounds\n"
        "memory 0: %.1f MiB per Faaslet (mostly its shard of the data)",
        copy ? "copy" : "shared", WORKERS, FEATURES, WORKERS * SHARD, EPOCHS,
        first, last, total, reached, weightBytes, (long)sizeof(zeros), sum.privateBytes,
        sum.copiedBytes, sum.rounds, sum.memory0 / (double)WORKERS / (1 << 20));
    faasmSetOutput(out, len);
    return 0;
}
