// RUN: cnn-opt %s -cnnc-legalize-empty-args | FileCheck %s

// A zero-element argument becomes memref<1xT>, seen through a cast.
// CHECK-LABEL: func.func @empty(
// CHECK-SAME: %[[A:.*]]: memref<1xf32>, %[[B:.*]]: memref<3xf32>)
// CHECK: %[[C:.*]] = memref.reinterpret_cast %[[A]] to offset: [0], sizes: [0, 3], strides: [3, 1] : memref<1xf32> to memref<0x3xf32>
// CHECK: memref.dim %[[C]]
func.func @empty(%a: memref<0x3xf32>, %b: memref<3xf32>) -> index {
  %c0 = arith.constant 0 : index
  %d = memref.dim %a, %c0 : memref<0x3xf32>
  return %d : index
}
