/** The languages, the functions a new workspace starts with, and the code a new function starts from. */
import type { FunctionKind, Language } from '../../runtime';
import { CHAIN_PTR_C, FAN_OUT_C, SQUARE_C } from './chaining';
import { DLOPEN_C, LIBSQUARE_C, starterLibrary } from './dynlink';
import { GLOBAL_COUNTER_C } from './global';
import { HELLO } from './hello';
import { ZYGOTE_C } from './proto';
import { COUNTER_C, SHARE_C } from './state';

export const LANGUAGES: { id: Language; label: string; monacoId: string; extension: string }[] = [
  { id: 'c', label: 'C', monacoId: 'c', extension: 'c' },
  { id: 'cpp', label: 'C++', monacoId: 'cpp', extension: 'cpp' },
  { id: 'wat', label: 'WebAssembly text', monacoId: 'wat', extension: 'wat' },
];

export const HELLO_KEY = 'demo/hello';

export interface Example {
  key: string;
  language: Language;
  source: string;
  input: string;
  /** @default 'function' */
  kind?: FunctionKind;
}

/** Added to the workspace on first start, after `demo/hello`. */
export const EXAMPLES: Example[] = [
  { key: 'demo/square', language: 'c', source: SQUARE_C, input: '12' },
  { key: 'demo/fan_out', language: 'c', source: FAN_OUT_C, input: '' },
  { key: 'demo/chain_ptr', language: 'c', source: CHAIN_PTR_C, input: '7' },
  { key: 'demo/share', language: 'c', source: SHARE_C, input: '' },
  { key: 'demo/counter', language: 'c', source: COUNTER_C, input: 'lock' },
  { key: 'demo/zygote', language: 'c', source: ZYGOTE_C, input: '' },
  { key: 'demo/global_counter', language: 'c', source: GLOBAL_COUNTER_C, input: '100' },
];

/** In the gallery only: a new workspace does not start with them. */
export const GALLERY_ONLY: Example[] = [
  { key: 'demo/libsquare', language: 'c', source: LIBSQUARE_C, input: '', kind: 'library' },
  { key: 'demo/dlopen', language: 'c', source: DLOPEN_C, input: '9' },
];

export const HELLO_INPUT = 'Faaslet';

/** `demo/hello` in that language, renamed on its first line: a function that already works; a library's own starter. */
export function starterSource(key: string, language: Language, kind: FunctionKind = 'function'): string {
  if (kind === 'library' && language !== 'wat') return starterLibrary(key, language);
  return key === HELLO_KEY ? HELLO[language] : HELLO[language].replace(HELLO_KEY, key);
}

export { HELLO };
