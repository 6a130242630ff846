/** Faasm names a function `user/name`; these read and write that key. */
const NAME_PART = /^[A-Za-z0-9_-]{1,64}$/;

/** `user/name` with both parts made of letters, digits, `_` and `-`; null when it is not. */
export function parseKey(key: string): { user: string; name: string } | null {
  const [user, name, ...rest] = key.trim().split('/');
  if (rest.length || !user || !name || !NAME_PART.test(user) || !NAME_PART.test(name)) return null;
  return { user, name };
}

export const keyOf = (f: { user: string; name: string }) => `${f.user}/${f.name}`;
