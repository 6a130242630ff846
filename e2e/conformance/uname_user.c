// uname answers as wasi-libc does (and Faasm expects); the user is Faasm's worker user.
#include <faasm/faasm.h>
#include <pwd.h>
#include <stdio.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(int argc, char* argv[])
{
    struct utsname u;
    uname(&u);
    struct passwd* me = getpwuid(getuid());
    char out[128];
    int len = snprintf(out, sizeof out, "%s %s %s %s uid=%u gid=%u", u.sysname, u.release, u.machine,
                       me ? me->pw_name : "nobody", me ? me->pw_uid : 0, getgid());
    faasmSetOutput(out, len);
    return 0;
}
