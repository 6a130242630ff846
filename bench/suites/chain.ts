/**
 * Issue 3's figures: chain + await round trip of a no-op on the same host, warm, measured
 * inside the calling Faaslet; a plain postMessage ping-pong between two Workers beside it;
 * throughput of 1,000 no-op calls over 2 hosts × 4 slots.
 */
import { connectRuntime } from '../../runtime';
import { median, round } from '../measure';
import type { PingPongRequest } from '../pingpong.worker';

const NOOP = `int main() { return 0; }`;

// Times `rounds` chain+await pairs with the monotonic clock and outputs ns per round trip.
const CHAINER = `#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "faasm/faasm.h"
int main() {
    char in[16] = {0};
    faasmGetInput((unsigned char*) in, 15);
    int rounds = atoi(in);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < rounds; i++) {
        if (faasmAwaitCall(faasmChainNamed("noop", 0, 0)) != 0) return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    long long ns = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
    char out[32];
    int len = snprintf(out, sizeof out, "%lld", ns / rounds);
    faasmSetOutput(out, len);
    return 0;
}
`;

async function pingPongUs(rounds: number): Promise<number> {
  const spawn = () => new Worker(new URL('../pingpong.worker.ts', import.meta.url), { type: 'module' });
  const [echo, driver] = [spawn(), spawn()];
  const channel = new MessageChannel();
  echo.postMessage({ role: 'echo', port: channel.port1 } satisfies PingPongRequest, [channel.port1]);
  const samples = await new Promise<number[]>((resolve) => {
    driver.onmessage = (event: MessageEvent<number[]>) => resolve(event.data);
    driver.postMessage({ role: 'drive', port: channel.port2, rounds } satisfies PingPongRequest, [channel.port2]);
  });
  echo.terminate();
  driver.terminate();
  return median(samples.slice(rounds / 10)) * 1000;
}

export async function chainSuite(): Promise<Record<string, number>> {
  const runtime = await connectRuntime();
  const { api } = runtime;
  await api.loadToolchain();
  await api.configureCluster({ hosts: 2, slotsPerHost: 4 });
  for (const [name, source] of [['noop', NOOP], ['chainer', CHAINER]]) {
    const report = await api.build({ user: 'bench', name: name!, language: 'c', source: source! });
    if (!report.ok) throw new Error(report.log);
  }
  const input = new TextEncoder().encode('300');
  const trips: number[] = [];
  for (let i = 0; i < 7; i++) {
    const result = await api.call({ user: 'bench', name: 'chainer', input });
    if (result.returnCode !== 0) throw new Error(result.message ?? 'chainer failed');
    if (i > 1) trips.push(Number(new TextDecoder().decode(result.output)) / 1000);
  }
  const pingPong = await pingPongUs(2000);

  const empty = new Uint8Array();
  await Promise.all(Array.from({ length: 100 }, () => api.call({ user: 'bench', name: 'noop', input: empty })));
  const start = performance.now();
  const results = await Promise.all(
    Array.from({ length: 1000 }, () => api.call({ user: 'bench', name: 'noop', input: empty })),
  );
  const seconds = (performance.now() - start) / 1000;
  if (results.some((r) => r.returnCode !== 0)) throw new Error('a no-op call failed');
  runtime.dispose();

  const roundTrip = median(trips);
  return {
    'chain.round_trip_us': round(roundTrip, 1),
    'chain.postmessage_pingpong_us': round(pingPong, 1),
    'chain.round_trip_vs_pingpong_x': round(roundTrip / pingPong, 2),
    'chain.calls_per_s': Math.round(1000 / seconds),
  };
}
