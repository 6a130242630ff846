// Chains functions of its own module by pointer, one with an int input, and reads their outputs.
#include <faasm/faasm.h>
#include <faasm/input.h>
#include <string>

int square(int x)
{
    std::string out = std::to_string(x * x);
    faasm::setStringOutput(out.c_str());
    return 0;
}

int main(int argc, char* argv[])
{
    std::string total;
    for (int i = 1; i <= 3; i++) {
        std::string in = std::to_string(i);
        unsigned int id = faasmChain((FaasmFuncPtr)square, (const uint8_t*)in.c_str(), in.size());
        char* out;
        int len;
        if (faasmAwaitCallOutput(id, &out, &len) != 0) return 1;
        total += std::string(out, len) + (i < 3 ? "," : "");
    }
    faasm::setStringOutput(total.c_str());
    return 0;
}
