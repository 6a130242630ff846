// exit(n) ends the call with return code n, after stdio is flushed.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char* argv[])
{
    printf("leaving with 3\n");
    exit(3);
}
