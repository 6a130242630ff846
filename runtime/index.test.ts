/**
 * The page's supervision of the host agent, in Node: a stand-in agent Worker speaks comlink over
 * a MessageChannel; when its Worker fails, a call in flight rejects with a message, a new agent
 * serves the next calls, and the page hears `runtime.restarted`.
 */
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RuntimeEvent } from './api';
import { connectRuntime } from '.';

/** A fake agent: `capabilities` never answers on the first agent (a call in flight when it dies). */
class FakeAgentWorker {
  static spawned: FakeAgentWorker[] = [];
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  private readonly channel = new MessageChannel();
  readonly listeners: ((event: RuntimeEvent) => void)[] = [];

  constructor() {
    const generation = FakeAgentWorker.spawned.push(this);
    Comlink.expose(
      {
        subscribe: (listener: (event: RuntimeEvent) => void) => void this.listeners.push(listener),
        capabilities: () => (generation === 1 ? new Promise(() => {}) : Promise.resolve({ generation })),
      },
      this.channel.port2,
    );
  }

  postMessage(message: unknown, transfer: Transferable[] = []) {
    this.channel.port1.postMessage(message, transfer);
  }

  addEventListener(type: string, listener: EventListener) {
    this.channel.port1.addEventListener(type, listener);
    this.channel.port1.start();
  }

  removeEventListener(type: string, listener: EventListener) {
    this.channel.port1.removeEventListener(type, listener);
  }

  terminate() {
    this.terminated = true;
    this.channel.port1.close();
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeAgentWorker.spawned = [];
});

describe('connectRuntime', () => {
  it('restarts a failed host agent: calls in flight fail with a message, later calls reach the new agent', async () => {
    vi.stubGlobal('Worker', FakeAgentWorker);
    const connection = await connectRuntime();
    const events: RuntimeEvent[] = [];
    connection.onEvent((event) => events.push(event));

    const inFlight = connection.api.capabilities();
    await new Promise((resolve) => setTimeout(resolve, 10));
    FakeAgentWorker.spawned[0]!.onerror?.({ message: 'out of memory', preventDefault() {} } as ErrorEvent);

    await expect(inFlight).rejects.toThrow(/host agent stopped \(out of memory\); a new one was started/);
    expect(FakeAgentWorker.spawned[0]!.terminated).toBe(true);
    expect(await connection.api.capabilities()).toEqual({ generation: 2 });
    expect(events).toContainEqual(expect.objectContaining({ type: 'runtime.restarted' }));
    // The new agent has the page's listener: its events reach the page as the old one's did.
    expect(FakeAgentWorker.spawned[1]!.listeners).toHaveLength(1);
    connection.dispose();
  });
});
