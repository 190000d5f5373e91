// RUN: cnn-opt %s -split-input-file -cnn-fuse-epilogue | FileCheck %s

// ResNet's basic block: conv+relu, then conv + residual add + relu.
// CHECK-LABEL: func.func @resnet_block(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x56x56xf32>, %[[W1:.*]]: tensor<64x64x3x3xf32>, %[[W2:.*]]: tensor<64x64x3x3xf32>, %[[B:.*]]: tensor<64xf32>)
// CHECK: %[[A:.*]] = cnn.fused_conv %[[X]], %[[W1]], %[[B]] {activation = #cnn.activation<relu>, pads = array<i64: 1, 1, 1, 1>}
// CHECK: %[[Y:.*]] = cnn.fused_conv %[[A]], %[[W2]], %[[B]] residual %[[X]] {pads = array<i64: 1, 1, 1, 1>, post_activation = #cnn.activation<relu>}
// CHECK-NOT: cnn.relu
// CHECK-NOT: cnn.add
// CHECK: return %[[Y]]
func.func @resnet_block(%x: tensor<1x64x56x56xf32>, %w1: tensor<64x64x3x3xf32>, %w2: tensor<64x64x3x3xf32>, %b: tensor<64xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.conv %x, %w1, %b {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
  %1 = cnn.relu %0 : tensor<1x64x56x56xf32>
  %2 = cnn.conv %1, %w2, %b {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
  %3 = cnn.add %2, %x : (tensor<1x64x56x56xf32>, tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  %4 = cnn.relu %3 : tensor<1x64x56x56xf32>
  return %4 : tensor<1x64x56x56xf32>
}

// -----

// MobileNetV2's Relu6 (Clip 0..6), EfficientNet's SiLU (x * sigmoid(x)),
// LeakyRelu and HardSwish carry their parameters.
// CHECK-LABEL: func.func @activations(
// CHECK: cnn.fused_conv {{.*}} {activation = #cnn.activation<clip>, activation_params = array<f32: 0.000000e+00, 6.000000e+00>}
// CHECK: cnn.fused_conv {{.*}} {activation = #cnn.activation<silu>}
// CHECK: cnn.fused_conv {{.*}} {activation = #cnn.activation<leaky_relu>, activation_params = array<f32: 1.000000e-01>}
// CHECK: cnn.fused_conv {{.*}} {activation = #cnn.activation<hard_swish>}
// CHECK-NOT: cnn.clip
// CHECK-NOT: cnn.sigmoid
// CHECK-NOT: cnn.mul
func.func @activations(%x: tensor<1x8x8x8xf32>, %w: tensor<8x8x1x1xf32>) -> (tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>) {
  %0 = cnn.conv %x, %w : (tensor<1x8x8x8xf32>, tensor<8x8x1x1xf32>) -> tensor<1x8x8x8xf32>
  %1 = cnn.clip %0 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x8x8x8xf32>
  %2 = cnn.conv %x, %w : (tensor<1x8x8x8xf32>, tensor<8x8x1x1xf32>) -> tensor<1x8x8x8xf32>
  %3 = cnn.sigmoid %2 : tensor<1x8x8x8xf32>
  %4 = cnn.mul %2, %3 : (tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %5 = cnn.conv %x, %w : (tensor<1x8x8x8xf32>, tensor<8x8x1x1xf32>) -> tensor<1x8x8x8xf32>
  %6 = cnn.leaky_relu %5 {alpha = 0.1 : f32} : tensor<1x8x8x8xf32>
  %7 = cnn.conv %x, %w : (tensor<1x8x8x8xf32>, tensor<8x8x1x1xf32>) -> tensor<1x8x8x8xf32>
  %8 = cnn.hard_swish %7 : tensor<1x8x8x8xf32>
  return %1, %4, %6, %8 : tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>
}

// -----

// An intermediate that another op reads is not fused away: the conv result
// is also returned, so the relu stays.
// CHECK-LABEL: func.func @no_fuse_shared(
// CHECK: %[[C:.*]] = cnn.conv
// CHECK: %[[R:.*]] = cnn.relu %[[C]]
// CHECK: return %[[C]], %[[R]]
func.func @no_fuse_shared(%x: tensor<1x8x8x8xf32>, %w: tensor<8x8x1x1xf32>) -> (tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>) {
  %0 = cnn.conv %x, %w : (tensor<1x8x8x8xf32>, tensor<8x8x1x1xf32>) -> tensor<1x8x8x8xf32>
  %1 = cnn.relu %0 : tensor<1x8x8x8xf32>
  return %0, %1 : tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>
}

// -----

// A broadcasting add is not a residual: the conv and the add stay.
// CHECK-LABEL: func.func @no_fuse_broadcast_add(
// CHECK: cnn.conv
// CHECK: cnn.add
func.func @no_fuse_broadcast_add(%x: tensor<1x8x8x8xf32>, %w: tensor<8x8x1x1xf32>, %s: tensor<1x8x1x1xf32>) -> tensor<1x8x8x8xf32> {
  %0 = cnn.conv %x, %w : (tensor<1x8x8x8xf32>, tensor<8x8x1x1xf32>) -> tensor<1x8x8x8xf32>
  %1 = cnn.add %0, %s : (tensor<1x8x8x8xf32>, tensor<1x8x1x1xf32>) -> tensor<1x8x8x8xf32>
  return %1 : tensor<1x8x8x8xf32>
}

// -----

// Two activations in a row: the second stays (one activation per slot).
// CHECK-LABEL: func.func @no_fuse_second_activation(
// CHECK: cnn.fused_conv {{.*}}activation = #cnn.activation<relu>
// CHECK: cnn.sigmoid
func.func @no_fuse_second_activation(%x: tensor<1x8x8x8xf32>, %w: tensor<8x8x1x1xf32>) -> tensor<1x8x8x8xf32> {
  %0 = cnn.conv %x, %w : (tensor<1x8x8x8xf32>, tensor<8x8x1x1xf32>) -> tensor<1x8x8x8xf32>
  %1 = cnn.relu %0 : tensor<1x8x8x8xf32>
  %2 = cnn.sigmoid %1 : tensor<1x8x8x8xf32>
  return %2 : tensor<1x8x8x8xf32>
}

// -----

// A batch norm that no conv absorbs takes the activation after it.
// CHECK-LABEL: func.func @batch_norm_activation(
// CHECK: %[[Y:.*]] = cnn.batch_norm {{.*}} {activation = #cnn.activation<clip>, activation_params = array<f32: 0.000000e+00, 6.000000e+00>}
// CHECK-NOT: cnn.clip
// CHECK: return %[[Y]]
func.func @batch_norm_activation(%x: tensor<1x2x4x4xf32>, %p: tensor<2xf32>) -> tensor<1x2x4x4xf32> {
  %n = cnn.batch_norm %x, %p, %p, %p, %p : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %r = cnn.clip %n {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x2x4x4xf32>
  return %r : tensor<1x2x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @no_fuse_batch_norm_other_user(
// CHECK: cnn.batch_norm
// CHECK-NOT: activation
// CHECK: cnn.relu
func.func @no_fuse_batch_norm_other_user(%x: tensor<1x2x4x4xf32>, %p: tensor<2xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) {
  %n = cnn.batch_norm %x, %p, %p, %p, %p : (tensor<1x2x4x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  %r = cnn.relu %n : tensor<1x2x4x4xf32>
  return %r, %n : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>
}

// -----

// A decomposed transposed conv: the relu after depth_to_space and slice
// moves in front of them and fuses into the conv.
// CHECK-LABEL: func.func @activation_through_movement(
// CHECK: %[[C:.*]] = cnn.fused_conv {{.*}} {activation = #cnn.activation<relu>, pads = array<i64: 1, 1, 1, 1>}
// CHECK: %[[D:.*]] = cnn.depth_to_space %[[C]]
// CHECK: %[[S:.*]] = cnn.slice %[[D]]
// CHECK-NOT: cnn.relu
// CHECK: return %[[S]]
func.func @activation_through_movement(%x: tensor<1x2x4x4xf32>, %w: tensor<12x2x2x2xf32>) -> tensor<1x3x8x8xf32> {
  %c = cnn.conv %x, %w {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x4xf32>, tensor<12x2x2x2xf32>) -> tensor<1x12x5x5xf32>
  %d = cnn.depth_to_space %c {blocksize = 2 : i64} : (tensor<1x12x5x5xf32>) -> tensor<1x3x10x10xf32>
  %s = cnn.slice %d {starts = array<i64: 1, 1>, ends = array<i64: 9, 9>, axes = array<i64: 2, 3>} : (tensor<1x3x10x10xf32>) -> tensor<1x3x8x8xf32>
  %r = cnn.relu %s : tensor<1x3x8x8xf32>
  return %r : tensor<1x3x8x8xf32>
}

// -----

// The unactivated interleave is a result too: nothing moves.
// CHECK-LABEL: func.func @no_fuse_movement_other_user(
// CHECK: cnn.depth_to_space
// CHECK: cnn.relu
func.func @no_fuse_movement_other_user(%x: tensor<1x2x4x4xf32>, %w: tensor<12x2x1x1xf32>) -> (tensor<1x3x8x8xf32>, tensor<1x3x8x8xf32>) {
  %c = cnn.conv %x, %w : (tensor<1x2x4x4xf32>, tensor<12x2x1x1xf32>) -> tensor<1x12x4x4xf32>
  %d = cnn.depth_to_space %c {blocksize = 2 : i64} : (tensor<1x12x4x4xf32>) -> tensor<1x3x8x8xf32>
  %r = cnn.relu %d : tensor<1x3x8x8xf32>
  return %r, %d : tensor<1x3x8x8xf32>, tensor<1x3x8x8xf32>
}

// -----

// A dense layer's activation (VGG's fc6 -> ReLU) becomes the gemm's.
// CHECK-LABEL: func.func @gemm_activation(
// CHECK: %[[Y:.*]] = cnn.gemm {{.*}} {activation = #cnn.activation<relu>, trans_b = true}
// CHECK-NOT: cnn.relu
// CHECK: return %[[Y]]
func.func @gemm_activation(%x: tensor<1x8xf32>, %w: tensor<4x8xf32>, %b: tensor<4xf32>) -> tensor<1x4xf32> {
  %0 = cnn.gemm %x, %w, %b {trans_b = true} : (tensor<1x8xf32>, tensor<4x8xf32>, tensor<4xf32>) -> tensor<1x4xf32>
  %1 = cnn.relu %0 : tensor<1x4xf32>
  return %1 : tensor<1x4xf32>
}

// -----

// CHECK-LABEL: func.func @no_fuse_gemm_other_user(
// CHECK: cnn.gemm
// CHECK-NOT: activation
// CHECK: cnn.relu
func.func @no_fuse_gemm_other_user(%x: tensor<1x8xf32>, %w: tensor<8x4xf32>) -> (tensor<1x4xf32>, tensor<1x4xf32>) {
  %0 = cnn.gemm %x, %w : (tensor<1x8xf32>, tensor<8x4xf32>) -> tensor<1x4xf32>
  %1 = cnn.relu %0 : tensor<1x4xf32>
  return %1, %0 : tensor<1x4xf32>, tensor<1x4xf32>
}

// -----

// PRelu with constant slopes: one slope per channel ([C, 1, 1]) becomes a
// prelu epilogue carrying the slopes (also after a residual add); a single
// slope (or all equal) is leaky_relu.
// CHECK-LABEL: func.func @prelu(
// CHECK: %[[A:.*]] = cnn.fused_conv {{.*}} {activation = #cnn.activation<prelu>, activation_params = array<f32: 1.000000e-01, 2.000000e-01, 3.000000e-01>}
// CHECK: %[[B:.*]] = cnn.fused_conv %[[A]], {{.*}} {activation = #cnn.activation<leaky_relu>, activation_params = array<f32: 2.500000e-01>}
// CHECK: cnn.fused_conv %[[B]], {{.*}} residual %[[A]] {post_activation = #cnn.activation<prelu>, post_activation_params = array<f32: 1.000000e-01, 2.000000e-01, 3.000000e-01>}
// CHECK-NOT: cnn.prelu
// CHECK: return
func.func @prelu(%x: tensor<1x3x4x4xf32>, %w: tensor<3x3x1x1xf32>) -> tensor<1x3x4x4xf32> {
  %s = cnn.constant dense<[[[0.1]], [[0.2]], [[0.3]]]> : tensor<3x1x1xf32>
  %s1 = cnn.constant dense<0.25> : tensor<1xf32>
  %0 = cnn.conv %x, %w : (tensor<1x3x4x4xf32>, tensor<3x3x1x1xf32>) -> tensor<1x3x4x4xf32>
  %1 = cnn.prelu %0, %s : (tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xf32>
  %2 = cnn.conv %1, %w : (tensor<1x3x4x4xf32>, tensor<3x3x1x1xf32>) -> tensor<1x3x4x4xf32>
  %3 = cnn.prelu %2, %s1 : (tensor<1x3x4x4xf32>, tensor<1xf32>) -> tensor<1x3x4x4xf32>
  %4 = cnn.conv %3, %w : (tensor<1x3x4x4xf32>, tensor<3x3x1x1xf32>) -> tensor<1x3x4x4xf32>
  %5 = cnn.add %4, %1 : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  %6 = cnn.prelu %5, %s : (tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xf32>
  return %6 : tensor<1x3x4x4xf32>
}

// -----

// A slope that varies along the width ([4] broadcasts to the last
// dimension), one that is not a constant, and a second per-channel PRelu
// after a residual add when the conv's activation already is one: not
// fused.
// CHECK-LABEL: func.func @no_fuse_prelu(
// CHECK: cnn.conv
// CHECK-NEXT: cnn.prelu
// CHECK: cnn.conv
// CHECK-NEXT: cnn.prelu
// CHECK: cnn.fused_conv {{.*}} residual %arg0 {activation = #cnn.activation<prelu>, activation_params = array<f32: 1.000000e-01, 2.000000e-01, 3.000000e-01>}
// CHECK-NEXT: cnn.prelu
// CHECK: return
func.func @no_fuse_prelu(%x: tensor<1x3x4x4xf32>, %w: tensor<3x3x1x1xf32>, %v: tensor<3x1x1xf32>) -> tensor<1x3x4x4xf32> {
  %sw = cnn.constant dense<[0.1, 0.2, 0.3, 0.4]> : tensor<4xf32>
  %s = cnn.constant dense<[[[0.1]], [[0.2]], [[0.3]]]> : tensor<3x1x1xf32>
  %0 = cnn.conv %x, %w : (tensor<1x3x4x4xf32>, tensor<3x3x1x1xf32>) -> tensor<1x3x4x4xf32>
  %1 = cnn.prelu %0, %sw : (tensor<1x3x4x4xf32>, tensor<4xf32>) -> tensor<1x3x4x4xf32>
  %2 = cnn.conv %1, %w : (tensor<1x3x4x4xf32>, tensor<3x3x1x1xf32>) -> tensor<1x3x4x4xf32>
  %3 = cnn.prelu %2, %v : (tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xf32>
  %4 = cnn.conv %3, %w : (tensor<1x3x4x4xf32>, tensor<3x3x1x1xf32>) -> tensor<1x3x4x4xf32>
  %5 = cnn.prelu %4, %s : (tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xf32>
  %6 = cnn.add %5, %x : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  %7 = cnn.prelu %6, %s : (tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xf32>
  return %7 : tensor<1x3x4x4xf32>
}

// -----

// GELU as torch exports it before opset 20 (x * (erf(x / sqrt 2) + 1) * 0.5,
// and with the 0.5 first): a gelu epilogue.
// CHECK-LABEL: func.func @gelu(
// CHECK: %[[A:.*]] = cnn.fused_conv {{.*}} {activation = #cnn.activation<gelu>}
// CHECK: cnn.fused_conv %[[A]], {{.*}} {activation = #cnn.activation<gelu>}
// CHECK-NOT: cnn.erf
// CHECK-NOT: cnn.mul
// CHECK: return
func.func @gelu(%x: tensor<1x3x4x4xf32>, %w: tensor<3x3x1x1xf32>) -> tensor<1x3x4x4xf32> {
  %sqrt2 = cnn.constant dense<1.41421354> : tensor<f32>
  %one = cnn.constant dense<1.0> : tensor<f32>
  %half = cnn.constant dense<0.5> : tensor<f32>
  %0 = cnn.conv %x, %w : (tensor<1x3x4x4xf32>, tensor<3x3x1x1xf32>) -> tensor<1x3x4x4xf32>
  %1 = cnn.div %0, %sqrt2 : (tensor<1x3x4x4xf32>, tensor<f32>) -> tensor<1x3x4x4xf32>
  %2 = cnn.erf %1 : tensor<1x3x4x4xf32>
  %3 = cnn.add %2, %one : (tensor<1x3x4x4xf32>, tensor<f32>) -> tensor<1x3x4x4xf32>
  %4 = cnn.mul %0, %3 : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  %5 = cnn.mul %4, %half : (tensor<1x3x4x4xf32>, tensor<f32>) -> tensor<1x3x4x4xf32>
  %6 = cnn.conv %5, %w : (tensor<1x3x4x4xf32>, tensor<3x3x1x1xf32>) -> tensor<1x3x4x4xf32>
  %7 = cnn.div %6, %sqrt2 : (tensor<1x3x4x4xf32>, tensor<f32>) -> tensor<1x3x4x4xf32>
  %8 = cnn.erf %7 : tensor<1x3x4x4xf32>
  %9 = cnn.add %one, %8 : (tensor<f32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  %10 = cnn.mul %6, %half : (tensor<1x3x4x4xf32>, tensor<f32>) -> tensor<1x3x4x4xf32>
  %11 = cnn.mul %10, %9 : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  return %11 : tensor<1x3x4x4xf32>
}

// -----

// An erf chain that is not GELU (the add is of 2, not 1): not fused.
// CHECK-LABEL: func.func @no_fuse_gelu_like(
// CHECK: cnn.conv
// CHECK: cnn.erf
// CHECK: return
func.func @no_fuse_gelu_like(%x: tensor<1x3x4x4xf32>, %w: tensor<3x3x1x1xf32>) -> tensor<1x3x4x4xf32> {
  %sqrt2 = cnn.constant dense<1.41421354> : tensor<f32>
  %two = cnn.constant dense<2.0> : tensor<f32>
  %half = cnn.constant dense<0.5> : tensor<f32>
  %0 = cnn.conv %x, %w : (tensor<1x3x4x4xf32>, tensor<3x3x1x1xf32>) -> tensor<1x3x4x4xf32>
  %1 = cnn.div %0, %sqrt2 : (tensor<1x3x4x4xf32>, tensor<f32>) -> tensor<1x3x4x4xf32>
  %2 = cnn.erf %1 : tensor<1x3x4x4xf32>
  %3 = cnn.add %2, %two : (tensor<1x3x4x4xf32>, tensor<f32>) -> tensor<1x3x4x4xf32>
  %4 = cnn.mul %0, %3 : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  %5 = cnn.mul %4, %half : (tensor<1x3x4x4xf32>, tensor<f32>) -> tensor<1x3x4x4xf32>
  return %5 : tensor<1x3x4x4xf32>
}
