// cnn-dialect input past cnnc's size limits: one error, exit status 1.
// RUN: not cnnc %s --compile-to=cnn 2>&1 | FileCheck %s --implicit-check-not=error:
// CHECK: limits.mlir:{{.*}}: error: argument 'tensor<1x3x4000000000x8xf32>' has a dimension of 4000000000, more than cnnc's limit of 2^31
func.func @main(%x: tensor<1x3x4000000000x8xf32>) -> tensor<1x3x4000000000x8xf32> {
  %0 = cnn.relu %x : tensor<1x3x4000000000x8xf32>
  return %0 : tensor<1x3x4000000000x8xf32>
}
