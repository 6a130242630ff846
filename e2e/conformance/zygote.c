// _faasm_zygote runs once; every call starts from its snapshot, so each sees 41 and outputs 42.
#include <faasm/faasm.h>
#include <stdio.h>

static int counter = 0;

FAASM_ZYGOTE()
{
    counter = 41;
    return 0;
}

int main(int argc, char* argv[])
{
    counter++;
    char out[16];
    int len = snprintf(out, sizeof out, "%d", counter);
    faasmSetOutput(out, len);
    return 0;
}
