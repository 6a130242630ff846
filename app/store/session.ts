/** The live runtime connection. Kept out of React state: it is an object with methods, not data. */
import type { RuntimeConnection } from '../../runtime';

export const session: {
  connection: RuntimeConnection | null;
  /** Resolves to whether the toolchain loaded; builds wait on it. */
  toolchain: Promise<boolean> | null;
  /** Applies runtime events still queued for the store (events.ts). */
  flushEvents: () => void;
} = { connection: null, toolchain: null, flushEvents: () => {} };
