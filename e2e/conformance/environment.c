// getenv sees Faasm's environment variables.
#include <faasm/faasm.h>
#include <stdio.h>
#include <stdlib.h>

static const char* show(const char* name)
{
    const char* value = getenv(name);
    return value ? value : "(unset)";
}

int main(int argc, char* argv[])
{
    char out[128];
    int len = snprintf(out, sizeof out, "PYTHONHASHSEED=%s MKL_NUM_THREADS=%s PYTHONHOME=%s NOPE=%s", show("PYTHONHASHSEED"),
                       show("MKL_NUM_THREADS"), show("PYTHONHOME"), show("NOPE"));
    faasmSetOutput(out, len);
    return 0;
}
