import { useRef, useState } from 'react';
import { saveFile } from '../lib/download';
import { MAX_WORKSPACE_FILE_BYTES, parseWorkspaceFile, workspaceFile } from '../lib/workspace-file';
import { workspaceOf } from '../store/autosave';
import { usePlayground } from '../store/playground';
import type { Workspace } from '../store/workspace';
import { Dialog } from './Dialog';

const today = () => new Date().toISOString().slice(0, 10);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Export the workspace to a JSON file; import one, checked whole and confirmed before it replaces anything. */
export function WorkspaceFile() {
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<{ workspace: Workspace; from: string } | null>(null);
  const here = usePlayground((s) => Object.keys(s.functions).length);

  function exportWorkspace() {
    saveFile(`faaslet-workspace-${today()}.json`, workspaceFile(workspaceOf(usePlayground.getState())), 'application/json');
  }

  async function read(file: File) {
    const { setWorkspaceNotice } = usePlayground.getState();
    const refuse = (why: string) => setWorkspaceNotice({ tone: 'error', text: `${file.name} was not imported: ${why} Nothing changed.` });
    if (file.size > MAX_WORKSPACE_FILE_BYTES) return refuse('it is too big to be a workspace file.');
    const read = parseWorkspaceFile(await file.text());
    if (!read.ok) return refuse(read.error);
    setWorkspaceNotice(null);
    setPending({ workspace: read.workspace, from: file.name });
  }

  return (
    <div className="workspace-file">
      <button className="function-list__build-all" data-testid="workspace.export" title="Save every function and the settings as a JSON file" onClick={exportWorkspace}>
        Export
      </button>
      <button className="function-list__build-all" data-testid="workspace.import" title="Replace the workspace with one from a file" onClick={() => input.current?.click()}>
        Import…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="workspace.import.file"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = ''; // choosing the same file again is a new choice
          if (file) void read(file);
        }}
      />
      {pending && (
        <Dialog title="Replace the workspace?" testId="workspace.import.dialog" onClose={() => setPending(null)}>
          <p className="dialog__text">
            The {plural(here, 'function')} here will be replaced by the {plural(Object.keys(pending.workspace.functions).length, 'function')} in{' '}
            <code>{pending.from}</code>, with its settings. Export first to keep what is here.
          </p>
          <div className="dialog__actions">
            <button className="button" onClick={() => setPending(null)}>
              Cancel
            </button>
            <button
              className="button button--primary"
              data-testid="workspace.import.confirm"
              onClick={() => {
                usePlayground.getState().replaceWorkspace(pending.workspace, pending.from);
                setPending(null);
              }}
            >
              Replace workspace
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
