import { describe, expect, it } from 'vitest';
import { groupExports, groupImports } from './module-interface';

describe('module interface groups', () => {
  it('sorts imports into Faasm host calls, WASI, memories and the rest', () => {
    const groups = groupImports([
      { module: 'env', name: '__faasm_read_input', kind: 'function' },
      { module: 'wasi_snapshot_preview1', name: 'fd_write', kind: 'function' },
      { module: 'env', name: 'memory', kind: 'memory' },
      { module: 'env', name: 'state', kind: 'memory' },
      { module: 'env', name: 'puts', kind: 'function' },
    ]);
    expect(groups.map((g) => [g.title, g.entries.map((e) => e.name)])).toEqual([
      ['Faasm host calls', ['__faasm_read_input']],
      ['WASI', ['fd_write']],
      ['Memories', ['env.memory', 'env.state']],
      ['Other', ['env.puts']],
    ]);
    expect(groups[2]!.entries[1]!.note).toMatch(/shared window/);
  });

  it("lists the fuel import and global as the runtime's own, not as Faasm's ABI", () => {
    const imports = groupImports([
      { module: 'env', name: '__faasm_read_input', kind: 'function' },
      { module: 'faaslet', name: 'fuel', kind: 'function' },
    ]);
    expect(imports.map((g) => [g.title, g.entries.map((e) => e.name)])).toEqual([
      ['Faasm host calls', ['__faasm_read_input']],
      ["The runtime's own (added by the toolchain)", ['faaslet.fuel']],
    ]);
    expect(imports[1]!.entries[0]!.note).toMatch(/CPU-time metering/);
    const exports = groupExports([
      { name: '__faaslet_fuel_left', kind: 'global' },
      { name: '__faasm_global_0', kind: 'global' },
    ]);
    expect(exports.map((g) => [g.title, g.entries.map((e) => e.name)])).toEqual([
      ['Globals saved by Proto-Faaslets', ['__faasm_global_0']],
      ["The runtime's own (added by the toolchain)", ['__faaslet_fuel_left']],
    ]);
  });

  it('leaves out empty groups and sets the snapshot globals apart', () => {
    const groups = groupExports([
      { name: '_start', kind: 'function' },
      { name: '__stack_pointer', kind: 'global' },
      { name: '__faasm_global_0', kind: 'global' },
      { name: '__indirect_function_table', kind: 'table' },
    ]);
    expect(groups.map((g) => g.title)).toEqual(['Functions', 'Memories and tables', 'Globals', 'Globals saved by Proto-Faaslets']);
    expect(groupExports([{ name: 'f', kind: 'function' }]).map((g) => g.title)).toEqual(['Functions']);
  });
});
