/// <reference lib="webworker" />
/** The host agent Worker: exposes the runtime to the page over comlink. */
import * as Comlink from 'comlink';
import { HostAgent } from './agent';

const concurrency = self.navigator.hardwareConcurrency || 2;
// DESIGN.md: ~123 live wasm memories per page, so the pool stays small and bounded.
Comlink.expose(new HostAgent(Math.min(16, Math.max(2, 2 * concurrency))));
