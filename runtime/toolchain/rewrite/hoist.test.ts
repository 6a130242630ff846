import { describe, expect, it } from 'vitest';
import { rewriteWat } from './test-modules';
import { type Mem, Script } from './shell-harness';

const W = 0x8000_0000;
const hex = (n: number): string => `(i32.const 0x${(n >>> 0).toString(16)})`;
const le32 = (vs: number[]): number[] => vs.flatMap((v) => [0, 8, 16, 24].map((s) => (v >>> s) & 0xff));
const poke32 = (s: Script, mem: Mem, at: number, vs: number[]): Script => s.poke(mem, at, le32(vs));
const bytes32 = (s: Script, mem: Mem, at: number, vs: number[]): Script => s.bytes(mem, at, le32(vs));

/** The loops at the top level of the text, in order: for a versioned loop, [private, window, checked]. */
function loops(wat: string): string[] {
  const out: string[] = [];
  for (let at = wat.indexOf('(loop'); at >= 0; at = wat.indexOf('(loop', at)) {
    let depth = 0;
    let end = at;
    for (; end < wat.length; end++) {
      if (wat[end] === '(') depth++;
      else if (wat[end] === ')' && --depth === 0) break;
    }
    out.push(wat.slice(at, end + 1));
    at = end;
  }
  return out;
}
const checks = (text: string): number => text.match(/i32\.lt_s/g)?.length ?? 0;

const SUM = `(func (export "sum") (param $p i32) (param $n i32) (result i32) (local $s i32) (local $i i32)
  (block $out (loop $l
    (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
    (local.set $s (i32.add (local.get $s) (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $l)))
  (local.get $s))`;

describe('rewrite: loop versioning', () => {
  it('sums an array through a parameter: same result from either memory, no per-access check in the private and window versions', async () => {
    const r = await rewriteWat(SUM);
    expect(r).toMatchObject({ hoisted: 1, versionedLoops: 1, instrumented: 1 });
    const [priv, win, checked] = loops(r.wat);
    expect(loops(r.wat)).toHaveLength(3);
    expect(priv).not.toMatch(/\(if|\$mimport\$1/);
    expect(priv).toMatch(/i32\.load \$mimport\$0/);
    expect(win).not.toMatch(/\(if|\$mimport\$0/);
    expect(win).toMatch(/i32\.load \$mimport\$1\n\s*\(i32\.and/);
    expect(checks(checked!)).toBe(1);
    const s = new Script(r.wat);
    poke32(s, 0, 0x100, [1, 2, 3, 4]);
    poke32(s, 1, 0x100, [10, 20, 30, 40]);
    s.expect('sum', [hex(0x100), '(i32.const 4)'], '(i32.const 10)');
    s.expect('sum', [hex(W + 0x100), '(i32.const 4)'], '(i32.const 100)');
    s.expect('sum', [hex(W + 0x104), '(i32.const 2)'], '(i32.const 50)');
    s.trap('sum', [hex(W + 0xfffc), '(i32.const 2)']); // walks off the one-page test arena
    await s.run();
  });

  it('induction pointers (p += 8, i64; a loop with a value) and an offset shared by two arrays (a + off, b + off)', async () => {
    const r = await rewriteWat(`
      (func (export "sum64") (param $p i32) (param $end i32) (result i64) (local $s i64)
        (loop $l
          (local.set $s (i64.add (local.get $s) (i64.load (local.get $p))))
          (br_if $l (i32.ne (local.tee $p (i32.add (local.get $p) (i32.const 8))) (local.get $end))))
        (local.get $s))
      (func (export "sum64v") (param $p i32) (param $end i32) (result i64) (local $s i64)
        (loop $l (result i64)
          (local.set $s (i64.add (local.get $s) (i64.load (local.get $p))))
          (br_if $l (i32.ne (local.tee $p (i32.add (local.get $p) (i32.const 8))) (local.get $end)))
          (local.get $s)))
      (func (export "add") (param $c i32) (param $a i32) (param $b i32) (param $n i32) (local $off i32)
        (loop $l
          (i32.store (i32.add (local.get $c) (local.get $off))
            (i32.add (i32.load (i32.add (local.get $a) (local.get $off))) (i32.load (i32.add (local.get $b) (local.get $off)))))
          (br_if $l (i32.lt_u (local.tee $off (i32.add (local.get $off) (i32.const 4))) (local.get $n)))))`);
    expect(r).toMatchObject({ hoisted: 5, versionedLoops: 3 });
    const s = new Script(r.wat);
    s.poke(0, 0x100, [1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 1]).poke(1, 0x100, [5, 0, 0, 0, 0, 0, 0, 0, 6]);
    s.expect('sum64', [hex(0x100), hex(0x110)], '(i64.const 0x0100000000000003)');
    s.expect('sum64', [hex(W + 0x100), hex(W + 0x110)], '(i64.const 11)');
    s.expect('sum64v', [hex(W + 0x100), hex(W + 0x110)], '(i64.const 11)'); // a loop with a value
    s.expect('sum64v', [hex(0x108), hex(0x110)], '(i64.const 0x0100000000000002)');
    poke32(s, 0, 0x200, [1, 2, 3]);
    poke32(s, 0, 0x300, [10, 20, 30]);
    poke32(s, 1, 0x200, [100, 200, 300]);
    poke32(s, 1, 0x300, [1000, 2000, 3000]);
    s.invoke('add', hex(0x400), hex(0x200), hex(0x300), '(i32.const 12)');
    bytes32(s, 0, 0x400, [11, 22, 33]);
    s.invoke('add', hex(W + 0x400), hex(W + 0x200), hex(W + 0x300), '(i32.const 12)');
    bytes32(s, 1, 0x400, [1100, 2200, 3300]);
    s.invoke('add', hex(W + 0x500), hex(0x200), hex(W + 0x300), '(i32.const 12)'); // mixed: the checked version
    bytes32(s, 1, 0x500, [1001, 2002, 3003]);
    await s.run();
  });

  it('a matmul-like nest is versioned once, at the outermost loop, and computes the same product in either memory', async () => {
    const r = await rewriteWat(MATMUL);
    expect(r).toMatchObject({ hoisted: 3, versionedLoops: 1, instrumented: 3 });
    const top = loops(r.wat);
    expect(top).toHaveLength(3);
    expect(top[0]).not.toMatch(/\(if|\$mimport\$1/);
    expect(top[1]).not.toMatch(/\(if|\$mimport\$0/);
    expect(checks(top[2]!)).toBe(3);
    const a = [1, 2, 3, 4];
    const b = [5, 6, 7, 8];
    const c = [19, 22, 43, 50];
    const s = new Script(r.wat);
    for (const [mem, base] of [[0, 0], [1, W]] as Array<[Mem, number]>) {
      poke32(s, mem, 0x100, a);
      poke32(s, mem, 0x200, b);
      s.invoke('mm', hex(base + 0x100), hex(base + 0x200), hex(base + 0x300), '(i32.const 2)');
      bytes32(s, mem, 0x300, c);
    }
    // A private, B and C in the window: the checked version.
    s.invoke('mm', hex(0x100), hex(W + 0x200), hex(W + 0x400), '(i32.const 2)');
    bytes32(s, 1, 0x400, c);
    await s.run();
  });

  it('pointer chasing stays checked; a pointer reassigned from a load or a call in the loop is not hoisted', async () => {
    const r = await rewriteWat(`
      (func $next (param i32) (result i32) (i32.add (local.get 0) (i32.const 4)))
      (func (export "list") (param $p i32) (result i32) (local $s i32)
        (loop $l
          (local.set $s (i32.add (local.get $s) (i32.load offset=4 (local.get $p))))
          (br_if $l (local.tee $p (i32.load (local.get $p)))))
        (local.get $s))
      (func (export "called") (param $p i32) (param $n i32) (result i32) (local $s i32)
        (loop $l
          (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
          (local.set $p (call $next (local.get $p)))
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (local.get $s))`);
    expect(r).toMatchObject({ hoisted: 0, versionedLoops: 0, instrumented: 3 });
    const s = new Script(r.wat);
    poke32(s, 1, 0x100, [W + 0x200, 7]);
    poke32(s, 1, 0x200, [0, 8]);
    s.expect('list', [hex(W + 0x100)], '(i32.const 15)');
    poke32(s, 0, 0x100, [1, 2]);
    s.expect('called', [hex(0x100), '(i32.const 2)'], '(i32.const 3)');
    await s.run();
  });

  it('a base reassigned to another pointer in the loop is checked on both: mixed regions take the checked loop', async () => {
    // p walks its array, then jumps to q at i == 2: the condition covers both p and q.
    const r = await rewriteWat(`
      (func (export "jump") (param $p i32) (param $q i32) (param $n i32) (result i32) (local $s i32) (local $i i32)
        (loop $l
          (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
          (if (i32.eq (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 2))
            (then (local.set $p (local.get $q)))
            (else (local.set $p (i32.add (local.get $p) (i32.const 4)))))
          (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
        (local.get $s))`);
    expect(r).toMatchObject({ hoisted: 1, versionedLoops: 1 });
    expect(r.wat).toMatch(/i32\.or\n\s*\(local\.get \$p\)\n\s*\(local\.get \$q\)/);
    const s = new Script(r.wat);
    poke32(s, 0, 0x100, [1, 2, 3, 4]);
    poke32(s, 1, 0x100, [10, 20, 30, 40]);
    s.expect('jump', [hex(0x100), hex(0x108), '(i32.const 4)'], '(i32.const 10)'); // 1 2 3 4
    s.expect('jump', [hex(0x100), hex(W + 0x108), '(i32.const 4)'], '(i32.const 73)'); // 1 2 30 40
    s.expect('jump', [hex(W + 0x100), hex(0x108), '(i32.const 4)'], '(i32.const 37)'); // 10 20 3 4
    s.expect('jump', [hex(W + 0x100), hex(W + 0x104), '(i32.const 4)'], '(i32.const 80)'); // 10 20 20 30
    await s.run();
  });

  it('memory.copy in a loop: hoisted on both pointers, mixed copies still go the right way', async () => {
    const r = await rewriteWat(`
      (func (export "rows") (param $d i32) (param $s i32) (param $n i32)
        (loop $l
          (memory.copy (local.get $d) (local.get $s) (i32.const 4))
          (local.set $d (i32.add (local.get $d) (i32.const 8)))
          (local.set $s (i32.add (local.get $s) (i32.const 4)))
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))`);
    expect(r).toMatchObject({ hoisted: 1, versionedLoops: 1 });
    const [priv, win] = loops(r.wat);
    expect(priv).toMatch(/memory\.copy \$mimport\$0 \$mimport\$0/);
    expect(win).toMatch(/memory\.copy \$mimport\$1 \$mimport\$1/);
    expect(win).not.toMatch(/\(if/);
    const s = new Script(r.wat);
    poke32(s, 0, 0x100, [1, 2]);
    poke32(s, 1, 0x100, [3, 4]);
    const run = (d: number, src: number): Script => s.invoke('rows', hex(d), hex(src), '(i32.const 2)');
    bytes32(run(0x200, 0x100), 0, 0x200, [1, 0, 2]);
    bytes32(run(W + 0x200, W + 0x100), 1, 0x200, [3, 0, 4]);
    bytes32(run(W + 0x300, 0x100), 1, 0x300, [1, 0, 2]);
    bytes32(run(0x300, W + 0x100), 0, 0x300, [3, 0, 4]);
    await s.run();
  });

  it('histogram: base + (loaded index << 2) through a temp is hoisted; the byte load data + i too', async () => {
    const r = await rewriteWat(`
      (func (export "hist") (param $data i32) (param $n i32) (param $h i32) (local $i i32) (local $t i32)
        (loop $l
          (local.set $t (i32.add (local.get $h) (i32.shl (i32.load8_u (i32.add (local.get $data) (local.get $i))) (i32.const 2))))
          (i32.store (local.get $t) (i32.add (i32.load (local.get $t)) (i32.const 1)))
          (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))`);
    expect(r).toMatchObject({ hoisted: 3, versionedLoops: 1 });
    const [priv, win] = loops(r.wat);
    expect(priv).not.toMatch(/\(if/);
    expect(win).not.toMatch(/\(if/);
    const s = new Script(r.wat);
    for (const [mem, base] of [[0, 0], [1, W]] as Array<[Mem, number]>) {
      s.poke(mem, 0x100, [0, 2, 2, 3, 2]);
      s.invoke('hist', hex(base + 0x100), '(i32.const 5)', hex(base + 0x200));
      bytes32(s, mem, 0x200, [1, 0, 3, 1]);
    }
    s.invoke('hist', hex(W + 0x100), '(i32.const 5)', hex(0x300)); // data in the window, counts private
    bytes32(s, 0, 0x300, [1, 0, 3, 1]);
    await s.run();
  });

  it('edge pointers get the checked loop: pre-decremented window pointer at arena offset 0, a pointer difference', async () => {
    const r = await rewriteWat(`
      (func (export "pre") (param $p i32) (param $n i32) (result i32) (local $s i32)
        (loop $l
          (local.set $p (i32.add (local.get $p) (i32.const 4)))
          (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (local.get $s))
      (func (export "diff") (param $dst i32) (param $src i32) (param $n i32) (local $k i32)
        (local.set $k (i32.sub (local.get $dst) (local.get $src)))
        (loop $l
          (i32.store (i32.add (local.get $src) (local.get $k)) (i32.load (local.get $src)))
          (local.set $src (i32.add (local.get $src) (i32.const 4)))
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))`);
    expect(r).toMatchObject({ hoisted: 3, versionedLoops: 2 });
    const s = new Script(r.wat);
    poke32(s, 1, 0, [5, 6]);
    poke32(s, 0, 0, [50, 60]);
    s.expect('pre', [hex(W - 4), '(i32.const 2)'], '(i32.const 11)');
    s.expect('pre', [hex(0x10 - 4), '(i32.const 1)'], '(i32.const 0)');
    poke32(s, 0, 0x1000, [7, 8]);
    s.invoke('diff', hex(W + 0x10), hex(0x1000), '(i32.const 2)'); // dst - src = 0x7FFFF010: private-looking
    bytes32(s, 1, 0x10, [7, 8]);
    await s.run();
  });
});

/** C[i][j] = Σ A[i][k] B[k][j] as clang -O2 shapes it: a row pointer, a column pointer with a stride, C by index. */
const MATMUL = `(func (export "mm") (param $a i32) (param $b i32) (param $c i32) (param $n i32)
  (local $i i32) (local $j i32) (local $k i32) (local $arow i32) (local $pa i32) (local $pb i32) (local $s i32) (local $stride i32)
  (local.set $stride (i32.shl (local.get $n) (i32.const 2)))
  (local.set $arow (local.get $a))
  (loop $li
    (local.set $j (i32.const 0))
    (loop $lj
      (local.set $pa (local.get $arow))
      (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
      (local.set $s (i32.const 0))
      (local.set $k (i32.const 0))
      (loop $lk
        (local.set $s (i32.add (local.get $s) (i32.mul (i32.load (local.get $pa)) (i32.load (local.get $pb)))))
        (local.set $pa (i32.add (local.get $pa) (i32.const 4)))
        (local.set $pb (i32.add (local.get $pb) (local.get $stride)))
        (br_if $lk (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $n))))
      (i32.store (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2)))
        (local.get $s))
      (br_if $lj (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $n))))
    (local.set $arow (i32.add (local.get $arow) (local.get $stride)))
    (br_if $li (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))`;

describe('rewrite: loop versioning through reaching assignments', () => {
  it("clang's unrolled histogram: a temp read back through its assignment, then reused for the bin pointer", async () => {
    // t = data + i; t + 1 is a byte; then t = h + byte << 2 is a bin: each read sees the assignment before it.
    const r = await rewriteWat(`
      (func (export "hist2") (param $data i32) (param $n i32) (param $h i32) (local $i i32) (local $t i32) (local $u i32)
        (loop $l
          (i32.store (local.tee $u (i32.add (local.get $h) (i32.shl (i32.load8_u (local.tee $t (i32.add (local.get $data) (local.get $i)))) (i32.const 2))))
            (i32.add (i32.load (local.get $u)) (i32.const 1)))
          (i32.store (local.tee $t (i32.add (local.get $h) (i32.shl (i32.load8_u (i32.add (local.get $t) (i32.const 1))) (i32.const 2))))
            (i32.add (i32.load (local.get $t)) (i32.const 1)))
          (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 2))) (local.get $n)))))`);
    expect(r).toMatchObject({ hoisted: 6, versionedLoops: 1 });
    const [priv, win, checked] = loops(r.wat);
    expect(priv).not.toMatch(/\(if/);
    expect(win).not.toMatch(/\(if|\$mimport\$0/);
    expect(checks(checked!)).toBe(6);
    const s = new Script(r.wat);
    for (const [mem, base] of [[0, 0], [1, W]] as Array<[Mem, number]>) {
      s.poke(mem, 0x100, [0, 2, 2, 3]);
      s.invoke('hist2', hex(base + 0x100), '(i32.const 4)', hex(base + 0x200));
      bytes32(s, mem, 0x200, [1, 0, 2, 1]);
    }
    s.invoke('hist2', hex(W + 0x100), '(i32.const 4)', hex(0x300)); // data in the window, bins private: checked
    bytes32(s, 0, 0x300, [1, 0, 2, 1]);
    await s.run();
  });

  it('a stencil nest with large constant offsets and an inner index (j = 0, j += 8) is versioned once, constants folded', async () => {
    // to[i][j] = from[i][j] + from[i][j + 1], rows of 0x1000 bytes: clang's `from + 0x1008`-style constants.
    const r = await rewriteWat(`
      (func (export "rows") (param $from i32) (param $to i32) (param $rows i32) (local $j i32) (local $q i32)
        (loop $li
          (local.set $j (i32.const 0))
          (loop $lj
            (f64.store (i32.add (local.get $to) (local.get $j))
              (f64.add (f64.load (i32.add (local.tee $q (i32.add (local.get $from) (local.get $j))) (i32.const 0x1000)))
                       (f64.load (i32.add (local.get $q) (i32.const 0x1008)))))
            (br_if $lj (i32.ne (local.tee $j (i32.add (local.get $j) (i32.const 8))) (i32.const 16))))
          (local.set $from (i32.add (local.get $from) (i32.const 0x1000)))
          (local.set $to (i32.add (local.get $to) (i32.const 0x1000)))
          (br_if $li (local.tee $rows (i32.sub (local.get $rows) (i32.const 1))))))`);
    expect(r).toMatchObject({ hoisted: 3, versionedLoops: 1 });
    const [priv, win, checked] = loops(r.wat);
    expect(priv).not.toMatch(/\(if/);
    expect(win).not.toMatch(/\(if|\$mimport\$0/);
    expect(win!.match(/i32\.and/g)).toHaveLength(1); // only `to + j` has no constant to fold the window bit into
    expect(win).toMatch(/i32\.const -2147479552/); // 0x1000 ^ 0x8000_0000
    expect(checks(checked!)).toBe(3);
    const doubles = (vs: number[]): number[] => vs.flatMap((v) => [...new Uint8Array(new Float64Array([v]).buffer)]);
    const s = new Script(r.wat);
    for (const [mem, base] of [[0, 0], [1, W]] as Array<[Mem, number]>) {
      s.poke(mem, 0x1000, doubles([1, 2, 4])).poke(mem, 0x2000, doubles([8, 16, 32]));
      s.invoke('rows', hex(base), hex(base + 0x8000), '(i32.const 2)');
      s.bytes(mem, 0x8000, doubles([3, 6])).bytes(mem, 0x9000, doubles([24, 48]));
    }
    s.invoke('rows', hex(W), hex(0x8000), '(i32.const 1)'); // from the window into private memory: checked
    s.bytes(0, 0x8000, doubles([3, 6]));
    await s.run();
  });

  it('a pointer assigned before a branch out of a block counts after it; one assigned after the branch does not', async () => {
    // probe: t = h + (k << 2) is tested in a br_if, then used after the block: hoisted with no entry value of t.
    // late: t is assigned only when the block falls through; a read after it may see t's entry value (0: memory 0).
    const r = await rewriteWat(`
      (func (export "probe") (param $h i32) (param $n i32) (result i32) (local $k i32) (local $t i32) (local $s i32)
        (loop $l
          (block $b (br_if $b (i32.eqz (i32.load (local.tee $t (i32.add (local.get $h) (i32.shl (local.get $k) (i32.const 2))))))))
          (local.set $s (i32.add (local.get $s) (i32.load (local.get $t))))
          (br_if $l (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $n))))
        (local.get $s))
      (func (export "late") (param $p i32) (param $n i32) (result i32) (local $k i32) (local $t i32) (local $s i32)
        (loop $l
          (block $b
            (br_if $b (i32.eqz (local.get $k)))
            (local.set $t (i32.add (local.get $p) (i32.shl (local.get $k) (i32.const 2)))))
          (local.set $s (i32.add (local.get $s) (i32.load (local.get $t))))
          (br_if $l (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $n))))
        (local.get $s))`);
    expect(r).toMatchObject({ versionedLoops: 2 });
    const [, probeWin] = loops(r.wat);
    expect(probeWin).not.toMatch(/\(if/);
    const tests = r.wat.split('(func').filter((f) => f.includes('(loop')).map((f) => f.slice(0, f.indexOf('(loop')));
    expect(tests[0]).not.toMatch(/local\.get \$t/);
    expect(tests[1]).toMatch(/local\.get \$t/); // late: t's entry value is in the test
    const s = new Script(r.wat);
    poke32(s, 1, 0x100, [3, 5, 7]);
    s.expect('probe', [hex(W + 0x100), '(i32.const 3)'], '(i32.const 15)');
    poke32(s, 0, 0, [100]);
    poke32(s, 1, 0, [200]);
    s.expect('late', [hex(W + 0x100), '(i32.const 3)'], '(i32.const 112)'); // 100 from memory 0, then 5 and 7
    await s.run();
  });
});
