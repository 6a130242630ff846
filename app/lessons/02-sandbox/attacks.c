// lesson2/attacks: every attack in its own Faaslet, and a heartbeat that keeps computing.
#include "faasm/faasm.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int oob_store()
{
    volatile char* end = (volatile char*)(__builtin_wasm_memory_size(0) * 65536 + 4096);
    *end = 1;
    return 0;
}

int bad_host_pointer()
{
    // 4 KiB from an address near the top of memory 0: the host refuses it.
    faasmWriteState("stolen", (const uint8_t*)0x7FFFF000, 4096);
    return 0;
}

int bad_function_pointer()
{
    volatile uintptr_t forged = 123456;
    int (*f)(void) = (int (*)(void))forged;
    return f();
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

static int deeper(volatile int n)
{
    volatile char frame[1024];
    frame[0] = (char)n;
    return deeper(n + 1) + frame[0];
}

int stack_overflow()
{
    return deeper(0);
}

int heartbeat()
{
    volatile double x = 0;
    for (long i = 0; i < 20000000; i++) x += 1.0 / (i + 1);
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

    const char* names[] = { "out-of-bounds store", "bad host pointer", "corrupted function pointer", "infinite loop",
        "memory bomb", "stack overflow", "heartbeat" };
    FaasmFuncPtr attacks[] = { oob_store, bad_host_pointer, bad_function_pointer, infinite_loop, memory_bomb,
        stack_overflow, heartbeat };
    unsigned int ids[8];
    for (int i = 0; i < 7; i++) ids[i] = faasmChain(attacks[i], 0, 0);
    ids[7] = faasmChainNamed("attacks", (const uint8_t*)"bomb", 4);

    char out[512] = { 0 };
    size_t len = 0;
    for (int i = 0; i < 8; i++) {
        char* output = NULL;
        int outputLen = 0;
        unsigned int rc = faasmAwaitCallOutput(ids[i], &output, &outputLen);
        const char* name = i < 7 ? names[i] : "chain bomb";
        len += snprintf(out + len, sizeof(out) - len, "%s: return code %u%s%.*s\n", name, rc,
            rc == 0 && outputLen ? ", " : "", rc == 0 ? outputLen : 0, output);
    }
    faasmSetOutput(out, (long)len);
    return 0;
}
