/* User ids and /etc/passwd lookups (include/pwd.h, include/unistd.h). */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Faasm's worker user (its worker image creates `faasm` with uid and gid 1000). */
#define FAASM_UID 1000
#define FAASM_GID 1000

uid_t getuid(void) { return FAASM_UID; }
uid_t geteuid(void) { return FAASM_UID; }
gid_t getgid(void) { return FAASM_GID; }
gid_t getegid(void) { return FAASM_GID; }

static char line[512];
static struct passwd entry;

/* Splits name:passwd:uid:gid:gecos:dir:shell in place; 0 when the line is not an entry. */
static int parse(char* text)
{
    char* fields[7];
    char* at = text;
    for (int i = 0; i < 7; i++) {
        fields[i] = at;
        at = strchr(at, i == 6 ? '\n' : ':');
        if (at == NULL) {
            if (i == 6) break;
            return 0;
        }
        *at++ = '\0';
    }
    entry.pw_name = fields[0];
    entry.pw_passwd = fields[1];
    entry.pw_uid = (uid_t)strtoul(fields[2], NULL, 10);
    entry.pw_gid = (gid_t)strtoul(fields[3], NULL, 10);
    entry.pw_gecos = fields[4];
    entry.pw_dir = fields[5];
    entry.pw_shell = fields[6];
    return 1;
}

static struct passwd* find(const char* name, uid_t uid)
{
    FILE* file = fopen("/etc/passwd", "r");
    if (file == NULL) return NULL;
    struct passwd* found = NULL;
    while (found == NULL && fgets(line, sizeof line, file) != NULL) {
        if (parse(line) && (name ? strcmp(entry.pw_name, name) == 0 : entry.pw_uid == uid)) found = &entry;
    }
    fclose(file);
    return found;
}

struct passwd* getpwuid(uid_t uid) { return find(NULL, uid); }
struct passwd* getpwnam(const char* name) { return find(name, 0); }
