/*
 * Client sockets on the playground's virtual network interface. A project extension: Faasm
 * has no such header (its sockets go through its own wasi-libc fork), and wasi-libc has no
 * socket()/connect() for WASI preview 1.
 *
 *     int s = faasmNetConnect("echo");         // a descriptor, or -1 with errno set
 *     send(s, "hi", 2, 0);                      // write() works too
 *     ssize_t n = recv(s, buf, sizeof buf, 0);  // read() works too
 *     close(s);
 *
 * Endpoints: "echo" (every byte sent comes back) and "http" (send an HTTP/1.1 request, receive
 * "HTTP/1.1 <status>\r\nContent-Length: n\r\n\r\n<body>"; same-origin or CORS-enabled URLs
 * only). recv() never blocks: it returns 0 when nothing is queued. Transfers are slowed to the
 * function's bandwidth when one is set. Server sockets are refused: bind(), listen() and
 * accept() fail with EPERM.
 */
#ifndef FAASM_NETWORK_H
#define FAASM_NETWORK_H

#include <sys/socket.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A connected stream socket on `endpoint`; -1 with errno ECONNREFUSED for an unknown endpoint. */
int faasmNetConnect(const char* endpoint);

/* Always -1 with errno EPERM: nothing may listen on the virtual interface. */
int bind(int fd, const struct sockaddr* addr, socklen_t addrLen);
int listen(int fd, int backlog);

#ifdef __cplusplus
}
#endif

#endif
