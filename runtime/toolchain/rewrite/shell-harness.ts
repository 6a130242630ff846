/**
 * Test-only: runs a rewritten module in binaryen's interpreter (`wasm-shell`,
 * a spec-test runner), because Node 20's V8 has no multi-memory. A provider
 * module `env` exports memory 0, the state arena and peek/poke helpers on each.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const SHELL = join(dirname(require.resolve('binaryen/package.json')), 'bin', 'wasm-shell');

const ENV = `(module $env
  (memory (export "memory") 1 1 shared)
  (memory $state (export "state") 1 1 shared)
  (func (export "__faasm_read_state_ptr") (param i32 i32) (result i32) (i32.const 0x80000000))
  (func (export "__faasm_read_state_offset_ptr") (param i32 i32 i32 i32) (result i32) (i32.const 0x80000000))
  (func (export "peek0") (param i32) (result i32) (i32.load8_u 0 (local.get 0)))
  (func (export "peek1") (param i32) (result i32) (i32.load8_u $state (local.get 0)))
  (func (export "poke0") (param i32 i32) (i32.store8 0 (local.get 0) (local.get 1)))
  (func (export "poke1") (param i32 i32) (i32.store8 $state (local.get 0) (local.get 1))))
(register "env" $env)
`;

export type Mem = 0 | 1;

/** Builds the spec-test script around a module binary; commands refer to it as $m and to $env. */
export class Script {
  private readonly lines: string[] = [];
  /** `wat`: the module as text (binaryen's emitText). The shell's `(module binary …)` path
   *  mislinks imported memories (a store to memory 1 was not seen by the exporter), text works. */
  constructor(wat: string) {
    this.lines.push(ENV, wat.replace(/^\(module/, '(module $m'));
  }
  raw(line: string): this { this.lines.push(line); return this; }
  invoke(fn: string, ...args: string[]): this { return this.raw(`(invoke $m "${fn}" ${args.join(' ')})`); }
  expect(fn: string, args: string[], result: string): this {
    return this.raw(`(assert_return (invoke $m "${fn}" ${args.join(' ')}) ${result})`);
  }
  poke(mem: Mem, addr: number, bytes: number[]): this {
    bytes.forEach((v, k) => this.raw(`(invoke $env "poke${mem}" (i32.const ${addr + k}) (i32.const ${v}))`));
    return this;
  }
  bytes(mem: Mem, addr: number, bytes: number[]): this {
    bytes.forEach((v, k) => this.raw(`(assert_return (invoke $env "peek${mem}" (i32.const ${addr + k})) (i32.const ${v}))`));
    return this;
  }
  trap(fn: string, args: string[]): this { return this.raw(`(assert_trap (invoke $m "${fn}" ${args.join(' ')}) "")`); }
  text(): string { return this.lines.join('\n'); }

  /** Runs the script; resolves with the shell's output, rejects with it if any assertion failed. */
  async run(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'faasm-rewrite-'));
    const file = join(dir, 'test.wast');
    await writeFile(file, this.text());
    if (process.env['KEEP_WAST']) await writeFile(process.env['KEEP_WAST'], this.text());
    try {
      return await new Promise((resolve, reject) => {
        execFile(process.execPath, [SHELL, file], { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
          if (err) {
            const line = /\[line: (\d+)\]\s*$/.exec(stdout.trim())?.[1];
            const cmd = line ? this.text().split('\n')[Number(line) - 1] : '';
            const tail = stdout.trim().split('\n').slice(-2).join('\n');
            reject(new Error(`wasm-shell failed at ${cmd}\n${tail}\n${stderr.split('\n').slice(0, 3).join('\n')}`));
          } else resolve(stdout);
        });
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
