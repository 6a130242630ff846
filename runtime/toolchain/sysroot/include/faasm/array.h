/*
 * Faasm's AsyncArray (faasm/cpp libfaasm/faasm/array.h): a typed view of a state value through
 * its pointer; every element accessed through [] is flagged dirty, and push sends only those.
 */
#ifndef FAASM_ARRAY_H
#define FAASM_ARRAY_H

#include "faasm/core.h"
#include "faasm/state.h"

#ifdef __cplusplus
#include <cstddef>

namespace faasm {
template<typename T> class AsyncArray
{
  public:
    AsyncArray(const char* keyIn, size_t nElemsIn)
      : key(keyIn), nElems(nElemsIn), bytesSize(nElemsIn * sizeof(T)), contents(nullptr)
    {}

    void zero()
    {
        zeroState(key, bytesSize);
        pullLazy();
    }

    T& operator[](int idx)
    {
        faasmFlagStateOffsetDirty(key, (long)bytesSize, (long)(idx * sizeof(T)), sizeof(T));
        return contents[idx];
    }

    /* Maps the local value, without asking the global tier. */
    void pullLazy() { contents = reinterpret_cast<T*>(faasmReadStatePtr(key, (long)bytesSize)); }

    void pull()
    {
        faasmPullState(key, (long)bytesSize);
        pullLazy();
    }

    void push() { faasmPushStatePartial(key); }

    T* data() { return contents; }

  private:
    const char* key;
    size_t nElems;
    size_t bytesSize;
    T* contents;
};
} // namespace faasm
#endif

#endif
