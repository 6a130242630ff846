/* Faasm's print helper (faasm/cpp libfaasm/faasm/print.h), header-only here. */
#ifndef FAASM_PRINT_H
#define FAASM_PRINT_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
#include <iostream>

namespace faasm {
/* Prints the elements space-separated on one line. */
template<typename T> void printArray(T* data, size_t size)
{
    for (size_t i = 0; i < size; i++) {
        std::cout << data[i] << (i + 1 < size ? " " : "");
    }
    std::cout << std::endl;
}
} // namespace faasm
#endif

#endif
