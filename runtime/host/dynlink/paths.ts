/** Where libraries live in a user's files. */
import { normalizePath } from '../files/entries';

/** A library built in the playground is installed here (without the leading '/'). */
export const installedLibraryPath = (name: string): string => `lib/${name}.so`;

/** dlopen's argument as a path in the call's tree: a bare name is looked up in /lib; null when it climbs out. */
export function libraryPath(file: string): string | null {
  return normalizePath(file.includes('/') ? file : `lib/${file}`);
}
