// faasmBacktrace writes the wasm stack to stderr; the call carries on.
#include <faasm/faasm.h>

__attribute__((noinline)) void deepest(void) { faasmBacktrace(3); }
__attribute__((noinline)) void middle(void) { deepest(); }

int main(int argc, char* argv[])
{
    middle();
    faasmSetOutput("after backtrace", 15);
    return 0;
}
