import { expect, test, type Playground } from './fixtures';

/** Memory that depends on the input, so two calls leave different pages behind. */
const SCRATCH_C = `#include "faasm/faasm.h"
#include <string.h>
static char scratch[256 * 1024];
int main(int argc, char* argv[]) {
    char c = 'x';
    faasmGetInput((uint8_t*)&c, 1);
    memset(scratch, c, sizeof(scratch));
    faasmSetOutput(scratch, 8);
    return 0;
}
`;

/**
 * What a Proto-Faaslet must carry, printed by every call: a static constructor's count (and the
 * member it set), a checksum of the table the zygote malloc'd, an initialised global, and where
 * malloc puts a block in main. Each call then changes them all: the next call must not see it.
 * With no input it chains itself by name and adds the child's line to its own.
 */
const STARTS_CPP = `#include "faasm/faasm.h"
#include <cstdio>
#include <cstdlib>
static int constructed = 0;
struct Registry { int entries; Registry() : entries(7) { constructed++; } };
static Registry registry;
static unsigned initialised = 0x2a2a2a2a;
static unsigned* table = nullptr;
FAASM_ZYGOTE() {
    table = static_cast<unsigned*>(malloc(16384 * sizeof(unsigned)));
    for (unsigned i = 0; i < 16384; i++) table[i] = i * 2654435761u;
    return 0;
}
int main() {
    unsigned sum = 0;
    for (unsigned i = 0; i < 16384; i++) sum ^= table[i] + i;
    char line[400];
    int len = snprintf(line, 160, "ctors=%d entries=%d table=%08x data=%08x malloc=%p",
                       constructed, registry.entries, sum, initialised, malloc(100));
    constructed++, registry.entries++, initialised++, table[1]++;
    if (faasmGetInputSize() == 0) {
        unsigned id = faasmChainNamed("starts", (const uint8_t*)"child", 5);
        char* child = nullptr;
        int childLen = 0;
        if (faasmAwaitCallOutput(id, &child, &childLen) != 0) return 1;
        len += snprintf(line + len, sizeof(line) - len, "\\n%.*s", childLen, child);
    }
    faasmSetOutput(line, len);
    return 0;
}
`;

/** The checksum STARTS_CPP's zygote table gives. */
function tableChecksum(): string {
  let sum = 0;
  for (let i = 0; i < 16384; i++) sum = (sum ^ ((Math.imul(i, 2654435761) + i) >>> 0)) >>> 0;
  return sum.toString(16).padStart(8, '0');
}

async function showProtos(playground: Playground) {
  await playground.page.getByTestId('output.tab.protos').click();
  await expect(playground.output('protos.view')).toBeVisible();
}

const protoRow = (playground: Playground, fn: string) =>
  playground.page.locator(`[data-testid="protos.row"][data-function="${fn}"]`);

test('a zygote runs once: Faaslets restored from the Proto-Faaslet see its 1 MiB table, and warm calls start from it too', async ({ playground }) => {
  await playground.open();
  await playground.selectFunction('demo/zygote');
  await playground.run();
  await playground.expectStatus(/ok/i);
  const text = (await playground.output('output.text').textContent()) ?? '';
  const lines = text.split('\n');
  expect(lines).toHaveLength(4);
  const checksum = /^main: ([0-9a-f]{8}) zygotes=1 calls=1$/.exec(lines[0]!)?.[1];
  expect(checksum, lines[0]).toBeDefined();
  for (const line of lines.slice(1)) expect(line).toBe(`check: ${checksum} zygotes=1 calls=1`);

  await showProtos(playground);
  const row = protoRow(playground, 'demo/zygote');
  await expect(row.getByTestId('protos.zygotes')).toHaveText('1');
  await expect(row.getByTestId('protos.cold')).toHaveText('1');
  await expect(row.getByTestId('protos.restored')).toHaveText('3');
  await expect(row.getByTestId('protos.image')).toContainText('non-zero pages kept');

  // Again: every Faaslet now holds the module, so they start warm, reset from the image.
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.starttime')).toContainText('(warm)');
  await expect(playground.output('output.text')).toHaveText(text);
  await showProtos(playground);
  await expect(row.getByTestId('protos.zygotes')).toHaveText('1');
  await expect(row.getByTestId('protos.cold')).toHaveText('1');
});

test('zygote runs count the _faasm_zygote calls Faaslets made: a module without one runs none', async ({ playground }) => {
  await playground.open();
  await playground.createFunction('demo/bare', '(module\n  (import "env" "memory" (memory 1))\n  (func (export "_start")))', 'function', 'wat');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.starttime')).toContainText('(cold)');
  await showProtos(playground);
  const row = protoRow(playground, 'demo/bare');
  await expect(row.getByTestId('protos.cold')).toHaveText('1');
  await expect(row.getByTestId('protos.zygotes')).toHaveText('0');
});

test('snapshot a Faaslet, change its memory, diff, restore: the memory equals the snapshot again', async ({ playground }) => {
  await playground.open();
  await playground.createFunction('demo/scratch', SCRATCH_C);
  await playground.setInput('a');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('aaaaaaaa');

  await showProtos(playground);
  await playground.output('snapshot.name').fill('after-a');
  await playground.output('snapshot.take').click();
  const snapshot = playground.page.locator('[data-testid="snapshot.row"][data-name="after-a"]');
  await expect(snapshot).toBeVisible();

  await playground.setInput('b');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.text')).toHaveText('bbbbbbbb');

  await showProtos(playground);
  await snapshot.getByTestId('snapshot.diff').click();
  // 256 KiB of 'b' over 'a': at least the four pages of the buffer differ.
  await expect(playground.output('snapshot.diff.summary')).toHaveText(/: ([4-9]|\d\d+) of \d+ pages differ/);
  await snapshot.getByTestId('snapshot.restore').click();
  await expect(playground.output('snapshot.diff.summary')).toHaveText(/: 0 of \d+ pages differ$/);
  await expect(playground.output('snapshot.error')).toHaveCount(0);
});

test('a rebuild invalidates the Proto-Faaslet, and the next call starts cold', async ({ playground }) => {
  await playground.open();
  await playground.selectFunction('demo/hello');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await showProtos(playground);
  const row = protoRow(playground, 'demo/hello');
  await expect(row.getByTestId('protos.image')).toContainText('MiB memory');

  await playground.typeAtTop('// rebuilt\n');
  await playground.build();
  await expect(row.getByTestId('protos.image')).toHaveText(/^none yet/);
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.starttime')).toContainText('(cold)');
  await showProtos(playground);
  await expect(row.getByTestId('protos.image')).toContainText('MiB memory');
});

test('constructors, the zygote\'s heap and initialised data are the same in cold, restored and warm starts, and the heap is reset', async ({ playground }) => {
  await playground.open();
  await playground.createFunction('demo/starts', STARTS_CPP, 'function', 'cpp');
  await playground.run();
  await playground.expectStatus(/ok/i, 180_000);
  await expect(playground.output('output.starttime')).toContainText('(cold)');
  const text = (await playground.output('output.text').textContent()) ?? '';
  const [cold, restored] = text.split('\n');
  expect(cold).toMatch(new RegExp(`^ctors=1 entries=7 table=${tableChecksum()} data=2a2a2a2a malloc=0x[0-9a-f]+$`));
  expect(restored).toBe(cold);

  // The child ran in another Faaslet, restored from the image the parent's cold start took.
  await playground.showCalls();
  const nodes = playground.callNodes();
  await expect(nodes).toHaveCount(2);
  const faaslets = await nodes.evaluateAll((rows) => rows.map((row) => row.textContent?.match(/h\d+·f\d+/)?.[0]));
  expect(faaslets[1]).not.toBe(faaslets[0]);
  // A chained call's detail says how its Faaslet did start, and how long that took.
  await nodes.nth(1).click();
  const start = playground.output('calls.detail.start');
  await expect(start).toHaveAttribute('data-start-kind', 'restored');
  await expect(start).toHaveText(/^restored, took \d+\.\d+ ms$/);

  // Again: both Faaslets hold the module now, and reset it in place.
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.starttime')).toContainText('(warm)');
  await expect(playground.output('output.text')).toHaveText(`${cold}\n${cold}`);
  await nodes.nth(1).click();
  await expect(start).toHaveAttribute('data-start-kind', 'warm');
  await expect(start).toHaveText(/^warm, took \d+\.\d+ ms$/);
  await nodes.nth(0).click();
  await expect(start).toHaveText(/^warm, took \d+\.\d+ ms$/);

  await showProtos(playground);
  const row = protoRow(playground, 'demo/starts');
  await expect(row.getByTestId('protos.zygotes')).toHaveText('1');
  await expect(row.getByTestId('protos.cold')).toHaveText('1');
  await expect(row.getByTestId('protos.restored')).toHaveText('1');
  await expect(row.getByTestId('protos.warm')).toHaveText('2');
});

test('a Proto-Faaslet survives a reload: the next session restores from it and runs no zygote', async ({ playground }) => {
  await playground.open();
  await playground.selectFunction('demo/zygote');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.starttime')).toContainText('(cold)');
  const text = (await playground.output('output.text').textContent()) ?? '';
  await showProtos(playground);
  const row = protoRow(playground, 'demo/zygote');
  // Shown once the image is stored, in IndexedDB too.
  await expect(row.getByTestId('protos.image')).toContainText('non-zero pages kept');

  await playground.page.reload();
  await expect(playground.output('build.button')).toBeVisible();
  await playground.selectFunction('demo/zygote');
  await showProtos(playground);
  await expect(row.getByTestId('protos.image')).toContainText('non-zero pages kept');
  await expect(row.getByTestId('protos.zygotes')).toHaveText('0');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.starttime')).toContainText('(restored)');
  // zygotes=1 in every line: the memory is the image the last session's zygote left.
  await expect(playground.output('output.text')).toHaveText(text);
  await showProtos(playground);
  await expect(row.getByTestId('protos.zygotes')).toHaveText('0');
  await expect(row.getByTestId('protos.cold')).toHaveText('0');
  await expect(row.getByTestId('protos.restored')).toHaveText('4');
});
