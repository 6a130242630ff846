import { useEffect, useState } from 'react';
import type { ModuleInterface } from '../../runtime';
import { groupExports, groupImports, type InterfaceGroup } from '../lib/module-interface';
import { moduleInterface } from '../store/modules';
import { errorMessage } from '../lib/error-message';


/** The uploaded module's imports and exports, grouped (Faasm host calls, WASI, memories, …). */
export function ModuleInterfaceLists({ fn, buildId }: { fn: string; buildId: unknown }) {
  const [read, setRead] = useState<{ value: ModuleInterface } | { error: string } | null>(null);

  useEffect(() => {
    let live = true;
    setRead(null);
    moduleInterface(fn).then(
      (value) => live && setRead({ value }),
      (e: unknown) => live && setRead({ error: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [fn, buildId]);

  if (!read) return <p className="panel-hint">Reading the module's interface…</p>;
  if ('error' in read) return <p className="call-output__error">Could not read the module: {read.error}</p>;
  return (
    <div className="module-interface">
      <GroupList title="Imports" testId="build.imports" groups={groupImports(read.value.imports)} count={read.value.imports.length} />
      <GroupList title="Exports" testId="build.exports" groups={groupExports(read.value.exports)} count={read.value.exports.length} />
    </div>
  );
}

function GroupList({ title, testId, groups, count }: { title: string; testId: string; groups: InterfaceGroup[]; count: number }) {
  return (
    <section className="module-interface__column" data-testid={testId}>
      <h4 className="call-output__heading">
        {title} <span className="call-output__note">{count}</span>
      </h4>
      {groups.length === 0 && <p className="panel-hint">none</p>}
      {groups.map((group) => (
        <div key={group.title} className="module-interface__group">
          <div className="module-interface__group-title">{group.title}</div>
          <ul className="module-interface__entries">
            {group.entries.map((entry) => (
              <li key={entry.name} className={entry.note ? 'module-interface__entry--noted' : undefined}>
                <code className="module-interface__name" title={entry.kind}>
                  {entry.name}
                </code>
                {entry.note && <span className="module-interface__note">{entry.note}</span>}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
