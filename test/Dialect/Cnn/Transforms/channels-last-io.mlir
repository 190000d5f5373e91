// RUN: cnn-opt %s -split-input-file -cnn-channels-last-io | FileCheck %s
// RUN: cnn-opt %s -split-input-file -cnn-channels-last-io -convert-cnn-to-linalg=vector-bits=512 -canonicalize | FileCheck %s --check-prefix=PACKED

// 4-D inputs and outputs of @main become NHWC, with transposes to and from
// the graph's NCHW; other arguments and results keep their types.
// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[X:.*]]: tensor<1x8x6x3xf32> {cnn.name = "x"}, %[[S:.*]]: tensor<4xf32>) -> (tensor<1x8x6x4xf32>, tensor<4xf32>)
// CHECK: %[[NCHW:.*]] = cnn.transpose %[[X]] {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x8x6x3xf32>) -> tensor<1x3x8x6xf32>
// CHECK: %[[Y:.*]] = cnn.conv %[[NCHW]]
// CHECK: %[[NHWC:.*]] = cnn.transpose %[[Y]] {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x4x8x6xf32>) -> tensor<1x8x6x4xf32>
// CHECK: return %[[NHWC]], %[[S]]
// With the packed lowering neither transpose is left: the conv reads the
// NHWC argument (written into its padded input) and its NHWC result is
// returned as it is, without its padding channels.
// PACKED-LABEL: func.func @main(
// PACKED-NOT: linalg.transpose
// PACKED: tensor.insert_slice %{{.*}} into %{{.*}}[0, 1, 1, 0] [1, 8, 6, 3]
// PACKED: cnnc.conv
// PACKED: %[[FLAT:.*]] = tensor.collapse_shape
// PACKED: %[[OUT:.*]] = tensor.extract_slice %[[FLAT]][0, 0, 0, 0] [1, 8, 6, 4]
// PACKED-NOT: linalg.transpose
// PACKED: return %[[OUT]]
func.func @main(%x: tensor<1x3x8x6xf32> {cnn.name = "x"}, %s: tensor<4xf32>) -> (tensor<1x4x8x6xf32>, tensor<4xf32>) {
  %w = cnn.constant dense<1.0> : tensor<4x3x3x3xf32>
  %y = cnn.conv %x, %w {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x8x6xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x6xf32>
  return %y, %s : tensor<1x4x8x6xf32>, tensor<4xf32>
}

