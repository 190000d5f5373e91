// RUN: cnn-opt %s -split-input-file -cnnc-results-in-place | FileCheck %s

// A blocked result copied (flattened) into the out-parameter: the blocked
// buffer becomes the out-parameter seen as [1, 4, 4, 2, 16]; no copy.
// CHECK-LABEL: func.func @blocked_result(
// CHECK-SAME: %[[OUT:.*]]: memref<1x4x4x32xf32>
// CHECK: %[[FLAT:.*]] = memref.collapse_shape %[[OUT]] {{\[\[}}0, 1, 2, 3]] : memref<1x4x4x32xf32> into memref<512xf32>
// CHECK: %[[Y:.*]] = memref.expand_shape %[[FLAT]] {{\[\[}}0, 1, 2, 3, 4]] output_shape [1, 4, 4, 2, 16] : memref<512xf32> into memref<1x4x4x2x16xf32>
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[Y]] : memref<1x4x4x2x16xf32>)
// CHECK-NOT: memref.alloc
// CHECK-NOT: linalg.copy
// CHECK: return
func.func @blocked_result(%out: memref<1x4x4x32xf32>) {
  %c = arith.constant 1.0 : f32
  %y = memref.alloc() : memref<1x4x4x2x16xf32>
  linalg.fill ins(%c : f32) outs(%y : memref<1x4x4x2x16xf32>)
  %a = memref.collapse_shape %y [[0, 1, 2, 3, 4]] : memref<1x4x4x2x16xf32> into memref<512xf32>
  %b = memref.collapse_shape %out [[0, 1, 2, 3]] : memref<1x4x4x32xf32> into memref<512xf32>
  linalg.copy ins(%a : memref<512xf32>) outs(%b : memref<512xf32>)
  return
}

// -----

// The buffer is used after the copy (written again, as a scratch buffer
// would be): the copy stays.
// CHECK-LABEL: func.func @negative_used_after(
// CHECK: memref.alloc
// CHECK: linalg.copy
func.func @negative_used_after(%out: memref<64xf32>) {
  %c = arith.constant 1.0 : f32
  %z = arith.constant 0.0 : f32
  %y = memref.alloc() : memref<64xf32>
  linalg.fill ins(%c : f32) outs(%y : memref<64xf32>)
  linalg.copy ins(%y : memref<64xf32>) outs(%out : memref<64xf32>)
  linalg.fill ins(%z : f32) outs(%y : memref<64xf32>)
  return
}

// -----

// Only part of the buffer is the result (padding channels): the copy stays.
// CHECK-LABEL: func.func @negative_slice(
// CHECK: memref.alloc
// CHECK: linalg.copy
func.func @negative_slice(%out: memref<1x4x4x30xf32>) {
  %c = arith.constant 1.0 : f32
  %y = memref.alloc() : memref<1x4x4x32xf32>
  linalg.fill ins(%c : f32) outs(%y : memref<1x4x4x32xf32>)
  %s = memref.subview %y[0, 0, 0, 0] [1, 4, 4, 30] [1, 1, 1, 1] : memref<1x4x4x32xf32> to memref<1x4x4x30xf32, strided<[512, 128, 32, 1]>>
  linalg.copy ins(%s : memref<1x4x4x30xf32, strided<[512, 128, 32, 1]>>) outs(%out : memref<1x4x4x30xf32>)
  return
}
