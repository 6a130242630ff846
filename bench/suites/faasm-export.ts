/**
 * Issue 15's export figure: the export build of a C++ function, as Faasm's toolchain builds it
 * (runtime/export), with the toolchain loaded and libfaasm built for the export beforehand.
 */
import { createToolchain } from '../../runtime/toolchain';
import { round, timeMedian } from '../measure';

const FUNCTION_CPP = `#include <faasm/faasm.h>
#include <faasm/input.h>
#include <string>

int main(int argc, char* argv[]) {
    std::string in = faasm::getStringInput("world");
    std::string out = "Hello, " + in + "! argc=" + std::to_string(argc);
    faasm::setStringOutput(out.c_str());
    return 0;
}
`;

export async function faasmExportSuite(): Promise<Record<string, number>> {
  const toolchain = createToolchain(() => {});
  await toolchain.load();
  const build = async () => {
    const exported = await toolchain.exportForFaasm({ language: 'cpp', source: FUNCTION_CPP });
    if (!exported.ok) throw new Error(`the Faasm export failed: ${exported.log}${exported.problems.map((p) => p.why).join('; ')}`);
  };
  const buildMs = await timeMedian(5, build, 1);
  toolchain.dispose();
  return { 'toolchain.faasm_build_ms': round(buildMs, 1) };
}
