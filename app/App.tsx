import { useEffect } from 'react';
import { CodeEditor } from './editor/CodeEditor';
import { FunctionList } from './workspace/FunctionList';
import { IsolationBanner } from './memory/IsolationBanner';
import { LessonPanel } from './lessons/panel/LessonPanel';
import { OutputPanel } from './output/OutputPanel';
import { Splitter, usePaneFraction } from './ui/Splitter';
import { StatusBar } from './shell/StatusBar';
import { ToolchainProgress } from './editor/ToolchainProgress';
import { TopBar } from './shell/TopBar';
import { startAutosave } from './store/autosave';
import { usePlayground } from './store/playground';
import { useShortcuts } from './useShortcuts';
import './App.css';

export function App() {
  const theme = usePlayground((s) => s.theme);
  const [editorFraction, setEditorFraction] = usePaneFraction('editor', 0.5);
  useShortcuts();

  useEffect(() => {
    void usePlayground.getState().startRuntime();
    return startAutosave();
  }, []);

  const largeText = usePlayground((s) => s.largeText);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    document.documentElement.dataset.size = largeText ? 'large' : 'normal';
  }, [largeText]);

  return (
    <div className="app">
      <IsolationBanner />
      <TopBar />
      <ToolchainProgress />
      <div className="app__body">
        <FunctionList />
        <main className="app__main" style={{ gridTemplateColumns: `${editorFraction}fr auto ${1 - editorFraction}fr` }}>
          <div className="app__editor-column">
            <LessonPanel />
            <CodeEditor />
          </div>
          <Splitter fraction={editorFraction} onChange={setEditorFraction} />
          <OutputPanel />
        </main>
      </div>
      <StatusBar />
    </div>
  );
}
