/**
 * The libc and libc++ names a Faasm function most often uses, with one line each. wasi-libc's and
 * libc++'s headers are not in the page (they live inside the clang package), so these few are
 * written here; the Faasm API itself comes from its headers (vite-plugin.ts).
 */
import type { ApiEntry } from './parse-headers';

type Row = [name: string, signature: string, doc: string, header: string];

const ROWS: Row[] = [
  ['printf', 'int printf(const char* format, ...)', 'Formatted text to stdout.', 'stdio.h'],
  ['snprintf', 'int snprintf(char* buffer, size_t size, const char* format, ...)', 'Formatted text into buffer, at most size bytes with the NUL; returns the length it wanted.', 'stdio.h'],
  ['fprintf', 'int fprintf(FILE* stream, const char* format, ...)', 'Formatted text to a stream (stderr, a file).', 'stdio.h'],
  ['puts', 'int puts(const char* text)', 'A line to stdout.', 'stdio.h'],
  ['fopen', 'FILE* fopen(const char* path, const char* mode)', 'Opens a file of the user\'s files (the Files tab).', 'stdio.h'],
  ['fread', 'size_t fread(void* buffer, size_t size, size_t count, FILE* stream)', 'Reads up to count items of size bytes.', 'stdio.h'],
  ['fwrite', 'size_t fwrite(const void* buffer, size_t size, size_t count, FILE* stream)', 'Writes count items of size bytes.', 'stdio.h'],
  ['fclose', 'int fclose(FILE* stream)', 'Closes a stream.', 'stdio.h'],
  ['malloc', 'void* malloc(size_t size)', 'Allocates size bytes in the Faaslet\'s memory.', 'stdlib.h'],
  ['calloc', 'void* calloc(size_t count, size_t size)', 'Allocates count × size zeroed bytes.', 'stdlib.h'],
  ['realloc', 'void* realloc(void* pointer, size_t size)', 'Resizes an allocation, moving it when needed.', 'stdlib.h'],
  ['free', 'void free(void* pointer)', 'Frees an allocation.', 'stdlib.h'],
  ['atoi', 'int atoi(const char* text)', 'The decimal integer at the start of text.', 'stdlib.h'],
  ['strtol', 'long strtol(const char* text, char** end, int base)', 'Parses an integer; *end is set past it.', 'stdlib.h'],
  ['exit', 'void exit(int status)', 'Ends the call with this return code.', 'stdlib.h'],
  ['memcpy', 'void* memcpy(void* to, const void* from, size_t size)', 'Copies size bytes (the ranges must not overlap).', 'string.h'],
  ['memset', 'void* memset(void* to, int value, size_t size)', 'Fills size bytes with value.', 'string.h'],
  ['memcmp', 'int memcmp(const void* a, const void* b, size_t size)', 'Compares size bytes.', 'string.h'],
  ['strlen', 'size_t strlen(const char* text)', 'The length of a NUL-terminated string.', 'string.h'],
  ['strcmp', 'int strcmp(const char* a, const char* b)', 'Compares two strings.', 'string.h'],
  ['strncpy', 'char* strncpy(char* to, const char* from, size_t size)', 'Copies at most size bytes of a string.', 'string.h'],
  ['dlopen', 'void* dlopen(const char* path, int flags)', 'Loads a library of the user (a bare name is looked up in /lib); Run builds it first.', 'dlfcn.h'],
  ['dlsym', 'void* dlsym(void* handle, const char* symbol)', 'The address of a library\'s function or data.', 'dlfcn.h'],
  ['std::string', 'class std::string', 'A growable string of chars.', 'string'],
  ['std::vector', 'template<class T> class std::vector', 'A growable array.', 'vector'],
  ['std::cout', 'std::ostream std::cout', 'The standard output stream.', 'iostream'],
  ['std::to_string', 'std::string std::to_string(long value)', 'The decimal text of a number.', 'string'],
  ['std::sort', 'void std::sort(It first, It last)', 'Sorts a range in place.', 'algorithm'],
];

const paramsOf = (signature: string): string[] => {
  const inner = /\((.*)\)/.exec(signature)?.[1] ?? '';
  return inner ? inner.split(',').map((p) => p.trim()) : [];
};

export const LIBC_ENTRIES: ApiEntry[] = ROWS.map(([name, signature, doc, header]) => ({
  name,
  kind: signature.includes('(') ? 'function' : 'type',
  signature,
  params: paramsOf(signature),
  doc,
  header,
  group: header.endsWith('.h') ? 'C library' : 'C++ library',
}));
