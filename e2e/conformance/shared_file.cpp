// A file under a faasm:// path, written and read back with faasm::readFileToString.
#include <faasm/files.h>
#include <faasm/input.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int main(int argc, char* argv[])
{
    struct stat st {};
    if (stat("faasm://conformance_dir", &st) == -1) mkdir("faasm://conformance_dir", 0700);
    FILE* f = fopen("faasm://conformance_dir/file.txt", "w");
    if (!f) return 2;
    fprintf(f, "%s", "shared contents");
    fclose(f);
    char* back = faasm::readFileToString("faasm://conformance_dir/file.txt");
    if (!back || strcmp(back, "shared contents") != 0) return 1;
    faasm::setStringOutput(back);
    return 0;
}
