// lesson4/counter: two Faaslets add 1 to one shared counter 100,000 times each, at the
// same time. Input "lock": every add holds the key's write lock, so the total is exactly
// 200,000. Input "nolock": the adds race, and updates are lost (a lesson, not a bug).
// The counter is one state value mapped into both Faaslets (faasmReadStatePtr). Main is one of
// the two adders, so a host with two free slots keeps both on one local tier (a chained call
// stays on its caller's host while it has a free slot). If they still land on different hosts,
// each maps its own host's copy: they never meet, and the output says so instead of a count.
#include "faasm/faasm.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ADDS 100000

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

// Each adder waits for the other here, so that they really run at the same time. This run's
// token tells this run's arrival from an earlier one's. Returns whether the other arrived: not,
// when it runs on another host (another local tier). Main writes its token before it chains
// the second adder, so that one knows at once; main waits at most 10 s of wall-clock time.
// The arrivals go through faasmReadState and faasmWriteStateOffset, which reach the local tier
// itself, so they meet with copied state too (there a pointer is a private copy until a lock).
static int meet(int me, int32_t token)
{
    int32_t arrived[2];
    faasmReadState("arrived", (unsigned char*)arrived, sizeof(arrived));
    if (me == 1 && arrived[0] != token) return 0;
    faasmWriteStateOffset("arrived", sizeof(arrived), me * sizeof(int32_t), (unsigned char*)&token, sizeof(token));
    double start = now_ms();
    do {
        faasmReadState("arrived", (unsigned char*)arrived, sizeof(arrived));
        if (arrived[1 - me] == token) return 1;
    } while (now_ms() - start < 10000);
    return 0;
}

static int add_all(int locked, int me, int32_t token)
{
    volatile int32_t* counter = (volatile int32_t*)faasmReadStatePtr("counter", sizeof(int32_t));
    if (!meet(me, token)) return 0;
    for (int i = 0; i < ADDS; i++) {
        if (locked) faasmLockStateWrite("counter");
        // Read, work a little (as a real update would), write back: without the lock the
        // other Faaslet may write in between, and one of the two adds is lost.
        int32_t value = *counter;
        for (volatile int work = 0; work < 64; work++) { }
        *counter = value + 1;
        if (locked) faasmUnlockStateWrite("counter");
    }
    return 1;
}

// Chained by pointer: the second adder; its input is "<locked> <token>". Returns 2 if it
// could not meet main (another host), else 0.
int add()
{
    char input[24] = { 0 };
    faasmGetInput((uint8_t*)input, sizeof(input) - 1);
    return add_all(input[0] == '1', 1, (int32_t)atol(input + 2)) ? 0 : 2;
}

int main(int argc, char* argv[])
{
    char mode[16] = { 0 };
    long size = faasmGetInputSize();
    faasmGetInput((uint8_t*)mode, size < 15 ? size : 15);
    int locked = strcmp(mode, "nolock") != 0;

    // Any number this run alone is likely to use: microseconds of the clock, never 0.
    int32_t token = (int32_t)((long long)(now_ms() * 1000) % 2000000000LL) | 1;
    int32_t zeros[2] = { 0, 0 };
    faasmWriteState("counter", (uint8_t*)zeros, sizeof(int32_t));
    int32_t arrived[2] = { token, 0 };
    faasmWriteState("arrived", (uint8_t*)arrived, sizeof(arrived));

    char input[24];
    int input_len = snprintf(input, sizeof(input), "%c %d", locked ? '1' : '0', (int)token);
    unsigned int other = faasmChain(add, (const uint8_t*)input, input_len);
    int met = add_all(locked, 0, token);
    int other_rc = faasmAwaitCall(other);

    char result[256];
    int len;
    if (!met || other_rc == 2) {
        // Each adder mapped its own host's copy of the counter: there was no race to see.
        len = snprintf(result, sizeof(result),
            "the adders never met: they ran on different hosts, each with its own local tier, "
            "so there was no shared counter to race on (give one host 2 free slots and run again)");
    } else if (other_rc != 0) {
        len = snprintf(result, sizeof(result), "the second adder failed (return code %d)", other_rc);
    } else {
        int32_t total = 0;
        faasmReadState("counter", (uint8_t*)&total, sizeof(total));
        int lost = 2 * ADDS - (int)total;
        if (locked || lost > 0) {
            len = snprintf(result, sizeof(result), "counter = %d (%s; %d updates lost)",
                (int)total, locked ? "with the write lock" : "no lock", lost);
        } else {
            len = snprintf(result, sizeof(result),
                "counter = %d (no lock; 0 updates lost this time: the two loops did not overlap, "
                "the machine ran one adder after the other; run again)", (int)total);
        }
    }
    faasmSetOutput(result, len);
    return 0;
}
