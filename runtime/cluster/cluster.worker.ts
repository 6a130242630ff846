/// <reference lib="webworker" />
/**
 * The host agent Worker: exposes the runtime to the page over comlink. An error nothing caught
 * (a rejected promise of a Faaslet event handler, say) is reported to the page as an event
 * instead of reaching it as an uncaught error; the agent keeps serving.
 */
import * as Comlink from 'comlink';
import { HostAgent } from './agent';
import { detectCapabilities } from './capabilities';

const agent = new HostAgent(detectCapabilities().jspi ? 'jspi' : 'mailbox');
const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.addEventListener('error', (event) => {
  event.preventDefault();
  agent.reportUncaught(event.error ?? event.message);
});
scope.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  agent.reportUncaught(event.reason);
});
Comlink.expose(agent);
