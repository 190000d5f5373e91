// RUN: cnn-opt %s -split-input-file -cnnc-vectorize-pool=vector-bits=512 -canonicalize | FileCheck %s
// RUN: cnn-opt %s -split-input-file -cnnc-vectorize-pool=vector-bits=256 -canonicalize | FileCheck %s --check-prefix=AVX2

// A 3x3/2 max pool on 64 channels: per output pixel four 16-lane
// accumulators loaded from the output (its -inf start), nine taps of four
// loads each reduced with `v > acc ? v : acc` (one vmaxps; maximumf's NaN
// and signed-zero rules cost six x86 instructions), a NaN among the taps
// kept aside and put back before the four stores (too small to split over
// threads).
// CHECK-LABEL: func.func @max_3x3s2(
// CHECK-SAME: %[[X:.*]]: memref<1x9x9x64xf32>, %[[Y:.*]]: memref<1x4x4x64xf32>
// CHECK: %[[NAN:.*]] = arith.constant dense<0x7FC00000> : vector<16xf32>
// CHECK: scf.for %{{.*}} = %c0 to %c4 step %c1 {
// CHECK: scf.for %{{.*}} = %c0 to %c4 step %c1 {
// CHECK-COUNT-4: vector.load %[[Y]]
// CHECK: %[[V:.*]] = vector.load %[[X]]
// CHECK: %[[GT:.*]] = arith.cmpf ogt, %[[V]], %[[A:.*]] : vector<16xf32>
// CHECK: arith.select %[[GT]], %[[V]], %[[A]] : vector<16xi1>, vector<16xf32>
// CHECK: arith.cmpf uno, %[[V]], %[[V]] : vector<16xf32>
// CHECK-COUNT-35: arith.cmpf ogt
// CHECK: arith.select %{{.*}}, %[[NAN]], %{{.*}} : vector<16xi1>, vector<16xf32>
// CHECK-NOT: arith.maximumf
// CHECK-COUNT-4: vector.store {{.*}}, %[[Y]]
// CHECK: } {cnnc.desc = "max pool 3x3/2 C64 4x4, 4 vectors per step"}
// AVX2-LABEL: func.func @max_3x3s2(
// AVX2: scf.for %{{.*}} = %c0 to %c64 step %c32 {
// AVX2-COUNT-36: arith.cmpf ogt, {{.*}} : vector<8xf32>
#x = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 2 + d3, d2 * 2 + d4, d5)>
#k = affine_map<(d0, d1, d2, d3, d4, d5) -> (d3, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d5)>
func.func @max_3x3s2(%x: memref<1x9x9x64xf32>, %y: memref<1x4x4x64xf32>, %k: memref<3x3xf32>) {
  linalg.generic {indexing_maps = [#x, #k, #y], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]}
      ins(%x, %k : memref<1x9x9x64xf32>, memref<3x3xf32>) outs(%y : memref<1x4x4x64xf32>) attrs = {cnnc.pool = array<i64: 3, 3, 2, 2, 1, 1, 1>} {
  ^bb0(%a: f32, %w: f32, %o: f32):
    %m = arith.maximumf %o, %a : f32
    linalg.yield %m : f32
  }
  return
}

// -----

// Channels not a multiple of the vector length keep the generic.
// CHECK-LABEL: func.func @negative_channels(
// CHECK: linalg.generic
// CHECK-NOT: vector.load
#x2 = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 2 + d3, d2 * 2 + d4, d5)>
#k2 = affine_map<(d0, d1, d2, d3, d4, d5) -> (d3, d4)>
#y2 = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d5)>
func.func @negative_channels(%x: memref<1x8x8x24xf32>, %y: memref<1x4x4x24xf32>, %k: memref<2x2xf32>) {
  linalg.generic {indexing_maps = [#x2, #k2, #y2], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]}
      ins(%x, %k : memref<1x8x8x24xf32>, memref<2x2xf32>) outs(%y : memref<1x4x4x24xf32>) attrs = {cnnc.pool = array<i64: 2, 2, 2, 2, 1, 1, 0>} {
  ^bb0(%a: f32, %w: f32, %o: f32):
    %s = arith.addf %o, %a : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// The output's -inf fill right before the pool: the first tap is the
// accumulator (max(-inf, x) = x) and the fill goes.
// CHECK-LABEL: func.func @start_from_fill(
// CHECK-NOT: linalg.fill
// CHECK: %[[A:.*]] = vector.load %{{.*}} : memref<1x8x8x16xf32>, vector<16xf32>
// CHECK-NEXT: arith.cmpf uno, %[[A]], %[[A]]
// CHECK: %[[B:.*]] = vector.load %{{.*}} : memref<1x8x8x16xf32>, vector<16xf32>
// CHECK-NEXT: %[[GT:.*]] = arith.cmpf ogt, %[[B]], %[[A]] : vector<16xf32>
// CHECK-NEXT: arith.select %[[GT]], %[[B]], %[[A]]
// CHECK-NOT: linalg.fill
#x3 = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 2 + d3, d2 * 2 + d4, d5)>
#k3 = affine_map<(d0, d1, d2, d3, d4, d5) -> (d3, d4)>
#y3 = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d5)>
func.func @start_from_fill(%x: memref<1x8x8x16xf32>, %y: memref<1x4x4x16xf32>, %k: memref<2x2xf32>) {
  %neg = arith.constant 0xFF800000 : f32
  linalg.fill ins(%neg : f32) outs(%y : memref<1x4x4x16xf32>)
  linalg.generic {indexing_maps = [#x3, #k3, #y3], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]}
      ins(%x, %k : memref<1x8x8x16xf32>, memref<2x2xf32>) outs(%y : memref<1x4x4x16xf32>) attrs = {cnnc.pool = array<i64: 2, 2, 2, 2, 1, 1, 1>} {
  ^bb0(%a: f32, %w: f32, %o: f32):
    %m = arith.maximumf %o, %a : f32
    linalg.yield %m : f32
  }
  return
}
