/*
 * Replaces wasi-libc's crt1-command.o (linked with -nostartfiles).
 *
 * The host runs __wasm_call_ctors and _faasm_zygote ONCE, snapshots, and starts
 * every call from that snapshot with _start. wasi-libc's _start would run the
 * constructors again (resetting globals the zygote set up) and traps when
 * entered twice, so this _start only runs main and the destructors.
 */
#include <wasi/api.h>

extern int __main_void(void);
extern void __wasm_call_dtors(void);
extern void __wasi_init_tp(void);

/* Thread-pointer setup (errno, locale) must precede every other constructor;
 * priorities below 101 are reserved for the implementation, which this is. */
#pragma clang diagnostic ignored "-Wprio-ctor-dtor"
__attribute__((constructor(1))) static void faasm_init_tp(void) { __wasi_init_tp(); }

void _start(void)
{
    int r = __main_void();
    __wasm_call_dtors(); /* runs atexit handlers and flushes stdio */
    if (r != 0) {
        __wasi_proc_exit((__wasi_exitcode_t)r);
    }
}
