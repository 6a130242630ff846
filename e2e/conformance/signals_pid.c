// signal() and raise() through WASI's emulated signals; getpid() through its emulated getpid.
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static volatile int caught = 0;

static void onSignal(int sig) { caught = sig; }

int main(int argc, char* argv[])
{
    signal(SIGUSR1, onSignal);
    raise(SIGUSR1);
    printf("caught %s, pid %s\n", caught == SIGUSR1 ? "SIGUSR1" : "nothing", getpid() > 0 ? "positive" : "missing");
    return caught == SIGUSR1 ? 0 : 1;
}
