// RUN: cnn-opt %s -split-input-file -cnnc-plan-memory | FileCheck %s

// Three buffers in a chain: %a dies when %c is written, so %c reuses %a's
// bytes; %b lives across both and gets its own. The arena becomes the last
// argument and its size an attribute.
// CHECK-LABEL: func.func @chain(
// CHECK-SAME: %[[OUT:.*]]: memref<16xf32>, %[[ARENA:.*]]: memref<128xi8> {cnn.name = "arena"})
// CHECK-SAME: attributes {cnnc.arena_bytes = 128 : i64}
// CHECK: %[[O1:.*]] = arith.constant 0 : index
// CHECK: memref.view %[[ARENA]][%[[O1]]][] : memref<128xi8> to memref<16xf32>
// CHECK: %[[O2:.*]] = arith.constant 64 : index
// CHECK: memref.view %[[ARENA]][%[[O2]]][] : memref<128xi8> to memref<16xf32>
// CHECK: %[[O3:.*]] = arith.constant 0 : index
// CHECK: memref.view %[[ARENA]][%[[O3]]][] : memref<128xi8> to memref<16xf32>
// CHECK-NOT: memref.alloc
func.func @chain(%out: memref<16xf32>) {
  %cst = arith.constant 1.0 : f32
  %a = memref.alloc() : memref<16xf32>
  linalg.fill ins(%cst : f32) outs(%a : memref<16xf32>)
  %b = memref.alloc() : memref<16xf32>
  linalg.copy ins(%a : memref<16xf32>) outs(%b : memref<16xf32>)
  %c = memref.alloc() : memref<16xf32>
  linalg.copy ins(%b : memref<16xf32>) outs(%c : memref<16xf32>)
  linalg.add ins(%b, %c : memref<16xf32>, memref<16xf32>) outs(%out : memref<16xf32>)
  return
}

// -----

// A use through a view keeps the buffer alive: %a is read through its
// collapsed view at the end, so %b cannot take its bytes.
// CHECK-LABEL: func.func @alias(
// CHECK-SAME: memref<128xi8>
// CHECK: arith.constant 0 : index
// CHECK: memref.view {{.*}} to memref<4x4xf32>
// CHECK: arith.constant 64 : index
// CHECK: memref.view {{.*}} to memref<16xf32>
func.func @alias(%out: memref<16xf32>) {
  %cst = arith.constant 1.0 : f32
  %a = memref.alloc() : memref<4x4xf32>
  linalg.fill ins(%cst : f32) outs(%a : memref<4x4xf32>)
  %flat = memref.collapse_shape %a [[0, 1]] : memref<4x4xf32> into memref<16xf32>
  %b = memref.alloc() : memref<16xf32>
  linalg.fill ins(%cst : f32) outs(%b : memref<16xf32>)
  linalg.add ins(%flat, %b : memref<16xf32>, memref<16xf32>) outs(%out : memref<16xf32>)
  return
}

// -----

// A conv whose padded input is a copy of %src (fill, copy into the
// interior) may read %src directly (cnnc-vectorize-conv): %src stays live
// until the conv, so the conv's output %y does not take its bytes.
// CHECK-LABEL: func.func @pad_source(
// CHECK: arith.constant 1600 : index
// CHECK: memref.view {{.*}} to memref<1x3x3x16xf32>
// CHECK: arith.constant 0 : index
// CHECK: memref.view {{.*}} to memref<1x5x5x16xf32>
// CHECK: arith.constant 2176 : index
// CHECK: memref.view {{.*}} to memref<1x3x3x1x16xf32>
#xp = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, d7)>
#wp = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d3, d5, d6, d7, d4)>
#yp = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
func.func @pad_source(%w: memref<1x3x3x16x16xf32>, %out: memref<1x3x3x1x16xf32>) {
  %one = arith.constant 1.0 : f32
  %zero = arith.constant 0.0 : f32
  %src = memref.alloc() : memref<1x3x3x16xf32>
  linalg.fill ins(%one : f32) outs(%src : memref<1x3x3x16xf32>)
  %pad = memref.alloc() : memref<1x5x5x16xf32>
  linalg.fill ins(%zero : f32) outs(%pad : memref<1x5x5x16xf32>)
  %in = memref.subview %pad[0, 1, 1, 0] [1, 3, 3, 16] [1, 1, 1, 1] : memref<1x5x5x16xf32> to memref<1x3x3x16xf32, strided<[400, 80, 16, 1], offset: 96>>
  linalg.copy ins(%src : memref<1x3x3x16xf32>) outs(%in : memref<1x3x3x16xf32, strided<[400, 80, 16, 1], offset: 96>>)
  %y = memref.alloc() : memref<1x3x3x1x16xf32>
  linalg.fill ins(%zero : f32) outs(%y : memref<1x3x3x1x16xf32>)
  linalg.generic {indexing_maps = [#xp, #wp, #yp], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%pad, %w : memref<1x5x5x16xf32>, memref<1x3x3x16x16xf32>) outs(%y : memref<1x3x3x1x16xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>} {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  }
  linalg.copy ins(%y : memref<1x3x3x1x16xf32>) outs(%out : memref<1x3x3x1x16xf32>)
  return
}
