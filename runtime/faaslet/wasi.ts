/**
 * WASI for a Faaslet through @bjorn3/browser_wasi_shim: args, an empty environment, clocks,
 * random, and stdout/stderr captured as text for the call's result.
 */
import { ConsoleStdout, File, OpenFile, WASI } from '@bjorn3/browser_wasi_shim';

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
}

export function faasletWasi(
  args: string[],
  onOutput: (stream: 'stdout' | 'stderr', text: string) => void,
): FaasletWasi {
  const stdout = new CapturedStream((text) => onOutput('stdout', text));
  const stderr = new CapturedStream((text) => onOutput('stderr', text));
  const fds = [
    new OpenFile(new File(new Uint8Array(), { readonly: true })),
    new ConsoleStdout((data) => stdout.write(data)),
    new ConsoleStdout((data) => stderr.write(data)),
  ];
  // The shim turns its debug log on unless told not to.
  return { wasi: new WASI(args, [], fds, { debug: false }), stdout, stderr };
}

/** The WASI calls the shim implements, for checking a module's imports at upload. */
export const WASI_IMPORT_NAMES: ReadonlySet<string> = new Set(
  Object.keys(new WASI([], [], [], { debug: false }).wasiImport),
);
