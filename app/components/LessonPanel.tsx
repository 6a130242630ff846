import { marked } from 'marked';
import { useMemo } from 'react';
import { lessonById } from '../store/lessons';
import { usePlayground } from '../store/playground';
import { LessonBars } from './LessonBars';
import { LessonPlot } from './LessonPlot';
import { LessonStarts } from './LessonStarts';
import './LessonPanel.css';

/** The open lesson above the editor: its text, and one button that runs it as it says. */
export function LessonPanel() {
  const lesson = usePlayground((s) => lessonById(s.lessonId));
  const busy = usePlayground((s) => s.buildAll !== null || s.call.phase === 'running' || s.call.phase === 'building');
  const ready = usePlayground((s) => s.runtime.phase === 'ready');
  // Lessons are the project's own files, so their Markdown is trusted.
  const html = useMemo(() => (lesson ? (marked.parse(lesson.body, { async: false }) as string) : ''), [lesson]);
  if (!lesson) return null;
  const { runLesson, resetLessonCode, closeLesson } = usePlayground.getState();
  return (
    <section className="lesson-panel" data-testid="lesson.panel" aria-label={`Lesson ${lesson.number}: ${lesson.title}`}>
      <header className="lesson-panel__bar">
        <span className="lesson-panel__number">Lesson {lesson.number}</span>
        <button className="button button--primary" data-testid="lesson.run" disabled={!ready || busy} onClick={() => void runLesson()}>
          {busy ? 'Running…' : 'Run lesson'}
        </button>
        <button className="button" title="Put the lesson's own code back" onClick={resetLessonCode}>
          Reset code
        </button>
        <button className="button" aria-label="Close the lesson" onClick={() => void closeLesson()}>
          ×
        </button>
      </header>
      <div className="lesson-panel__body" data-testid="lesson.body">
        <div className="lesson-panel__text" dangerouslySetInnerHTML={{ __html: html }} />
        {lesson.starts && <LessonStarts lesson={lesson} />}
        {lesson.bars && <LessonBars lesson={lesson} />}
        {(lesson.plot.length > 0 || lesson.memory) && <LessonPlot user={`lesson${lesson.number}`} keys={lesson.plot} memory={lesson.memory} />}
      </div>
    </section>
  );
}
