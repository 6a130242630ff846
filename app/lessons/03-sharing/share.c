// lesson3/share: A and B map the same state value and write through their own pointers.
#include "faasm/faasm.h"

#include <stdio.h>
#include <string.h>

#define BOARD 64

int reply()
{
    char* board = (char*)faasmReadStatePtr("board", BOARD);
    strcat(board, " and hello from B");
    return 0;
}

int main(int argc, char* argv[])
{
    char* board = (char*)faasmReadStatePtr("board", BOARD);
    memset(board, 0, BOARD);
    strcpy(board, "hello from A");
    if (faasmAwaitCall(faasmChain(reply, 0, 0)) != 0) return 1;
    faasmSetOutput(board, (long)strlen(board));
    return 0;
}
