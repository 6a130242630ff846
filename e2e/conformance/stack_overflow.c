// Unbounded recursion runs off the 4 MiB stack: the call traps.
#include <stdio.h>

__attribute__((noinline)) int descend(volatile int depth)
{
    volatile char frame[512];
    frame[0] = (char)depth;
    return descend(depth + 1) + frame[0];
}

int main(int argc, char* argv[])
{
    printf("descending\n");
    return descend(0);
}
