/** The project's Faasm headers and libfaasm sources, as a virtual file tree for clang. */
import arrayH from './sysroot/include/faasm/array.h?raw';
import compareH from './sysroot/include/faasm/compare.h?raw';
import coreH from './sysroot/include/faasm/core.h?raw';
import counterH from './sysroot/include/faasm/counter.h?raw';
import faasmH from './sysroot/include/faasm/faasm.h?raw';
import filesH from './sysroot/include/faasm/files.h?raw';
import hostInterfaceH from './sysroot/include/faasm/host_interface.h?raw';
import inputH from './sysroot/include/faasm/input.h?raw';
import memoryH from './sysroot/include/faasm/memory.h?raw';
import migrateH from './sysroot/include/faasm/migrate.h?raw';
import networkH from './sysroot/include/faasm/network.h?raw';
import printH from './sysroot/include/faasm/print.h?raw';
import randomH from './sysroot/include/faasm/random.h?raw';
import stateH from './sysroot/include/faasm/state.h?raw';
import timeH from './sysroot/include/faasm/time.h?raw';
import startC from './sysroot/src/faasm_start.c?raw';
import libfaasmC from './sysroot/src/libfaasm.c?raw';
import dlfcnC from './sysroot/src/dlfcn.c?raw';
import networkC from './sysroot/src/network.c?raw';
import processC from './sysroot/src/process.c?raw';
import pwdC from './sysroot/src/pwd.c?raw';
import pwdH from './sysroot/include/pwd.h?raw';
import unistdH from './sysroot/include/unistd.h?raw';
import waitH from './sysroot/include/sys/wait.h?raw';

/** Where the headers sit in clang's virtual file system (passed with -isystem). */
export const INCLUDE_DIR = 'faasm-sysroot/include';

/** Prefix clang prints before a header's name in diagnostics. */
export const HEADER_PREFIX = `${INCLUDE_DIR}/`;

export const headerTree = {
  'faasm-sysroot': {
    include: {
      // Beside wasi-libc's own: users, password entries and waitpid, which it lacks (Faasm's have them).
      'pwd.h': pwdH,
      'unistd.h': unistdH,
      sys: { 'wait.h': waitH },
      faasm: {
        'array.h': arrayH,
        'compare.h': compareH,
        'core.h': coreH,
        'counter.h': counterH,
        'faasm.h': faasmH,
        'files.h': filesH,
        'host_interface.h': hostInterfaceH,
        'input.h': inputH,
        'memory.h': memoryH,
        'migrate.h': migrateH,
        'network.h': networkH,
        'print.h': printH,
        'random.h': randomH,
        'state.h': stateH,
        'time.h': timeH,
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
  'pwd.c': pwdC,
  'process.c': processC,
};
