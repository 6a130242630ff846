// Faasm's runtime root: /etc files to read and a /tmp to write a file that becomes a state value.
#include <faasm/faasm.h>
#include <stdio.h>
#include <string.h>

static int contains(const char* path, const char* needle)
{
    FILE* f = fopen(path, "r");
    if (!f) return 0;
    char text[512] = {0};
    fread(text, 1, sizeof text - 1, f);
    fclose(f);
    return strstr(text, needle) != NULL;
}

int main(int argc, char* argv[])
{
    int etc = contains("/etc/hosts", "localhost") && contains("/etc/passwd", "faasm:") && contains("/etc/resolv.conf", "nameserver");
    FILE* f = fopen("/tmp/conformance.txt", "w");
    if (!f) return 2;
    fputs("written in /tmp", f);
    fclose(f);
    unsigned long size = faasmWriteStateFromFile("conformance_tmp", "/tmp/conformance.txt");
    char value[32] = {0};
    faasmReadState("conformance_tmp", (uint8_t*)value, (long)size);
    char out[96];
    int len = snprintf(out, sizeof out, "etc %s; state from /tmp: %s (%lu bytes)", etc ? "ok" : "missing", value, size);
    faasmSetOutput(out, len);
    return 0;
}
