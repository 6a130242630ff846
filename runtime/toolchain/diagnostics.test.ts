import { describe, expect, it } from 'vitest';
import { locateLinkerDiagnostics, parseDiagnostics } from './diagnostics';

const opts = { userFile: 'function.c', stripPrefix: 'faasm-sysroot/include/' };

describe('parseDiagnostics', () => {
  it('parses clang errors, warnings and notes, skipping carets and summaries', () => {
    const stderr = [
      'In file included from function.c:1:',
      "faasm-sysroot/include/faasm/core.h:3:10: warning: something odd [-Wfoo]",
      'function.c:4:12: error: use of undeclared identifier \'x\'',
      '    4 |   return x;',
      '      |          ^',
      "function.c:2:5: note: previous definition is here",
      "function.c:1:10: fatal error: 'nope.h' file not found",
      '2 errors generated.',
    ].join('\n');
    expect(parseDiagnostics(stderr, opts)).toEqual([
      { file: 'faasm/core.h', line: 3, column: 10, severity: 'warning', message: 'something odd [-Wfoo]' },
      { file: 'function.c', line: 4, column: 12, severity: 'error', message: "use of undeclared identifier 'x'" },
      { file: 'function.c', line: 2, column: 5, severity: 'note', message: 'previous definition is here' },
      { file: 'function.c', line: 1, column: 10, severity: 'error', message: "'nope.h' file not found" },
    ]);
  });

  it('pins linker and driver errors (no location) to line 1 of the user file', () => {
    const stderr = 'wasm-ld: error: /tmp/function-1.o: undefined symbol: helper\nclang: error: linker command failed with exit code 1 (use -v to see invocation)\n';
    expect(parseDiagnostics(stderr, opts)).toEqual([
      { file: 'function.c', line: 1, column: 1, severity: 'error', message: '/tmp/function-1.o: undefined symbol: helper' },
      { file: 'function.c', line: 1, column: 1, severity: 'error', message: 'linker command failed with exit code 1 (use -v to see invocation)' },
    ]);
  });

  it('parses wabt messages', () => {
    const d = parseDiagnostics('function.wat:4:5: error: unexpected token i32.bogus, expected ).', { userFile: 'function.wat' });
    expect(d).toEqual([{ file: 'function.wat', line: 4, column: 5, severity: 'error', message: 'unexpected token i32.bogus, expected ).' }]);
  });

  it('returns nothing for a clean log', () => {
    expect(parseDiagnostics('', opts)).toEqual([]);
  });
});

describe('locateLinkerDiagnostics', () => {
  it('moves an undefined-symbol error to the first use of the symbol', () => {
    const src = 'int main(void) {\n  return  helper(3);\n}\n';
    const [d] = locateLinkerDiagnostics(
      [{ file: 'function.c', line: 1, column: 1, severity: 'error', message: '/tmp/f.o: undefined symbol: helper' }], src, 'function.c');
    expect(d).toMatchObject({ line: 2, column: 11 });
  });

  it('handles demangled C++ names', () => {
    const src = 'namespace a { int helper(int); }\nint main() { return a::helper(1); }\n';
    const [d] = locateLinkerDiagnostics(
      [{ file: 'function.cpp', line: 1, column: 1, severity: 'error', message: 'x.o: undefined symbol: a::helper(int)' }], src, 'function.cpp');
    expect(d?.line).toBe(1);
    expect(d?.column).toBe(19);
  });
});
