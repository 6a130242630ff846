/*
 * 2-D Jacobi stencil, 512×512 doubles, 5-point average, ping-ponging between two grids: a
 * memory-streaming loop with neighbour loads. No fused multiply-add pattern, so each result is
 * rounded the same way everywhere and the checksum (the final grid's bits) is exact.
 */
#include "kernel.h"

#define N 512
#define SWEEPS 50

const char kernel_key[] = "bench_jacobi";
const size_t kernel_bytes = 2 * N * N * sizeof(double);

void kernel_init(uint8_t* data)
{
    double* g = (double*)data;
    uint32_t seed = 12345;
    for (int i = 0; i < 2 * N * N; i++) g[i] = (double)(xorshift32(&seed) % 1000);
}

KERNEL uint64_t kernel_run(uint8_t* data)
{
    double* from = (double*)data;
    double* to = from + N * N;
    for (int s = 0; s < SWEEPS; s++) {
        for (int i = 1; i < N - 1; i++) {
            for (int j = 1; j < N - 1; j++) {
                to[i * N + j] = 0.2 * (from[i * N + j] + from[(i - 1) * N + j] + from[(i + 1) * N + j] +
                                       from[i * N + j - 1] + from[i * N + j + 1]);
            }
        }
        double* t = from;
        from = to;
        to = t;
    }
    uint64_t sum = 0;
    for (int i = 0; i < N * N; i++) {
        union { double d; uint64_t u; } bits = { from[i] };
        sum = sum * 31 + bits.u;
    }
    return sum;
}
