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

// -----

// A padded buffer made by copying a function argument (a graph input) into
// its interior, its borders filled with -inf: the pool reads the argument
// itself, the kernel rows of each output row bounded to the input's rows
// (a loop), the columns in bands (first column: taps 1-2; the rest: 0-2);
// the fills and the copy go.
// CHECK-LABEL: func.func @unpadded_argument(
// CHECK-SAME: %[[X:.*]]: memref<1x8x8x16xf32>, %[[Y:.*]]: memref<1x4x4x16xf32>
// CHECK-NOT: linalg.fill
// CHECK-NOT: linalg.copy
// CHECK: scf.for %{{.*}} = %c0 to %c4 step %c1 {
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c1 iter_args(
// CHECK-COUNT-2: vector.load %[[X]]
// CHECK: scf.for %{{.*}} = %c1 to %c4 step %c1 {
// CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c1 iter_args(
// CHECK-COUNT-3: vector.load %[[X]]
// CHECK: cnnc.desc = "max pool 3x3/2 C16 4x4, 1 vectors per step, unpadded input"
// CHECK-NOT: linalg.fill
#xa = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 2 + d3, d2 * 2 + d4, d5)>
#ka = affine_map<(d0, d1, d2, d3, d4, d5) -> (d3, d4)>
#ya = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d5)>
func.func @unpadded_argument(%x: memref<1x8x8x16xf32>, %y: memref<1x4x4x16xf32>, %k: memref<3x3xf32>) {
  %neg = arith.constant 0xFF800000 : f32
  %buf = memref.alloc() : memref<1x10x10x16xf32>
  %top = memref.subview %buf[0, 0, 0, 0] [1, 1, 10, 16] [1, 1, 1, 1] : memref<1x10x10x16xf32> to memref<1x1x10x16xf32, strided<[1600, 160, 16, 1]>>
  linalg.fill ins(%neg : f32) outs(%top : memref<1x1x10x16xf32, strided<[1600, 160, 16, 1]>>)
  %left = memref.subview %buf[0, 1, 0, 0] [1, 8, 1, 16] [1, 1, 1, 1] : memref<1x10x10x16xf32> to memref<1x8x1x16xf32, strided<[1600, 160, 16, 1], offset: 160>>
  linalg.fill ins(%neg : f32) outs(%left : memref<1x8x1x16xf32, strided<[1600, 160, 16, 1], offset: 160>>)
  %in = memref.subview %buf[0, 1, 1, 0] [1, 8, 8, 16] [1, 1, 1, 1] : memref<1x10x10x16xf32> to memref<1x8x8x16xf32, strided<[1600, 160, 16, 1], offset: 176>>
  linalg.copy ins(%x : memref<1x8x8x16xf32>) outs(%in : memref<1x8x8x16xf32, strided<[1600, 160, 16, 1], offset: 176>>)
  linalg.fill ins(%neg : f32) outs(%y : memref<1x4x4x16xf32>)
  linalg.generic {indexing_maps = [#xa, #ka, #ya], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]}
      ins(%buf, %k : memref<1x10x10x16xf32>, memref<3x3xf32>) outs(%y : memref<1x4x4x16xf32>) attrs = {cnnc.pool = array<i64: 3, 3, 2, 2, 1, 1, 1>} {
  ^bb0(%a: f32, %w: f32, %o: f32):
    %m = arith.maximumf %o, %a : f32
    linalg.yield %m : f32
  }
  return
}

// -----

// The same with the borders filled with 0 (no max pool's identity): the
// pool reads the padded copy.
// CHECK-LABEL: func.func @negative_unpadded_zero_border(
// CHECK: linalg.copy
// CHECK: cnnc.desc = "max pool 3x3/2 C16 4x4, 1 vectors per step"
#xb = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 2 + d3, d2 * 2 + d4, d5)>
#kb = affine_map<(d0, d1, d2, d3, d4, d5) -> (d3, d4)>
#yb = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d5)>
func.func @negative_unpadded_zero_border(%x: memref<1x8x8x16xf32>, %y: memref<1x4x4x16xf32>, %k: memref<3x3xf32>) {
  %zero = arith.constant 0.0 : f32
  %neg = arith.constant 0xFF800000 : f32
  %buf = memref.alloc() : memref<1x10x10x16xf32>
  linalg.fill ins(%zero : f32) outs(%buf : memref<1x10x10x16xf32>)
  %in = memref.subview %buf[0, 1, 1, 0] [1, 8, 8, 16] [1, 1, 1, 1] : memref<1x10x10x16xf32> to memref<1x8x8x16xf32, strided<[1600, 160, 16, 1], offset: 176>>
  linalg.copy ins(%x : memref<1x8x8x16xf32>) outs(%in : memref<1x8x8x16xf32, strided<[1600, 160, 16, 1], offset: 176>>)
  linalg.fill ins(%neg : f32) outs(%y : memref<1x4x4x16xf32>)
  linalg.generic {indexing_maps = [#xb, #kb, #yb], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]}
      ins(%buf, %k : memref<1x10x10x16xf32>, memref<3x3xf32>) outs(%y : memref<1x4x4x16xf32>) attrs = {cnnc.pool = array<i64: 3, 3, 2, 2, 1, 1, 1>} {
  ^bb0(%a: f32, %w: f32, %o: f32):
    %m = arith.maximumf %o, %a : f32
    linalg.yield %m : f32
  }
  return
}

// -----

// The argument written between the copy and the pool (as an output could
// be): the pool reads the padded copy.
// CHECK-LABEL: func.func @negative_unpadded_written(
// CHECK: linalg.copy
// CHECK: cnnc.desc = "max pool 3x3/2 C16 4x4, 1 vectors per step"
#xc = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 2 + d3, d2 * 2 + d4, d5)>
#kc = affine_map<(d0, d1, d2, d3, d4, d5) -> (d3, d4)>
#yc = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d5)>
func.func @negative_unpadded_written(%x: memref<1x8x8x16xf32>, %y: memref<1x4x4x16xf32>, %k: memref<3x3xf32>) {
  %zero = arith.constant 0.0 : f32
  %neg = arith.constant 0xFF800000 : f32
  %buf = memref.alloc() : memref<1x10x10x16xf32>
  linalg.fill ins(%neg : f32) outs(%buf : memref<1x10x10x16xf32>)
  %in = memref.subview %buf[0, 1, 1, 0] [1, 8, 8, 16] [1, 1, 1, 1] : memref<1x10x10x16xf32> to memref<1x8x8x16xf32, strided<[1600, 160, 16, 1], offset: 176>>
  linalg.copy ins(%x : memref<1x8x8x16xf32>) outs(%in : memref<1x8x8x16xf32, strided<[1600, 160, 16, 1], offset: 176>>)
  linalg.fill ins(%zero : f32) outs(%x : memref<1x8x8x16xf32>)
  linalg.fill ins(%neg : f32) outs(%y : memref<1x4x4x16xf32>)
  linalg.generic {indexing_maps = [#xc, #kc, #yc], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]}
      ins(%buf, %k : memref<1x10x10x16xf32>, memref<3x3xf32>) outs(%y : memref<1x4x4x16xf32>) attrs = {cnnc.pool = array<i64: 3, 3, 2, 2, 1, 1, 1>} {
  ^bb0(%a: f32, %w: f32, %o: f32):
    %m = arith.maximumf %o, %a : f32
    linalg.yield %m : f32
  }
  return
}
