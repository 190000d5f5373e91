// RUN: cnn-opt %s -split-input-file -cnnc-select-conv-tiles=vector-bits=512 | FileCheck %s
// RUN: cnn-opt %s -split-input-file -cnnc-select-conv-tiles=vector-bits=256 | FileCheck %s --check-prefix=AVX2
// The kernels made from the attached plans are the ones cnnc-vectorize-conv
// makes when it plans itself:
// RUN: cnn-opt %s -split-input-file -cnnc-select-conv-tiles=vector-bits=512 -cnnc-vectorize-conv=vector-bits=512 | FileCheck %s --check-prefix=KERNEL
// RUN: cnn-opt %s -split-input-file -cnnc-vectorize-conv=vector-bits=512 | FileCheck %s --check-prefix=KERNEL
// The target's core: Intel's AVX-512 cores take tiles of 4 vectors x 6
// pixels where the weights allow, AMD's (and generic x86-64-v4) 2 x 12:
// RUN: cnn-opt %s -split-input-file -cnnc-select-conv-tiles="vector-bits=512 cpu=sapphirerapids" | FileCheck %s --check-prefix=INTEL
// RUN: cnn-opt %s -split-input-file -cnnc-select-conv-tiles="vector-bits=512 cpu=znver4" | FileCheck %s --check-prefix=AMD
// RUN: cnn-opt %s -split-input-file -cnnc-vectorize-conv="vector-bits=512 cpu=sapphirerapids" | FileCheck %s --check-prefix=INTEL-KERNEL

// The tiled phase: each conv generic carries its kernel's plan. A 3x3
// stride-2 conv with 24-wide rows: rows of 2 tiles of 12 pixels x 2 vectors
// (one 32-channel block); work items by rows first (its weights are small);
// split over threads.
// CHECK-LABEL: func.func @rows(
// CHECK: linalg.generic
// CHECK-SAME: cnnc.tile = {blocks = 1 : i64, cols = 12 : i64, mode = "rows", order = "spatial", parallel, pixels = 12 : i64, rows = 1 : i64}
// AVX2-LABEL: func.func @rows(
// AVX2: cnnc.tile = {blocks = 1 : i64, cols = 3 : i64, mode = "rows", order = "spatial", parallel, pixels = 3 : i64, rows = 1 : i64}
// KERNEL-LABEL: func.func @rows(
// KERNEL-NOT: linalg.generic
// KERNEL: cnnc.desc = "conv 3x3/2 C8 F64 24x24, tile 12x32"
#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 * 2 + d5, d2 * 2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @rows(%x: memref<1x49x49x8xf32>, %w: memref<2x3x3x8x32xf32>, %y: memref<1x24x24x2x32xf32>) {
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

// A 7x7 map: one sequence of 49 pixels in flat tiles of 12. With its
// padding marked, three rectangles instead (top row: kernel rows [1, 3);
// rows 1-5: all; bottom row: [0, 2); all kernel columns in each), 8 values
// per rectangle.
// CHECK-LABEL: func.func @flat_and_rects(
// CHECK: cnnc.tile = {blocks = 1 : i64, mode = "flat", order = "spatial", parallel, pixels = 12 : i64}
// CHECK: cnnc.tile = {blocks = 1 : i64, mode = "rects", order = "spatial", parallel, pixels = 12 : i64, rects = array<i64: 0, 1, 1, 3, 0, 7, 0, 3, 1, 6, 0, 3, 0, 7, 0, 3, 6, 7, 0, 2, 0, 7, 0, 3>}
// KERNEL-LABEL: func.func @flat_and_rects(
// KERNEL: cnnc.desc = "conv 3x3/1 C64 F32 7x7, tile 12x32"
// KERNEL: cnnc.desc = "conv 3x3/1 C64 F32 7x7, tile 12x32, 3 border-clipped regions"
#x3 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w3 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y3 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @flat_and_rects(%x: memref<1x9x9x64xf32>, %w: memref<1x3x3x64x32xf32>, %y: memref<1x7x7x1x32xf32>, %y2: memref<1x7x7x1x32xf32>) {
  linalg.generic {indexing_maps = [#x3, #w3, #y3], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<1x3x3x64x32xf32>) outs(%y : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#x3, #w3, #y3], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<1x3x3x64x32xf32>) outs(%y2 : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A depthwise conv whose input is a pad copy of a source nothing else
// writes: rows, reading the source (read_through: the fill and the copy
// go when the kernel is made).
// CHECK-LABEL: func.func @dw_read_through(
// CHECK: linalg.fill
// CHECK: linalg.copy
// CHECK: cnnc.tile = {blocks = 1 : i64, cols = 5 : i64, mode = "rows", order = "spatial", pixels = 8 : i64, read_through, rows = 1 : i64}
// KERNEL-LABEL: func.func @dw_read_through(
// KERNEL-NOT: linalg.copy
// KERNEL: cnnc.desc = "dwconv 3x3/1 C32 F32 6x5, tile 8x32, unpadded input"
#xd = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1 + d5, d2 + d6, d3 * 32 + d4)>
#wd = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d5, d6, d3 * 32 + d4)>
#yd = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3, d4)>
func.func @dw_read_through(%src: memref<1x6x5x32xf32>, %w: memref<3x3x32xf32>, %y: memref<1x6x5x1x32xf32>, %arena: memref<7168xi8>) {
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

// A plan already attached (pinned by hand) stays; a generic the kernels do
// not handle (output block not a multiple of the vector) gets none.
// CHECK-LABEL: func.func @pinned_and_unhandled(
// CHECK: cnnc.tile = {blocks = 1 : i64, mode = "flat", pixels = 7 : i64}
// CHECK-NOT: cnnc.tile
// CHECK: return
#x5 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w5 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y5 = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @pinned_and_unhandled(%x: memref<1x9x9x64xf32>, %w: memref<1x3x3x64x32xf32>, %y: memref<1x7x7x1x32xf32>, %x2: memref<1x3x3x4xf32>, %w2: memref<1x1x1x4x12xf32>, %y2: memref<1x3x3x1x12xf32>) {
  linalg.generic {indexing_maps = [#x5, #w5, #y5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<1x3x3x64x32xf32>) outs(%y : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.tile = {blocks = 1, mode = "flat", pixels = 7}} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#x5, #w5, #y5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x2, %w2 : memref<1x3x3x4xf32>, memref<1x1x1x4x12xf32>) outs(%y2 : memref<1x3x3x1x12xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Work items by channel block when the activations overflow L2 (here
// 80x80x64 outputs, 1.6 MB): each pass over the map streams one block's
// weights once. With a residual read in the epilogue, by pixel instead:
// the residual then streams whole pixels, not 128 bytes of each.
// CHECK-LABEL: func.func @order(
// CHECK: cnnc.tile = {blocks = 1 : i64, cols = 12 : i64, mode = "rows", order = "channel", parallel, pixels = 12 : i64, rows = 1 : i64}
// CHECK: cnnc.tile = {blocks = 1 : i64, cols = 12 : i64, mode = "rows", order = "spatial", parallel, pixels = 12 : i64, rows = 1 : i64}
#xo = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#wo = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#yo = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
#io = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
func.func @order(%x: memref<1x80x80x64xf32>, %w: memref<2x1x1x64x32xf32>, %y: memref<1x80x80x2x32xf32>, %r: memref<1x80x80x2x32xf32>, %y2: memref<1x80x80x2x32xf32>) {
  linalg.generic {indexing_maps = [#xo, #wo, #yo], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x80x80x64xf32>, memref<2x1x1x64x32xf32>) outs(%y : memref<1x80x80x2x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#xo, #wo, #yo], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x80x80x64xf32>, memref<2x1x1x64x32xf32>) outs(%y2 : memref<1x80x80x2x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#io, #io], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%r : memref<1x80x80x2x32xf32>) outs(%y2 : memref<1x80x80x2x32xf32>) attrs = {cnnc.epilogue} {
  ^bb0(%res: f32, %v: f32):
    %out = arith.addf %v, %res : f32
    linalg.yield %out : f32
  }
  return
}

// -----

// A 1x1 conv 64 -> 256 on 56x56 (ResNet's): on an Intel core two 32-channel
// blocks per tile, 6 pixels, still in rows; 12 x 2 elsewhere. A
// 3x3 conv over 512 channels, whose two blocks of weights (1.2 MB) overflow
// L2: one block on both.
// CHECK-LABEL: func.func @core(
// CHECK: cnnc.tile = {blocks = 1 : i64, cols = 12 : i64, mode = "rows"
// INTEL-LABEL: func.func @core(
// INTEL: cnnc.tile = {blocks = 2 : i64, cols = 6 : i64, mode = "rows", order = "channel", parallel, pixels = 6 : i64, rows = 1 : i64}
// INTEL: cnnc.tile = {blocks = 1 : i64
// AMD-LABEL: func.func @core(
// AMD: cnnc.tile = {blocks = 1 : i64, cols = 12 : i64, mode = "rows", order = "channel", parallel, pixels = 12 : i64, rows = 1 : i64}
// AMD: cnnc.tile = {blocks = 1 : i64
// INTEL-KERNEL-LABEL: func.func @core(
// INTEL-KERNEL: cnnc.desc = "conv 1x1/1 C64 F256 56x56, tile 6x64"
#xc = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#wc = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#yc = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @core(%x: memref<1x56x56x64xf32>, %w: memref<8x1x1x64x32xf32>, %y: memref<1x56x56x8x32xf32>, %x3: memref<1x16x16x512xf32>, %w3: memref<16x3x3x512x32xf32>, %y3: memref<1x14x14x16x32xf32>) {
  linalg.generic {indexing_maps = [#xc, #wc, #yc], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x56x56x64xf32>, memref<8x1x1x64x32xf32>) outs(%y : memref<1x56x56x8x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  linalg.generic {indexing_maps = [#xc, #wc, #yc], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x3, %w3 : memref<1x16x16x512xf32>, memref<16x3x3x512x32xf32>) outs(%y3 : memref<1x14x14x16x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}
