/** Open a lesson (its functions join the workspace), run it as it says, reset its code. */
import { LESSONS, type Lesson } from '../lessons';
import { buildStale } from './builds';
import { session } from './session';
import type { GetState, PlaygroundState, SetState } from './types';
import { parseKey, sourceOf, type FunctionDoc } from './workspace';

type LessonActions = Pick<PlaygroundState, 'openLesson' | 'closeLesson' | 'runLesson' | 'resetLessonCode' | 'measureMemory'>;

export const lessonById = (id: string | null): Lesson | null => LESSONS.find((l) => l.id === id) ?? null;

function docsOf(lesson: Lesson): Record<string, FunctionDoc> {
  return Object.fromEntries(
    lesson.functions.map((f) => {
      const { user, name } = parseKey(f.key)!;
      return [f.key, { user, name, language: f.language, sources: { [f.language]: f.source }, input: f.key === lesson.run ? lesson.input : '' }];
    }),
  );
}

/** The person's own CPU-time limit back, unless they changed it while the lesson was open. */
function restoreOwnLimit(set: SetState, get: GetState) {
  const { lessonLimit, cpuTimeLimitMs } = get();
  if (!lessonLimit) return;
  set({ lessonLimit: null, ...(cpuTimeLimitMs === lessonLimit.lessonMs ? { cpuTimeLimitMs: lessonLimit.ownMs } : {}) });
}

export function lessonActions(set: SetState, get: GetState): LessonActions {
  return {
    openLesson(id) {
      const lesson = lessonById(id);
      if (!lesson) return;
      if (get().lessonId !== id) restoreOwnLimit(set, get);
      // A lesson's functions join the workspace once; edits made to them since are kept.
      set((s) => ({ lessonId: id, functions: { ...docsOf(lesson), ...s.functions }, current: lesson.run }));
    },
    async closeLesson() {
      const lesson = lessonById(get().lessonId);
      restoreOwnLimit(set, get);
      set({ lessonId: null });
      if (!lesson) return;
      // The functions the lesson added go with it; ones the person edited stay if they say so.
      const present = lesson.functions.filter((f) => get().functions[f.key]);
      const edited = present.filter((f) => {
        const doc = get().functions[f.key]!;
        return doc.language !== f.language || sourceOf(doc) !== f.source;
      });
      // Cancel (and a dismissed dialog) keeps the person's edits: only a clear yes deletes them.
      const dropEdited = edited.length > 0 && window.confirm(`You edited ${edited.map((f) => f.key).join(', ')}. Delete your edits with the lesson? (Cancel keeps them in the workspace.)`);
      for (const f of present) {
        if (!dropEdited && edited.includes(f)) continue;
        await get().deleteFunction(f.key);
      }
    },
    resetLessonCode() {
      const lesson = lessonById(get().lessonId);
      if (lesson) set((s) => ({ functions: { ...s.functions, ...docsOf(lesson) } }));
    },
    async runLesson() {
      const lesson = lessonById(get().lessonId);
      if (!lesson) return;
      set({ current: lesson.run, outputTab: lesson.view });
      // The lesson's limit holds while it is open (its Run button too); closing it puts the person's back.
      if (lesson.limitMs && get().cpuTimeLimitMs !== lesson.limitMs) {
        const ownMs = get().cpuTimeLimitMs;
        get().setCpuTimeLimit(lesson.limitMs);
        set({ lessonLimit: { lessonMs: get().cpuTimeLimitMs, ownMs } });
      }
      if (!(await buildStale(get, lesson.functions.map((f) => f.key))).ok) {
        set({ outputTab: 'problems' });
        return;
      }
      set({ current: lesson.run, outputTab: lesson.view });
      await get().runFunction();
      // A lesson shown on the memory map opens the Faaslet that ran it there.
      const faaslet = get().call.result?.faaslet ?? -1;
      if (lesson.view === 'memory' && faaslet >= 0) await get().inspectFaaslet(faaslet);
    },
    async measureMemory(user) {
      return (await session.connection?.api.memoryUsage(user)) ?? null;
    },
  };
}
