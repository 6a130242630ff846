import { useMemo, useState } from 'react';
import { usePlayground } from '../store/playground';
import { ExamplesGallery } from './ExamplesGallery';
import { keyOf, type FunctionDoc } from '../store/workspace';
import { FunctionItem } from './FunctionItem';
import { NewFunctionForm } from './NewFunctionForm';
import { WorkspaceFile } from './WorkspaceFile';
import { WorkspaceNotice } from './WorkspaceNotice';
import './FunctionList.css';

/** The workspace: functions grouped by user; create, switch, rename, delete; build a user's all. */
export function FunctionList() {
  const functions = usePlayground((s) => s.functions);
  const buildAll = usePlayground((s) => s.buildAll);
  const canBuild = usePlayground((s) => s.runtime.phase === 'ready' && s.build.phase !== 'building' && s.build.phase !== 'waiting');
  const [creating, setCreating] = useState(false);
  const [gallery, setGallery] = useState(false);

  const users = useMemo(() => {
    const byUser = new Map<string, FunctionDoc[]>();
    for (const f of Object.values(functions)) byUser.set(f.user, [...(byUser.get(f.user) ?? []), f]);
    return [...byUser.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([user, fs]) => ({ user, functions: fs.sort((a, b) => a.name.localeCompare(b.name)) }));
  }, [functions]);

  return (
    <nav className="function-list" aria-label="Functions">
      <header className="function-list__header">
        <span className="function-list__title">Functions</span>
        <button
          className="function-list__build-all function-list__examples"
          data-testid="functions.examples"
          title="Examples: add one to the workspace"
          onClick={() => setGallery(true)}
        >
          Examples
        </button>
        <button
          className="function-list__icon"
          data-testid="functions.new"
          title="New function"
          aria-label="New function"
          onClick={() => setCreating(true)}
        >
          +
        </button>
      </header>
      {creating && <NewFunctionForm onDone={() => setCreating(false)} />}
      {gallery && <ExamplesGallery onClose={() => setGallery(false)} />}
      <WorkspaceNotice />
      <div className="function-list__groups" data-testid="functions.list">
        {users.map(({ user, functions: fs }) => (
          <section key={user} className="function-list__group">
            <h3 className="function-list__user">
              <span>{user}</span>
              <button
                className="function-list__build-all"
                data-testid="functions.buildall"
                data-user={user}
                disabled={!canBuild || buildAll !== null}
                title={`Build and upload every function of ${user}`}
                onClick={() => void usePlayground.getState().buildAllFunctions(user)}
              >
                {buildAll?.user === user ? `Building ${buildAll.done + 1}/${buildAll.total}…` : 'Build all'}
              </button>
            </h3>
            <ul className="function-list__items">
              {fs.map((f) => (
                <FunctionItem key={keyOf(f)} doc={f} />
              ))}
            </ul>
          </section>
        ))}
      </div>
      <footer className="function-list__footer">
        <span className="function-list__title">Workspace file</span>
        <WorkspaceFile />
      </footer>
    </nav>
  );
}
