/** The project's Faasm headers and libfaasm sources, as a virtual file tree for clang. */
import compareH from './sysroot/include/faasm/compare.h?raw';
import coreH from './sysroot/include/faasm/core.h?raw';
import faasmH from './sysroot/include/faasm/faasm.h?raw';
import hostInterfaceH from './sysroot/include/faasm/host_interface.h?raw';
import inputH from './sysroot/include/faasm/input.h?raw';
import memoryH from './sysroot/include/faasm/memory.h?raw';
import networkH from './sysroot/include/faasm/network.h?raw';
import randomH from './sysroot/include/faasm/random.h?raw';
import startC from './sysroot/src/faasm_start.c?raw';
import libfaasmC from './sysroot/src/libfaasm.c?raw';
import dlfcnC from './sysroot/src/dlfcn.c?raw';
import networkC from './sysroot/src/network.c?raw';

/** Where the headers sit in clang's virtual file system (passed with -isystem). */
export const INCLUDE_DIR = 'faasm-sysroot/include';

/** Prefix clang prints before a header's name in diagnostics. */
export const HEADER_PREFIX = `${INCLUDE_DIR}/`;

export const headerTree = {
  'faasm-sysroot': {
    include: {
      faasm: {
        'compare.h': compareH,
        'core.h': coreH,
        'faasm.h': faasmH,
        'host_interface.h': hostInterfaceH,
        'input.h': inputH,
        'memory.h': memoryH,
        'network.h': networkH,
        'random.h': randomH,
      },
    },
  },
};

/** libfaasm's C sources, compiled once per Worker. */
export const librarySources = {
  'libfaasm.c': libfaasmC,
  'faasm_start.c': startC,
  'network.c': networkC,
  'dlfcn.c': dlfcnC,
};
