import type { ReactNode } from 'react';
import type { Capabilities, PchStatus } from '../../runtime';
import { formatMegabytes, formatMemory, formatMs } from '../lib/bytes';
import { usePlayground, type ToolchainView } from '../store/playground';
import { ClusterSettings } from '../cluster/ClusterSettings';
import './StatusBar.css';

const RUNTIME_TEXT = {
  idle: 'starting',
  connecting: 'starting…',
  ready: 'ready',
  blocked: 'blocked',
  failed: 'failed',
} as const;

function toolchainText(toolchain: ToolchainView): string {
  switch (toolchain.phase) {
    case 'idle':
      return 'not loaded';
    case 'loading':
      return toolchain.totalBytes
        ? `loading ${formatMegabytes(toolchain.doneBytes)}/${formatMegabytes(toolchain.totalBytes)} MB`
        : 'loading…';
    case 'ready':
      return toolchain.loadMs === null ? 'ready' : `ready (${formatMs(toolchain.loadMs)})`;
    case 'failed':
      return `failed: ${toolchain.error}`;
  }
}

/** The PCH is made in a Worker of its own: this says so, and that no build waits for it. */
function pchText(pch: PchStatus): string {
  if (pch.state === 'making') return 'precompiling in the background (builds go on without them)';
  return pch.state === 'ready' ? 'precompiled' : `not precompiled: ${pch.reason}`;
}

const SAVE_SHORTCUT = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘S' : 'Ctrl+S';

const SAVE_TEXT = { saved: 'saved', pending: 'saving…', failed: 'not saved' } as const;

/** Runtime, toolchain and browser capabilities at a glance; save state; theme switch. */
export function StatusBar() {
  const runtime = usePlayground((s) => s.runtime);
  const toolchain = usePlayground((s) => s.toolchain);
  const pch = usePlayground((s) => s.pch);
  const saveStatus = usePlayground((s) => s.saveStatus);
  const saveError = usePlayground((s) => s.saveError);
  const savedAt = usePlayground((s) => s.savedAt);
  const theme = usePlayground((s) => s.theme);
  const largeText = usePlayground((s) => s.largeText);
  const setTheme = usePlayground((s) => s.setTheme);
  const caps = runtime.capabilities;
  const memory = usePlayground((s) => s.clusterView?.memory);

  return (
    <footer className="status-bar">
      <Item label="runtime" testId="status.runtime">{RUNTIME_TEXT[runtime.phase]}</Item>
      {runtime.phase === 'ready' && runtime.error && (
        <Item label="notice" testId="status.runtime.notice">{runtime.error}</Item>
      )}
      <Item label="toolchain" testId="status.toolchain">{toolchainText(toolchain)}</Item>
      {pch && <Item label="C++ headers" testId="status.pch">{pchText(pch)}</Item>}
      {caps && (
        <>
          <ClusterSettings />
          <Item label="pool" testId="status.pool">{`${caps.poolSize} Faaslets`}</Item>
          {memory && (
            <Item label="memory" testId="status.memory">
              {`${formatMemory(memory.faasletBytes + memory.arenaBytes)} / ${formatMemory(memory.budgetBytes)}`}
            </Item>
          )}
          <Item label="JSPI" testId="status.jspi">{caps.jspi ? 'yes' : 'no (blocking fallback)'}</Item>
          <Item label="state" testId="status.state">{stateText(caps)}</Item>
        </>
      )}
      <span className="status-bar__spacer" />
      <span
        key={savedAt}
        className="status-bar__save"
        data-testid="save.status"
        data-status={saveStatus}
        title={`Your work is kept in this browser as you type; ${SAVE_SHORTCUT} saves now`}
        role={saveStatus === 'failed' ? 'alert' : undefined}
      >
        {SAVE_TEXT[saveStatus]}
        {saveStatus === 'failed' && saveError && `: ${saveError}`}
      </span>
      <button
        className="status-bar__theme"
        data-testid="size.toggle"
        aria-pressed={largeText}
        title="Bigger text, for a projector"
        onClick={() => usePlayground.getState().setLargeText(!largeText)}
      >
        {largeText ? 'Normal text' : 'Large text'}
      </button>
      <button
        className="status-bar__theme"
        data-testid="theme.toggle"
        onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
      >
        {theme === 'dark' ? 'Light theme' : 'Dark theme'}
      </button>
    </footer>
  );
}

function Item({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <span className="status-bar__item" data-testid={testId}>
      <span className="status-bar__label">{label}</span> {children}
    </span>
  );
}

function stateText(caps: Capabilities): string {
  if (caps.stateMapping === 'zero-copy') return 'zero-copy (multi-memory)';
  return caps.multiMemory ? 'copied (forced by ?state=copy)' : 'copied (no multi-memory here)';
}
