/*
 * wasi-libc's unistd.h, plus the user and group ids it leaves out (WASI has no users): a Faaslet
 * runs as Faasm's worker user, uid and gid 1000, the `faasm` entry of the runtime root's
 * /etc/passwd. Implemented in libfaasm (sysroot/src/pwd.c).
 */
#ifndef FAASM_SYSROOT_UNISTD_H
#define FAASM_SYSROOT_UNISTD_H

#include_next <unistd.h>

#ifdef __cplusplus
extern "C" {
#endif

uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);

#ifdef __cplusplus
}
#endif

#endif
