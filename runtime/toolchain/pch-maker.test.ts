import { describe, expect, it } from 'vitest';
import { createPchCache } from './pch';
import { createPchMaker, type PchPort } from './pch-maker';
import type { PchReply, PchRequest, PchStatus } from './protocol';

/** A PCH Worker that holds its request until the test replies for it. */
function fakePort() {
  const port = {
    requests: [] as PchRequest[],
    terminated: false,
    onmessage: null as PchPort['onmessage'],
    onerror: null as PchPort['onerror'],
    postMessage(message: PchRequest) { port.requests.push(message); },
    terminate() { port.terminated = true; },
    reply(data: PchReply) { port.onmessage?.({ data } as MessageEvent<PchReply>); },
  };
  return port;
}

function setUp() {
  const pchs = createPchCache({ headers: {}, version: 'v1', store: { get: async () => null, put: async () => undefined } });
  const ports: ReturnType<typeof fakePort>[] = [];
  const statuses: PchStatus[] = [];
  const maker = createPchMaker({ pchs, spawn: () => { const p = fakePort(); ports.push(p); return p; }, onStatus: (s) => statuses.push(s) });
  return { pchs, ports, statuses, maker };
}

describe('createPchMaker', () => {
  it('starts no Worker while no PCH is wanted', () => {
    const { ports, maker } = setUp();
    maker.idle();
    expect(ports).toHaveLength(0);
  });

  it('makes the wanted PCH in a Worker of its own, builds meanwhile go without it, and ends the Worker', async () => {
    const { pchs, ports, statuses, maker } = setUp();
    await pchs.lookup(['-O2']);
    maker.idle();
    maker.idle();
    expect(ports).toHaveLength(1);
    expect(ports[0]!.requests).toEqual([{ kind: 'make', flags: ['-O2'] }]);
    expect(statuses).toEqual([{ state: 'making' }]);
    expect(await pchs.lookup(['-O2'])).toBeNull();
    expect(pchs.isMaking(['-O2'])).toBe(true);

    ports[0]!.reply({ kind: 'stored' });
    expect(ports[0]!.terminated).toBe(true);
    expect(maker.running()).toBe(false);
    expect(statuses).toEqual([{ state: 'making' }, { state: 'ready' }]);
    expect(pchs.isMaking(['-O2'])).toBe(false);
  });

  it('reports a PCH that was not made, never tries it again, and goes on to the next wanted one', async () => {
    const { pchs, ports, statuses, maker } = setUp();
    await pchs.lookup(['-O2']);
    await pchs.lookup(['-O0']);
    maker.idle();
    ports[0]!.reply({ kind: 'not-made', reason: 'x'.repeat(1000) });
    expect(statuses[1]).toEqual({ state: 'failed', reason: 'x'.repeat(300) });
    await pchs.lookup(['-O2']);
    maker.idle();
    expect(ports).toHaveLength(2);
    expect(ports[1]!.requests).toEqual([{ kind: 'make', flags: ['-O0'] }]);
    ports[1]!.onerror?.(new Event('error') as ErrorEvent);
    expect(ports[1]!.terminated).toBe(true);
    expect(statuses[3]).toEqual({ state: 'failed', reason: 'the PCH Worker failed' });
    maker.idle();
    expect(ports).toHaveLength(2);
  });
});
