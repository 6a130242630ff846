import { describe, expect, it } from 'vitest';
import { batchExecuteRequest, deploySteps, invokeRequest, statusRequest, type FaasmCall } from './deploy';

const call: FaasmCall = { user: 'demo', function: 'hello', input: new TextEncoder().encode('Faasm'), cmdline: '10 -v' };

/** Ids as faasmctl's generate_gid would give them, fixed for the test. */
const ids = () => {
  let next = 1000;
  return () => next++;
};

describe("Faasm's invoke request", () => {
  it('is a planner HttpMessage of type EXECUTE_BATCH carrying a BatchExecuteRequest as JSON', () => {
    // Written from faasm/faabric src/planner/planner.proto (HttpMessage: `type` with json_name
    // "http_type", `payloadJson` with json_name "payload") and src/proto/faabric.proto
    // (BatchExecuteRequest: appId, user, function, messages; Message: id, appId, user, function,
    // `inputData` with json_name "input_data" as base64 bytes, cmdline), as faasmctl's
    // util/invoke.py, batch.py and message.py fill them.
    const expected = {
      http_type: 'EXECUTE_BATCH',
      payload: JSON.stringify({
        appId: 1000,
        user: 'demo',
        function: 'hello',
        messages: [{ id: 1001, appId: 1000, user: 'demo', function: 'hello', input_data: 'RmFhc20=', cmdline: '10 -v' }],
      }),
    };
    expect(invokeRequest(call, ids())).toEqual(expected);
    expect(JSON.parse(invokeRequest(call, ids()).payload)).toEqual(batchExecuteRequest(call, ids()));
  });

  it('polls with EXECUTE_BATCH_STATUS for the app', () => {
    expect(statusRequest(77)).toEqual({ http_type: 'EXECUTE_BATCH_STATUS', payload: '{"appId":77,"expectedNumMessages":1}' });
  });

  it('gives the faasmctl and curl commands, quoting the input for a shell', () => {
    const steps = deploySteps({ ...call, input: new TextEncoder().encode("it's") }, 'hello.wasm');
    expect(steps.faasmctl).toEqual(['faasmctl upload demo hello hello.wasm', `faasmctl invoke demo hello --input-data 'it'\\''s' --cmdline '10 -v'`]);
    expect(steps.http[0]).toBe('curl -X PUT http://localhost:8002/f/demo/hello -T hello.wasm');
    expect(steps.http[1]).toMatch(/^curl -X POST http:\/\/localhost:8080 -d '\{"http_type":"EXECUTE_BATCH","payload":/);
    expect(steps.compose).toContain('faasmctl deploy.compose --workers=2');
    expect(steps.kubernetes).toContain('faasmctl deploy.k8s --workers=2');
  });
});
