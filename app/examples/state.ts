/** Functions that share state with no copy: a value mapped into two Faaslets, and a counter race. */
import lessonCounter from '../lessons/04-locks/counter.c?raw';

export const SHARE_C = `// demo/share: two Faaslets map the same state value, "board", into their memories
// (faasmReadStatePtr). Each writes through an ordinary pointer; the other sees the bytes
// at once, with no copy and no host call. Open the State tab to watch the value.
#include "faasm/faasm.h"

#include <stdio.h>
#include <string.h>

#define BOARD 64

// Chained by pointer: runs in a second Faaslet, on the same host as its caller.
int reply()
{
    char* board = (char*)faasmReadStatePtr("board", BOARD);
    printf("B reads through its own pointer %p: \\"%s\\"\\n", (void*)board, board);
    strcat(board, " and hello from B");
    return 0;
}

int main(int argc, char* argv[])
{
    char* board = (char*)faasmReadStatePtr("board", BOARD);
    memset(board, 0, BOARD);
    strcpy(board, "hello from A");
    printf("A wrote through %p (the shared window starts at 0x80000000)\\n", (void*)board);

    unsigned int id = faasmChain(reply, 0, 0);
    if (faasmAwaitCall(id) != 0) {
        printf("B failed\\n");
        return 1;
    }
    // No read_state here: A's pointer already shows what B wrote.
    faasmSetOutput(board, (long)strlen(board));
    return 0;
}
`;

/** The same code as lesson 4's counter: one file to keep right. */
export const COUNTER_C = lessonCounter.replace('lesson4/counter', 'demo/counter');
