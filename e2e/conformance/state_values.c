// Whole values and offsets, copied and by pointer, read back the same.
#include <faasm/faasm.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char* argv[])
{
    const char* text = "abcdefgh";
    faasmWriteState("conformance_value", (const uint8_t*)text, 8);
    faasmWriteStateOffset("conformance_value", 8, 2, (const uint8_t*)"XY", 2);
    uint8_t copy[8];
    faasmReadState("conformance_value", copy, 8);
    uint8_t part[3];
    faasmReadStateOffset("conformance_value", 8, 1, part, 3);
    uint8_t* shared = faasmReadStatePtr("conformance_value", 8);
    char out[64];
    int len = snprintf(out, sizeof out, "%.8s %.3s %c size=%zu", copy, part, shared[7], faasmReadStateSize("conformance_value"));
    faasmSetOutput(out, len);
    return 0;
}
