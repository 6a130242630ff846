/*
 * Open-addressing hash table (linear probing, multiplicative hash) of u32 keys: insert 1M keys
 * into 2M slots, then look up 1M keys of which about half are present. Random accesses over 8 MiB,
 * data-dependent branches: the pointer-chasing end of the spectrum.
 */
#include "kernel.h"

#define KEYS (1u << 20)
#define SLOTS (1u << 21)

const char kernel_key[] = "bench_hashtable";
const size_t kernel_bytes = (KEYS + SLOTS) * sizeof(uint32_t);

void kernel_init(uint8_t* data)
{
    uint32_t* keys = (uint32_t*)data;
    uint32_t seed = 88172645u;
    /* Never 0: 0 marks an empty slot. */
    for (uint32_t i = 0; i < KEYS; i++) keys[i] = xorshift32(&seed) | 1;
}

static inline uint32_t slot_of(uint32_t key)
{
    return (key * 2654435761u) >> 11;
}

KERNEL uint64_t kernel_run(uint8_t* data)
{
    uint32_t* keys = (uint32_t*)data;
    uint32_t* table = keys + KEYS;
    for (uint32_t s = 0; s < SLOTS; s++) table[s] = 0;
    for (uint32_t i = 0; i < KEYS; i++) {
        uint32_t s = slot_of(keys[i]);
        while (table[s] != 0 && table[s] != keys[i]) s = (s + 1) & (SLOTS - 1);
        table[s] = keys[i];
    }
    uint64_t found = 0, probes = 0;
    for (uint32_t i = 0; i < KEYS; i++) {
        /* Odd i asks for a key that was (almost surely) never inserted: its low bit is 0. */
        uint32_t key = i & 1 ? keys[i] ^ 1 : keys[i];
        uint32_t s = slot_of(key);
        while (table[s] != 0 && table[s] != key) {
            s = (s + 1) & (SLOTS - 1);
            probes++;
        }
        found += table[s] == key;
    }
    return found << 32 | (probes & 0xffffffffu);
}
