/* profile.c - per-kernel timers behind `./model --profile`.
 *
 * Part of cnnc.
 *
 * cnnc brackets every kernel call of a model with cnnrt_profile_enter and
 * cnnrt_profile_exit. Both return at once unless cnnrt_profile_enable(1)
 * was called: a call and a branch per kernel, nothing measurable in
 * --bench. While enabled, each kernel's wall time and call count are
 * accumulated; cnnrt_profile_print writes the table. One process-wide set
 * of timers: profile one model call at a time.
 *
 * Weak symbols, like the thread pool: every artifact carries this file. */

#include "cnnrt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CNNRT_WEAK __attribute__((weak))
#define CNNRT_MAX_KERNELS 8192

typedef struct {
  const char *name;
  double flops;
  double seconds;
  double start;
  long calls;
} cnnrt_kernel_timer;

static int profiling;
static int num_timers;
static cnnrt_kernel_timer timers[CNNRT_MAX_KERNELS];

static double now_seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

CNNRT_WEAK void cnnrt_profile_enable(int on) {
  profiling = on;
  if (on) {
    memset(timers, 0, sizeof timers);
    num_timers = 0;
  }
}

CNNRT_WEAK void cnnrt_profile_enter(int32_t id, const char *name,
                                    double flops) {
  if (!profiling || id < 0 || id >= CNNRT_MAX_KERNELS)
    return;
  cnnrt_kernel_timer *t = &timers[id];
  t->name = name;
  t->flops = flops;
  if (id >= num_timers)
    num_timers = id + 1;
  t->start = now_seconds();
}

CNNRT_WEAK void cnnrt_profile_exit(int32_t id) {
  if (!profiling || id < 0 || id >= CNNRT_MAX_KERNELS)
    return;
  cnnrt_kernel_timer *t = &timers[id];
  t->seconds += now_seconds() - t->start;
  ++t->calls;
}

static int by_time(const void *a, const void *b) {
  const cnnrt_kernel_timer *x = *(cnnrt_kernel_timer *const *)a;
  const cnnrt_kernel_timer *y = *(cnnrt_kernel_timer *const *)b;
  return x->seconds < y->seconds ? 1 : x->seconds > y->seconds ? -1 : 0;
}

static void json_string(FILE *out, const char *s) {
  fputc('"', out);
  for (; s && *s; ++s) {
    if (*s == '"' || *s == '\\')
      fputc('\\', out);
    if ((unsigned char)*s >= 0x20)
      fputc(*s, out);
  }
  fputc('"', out);
}

CNNRT_WEAK void cnnrt_profile_print(FILE *out, int runs, int json,
                                    double peak_gflops) {
  cnnrt_kernel_timer *order[CNNRT_MAX_KERNELS];
  int n = 0;
  double total = 0;
  for (int i = 0; i < num_timers; ++i)
    if (timers[i].calls) {
      order[n++] = &timers[i];
      total += timers[i].seconds;
    }
  qsort(order, (size_t)n, sizeof *order, by_time);
  if (runs < 1)
    runs = 1;
  if (json) {
    fprintf(out, "{\"runs\":%d,\"total_ms\":%.4f,\"kernels\":[", runs,
            1e3 * total / runs);
    for (int i = 0; i < n; ++i) {
      const cnnrt_kernel_timer *t = order[i];
      double s = t->seconds / runs;
      fprintf(out, "%s{\"kernel\":%d,\"name\":", i ? "," : "",
              (int)(t - timers));
      json_string(out, t->name);
      fprintf(out, ",\"ms\":%.4f,\"percent\":%.2f,\"gflops\":%.2f}", 1e3 * s,
              total > 0 ? 100 * t->seconds / total : 0,
              s > 0 ? t->flops / s / 1e9 : 0);
    }
    fprintf(out, "]}\n");
    return;
  }
  fprintf(out, "%d run(s), %.3f ms per run in %d kernels", runs,
          1e3 * total / runs, n);
  if (peak_gflops > 0)
    fprintf(out, "; %% of peak against %.1f GFLOP/s", peak_gflops);
  fprintf(out, "\n%8s %6s %8s %6s  %s\n", "ms", "%", "GFLOP/s",
          peak_gflops > 0 ? "%peak" : "", "kernel (what, where)");
  for (int i = 0; i < n; ++i) {
    const cnnrt_kernel_timer *t = order[i];
    double s = t->seconds / runs;
    double gflops = s > 0 ? t->flops / s / 1e9 : 0;
    if (t->flops > 0)
      fprintf(out, "%8.3f %6.2f %8.1f", 1e3 * s, 100 * t->seconds / total,
              gflops);
    else
      fprintf(out, "%8.3f %6.2f %8s", 1e3 * s, 100 * t->seconds / total, "");
    if (peak_gflops > 0 && t->flops > 0)
      fprintf(out, " %5.0f%%", 100 * gflops / peak_gflops);
    else
      fprintf(out, " %6s", "");
    fprintf(out, "  #%d %s\n", (int)(t - timers), t->name ? t->name : "?");
  }
}

#if defined(__x86_64__)
/* Register-only FMA loops (12 independent accumulators), as in
 * benchmarks/kernels/fma_peak.cpp: the peak --profile reports against. */
#define CNNRT_FMA12(R)                                                         \
  "vfmadd231ps %%" R "0, %%" R "0, %%" R "1\n\t"                               \
  "vfmadd231ps %%" R "0, %%" R "0, %%" R "2\n\t"                               \
  "vfmadd231ps %%" R "0, %%" R "0, %%" R "3\n\t"                               \
  "vfmadd231ps %%" R "0, %%" R "0, %%" R "4\n\t"                               \
  "vfmadd231ps %%" R "0, %%" R "0, %%" R "5\n\t"                               \
  "vfmadd231ps %%" R "0, %%" R "0, %%" R "6\n\t"                               \
  "vfmadd231ps %%" R "0, %%" R "0, %%" R "7\n\t"                               \
  "vfmadd231ps %%" R "0, %%" R "0, %%" R "8\n\t"                               \
  "vfmadd231ps %%" R "0, %%" R "0, %%" R "9\n\t"                               \
  "vfmadd231ps %%" R "0, %%" R "0, %%" R "10\n\t"                              \
  "vfmadd231ps %%" R "0, %%" R "0, %%" R "11\n\t"                              \
  "vfmadd231ps %%" R "0, %%" R "0, %%" R "12\n\t"

__attribute__((target("avx512f"))) static void fma_loop_zmm(long n) {
  __asm__ volatile("vxorps %%zmm0, %%zmm0, %%zmm0\n\t"
                   "1:\n\t" CNNRT_FMA12("zmm") "dec %0\n\tjnz 1b\n\t"
                   : "+r"(n)
                   :
                   : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6",
                     "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "cc");
}

__attribute__((target("avx2,fma"))) static void fma_loop_ymm(long n) {
  __asm__ volatile("vxorps %%ymm0, %%ymm0, %%ymm0\n\t"
                   "1:\n\t" CNNRT_FMA12("ymm") "dec %0\n\tjnz 1b\n\t"
                   : "+r"(n)
                   :
                   : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6",
                     "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "cc");
}
#endif

CNNRT_WEAK double cnnrt_fma_peak_gflops_bits(int bits) {
#if defined(__x86_64__)
  void (*loop)(long) = 0;
  int lanes = 0;
  __builtin_cpu_init();
  if (bits == 512 && __builtin_cpu_supports("avx512f")) {
    loop = fma_loop_zmm;
    lanes = 16;
  } else if (bits == 256 && __builtin_cpu_supports("avx2") &&
             __builtin_cpu_supports("fma")) {
    loop = fma_loop_ymm;
    lanes = 8;
  }
  if (!loop)
    return 0;
  /* Best of several short runs: the machine is shared and noisy. */
  double best = 0;
  long n = 1000000;
  for (int rep = 0; rep < 7; ++rep) {
    double t0 = now_seconds();
    loop(n);
    double s = now_seconds() - t0;
    double gflops = (double)n * 12 * lanes * 2 / s / 1e9;
    if (gflops > best)
      best = gflops;
  }
  return best;
#else
  (void)bits;
  return 0;
#endif
}

CNNRT_WEAK double cnnrt_fma_peak_gflops(void) {
  double zmm = cnnrt_fma_peak_gflops_bits(512);
  return zmm > 0 ? zmm : cnnrt_fma_peak_gflops_bits(256);
}
