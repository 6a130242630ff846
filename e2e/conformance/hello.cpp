// stdout is captured apart from the output; the input reaches faasm::getStringInput.
#include <faasm/faasm.h>
#include <faasm/input.h>
#include <stdio.h>
#include <string>

int main(int argc, char* argv[])
{
    printf("a Faaslet says hello\n");
    std::string name = faasm::getStringInput("nobody");
    faasm::setStringOutput(("hello " + name).c_str());
    return 0;
}
