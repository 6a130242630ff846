/*
 * Faasm's core C API: prototypes as in faasm/cpp libfaasm/faasm/core.h.
 * Implemented by the toolchain's libfaasm (sysroot/src/libfaasm.c).
 */
#ifndef FAASMC_CORE_H
#define FAASMC_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "faasm/memory.h"

#ifdef __cplusplus
#define BYTES(arr) reinterpret_cast<uint8_t*>(arr)
extern "C" {
#else
#define BYTES(arr) ((uint8_t*)(arr))
#endif

/* A function of this module that can be chained by pointer. */
typedef int (*FaasmFuncPtr)();

/* State */
size_t faasmReadStateSize(const char* key);
long faasmReadState(const char* key, unsigned char* buffer, long bufferLen);
void faasmReadAppendedState(const char* key,
                            uint8_t* buffer,
                            long bufferLen,
                            long nElems);
uint8_t* faasmReadStatePtr(const char* key, long totalLen);
void faasmReadStateOffset(const char* key,
                          long totalLen,
                          long offset,
                          uint8_t* buffer,
                          long bufferLen);
uint8_t* faasmReadStateOffsetPtr(const char* key,
                                 long fullLen,
                                 long offset,
                                 long len);
void faasmWriteState(const char* key, const uint8_t* data, long dataLen);
void faasmAppendState(const char* key, const uint8_t* data, long dataLen);
void faasmClearAppendedState(const char* key);
void faasmWriteStateOffset(const char* key,
                           long totalLen,
                           long offset,
                           const uint8_t* data,
                           long dataLen);
unsigned long faasmWriteStateFromFile(const char* key, const char* filePath);
void faasmFlagStateDirty(const char* key, long totalLen);
void faasmFlagStateOffsetDirty(const char* key,
                               long totalLen,
                               long offset,
                               long len);
/* 0, or -ENOSPC / -EIO when the global tier's store fails (nothing written). */
int faasmPushState(const char* key);
int faasmPushStatePartial(const char* key);
int faasmPushStatePartialMask(const char* key, const char* maskKey);
int faasmPullState(const char* key, long stateLen);

/* Local locks */
void faasmLockStateRead(const char* key);
void faasmUnlockStateRead(const char* key);
void faasmLockStateWrite(const char* key);
void faasmUnlockStateWrite(const char* key);

/* Global locks: a project extension in Faasm's naming style (ABI.md). */
void faasmLockStateGlobal(const char* key);
void faasmUnlockStateGlobal(const char* key);
void faasmLockStateGlobalRead(const char* key);
void faasmUnlockStateGlobalRead(const char* key);
void faasmLockStateGlobalWrite(const char* key);
void faasmUnlockStateGlobalWrite(const char* key);

/* Input and output */
long faasmGetInputSize();
void faasmGetInput(uint8_t* buffer, long bufferLen);
void faasmSetOutput(const char* newOutput, long outputLen);

/* Chaining */
unsigned int faasmChainNamed(const char* name,
                             const uint8_t* inputData,
                             long inputDataSize);
unsigned int faasmChain(FaasmFuncPtr funcPtr,
                        const uint8_t* inputData,
                        long inputDataSize);
unsigned int faasmChainBatch(FaasmFuncPtr funcPtr,
                             const char* inputData,
                             int nFuncs);
unsigned int faasmAwaitCall(unsigned int callId);
/* The host mallocs the output inside this module and sets *output, *outputLen. */
unsigned int faasmAwaitCallOutput(unsigned int messageId,
                                  char** output,
                                  int* outputLen);

/* Misc */
unsigned int getConfFlag(const char* key);
void faasmBacktrace(const int depth);

/* Zygote: runs once before the reset snapshot; libfaasm has a weak no-op. */
int __attribute__((weak)) _faasm_zygote();
#define FAASM_ZYGOTE() int _faasm_zygote()

#ifdef __cplusplus
}

/* Older Faasm code passes uint8_t* output; keep it compiling in C++. */
inline void faasmSetOutput(const uint8_t* newOutput, long outputLen)
{
    faasmSetOutput(reinterpret_cast<const char*>(newOutput), outputLen);
}
#endif

#endif
