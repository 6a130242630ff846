/// <reference lib="webworker" />
/** The host agent Worker: exposes the runtime to the page over comlink. */
import * as Comlink from 'comlink';
import { HostAgent } from './agent';
import { detectCapabilities } from './capabilities';

Comlink.expose(new HostAgent(detectCapabilities().jspi ? 'jspi' : 'mailbox'));
