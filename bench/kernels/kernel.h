/*
 * The interface every benchmark kernel implements. A kernel owns `kernel_bytes` bytes of working
 * data at `data` and touches nothing else, so the same code runs with the data in private memory
 * (malloc) or in the shared window (faasmReadStatePtr): that is the comparison issue 4 needs.
 * harness.c is the one `main` around it; the browser suite concatenates kernel.h + kernel + harness
 * into one source (the in-browser toolchain builds a single file), native.mjs compiles the same.
 */
#ifndef BENCH_KERNEL_H
#define BENCH_KERNEL_H

#include <stddef.h>
#include <stdint.h>

/* The state key the shared variant maps its data under. */
extern const char kernel_key[];
extern const size_t kernel_bytes;
/* Fills the data deterministically; not timed. */
void kernel_init(uint8_t* data);
/* The timed work; returns a checksum that must match on every variant and natively. */
uint64_t kernel_run(uint8_t* data);

/* noinline keeps the timed region exactly the kernel on every compiler. */
#define KERNEL __attribute__((noinline))

static inline uint32_t xorshift32(uint32_t* s)
{
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

#endif
