/*
 * dlopen and friends, which wasi-libc leaves undefined for static WASI programs: the host loads
 * side modules into this Faaslet (runtime/host/dynlink; README, "Dynamic linking").
 * Handles are small integers; a function pointer dlsym returns is a table index, as any is here.
 */
#include <dlfcn.h>
#include <stddef.h>
#include <stdint.h>

#define IMPORT(name) __attribute__((import_module("env"), import_name(#name)))

IMPORT(__faasm_dlopen) int __faasm_dlopen(const char* file, int mode);
IMPORT(__faasm_dlsym) int __faasm_dlsym(int handle, const char* symbol);
IMPORT(__faasm_dlclose) int __faasm_dlclose(int handle);
IMPORT(__faasm_dlerror) int __faasm_dlerror(char* buffer, int length);

void* dlopen(const char* file, int mode)
{
    return (void*)(uintptr_t)__faasm_dlopen(file, mode);
}

void* dlsym(void* restrict handle, const char* restrict symbol)
{
    return (void*)(uintptr_t)__faasm_dlsym((int)(uintptr_t)handle, symbol);
}

int dlclose(void* handle)
{
    return __faasm_dlclose((int)(uintptr_t)handle);
}

char* dlerror(void)
{
    static char error[512];
    return __faasm_dlerror(error, sizeof error) ? error : NULL;
}
