import { describe, expect, it } from 'vitest';
import { LESSONS, parseLesson } from './index';

describe('lessons', () => {
  it('loads every lesson folder, in order, each with the function it runs', () => {
    expect(LESSONS.map((l) => l.number)).toEqual([...LESSONS.map((l) => l.number)].sort((a, b) => a - b));
    expect(LESSONS.length).toBeGreaterThanOrEqual(6);
    for (const lesson of LESSONS) {
      expect(lesson.functions.map((f) => f.key)).toContain(lesson.run);
      expect(lesson.title).not.toBe(lesson.id);
      expect(lesson.body.startsWith('# ')).toBe(true);
    }
  });

  it('refuses a lesson without front matter, or whose run names no function of it', () => {
    expect(() => parseLesson('09-x', '# no front matter', {})).toThrow('front matter');
    expect(() => parseLesson('09-x', '---\ntitle: X\nrun: lesson9/y\n---\n# X', { 'z.c': '' })).toThrow('run: lesson9/y');
    const lesson = parseLesson('09-x', '---\ntitle: X\nrun: lesson9/y\nview: state\nlimit: 900\n---\n# X\ntext', { 'y.c': 'int main(){}' });
    expect(lesson).toMatchObject({ number: 9, title: 'X', run: 'lesson9/y', view: 'state', limitMs: 900, input: '', plot: [] });
    expect(lesson.functions).toEqual([{ key: 'lesson9/y', language: 'c', source: 'int main(){}' }]);
  });

  it('reads the plot key as a list of state keys', () => {
    const lesson = parseLesson('09-x', '---\nrun: lesson9/y\nplot: loss_a, loss_b\n---\n# X', { 'y.c': '' });
    expect(lesson.plot).toEqual(['loss_a', 'loss_b']);
    expect(lesson.memory).toBe(false);
    expect(parseLesson('09-x', '---\nrun: lesson9/y\nmemory: yes\n---\n# X', { 'y.c': '' }).memory).toBe(true);
  });

  it('reads published start times as label = figure entries', () => {
    const lesson = parseLesson('09-x', '---\nrun: lesson9/y\nstarts: cold = Faaslet 5.2 ms, Docker = 2.8 s\n---\n# X', { 'y.c': '' });
    expect(lesson.starts).toEqual([
      { label: 'cold', figure: 'Faaslet 5.2 ms' },
      { label: 'Docker', figure: '2.8 s' },
    ]);
    expect(parseLesson('09-x', '---\nrun: lesson9/y\n---\n# X', { 'y.c': '' }).starts).toBeNull();
    expect(() => parseLesson('09-x', '---\nrun: lesson9/y\nstarts: cold 5.2 ms\n---\n# X', { 'y.c': '' })).toThrow('label = figure');
  });

  it('reads links as name = regex entries whose first group finds an address in the output', () => {
    const lesson = parseLesson('09-x', '---\nrun: lesson9/y\nlinks: secret = at (0x[0-9a-f]+), where ; top = top (0x[0-9a-f]+)\n---\n# X', { 'y.c': '' });
    expect(lesson.links.map((l) => l.name)).toEqual(['secret', 'top']);
    expect(lesson.links[0]!.pattern.exec('B read "" at 0x400d60, where A')?.[1]).toBe('0x400d60');
    expect(parseLesson('09-x', '---\nrun: lesson9/y\n---\n# X', { 'y.c': '' }).links).toEqual([]);
    expect(() => parseLesson('09-x', '---\nrun: lesson9/y\nlinks: secret = 0x1234\n---\n# X', { 'y.c': '' })).toThrow('name = regex with a group');
  });

  it('reads a bar chart key and its published figures', () => {
    const lesson = parseLesson('09-x', '---\nrun: lesson9/y\nbars: b\ncited: A, 2019 = 1.55; B = 1.45\n---\n# X', { 'y.c': '' });
    expect(lesson.bars).toBe('b');
    expect(lesson.cited).toEqual([{ label: 'A, 2019', value: 1.55 }, { label: 'B', value: 1.45 }]);
    expect(parseLesson('09-x', '---\nrun: lesson9/y\n---\n# X', { 'y.c': '' })).toMatchObject({ bars: null, cited: [] });
    expect(() => parseLesson('09-x', '---\nrun: lesson9/y\ncited: A = fast\n---\n# X', { 'y.c': '' })).toThrow('label = number');
  });

  it.each([
    [8, 'lesson8/goals', 'lesson8/checked'],
    [9, 'lesson9/raw', 'lesson9/checked'],
  ])('lesson %i times the same kernel text in its raw and its checked module', (number, raw, checked) => {
    const lesson = LESSONS.find((l) => l.number === number)!;
    const source = (key: string) => lesson.functions.find((f) => f.key === key)!.source;
    const kernel = (key: string) => source(key).slice(source(key).indexOf('// ---- the kernel'), source(key).indexOf('// ---- end of the kernel ----'));
    expect(kernel(raw).length).toBeGreaterThan(500);
    expect(kernel(checked)).toBe(kernel(raw));
    // Only the checked module maps state, which is what makes the build rewrite it.
    expect(source(raw)).not.toMatch(/faasmReadState(Offset)?Ptr\(/);
    expect(source(checked)).toContain('faasmReadStatePtr(');
  });
});
