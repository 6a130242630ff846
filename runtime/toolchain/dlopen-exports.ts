/**
 * What a function that calls `dlopen` exports for the libraries it loads (README, "Dynamic
 * linking"): a library is linked without libc (the sysroot's libc.a is not PIC), so its calls to
 * these resolve to the function's own copies. Only dlopen users pay for the exports.
 */
export const DLOPEN_EXPORTS: readonly string[] = [
  'malloc', 'calloc', 'realloc', 'free',
  'memcpy', 'memmove', 'memset', 'memcmp',
  'strlen', 'strcmp', 'strncmp', 'strcpy', 'strchr',
  'printf', 'puts', 'putchar', 'snprintf',
  'faasmGetInputSize', 'faasmGetInput', 'faasmSetOutput',
];

/** Whether a function's source names dlopen (a call, or a pointer taken to it). */
export const callsDlopen = (source: string): boolean => /\bdlopen\b/.test(source);
