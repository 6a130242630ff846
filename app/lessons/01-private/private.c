// lesson1/private: three attempts to leave a Faaslet's private memory, each in its own Faaslet.
#include "faasm/faasm.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// 1. Write one byte just past the end of memory 0.
int past_end()
{
    volatile char* end = (volatile char*)(__builtin_wasm_memory_size(0) * 65536);
    *end = 1;
    return 0;
}

// 2. Read just below the shared window: memory 0 can never be that large.
int high_read()
{
    return *(volatile int*)0x7FFFFFF0;
}

// 3. Read through a pointer into another Faaslet's heap (its address comes as input).
int foreign()
{
    char input[16] = { 0 };
    faasmGetInput((uint8_t*)input, sizeof(input) - 1);
    const char* p = (const char*)(uintptr_t)strtoul(input, NULL, 16);
    char seen[32] = { 0 };
    memcpy(seen, p, sizeof(seen) - 1);
    faasmSetOutput(seen, (long)strlen(seen));
    return 0;
}

static void report(char* out, size_t size, const char* what, unsigned int id)
{
    unsigned int rc = faasmAwaitCall(id);
    size_t len = strlen(out);
    snprintf(out + len, size - len, "%s: %s\n", what, rc == 0 ? "did not trap" : "trapped");
}

int main(int argc, char* argv[])
{
    char* secret = malloc(32);
    strcpy(secret, "the secret of Faaslet A");
    char address[16];
    int len = snprintf(address, sizeof(address), "%lx", (unsigned long)(uintptr_t)secret);

    unsigned int a = faasmChain(past_end, 0, 0);
    unsigned int b = faasmChain(high_read, 0, 0);
    unsigned int c = faasmChain(foreign, (const uint8_t*)address, len);

    char out[256] = { 0 };
    report(out, sizeof(out), "write past the end of memory 0", a);
    report(out, sizeof(out), "read 0x7ffffff0", b);

    char* seen = NULL;
    int seenLen = 0;
    faasmAwaitCallOutput(c, &seen, &seenLen);
    size_t used = strlen(out);
    snprintf(out + used, sizeof(out) - used, "Faaslet B read \"%.*s\" at 0x%s, where Faaslet A keeps \"%s\"",
        seenLen, seen, address, secret);
    faasmSetOutput(out, (long)strlen(out));
    return 0;
}
