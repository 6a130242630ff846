/*
 * Kept for source compatibility with Faasm. Faasm's version adds a dummy
 * memory.grow to stop WAMR shrinking memory; browsers need no such guard.
 */
#ifndef FAASM_MEMORY_H
#define FAASM_MEMORY_H
#endif
