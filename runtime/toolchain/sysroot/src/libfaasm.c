/*
 * The Faasm C API on top of the host interface imports. Compiled once per
 * toolchain Worker and linked into every C/C++ build; gc-sections drops what a
 * function does not use, so a module imports only the host calls it needs.
 */
#include <stdlib.h>
#include <string.h>

#include "faasm/core.h"
#include "faasm/host_interface.h"

size_t faasmReadStateSize(const char* key) { return (size_t)__faasm_read_state(key, NULL, 0); }
long faasmReadState(const char* key, unsigned char* buffer, long bufferLen) { return __faasm_read_state(key, buffer, bufferLen); }
uint8_t* faasmReadStatePtr(const char* key, long totalLen) { return __faasm_read_state_ptr(key, totalLen); }
void faasmReadStateOffset(const char* key, long totalLen, long offset, uint8_t* buffer, long bufferLen)
{
    __faasm_read_state_offset(key, totalLen, offset, buffer, bufferLen);
}
uint8_t* faasmReadStateOffsetPtr(const char* key, long fullLen, long offset, long len)
{
    return __faasm_read_state_offset_ptr(key, fullLen, offset, len);
}
void faasmWriteState(const char* key, const uint8_t* data, long dataLen) { __faasm_write_state(key, data, dataLen); }
void faasmWriteStateOffset(const char* key, long totalLen, long offset, const uint8_t* data, long dataLen)
{
    __faasm_write_state_offset(key, totalLen, offset, data, dataLen);
}
void faasmAppendState(const char* key, const uint8_t* data, long dataLen) { __faasm_append_state(key, data, dataLen); }
void faasmReadAppendedState(const char* key, uint8_t* buffer, long bufferLen, long nElems)
{
    __faasm_read_appended_state(key, buffer, bufferLen, nElems);
}
void faasmClearAppendedState(const char* key) { __faasm_clear_appended_state(key); }
unsigned long faasmWriteStateFromFile(const char* key, const char* filePath)
{
    return (unsigned long)__faasm_write_state_from_file(key, filePath);
}
void faasmFlagStateDirty(const char* key, long totalLen) { __faasm_flag_state_dirty(key, totalLen); }
void faasmFlagStateOffsetDirty(const char* key, long totalLen, long offset, long len)
{
    __faasm_flag_state_offset_dirty(key, totalLen, offset, len);
}
int faasmPushState(const char* key) { return __faasm_push_state(key); }
int faasmPushStatePartial(const char* key) { return __faasm_push_state_partial(key); }
int faasmPushStatePartialMask(const char* key, const char* maskKey) { return __faasm_push_state_partial_mask(key, maskKey); }
int faasmPullState(const char* key, long stateLen) { return __faasm_pull_state(key, stateLen); }

void faasmLockStateRead(const char* key) { __faasm_lock_state_read(key); }
void faasmUnlockStateRead(const char* key) { __faasm_unlock_state_read(key); }
void faasmLockStateWrite(const char* key) { __faasm_lock_state_write(key); }
void faasmUnlockStateWrite(const char* key) { __faasm_unlock_state_write(key); }
void faasmLockStateGlobal(const char* key) { __faasm_lock_state_global(key); }
void faasmUnlockStateGlobal(const char* key) { __faasm_unlock_state_global(key); }
void faasmLockStateGlobalRead(const char* key) { __faasm_lock_state_global_read(key); }
void faasmUnlockStateGlobalRead(const char* key) { __faasm_unlock_state_global_read(key); }
void faasmLockStateGlobalWrite(const char* key) { __faasm_lock_state_global_write(key); }
void faasmUnlockStateGlobalWrite(const char* key) { __faasm_unlock_state_global_write(key); }

long faasmGetInputSize()
{
    unsigned char buf[1];
    return __faasm_read_input(buf, 0); /* a zero length asks for the size */
}
void faasmGetInput(uint8_t* buffer, long bufferLen) { __faasm_read_input(buffer, bufferLen); }
void faasmSetOutput(const char* newOutput, long outputLen) { __faasm_write_output(newOutput, outputLen); }

unsigned int faasmChainNamed(const char* name, const uint8_t* inputData, long inputDataSize)
{
    return __faasm_chain_name(name, inputData, inputDataSize);
}
unsigned int faasmChain(FaasmFuncPtr funcPtr, const uint8_t* inputData, long inputDataSize)
{
    return __faasm_chain_ptr(funcPtr, inputData, inputDataSize);
}
unsigned int faasmChainBatch(FaasmFuncPtr funcPtr, const char* inputData, int nFuncs)
{
    long len = (long)strlen(inputData);
    unsigned int* ids = malloc(sizeof(unsigned int) * (nFuncs > 0 ? nFuncs : 1));
    for (int i = 0; i < nFuncs; i++) {
        ids[i] = faasmChain(funcPtr, (const uint8_t*)inputData, len);
    }
    int failed = 0;
    for (int i = 0; i < nFuncs; i++) {
        failed |= faasmAwaitCall(ids[i]) != 0;
    }
    free(ids);
    return failed ? 1 : 0;
}
unsigned int faasmAwaitCall(unsigned int callId) { return (unsigned int)__faasm_await_call(callId); }
unsigned int faasmAwaitCallOutput(unsigned int messageId, char** output, int* outputLen)
{
    return (unsigned int)__faasm_await_call_output(messageId, output, outputLen);
}

unsigned int getConfFlag(const char* key) { return __faasm_conf_flag(key); }
void faasmBacktrace(const int depth) { __faasm_backtrace(depth); }

/* Default zygote; a user's FAASM_ZYGOTE() (a strong definition) wins. */
__attribute__((weak, noinline)) int _faasm_zygote() { return 0; }
