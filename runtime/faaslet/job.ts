import { createControl } from './control';
import type { RunJob } from './protocol';

/**
 * A call run straight on a Faaslet, outside the cluster (tests, benchmarks): its own call-id
 * counter, mailbox and control word, no CPU-time limit, no input or arguments, entering at main;
 * `fields` sets the rest.
 */
export function standaloneJob(
  fields: Pick<RunJob, 'callId' | 'functionName' | 'user' | 'module' | 'memory' | 'arena'> & Partial<RunJob>,
): RunJob {
  return {
    input: new Uint8Array(),
    args: [],
    entry: { kind: 'main' },
    callIds: new Int32Array(new SharedArrayBuffer(4)),
    awaitMode: 'mailbox',
    mailbox: new SharedArrayBuffer(16),
    control: createControl(),
    cpuBudgetUnits: Infinity,
    ...fields,
  };
}
