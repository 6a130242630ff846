/** The examples gallery: hello and every example, each with a line saying what it shows. */
import { EXAMPLES, GALLERY_ONLY, HELLO, HELLO_INPUT, HELLO_KEY, type Example } from './index';

export interface GalleryEntry extends Example {
  description: string;
}

/**
 * The first sentence of the source's opening comment, without the `user/name:` it starts with
 * (the comment may wrap a sentence over several lines).
 */
export function describeSource(source: string): string {
  const comment: string[] = [];
  for (const line of source.split('\n')) {
    const text = /^\s*(?:\/\/|;;)\s?(.*)$/.exec(line)?.[1];
    if (text === undefined) break;
    comment.push(text.trim());
  }
  const prose = comment.join(' ').replace(/^[\w-]+\/[\w-]+:\s*/, '');
  const sentence = /^.*?[.!?](?=\s|$)/.exec(prose)?.[0] ?? prose;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

const hello: Example = { key: HELLO_KEY, language: 'c', source: HELLO.c, input: HELLO_INPUT };

export function galleryEntries(): GalleryEntry[] {
  return [hello, ...EXAMPLES, ...GALLERY_ONLY].map((example) => ({ ...example, description: describeSource(example.source) }));
}
