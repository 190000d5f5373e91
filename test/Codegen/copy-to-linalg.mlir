// RUN: cnn-opt %s -split-input-file -cnnc-copy-to-linalg | FileCheck %s

// A strided target: the copy keeps its shape.
// CHECK-LABEL: func.func @copy(
// CHECK-NOT: memref.collapse_shape
// CHECK: linalg.copy ins(%{{.*}} : memref<2x2xf32>) outs(%{{.*}} : memref<2x2xf32, strided<[4, 1]>>)
// CHECK-NOT: memref.copy
func.func @copy(%a: memref<2x2xf32>, %b: memref<2x2xf32, strided<[4, 1]>>) {
  memref.copy %a, %b : memref<2x2xf32> to memref<2x2xf32, strided<[4, 1]>>
  return
}

// -----

// Both contiguous: one flat range.
// CHECK-LABEL: func.func @copy_contiguous(
// CHECK-SAME: %[[A:.*]]: memref<1x8x4x4xf32>, %[[B:.*]]: memref<1x8x4x4xf32>)
// CHECK: %[[FA:.*]] = memref.collapse_shape %[[A]] {{\[\[}}0, 1, 2, 3]] : memref<1x8x4x4xf32> into memref<128xf32>
// CHECK: %[[FB:.*]] = memref.collapse_shape %[[B]] {{\[\[}}0, 1, 2, 3]] : memref<1x8x4x4xf32> into memref<128xf32>
// CHECK: linalg.copy ins(%[[FA]] : memref<128xf32>) outs(%[[FB]] : memref<128xf32>)
func.func @copy_contiguous(%a: memref<1x8x4x4xf32>, %b: memref<1x8x4x4xf32>) {
  memref.copy %a, %b : memref<1x8x4x4xf32> to memref<1x8x4x4xf32>
  return
}
