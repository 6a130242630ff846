/*
 * waitpid, which wasi-libc lacks (WASI has no processes). A Faaslet has no children, so, as in
 * Faasm (its demo/waitpid), waitpid returns at once with the pid it was given and an exit status
 * of 0. Implemented in libfaasm (sysroot/src/process.c).
 */
#ifndef FAASM_SYSROOT_SYS_WAIT_H
#define FAASM_SYSROOT_SYS_WAIT_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WNOHANG 1
#define WUNTRACED 2

#define WEXITSTATUS(s) (((s) & 0xff00) >> 8)
#define WTERMSIG(s) ((s) & 0x7f)
#define WIFEXITED(s) (!WTERMSIG(s))

pid_t waitpid(pid_t pid, int* status, int options);
pid_t wait(int* status);

#ifdef __cplusplus
}
#endif

#endif
