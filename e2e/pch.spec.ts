/**
 * Issue 16: no build waits for the precompiled C++ headers. In a fresh profile the first C++
 * build goes without them and says so; they are then made in a PCH Worker of their own while the
 * next build goes on without them, and the build after they are stored uses them.
 */
import { expect, test } from './fixtures';

const WORDS_CPP = (n: number) => `#include <faasm/faasm.h>
#include <faasm/input.h>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char* argv[]) {
    std::vector<std::string> words = {"one", "two"};
    std::cout << words.size() + ${n} << " words" << std::endl;
    return 0;
}
`;

test('a C++ build never waits for the precompiled headers being made in the background', async ({ playground, page }) => {
  test.setTimeout(600_000);
  await playground.open();
  await playground.createFunction('demo/words', WORDS_CPP(1), 'function', 'cpp');
  const log = playground.output('build.log');
  const pch = page.getByTestId('status.pch');

  await playground.build();
  await expect(page.getByTestId('toolchain.cpp')).toContainText('Compiling C++', { timeout: 180_000 });
  await expect(log).toContainText('metered for the CPU-time limit', { timeout: 300_000 });
  await expect(log).toContainText('C++ headers: parsed in full');

  // The PCH Worker has started: a build now goes without it rather than waiting.
  await expect(pch).toHaveText(/precompiling in the background/, { timeout: 120_000 });
  await playground.setCode(WORDS_CPP(2));
  await playground.build();
  await expect(log).toContainText('this build went without them', { timeout: 300_000 });
  await expect(log).toContainText('metered for the CPU-time limit');

  // Once stored, the next C++ build picks it up.
  await expect(pch).toHaveText('C++ headers precompiled', { timeout: 400_000 });
  await playground.setCode(WORDS_CPP(3));
  await playground.build();
  await expect(log).toContainText('metered for the CPU-time limit', { timeout: 300_000 });
  await expect(log).not.toContainText('C++ headers:');
  await playground.run();
  await playground.expectStatus(/ok/i);
  await expect(playground.output('output.stdout')).toContainText('5 words');
});
