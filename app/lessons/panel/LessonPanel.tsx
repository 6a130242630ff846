import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { lessonById } from '../../store/lessons';
import { usePlayground } from '../../store/playground';
import { LessonBars } from './LessonBars';
import { useMemoryJump } from './LessonJump';
import { LessonPlot } from './LessonPlot';
import { LessonStarts } from './LessonStarts';
import { LessonText } from './LessonText';
import './LessonPanel.css';

interface Place {
  x: number;
  y: number;
}

/**
 * Popped out, the panel floats over the page, moved by its bar and resized by its corner. A
 * floating panel rather than a second window: it needs nothing from cross-origin isolation, and
 * follows large text and the theme as the page does.
 */
function useFloating() {
  const [place, setPlace] = useState<Place | null>(null);
  const drag = useRef<{ from: Place; start: Place } | null>(null);
  const popOut = () => setPlace({ x: Math.max(0, window.innerWidth - 560), y: 60 });
  const popIn = () => setPlace(null);
  const bar = {
    onPointerDown(event: PointerEvent<HTMLElement>) {
      if (!place || (event.target as Element).closest('button')) return;
      event.currentTarget.setPointerCapture(event.pointerId);
      drag.current = { from: { x: event.clientX, y: event.clientY }, start: place };
    },
    onPointerMove(event: PointerEvent<HTMLElement>) {
      const moving = drag.current;
      if (!moving) return;
      // The bar stays on screen, so the panel can always be caught again.
      const x = Math.min(Math.max(0, moving.start.x + event.clientX - moving.from.x), window.innerWidth - 80);
      const y = Math.min(Math.max(0, moving.start.y + event.clientY - moving.from.y), window.innerHeight - 40);
      setPlace({ x, y });
    },
    onPointerUp() {
      drag.current = null;
    },
  };
  return { place, popOut, popIn, bar };
}

/** The open lesson above the editor (or floating over the page): its text, and one button that runs it as it says. */
export function LessonPanel() {
  const lesson = usePlayground((s) => lessonById(s.lessonId));
  const busy = usePlayground((s) => s.buildAll !== null || s.call.phase === 'running' || s.call.phase === 'building');
  const ready = usePlayground((s) => s.runtime.phase === 'ready');
  const floating = useFloating();
  // A jump belongs to the lesson that asked for it: a memory panel opened after it closes stays put.
  useEffect(() => () => useMemoryJump.setState({ jump: null }), [lesson]);
  if (!lesson) return null;
  const { runLesson, resetLessonCode, closeLesson } = usePlayground.getState();
  const { place } = floating;
  return (
    <section
      className={place ? 'lesson-panel lesson-panel--floating' : 'lesson-panel'}
      style={place ? { left: place.x, top: place.y } : undefined}
      data-testid="lesson.panel"
      data-popped={place ? 'true' : 'false'}
      aria-label={`Lesson ${lesson.number}: ${lesson.title}`}
    >
      <header className="lesson-panel__bar" data-testid="lesson.bar" {...floating.bar}>
        <span className="lesson-panel__number">Lesson {lesson.number}</span>
        <button className="button button--primary" data-testid="lesson.run" disabled={!ready || busy} onClick={() => void runLesson()}>
          {busy ? 'Running…' : 'Run lesson'}
        </button>
        <button className="button" title="Put the lesson's own code back" onClick={resetLessonCode}>
          Reset code
        </button>
        {place ? (
          <button className="button" data-testid="lesson.popin" title="Put the lesson back above the editor" onClick={floating.popIn}>
            Pop in
          </button>
        ) : (
          <button className="button" data-testid="lesson.popout" title="Float the lesson over the page: drag its bar, resize its corner" onClick={floating.popOut}>
            Pop out
          </button>
        )}
        <button className="button" aria-label="Close the lesson" onClick={() => void closeLesson()}>
          ×
        </button>
      </header>
      <div className="lesson-panel__body" data-testid="lesson.body">
        <LessonText lesson={lesson} />
        {lesson.starts && <LessonStarts lesson={lesson} />}
        {lesson.bars && <LessonBars lesson={lesson} />}
        {(lesson.plot.length > 0 || lesson.memory) && <LessonPlot user={`lesson${lesson.number}`} keys={lesson.plot} memory={lesson.memory} />}
      </div>
    </section>
  );
}
