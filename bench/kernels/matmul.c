/*
 * Dense matrix multiply, 256×256 doubles, C = A·B in i-k-j order: a compute-bound loop whose
 * three streams all go through `data`. Entries are small integers so every sum is exact and the
 * checksum is the same whatever the compiler does.
 */
#include "kernel.h"

#define N 256

const char kernel_key[] = "bench_matmul";
const size_t kernel_bytes = 3 * N * N * sizeof(double);

void kernel_init(uint8_t* data)
{
    double* a = (double*)data;
    double* b = a + N * N;
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            a[i * N + j] = (double)((i * 7 + j * 3) % 17) - 8;
            b[i * N + j] = (double)((i * 5 + j * 11) % 13) - 6;
        }
    }
}

KERNEL uint64_t kernel_run(uint8_t* data)
{
    double* a = (double*)data;
    double* b = a + N * N;
    double* c = b + N * N;
    for (int i = 0; i < N * N; i++) c[i] = 0;
    for (int i = 0; i < N; i++) {
        for (int k = 0; k < N; k++) {
            double aik = a[i * N + k];
            for (int j = 0; j < N; j++) c[i * N + j] += aik * b[k * N + j];
        }
    }
    uint64_t sum = 0;
    for (int i = 0; i < N * N; i++) sum = sum * 31 + (uint64_t)(int64_t)c[i];
    return sum;
}
