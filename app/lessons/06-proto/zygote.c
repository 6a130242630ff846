// lesson6/zygote: its zygote builds a 1 MiB lookup table once (costly on purpose: each entry is
// 48 rounds of a hash, as an interpreter's start-up would be); the Proto-Faaslet keeps it.
// Every later Faaslet of this function starts from that image (restored, or reset in
// place when warm) and never runs the zygote again. Main checks the table, and chains
// three copies of itself by pointer: they start restored. See the Proto-Faaslets tab.
#include "faasm/faasm.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define ENTRIES (256 * 1024)
#define ROUNDS 48

static uint32_t table[ENTRIES];   // 1 MiB, filled by the zygote
static int zygotes = 0;            // how often this memory saw the zygote run
static int calls = 0;              // every call starts from the post-zygote state: always 1

static uint32_t hash(uint32_t x)
{
    for (int r = 0; r < ROUNDS; r++) {
        x ^= x >> 16;
        x *= 0x45d9f3bu;
    }
    return x;
}

FAASM_ZYGOTE()
{
    for (uint32_t i = 0; i < ENTRIES; i++) table[i] = hash(i);
    zygotes++;
    return 0;
}

static uint32_t checksum(void)
{
    uint32_t sum = 0;
    for (uint32_t i = 0; i < ENTRIES; i++) sum ^= table[i] + i;
    return sum;
}

// Chained by pointer: runs in another Faaslet, restored from the Proto-Faaslet.
int check()
{
    calls++;
    char out[64];
    int len = snprintf(out, sizeof(out), "%08x zygotes=%d calls=%d", checksum(), zygotes, calls);
    faasmSetOutput(out, len);
    return 0;
}

int main(int argc, char* argv[])
{
    calls++;
    unsigned int ids[3];
    for (int i = 0; i < 3; i++) ids[i] = faasmChain(check, 0, 0);

    char result[256];
    int len = snprintf(result, sizeof(result), "main: %08x zygotes=%d calls=%d", checksum(), zygotes, calls);
    for (int i = 0; i < 3; i++) {
        char* output = NULL;
        int outputLen = 0;
        if (faasmAwaitCallOutput(ids[i], &output, &outputLen) != 0) return 1;
        len += snprintf(result + len, sizeof(result) - len, "\ncheck: %.*s", outputLen, output);
    }
    faasmSetOutput(result, len);
    return 0;
}
