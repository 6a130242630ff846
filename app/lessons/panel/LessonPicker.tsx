import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { LESSONS } from '..';
import { usePlayground } from '../../store/playground';

/**
 * "Lessons" in the top bar: the list, one click from the editor. A menu button as WAI-ARIA's
 * pattern has it: opening moves focus into the list, the arrow keys, Home and End move through
 * it, Enter opens a lesson, Escape closes and gives focus back, and a click outside closes it.
 */
export function LessonPicker() {
  const [open, setOpen] = useState(false);
  const current = usePlayground((s) => s.lessonId);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);

  const items = () => [...(list.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) return;
    const all = items();
    (all.find((item) => item.getAttribute('aria-current') === 'true') ?? all[0])?.focus();
    const onPointerDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 }[e.key];
    if (e.key === 'Escape' || e.key === 'Tab') {
      if (e.key === 'Escape') e.preventDefault();
      close();
    } else if (to !== undefined) {
      e.preventDefault();
      all[(to + all.length) % all.length]?.focus();
    }
  };

  return (
    <div className="lesson-picker" ref={root}>
      <button
        ref={button}
        className="button"
        data-testid="lessons.button"
        aria-haspopup="menu"
        aria-expanded={open}
        title="The lessons: each opens its functions beside yours (arrow keys, Enter, Escape)"
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        Lessons
      </button>
      {open && (
        <ul className="lesson-picker__list" role="menu" data-testid="lessons.list" ref={list} onKeyDown={onListKey}>
          {LESSONS.map((lesson) => (
            <li key={lesson.id} role="none">
              <button
                role="menuitem"
                tabIndex={-1}
                data-testid="lessons.item"
                data-lesson={lesson.number}
                aria-current={lesson.id === current}
                onClick={() => {
                  usePlayground.getState().openLesson(lesson.id);
                  setOpen(false);
                }}
              >
                <span className="lesson-picker__number">{lesson.number}</span> {lesson.title}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
