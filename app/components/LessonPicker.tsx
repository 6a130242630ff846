import { useState } from 'react';
import { LESSONS } from '../lessons';
import { usePlayground } from '../store/playground';

/** "Lessons" in the top bar: the list, one click from the editor. */
export function LessonPicker() {
  const [open, setOpen] = useState(false);
  const current = usePlayground((s) => s.lessonId);
  return (
    <div className="lesson-picker">
      <button className="button" data-testid="lessons.button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Lessons
      </button>
      {open && (
        <ul className="lesson-picker__list" role="menu" data-testid="lessons.list">
          {LESSONS.map((lesson) => (
            <li key={lesson.id} role="none">
              <button
                role="menuitem"
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
