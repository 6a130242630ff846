/**
 * What the page uses of the export directly (runtime/index.ts): the deploy commands and the
 * invoke from the page. Kept apart from index.ts so the page never pulls in the build (clang).
 */
export { DEFAULT_ENDPOINTS, deploySteps, invokeRequest, type DeploySteps, type FaasmCall, type FaasmEndpoints } from './deploy';
export { invokeOnFaasm, type FaasmCallResult } from './invoke';
