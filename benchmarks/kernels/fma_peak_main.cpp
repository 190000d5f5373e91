//===- fma_peak_main.cpp - cnnc-fma-peak: print this core's FMA peak ------===//
//
// Part of cnnc.
//
/// Prints {"zmm":..,"ymm":..,"widest":..,"isa":".."} (GFLOP/s per core) for
/// the model benchmark script, which reports latency as a share of it.
//
//===----------------------------------------------------------------------===//

#include "fma_peak.h"

#include <cstdio>

int main() {
  FmaPeak peak = measureFmaPeak();
  std::printf("{\"zmm\":%.1f,\"ymm\":%.1f,\"widest\":%.1f,\"isa\":\"%s\"}\n",
              peak.zmm, peak.ymm, peak.widest(),
              peak.zmm > 0 ? "avx512" : "avx2");
  return 0;
}
