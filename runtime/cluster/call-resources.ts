/**
 * What a call gets from its host beyond calls and state (issue 8): its user's files, its user's
 * monotonic clock, and its function's limits (memory, bandwidth on virtual sockets). The agent
 * keeps them here and the invoker puts them in each RunJob; a call's file changes come back to be
 * flushed.
 */
import type { FunctionLimits } from '../api';
import type { RunJob } from '../faaslet';
import { createClockWord } from '../host/clock';
import { UserFiles, type FileChanges, type FileStore } from '../host/files';
import { checkLimits, DEFAULT_LIMITS } from './limits';

export class CallResources {
  readonly files: UserFiles;
  /** One high-water mark per user, shared by every Faaslet of the user on every host. */
  private readonly clocks = new Map<string, SharedArrayBuffer>();
  /** By `user/function`; kept for the session (the page keeps them with the workspace). */
  private readonly limits = new Map<string, FunctionLimits>();

  constructor(store: FileStore, filesChanged: (user: string) => void) {
    this.files = new UserFiles(store, filesChanged);
  }

  /** Before a call is placed: its user's files are loaded, so its job can be made at once. Null, or why not. */
  async prepare(user: string): Promise<string | null> {
    try {
      await this.files.load(user);
      return null;
    } catch (error) {
      return `refused: the files of ${user} could not be loaded from IndexedDB (${(error as Error).message})`;
    }
  }

  /** The job's share, taken when the call starts: the files as they are then. */
  jobFields(user: string, fn: string): Pick<RunJob, 'files' | 'clock' | 'bandwidth'> {
    let clock = this.clocks.get(user);
    if (!clock) this.clocks.set(user, (clock = createClockWord()));
    return { files: this.files.snapshot(user), clock, bandwidth: this.limitsOf(fn).bytesPerSecond };
  }

  finish(user: string, changes: FileChanges | undefined): Promise<void> {
    return changes ? this.files.flush(user, changes) : Promise.resolve();
  }

  limitsOf(fn: string): FunctionLimits {
    return this.limits.get(fn) ?? DEFAULT_LIMITS;
  }

  setLimits(fn: string, limits: FunctionLimits): void {
    const problem = checkLimits(limits);
    if (problem) throw new RangeError(`${fn}: ${problem}`);
    this.limits.set(fn, { memoryMiB: limits.memoryMiB, bytesPerSecond: limits.bytesPerSecond || null });
  }
}
