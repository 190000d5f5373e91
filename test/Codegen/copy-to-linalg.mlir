// RUN: cnn-opt %s -cnnc-copy-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @copy(
// CHECK: linalg.copy ins(%{{.*}} : memref<2x2xf32>) outs(%{{.*}} : memref<2x2xf32, strided<[4, 1]>>)
// CHECK-NOT: memref.copy
func.func @copy(%a: memref<2x2xf32>, %b: memref<2x2xf32, strided<[4, 1]>>) {
  memref.copy %a, %b : memref<2x2xf32> to memref<2x2xf32, strided<[4, 1]>>
  return
}
