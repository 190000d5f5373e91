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
