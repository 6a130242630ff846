/* Faasm's C++ input helpers (faasm/cpp libfaasm/faasm/input.h), header-only here. */
#ifndef FAASM_INPUT_H
#define FAASM_INPUT_H

#include "faasm/core.h"

#ifdef __cplusplus
#include <cstdlib>
#include <cstring>

namespace faasm {
template<typename T>
T getTypedInput(T defaultValue)
{
    if (faasmGetInputSize() == 0) {
        return defaultValue;
    }
    T inputBuff;
    faasmGetInput(BYTES(&inputBuff), sizeof(T));
    return inputBuff;
}

/* NUL-terminated copy of the input (leaked, as in Faasm), or the default. */
inline const char* getStringInput(const char* defaultValue)
{
    long inputSize = faasmGetInputSize();
    if (inputSize == 0) {
        return defaultValue;
    }
    uint8_t* buffer = new uint8_t[inputSize + 1];
    faasmGetInput(buffer, inputSize);
    buffer[inputSize] = 0;
    return reinterpret_cast<const char*>(buffer);
}

inline void setStringOutput(const char* val)
{
    faasmSetOutput(val, (long)std::strlen(val));
}

/* Parses up to `expected` space-separated ints. */
inline int* parseStringToIntArray(const char* inStr, int expected)
{
    int* result = new int[expected];
    const char* p = inStr;
    for (int i = 0; i < expected; i++) {
        char* end = nullptr;
        result[i] = (int)std::strtol(p, &end, 10);
        if (end == p) {
            result[i] = 0;
        }
        p = end;
    }
    return result;
}
} // namespace faasm
#endif

#endif
