import { usePlayground } from '../store/playground';
import { LanguageSelect } from '../editor/LanguageSelect';
import { RunControls } from '../output/RunControls';
import { CallSettings } from '../output/CallSettings';
import { FunctionLimitsButton } from '../cluster/FunctionLimits';
import { ShareButton } from '../workspace/ShareButton';
import { ExportFaasmButton } from '../workspace/ExportFaasmButton';
import { LessonPicker } from '../lessons/panel/LessonPicker';
import { WelcomeHint } from './TopBar.welcome';
import './TopBar.css';

const mac = /Mac|iPhone|iPad/.test(navigator.platform);
// Monaco's own binding for tab-focus mode, in which Tab moves focus out of the editor.
const shortcutHint = mac ? '⌘↵ build & run · ⌘S save · ⌃⇧M Tab leaves the editor' : 'Ctrl+Enter build & run · Ctrl+S save · Ctrl+M Tab leaves the editor';

/** Product name, the function being edited, and everything needed to build and call it. */
export function TopBar() {
  const runtimeReady = usePlayground((s) => s.runtime.phase === 'ready');
  const current = usePlayground((s) => s.current);
  return (
    <>
      <header className="top-bar">
        <span className="top-bar__brand">Faaslet Playground</span>
        <code className="top-bar__function" data-testid="function.current" title="The function's Faasm name: user/function">
          {current}
        </code>
        <LanguageSelect />
        <RunControls disabled={!runtimeReady} />
        <CallSettings />
        <FunctionLimitsButton />
        <ShareButton />
        <ExportFaasmButton />
        <LessonPicker />
        <span className="top-bar__hint">{shortcutHint}</span>
      </header>
      <WelcomeHint />
    </>
  );
}
