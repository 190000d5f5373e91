//===- fma_peak.h - this core's FMA peak, measured ------------------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_BENCHMARKS_KERNELS_FMA_PEAK_H
#define CNNC_BENCHMARKS_KERNELS_FMA_PEAK_H

/// Single-core f32 FMA peak in GFLOP/s (an FMA counts as 2 FLOP) with 256-
/// and 512-bit registers; 0 where the processor lacks the ISA.
struct FmaPeak {
  double ymm = 0;
  double zmm = 0;
  double widest() const { return zmm > 0 ? zmm : ymm; }
};

FmaPeak measureFmaPeak();

#endif // CNNC_BENCHMARKS_KERNELS_FMA_PEAK_H
