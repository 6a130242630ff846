/*
 * Faasm's host interface: the wasm imports (module "env") that libfaasm calls.
 * Names and prototypes follow faasm/cpp libfaasm/faasm/host_interface.h; each is
 * declared as an explicit import so that any other undefined symbol still fails
 * at link time. In wasm32, long, int and pointers are all i32.
 */
#ifndef FAASM_HOST_INTERFACE_H
#define FAASM_HOST_INTERFACE_H

#ifdef __cplusplus
extern "C" {
#endif

#define FAASM_IMPORT(name) \
    __attribute__((import_module("env"), import_name(#name)))

/* Input and output */
FAASM_IMPORT(__faasm_read_input)
long __faasm_read_input(unsigned char* buffer, long bufferLen);
FAASM_IMPORT(__faasm_write_output)
void __faasm_write_output(const char* output, long outputLen);

/* Chaining */
FAASM_IMPORT(__faasm_chain_name)
unsigned int __faasm_chain_name(const char* name,
                                const unsigned char* inputData,
                                long inputDataSize);
FAASM_IMPORT(__faasm_chain_ptr)
unsigned int __faasm_chain_ptr(int (*funcPtr)(),
                               const unsigned char* inputData,
                               long inputDataSize);
FAASM_IMPORT(__faasm_await_call)
int __faasm_await_call(unsigned int messageId);
FAASM_IMPORT(__faasm_await_call_output)
int __faasm_await_call_output(unsigned int messageId,
                              char** output,
                              int* outputLen);

/* State: whole values */
FAASM_IMPORT(__faasm_read_state)
long __faasm_read_state(const char* key, unsigned char* buffer, long bufferLen);
FAASM_IMPORT(__faasm_read_state_ptr)
unsigned char* __faasm_read_state_ptr(const char* key, long totalLen);
FAASM_IMPORT(__faasm_write_state)
void __faasm_write_state(const char* key,
                         const unsigned char* data,
                         long dataLen);

/* State: offsets */
FAASM_IMPORT(__faasm_read_state_offset)
void __faasm_read_state_offset(const char* key,
                               long totalLen,
                               long offset,
                               unsigned char* buffer,
                               long bufferLen);
FAASM_IMPORT(__faasm_read_state_offset_ptr)
unsigned char* __faasm_read_state_offset_ptr(const char* key,
                                             long totalLen,
                                             long offset,
                                             long len);
FAASM_IMPORT(__faasm_write_state_offset)
void __faasm_write_state_offset(const char* key,
                                long totalLen,
                                long offset,
                                const unsigned char* data,
                                long dataLen);
FAASM_IMPORT(__faasm_flag_state_dirty)
void __faasm_flag_state_dirty(const char* key, long totalLen);
FAASM_IMPORT(__faasm_flag_state_offset_dirty)
void __faasm_flag_state_offset_dirty(const char* key,
                                     long totalLen,
                                     long offset,
                                     long dataLen);

/* State: appended values */
FAASM_IMPORT(__faasm_append_state)
void __faasm_append_state(const char* key,
                          const unsigned char* data,
                          long dataLen);
FAASM_IMPORT(__faasm_read_appended_state)
void __faasm_read_appended_state(const char* key,
                                 unsigned char* data,
                                 long dataLen,
                                 long nElems);
FAASM_IMPORT(__faasm_clear_appended_state)
void __faasm_clear_appended_state(const char* key);

/* State: tiers. Faasm declares these void; here they return 0, or -ENOSPC (quota
 * full) or -EIO (another IndexedDB failure) when the global tier's store fails and
 * nothing was written. A module built against Faasm's void declarations still links
 * and runs: a void import ignores the host function's result. */
FAASM_IMPORT(__faasm_push_state)
int __faasm_push_state(const char* key);
FAASM_IMPORT(__faasm_push_state_partial)
int __faasm_push_state_partial(const char* key);
FAASM_IMPORT(__faasm_push_state_partial_mask)
int __faasm_push_state_partial_mask(const char* key, const char* maskKey);
FAASM_IMPORT(__faasm_pull_state)
int __faasm_pull_state(const char* key, long stateLen);

/* Local locks */
FAASM_IMPORT(__faasm_lock_state_read)
void __faasm_lock_state_read(const char* key);
FAASM_IMPORT(__faasm_unlock_state_read)
void __faasm_unlock_state_read(const char* key);
FAASM_IMPORT(__faasm_lock_state_write)
void __faasm_lock_state_write(const char* key);
FAASM_IMPORT(__faasm_unlock_state_write)
void __faasm_unlock_state_write(const char* key);

/* Global locks (Faasm until 2022, plus read/write variants: see ABI.md) */
FAASM_IMPORT(__faasm_lock_state_global)
void __faasm_lock_state_global(const char* key);
FAASM_IMPORT(__faasm_unlock_state_global)
void __faasm_unlock_state_global(const char* key);
FAASM_IMPORT(__faasm_lock_state_global_read)
void __faasm_lock_state_global_read(const char* key);
FAASM_IMPORT(__faasm_unlock_state_global_read)
void __faasm_unlock_state_global_read(const char* key);
FAASM_IMPORT(__faasm_lock_state_global_write)
void __faasm_lock_state_global_write(const char* key);
FAASM_IMPORT(__faasm_unlock_state_global_write)
void __faasm_unlock_state_global_write(const char* key);

/* Files and misc */
FAASM_IMPORT(__faasm_write_state_from_file)
unsigned int __faasm_write_state_from_file(const char* key,
                                           const char* filePath);
FAASM_IMPORT(__faasm_conf_flag)
unsigned int __faasm_conf_flag(const char* key);
FAASM_IMPORT(__faasm_backtrace)
void __faasm_backtrace(const int depth);

#undef FAASM_IMPORT

#ifdef __cplusplus
}
#endif

#endif
