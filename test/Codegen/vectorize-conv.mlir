// RUN: cnn-opt %s -split-input-file -cnnc-vectorize-conv=vector-bits=512 -canonicalize | FileCheck %s
// RUN: cnn-opt %s -split-input-file -cnnc-vectorize-conv=vector-bits=256 -canonicalize | FileCheck %s --check-prefix=AVX2

// A 3x3 stride-2 conv, C = 8, F = 64 (2 blocks of 32), 24x24 outputs:
// rows (n, oh, fb) in a parallel loop (weights this small are read again
// for every row: a thread's contiguous part of the items is then a band of
// rows, the part of the image it computes in every layer); the 24-wide row in 2 tiles of 12
// pixels; 12 x 2 zmm accumulators loaded from the output (nothing before
// the conv initialises it), carried through the kh, kw and c loops, with
// 12 x 2 FMAs per input channel, and stored once. Each step prefetches
// the weights 64 steps ahead (one per 64-byte line).
// CHECK-LABEL: func.func @conv_3x3_s2(
// CHECK-SAME: %[[X:.*]]: memref<1x49x49x8xf32>, %[[W:.*]]: memref<2x3x3x8x32xf32>, %[[Y:.*]]: memref<1x24x24x2x32xf32>
// CHECK: scf.for %[[ROW:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK: %[[REST:.*]] = arith.remui %[[ROW]], %c48
// CHECK-NEXT: arith.remui %[[REST]], %c2
// CHECK-NEXT: arith.divui %[[REST]], %c2
// CHECK: scf.for %[[OW:.*]] = %c0 to %c24 step %c12 {
// CHECK-COUNT-24: vector.load %[[Y]]{{.*}} : memref<1x24x24x2x32xf32>, vector<16xf32>
// CHECK: %[[ACC:.*]]:24 = scf.for %[[KH:.*]] = %c0 to %c3 step %c1 iter_args(
// CHECK: scf.for %[[KW:.*]] = %c0 to %c3 step %c1 iter_args(
// CHECK: scf.for %[[C:.*]] = %c0 to %c8 step %c1 iter_args(
// CHECK: vector.load %[[W]][%{{.*}}, %[[KH]], %[[KW]], %[[C]], %c0] : memref<2x3x3x8x32xf32>, vector<16xf32>
// CHECK: vector.load %[[W]][%{{.*}}, %[[KH]], %[[KW]], %[[C]], %c16]
// CHECK: %[[AHEAD:.*]] = arith.addi %[[C]], %c64 : index
// CHECK: memref.prefetch %[[W]][%{{.*}}, %[[KH]], %[[KW]], %[[AHEAD]], %c0], read, locality<3>, data
// CHECK: memref.prefetch %[[W]][%{{.*}}, %[[KH]], %[[KW]], %[[AHEAD]], %c16], read, locality<3>, data
// CHECK: %[[XS:.*]] = memref.load %[[X]][
// CHECK: %[[XB:.*]] = vector.broadcast %[[XS]] : f32 to vector<16xf32>
// CHECK: vector.fma %[[XB]], {{.*}} : vector<16xf32>
// CHECK-COUNT-23: vector.fma
// CHECK-NOT: vector.fma
// CHECK: scf.yield
// CHECK: scf.yield
// CHECK: scf.yield
// CHECK-COUNT-24: vector.store {{.*}}, %[[Y]]
// CHECK: } {cnnc.desc = "conv 3x3/2 C8 F64 24x24, tile 12x32", cnnc.flops = {{.*}}, cnnc.parallel}
// AVX2-LABEL: func.func @conv_3x3_s2(
// AVX2: vector.load {{.*}} vector<8xf32>
// AVX2: scf.for {{.*}} iter_args(
// AVX2-COUNT-2: memref.prefetch
// AVX2-NOT: memref.prefetch
// AVX2: vector.fma {{.*}} : vector<8xf32>
#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 * 2 + d5, d2 * 2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @conv_3x3_s2(%x: memref<1x49x49x8xf32>, %w: memref<2x3x3x8x32xf32>, %y: memref<1x24x24x2x32xf32>) {
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x49x49x8xf32>, memref<2x3x3x8x32xf32>) outs(%y : memref<1x24x24x2x32xf32>) attrs = {cnnc.conv = array<i64: 2, 2, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A 7x7 map leaves row tiles of 7: the 49 pixels are tiled as one sequence
// instead, 4 full tiles of 12 and one of 1 (an scf.if), each pixel with its
// own row and column, read from the flattened input at an offset computed
// per tap through an empty inline asm (see @conv_7x7_clipped).
// CHECK-LABEL: func.func @conv_7x7_flat(
// CHECK: %[[FLAT:.*]] = memref.reinterpret_cast %{{.*}} to offset: [0], sizes: [5184], strides: [1]
// CHECK: scf.for %{{.*}} = %c0 to %c5 step %c1 {
// CHECK: %[[FULL:.*]] = arith.cmpi ult, %{{.*}}, %c4 : index
// CHECK: scf.if %[[FULL]] {
// CHECK-COUNT-12: arith.divui %{{.*}}, %c7 : index
// CHECK: scf.for {{.*}} -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
// CHECK-COUNT-12: llvm.inline_asm "", "=r,0"
// CHECK: scf.for
// CHECK-COUNT-12: memref.load %[[FLAT]][
// CHECK: } else {
// CHECK: scf.for {{.*}} -> (vector<16xf32>, vector<16xf32>)
// CHECK: } {cnnc.desc = "conv 3x3/1 C64 F32 7x7, tile 12x32", cnnc.flops = {{.*}}, cnnc.parallel}
#x3 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w3 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y3 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @conv_7x7_flat(%x: memref<1x9x9x64xf32>, %w: memref<1x3x3x64x32xf32>, %y: memref<1x7x7x1x32xf32>) {
  linalg.generic {indexing_maps = [#x3, #w3, #y3], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<1x3x3x64x32xf32>) outs(%y : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A small layer (< 1 MFLOP) is not worth a fork: no cnnc.parallel mark. The
// row of 3 pixels is one tile.
// CHECK-LABEL: func.func @small_1x1(
// CHECK-NOT: linalg.generic
// CHECK-COUNT-6: vector.load
// CHECK: scf.for
// CHECK-NOT: cnnc.parallel
// CHECK: return
#x1 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w1 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y1 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @small_1x1(%x: memref<1x3x3x4xf32>, %w: memref<1x1x1x4x32xf32>, %y: memref<1x3x3x1x32xf32>) {
  linalg.generic {indexing_maps = [#x1, #w1, #y1], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x3x3x4xf32>, memref<1x1x1x4x32xf32>) outs(%y : memref<1x3x3x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// An epilogue (here x * x + 1 with a residual r) is applied in registers,
// four accumulators at a time, op by op: each op for all four, then the
// next (long chains like SiLU's would otherwise leave the FMA pipes idle),
// and the four stored before the next group starts. 6 pixels x 2 vectors:
// groups of 4, 4 and 4.
// CHECK-LABEL: func.func @epilogue_groups(
// CHECK-SAME: %[[R:[^:]*]]: memref<1x1x6x2x16xf32>, %[[Y:[^:]*]]: memref<1x1x6x2x16xf32>
// CHECK: %[[ACC:.*]]:12 = scf.for
// CHECK: vector.load %[[R]]
// CHECK-NEXT: vector.load %[[R]]
// CHECK-NEXT: vector.load %[[R]]
// CHECK-NEXT: vector.load %[[R]]
// CHECK-NEXT: arith.mulf %[[ACC]]#0, %[[ACC]]#0
// CHECK-NEXT: arith.mulf %[[ACC]]#1, %[[ACC]]#1
// CHECK-NEXT: arith.mulf %[[ACC]]#2, %[[ACC]]#2
// CHECK-NEXT: arith.mulf %[[ACC]]#3, %[[ACC]]#3
// CHECK-NEXT: arith.addf
// CHECK-NEXT: arith.addf
// CHECK-NEXT: arith.addf
// CHECK-NEXT: arith.addf
// CHECK-NEXT: arith.addf
// CHECK-NEXT: arith.addf
// CHECK-NEXT: arith.addf
// CHECK-NEXT: arith.addf
// CHECK-NEXT: vector.store {{.*}}, %[[Y]]
// CHECK-NEXT: vector.store {{.*}}, %[[Y]]
// CHECK-NEXT: vector.store {{.*}}, %[[Y]]
// CHECK-NEXT: vector.store {{.*}}, %[[Y]]
// CHECK-NEXT: vector.load %[[R]]
// CHECK-COUNT-3: vector.load %[[R]]
// CHECK-COUNT-4: arith.mulf
// CHECK-COUNT-8: arith.addf
// CHECK-COUNT-4: vector.store
// CHECK-COUNT-4: vector.load %[[R]]
// CHECK-COUNT-4: arith.mulf %[[ACC]]#
// CHECK-COUNT-8: arith.addf
// CHECK-COUNT-4: vector.store
// CHECK-NOT: linalg.generic
#xe = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#we = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#ye = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
#id = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
func.func @epilogue_groups(%x: memref<1x1x6x8xf32>, %w: memref<2x1x1x8x16xf32>, %r: memref<1x1x6x2x16xf32>, %y: memref<1x1x6x2x16xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%y : memref<1x1x6x2x16xf32>)
  linalg.generic {indexing_maps = [#xe, #we, #ye], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x1x6x8xf32>, memref<2x1x1x8x16xf32>) outs(%y : memref<1x1x6x2x16xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%r : memref<1x1x6x2x16xf32>) outs(%y : memref<1x1x6x2x16xf32>) attrs = {cnnc.epilogue} {
  ^bb0(%res: f32, %v: f32):
    %one = arith.constant 1.0 : f32
    %sq = arith.mulf %v, %v : f32
    %p1 = arith.addf %sq, %one : f32
    %out = arith.addf %p1, %res : f32
    linalg.yield %out : f32
  }
  return
}

// -----

// A block that is not a multiple of the vector width: left as a generic.
// CHECK-LABEL: func.func @negative_block(
// CHECK: linalg.generic
// CHECK-NOT: vector.
#x2 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w2 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y2 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @negative_block(%x: memref<1x3x3x4xf32>, %w: memref<1x1x1x4x12xf32>, %y: memref<1x3x3x1x12xf32>) {
  linalg.generic {indexing_maps = [#x2, #w2, #y2], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x3x3x4xf32>, memref<1x1x1x4x12xf32>) outs(%y : memref<1x3x3x1x12xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Grouped, groups of 24 outputs from 8 inputs, 16-lane blocks: block fb
// reads its 16-channel window from input channel ((fb * 16) / 24) * 8 on,
// only as far as its groups go (blocks 0 and 2 lie in one group: 8
// channels; block 1 spans two: 16); one vector per pixel, 24 pixels per
// tile (36 pixels: 2 tiles per block).
// CHECK-LABEL: func.func @grouped_window(
// CHECK-SAME: %[[X:.*]]: memref<1x6x6x32xf32>
// A pointwise conv in flat tiles reads the input as [pixels, C].
// CHECK: %[[PIXELS:.*]] = memref.collapse_shape %[[X]] {{\[\[}}0, 1, 2], [3]] : memref<1x6x6x32xf32> into memref<36x32xf32>
// CHECK: %[[FB:.*]] = arith.remui %{{.*}}, %c3
// CHECK: %[[F:.*]] = arith.muli %[[FB]], %c16
// CHECK: %[[G:.*]] = arith.divui %[[F]], %c24
// CHECK: %[[BASE:.*]] = arith.muli %[[G]], %c8
// CHECK: %[[LAST:.*]] = arith.divui %{{.*}}, %c24
// CHECK: %[[SPAN:.*]] = arith.subi %[[LAST]], %[[G]]
// CHECK: %[[GROUPS:.*]] = arith.addi %[[SPAN]], %c1
// CHECK: %[[N:.*]] = arith.muli %[[GROUPS]], %c8
// CHECK: %[[COUNT:.*]] = arith.minui %[[N]], %c16
// CHECK: scf.for %[[C:.*]] = %c0 to %[[COUNT]] step %c1 iter_args(
// CHECK: %[[XC:.*]] = arith.addi %[[BASE]], %[[C]]
// CHECK: memref.load %[[PIXELS]][%{{.*}}, %[[XC]]] : memref<36x32xf32>
// CHECK: } {cnnc.desc = "conv 1x1/1 C16 F48 6x6, tile 24x16, groups of 8->24", cnnc.flops = 2.764800e+04
#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, ((d3 * 16) floordiv 24) * 8 + d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @grouped_window(%x: memref<1x6x6x32xf32>, %w: memref<3x1x1x16x16xf32>, %y: memref<1x6x6x3x16xf32>) {
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x6x6x32xf32>, memref<3x1x1x16x16xf32>) outs(%y : memref<1x6x6x3x16xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1, 24, 8>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Grouped 3x3, groups of 16 -> 16: one vector per pixel, so up to 24
// pixels per tile - too many input addresses for a flat tile (each pixel's
// row differs). The 7x11 map is tiled in blocks of rows instead: 2 work
// items of 4 rows (the second 3: an scf.if), each 2 column tiles of 6 and
// 5 pixels, every pixel a constant offset from the block's first.
// CHECK-LABEL: func.func @grouped_row_blocks(
// CHECK: scf.for %[[ITEM:.*]] = %c0 to %c4 step %c1 {
// CHECK: %[[FULL:.*]] = arith.cmpi ult, %{{.*}}, %c1 : index
// CHECK: scf.if %[[FULL]] {
// CHECK-COUNT-2: = scf.for %{{.*}} = %c0 to %c3 step %c1 iter_args({{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>) {
// CHECK: } else {
// CHECK: = scf.for %{{.*}} = %c0 to %c3 step %c1 iter_args({{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>) {
// CHECK: } {cnnc.desc = "conv 3x3/1 C16 F32 7x11, tile 4x6x16, groups of 16->16", cnnc.flops = {{.*}}}
#x5 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d3 * 16 + d7)>
#w5 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y5 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @grouped_row_blocks(%x: memref<1x9x13x32xf32>, %w: memref<2x3x3x16x16xf32>, %y: memref<1x7x11x2x16xf32>) {
  linalg.generic {indexing_maps = [#x5, #w5, #y5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x13x32xf32>, memref<2x3x3x16x16xf32>) outs(%y : memref<1x7x11x2x16xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1, 16, 16>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// The same 7x7 map with its zero padding marked: the map is cut into
// rectangles of pixels with the same valid taps - here the top row, the
// middle rows, the bottom row (kw is not clipped: the cost model found the
// extra small tiles dearer than the taps saved) - 5 work items. Each item
// picks its rectangle's parameters with selects (the kh bounds: [1, 3) for
// the top row, [0, 3) in the middle, [0, 2) at the bottom) and runs one
// shared copy of the full tile or of the remainder tile of its size (7 or
// 11 pixels here). The tile's pixels lie at unrelated addresses (its rows
// wrap): each pixel's offset in the flattened input is computed per tap,
// outside the channel loop, through an empty inline asm (LLVM's loop
// strength reduction otherwise recomputed them inside the channel loop and
// spilled accumulators), and the channel loop loads at offset + c.
// CHECK-LABEL: func.func @conv_7x7_clipped(
// CHECK-SAME: %[[X:[^:]*]]: memref<1x9x9x64xf32>
// CHECK: %[[FLAT:.*]] = memref.reinterpret_cast %[[X]] to offset: [0], sizes: [5184], strides: [1] : memref<1x9x9x64xf32> to memref<5184xf32>
// CHECK: scf.for %{{.*}} = %c0 to %c5 step %c1 {
// CHECK: %[[MID:.*]] = arith.cmpi uge, %{{.*}}, %c1 : index
// CHECK: %[[LAST:.*]] = arith.cmpi uge, %{{.*}}, %c4 : index
// CHECK: %[[KH0A:.*]] = arith.select %[[MID]], %c0, %c1 : index
// CHECK: %[[KH0:.*]] = arith.select %[[LAST]], %c0, %[[KH0A]] : index
// CHECK: %[[KH1:.*]] = arith.select %[[LAST]], %c2, %c3 : index
// CHECK: scf.if
// CHECK: scf.for %{{.*}} = %[[KH0]] to %[[KH1]] step %c1 iter_args(
// CHECK: %[[OFF64:.*]] = llvm.inline_asm "", "=r,0" %{{.*}} : (i64) -> i64
// CHECK: %[[OFF:.*]] = arith.index_cast %[[OFF64]] : i64 to index
// CHECK: scf.for %[[C:.*]] = %c0 to %c64 step %c1 iter_args(
// CHECK: %[[AT:.*]] = arith.addi %[[OFF]], %[[C]] : index
// CHECK: memref.load %[[FLAT]][%[[AT]]] : memref<5184xf32>
// CHECK: scf.index_switch
// CHECK: case 7 {
// CHECK: case 11 {
// CHECK: } {cnnc.desc = "conv 3x3/1 C64 F32 7x7, tile 12x32, 3 border-clipped regions", cnnc.flops = {{.*}}, cnnc.parallel}
#x4 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w4 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y4 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @conv_7x7_clipped(%x: memref<1x9x9x64xf32>, %w: memref<1x3x3x64x32xf32>, %y: memref<1x7x7x1x32xf32>) {
  linalg.generic {indexing_maps = [#x4, #w4, #y4], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<1x3x3x64x32xf32>) outs(%y : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Two channel blocks per tile fit 7x7 maps better (6 x 64), unless the two
// blocks' weights overflow L2 (here 3x3x512x64 floats = 1.2 MB): then one
// block per tile (12 x 32), whose weights every pixel tile finds in L2.
// CHECK-LABEL: func.func @small_c_two_blocks(
// CHECK: cnnc.desc = "conv 3x3/1 C64 F64 7x7, tile 6x64"
// CHECK-LABEL: func.func @large_c_one_block(
// Weights this large are read by one block after the other: (n, fb, tile).
// CHECK: %[[REST:.*]] = arith.remui %{{.*}}, %c10
// CHECK-NEXT: arith.divui %[[REST]], %c5
// CHECK-NEXT: arith.remui %[[REST]], %c5
// CHECK: cnnc.desc = "conv 3x3/1 C512 F64 7x7, tile 12x32"
#x5 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w5 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y5 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @small_c_two_blocks(%x: memref<1x9x9x64xf32>, %w: memref<2x3x3x64x32xf32>, %y: memref<1x7x7x2x32xf32>) {
  linalg.generic {indexing_maps = [#x5, #w5, #y5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<2x3x3x64x32xf32>) outs(%y : memref<1x7x7x2x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}
func.func @large_c_one_block(%x: memref<1x9x9x512xf32>, %w: memref<2x3x3x512x32xf32>, %y: memref<1x7x7x2x32xf32>) {
  linalg.generic {indexing_maps = [#x5, #w5, #y5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x512xf32>, memref<2x3x3x512x32xf32>) outs(%y : memref<1x7x7x2x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A pad copy (fill the padded buffer, copy the source into its interior)
// read only by the conv: the kernel clips every padding tap and reads the
// source itself, shifted by the padding; the fill and the copy go. When
// the conv's output overlaps the source (here both in the arena at 0), or
// a buffer between the copy and the conv writes it, the copy stays.
// CHECK-LABEL: func.func @pad_source(
// CHECK-SAME: %[[SRC:[^:]*]]: memref<1x7x7x64xf32>
// CHECK-NOT: linalg.fill
// CHECK-NOT: linalg.copy
// CHECK: %[[FLAT:.*]] = memref.reinterpret_cast %[[SRC]] to offset: [0], sizes: [3136]
// CHECK: memref.load %[[FLAT]][
// CHECK: cnnc.desc = "conv 3x3/1 C64 F64 7x7, tile 6x64, 9 border-clipped regions, unpadded input"
// CHECK-LABEL: func.func @pad_source_overlaps_output(
// CHECK: linalg.fill
// CHECK: linalg.copy
// CHECK-NOT: unpadded input
// CHECK-LABEL: func.func @pad_source_written_before(
// CHECK: linalg.copy
// CHECK-NOT: unpadded input
// CHECK-LABEL: func.func @pad_source_written_elsewhere(
// CHECK-NOT: linalg.copy
// CHECK: unpadded input
#x6 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w6 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y6 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @pad_source(%src: memref<1x7x7x64xf32>, %w: memref<2x3x3x64x32xf32>, %y: memref<1x7x7x2x32xf32>, %arena: memref<20736xi8>) {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %pad = memref.view %arena[%c0][] : memref<20736xi8> to memref<1x9x9x64xf32>
  linalg.fill ins(%zero : f32) outs(%pad : memref<1x9x9x64xf32>)
  %in = memref.subview %pad[0, 1, 1, 0] [1, 7, 7, 64] [1, 1, 1, 1] : memref<1x9x9x64xf32> to memref<1x7x7x64xf32, strided<[5184, 576, 64, 1], offset: 640>>
  linalg.copy ins(%src : memref<1x7x7x64xf32>) outs(%in : memref<1x7x7x64xf32, strided<[5184, 576, 64, 1], offset: 640>>)
  linalg.generic {indexing_maps = [#x6, #w6, #y6], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%pad, %w : memref<1x9x9x64xf32>, memref<2x3x3x64x32xf32>) outs(%y : memref<1x7x7x2x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}
func.func @pad_source_overlaps_output(%w: memref<2x3x3x64x32xf32>, %arena: memref<33280xi8>) {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %c12544 = arith.constant 12544 : index
  %src = memref.view %arena[%c0][] : memref<33280xi8> to memref<1x7x7x64xf32>
  %y = memref.view %arena[%c0][] : memref<33280xi8> to memref<1x7x7x2x32xf32>
  %pad = memref.view %arena[%c12544][] : memref<33280xi8> to memref<1x9x9x64xf32>
  linalg.fill ins(%zero : f32) outs(%pad : memref<1x9x9x64xf32>)
  %in = memref.subview %pad[0, 1, 1, 0] [1, 7, 7, 64] [1, 1, 1, 1] : memref<1x9x9x64xf32> to memref<1x7x7x64xf32, strided<[5184, 576, 64, 1], offset: 640>>
  linalg.copy ins(%src : memref<1x7x7x64xf32>) outs(%in : memref<1x7x7x64xf32, strided<[5184, 576, 64, 1], offset: 640>>)
  linalg.generic {indexing_maps = [#x6, #w6, #y6], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%pad, %w : memref<1x9x9x64xf32>, memref<2x3x3x64x32xf32>) outs(%y : memref<1x7x7x2x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}
// A fill of the source's bytes between the copy and the conv.
func.func @pad_source_written_before(%w: memref<2x3x3x64x32xf32>, %y: memref<1x7x7x2x32xf32>, %arena: memref<33280xi8>) {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %c12544 = arith.constant 12544 : index
  %src = memref.view %arena[%c0][] : memref<33280xi8> to memref<1x7x7x64xf32>
  %other = memref.view %arena[%c0][] : memref<33280xi8> to memref<3136xf32>
  %pad = memref.view %arena[%c12544][] : memref<33280xi8> to memref<1x9x9x64xf32>
  linalg.fill ins(%zero : f32) outs(%pad : memref<1x9x9x64xf32>)
  %in = memref.subview %pad[0, 1, 1, 0] [1, 7, 7, 64] [1, 1, 1, 1] : memref<1x9x9x64xf32> to memref<1x7x7x64xf32, strided<[5184, 576, 64, 1], offset: 640>>
  linalg.copy ins(%src : memref<1x7x7x64xf32>) outs(%in : memref<1x7x7x64xf32, strided<[5184, 576, 64, 1], offset: 640>>)
  linalg.fill ins(%zero : f32) outs(%other : memref<3136xf32>)
  linalg.generic {indexing_maps = [#x6, #w6, #y6], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%pad, %w : memref<1x9x9x64xf32>, memref<2x3x3x64x32xf32>) outs(%y : memref<1x7x7x2x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}
// The same fill on bytes past the source's: the conv reads the source.
func.func @pad_source_written_elsewhere(%w: memref<2x3x3x64x32xf32>, %y: memref<1x7x7x2x32xf32>, %arena: memref<33280xi8>) {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %c12544 = arith.constant 12544 : index
  %src = memref.view %arena[%c0][] : memref<33280xi8> to memref<1x7x7x64xf32>
  %other = memref.view %arena[%c12544][] : memref<33280xi8> to memref<16xf32>
  %pad = memref.view %arena[%c12544][] : memref<33280xi8> to memref<1x9x9x64xf32>
  linalg.fill ins(%zero : f32) outs(%pad : memref<1x9x9x64xf32>)
  %in = memref.subview %pad[0, 1, 1, 0] [1, 7, 7, 64] [1, 1, 1, 1] : memref<1x9x9x64xf32> to memref<1x7x7x64xf32, strided<[5184, 576, 64, 1], offset: 640>>
  linalg.copy ins(%src : memref<1x7x7x64xf32>) outs(%in : memref<1x7x7x64xf32, strided<[5184, 576, 64, 1], offset: 640>>)
  linalg.fill ins(%zero : f32) outs(%other : memref<16xf32>)
  linalg.generic {indexing_maps = [#x6, #w6, #y6], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%pad, %w : memref<1x9x9x64xf32>, memref<2x3x3x64x32xf32>) outs(%y : memref<1x7x7x2x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A depthwise conv reading a pad copy's source: rows stay tiled in rows;
// each row's kh bounds come from its input row (max(0, ceil(-base/dh)),
// min(KH, ceil((H - base)/dh)); dh = 1 here), its columns are cut into the left
// border, interior and right border with their own kw bounds.
// CHECK-LABEL: func.func @dw_pad_source(
// CHECK-SAME: %[[SRC:[^:]*]]: memref<1x6x5x32xf32>
// CHECK-NOT: linalg.copy
// CHECK: arith.maxsi %{{.*}}, %c0 : index
// CHECK: arith.minsi %{{.*}}, %c3 : index
// CHECK: vector.load %[[SRC]][
// CHECK: cnnc.desc = "dwconv 3x3/1 C32 F32 6x5, tile 8x32, unpadded input"
#xd = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1 + d5, d2 + d6, d3 * 32 + d4)>
#wd = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d5, d6, d3 * 32 + d4)>
#yd = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3, d4)>
func.func @dw_pad_source(%src: memref<1x6x5x32xf32>, %w: memref<3x3x32xf32>, %y: memref<1x6x5x1x32xf32>, %arena: memref<7168xi8>) {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %pad = memref.view %arena[%c0][] : memref<7168xi8> to memref<1x8x7x32xf32>
  linalg.fill ins(%zero : f32) outs(%pad : memref<1x8x7x32xf32>)
  %in = memref.subview %pad[0, 1, 1, 0] [1, 6, 5, 32] [1, 1, 1, 1] : memref<1x8x7x32xf32> to memref<1x6x5x32xf32, strided<[1792, 224, 32, 1], offset: 256>>
  linalg.copy ins(%src : memref<1x6x5x32xf32>) outs(%in : memref<1x6x5x32xf32, strided<[1792, 224, 32, 1], offset: 256>>)
  linalg.generic {indexing_maps = [#xd, #wd, #yd], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
      ins(%pad, %w : memref<1x8x7x32xf32>, memref<3x3x32xf32>) outs(%y : memref<1x6x5x1x32xf32>) attrs = {cnnc.conv_pads = array<i64: 1, 1, 1, 1>, cnnc.dwconv = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A 1x1 conv on 1024 channels: its input pixels lie 4 KB apart, so the 12
// broadcasts of a 12x32 tile would all fall in one L1 set (8 ways). Two
// blocks per tile instead: 6 pixels x 64 channels. On 992 channels (pixels
// 3968 bytes apart) the 12x32 tile stays.
// CHECK-LABEL: func.func @pointwise_4k_pixels(
// CHECK: } {cnnc.desc = "conv 1x1/1 C1024 F64 14x14, tile 6x64"
// CHECK: } {cnnc.desc = "conv 1x1/1 C992 F64 14x14, tile 12x32"
#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @pointwise_4k_pixels(%x: memref<1x14x14x1024xf32>, %w: memref<2x1x1x1024x32xf32>, %y: memref<1x14x14x2x32xf32>, %x2: memref<1x14x14x992xf32>, %w2: memref<2x1x1x992x32xf32>, %y2: memref<1x14x14x2x32xf32>) {
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x14x14x1024xf32>, memref<2x1x1x1024x32xf32>) outs(%y : memref<1x14x14x2x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x2, %w2 : memref<1x14x14x992xf32>, memref<2x1x1x992x32xf32>) outs(%y2 : memref<1x14x14x2x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// One-vector blocks (16 channels, as convert-cnn-to-linalg packs F = 144,
// 112, 80 with AVX-512): 9 blocks are tiled 3 at a time, 8 pixels x 3
// vectors (3 weight loads and 8 broadcasts per input channel); 7 blocks
// (no divisor among 2, 3, 4) one at a time in 24 pixels, or 12 when the
// input pixels lie 2 KB apart (512 channels: 24 broadcasts would put 12
// lines in each of two L1 sets).
// CHECK-LABEL: func.func @one_vector_blocks(
// CHECK: scf.for %{{.*}} = %c0 to %c24 step %c1 iter_args(
// CHECK-COUNT-3: vector.load %{{.*}} : memref<9x1x1x24x16xf32>, vector<16xf32>
// CHECK-COUNT-24: vector.fma
// CHECK-NOT: vector.fma
// CHECK: scf.yield
// CHECK: } {cnnc.desc = "conv 1x1/1 C24 F144 14x14, tile 8x48"
// CHECK: } {cnnc.desc = "conv 1x1/1 C480 F112 14x14, tile 24x16"
// CHECK: } {cnnc.desc = "conv 1x1/1 C512 F112 14x14, tile 12x16"
// On a 7x7 map 24-pixel tiles would leave one pixel (49 = 24 + 24 + 1), one
// FMA chain per input channel: three balanced tiles, two of 17 and one of 15.
// CHECK: } {cnnc.desc = "conv 1x1/1 C32 F112 7x7, tile 17x16"
// CHECK-NOT: cnnc.desc
// CHECK: return
#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @one_vector_blocks(%x: memref<1x14x14x24xf32>, %w: memref<9x1x1x24x16xf32>, %y: memref<1x14x14x9x16xf32>, %x2: memref<1x14x14x480xf32>, %w2: memref<7x1x1x480x16xf32>, %y2: memref<1x14x14x7x16xf32>, %x3: memref<1x14x14x512xf32>, %w3: memref<7x1x1x512x16xf32>, %y3: memref<1x14x14x7x16xf32>, %x4: memref<1x7x7x32xf32>, %w4: memref<7x1x1x32x16xf32>, %y4: memref<1x7x7x7x16xf32>) {
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x14x14x24xf32>, memref<9x1x1x24x16xf32>) outs(%y : memref<1x14x14x9x16xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x2, %w2 : memref<1x14x14x480xf32>, memref<7x1x1x480x16xf32>) outs(%y2 : memref<1x14x14x7x16xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x3, %w3 : memref<1x14x14x512xf32>, memref<7x1x1x512x16xf32>) outs(%y3 : memref<1x14x14x7x16xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x4, %w4 : memref<1x7x7x32xf32>, memref<7x1x1x32x16xf32>) outs(%y4 : memref<1x7x7x7x16xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}
