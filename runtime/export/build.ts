/**
 * The export build: the function's C or C++ compiled and linked with Faasm's flags (flags.ts)
 * against the project's libfaasm (the same C API over the same `__faasm_*` imports as Faasm's),
 * in the toolchain Worker's clang. The module that comes out is what Faasm's toolchain makes:
 * its own memory, wasi-libc's `_start`, no rewrite. Compiled libfaasm objects are kept per
 * Worker, apart from the playground build's (other flags).
 */
import type { Command, Tree } from '@yowasp/clang';
import type { Diagnostic } from '../api';
import type { ClangPackage } from '../toolchain/clang';
import { locateLinkerDiagnostics, parseDiagnostics } from '../toolchain/diagnostics';
import { HEADER_PREFIX, INCLUDE_DIR, headerTree, librarySources } from '../toolchain/sysroot';
import { FAASM_CFLAGS, FAASM_LDFLAGS, FAASM_TARGET } from './flags';

export interface FaasmBuildJob {
  language: 'c' | 'cpp';
  source: string;
}

export interface FaasmCompileResult {
  wasm: Uint8Array | null;
  diagnostics: Diagnostic[];
  log: string;
  /** The clang command lines used, as a person would type them with Faasm's toolchain. */
  commands: string[];
}

/**
 * libfaasm as Faasm's toolchain would link it. Left out: the playground's `_start` (Faasm links
 * wasi-libc's), its sockets and dlopen glue (network.c, dlfcn.c: host calls Faasm lacks), and the
 * wrappers of the global locks Faasm lacks — every object is linked whole (--no-gc-sections), so
 * they would be imports of every module. A function that uses one fails to link: check.ts says why.
 */
function faasmLibrary(): Record<string, string> {
  const lacking = /__faasm_(un)?lock_state_global/;
  const core = librarySources['libfaasm.c']
    .split('\n')
    .filter((line) => !lacking.test(line) || !/^\w.*\{.*\}\s*$/.test(line))
    .join('\n');
  // A wrapper over more than one line would survive the filter: refuse rather than export it.
  if (lacking.test(core.replace(/^.*FAASM_IMPORT.*$/gm, ''))) throw new Error('libfaasm.c: a global-lock wrapper spans lines; the Faasm export cannot leave it out');
  return { 'libfaasm.c': core };
}
const FAASM_LIBRARY = faasmLibrary();

const COMPILE = [`--target=${FAASM_TARGET}`, '-fno-color-diagnostics', '-isystem', INCLUDE_DIR, ...FAASM_CFLAGS];

async function run(cmd: Command, args: string[], files: Tree): Promise<{ files: Tree | null; log: string }> {
  let log = '';
  const decoder = new TextDecoder();
  const sink = (bytes: Uint8Array | null): void => {
    if (bytes) log += decoder.decode(bytes, { stream: true });
  };
  try {
    return { files: (await cmd(args, files, { stdout: sink, stderr: sink })) ?? null, log };
  } catch (e) {
    // @yowasp/clang throws Exit (code ≠ 0) after the tool printed its errors.
    if (e instanceof Error && 'code' in e) return { files: null, log };
    throw e;
  }
}

const bytesOf = (tree: Tree | null, name: string): Uint8Array | null => {
  const v = tree?.[name];
  return v instanceof Uint8Array ? v : null;
};

export function createFaasmBuilder(pkg: ClangPackage) {
  let library: Promise<Tree> | null = null;

  function libraryObjects(): Promise<Tree> {
    library ??= (async () => {
      const res = await run(pkg.commands.clang, [...COMPILE, '-c', ...Object.keys(FAASM_LIBRARY)], { ...headerTree, ...FAASM_LIBRARY });
      const objs: Tree = {};
      for (const src of Object.keys(FAASM_LIBRARY)) {
        const obj = bytesOf(res.files, src.replace(/\.c$/, '.o'));
        if (!obj) throw new Error(`libfaasm failed to compile with Faasm's flags:\n${res.log}`);
        objs[src.replace(/\.c$/, '.o')] = obj;
      }
      return objs;
    })();
    library.catch(() => {
      library = null;
    });
    return library;
  }

  return {
    async compile(job: FaasmBuildJob): Promise<FaasmCompileResult> {
      const cpp = job.language === 'cpp';
      const userFile = cpp ? 'function.cpp' : 'function.c';
      const objs = await libraryObjects();
      const language = cpp ? ['-std=c++20', '-fno-exceptions'] : [];
      const args = [...COMPILE, ...language, userFile, ...Object.keys(objs), ...FAASM_LDFLAGS, '-o', 'function.wasm'];
      const res = await run(cpp ? pkg.commands['clang++'] : pkg.commands.clang, args, { ...headerTree, ...objs, [userFile]: job.source });
      const parsed = parseDiagnostics(res.log, { userFile, stripPrefix: HEADER_PREFIX });
      const diagnostics = locateLinkerDiagnostics(parsed, job.source, userFile);
      const wasm = bytesOf(res.files, 'function.wasm');
      if (!wasm && !diagnostics.some((d) => d.severity === 'error')) {
        diagnostics.push({ file: userFile, line: 1, column: 1, severity: 'error', message: 'the Faasm build failed (see the log)' });
      }
      const compiler = cpp ? 'clang++' : 'clang';
      const visible = (flags: string[]) => flags.filter((f) => f !== '-fno-color-diagnostics' && f !== '-isystem' && f !== INCLUDE_DIR);
      return {
        wasm,
        diagnostics,
        log: res.log,
        commands: [`${compiler} ${[...visible(COMPILE), ...language, userFile, '-lfaasm', ...FAASM_LDFLAGS, '-o', 'function.wasm'].join(' ')}`],
      };
    },
  };
}

export type FaasmBuilder = ReturnType<typeof createFaasmBuilder>;
