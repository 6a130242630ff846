/**
 * Calling a function on a Faasm cluster from the page, as faasmctl's invoke_and_await does
 * (faasmctl/util/invoke.py): POST the batch to the planner, then poll its status until it is
 * finished. The planner's HTTP endpoint answers cross-origin requests; the upload server does
 * not answer a browser's preflight, so the upload stays a command line (deploy.ts).
 */
import { invokeRequest, statusRequest, type FaasmCall } from './deploy';

export interface FaasmCallResult {
  appId: number;
  returnValue: number;
  /** `output_data` of the message's result, as text. */
  output: string;
  /** The host that ran it (`executedHost`), when the planner says. */
  host: string | null;
}

/** The parts of a `BatchExecuteRequestStatus` (faabric.proto) read here. */
interface StatusJson {
  appId?: number;
  finished?: boolean;
  messageResults?: { returnValue?: number; output_data?: string; executedHost?: string }[];
}

export interface InvokeOptions {
  fetch?: typeof fetch;
  /** Between status polls; faasmctl waits 2 s. @default 1000 */
  pollMs?: number;
  /** Give up after this many polls. @default 120 */
  maxPolls?: number;
  signal?: AbortSignal;
}

async function post(url: string, body: unknown, options: InvokeOptions): Promise<{ ok: boolean; text: string }> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, { method: 'POST', body: JSON.stringify(body), signal: options.signal });
  } catch (error) {
    throw new Error(`the planner at ${url} did not answer (${(error as Error).message}): is the URL right, and is the cluster up?`);
  }
  return { ok: response.ok, text: await response.text() };
}

const parse = (text: string, what: string): StatusJson => {
  try {
    return JSON.parse(text) as StatusJson;
  } catch {
    throw new Error(`the planner's answer to ${what} is not JSON: ${text.slice(0, 200)}`);
  }
};

const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('cancelled'));
    });
  });

export async function invokeOnFaasm(plannerUrl: string, call: FaasmCall, options: InvokeOptions = {}): Promise<FaasmCallResult> {
  const url = plannerUrl.replace(/\/+$/, '');
  const first = await post(url, invokeRequest(call), options);
  if (!first.ok) throw new Error(`the planner refused the call: ${first.text}`);
  const appId = parse(first.text, 'EXECUTE_BATCH').appId;
  if (typeof appId !== 'number') throw new Error(`the planner's answer has no appId: ${first.text.slice(0, 200)}`);
  for (let poll = 0; poll < (options.maxPolls ?? 120); poll++) {
    await wait(options.pollMs ?? 1000, options.signal);
    const status = await post(url, statusRequest(appId), options);
    // faasmctl: an app not yet registered in results is not an error, only not done.
    if (!status.ok) {
      if (status.text === 'App not registered in results') continue;
      throw new Error(`the planner failed the status request: ${status.text}`);
    }
    const body = parse(status.text, 'EXECUTE_BATCH_STATUS');
    if (!body.finished) continue;
    const result = body.messageResults?.[0];
    return { appId, returnValue: result?.returnValue ?? 0, output: result?.output_data ?? '', host: result?.executedHost ?? null };
  }
  throw new Error(`app ${appId} did not finish while polled`);
}
