// A non-zero return is the call's return code; the output becomes Faasm's failure message.
#include <faasm/faasm.h>

int main(int argc, char* argv[])
{
    faasmSetOutput("replaced", 8);
    return 7;
}
