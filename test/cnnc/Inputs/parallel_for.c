/* cnnrt_parallel_for against its contract: every item of [0, n) runs
 * exactly once for any n and thread count, and each thread starts on its
 * own contiguous part of the range (thread t on [n t / T, n (t + 1) / T)),
 * so consecutive kernels split the same way keep their data on one core. */
#include "cnnrt.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#define MAX_N 1001

static atomic_int counts[MAX_N];
static pthread_t caller;
/* The first item a thread other than the caller ran (-1: none). */
static atomic_llong otherFirst;

static void countItems(void *ctx, int64_t begin, int64_t end) {
  (void)ctx;
  for (int64_t i = begin; i < end; ++i)
    atomic_fetch_add(&counts[i], 1);
}

static void recordFirst(void *ctx, int64_t begin, int64_t end) {
  (void)ctx;
  if (!pthread_equal(pthread_self(), caller)) {
    long long none = -1;
    atomic_compare_exchange_strong(&otherFirst, &none, (long long)begin);
  }
  /* Long enough for the worker to wake up and take part. */
  volatile double x = 0;
  for (int64_t i = begin; i < end; ++i)
    for (int k = 0; k < 20000; ++k)
      x += k;
}

int main(void) {
  static const int sizes[] = {1, 2, 3, 5, 7, 8, 13, 64, 100, 1001};
  int failures = 0;
  for (int threads = 1; threads <= 4; ++threads) {
    cnnrt_set_num_threads(threads);
    for (unsigned s = 0; s < sizeof sizes / sizeof *sizes; ++s) {
      int n = sizes[s];
      for (int rep = 0; rep < 20; ++rep) {
        for (int i = 0; i < n; ++i)
          atomic_store(&counts[i], 0);
        cnnrt_parallel_for(countItems, NULL, n);
        for (int i = 0; i < n; ++i)
          if (atomic_load(&counts[i]) != 1) {
            printf("threads %d n %d: item %d ran %d times\n", threads, n, i,
                   atomic_load(&counts[i]));
            ++failures;
            break;
          }
      }
    }
  }
  /* Two threads, 1000 items: the worker's first chunk is in its own half. */
  cnnrt_set_num_threads(2);
  caller = pthread_self();
  int joined = 0;
  for (int rep = 0; rep < 10; ++rep) {
    atomic_store(&otherFirst, -1);
    cnnrt_parallel_for(recordFirst, NULL, 1000);
    long long first = atomic_load(&otherFirst);
    if (first >= 0) {
      ++joined;
      if (first < 500) {
        printf("worker started at item %lld, not in [500, 1000)\n", first);
        ++failures;
      }
    }
  }
  if (!joined) {
    printf("the worker never took part\n");
    ++failures;
  }
  puts(failures ? "FAILED" : "all items once; regions kept");
  return failures != 0;
}
