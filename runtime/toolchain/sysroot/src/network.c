/* faasm/network.h on the host's `__faasm_net_connect` import (runtime/host/network). */
#include <errno.h>

#include "faasm/network.h"

__attribute__((import_module("env"), import_name("__faasm_net_connect")))
int __faasm_net_connect(const char* endpoint);

int faasmNetConnect(const char* endpoint)
{
    int fd = __faasm_net_connect(endpoint);
    if (fd < 0) {
        errno = -fd;
        return -1;
    }
    return fd;
}

int bind(int fd, const struct sockaddr* addr, socklen_t addrLen)
{
    (void)fd, (void)addr, (void)addrLen;
    errno = EPERM;
    return -1;
}

int listen(int fd, int backlog)
{
    (void)fd, (void)backlog;
    errno = EPERM;
    return -1;
}
