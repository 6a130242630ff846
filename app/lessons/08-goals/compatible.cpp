// lesson8/compatible: an ordinary C++ function written against Faasm's own C++ API
// (faasm/input.h), built by the same clang and wasi-libc the Faasm toolchain uses: it reverses
// its input with the standard library. Nothing here is specific to this playground.
#include "faasm/faasm.h"
#include "faasm/input.h"

#include <algorithm>
#include <string>

int main(int argc, char* argv[])
{
    std::string text = faasm::getStringInput("");
    std::reverse(text.begin(), text.end());
    faasmSetOutput(text.c_str(), (long)text.size());
    return 0;
}
