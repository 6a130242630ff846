/* Faasm's file helpers (faasm/cpp libfaasm/faasm/files.h), header-only here. */
#ifndef FAASM_FILES_H
#define FAASM_FILES_H

#ifdef __cplusplus
#include <cstdio>
#include <cstdlib>
#include <sys/stat.h>

namespace faasm {
/* The file's size in bytes, or -1 when it cannot be read. */
inline long getFileLength(const char* path)
{
    struct stat info {};
    if (stat(path, &info) != 0) return -1;
    return (long)info.st_size;
}

/* The whole file, NUL-terminated, in memory from malloc; nullptr when missing or empty. */
inline char* readFileToString(const char* path)
{
    long length = getFileLength(path);
    if (length <= 0) return nullptr;
    FILE* file = std::fopen(path, "rb");
    if (file == nullptr) return nullptr;
    char* buffer = (char*)std::malloc(length + 1);
    size_t got = buffer ? std::fread(buffer, 1, length, file) : 0;
    std::fclose(file);
    if (got == 0) {
        std::free(buffer);
        return nullptr;
    }
    buffer[got] = '\0';
    return buffer;
}
} // namespace faasm
#endif

#endif
