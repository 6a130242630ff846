import { describe, expect, it } from 'vitest';
import { captureImage, type ProtoImage } from '../proto';
import type { Cluster } from './cluster';
import type { FunctionStore } from './functions';
import { ProtoFaaslets } from './protos';

/** A Faaslet that holds `fn` and snapshots to an image of the module `fingerprint`. */
function protosWith(fn: string, fingerprint: string) {
  const image: ProtoImage = captureImage(new Uint8Array(65536), { __stack_pointer: 1024 }, fingerprint);
  const faaslet = { id: 3, function: fn, snapshot: async () => image };
  const cluster = { faaslet: (id: number) => (id === 3 ? faaslet : undefined) } as unknown as Cluster;
  return { protos: new ProtoFaaslets(cluster, {} as FunctionStore, () => {}), image };
}

describe('a call started from a named snapshot', () => {
  it("gets the snapshot's image when the snapshot is of the function's current build", async () => {
    const { protos, image } = protosWith('demo/visits', 'build-1');
    await protos.take(3, 'after-one');
    expect(protos.startImage('after-one', 'demo/visits', 'build-1')).toEqual({ image });
  });

  it('is refused, saying why, for a missing snapshot, another function or an earlier build', async () => {
    const { protos } = protosWith('demo/visits', 'build-1');
    await protos.take(3, 'after-one');
    expect(protos.startImage('nope', 'demo/visits', 'build-1')).toEqual({ refused: expect.stringMatching(/no snapshot named "nope"/) });
    expect(protos.startImage('after-one', 'demo/other', 'build-1')).toEqual({
      refused: expect.stringMatching(/"after-one" is of demo\/visits, not demo\/other/),
    });
    expect(protos.startImage('after-one', 'demo/visits', 'build-2')).toEqual({ refused: expect.stringMatching(/earlier build/) });
  });
});
