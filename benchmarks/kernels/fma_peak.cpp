//===- fma_peak.cpp - this core's FMA peak, measured ----------------------===//
//
// Part of cnnc.
//
/// A register-only FMA loop: 12 independent accumulators (FMA latency 4 x 2
/// pipes needs at least 8), nothing loaded or stored, so the loop runs at the
/// issue rate of the FMA units. Written in inline assembly: a C loop over an
/// array of vectors spills and measured 68 instead of 176 GFLOP/s on a Xeon.
//
//===----------------------------------------------------------------------===//

#include "fma_peak.h"

#include <chrono>

namespace {

#define FMA12(R)                                                               \
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

__attribute__((target("avx512f"))) void loopZmm(long iterations) {
  __asm__ volatile("vxorps %%zmm0, %%zmm0, %%zmm0\n\t"
                   "1:\n\t" FMA12("zmm") "dec %0\n\t"
                   "jnz 1b\n\t"
                   : "+r"(iterations)
                   :
                   : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6",
                     "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "cc");
}

__attribute__((target("avx2,fma"))) void loopYmm(long iterations) {
  __asm__ volatile("vxorps %%ymm0, %%ymm0, %%ymm0\n\t"
                   "1:\n\t" FMA12("ymm") "dec %0\n\t"
                   "jnz 1b\n\t"
                   : "+r"(iterations)
                   :
                   : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6",
                     "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "cc");
}

double measure(void (*loop)(long), int lanes) {
  using clock = std::chrono::steady_clock;
  // Best of several short runs: the machine is shared and noisy.
  double best = 0;
  long iterations = 2000000;
  for (int rep = 0; rep < 7; ++rep) {
    auto t0 = clock::now();
    loop(iterations);
    double s = std::chrono::duration<double>(clock::now() - t0).count();
    double gflops = iterations * 12.0 * lanes * 2 / s / 1e9;
    if (gflops > best)
      best = gflops;
  }
  return best;
}

} // namespace

FmaPeak measureFmaPeak() {
  FmaPeak peak;
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
    peak.ymm = measure(loopYmm, 8);
  if (__builtin_cpu_supports("avx512f"))
    peak.zmm = measure(loopZmm, 16);
  return peak;
}
