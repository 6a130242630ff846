import { marked } from 'marked';
import { useMemo, type MouseEvent } from 'react';
import type { Lesson } from '..';
import { hex32 } from '../../lib/typed-values';
import { usePlayground } from '../../store/playground';
import { jumpToAddress } from './LessonJump';

/** The addresses the lesson's last run printed, by link name; empty before it has run. */
function useLinkedAddresses(lesson: Lesson): Map<string, number> {
  const result = usePlayground((s) => s.call.result);
  return useMemo(() => {
    const found = new Map<string, number>();
    if (!result || result.function !== lesson.run) return found;
    const output = new TextDecoder().decode(result.output);
    for (const { name, pattern } of lesson.links) {
      const match = pattern.exec(output)?.[1];
      if (match !== undefined) found.set(name, Number.parseInt(match, 16));
    }
    return found;
  }, [lesson, result]);
}

const addressButton = (address: number, label: string) =>
  `<button type="button" class="lesson-link" data-testid="lesson.address" data-address="${hex32(address)}" title="Show ${hex32(address)} on the Memory tab">${label}</button>`;

/**
 * The lesson's Markdown as HTML, where addresses a person would otherwise type are links: inline
 * `0x…` values, and `{{name}}` for an address the run prints (a hint to run it first until then).
 */
function linkedHtml(lesson: Lesson, addresses: Map<string, number>): string {
  // Lessons are the project's own files, so their Markdown is trusted.
  const html = marked.parse(lesson.body, { async: false }) as string;
  return html
    .replace(/<code>(0x[0-9A-Fa-f]{1,8})<\/code>/g, (_, text: string) => addressButton(Number.parseInt(text, 16), `<code>${text}</code>`))
    .replace(/\{\{(\w+)\}\}/g, (token, name: string) => {
      const address = addresses.get(name);
      if (address !== undefined) return addressButton(address, `<code>${hex32(address)}</code>`);
      return lesson.links.some((l) => l.name === name) ? `<em class="lesson-link--pending">its address (run the lesson first)</em>` : token;
    });
}

/** The lesson's text; a click on an address link jumps the Memory tab there. */
export function LessonText({ lesson }: { lesson: Lesson }) {
  const addresses = useLinkedAddresses(lesson);
  const html = useMemo(() => linkedHtml(lesson, addresses), [lesson, addresses]);
  const click = (event: MouseEvent<HTMLDivElement>) => {
    const link = (event.target as Element).closest<HTMLElement>('[data-address]');
    if (link) void jumpToAddress(Number.parseInt(link.dataset.address!, 16));
  };
  return <div className="lesson-panel__text" onClick={click} dangerouslySetInnerHTML={{ __html: html }} />;
}
