import { describe, expect, it } from 'vitest';
import { describeSource, galleryEntries } from './gallery';

describe('describeSource', () => {
  it('takes the first sentence of the opening comment, without the function name', () => {
    expect(describeSource('// demo/square: reads an integer and outputs its square.\n#include <x>')).toBe(
      'Reads an integer and outputs its square.',
    );
    expect(describeSource(';; demo/hello: output = "Hello, " + input + "!"\n(module)')).toBe('Output = "Hello, " + input + "!"');
  });

  it('follows a sentence over wrapped comment lines and stops at its end', () => {
    const source = '// demo/fan_out: chains demo/square 16 times (inputs 1..16), awaits every call and\n// outputs the sum. Press "Build all" first.\nint x;';
    expect(describeSource(source)).toBe('Chains demo/square 16 times (inputs 1..16), awaits every call and outputs the sum.');
  });

  it('describes every example', () => {
    const entries = galleryEntries();
    expect(entries[0]!.key).toBe('demo/hello');
    for (const entry of entries) expect(entry.description.length, entry.key).toBeGreaterThan(10);
  });
});
