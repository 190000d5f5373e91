// RUN: cnn-opt %s -split-input-file -cnn-fuse-prologue | FileCheck %s

// DenseNet's layer: concat -> BN -> ReLU -> conv. The BN becomes one scale
// and shift per channel, k = gamma / sqrt(var + eps), shift = beta - mean * k:
// channel 0: 2 / sqrt(3 + 1) = 1 and 0.5 - 1 * 1 = -0.5; channel 1: 4 / 2 = 2
// and 1 - 2 * 0.25 = 0.5.
// CHECK-LABEL: func.func @densenet_layer(
// CHECK-SAME: %[[A:.*]]: tensor<1x1x4x4xf32>, %[[B:.*]]: tensor<1x1x4x4xf32>, %[[W:.*]]: tensor<3x2x1x1xf32>)
// CHECK-DAG: %[[S:.*]] = cnn.constant dense_resource<bn_input_scale> : tensor<2xf32>
// CHECK-DAG: %[[T:.*]] = cnn.constant dense_resource<bn_input_shift> : tensor<2xf32>
// CHECK: %[[C:.*]] = cnn.concat %[[A]], %[[B]]
// CHECK: %[[Y:.*]] = cnn.fused_conv %[[C]], %[[W]] input_scale %[[S]] input_shift %[[T]] {input_activation = #cnn.activation<relu>}
// CHECK-NOT: cnn.batch_norm
// CHECK-NOT: cnn.relu
// CHECK: return %[[Y]]
// CHECK-DAG: bn_input_scale: "0x040000000000803F00000040"
// CHECK-DAG: bn_input_shift: "0x04000000000000BF0000003F"
func.func @densenet_layer(%a: tensor<1x1x4x4xf32>, %b: tensor<1x1x4x4xf32>, %w: tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32> {
  %c = cnn.concat %a, %b {axis = 1 : i64} : (tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>) -> tensor<1x2x4x4xf32>
  %g = cnn.constant dense<[2.0, 4.0]> : tensor<2xf32>
  %beta = cnn.constant dense<[0.5, 1.0]> : tensor<2xf32>
  %m = cnn.constant dense<[1.0, 0.25]> : tensor<2xf32>
  %v = cnn.constant dense<[3.0, 3.0]> : tensor<2xf32>
  %n = cnn.batch_norm %c, %g, %beta, %m, %v {epsilon = 1.0 : f32} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %r = cnn.relu %n : tensor<1x2x4x4xf32>
  %y = cnn.conv %r, %w : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}

// -----

// Into a conv that already carries an epilogue (kept), without activation
// in between, with padding (applied after the prologue).
// CHECK-LABEL: func.func @into_fused_conv(
// CHECK: cnn.fused_conv %{{.*}}, %{{.*}} input_scale %{{.*}} input_shift %{{.*}} {activation = #cnn.activation<relu>, pads = array<i64: 1, 1, 1, 1>}
// CHECK-NOT: cnn.batch_norm
func.func @into_fused_conv(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<1x3x4x4xf32> {
  %g = cnn.constant dense<1.5> : tensor<2xf32>
  %beta = cnn.constant dense<0.5> : tensor<2xf32>
  %m = cnn.constant dense<0.25> : tensor<2xf32>
  %v = cnn.constant dense<2.0> : tensor<2xf32>
  %n = cnn.batch_norm %x, %g, %beta, %m, %v : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %y = cnn.fused_conv %n, %w {pads = array<i64: 1, 1, 1, 1>, activation = #cnn.activation<relu>} : (tensor<1x2x4x4xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}

// -----

// Clip (Relu6) as the input activation, with its bounds.
// CHECK-LABEL: func.func @clip_prologue(
// CHECK: cnn.fused_conv {{.*}} {input_activation = #cnn.activation<clip>, input_activation_params = array<f32: 0.000000e+00, 6.000000e+00>}
func.func @clip_prologue(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32> {
  %g = cnn.constant dense<1.5> : tensor<2xf32>
  %beta = cnn.constant dense<0.5> : tensor<2xf32>
  %m = cnn.constant dense<0.25> : tensor<2xf32>
  %v = cnn.constant dense<2.0> : tensor<2xf32>
  %n = cnn.batch_norm %x, %g, %beta, %m, %v : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %r = cnn.clip %n {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x2x4x4xf32>
  %y = cnn.conv %r, %w : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}

// -----

// The normalized tensor is also a result: it must exist.
// CHECK-LABEL: func.func @no_fuse_other_user(
// CHECK: cnn.batch_norm
// CHECK: cnn.conv
func.func @no_fuse_other_user(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x2x4x4xf32>) {
  %g = cnn.constant dense<1.5> : tensor<2xf32>
  %beta = cnn.constant dense<0.5> : tensor<2xf32>
  %m = cnn.constant dense<0.25> : tensor<2xf32>
  %v = cnn.constant dense<2.0> : tensor<2xf32>
  %n = cnn.batch_norm %x, %g, %beta, %m, %v : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %y = cnn.conv %n, %w : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  return %y, %n : tensor<1x3x4x4xf32>, tensor<1x2x4x4xf32>
}

// -----

// Statistics that are graph inputs cannot be folded at compile time.
// CHECK-LABEL: func.func @no_fuse_variable_statistics(
// CHECK: cnn.batch_norm
// CHECK: cnn.conv
func.func @no_fuse_variable_statistics(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>, %g: tensor<2xf32>) -> tensor<1x3x4x4xf32> {
  %beta = cnn.constant dense<0.5> : tensor<2xf32>
  %m = cnn.constant dense<0.25> : tensor<2xf32>
  %v = cnn.constant dense<2.0> : tensor<2xf32>
  %n = cnn.batch_norm %x, %g, %beta, %m, %v : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %y = cnn.conv %n, %w : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}

// -----

// A BN that feeds the conv's weights, not its input, stays.
// CHECK-LABEL: func.func @no_fuse_weight_operand(
// CHECK: cnn.batch_norm
func.func @no_fuse_weight_operand(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32> {
  %g = cnn.constant dense<1.5> : tensor<2xf32>
  %beta = cnn.constant dense<0.5> : tensor<2xf32>
  %m = cnn.constant dense<0.25> : tensor<2xf32>
  %v = cnn.constant dense<2.0> : tensor<2xf32>
  %wn = cnn.batch_norm %w, %g, %beta, %m, %v : (tensor<3x2x1x1xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<3x2x1x1xf32>
  %y = cnn.conv %x, %wn : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}

// -----

// A batch norm that carries its activation (cnn-fuse-epilogue ran first).
// CHECK-LABEL: func.func @batch_norm_with_activation(
// CHECK: cnn.fused_conv {{.*}} input_scale {{.*}} {input_activation = #cnn.activation<leaky_relu>, input_activation_params = array<f32: 1.000000e-01>}
// CHECK-NOT: cnn.batch_norm
func.func @batch_norm_with_activation(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32> {
  %g = cnn.constant dense<1.5> : tensor<2xf32>
  %beta = cnn.constant dense<0.5> : tensor<2xf32>
  %m = cnn.constant dense<0.25> : tensor<2xf32>
  %v = cnn.constant dense<2.0> : tensor<2xf32>
  %n = cnn.batch_norm %x, %g, %beta, %m, %v {activation = #cnn.activation<leaky_relu>, activation_params = array<f32: 0.1>} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %y = cnn.conv %n, %w : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}

// -----

// DenseNet's head: BN -> ReLU -> global average pool. The pool takes the
// batch norm as its input prologue: input_affine [2, C] holds the scales
// (1, 2) then the shifts (-0.5, 0.5).
// CHECK-LABEL: func.func @global_pool_prologue(
// CHECK-SAME: %[[X:.*]]: tensor<1x2x4x4xf32>)
// CHECK: %[[K:.*]] = cnn.constant dense_resource<bn_input_affine> : tensor<2x2xf32>
// CHECK: %[[Y:.*]] = cnn.global_avg_pool %[[X]] affine %[[K]] {input_activation = #cnn.activation<relu>}
// CHECK-NOT: cnn.batch_norm
// CHECK: return %[[Y]]
// CHECK: bn_input_affine: "0x040000000000803F00000040000000BF0000003F"
func.func @global_pool_prologue(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x1x1xf32> {
  %g = cnn.constant dense<[2.0, 4.0]> : tensor<2xf32>
  %beta = cnn.constant dense<[0.5, 1.0]> : tensor<2xf32>
  %m = cnn.constant dense<[1.0, 0.25]> : tensor<2xf32>
  %v = cnn.constant dense<[3.0, 3.0]> : tensor<2xf32>
  %n = cnn.batch_norm %x, %g, %beta, %m, %v {epsilon = 1.0 : f32} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %r = cnn.relu %n : tensor<1x2x4x4xf32>
  %y = cnn.global_avg_pool %r : (tensor<1x2x4x4xf32>) -> tensor<1x2x1x1xf32>
  return %y : tensor<1x2x1x1xf32>
}

// -----

// A normalized tensor something else reads too, and a global max pool: the
// batch norm stays.
// CHECK-LABEL: func.func @no_fuse_global_pool(
// CHECK-COUNT-2: cnn.batch_norm
// CHECK-NOT: affine
// CHECK: return
func.func @no_fuse_global_pool(%x: tensor<1x2x4x4xf32>) -> (tensor<1x2x1x1xf32>, tensor<1x2x4x4xf32>, tensor<1x2x1x1xf32>) {
  %g = cnn.constant dense<[2.0, 4.0]> : tensor<2xf32>
  %beta = cnn.constant dense<[0.5, 1.0]> : tensor<2xf32>
  %m = cnn.constant dense<[1.0, 0.25]> : tensor<2xf32>
  %v = cnn.constant dense<[3.0, 3.0]> : tensor<2xf32>
  %n = cnn.batch_norm %x, %g, %beta, %m, %v {epsilon = 1.0 : f32} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %y = cnn.global_avg_pool %n : (tensor<1x2x4x4xf32>) -> tensor<1x2x1x1xf32>
  %n2 = cnn.batch_norm %x, %g, %beta, %m, %v {epsilon = 1.0 : f32} : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %z = cnn.global_max_pool %n2 : (tensor<1x2x4x4xf32>) -> tensor<1x2x1x1xf32>
  return %y, %n, %z : tensor<1x2x1x1xf32>, tensor<1x2x4x4xf32>, tensor<1x2x1x1xf32>
}
