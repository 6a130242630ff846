/**
 * WASI for a Faaslet through @bjorn3/browser_wasi_shim: args, Faasm's environment, the
 * user's files and Faasm's runtime root preopened as '/' (fd 3), and stdout/stderr captured as text for the call's
 * result. Clocks, random, sockets and fd reads and writes are answered by the host
 * (host/wasi-extras.ts, host/network, host/wasi-io.ts).
 */
import { ConsoleStdout, File, OpenFile, WASI, type Fd, type PreopenDirectory } from '@bjorn3/browser_wasi_shim';
import { FAASM_ENVIRONMENT } from '../host/environment';
import type { FileEntries } from '../host/files/entries';
import { preopenRoot } from '../host/files/tree';

/** Past this a stream keeps only what it has and says it was cut. */
const STREAM_LIMIT = 1 << 20;

export class CapturedStream {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  private bytes = 0;
  text = '';

  constructor(private readonly onText: (text: string) => void) {}

  write(data: Uint8Array): void {
    if (this.bytes >= STREAM_LIMIT) return;
    this.bytes += data.byteLength;
    let chunk = this.decoder.decode(data, { stream: true });
    if (this.bytes >= STREAM_LIMIT) chunk += '\n[output cut at 1 MiB]\n';
    this.text += chunk;
    this.onText(chunk);
  }
}

export interface FaasletWasi {
  wasi: WASI;
  stdout: CapturedStream;
  stderr: CapturedStream;
  /** The call's view of the user's files. */
  root: PreopenDirectory;
}

export function faasletWasi(
  args: string[],
  onOutput: (stream: 'stdout' | 'stderr', text: string) => void,
  files: FileEntries = new Map(),
): FaasletWasi {
  const stdout = new CapturedStream((text) => onOutput('stdout', text));
  const stderr = new CapturedStream((text) => onOutput('stderr', text));
  const fds: Fd[] = [
    new OpenFile(new File(new Uint8Array(), { readonly: true })),
    new ConsoleStdout((data) => stdout.write(data)),
    new ConsoleStdout((data) => stderr.write(data)),
  ];
  const root = preopenRoot(files);
  fds.push(root);
  // The shim turns its debug log on unless told not to.
  return { wasi: new WASI(args, [...FAASM_ENVIRONMENT], fds, { debug: false }), stdout, stderr, root };
}

/** The WASI calls the shim implements, for checking a module's imports at upload. */
export const WASI_IMPORT_NAMES: ReadonlySet<string> = new Set(
  Object.keys(new WASI([], [], [], { debug: false }).wasiImport),
);
