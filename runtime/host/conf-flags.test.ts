import { describe, expect, it } from 'vitest';
import { confFlag } from './conf-flags';
import { FAASM_ENVIRONMENT } from './environment';

describe('getConfFlag', () => {
  it("answers Faasm's flags with Faasm's values, and any other key 0 with a warning", () => {
    const warnings: string[] = [];
    const warn = (text: string) => warnings.push(text);
    expect([confFlag('ALWAYS_ON', warn), confFlag('ALWAYS_OFF', warn), confFlag('PYTHON_PRELOAD', warn)]).toEqual([1, 0, 0]);
    expect(warnings).toEqual([]);
    expect(confFlag('NO_SUCH_FLAG', warn)).toBe(0);
    expect(warnings).toEqual(['faasm: unknown conf flag "NO_SUCH_FLAG" (0)\n']);
  });
});

describe("Faasm's environment", () => {
  it('is the variables of WasmEnvironment.cpp, sorted by name as Faasm lists them', () => {
    const names = FAASM_ENVIRONMENT.map((entry) => entry.split('=')[0]!);
    expect(names).toEqual([...names].sort());
    expect(FAASM_ENVIRONMENT).toContain('PYTHONHASHSEED=0');
    expect(FAASM_ENVIRONMENT).toContain('OPENBLAS_NUM_THREADS=1');
  });
});
