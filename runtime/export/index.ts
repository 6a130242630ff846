/**
 * # Export for Faasm
 *
 * Graduates a function from the playground to a real Faasm cluster: the same source built as
 * Faasm's own toolchain builds it (faasm/cpp faasmtools/build.py flags, wasi-libc's `_start`, its
 * own memory; no shared-state rewrite, no exported globals, no `faaslet.*` or `env.state`
 * imports), checked against the host calls Faasm implements, with the exact commands and HTTP
 * requests to upload and invoke it, and an invoke from the page.
 *
 * Key files: `flags.ts` (Faasm's flags), `build.ts` (the export build, in the toolchain Worker),
 * `check.ts` (imports and exports against Faasm's runtime), `deploy.ts` (faasmctl, curl, the
 * planner's JSON messages), `invoke.ts` (call a cluster's planner from the page).
 *
 * Pitfalls: Faasm links with --no-gc-sections, so every libfaasm object comes whole: wrappers of
 * host calls Faasm lacks must stay out of the export's libfaasm. The upload server answers no
 * CORS preflight: a browser cannot PUT the wasm, so the page gives the command line.
 */
export { createFaasmBuilder, type FaasmBuilder, type FaasmBuildJob } from './build';
export { exportForFaasm, type FaasmExport } from './export';
export { FAASM_HOST_CALLS, FAASM_REQUIRED_EXPORTS, checkForFaasm, type FaasmCheck, type Incompatibility } from './check';
export {
  DEFAULT_ENDPOINTS,
  batchExecuteRequest,
  deploySteps,
  invokeRequest,
  statusRequest,
  type BatchExecuteRequestJson,
  type DeploySteps,
  type FaasmCall,
  type FaasmEndpoints,
  type PlannerHttpMessage,
} from './deploy';
export { invokeOnFaasm, type FaasmCallResult, type InvokeOptions } from './invoke';
export { FAASM_CFLAGS, FAASM_LDFLAGS } from './flags';
