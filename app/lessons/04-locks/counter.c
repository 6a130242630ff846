// lesson4/counter: two Faaslets add 1 to one shared counter 100,000 times each, at the
// same time. Input "lock": every add holds the key's write lock, so the total is exactly
// 200,000. Input "nolock": the adds race, and updates are lost (a lesson, not a bug).
// The counter is one state value mapped into both Faaslets (faasmReadStatePtr).
#include "faasm/faasm.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ADDS 100000

// Each adder waits for the other here, so that they really run at the same time.
static void meet(volatile int32_t* arrived, int me)
{
    arrived[me] = 1;
    for (long spins = 0; !arrived[1 - me] && spins < 500000000L; spins++) { }
}

// Chained by pointer; its input is "<locked> <which adder>".
int add()
{
    char input[8] = { 0 };
    faasmGetInput((uint8_t*)input, sizeof(input) - 1);
    int locked = input[0] == '1';
    int me = input[2] == '1';

    volatile int32_t* counter = (volatile int32_t*)faasmReadStatePtr("counter", sizeof(int32_t));
    meet((volatile int32_t*)faasmReadStatePtr("arrived", 2 * sizeof(int32_t)), me);
    for (int i = 0; i < ADDS; i++) {
        if (locked) faasmLockStateWrite("counter");
        // Read, work a little (as a real update would), write back: without the lock the
        // other Faaslet may write in between, and one of the two adds is lost.
        int32_t value = *counter;
        for (volatile int work = 0; work < 8; work++) { }
        *counter = value + 1;
        if (locked) faasmUnlockStateWrite("counter");
    }
    return 0;
}

int main(int argc, char* argv[])
{
    char mode[16] = { 0 };
    long size = faasmGetInputSize();
    faasmGetInput((uint8_t*)mode, size < 15 ? size : 15);
    int locked = strcmp(mode, "nolock") != 0;

    int32_t zeros[2] = { 0, 0 };
    faasmWriteState("counter", (uint8_t*)zeros, sizeof(int32_t));
    faasmWriteState("arrived", (uint8_t*)zeros, sizeof(zeros));

    unsigned int ids[2];
    for (int me = 0; me < 2; me++) {
        char input[4] = { locked ? '1' : '0', ' ', (char)('0' + me), 0 };
        ids[me] = faasmChain(add, (const uint8_t*)input, 3);
    }
    for (int me = 0; me < 2; me++) {
        if (faasmAwaitCall(ids[me]) != 0) {
            printf("adder %d failed\n", me);
            return 1;
        }
    }

    int32_t total = 0;
    faasmReadState("counter", (uint8_t*)&total, sizeof(total));
    char result[96];
    int len = snprintf(result, sizeof(result), "counter = %d (%s; %d updates lost)",
        (int)total, locked ? "with the write lock" : "no lock", 2 * ADDS - (int)total);
    faasmSetOutput(result, len);
    return 0;
}
