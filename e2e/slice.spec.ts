import { expect, test } from './fixtures';

const UPPER_C = `#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include "faasm/faasm.h"

int main(int argc, char* argv[]) {
    long size = faasmGetInputSize();
    unsigned char* buf = malloc(size + 1);
    faasmGetInput(buf, size);
    for (long i = 0; i < size; i++) buf[i] = toupper(buf[i]);
    faasmSetOutput(buf, size);
    printf("upper-cased %ld bytes\\n", size);
    return 0;
}
`;

const UPPER_WAT = `(module
  (import "env" "__faasm_read_input" (func $read (param i32 i32) (result i32)))
  (import "env" "__faasm_write_output" (func $write (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (local $n i32) (local $i i32) (local $c i32)
    (local.set $n (call $read (i32.const 1024) (i32.const 4096)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $c (i32.load8_u offset=1024 (local.get $i)))
        (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 122)))
          (then (i32.store8 offset=1024 (local.get $i) (i32.sub (local.get $c) (i32.const 32)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (call $write (i32.const 1024) (local.get $n))))
`;

test('a C function upper-cases its input', async ({ playground }) => {
  await playground.open();
  await playground.setLanguage('c');
  await playground.setCode(UPPER_C);
  await playground.setInput('faaslet');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('FAASLET');
  await expect(playground.output('output.hex')).toContainText('46 41 41 53 4c 45 54');
  await expect(playground.output('output.stdout')).toContainText('upper-cased 7 bytes');
  await expect(playground.output('output.returncode')).toHaveText('0');
});

test('a WebAssembly text function upper-cases its input', async ({ playground }) => {
  await playground.open();
  await playground.setLanguage('wat');
  await playground.setCode(UPPER_WAT);
  await playground.setInput('faaslet');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('FAASLET');
});

test('a compile error becomes a marker on its line and an entry in the problems list', async ({ playground }) => {
  await playground.open();
  await playground.setLanguage('c');
  await playground.setCode('#include "faasm/faasm.h"\n\nint main() {\n    int x = 1\n    return x;\n}\n');
  await playground.build();
  const problem = playground.output('problems.item').first();
  await expect(problem).toContainText(/expected ';'/, { timeout: 120_000 });
  await expect(problem).toContainText('4:');
  // Monaco draws one error squiggle, in the overlay of line 4 (overlays are one per visible line).
  await expect(playground.page.locator('.monaco-editor .squiggly-error')).toHaveCount(1);
  await expect(
    playground.page.locator('.monaco-editor .view-overlays > div').nth(3).locator('.squiggly-error'),
  ).toHaveCount(1);
});

test('a trap is reported with its stack, and the next run works', async ({ playground }) => {
  await playground.open();
  await playground.setLanguage('c');
  await playground.setCode(
    '#include "faasm/faasm.h"\n__attribute__((noinline)) void crash(void) { __builtin_trap(); }\n' +
      'int main() { crash(); return 0; }\n',
  );
  await playground.run();
  await playground.expectStatus(/trapped/i);
  await expect(playground.output('output.message')).toContainText('unreachable');
  await expect(playground.output('output.stack')).toContainText('crash');
  await expect(playground.output('output.text')).toHaveText('Call failed (return value=1)');

  await playground.setCode(UPPER_C);
  await playground.setInput('again');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('AGAIN');
});

test('an infinite loop is killed by the time limit, and Stop ends a long run', async ({ playground }) => {
  await playground.open();
  await playground.setLanguage('c');
  await playground.setCode('#include "faasm/faasm.h"\nint main() { volatile int x = 0; for (;;) x++; return 0; }\n');
  await playground.setLimit(1500);
  await playground.run();
  await playground.expectStatus(/killed/i);
  await expect(playground.output('output.message')).toContainText('CPU-time limit of 1500 ms');

  await playground.setLimit(60000);
  await playground.run();
  await expect(playground.page.getByTestId('stop.button')).toBeEnabled();
  await playground.page.waitForTimeout(500);
  await playground.page.getByTestId('stop.button').click();
  await playground.expectStatus(/stopped/i, 10_000);

  await playground.setCode(UPPER_C);
  await playground.setInput('after');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('AFTER');
});

test('the code survives a reload', async ({ playground }) => {
  await playground.open();
  await playground.setLanguage('c');
  const marker = `/* kept across reloads ${Date.now()} */`;
  await playground.setCode(UPPER_C);
  await playground.typeAtTop(`${marker}\n`);
  await playground.page.keyboard.press('ControlOrMeta+S');
  await expect(playground.output('save.status')).toContainText(/saved/i);
  await playground.page.reload();
  await expect(playground.page.getByTestId('build.button')).toBeVisible();
  await expect.poll(() => playground.editorText()).toContain('kept across reloads');
});

test('Ctrl+Enter builds and runs', async ({ playground }) => {
  await playground.open();
  await playground.setLanguage('c');
  await playground.setCode(UPPER_C);
  await playground.setInput('keys');
  await playground.focusEditor();
  await playground.page.keyboard.press('ControlOrMeta+Enter');
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('KEYS');
});
