/**
 * Each function's limits (memory, bandwidth) live with the workspace; the runtime keeps them per
 * session. Before a build or a run every function's limits go to the runtime, once per change
 * (a chained call runs with its own function's limits).
 */
import { DEFAULT_LIMITS, type FunctionLimits, type RuntimeConnection } from '../../runtime';
import { session } from './session';
import { keyOf, type FunctionDoc } from './workspace';

export const limitsOf = (f: FunctionDoc): FunctionLimits => f.limits ?? DEFAULT_LIMITS;

/** What each connection was last told, by function key. */
const told = new WeakMap<RuntimeConnection, Map<string, string>>();

export async function sendLimits(functions: Iterable<FunctionDoc>): Promise<void> {
  const connection = session.connection;
  if (!connection) return;
  let sent = told.get(connection);
  if (!sent) told.set(connection, (sent = new Map()));
  const changes = [...functions].flatMap((f) => {
    const limits = limitsOf(f);
    const text = JSON.stringify(limits);
    return sent.get(keyOf(f)) === text ? [] : [{ f, limits, text }];
  });
  await Promise.all(
    changes.map(async ({ f, limits, text }) => {
      await connection.api.setLimits(f.user, f.name, limits);
      sent.set(keyOf(f), text);
    }),
  );
}
