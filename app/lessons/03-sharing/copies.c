// lesson3/copies: the same exchange through copies (faasmReadState / faasmWriteState).
#include "faasm/faasm.h"

#include <stdio.h>
#include <string.h>

#define BOARD 64

// Chained by pointer; its input says whether to write its copy back.
int reply(int writeBack)
{
    char copy[BOARD] = { 0 };
    faasmReadState("letter", (uint8_t*)copy, BOARD);
    strcat(copy, " and hello from B"); // only B's private copy changes
    if (writeBack) faasmWriteState("letter", (const uint8_t*)copy, BOARD);
    return 0;
}

int main(int argc, char* argv[])
{
    char copy[BOARD] = { 0 };
    strcpy(copy, "hello from A");
    faasmWriteState("letter", (const uint8_t*)copy, BOARD);

    char out[192];
    int len = 0;
    const char* steps[] = { "B changed its copy", "B wrote its copy back" };
    for (int writeBack = 0; writeBack < 2; writeBack++) {
        if (faasmAwaitCall(faasmChain(reply, (const uint8_t*)(writeBack ? "1" : "0"), 1)) != 0) return 1;
        faasmReadState("letter", (uint8_t*)copy, BOARD);
        len += snprintf(out + len, sizeof(out) - len, "%s%s: A reads \"%s\"", writeBack ? "\n" : "", steps[writeBack], copy);
    }
    faasmSetOutput(out, len);
    return 0;
}
