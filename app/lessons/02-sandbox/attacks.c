// lesson2/attacks: first a wild pointer to every kind of host call (lesson2/bad_pointer, one
// Faaslet each), then every other attack in its own Faaslet, beside a heartbeat that keeps
// computing. Each attack ends only its own Faaslet.
#include "faasm/faasm.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HOST_CALLS 24

int oob_store()
{
    volatile char* end = (volatile char*)(__builtin_wasm_memory_size(0) * 65536 + 4096);
    *end = 1;
    return 0;
}

static int add(int a, int b)
{
    return a + b;
}

int bad_function_pointer()
{
    // A valid table index, but of a function taking two ints, called as taking none: the
    // call_indirect checks the signature (control-flow integrity) and traps.
    volatile uintptr_t index = (uintptr_t)add;
    fprintf(stderr, "calling table[%lu], an int (int, int), as an int (void)\n", (unsigned long)index);
    int (*forged)(void) = (int (*)(void))index;
    return forged();
}

int infinite_loop()
{
    for (volatile int spin = 1; spin;) { }
    return 0;
}

int memory_bomb()
{
    long mib = 0;
    // Touch each block: clang may drop a malloc whose result is never used.
    for (volatile char* block; (block = malloc(1024 * 1024)) != NULL; mib++) block[0] = 1;
    char out[64];
    int len = snprintf(out, sizeof(out), "malloc returned NULL after %ld MiB", mib);
    faasmSetOutput(out, len);
    return 0;
}

static volatile int depth;

// Small frames on the engine's stack (nothing on the Faaslet's own stack in memory 0), so the
// engine's stack guard is what stops it.
static int deeper(int n)
{
    depth = n;
    int result = deeper(n + 1);
    depth = result;
    return result;
}

int stack_overflow()
{
    return deeper(0);
}

int heartbeat()
{
    volatile double x = 0;
    for (long i = 0; i < 20000000; i++) x += 1.0 / (i + 1);
    int32_t beats = 0; // a missing key reads as zeros
    faasmReadState("beats", (uint8_t*)&beats, sizeof(beats));
    beats++;
    faasmWriteState("beats", (uint8_t*)&beats, sizeof(beats));
    faasmSetOutput("still beating", 13);
    return 0;
}

int main(int argc, char* argv[])
{
    char mode[8] = { 0 };
    faasmGetInput((uint8_t*)mode, sizeof(mode) - 1);
    if (strcmp(mode, "bomb") == 0) {
        // The chain bomb: each call chains another, until the depth limit refuses one.
        return faasmAwaitCall(faasmChainNamed("attacks", (const uint8_t*)"bomb", 4)) == 0 ? 0 : 1;
    }

    char out[512] = { 0 };
    size_t len = 0;

    unsigned int calls[HOST_CALLS];
    for (int i = 0; i < HOST_CALLS; i++) {
        char which[4];
        int whichLen = snprintf(which, sizeof(which), "%d", i);
        calls[i] = faasmChainNamed("bad_pointer", (const uint8_t*)which, whichLen);
    }
    int refused = 0;
    for (int i = 0; i < HOST_CALLS; i++) refused += faasmAwaitCall(calls[i]) != 0;
    len += snprintf(out + len, sizeof(out) - len, "wild pointers: %d of %d host calls refused\n", refused, HOST_CALLS);

    const char* names[] = { "out-of-bounds store", "corrupted function pointer", "infinite loop", "heartbeat",
        "memory bomb", "stack overflow", "chain bomb" };
    FaasmFuncPtr attacks[] = { oob_store, bad_function_pointer, infinite_loop, heartbeat, memory_bomb, stack_overflow };
    unsigned int ids[7];
    for (int i = 0; i < 6; i++) ids[i] = faasmChain(attacks[i], 0, 0);
    // Chained last, so every attack's call id comes before the bomb's chain.
    ids[6] = faasmChainNamed("attacks", (const uint8_t*)"bomb", 4);

    for (int i = 0; i < 7; i++) {
        char* output = NULL;
        int outputLen = 0;
        unsigned int rc = faasmAwaitCallOutput(ids[i], &output, &outputLen);
        len += snprintf(out + len, sizeof(out) - len, "%s: return code %u%s%.*s\n", names[i], rc,
            rc == 0 && outputLen ? ", " : "", rc == 0 ? outputLen : 0, output);
    }
    faasmSetOutput(out, (long)len);

    // The host is unharmed: files work as before (the Files tab lists this report).
    FILE* report = fopen("attacks.txt", "w");
    if (report == NULL || fputs(out, report) < 0 || fclose(report) != 0) return 1;
    return 0;
}
