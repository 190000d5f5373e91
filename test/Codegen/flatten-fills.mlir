// RUN: cnn-opt %s -split-input-file -cnnc-flatten-fills | FileCheck %s

// Bufferization's fill of a padded buffer (a map yielding an outside value)
// becomes one fill of the flat buffer.
// CHECK-LABEL: func.func @map_fill(
// CHECK-SAME: %[[B:.*]]: memref<1x5x5x64xf32>
// CHECK: %[[NEG:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[FLAT:.*]] = memref.collapse_shape %[[B]] {{\[\[}}0, 1, 2, 3]] : memref<1x5x5x64xf32> into memref<1600xf32>
// CHECK: linalg.fill ins(%[[NEG]] : f32) outs(%[[FLAT]] : memref<1600xf32>)
// CHECK-NOT: linalg.map
func.func @map_fill(%b: memref<1x5x5x64xf32>) {
  %neg = arith.constant 0xFF800000 : f32
  linalg.map outs(%b : memref<1x5x5x64xf32>)
    (%o: f32) {
      linalg.yield %neg : f32
    }
  return
}

// -----

// A fill of a strided view (a padded buffer's interior) keeps its shape.
// CHECK-LABEL: func.func @negative_strided(
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : memref<1x3x3x64xf32, strided<[1600, 320, 64, 1], offset: 384>>)
func.func @negative_strided(%b: memref<1x5x5x64xf32>) {
  %z = arith.constant 0.0 : f32
  %v = memref.subview %b[0, 1, 1, 0] [1, 3, 3, 64] [1, 1, 1, 1] : memref<1x5x5x64xf32> to memref<1x3x3x64xf32, strided<[1600, 320, 64, 1], offset: 384>>
  linalg.fill ins(%z : f32) outs(%v : memref<1x3x3x64xf32, strided<[1600, 320, 64, 1], offset: 384>>)
  return
}

// -----

// A map that computes per element stays.
// CHECK-LABEL: func.func @negative_map_with_input(
// CHECK: linalg.map
func.func @negative_map_with_input(%a: memref<4x8xf32>, %b: memref<4x8xf32>) {
  linalg.map ins(%a : memref<4x8xf32>) outs(%b : memref<4x8xf32>)
    (%x: f32, %o: f32) {
      %y = arith.negf %x : f32
      linalg.yield %y : f32
    }
  return
}
