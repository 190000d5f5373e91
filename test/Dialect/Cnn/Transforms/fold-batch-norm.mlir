// RUN: cnn-opt %s -split-input-file -cnn-fold-batch-norm | FileCheck %s

// k = scale / sqrt(var + eps) = 3 / sqrt(3 + 1) = 1.5: weights 2 -> 3,
// bias (1 - mean 1) * 1.5 + beta 0.5 = 0.5.
// CHECK-LABEL: func.func @fold_into_conv(
// CHECK-DAG: %[[W:.*]] = cnn.constant dense_resource<bn_folded_weight> : tensor<2x1x1x1xf32>
// CHECK-DAG: %[[B:.*]] = cnn.constant dense_resource<bn_folded_bias> : tensor<2xf32>
// CHECK: %[[Y:.*]] = cnn.conv %{{.*}}, %[[W]], %[[B]]
// CHECK-NOT: cnn.batch_norm
// CHECK: return %[[Y]]
// CHECK: bn_folded_weight: "0x040000000000404000004040"
// CHECK: bn_folded_bias: "0x040000000000003F0000003F"
func.func @fold_into_conv(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = cnn.constant dense<2.0> : tensor<2x1x1x1xf32>
  %b = cnn.constant dense<1.0> : tensor<2xf32>
  %s = cnn.constant dense<3.0> : tensor<2xf32>
  %beta = cnn.constant dense<0.5> : tensor<2xf32>
  %m = cnn.constant dense<1.0> : tensor<2xf32>
  %v = cnn.constant dense<3.0> : tensor<2xf32>
  %0 = cnn.conv %x, %w, %b : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %1 = cnn.batch_norm %0, %s, %beta, %m, %v {epsilon = 1.0 : f32} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// -----

// A conv without bias gets one.
// CHECK-LABEL: func.func @fold_adds_bias(
// CHECK: cnn.conv %{{.*}}, %{{.*}}, %{{.*}} : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>)
// CHECK-NOT: cnn.batch_norm
func.func @fold_adds_bias(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %w = cnn.constant dense<2.0> : tensor<2x1x1x1xf32>
  %s = cnn.constant dense<3.0> : tensor<2xf32>
  %beta = cnn.constant dense<0.5> : tensor<2xf32>
  %m = cnn.constant dense<1.0> : tensor<2xf32>
  %v = cnn.constant dense<3.0> : tensor<2xf32>
  %0 = cnn.conv %x, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = cnn.batch_norm %0, %s, %beta, %m, %v : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// -----

// The conv's result is also returned: folding would change it.
// CHECK-LABEL: func.func @no_fuse_conv_shared(
// CHECK: cnn.batch_norm
func.func @no_fuse_conv_shared(%x: tensor<1x1x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) {
  %w = cnn.constant dense<2.0> : tensor<2x1x1x1xf32>
  %s = cnn.constant dense<3.0> : tensor<2xf32>
  %v = cnn.constant dense<3.0> : tensor<2xf32>
  %0 = cnn.conv %x, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = cnn.batch_norm %0, %s, %s, %v, %v : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %0, %1 : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
}

// -----

// Statistics computed at run time (graph inputs) are not folded.
// CHECK-LABEL: func.func @no_fuse_runtime_stats(
// CHECK: cnn.batch_norm
func.func @no_fuse_runtime_stats(%x: tensor<1x1x4x4xf32>, %s: tensor<2xf32>) -> tensor<1x2x4x4xf32> {
  %w = cnn.constant dense<2.0> : tensor<2x1x1x1xf32>
  %0 = cnn.conv %x, %w : (tensor<1x1x4x4xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x4x4xf32>
  %1 = cnn.batch_norm %0, %s, %s, %s, %s : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %1 : tensor<1x2x4x4xf32>
}

// -----

// Into a transposed conv: weights [C, M, KH, KW], the output channel is the
// second index. k = 3 / sqrt(3 + 1) = 1.5 for channel 0, 1 / 2 = 0.5 for
// channel 1: the taps of channel 0 (1) become 1.5, those of channel 1 (2)
// become 1; bias (0 - 1) * k + 0.5 -> [-1, 0].
// CHECK-LABEL: func.func @fold_into_conv_transpose(
// CHECK: cnn.conv_transpose %{{.*}}, %{{.*}}, %{{.*}} {strides = array<i64: 2, 2>}
// CHECK-NOT: cnn.batch_norm
// CHECK-DAG: bn_folded_weight: "0x040000000000C03F0000C03F0000C03F0000C03F0000803F0000803F0000803F0000803F"
// CHECK-DAG: bn_folded_bias: "0x04000000000080BF00000000"
func.func @fold_into_conv_transpose(%x: tensor<1x1x4x4xf32>) -> tensor<1x2x8x8xf32> {
  %w = cnn.constant dense<[[[[1.0, 1.0], [1.0, 1.0]], [[2.0, 2.0], [2.0, 2.0]]]]> : tensor<1x2x2x2xf32>
  %s = cnn.constant dense<[3.0, 1.0]> : tensor<2xf32>
  %beta = cnn.constant dense<0.5> : tensor<2xf32>
  %m = cnn.constant dense<1.0> : tensor<2xf32>
  %v = cnn.constant dense<3.0> : tensor<2xf32>
  %0 = cnn.conv_transpose %x, %w {strides = array<i64: 2, 2>} : (tensor<1x1x4x4xf32>, tensor<1x2x2x2xf32>) -> tensor<1x2x8x8xf32>
  %1 = cnn.batch_norm %0, %s, %beta, %m, %v {epsilon = 1.0 : f32} : (tensor<1x2x8x8xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x8x8xf32>
  return %1 : tensor<1x2x8x8xf32>
}

// -----

// Into a gemm with trans_b (weights [F, K], a feature per row) and a
// per-feature c scaled by beta: k = [1.5, 0.5] scales the rows, and
// c' = beta(0.5) * 2 * k + (0.5 - 1 * k) = [0.5, 0.5]; beta becomes 1.
// CHECK-LABEL: func.func @fold_into_gemm(
// CHECK: cnn.gemm %{{.*}}, %{{.*}}, %{{.*}} {trans_b = true}
// CHECK-NOT: cnn.batch_norm
// CHECK-DAG: bn_folded_weight: "0x040000000000C03F0000C03F0000C03F0000003F0000003F0000003F"
// CHECK-DAG: bn_folded_bias: "0x040000000000003F0000003F"
func.func @fold_into_gemm(%x: tensor<1x3xf32>) -> tensor<1x2xf32> {
  %w = cnn.constant dense<1.0> : tensor<2x3xf32>
  %c = cnn.constant dense<2.0> : tensor<2xf32>
  %s = cnn.constant dense<[3.0, 1.0]> : tensor<2xf32>
  %beta = cnn.constant dense<0.5> : tensor<2xf32>
  %m = cnn.constant dense<1.0> : tensor<2xf32>
  %v = cnn.constant dense<3.0> : tensor<2xf32>
  %0 = cnn.gemm %x, %w, %c {trans_b = true, beta = 0.5 : f32} : (tensor<1x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %1 = cnn.batch_norm %0, %s, %beta, %m, %v {epsilon = 1.0 : f32} : (tensor<1x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  return %1 : tensor<1x2xf32>
}

// -----

// A gemm whose c differs per row (batch 2) cannot take the shift.
// CHECK-LABEL: func.func @no_fuse_gemm_per_row_c(
// CHECK: cnn.batch_norm
func.func @no_fuse_gemm_per_row_c(%x: tensor<2x3xf32>) -> tensor<2x2xf32> {
  %w = cnn.constant dense<1.0> : tensor<3x2xf32>
  %c = cnn.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %p = cnn.constant dense<1.0> : tensor<2xf32>
  %0 = cnn.gemm %x, %w, %c : (tensor<2x3xf32>, tensor<3x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %1 = cnn.batch_norm %0, %p, %p, %p, %p : (tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  return %1 : tensor<2x2xf32>
}
