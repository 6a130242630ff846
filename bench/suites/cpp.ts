/**
 * Issue 16's C++ figures: a typical Faasm C++ function (libc++ string, vector and iostream with
 * the Faasm headers). The first C++ build of a fresh profile goes without precompiled headers,
 * which a PCH Worker makes in the background after it (the second build goes without them and
 * never waits); a later page load reads them back (cold), and builds after that are warm.
 */
import { createToolchain, type PchStatus } from '../../runtime/toolchain';
import { round, timeMedian } from '../measure';

const FUNCTION_CPP = `#include <faasm/faasm.h>
#include <faasm/input.h>
#include <iostream>
#include <string>
#include <vector>

int main(int argc, char* argv[]) {
    std::string in = faasm::getStringInput("the quick brown fox");
    std::vector<std::string> words;
    std::string word;
    for (char c : in) {
        if (c == ' ') { words.push_back(word); word.clear(); }
        else word += c;
    }
    words.push_back(word);
    std::cout << words.size() << " words" << std::endl;
    std::string out = std::to_string(words.size()) + " words, the last " + words.back();
    faasm::setStringOutput(out.c_str());
    return 0;
}
`;

async function firstBuildMs(): Promise<{ ms: number; dispose: () => void; build: () => Promise<void>; pchMade: Promise<PchStatus> }> {
  let made: (status: PchStatus) => void = () => undefined;
  const pchMade = new Promise<PchStatus>((resolve) => { made = resolve; });
  const toolchain = createToolchain(() => {}, (status) => status.state !== 'making' && made(status));
  await toolchain.load();
  const build = async () => {
    const outcome = await toolchain.build({ language: 'cpp', source: FUNCTION_CPP });
    if (!outcome.ok) throw new Error(outcome.log);
  };
  const t0 = performance.now();
  await build();
  return { ms: performance.now() - t0, dispose: () => toolchain.dispose(), build, pchMade };
}

export async function cppSuite(): Promise<Record<string, number>> {
  await caches.delete('faasm-pch');
  const fresh = await firstBuildMs();
  const t0 = performance.now();
  await fresh.build();
  const secondMs = performance.now() - t0;
  const pch = await fresh.pchMade;
  if (pch.state !== 'ready') throw new Error(`the PCH was not made: ${pch.state === 'failed' ? pch.reason : pch.state}`);
  fresh.dispose();
  const reloaded = await firstBuildMs();
  const warmMs = await timeMedian(7, reloaded.build, 1);
  reloaded.dispose();
  return {
    'toolchain.first_compile_cpp_ms': round(fresh.ms, 1),
    'toolchain.second_compile_cpp_ms': round(secondMs, 1),
    'toolchain.cold_compile_cpp_ms': round(reloaded.ms, 1),
    'toolchain.warm_compile_cpp_ms': round(warmMs, 1),
  };
}
