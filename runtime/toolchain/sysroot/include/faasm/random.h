/* Faasm's C++ random helpers (faasm/cpp libfaasm/faasm/random.h), header-only here. */
#ifndef FAASM_RANDOM_H
#define FAASM_RANDOM_H

#ifdef __cplusplus
#include <algorithm>
#include <random>
#include <string>

namespace faasm {
/* One generator per module, seeded from WASI random_get on first use. */
inline std::mt19937& faasmRng()
{
    static std::random_device rd;
    static std::mt19937 rng(rd());
    return rng;
}

inline int randomInteger(int iStart, int iEnd)
{
    std::uniform_int_distribution<int> uni(iStart, iEnd);
    return uni(faasmRng());
}

inline float randomFloat()
{
    std::uniform_real_distribution<float> uni(0, 1);
    return uni(faasmRng());
}

inline void shuffleArray(int* arrayIn, size_t arrayLen)
{
    std::shuffle(arrayIn, arrayIn + arrayLen, faasmRng());
}

inline int* randomIntRange(int rangeLen)
{
    int* range = new int[rangeLen];
    for (int i = 0; i < rangeLen; i++) {
        range[i] = i;
    }
    shuffleArray(range, rangeLen);
    return range;
}

inline std::string randomString(int len)
{
    static const char alphanum[] = "123456789"
                                   "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                   "abcdefghijklmnopqrstuvwxyz";
    std::uniform_int_distribution<int> uni(0, sizeof(alphanum) - 2);
    std::string result;
    for (int i = 0; i < len; i++) {
        result += alphanum[uni(faasmRng())];
    }
    return result;
}
} // namespace faasm
#endif

#endif
