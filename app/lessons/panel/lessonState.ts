/** Reading a lesson's state keys live from the page's local tiers, for its plots and bars. */
import { LocalTierReader, type LocalTier } from '../../../runtime';

const readers = new WeakMap<LocalTier, LocalTierReader>();

export const readerOf = (tier: LocalTier) => {
  let reader = readers.get(tier);
  if (!reader) readers.set(tier, (reader = new LocalTierReader(tier.arena)));
  return reader;
};

/** The key's bytes on every host's tier of the user that holds it. */
export function readOnEveryHost(tiers: readonly LocalTier[], user: string, key: string): Uint8Array[] {
  return tiers
    .filter((t) => t.user === user)
    .map((t) => readerOf(t).read(`${user}/${key}`))
    .filter((b): b is Uint8Array => b !== null);
}
