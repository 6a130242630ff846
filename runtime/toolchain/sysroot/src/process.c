/* waitpid and wait (include/sys/wait.h): a Faaslet has no children to wait for. */
#include <sys/wait.h>

pid_t waitpid(pid_t pid, int* status, int options)
{
    (void)options;
    if (status) *status = 0;
    return pid;
}

pid_t wait(int* status) { return waitpid(-1, status, 0); }
