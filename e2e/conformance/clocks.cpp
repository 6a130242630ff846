// clock() on the process clock, clock_gettime and gettimeofday all move forward across a sleep.
#include <faasm/faasm.h>
#include <faasm/time.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char* argv[])
{
    FAASM_PROF_START(whole)
    timespec a{}, b{};
    clock_gettime(CLOCK_REALTIME, &a);
    clock_t c0 = clock();
    double s0 = faasm::getSecondsSinceEpoch();
    usleep(200);
    clock_gettime(CLOCK_REALTIME, &b);
    clock_t c1 = clock();
    double s1 = faasm::getSecondsSinceEpoch();
    FAASM_PROF_END(whole)
    long long ns = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
    bool ok = ns > 0 && c1 > c0 && s1 > s0 && s0 > 1.6e9;
    printf("clocks %s\n", ok ? "move forward" : "stand still");
    if (!ok) printf("clock_gettime %lld ns, clock() %lld, seconds %f -> %f\n", ns, (long long)(c1 - c0), s0, s1);
    return ok ? 0 : 1;
}
