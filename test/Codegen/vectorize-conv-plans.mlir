// RUN: cnn-opt %s -split-input-file -verify-diagnostics -cnnc-vectorize-conv=vector-bits=512 -canonicalize | FileCheck %s

// cnnc-vectorize-conv follows the plan attached to a conv (`cnnc.tile`, by
// cnnc-select-conv-tiles or by hand) once it has checked that the plan
// computes the conv; a plan that would not is an error on the generic.
// Each case: a 3x3 conv, 64 -> 32 channels (one block of 2 zmm), on a 7x7
// map with its zero padding marked.

// Flat tiles of 7 pixels (the planner's choice would be 12): 7 work items,
// 7 broadcasts per input channel, 14 FMAs.
// CHECK-LABEL: func.func @pinned_flat(
// CHECK: scf.for %{{.*}} = %c0 to %c7 step %c1 {
// CHECK-NOT: scf.if
// CHECK: scf.for %{{.*}} = %c0 to %c64 step %c1 iter_args(
// CHECK-COUNT-7: vector.broadcast
// CHECK-NOT: vector.broadcast
// CHECK: cnnc.desc = "conv 3x3/1 C64 F32 7x7, tile 7x32"
#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @pinned_flat(%x: memref<1x9x9x64xf32>, %w: memref<1x3x3x64x32xf32>, %y: memref<1x7x7x1x32xf32>) {
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<1x3x3x64x32xf32>) outs(%y : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.tile = {blocks = 1, mode = "flat", pixels = 7}} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Rows in blocks of 2 x 7 pixels: 4 work items, the last of one row.
// CHECK-LABEL: func.func @pinned_rows(
// CHECK: scf.for %{{.*}} = %c0 to %c4 step %c1 {
// CHECK: arith.cmpi ult, %{{.*}}, %c3 : index
// CHECK: cnnc.desc = "conv 3x3/1 C64 F32 7x7, tile 2x7x32"
#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @pinned_rows(%x: memref<1x9x9x64xf32>, %w: memref<1x3x3x64x32xf32>, %y: memref<1x7x7x1x32xf32>) {
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<1x3x3x64x32xf32>) outs(%y : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>, cnnc.tile = {blocks = 1, mode = "rows", pixels = 12, rows = 2, cols = 7}} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Nine rectangles (corners, edges, interior), kernel columns clipped too.
// CHECK-LABEL: func.func @pinned_rects(
// CHECK: cnnc.desc = "conv 3x3/1 C64 F32 7x7, tile 12x32, 9 border-clipped regions"
#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @pinned_rects(%x: memref<1x9x9x64xf32>, %w: memref<1x3x3x64x32xf32>, %y: memref<1x7x7x1x32xf32>) {
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<1x3x3x64x32xf32>) outs(%y : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>, cnnc.tile = {blocks = 1, mode = "rects", pixels = 12, rects = array<i64: 0, 1, 1, 3, 0, 1, 1, 3,  0, 1, 1, 3, 1, 6, 0, 3,  0, 1, 1, 3, 6, 7, 0, 2,  1, 6, 0, 3, 0, 1, 1, 3,  1, 6, 0, 3, 1, 6, 0, 3,  1, 6, 0, 3, 6, 7, 0, 2,  6, 7, 0, 2, 0, 1, 1, 3,  6, 7, 0, 2, 1, 6, 0, 3,  6, 7, 0, 2, 6, 7, 0, 2>}} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// A rectangle may reduce over padding taps too (the padded input is read),
// but not skip a tap that reads the input: kernel row 0 of rows 1-6 does.
#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @skips_valid_tap(%x: memref<1x9x9x64xf32>, %w: memref<1x3x3x64x32xf32>, %y: memref<1x7x7x1x32xf32>) {
  // expected-error @+1 {{cnnc.tile: rectangle 0 skips taps that do not read padding}}
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<1x3x3x64x32xf32>) outs(%y : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>, cnnc.tile = {blocks = 1, mode = "rects", pixels = 12, rects = array<i64: 0, 7, 1, 3, 0, 7, 0, 3>}} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @uncovered(%x: memref<1x9x9x64xf32>, %w: memref<1x3x3x64x32xf32>, %y: memref<1x7x7x1x32xf32>) {
  // expected-error @+1 {{cnnc.tile: the rectangles cover 42 of 49 output pixels}}
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<1x3x3x64x32xf32>) outs(%y : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>, cnnc.tile = {blocks = 1, mode = "rects", pixels = 12, rects = array<i64: 0, 6, 0, 3, 0, 7, 0, 3>}} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @overlap(%x: memref<1x9x9x64xf32>, %w: memref<1x3x3x64x32xf32>, %y: memref<1x7x7x1x32xf32>) {
  // expected-error @+1 {{cnnc.tile: rectangle 1 overlaps another}}
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<1x3x3x64x32xf32>) outs(%y : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>, cnnc.tile = {blocks = 1, mode = "rects", pixels = 12, rects = array<i64: 0, 4, 0, 3, 0, 7, 0, 3, 3, 7, 0, 3, 0, 7, 0, 3>}} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @outside(%x: memref<1x9x9x64xf32>, %w: memref<1x3x3x64x32xf32>, %y: memref<1x7x7x1x32xf32>) {
  // expected-error @+1 {{cnnc.tile: rectangle 0 is empty or outside the output map or the kernel}}
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<1x3x3x64x32xf32>) outs(%y : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>, cnnc.tile = {blocks = 1, mode = "rects", pixels = 12, rects = array<i64: 0, 8, 0, 3, 0, 7, 0, 3>}} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @rect_values(%x: memref<1x9x9x64xf32>, %w: memref<1x3x3x64x32xf32>, %y: memref<1x7x7x1x32xf32>) {
  // expected-error @+1 {{cnnc.tile: 'rects' must be an array<i64> of 8 values per rectangle}}
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<1x3x3x64x32xf32>) outs(%y : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>, cnnc.tile = {blocks = 1, mode = "rects", pixels = 12, rects = array<i64: 0, 7, 0, 3>}} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @blocks(%x: memref<1x9x9x64xf32>, %w: memref<2x3x3x64x32xf32>, %y: memref<1x7x7x2x32xf32>) {
  // expected-error @+1 {{cnnc.tile: 'blocks' must divide the 2 channel blocks}}
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<2x3x3x64x32xf32>) outs(%y : memref<1x7x7x2x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>, cnnc.tile = {blocks = 3, mode = "flat", pixels = 4}} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @too_many(%x: memref<1x9x9x64xf32>, %w: memref<2x3x3x64x32xf32>, %y: memref<1x7x7x2x32xf32>) {
  // expected-error @+1 {{cnnc.tile: a tile of 20 pixels x 4 vectors exceeds 64 accumulators}}
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<2x3x3x64x32xf32>) outs(%y : memref<1x7x7x2x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>, cnnc.tile = {blocks = 2, mode = "flat", pixels = 20}} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @read_through(%x: memref<1x9x9x64xf32>, %w: memref<1x3x3x64x32xf32>, %y: memref<1x7x7x1x32xf32>) {
  // expected-error @+1 {{cnnc.tile: 'read_through': the input is not a pad copy whose source the kernel may read}}
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<1x3x3x64x32xf32>) outs(%y : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>, cnnc.tile = {blocks = 1, mode = "rects", pixels = 12, read_through, rects = array<i64: 0, 7, 0, 3, 0, 7, 0, 3>}} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @rows_size(%x: memref<1x9x9x64xf32>, %w: memref<1x3x3x64x32xf32>, %y: memref<1x7x7x1x32xf32>) {
  // expected-error @+1 {{cnnc.tile: tile sizes must be at least 1 and 'rows' x 'cols' at most the output map}}
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<1x3x3x64x32xf32>) outs(%y : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>, cnnc.tile = {blocks = 1, mode = "rows", pixels = 12, rows = 8, cols = 7}} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @rects_mode(%x: memref<1x9x9x64xf32>, %w: memref<1x3x3x64x32xf32>, %y: memref<1x7x7x1x32xf32>) {
  // expected-error @+1 {{cnnc.tile: 'rects' goes with mode "rects", and only there}}
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<1x3x3x64x32xf32>) outs(%y : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>, cnnc.tile = {blocks = 1, mode = "flat", pixels = 12, rects = array<i64: 0, 7, 0, 3, 0, 7, 0, 3>}} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @unknown(%x: memref<1x9x9x64xf32>, %w: memref<1x3x3x64x32xf32>, %y: memref<1x7x7x1x32xf32>) {
  // expected-error @+1 {{cnnc.tile: unknown field 'tile'}}
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<1x3x3x64x32xf32>) outs(%y : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>, cnnc.tile = {blocks = 1, mode = "flat", pixels = 12, tile = 3}} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @not_integer(%x: memref<1x9x9x64xf32>, %w: memref<1x3x3x64x32xf32>, %y: memref<1x7x7x1x32xf32>) {
  // expected-error @+1 {{cnnc.tile: 'pixels' must be a 32-bit integer}}
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<1x3x3x64x32xf32>) outs(%y : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>, cnnc.tile = {blocks = 1, mode = "flat", pixels = "twelve"}} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @no_mode(%x: memref<1x9x9x64xf32>, %w: memref<1x3x3x64x32xf32>, %y: memref<1x7x7x1x32xf32>) {
  // expected-error @+1 {{cnnc.tile: no 'mode'}}
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<1x3x3x64x32xf32>) outs(%y : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>, cnnc.tile = {blocks = 1, pixels = 12}} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @bad_mode(%x: memref<1x9x9x64xf32>, %w: memref<1x3x3x64x32xf32>, %y: memref<1x7x7x1x32xf32>) {
  // expected-error @+1 {{cnnc.tile: 'mode' must be "rows", "flat" or "rects"}}
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<1x3x3x64x32xf32>) outs(%y : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>, cnnc.tile = {mode = "diagonal"}} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @not_dict(%x: memref<1x9x9x64xf32>, %w: memref<1x3x3x64x32xf32>, %y: memref<1x7x7x1x32xf32>) {
  // expected-error @+1 {{cnnc.tile: expected a dictionary}}
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<1x3x3x64x32xf32>) outs(%y : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>, cnnc.tile = [12]} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @huge(%x: memref<1x9x9x64xf32>, %w: memref<1x3x3x64x32xf32>, %y: memref<1x7x7x1x32xf32>) {
  // expected-error @+1 {{cnnc.tile: 'pixels' must be a 32-bit integer}}
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : memref<1x9x9x64xf32>, memref<1x3x3x64x32xf32>) outs(%y : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.tile = {blocks = 1, mode = "flat", pixels = 4611686018427387903}} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Reading the unpadded source, an output whose taps all read padding (a
// 1x1 conv's border with padding 1) may reduce over none of them.
#x = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#w = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#y = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @read_through_padding_only(%src: memref<1x5x5x64xf32>, %w: memref<1x1x1x64x32xf32>, %y: memref<1x7x7x1x32xf32>, %arena: memref<12544xi8>) {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %pad = memref.view %arena[%c0][] : memref<12544xi8> to memref<1x7x7x64xf32>
  linalg.fill ins(%zero : f32) outs(%pad : memref<1x7x7x64xf32>)
  %in = memref.subview %pad[0, 1, 1, 0] [1, 5, 5, 64] [1, 1, 1, 1] : memref<1x7x7x64xf32> to memref<1x5x5x64xf32, strided<[3136, 448, 64, 1], offset: 512>>
  linalg.copy ins(%src : memref<1x5x5x64xf32>) outs(%in : memref<1x5x5x64xf32, strided<[3136, 448, 64, 1], offset: 512>>)
  // expected-error @+1 {{cnnc.tile: rectangle 0 does not reduce over exactly its valid taps}}
  linalg.generic {indexing_maps = [#x, #w, #y], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%pad, %w : memref<1x7x7x64xf32>, memref<1x1x1x64x32xf32>) outs(%y : memref<1x7x7x1x32xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>, cnnc.tile = {blocks = 1, mode = "rects", pixels = 12, read_through, rects = array<i64: 0, 7, 0, 1, 0, 7, 0, 1>}} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  return
}
