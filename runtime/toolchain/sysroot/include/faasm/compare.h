/* Faasm's C++ array comparison helper (faasm/cpp libfaasm/faasm/compare.h). */
#ifndef FAASM_COMPARE_H
#define FAASM_COMPARE_H

#ifdef __cplusplus
#include <cstdio>

namespace faasm {
template<typename T>
bool compareArrays(T* a, T* b, int len)
{
    for (int i = 0; i < len; i++) {
        if (a[i] != b[i]) {
            std::printf("Arrays not equal at index %d\n", i);
            return false;
        }
    }
    return true;
}
} // namespace faasm
#endif

#endif
