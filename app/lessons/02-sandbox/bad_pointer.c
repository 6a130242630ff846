// lesson2/bad_pointer: passes a wild pointer to one host call (its input says which), as an
// attacker would to make the host read or write outside the Faaslet. The host checks every
// pointer first: the call fails with an error naming the host call, and nothing is created.
#include "faasm/faasm.h"
#include "faasm/network.h"

#include <dlfcn.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

// Above memory 0 (at most 2 GiB, 256 MiB by default) and below the shared window.
#define WILD ((void*)0x7FFFF000)

// WASI's path_open, imported as is: wasi-libc's wrappers would run strlen on the wild path
// inside the Faaslet (a trap there, not in the host).
__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_open"))) int32_t wasi_path_open(int32_t dir,
    int32_t lookup, const char* path, int32_t pathLen, int32_t oflags, int64_t rights, int64_t inherited,
    int32_t fdflags, int32_t* opened);

#define PREOPENED_ROOT 3
#define O_CREATE 1

static int nothing(void)
{
    return 0;
}

int main(int argc, char* argv[])
{
    char input[4] = { 0 };
    faasmGetInput((uint8_t*)input, sizeof(input) - 1);
    int len = 0;
    switch (atoi(input)) {
    // input and output
    case 0: faasmGetInput(WILD, 16); break;
    case 1: faasmSetOutput(WILD, 16); break;
    // state: read, size, write, pointer, offsets, append
    case 2: faasmReadState("stolen", WILD, 16); break;
    case 3: faasmReadStateSize(WILD); break;
    case 4: faasmWriteState("stolen", WILD, 4096); break;
    case 5: faasmReadStatePtr(WILD, 64); break;
    case 6: faasmReadStateOffset("stolen", 64, 0, WILD, 16); break;
    case 7: faasmWriteStateOffset("stolen", 64, 0, WILD, 16); break;
    case 8: faasmAppendState("stolen", WILD, 16); break;
    case 9: faasmReadAppendedState("stolen", WILD, 16, 1); break;
    // locks, and the global tier
    case 10: faasmLockStateRead(WILD); break;
    case 11: faasmLockStateWrite(WILD); break;
    case 12: faasmLockStateGlobalWrite(WILD); break;
    case 13: faasmPushState(WILD); break;
    case 14: faasmPullState(WILD, 64); break;
    // chaining: by name, by pointer with wild input, await with output into a wild pointer
    case 15: faasmChainNamed(WILD, (const uint8_t*)"x", 1); break;
    case 16: faasmChain(nothing, WILD, 16); break;
    case 17: faasmAwaitCallOutput(faasmChain(nothing, 0, 0), WILD, &len); break;
    // files (WASI): write from a wild buffer, open a wild path, create a file with a wild result pointer
    case 18: write(1, WILD, 16); break;
    case 19: wasi_path_open(PREOPENED_ROOT, 0, WILD, 10, O_CREATE, -1, -1, 0, (int32_t*)&len); break;
    case 20: wasi_path_open(PREOPENED_ROOT, 0, "stolen.txt", 10, O_CREATE, -1, -1, 0, WILD); break;
    // dynamic linking and the network
    case 21: dlopen(WILD, RTLD_NOW); break;
    case 22: faasmNetConnect(WILD); break;
    case 23: send(faasmNetConnect("echo"), WILD, 16, 0); break;
    default: return 2;
    }
    faasmSetOutput("the host accepted the wild pointer", 34);
    return 0;
}
