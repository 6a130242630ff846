import { useEffect } from 'react';
import { CodeEditor } from './components/CodeEditor';
import { FunctionList } from './components/FunctionList';
import { IsolationBanner } from './components/IsolationBanner';
import { LessonPanel } from './components/LessonPanel';
import { OutputPanel } from './components/OutputPanel';
import { Splitter, usePaneFraction } from './components/Splitter';
import { StatusBar } from './components/StatusBar';
import { ToolchainProgress } from './components/ToolchainProgress';
import { TopBar } from './components/TopBar';
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
