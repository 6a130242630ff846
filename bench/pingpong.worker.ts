/// <reference lib="webworker" />
/** Baseline for chain round trips: a plain postMessage ping-pong between two Workers. */

export type PingPongRequest = { role: 'echo'; port: MessagePort } | { role: 'drive'; port: MessagePort; rounds: number };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async ({ data }: MessageEvent<PingPongRequest>) => {
  const { port } = data;
  if (data.role === 'echo') {
    port.onmessage = (event) => port.postMessage(event.data);
    return;
  }
  const samples: number[] = [];
  for (let i = 0; i < data.rounds; i++) {
    const start = performance.now();
    await new Promise<void>((resolve) => {
      port.onmessage = () => resolve();
      port.postMessage(i);
    });
    samples.push(performance.now() - start);
  }
  scope.postMessage(samples);
};
