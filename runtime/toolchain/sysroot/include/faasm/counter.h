/*
 * Faasm's counters in state (faasm/cpp libfaasm/faasm/counter.h), header-only here: an int
 * value per key, read and written with faasmReadState/faasmWriteState.
 */
#ifndef FAASM_COUNTER_H
#define FAASM_COUNTER_H

#include "faasm/core.h"

#define COUNTER_KEY "atomic_counter"

#ifdef __cplusplus
#include <string>

namespace faasm {
inline int readCounterValue(const char* counterKey)
{
    int value = 0;
    faasmReadState(counterKey, BYTES(&value), sizeof(int));
    return value;
}

inline void writeCounterValue(const char* counterKey, int value)
{
    faasmWriteState(counterKey, BYTES(&value), sizeof(int));
}

inline void initCounter(const char* counterKey) { writeCounterValue(counterKey, 0); }

inline int getCounter(const char* counterKey) { return readCounterValue(counterKey); }

inline void incrementCounter(const char* counterKey)
{
    writeCounterValue(counterKey, readCounterValue(counterKey) + 1);
}

/* Adds `increment` and returns the new value; under the key's global lock when asked. */
inline int incrementCounter(const char* counterKey, int increment, bool globalLock)
{
    if (globalLock) faasmLockStateGlobal(counterKey);
    int value = readCounterValue(counterKey) + increment;
    writeCounterValue(counterKey, value);
    if (globalLock) faasmUnlockStateGlobal(counterKey);
    return value;
}

/* A counter in state that `+=` increments under its global lock. */
class AtomicInt
{
  public:
    AtomicInt() : AtomicInt(COUNTER_KEY) {}
    explicit AtomicInt(const std::string& keyIn) : value(0), key(keyIn) {}

    int operator+=(int other)
    {
        value = incrementCounter(key.c_str(), other, true);
        return value;
    }

    int get()
    {
        value = getCounter(key.c_str());
        return value;
    }

    void reset() { initCounter(key.c_str()); }

  private:
    int value;
    std::string key;
};
} // namespace faasm
#endif

#endif
