import { useRef } from 'react';
import { saveFile } from '../lib/download';
import { MAX_WORKSPACE_FILE_BYTES, parseWorkspaceFile, workspaceFile } from './workspace-file';
import { workspaceOf } from '../store/autosave';
import { usePlayground } from '../store/playground';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Export the workspace to a JSON file; import one, checked whole, whose functions open beside the
 * person's own (a clashing one as a copy, as a share link's do), so nothing here is lost.
 */
export function WorkspaceFile() {
  const input = useRef<HTMLInputElement>(null);

  function exportWorkspace() {
    saveFile(`faaslet-workspace-${today()}.json`, workspaceFile(workspaceOf(usePlayground.getState())), 'application/json');
  }

  async function read(file: File) {
    const { setWorkspaceNotice, importWorkspace } = usePlayground.getState();
    const refuse = (why: string) => setWorkspaceNotice({ tone: 'error', text: `${file.name} was not imported: ${why} Nothing changed.` });
    if (file.size > MAX_WORKSPACE_FILE_BYTES) return refuse('it is too big to be a workspace file.');
    const read = parseWorkspaceFile(await file.text());
    if (!read.ok) return refuse(read.error);
    importWorkspace(read.workspace, file.name);
  }

  return (
    <div className="workspace-file">
      <button className="function-list__build-all" data-testid="workspace.export" title="Save every function and the settings as a JSON file" onClick={exportWorkspace}>
        Export
      </button>
      <button
        className="function-list__build-all"
        data-testid="workspace.import"
        title="Add the functions of a workspace file beside these (a function of a name you have, with other code, opens as a copy)"
        onClick={() => input.current?.click()}
      >
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
    </div>
  );
}
