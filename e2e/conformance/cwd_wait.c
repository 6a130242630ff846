// The working directory is /, and waitpid returns at once with the pid it was given.
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char* argv[])
{
    char cwd[256];
    int status = 1;
    pid_t waited = waitpid(123, &status, WNOHANG);
    printf("cwd %s, waitpid %d status %d\n", getcwd(cwd, sizeof cwd), waited, WEXITSTATUS(status));
    return waited == 123 && strcmp(cwd, "/") == 0 ? 0 : 1;
}
