// printf of a long double (Faasm links wasi-libc's long-double printf).
#include <stdio.h>

int main(int argc, char* argv[])
{
    long double x = 2.5L;
    printf("%.3Lf\n", x * 2);
    return 0;
}
