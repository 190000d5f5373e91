//===- fma_peak.cpp - this core's FMA peak, measured ----------------------===//
//
// Part of cnnc.
//
/// The runtime's register-only FMA loops (runtime/profile.c, the same ones
/// `./model --profile` reports against): 12 independent accumulators, no
/// loads or stores, written in inline assembly because a C loop over an
/// array of vectors spills (68 instead of 176 GFLOP/s on a Xeon).
//
//===----------------------------------------------------------------------===//

#include "fma_peak.h"

#include "cnnrt.h"

FmaPeak measureFmaPeak() {
  FmaPeak peak;
  peak.ymm = cnnrt_fma_peak_gflops_bits(256);
  peak.zmm = cnnrt_fma_peak_gflops_bits(512);
  return peak;
}
