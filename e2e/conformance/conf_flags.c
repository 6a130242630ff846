// getConfFlag answers Faasm's flags; an unknown one is 0.
#include <faasm/faasm.h>
#include <stdio.h>

int main(int argc, char* argv[])
{
    char out[32];
    int len = snprintf(out, sizeof out, "%u %u %u %u", getConfFlag("ALWAYS_ON"), getConfFlag("ALWAYS_OFF"),
                       getConfFlag("PYTHON_PRELOAD"), getConfFlag("NOT_A_FLAG"));
    faasmSetOutput(out, len);
    return 0;
}
