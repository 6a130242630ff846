// Chains another function by name with an input and awaits its output.
#include <faasm/faasm.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char* argv[])
{
    const char* word = "faaslet";
    unsigned int id = faasmChainNamed("chain_named_callee", (const uint8_t*)word, strlen(word));
    char* reply;
    int replyLen;
    unsigned int rc = faasmAwaitCallOutput(id, &reply, &replyLen);
    char text[128];
    int len = snprintf(text, sizeof text, "callee returned %u: %.*s", rc, replyLen, reply);
    faasmSetOutput(text, len);
    return rc;
}
