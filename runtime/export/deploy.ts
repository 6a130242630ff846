/**
 * How a function gets onto a Faasm cluster and is called there, in Faasm's own formats:
 * - upload: `PUT /f/<user>/<function>` with the wasm as the body, on the upload server
 *   (faasm/faasm src/upload/, port 8002: faasm/cpp faasmtools/endpoints.py DEFAULT_UPLOAD_PORT);
 * - invoke: a POST to the planner's HTTP endpoint of a planner `HttpMessage` whose payload is a
 *   `BatchExecuteRequest` as JSON (faasm/faabric src/planner/planner.proto, src/proto/faabric.proto),
 *   as faasmctl builds it (faasmctl/util/invoke.py, batch.py, message.py); then polls with
 *   EXECUTE_BATCH_STATUS until the status says `finished`.
 */

export interface FaasmCall {
  user: string;
  function: string;
  /** The call's input, as `faasmGetInput` reads it. */
  input: Uint8Array;
  /** The message's `cmdline` (argv after `function.wasm`, split on spaces). */
  cmdline: string;
}

/** Where a Faasm cluster answers: its planner and its upload server. */
export interface FaasmEndpoints {
  planner: string;
  upload: string;
}

/** faasmctl's defaults for a cluster from `faasmctl deploy.compose` (faasm.ini: planner_port, upload_port). */
export const DEFAULT_ENDPOINTS: FaasmEndpoints = { planner: 'http://localhost:8080', upload: 'http://localhost:8002' };

/** A faabric `Message`, as proto3 JSON names its fields (json_name where faabric.proto sets one). */
export interface FaasmMessageJson {
  id: number;
  appId: number;
  user: string;
  function: string;
  /** `bytes inputData = 8 [json_name = "input_data"]`: base64 in JSON. */
  input_data: string;
  cmdline: string;
}

/** A faabric `BatchExecuteRequest` of one message. */
export interface BatchExecuteRequestJson {
  appId: number;
  user: string;
  function: string;
  messages: FaasmMessageJson[];
}

/** A planner `HttpMessage`: `Type type = 1 [json_name = "http_type"]`, `string payloadJson = 2 [json_name = "payload"]`. */
export interface PlannerHttpMessage {
  http_type: 'EXECUTE_BATCH' | 'EXECUTE_BATCH_STATUS';
  payload: string;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A fresh 31-bit id, as faasmctl's generate_gid makes for the app and each message. */
export const randomGid = (): number => 1 + Math.floor(Math.random() * 0x7ffffffe);

export function batchExecuteRequest(call: FaasmCall, gid: () => number = randomGid): BatchExecuteRequestJson {
  const appId = gid();
  const message: FaasmMessageJson = {
    id: gid(),
    appId,
    user: call.user,
    function: call.function,
    input_data: base64(call.input),
    cmdline: call.cmdline,
  };
  return { appId, user: call.user, function: call.function, messages: [message] };
}

/** The body of the planner POST that runs the call. */
export function invokeRequest(call: FaasmCall, gid?: () => number): PlannerHttpMessage {
  return { http_type: 'EXECUTE_BATCH', payload: JSON.stringify(batchExecuteRequest(call, gid)) };
}

/** The body of the planner POST that asks whether the app is done (a `BatchExecuteRequestStatus`). */
export function statusRequest(appId: number): PlannerHttpMessage {
  return { http_type: 'EXECUTE_BATCH_STATUS', payload: JSON.stringify({ appId, expectedNumMessages: 1 }) };
}

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export interface DeploySteps {
  /** Start a cluster: docker compose on one machine, or Kubernetes. */
  compose: string[];
  kubernetes: string[];
  /** Upload and invoke with faasmctl. */
  faasmctl: string[];
  /** The same with curl: the HTTP requests themselves. */
  http: string[];
}

/** The exact commands that deploy `user/function` from `file` and call it once. */
export function deploySteps(call: FaasmCall, file: string, endpoints: FaasmEndpoints = DEFAULT_ENDPOINTS): DeploySteps {
  const { user, function: fn } = call;
  const inputText = new TextDecoder().decode(call.input);
  const invoke = [`faasmctl invoke ${user} ${fn}`];
  if (call.input.byteLength > 0) invoke.push(`--input-data ${shellQuote(inputText)}`);
  if (call.cmdline) invoke.push(`--cmdline ${shellQuote(call.cmdline)}`);
  return {
    compose: ['pip install faasmctl', 'faasmctl deploy.compose --workers=2', 'export FAASM_INI_FILE=$(pwd)/faasm.ini'],
    kubernetes: ['pip install faasmctl', 'faasmctl deploy.k8s --workers=2', 'export FAASM_INI_FILE=$(pwd)/faasm.ini'],
    faasmctl: [`faasmctl upload ${user} ${fn} ${file}`, invoke.join(' ')],
    http: [
      `curl -X PUT ${endpoints.upload}/f/${user}/${fn} -T ${file}`,
      `curl -X POST ${endpoints.planner} -d ${shellQuote(JSON.stringify(invokeRequest(call)))}`,
      `# then poll with the appId the answer gives, until "finished": true:`,
      `curl -X POST ${endpoints.planner} -d ${shellQuote(JSON.stringify({ http_type: 'EXECUTE_BATCH_STATUS', payload: '{"appId":<appId>,"expectedNumMessages":1}' }))}`,
    ],
  };
}
