import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { parseHeader } from './parse-headers';

const SAMPLE = `/* File header: not a declaration's doc. */
#ifndef SAMPLE_H
#define SAMPLE_H

#include <stdint.h>
#define BYTES(arr) ((uint8_t*)(arr))
#ifdef __cplusplus
extern "C" {
#endif

/* A function chained by pointer. */
typedef int (*FuncPtr)();

/* Input and output */
long getInputSize();
/** Copies the call's input into buffer,
 *  at most bufferLen bytes. */
void getInput(uint8_t* buffer,
              long bufferLen);

// Lines of slashes document too.
int __attribute__((weak)) zygote();

struct point {
  int x;
};
#ifdef __cplusplus
}
namespace faasm {
template<typename T>
T typed(T fallback)
{
    if (size() == 0) { return fallback; }
    return fallback;
}
}
#endif
#endif
`;

describe('parseHeader', () => {
  const entries = parseHeader('faasm/sample.h', SAMPLE);
  const byName = (name: string) => entries.find((e) => e.name === name);

  it('lists functions, macros and types, not include guards or calls inside bodies', () => {
    expect(entries.map((e) => `${e.kind} ${e.name}`)).toEqual([
      'macro BYTES', 'type FuncPtr', 'function getInputSize', 'function getInput', 'function zygote', 'type point', 'function typed',
    ]);
  });

  it('joins a declaration over lines and splits its parameters', () => {
    expect(byName('getInput')).toMatchObject({
      signature: 'void getInput(uint8_t* buffer, long bufferLen)',
      params: ['uint8_t* buffer', 'long bufferLen'],
      header: 'faasm/sample.h',
      group: 'Input and output',
    });
    expect(byName('BYTES')).toMatchObject({ signature: '#define BYTES(arr)', params: ['arr'] });
    expect(byName('getInputSize')!.params).toEqual([]);
  });

  it('takes the comment right above as the doc, and a short one as the group heading', () => {
    expect(byName('getInput')!.doc).toBe('Copies the call\'s input into buffer,\nat most bufferLen bytes.');
    expect(byName('FuncPtr')!.doc).toBe('A function chained by pointer.');
    expect(byName('zygote')!.doc).toBe('Lines of slashes document too.');
    expect(byName('getInputSize')!.doc).toBe('');
    expect(byName('BYTES')!.doc).toBe('');
  });

  it('reads every Faasm header of the sysroot and finds the core API', () => {
    const dir = 'runtime/toolchain/sysroot/include/faasm';
    const all = readdirSync(dir).filter((f) => f.endsWith('.h'))
      .flatMap((f) => parseHeader(`faasm/${f}`, readFileSync(`${dir}/${f}`, 'utf8')));
    const input = all.find((e) => e.name === 'faasmGetInput');
    expect(input).toMatchObject({ kind: 'function', header: 'faasm/core.h', signature: 'void faasmGetInput(uint8_t* buffer, long bufferLen)' });
    expect(all.find((e) => e.name === 'faasmPushState')!.doc).toMatch(/ENOSPC/);
    expect(all.find((e) => e.name === 'FAASM_ZYGOTE')!.kind).toBe('macro');
  });
});
