import { describe, expect, it } from 'vitest';
import { ACCESS_MODULE, LOADS, STORES, rewriteWat } from './test-modules';
import { type Mem, Script } from './shell-harness';

const W = 0x8000_0000;
const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;
const PATTERN = Array.from({ length: 16 }, (_, k) => 0x81 + k);

describe('rewrite: every access kind, run in binaryen\'s interpreter', () => {
  it('routes loads of every width and sign, keeping the static offset', async () => {
    const r = await rewriteWat(ACCESS_MODULE);
    expect(r.rewritten).toBe(true);
    const s = new Script(r.wat);
    // Window: bytes at arena 0x205 (base 0x200 + offset 5); private: at 0x105. Different bytes in each.
    // binaryen's interpreter cannot v128.load from an imported memory (shell-interface.h load128
    // asserts): that one is checked on the text; v128.store and the other SIMD loads do run.
    const runnable = LOADS.filter(([name]) => name !== 'v128_load');
    expect(r.wat).toMatch(/v128\.load \$mimport\$1 offset=5\n\s*\(i32\.and/);
    expect(r.wat).toMatch(/v128\.load \$mimport\$0 offset=5\n/);
    s.poke(1, 0x205, PATTERN).poke(0, 0x205, PATTERN.map((x) => x ^ 0xff));
    for (const [name, , , expected] of runnable) s.expect(name, [`(i32.const ${hex(W + 0x200)})`], `(${expected})`);
    s.poke(0, 0x205, PATTERN).poke(1, 0x205, PATTERN.map((x) => x ^ 0xff)); // and the private side
    for (const [name, , , expected] of runnable) s.expect(name, ['(i32.const 0x200)'], `(${expected})`);
    await s.run();
  });

  it('routes stores of every width, and private addresses land in memory 0', async () => {
    const r = await rewriteWat(ACCESS_MODULE);
    const s = new Script(r.wat);
    const value = (type: string): string => (type === 'i32' ? '(i32.const 0x04030201)' : '(i64.const 0x0807060504030201)');
    STORES.forEach(([instr, type, n], k) => {
      const at = 0x300 + k * 0x20;
      const bytes = instr.startsWith('v128.store16') ? [3, 4] : Array.from({ length: n }, (_, j) => (j % 8) + 1);
      s.invoke(instr, `(i32.const ${hex(W + at)})`, value(type)).bytes(1, at + 3, bytes).bytes(0, at + 3, bytes.map(() => 0));
      const p = at + 0x1000;
      s.invoke(instr, `(i32.const ${hex(p)})`, value(type)).bytes(0, p + 3, bytes).bytes(1, p + 3, bytes.map(() => 0));
    });
    await s.run();
  });

  it('memory.copy in all four directions and memory.fill in both windows', async () => {
    const r = await rewriteWat(ACCESS_MODULE);
    const s = new Script(r.wat);
    const a = [1, 2, 3, 4, 5, 6, 7, 8];
    const b = [9, 10, 11, 12, 13, 14, 15, 16];
    s.poke(0, 0x500, a).poke(1, 0x600, b);
    s.invoke('copy', `(i32.const ${hex(W + 0x500)})`, '(i32.const 0x500)', '(i32.const 8)').bytes(1, 0x500, a); // private → window
    s.invoke('copy', '(i32.const 0x600)', `(i32.const ${hex(W + 0x600)})`, '(i32.const 8)').bytes(0, 0x600, b); // window → private
    s.invoke('copy', `(i32.const ${hex(W + 0x700)})`, `(i32.const ${hex(W + 0x600)})`, '(i32.const 8)').bytes(1, 0x700, b);
    s.invoke('copy', '(i32.const 0x700)', '(i32.const 0x500)', '(i32.const 8)').bytes(0, 0x700, a);
    s.bytes(0, 0x500 + 8, [0]).bytes(1, 0x700 + 8, [0]);
    s.invoke('fill', `(i32.const ${hex(W + 0x800)})`, '(i32.const 0xab)', '(i32.const 4)').bytes(1, 0x800, [0xab, 0xab, 0xab, 0xab, 0]);
    s.invoke('fill', '(i32.const 0x800)', '(i32.const 0xcd)', '(i32.const 3)').bytes(0, 0x800, [0xcd, 0xcd, 0xcd, 0]);
    s.bytes(1, 0x800, [0xab]);
    await s.run();
  });

  it('atomics: rmw, cmpxchg, load/store, notify and wait in both windows', async () => {
    const r = await rewriteWat(ACCESS_MODULE);
    const s = new Script(r.wat);
    for (const [mem, base] of [[1, W + 0x400], [0, 0x400]] as Array<[Mem, number]>) {
      const a = `(i32.const ${hex(base)})`;
      const at = base & 0x7fff_ffff;
      s.expect('rmw_add', [a, '(i32.const 5)'], '(i32.const 0)').expect('rmw_add', [a, '(i32.const 7)'], '(i32.const 5)');
      s.expect('atomic_load', [a], '(i32.const 12)').bytes(mem, at + 4, [12, 0, 0, 0]);
      s.expect('cmpxchg', [a, '(i32.const 12)', '(i32.const 99)'], '(i32.const 12)');
      s.expect('cmpxchg', [a, '(i32.const 12)', '(i32.const 1)'], '(i32.const 99)').bytes(mem, at + 4, [99]);
      s.poke(mem, at + 8, [42]).expect('rmw8_xchg', [a, '(i64.const 7)'], '(i64.const 42)').bytes(mem, at + 8, [7]);
      s.invoke('atomic_store16', a, '(i64.const 0x0201)').bytes(mem, at + 12, [1, 2]);
      s.expect('notify', [a], '(i32.const 0)');
      s.expect('wait', [a, '(i32.const 1)'], '(i32.const 1)'); // 1 = "not-equal": it read 99
      s.expect('wait', [a, '(i32.const 99)'], '(i32.const 2)'); // 2 = "timed-out": it read 99 and waited 0 ns
    }
    await s.run();
  });

  it('an operand that is itself a rewritten access keeps its own temps', async () => {
    const r = await rewriteWat(ACCESS_MODULE);
    const s = new Script(r.wat);
    s.poke(1, 0x902, [0x11, 0x22, 0x33, 0x44]).poke(0, 0xa02, [0x55, 0x66, 0x77, 0x88]);
    s.invoke('move', '(i32.const 0xb00)', `(i32.const ${hex(W + 0x900)})`).bytes(0, 0xb01, [0x11, 0x22, 0x33, 0x44]);
    s.invoke('move', `(i32.const ${hex(W + 0xb00)})`, '(i32.const 0xa00)').bytes(1, 0xb01, [0x55, 0x66, 0x77, 0x88]);
    await s.run();
  });

  it('out-of-range addresses trap in either window; base + offset never wraps into private memory', async () => {
    const r = await rewriteWat(ACCESS_MODULE);
    const s = new Script(r.wat);
    s.trap('i32_load', [`(i32.const ${hex(W + 0x1_0000)})`]); // the test arena is one page
    s.trap('i32_load', ['(i32.const 0x10000)']);
    s.trap('i32_load', ['(i32.const 0xfffffffc)']); // + offset 5 would wrap to 1 in i32 arithmetic
    s.trap('i32.store', ['(i32.const 0xfffffffe)', '(i32.const 1)']);
    await s.run();
  });
});
