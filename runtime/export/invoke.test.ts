import { describe, expect, it } from 'vitest';
import { invokeOnFaasm } from './invoke';

const call = { user: 'demo', function: 'hello', input: new Uint8Array(), cmdline: '' };

/** A planner that answers the batch with an app id, then "not registered", then running, then done. */
function fakePlanner(answers: { status: number; body: string }[]) {
  const bodies: unknown[] = [];
  const fetch = async (_url: RequestInfo | URL, init?: RequestInit) => {
    bodies.push(JSON.parse(String(init?.body)));
    const next = answers.shift()!;
    return new Response(next.body, { status: next.status });
  };
  return { fetch: fetch as typeof globalThis.fetch, bodies };
}

describe('invoking a Faasm cluster from the page', () => {
  it('posts the batch, then polls its status until finished, as faasmctl does', async () => {
    const planner = fakePlanner([
      { status: 200, body: '{"appId":42}' },
      { status: 500, body: 'App not registered in results' },
      { status: 200, body: '{"appId":42,"finished":false}' },
      { status: 200, body: '{"appId":42,"finished":true,"messageResults":[{"returnValue":3,"output_data":"hi","executedHost":"10.0.0.2"}]}' },
    ]);
    const result = await invokeOnFaasm('http://planner:8080/', call, { fetch: planner.fetch, pollMs: 0 });
    expect(result).toEqual({ appId: 42, returnValue: 3, output: 'hi', host: '10.0.0.2' });
    expect(planner.bodies.map((b) => (b as { http_type: string }).http_type)).toEqual([
      'EXECUTE_BATCH', 'EXECUTE_BATCH_STATUS', 'EXECUTE_BATCH_STATUS', 'EXECUTE_BATCH_STATUS',
    ]);
  });

  it('says what went wrong when the planner refuses or cannot be reached', async () => {
    const refusing = fakePlanner([{ status: 500, body: 'No available hosts' }]);
    await expect(invokeOnFaasm('http://planner:8080', call, { fetch: refusing.fetch, pollMs: 0 })).rejects.toThrow(/refused the call: No available hosts/);
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(invokeOnFaasm('http://planner:8080', call, { fetch: down, pollMs: 0 })).rejects.toThrow(/did not answer \(Failed to fetch\)/);
  });
});
