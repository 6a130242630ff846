import { usePlayground } from '../store/playground';

const runShortcut = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘↵' : 'Ctrl+Enter';

/** Build, Run and Stop; Run's tooltip names its shortcut, since the bar's hint hides below 1440 px. */
export function RunControls({ disabled }: { disabled: boolean }) {
  const buildPhase = usePlayground((s) => s.build.phase);
  const callPhase = usePlayground((s) => s.call.phase);
  const library = usePlayground((s) => s.functions[s.current]?.kind === 'library');
  const { buildFunction, runFunction, stopCall } = usePlayground.getState();
  const building = buildPhase === 'waiting' || buildPhase === 'building';
  const callActive = callPhase === 'running' || callPhase === 'building';
  const buildLabel = buildPhase === 'waiting' ? 'Waiting for toolchain…' : building ? 'Building…' : 'Build';

  return (
    <div className="run-controls">
      <button
        className="button"
        data-testid="build.button"
        disabled={disabled || building}
        title={`Builds the function and uploads it; ${runShortcut} builds and runs`}
        onClick={() => void buildFunction()}
      >
        {buildLabel}
      </button>
      <button
        className="button button--primary"
        data-testid="run.button"
        disabled={disabled || building || callActive || library}
        title={
          library
            ? 'A library has no entry point: build it, then dlopen it from a function'
            : `Runs the last build; builds first if the code changed (${runShortcut})`
        }
        onClick={() => void runFunction()}
      >
        {callPhase === 'running' ? 'Running…' : 'Run'}
      </button>
      <button className="button button--danger" data-testid="stop.button" disabled={!callActive} onClick={stopCall}>
        Stop
      </button>
    </div>
  );
}
