import { describe, expect, it } from 'vitest';
import type { ToolchainReply, ToolchainRequest } from './protocol';
import { createToolchainClient, type ToolchainPort } from './client';

/** A fake Worker that answers through `reply`. */
function fakePort() {
  const sent: ToolchainRequest[] = [];
  const listeners: { message: ((e: MessageEvent<ToolchainReply>) => void)[]; error: ((e: Event) => void)[] } = { message: [], error: [] };
  let terminated = false;
  const port: ToolchainPort = {
    postMessage: (m) => { sent.push(m); },
    addEventListener: ((type: 'message' | 'error', l: never) => { listeners[type].push(l); }) as ToolchainPort['addEventListener'],
    terminate: () => { terminated = true; },
  };
  const reply = (data: ToolchainReply): void => listeners.message.forEach((l) => l({ data } as MessageEvent<ToolchainReply>));
  return { port, sent, reply, fail: (e: Event) => listeners.error.forEach((l) => l(e)), terminated: () => terminated };
}

describe('createToolchainClient', () => {
  it('matches replies to requests by id and forwards progress', async () => {
    const f = fakePort();
    const progress: number[] = [];
    const tc = createToolchainClient(f.port, (done) => progress.push(done));
    const load = tc.load();
    const build = tc.build({ language: 'wat', source: '(module)' });
    expect(f.sent.map((m) => m.kind)).toEqual(['load', 'build']);
    f.reply({ kind: 'progress', doneBytes: 10, totalBytes: 20 });
    f.reply({ kind: 'build-failed', id: f.sent[1]!.id, diagnostics: [], log: 'x', compileMs: 1 });
    f.reply({ kind: 'loaded', id: f.sent[0]!.id, networkBytes: 0, totalBytes: 20, loadMs: 5 });
    await expect(load).resolves.toEqual({ networkBytes: 0, totalBytes: 20, loadMs: 5 });
    await expect(build).resolves.toEqual({ kind: 'build-failed', ok: false, diagnostics: [], log: 'x', compileMs: 1 });
    expect(progress).toEqual([10]);
  });

  it('passes the PCH status on, while a build in flight stays pending', async () => {
    const f = fakePort();
    const pch: string[] = [];
    const tc = createToolchainClient(f.port, () => {}, (status) => pch.push(status.state));
    const build = tc.build({ language: 'cpp', source: 'int main() {}' });
    f.reply({ kind: 'pch', status: { state: 'making' } });
    f.reply({ kind: 'build-failed', id: f.sent[0]!.id, diagnostics: [], log: 'without', compileMs: 1 });
    f.reply({ kind: 'pch', status: { state: 'ready' } });
    await expect(build).resolves.toMatchObject({ log: 'without' });
    expect(pch).toEqual(['making', 'ready']);
  });

  it('sends a module to disassemble and resolves to its text', async () => {
    const f = fakePort();
    const tc = createToolchainClient(f.port, () => {});
    const text = tc.disassemble(new Uint8Array([0, 0x61, 0x73, 0x6d]));
    expect(f.sent[0]).toMatchObject({ kind: 'disassemble', wasm: new Uint8Array([0, 0x61, 0x73, 0x6d]) });
    f.reply({ kind: 'disassembled', id: f.sent[0]!.id, text: '(module)' });
    await expect(text).resolves.toBe('(module)');
  });

  it('rejects on an error reply, a Worker error and after dispose', async () => {
    const f = fakePort();
    const tc = createToolchainClient(f.port, () => {});
    const a = tc.build({ language: 'c', source: '' });
    f.reply({ kind: 'error', id: f.sent[0]!.id, message: 'boom' });
    await expect(a).rejects.toThrow('toolchain: boom');
    const b = tc.load();
    f.fail(new Event('error'));
    await expect(b).rejects.toThrow(/Worker failed/);
    const c = tc.load();
    tc.dispose();
    await expect(c).rejects.toThrow(/disposed/);
    expect(f.terminated()).toBe(true);
    await expect(tc.load()).rejects.toThrow(/disposed/);
  });
});
