// lesson3/copies: the same exchange through copies (read_state / write_state).
#include "faasm/faasm.h"

#include <stdio.h>
#include <string.h>

#define BOARD 64

int reply()
{
    char copy[BOARD] = { 0 };
    faasmReadState("letter", (uint8_t*)copy, BOARD);
    strcat(copy, " and hello from B");   // only B's private copy changes
    return 0;
}

int main(int argc, char* argv[])
{
    char copy[BOARD] = { 0 };
    strcpy(copy, "hello from A");
    faasmWriteState("letter", (const uint8_t*)copy, BOARD);
    if (faasmAwaitCall(faasmChain(reply, 0, 0)) != 0) return 1;
    faasmReadState("letter", (uint8_t*)copy, BOARD);
    char out[128];
    int len = snprintf(out, sizeof(out), "A reads back: \"%s\" (B's change stayed in B's copy)", copy);
    faasmSetOutput(out, len);
    return 0;
}
