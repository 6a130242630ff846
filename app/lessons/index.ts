/**
 * Lessons are data: one folder per lesson (`NN-slug/`) with `lesson.md` (a small front matter,
 * then Markdown) and the functions it uses (`*.c`, `*.cpp`, `*.wat`), which become
 * `lesson<N>/<file name>`. Anyone can add one by adding a folder.
 *
 * Front matter keys: `title`, `run` (the function Run lesson calls), `input`, `view` (the tab to
 * show: output, calls, cluster, memory, state, protos), `limit` (CPU-time limit, ms) and `plot`
 * (comma-separated state keys of the lesson's user, each a loss trace to draw live: an i32 point
 * count, 4 bytes of padding, then (ms, value) f64 pairs) and `memory` (`yes`: also plot the memory
 * the lesson's user holds while its calls run, measured by the runtime, one line per run input)
 * and `starts` (show the start times of the last run's calls by kind, beside published figures:
 * comma-separated `label = figure` entries; a label `cold`, `restored` or `warm` sits on that
 * kind's row, any other label gets a row of its own) and `bars` (a state key of the lesson's user
 * holding a bar chart as text: a title line, then `label<TAB>value<TAB>note` lines) with `cited`
 * (published figures drawn beside those bars: `label = value` entries separated by `;`) and
 * `links` (values the run prints that the text links to: `name = regex` entries separated by ` ; `,
 * the regex's first group an address in the run's output; `{{name}}` in the text becomes a link
 * that jumps the Memory tab there, as does any inline `0x…` address).
 * README.md ("Lessons") tells the same for people adding one.
 */
import type { Language } from '../../runtime';
import type { OutputTab } from '../store/types';

export interface LessonFunction {
  key: string;
  language: Language;
  source: string;
}

export interface Lesson {
  id: string;
  number: number;
  title: string;
  /** The Markdown after the front matter. */
  body: string;
  run: string;
  input: string;
  view: OutputTab;
  limitMs: number | null;
  /** State keys (without the user) the lesson panel plots. */
  plot: string[];
  /** Whether the panel plots the memory the lesson's calls hold, measured live. */
  memory: boolean;
  /** Published start times to show beside the measured ones; null: no start-time table. */
  starts: { label: string; figure: string }[] | null;
  /** The state key (without the user) holding the lesson's bar chart; null: no bar chart. */
  bars: string | null;
  /** Published figures drawn as bars beside the measured ones. */
  cited: { label: string; value: number }[];
  /** Addresses the run prints, found in its output by each regex's first group. */
  links: { name: string; pattern: RegExp }[];
  functions: LessonFunction[];
}

const VIEWS: readonly OutputTab[] = ['output', 'calls', 'cluster', 'memory', 'state', 'protos'];
const LANGUAGES: Record<string, Language> = { c: 'c', cpp: 'cpp', wat: 'wat' };

function parseStarts(id: string, value: string): { label: string; figure: string }[] {
  return value
    .split(',')
    .filter((entry) => entry.trim())
    .map((entry) => {
      const [label, figure, extra] = entry.split('=').map((part) => part.trim());
      if (!label || !figure || extra !== undefined) throw new Error(`lesson ${id}: starts: "${entry.trim()}" is not label = figure`);
      return { label, figure };
    });
}

function parseCited(id: string, value: string): { label: string; value: number }[] {
  return value
    .split(';')
    .filter((entry) => entry.trim())
    .map((entry) => {
      const equals = entry.lastIndexOf('=');
      const label = entry.slice(0, equals).trim();
      const figure = Number(entry.slice(equals + 1));
      if (equals < 0 || !label || !Number.isFinite(figure)) throw new Error(`lesson ${id}: cited: "${entry.trim()}" is not label = number`);
      return { label, value: figure };
    });
}

function parseLinks(id: string, value: string): { name: string; pattern: RegExp }[] {
  return value
    .split(' ; ')
    .filter((entry) => entry.trim())
    .map((entry) => {
      const equals = entry.indexOf('=');
      const name = entry.slice(0, equals).trim();
      const source = entry.slice(equals + 1).trim();
      if (equals < 0 || !/^\w+$/.test(name) || !source.includes('(')) throw new Error(`lesson ${id}: links: "${entry.trim()}" is not name = regex with a group`);
      return { name, pattern: new RegExp(source) };
    });
}

/** `---\nkey: value\n---\nbody` → the keys and the body; malformed lessons fail loudly at start-up. */
export function parseLesson(id: string, text: string, files: Record<string, string>): Lesson {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`lesson ${id}: lesson.md must start with a --- front matter block`);
  const meta = new Map<string, string>();
  for (const line of match[1]!.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) meta.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const number = Number.parseInt(id, 10);
  const user = `lesson${number}`;
  const functions = Object.entries(files).map(([file, source]) => {
    const dot = file.lastIndexOf('.');
    const language = LANGUAGES[file.slice(dot + 1)];
    if (!language) throw new Error(`lesson ${id}: ${file} is not C, C++ or WAT`);
    return { key: `${user}/${file.slice(0, dot)}`, language, source };
  });
  const run = meta.get('run') ?? '';
  if (!functions.some((f) => f.key === run)) throw new Error(`lesson ${id}: run: ${run} is not one of its functions`);
  const view = (meta.get('view') ?? 'output') as OutputTab;
  if (!VIEWS.includes(view)) throw new Error(`lesson ${id}: view: ${view} is not one of ${VIEWS.join(', ')}`);
  const limit = meta.get('limit');
  return {
    id,
    number,
    title: meta.get('title') ?? id,
    body: match[2]!.trim(),
    run,
    input: meta.get('input') ?? '',
    view,
    limitMs: limit ? Number(limit) : null,
    plot: (meta.get('plot') ?? '').split(',').map((k) => k.trim()).filter(Boolean),
    memory: meta.get('memory') === 'yes',
    starts: meta.has('starts') ? parseStarts(id, meta.get('starts')!) : null,
    bars: meta.get('bars') || null,
    cited: parseCited(id, meta.get('cited') ?? ''),
    links: parseLinks(id, meta.get('links') ?? ''),
    functions,
  };
}

function loadLessons(): Lesson[] {
  const texts = import.meta.glob('./*/lesson.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
  const sources = import.meta.glob(['./*/*.c', './*/*.cpp', './*/*.wat'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
  return Object.entries(texts)
    .map(([path, text]) => {
      const folder = path.split('/')[1]!;
      const files = Object.fromEntries(
        Object.entries(sources)
          .filter(([p]) => p.split('/')[1] === folder)
          .map(([p, source]) => [p.split('/')[2]!, source]),
      );
      return parseLesson(folder, text, files);
    })
    .sort((a, b) => a.number - b.number);
}

export const LESSONS: readonly Lesson[] = loadLessons();
