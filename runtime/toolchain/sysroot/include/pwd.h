/*
 * Password entries, which wasi-libc lacks: getpwuid and getpwnam read the runtime root's
 * /etc/passwd (Faasm's runtime root has one; runtime/host/files/runtime-root.ts). The entry
 * returned is static, overwritten by the next call, as POSIX allows.
 */
#ifndef FAASM_SYSROOT_PWD_H
#define FAASM_SYSROOT_PWD_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct passwd {
    char* pw_name;
    char* pw_passwd;
    uid_t pw_uid;
    gid_t pw_gid;
    char* pw_gecos;
    char* pw_dir;
    char* pw_shell;
};

struct passwd* getpwuid(uid_t uid);
struct passwd* getpwnam(const char* name);

#ifdef __cplusplus
}
#endif

#endif
