/**
 * The environment a function's `getenv` sees: Faasm's own variables (faasm/faasm
 * src/wasm/WasmEnvironment.cpp), in the order Faasm lists them (its std::map sorts by name).
 */
export const FAASM_ENVIRONMENT: readonly string[] = [
  'MKL_NUM_THREADS=1',
  'OPENBLAS_NUM_THREADS=1',
  'PYTHONHASHSEED=0',
  'PYTHONHOME=/',
  'PYTHONNOUSERSITE=on',
  'PYTHONWASM=1',
  'PYTHON_PATH=/',
];
