/*
 * dlopen and friends, which wasi-libc leaves undefined for static WASI programs: each fails
 * with a dlerror() text saying why, instead of a link error (README, "Dynamic linking").
 */
#include <dlfcn.h>
#include <stddef.h>

static const char* lastError = NULL;

void* dlopen(const char* file, int mode)
{
    (void)file, (void)mode;
    lastError = "dlopen: dynamic linking is not available in Faaslet Playground: functions are linked as "
                "static modules that export no symbols and the runtime has no side-module loader; link the "
                "code into the function instead";
    return NULL;
}

void* dlsym(void* handle, const char* symbol)
{
    (void)handle, (void)symbol;
    lastError = "dlsym: no library is loaded (dlopen is not available here)";
    return NULL;
}

int dlclose(void* handle)
{
    (void)handle;
    lastError = "dlclose: no library is loaded (dlopen is not available here)";
    return -1;
}

char* dlerror(void)
{
    const char* error = lastError;
    lastError = NULL;
    return (char*)error;
}
