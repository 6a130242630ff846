/** `demo/hello`, written three ways: the function every new workspace starts with. */
import type { Language } from '../../runtime';

const C_EXAMPLE = `// demo/hello: greets whoever the input names.
#include "faasm/faasm.h"

#include <stdio.h>

int main(int argc, char* argv[])
{
    char name[64] = "world";
    long inputSize = faasmGetInputSize();
    if (inputSize > 0) {
        long len = inputSize < 63 ? inputSize : 63;
        faasmGetInput((uint8_t*)name, len);
        name[len] = '\\0';
    }

    char greeting[96];
    int len = snprintf(greeting, sizeof(greeting), "Hello, %s!", name);
    faasmSetOutput(greeting, len);

    printf("Greeted %s (%ld input bytes)\\n", name, inputSize);
    return 0;
}
`;

const CPP_EXAMPLE = `// demo/hello: greets whoever the input names.
#include "faasm/faasm.h"
#include "faasm/input.h"

#include <cstdio>
#include <string>

int main(int argc, char* argv[])
{
    std::string name = faasm::getStringInput("world");
    std::string greeting = "Hello, " + name + "!";
    faasm::setStringOutput(greeting.c_str());

    std::printf("Greeted %s\\n", name.c_str());
    return 0;
}
`;

const WAT_EXAMPLE = `;; demo/hello: output = "Hello, " + input + "!"
(module
  (import "env" "__faasm_read_input" (func $read_input (param i32 i32) (result i32)))
  (import "env" "__faasm_write_output" (func $write_output (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "Hello, ")

  (func (export "_start")
    (local $len i32)
    ;; A zero length asks the host for the input's size.
    (local.set $len (call $read_input (i32.const 0) (i32.const 0)))
    ;; Keep the greeting inside the one page of memory.
    (if (i32.gt_u (local.get $len) (i32.const 60000))
      (then (local.set $len (i32.const 60000))))
    (drop (call $read_input (i32.const 7) (local.get $len)))
    (i32.store8 (i32.add (i32.const 7) (local.get $len)) (i32.const 33)) ;; '!'
    (call $write_output (i32.const 0) (i32.add (local.get $len) (i32.const 8)))))
`;

export const HELLO: Record<Language, string> = { c: C_EXAMPLE, cpp: CPP_EXAMPLE, wat: WAT_EXAMPLE };
