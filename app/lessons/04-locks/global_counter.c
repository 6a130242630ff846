// lesson4/global_counter: a counter kept in the global tier (IndexedDB), which every host and
// every tab of the playground shares and which survives a reload. Four Faaslets each add
// 10,000 to it, in rounds of pull -> add -> push, each round under the global write lock:
// however the rounds of the two hosts interleave, no update is lost.
// Input: rounds per Faaslet (a divisor of 10,000; default 100), or "read" to just print it.
// Watch the State tab: each host's local copy, and the global version rising.
#include "faasm/faasm.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY "global_counter"
#define ADDERS 4
#define PER_ADDER 10000

// Refresh this host's local copy from the global tier, and read it.
static int64_t pull_counter(void)
{
    int64_t value = 0;
    faasmPullState(KEY, sizeof(value));
    faasmReadState(KEY, (uint8_t*)&value, sizeof(value));
    return value;
}

static int64_t read_counter(void)
{
    faasmLockStateGlobalRead(KEY);
    int64_t value = pull_counter();
    faasmUnlockStateGlobalRead(KEY);
    return value;
}

// Chained by pointer; its input is the number of rounds.
int add()
{
    char input[16] = { 0 };
    faasmGetInput((uint8_t*)input, sizeof(input) - 1);
    int rounds = atoi(input);
    for (int i = 0; i < rounds; i++) {
        faasmLockStateGlobalWrite(KEY);
        int64_t value = pull_counter() + PER_ADDER / rounds;
        faasmWriteState(KEY, (uint8_t*)&value, sizeof(value)); // flags it dirty
        faasmPushState(KEY);
        faasmUnlockStateGlobalWrite(KEY);
    }
    return 0;
}

int main(int argc, char* argv[])
{
    char input[16] = { 0 };
    long size = faasmGetInputSize();
    faasmGetInput((uint8_t*)input, size < 15 ? size : 15);
    char result[128];
    if (strcmp(input, "read") == 0) {
        int len = snprintf(result, sizeof(result), "global counter = %lld", (long long)read_counter());
        faasmSetOutput(result, len);
        return 0;
    }
    int rounds = input[0] ? atoi(input) : 100;
    if (rounds <= 0 || PER_ADDER % rounds != 0) {
        printf("rounds must divide %d\n", PER_ADDER);
        return 1;
    }

    int64_t before = read_counter();
    unsigned int ids[ADDERS];
    char rounds_text[16];
    int rounds_len = snprintf(rounds_text, sizeof(rounds_text), "%d", rounds);
    for (int i = 0; i < ADDERS; i++) ids[i] = faasmChain(add, (const uint8_t*)rounds_text, rounds_len);
    for (int i = 0; i < ADDERS; i++) {
        if (faasmAwaitCall(ids[i]) != 0) {
            printf("adder %d failed\n", i);
            return 1;
        }
    }
    int64_t after = read_counter();
    int len = snprintf(result, sizeof(result), "global counter = %lld (was %lld; +%lld from %d Faaslets)",
        (long long)after, (long long)before, (long long)(after - before), ADDERS);
    faasmSetOutput(result, len);
    return 0;
}
