/** A library built as a side module, and a function that loads it with dlopen (README, "Dynamic linking"). */

export const LIBSQUARE_C = `// demo/libsquare: a shared library (a side module, clang -fPIC -shared); building it installs
// /lib/libsquare.so in demo's files, where demo/dlopen loads it. A library has no main and never
// runs by itself; it may call the host and the libc functions a function that calls dlopen exports.
#include <stdio.h>

int calls = 0;

int square(int x)
{
    calls++;
    return x * x;
}

void describe(char* out, int size, int x)
{
    snprintf(out, size, "square(%d) = %d, call %d of the library", x, square(x), calls);
}
`;

export const DLOPEN_C = `// demo/dlopen: loads demo/libsquare with dlopen and calls it through function pointers.
// Build demo/libsquare first: it is installed as /lib/libsquare.so.
#include "faasm/faasm.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char* argv[])
{
    char text[32] = "7";
    long size = faasmGetInputSize();
    if (size > 0 && size < 32) {
        faasmGetInput((uint8_t*)text, size);
        text[size] = '\\0';
    }

    // A bare name is looked up in /lib, as "/lib/libsquare.so" would be.
    void* lib = dlopen("libsquare.so", RTLD_NOW);
    if (!lib) {
        const char* why = dlerror();
        faasmSetOutput(why, strlen(why));
        return 1;
    }
    int (*square)(int) = (int (*)(int))dlsym(lib, "square");
    void (*describe)(char*, int, int) = (void (*)(char*, int, int))dlsym(lib, "describe");
    int* calls = (int*)dlsym(lib, "calls");

    char out[96];
    describe(out, sizeof out, atoi(text));
    int nine = square(3);
    printf("square(3) = %d; the library's counter is %d\\n", nine, *calls);
    faasmSetOutput(out, strlen(out));
    dlclose(lib);
    return 0;
}
`;

/** What a new library starts as, in C or C++. */
export function starterLibrary(key: string, language: 'c' | 'cpp'): string {
  const name = key.slice(key.indexOf('/') + 1);
  const linkage = language === 'cpp' ? 'extern "C" ' : '';
  return `// ${key}: a shared library; building it installs /lib/${name}.so, which a function loads with
// dlopen("/lib/${name}.so") and calls through dlsym's function pointers.
${linkage}int answer(int x)
{
    return x + 42;
}
`;
}
