// malloc, calloc (zeroed), anonymous mmap and munmap.
#include <faasm/faasm.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

int main(int argc, char* argv[])
{
    int* zeros = calloc(1000, sizeof(int));
    long sum = 0;
    for (int i = 0; i < 1000; i++) sum += zeros[i];
    char* mapped = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) return 2;
    mapped[65535] = 9;
    int tail = mapped[65535];
    int unmapped = munmap(mapped, 65536);
    char out[64];
    int len = snprintf(out, sizeof out, "calloc sum %ld, mmap tail %d, munmap %d", sum, tail, unmapped);
    faasmSetOutput(out, len);
    return 0;
}
