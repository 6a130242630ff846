/**
 * C/C++ → wasm32-wasip1 module with @yowasp/clang, Faasm-style.
 *
 * The clang package is passed in (never imported here) because the Worker must
 * install its caching fetch before the package is first evaluated.
 */
import type { Diagnostic } from '../api';
import type { BuildJob } from './protocol';
import type { Command, Tree, commands as ClangCommands } from '@yowasp/clang';
import { locateLinkerDiagnostics, parseDiagnostics } from './diagnostics';
import { DLOPEN_EXPORTS, callsDlopen } from './dlopen-exports';
import { CLANG_VERSION } from './loader';
import { createPchCache, type PchCache, type PchStore } from './pch';
import { HEADER_PREFIX, INCLUDE_DIR, headerTree, librarySources } from './sysroot';

export type ClangPackage = { commands: typeof ClangCommands };

/** Faasm's private stack size (ABI.md). */
export const STACK_SIZE = 4 * 1024 * 1024;

/**
 * Link flags. Unlike Faasm (--no-gc-sections) we keep gc-sections so a module
 * imports only the host functions it uses. Exporting __wasm_call_ctors makes
 * wasm-ld skip its "command export wrappers" (which would run ctors/dtors
 * around every exported call, e.g. malloc). -nostartfiles: see faasm_start.c.
 */
export const LINK_FLAGS = [
  '-nostartfiles',
  '-Wl,--stack-first',
  `-Wl,-z,stack-size=${STACK_SIZE}`,
  '-Wl,--import-memory',
  '-Wl,--export-memory',
  '-Wl,--export-table',
  // WASI's emulation libraries and long-double printf, as Faasm's toolchain links them (faasm/cpp
  // faasmtools): mmap/munmap (anonymous and private file mappings, on malloc), signal/raise,
  // clock()/times() on the process CPU clock, getpid; printf("%Lf") without a trap.
  '-lwasi-emulated-mman',
  '-lwasi-emulated-signal',
  '-lwasi-emulated-process-clocks',
  '-lwasi-emulated-getpid',
  '-lc-printscan-long-double',
  ...['__wasm_call_ctors', '__wasm_call_dtors', '_start', '_faasm_zygote', 'malloc', 'free',
    '__heap_base', '__data_end', '__stack_pointer'].map((s) => `-Wl,--export=${s}`),
];

/**
 * A function that calls dlopen: the libraries it loads call its libc (DLOPEN_EXPORTS), and
 * its table has no maximum so a library's functions get slots.
 */
const DLOPEN_FLAGS = ['-Wl,--growable-table', ...DLOPEN_EXPORTS.map((s) => `-Wl,--export=${s}`)];

/**
 * A side module, as wasm-ld makes them for Emscripten-style loaders: position-independent
 * (imports __memory_base, __table_base, GOT.mem/GOT.func), a dylink.0 section, no libc (not PIC
 * here), undefined symbols left as imports for the loader. clang's wasm default is hidden.
 */
const LIBRARY_FLAGS = [
  '-fPIC', '-fvisibility=default', '-shared', '-nostdlib',
  '-Wl,--experimental-pic', '-Wl,--no-entry', '-Wl,--unresolved-symbols=import-dynamic',
  '-Wl,--export-if-defined=__wasm_call_ctors',
];

/** The defines that unlock the emulation libraries' headers (signal.h, sys/mman.h, clock(), getpid). */
const WASI_EMULATION = ['-D_WASI_EMULATED_MMAN', '-D_WASI_EMULATED_SIGNAL', '-D_WASI_EMULATED_PROCESS_CLOCKS', '-D_WASI_EMULATED_GETPID'];

const COMMON_FLAGS = ['--target=wasm32-wasip1', '-fno-color-diagnostics', ...WASI_EMULATION, '-isystem', INCLUDE_DIR];

export interface CompileResult {
  ok: boolean;
  wasm: Uint8Array | null;
  diagnostics: Diagnostic[];
  log: string;
}

export interface Compiler {
  /** Compiles libfaasm ahead of the first build. */
  prepare(): Promise<void>;
  compile(job: BuildJob): Promise<CompileResult>;
  /** The precompiled C++ headers builds found or lacked; the Worker has the lacking ones made. */
  pchs: PchCache;
}

interface RunResult { files: Tree | null; log: string }

/** Runs one of clang's commands; the log, and the output tree or null when it failed. */
export async function run(cmd: Command, args: string[], files: Tree): Promise<RunResult> {
  let log = '';
  const decoder = new TextDecoder();
  const sink = (bytes: Uint8Array | null): void => {
    if (bytes) log += decoder.decode(bytes, { stream: true });
  };
  try {
    const out = await cmd(args, files, { stdout: sink, stderr: sink });
    return { files: out ?? null, log };
  } catch (e) {
    // @yowasp/clang throws Exit (code ≠ 0) after the tool printed its errors.
    if (e instanceof Error && 'code' in e) return { files: null, log };
    throw e;
  }
}

function fileBytes(tree: Tree | null, name: string): Uint8Array | null {
  const v = tree?.[name];
  return v instanceof Uint8Array ? v : null;
}

/** A PCH that clang refuses (a changed header, other flags) shows in the log by name. */
const PCH_REFUSED = /precompiled (file|header)|PCH file/i;

/** Why a C++ build went without precompiled headers, for its log. */
function pchNote(pchs: PchCache, flags: string[]): string {
  if (pchs.isMaking(flags)) return 'C++ headers: being precompiled in the background; this build went without them';
  if (pchs.isWanted(flags)) return 'C++ headers: parsed in full (libc++ and the Faasm headers); they are precompiled in the background after this build, once, and kept for later page loads';
  return 'C++ headers: parsed in full (they could not be precompiled here)';
}

export function createCompiler(pkg: ClangPackage, pchStore: PchStore | null = null, onPchFound?: () => void): Compiler {
  let library: Promise<Tree> | null = null;
  const pchs = createPchCache({
    headers: headerTree,
    version: CLANG_VERSION,
    store: pchStore,
    ...(onPchFound ? { onFound: onPchFound } : {}),
  });

  /** libfaasm objects, compiled by the same clang once per Worker. */
  function libraryObjects(): Promise<Tree> {
    library ??= (async () => {
      const args = [...COMMON_FLAGS, '-O2', '-c', ...Object.keys(librarySources)];
      const res = await run(pkg.commands.clang, args, { ...headerTree, ...librarySources });
      const objs: Tree = {};
      for (const src of Object.keys(librarySources)) {
        const obj = src.replace(/\.c$/, '.o');
        const bytes = fileBytes(res.files, obj);
        if (!bytes) throw new Error(`libfaasm failed to compile:\n${res.log}`);
        objs[obj] = bytes;
      }
      return objs;
    })();
    library.catch(() => { library = null; });
    return library;
  }

  return {
    async prepare(): Promise<void> {
      await libraryObjects();
    },
    pchs,
    async compile(job: BuildJob): Promise<CompileResult> {
      if (job.language === 'wat') throw new Error('clang cannot build WAT');
      const cpp = job.language === 'cpp';
      const library = job.kind === 'library';
      const userFile = cpp ? 'function.cpp' : 'function.c';
      const output = library ? 'library.so' : 'function.wasm';
      const objs = library ? {} : await libraryObjects();
      const dlopen = !library && callsDlopen(job.source);
      const compileFlags = [...COMMON_FLAGS, `-${job.optimize ?? 'O2'}`, ...(cpp ? ['-std=c++20', '-fno-exceptions'] : [])];
      // A library compiles position-independent, which a PCH must match: it goes without.
      const pch = cpp && !library ? await pchs.lookup(compileFlags) : null;
      const build = (withPch: boolean) => run(cpp ? pkg.commands['clang++'] : pkg.commands.clang, [
        ...compileFlags,
        ...(withPch && pch ? pch.args : []),
        userFile, ...Object.keys(objs),
        ...(library ? LIBRARY_FLAGS : LINK_FLAGS),
        ...(dlopen ? DLOPEN_FLAGS : []),
        '-o', output,
      ], { ...headerTree, ...objs, ...(withPch && pch ? pch.files : {}), [userFile]: job.source });
      let res = await build(true);
      if (pch && !res.files && PCH_REFUSED.test(res.log)) res = await build(false);
      if (cpp && !library && !pch) res.log = `${pchNote(pchs, compileFlags)}\n${res.log}`;
      const parsed = parseDiagnostics(res.log, { userFile, stripPrefix: HEADER_PREFIX });
      const diagnostics = locateLinkerDiagnostics(parsed, job.source, userFile);
      const wasm = fileBytes(res.files, output);
      if (wasm && dlopen) res.log += `dlopen: exports ${DLOPEN_EXPORTS.join(', ')} and a growable table for the libraries it loads\n`;
      if (!wasm && !diagnostics.some((d) => d.severity === 'error')) {
        diagnostics.push({ file: userFile, line: 1, column: 1, severity: 'error', message: 'build failed (see the log)' });
      }
      return { ok: wasm !== null, wasm, diagnostics, log: res.log };
    },
  };
}
