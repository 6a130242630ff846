/**
 * Tab ↔ tab: every tab's host agent tells the others when it pushed a key, over a
 * BroadcastChannel, so their State tabs update. The value itself is in IndexedDB, which all tabs
 * share; nothing else crosses. A channel never hears its own messages.
 */

export type TabMessage = { kind: 'pushed'; key: string; version: number; size: number; at: number };

export const TAB_CHANNEL = 'faaslet-playground-global-tier';

export interface TabChannel {
  post(message: TabMessage): void;
  close(): void;
}

/** Null where BroadcastChannel is missing: other tabs then learn of a change at their next pull. */
export function openTabChannel(heard: (message: TabMessage) => void): TabChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  const channel = new BroadcastChannel(TAB_CHANNEL);
  channel.onmessage = (event: MessageEvent<TabMessage>) => heard(event.data);
  return {
    post: (message) => channel.postMessage(message),
    close: () => channel.close(),
  };
}
