/* Faasm's state helpers (faasm/cpp libfaasm/faasm/state.h), header-only here. */
#ifndef FAASM_STATE_H
#define FAASM_STATE_H

#include <stddef.h>

#include "faasm/core.h"

#define BIT_MASK_8 0b11111111
#define BIT_MASK_32 0b11111111111111111111111111111111

#ifdef __cplusplus
#include <vector>

namespace faasm {
/* Marks double number `idx` in a mask of unsigned ints (two ints per double) for a masked push. */
inline void maskDouble(unsigned int* maskArray, unsigned long idx)
{
    maskArray[2 * idx] = BIT_MASK_32;
    maskArray[2 * idx + 1] = BIT_MASK_32;
}

/* Sets the key's value to stateLen zero bytes, here and in the global tier. */
inline void zeroState(const char* key, size_t stateLen)
{
    std::vector<uint8_t> zeros(stateLen, 0);
    faasmWriteState(key, zeros.data(), (long)stateLen);
    faasmPushState(key);
}
} // namespace faasm
#endif

#endif
