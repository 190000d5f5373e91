// RUN: cnn-opt %s -split-input-file -cnn-decompose-conv-transpose | FileCheck %s

// U-Net's 2x2/2: one tap per phase, so a 1x1 conv with the four phases'
// weights as its output channels (phase (i, j) -> channel i*2 + j), and
// depth_to_space interleaves them. w[0, 0] = [[1, 2], [3, 4]].
// CHECK-LABEL: func.func @two_by_two(
// CHECK-SAME: %[[X:.*]]: tensor<1x1x3x5xf32>
// CHECK-DAG: %[[W:.*]] = cnn.constant dense_resource<conv_transpose_subpixel> : tensor<4x1x1x1xf32>
// CHECK-DAG: %[[B:.*]] = cnn.constant dense_resource<conv_transpose_subpixel_bias> : tensor<4xf32>
// CHECK: %[[C:.*]] = cnn.conv %[[X]], %[[W]], %[[B]] {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x3x5xf32>, tensor<4x1x1x1xf32>, tensor<4xf32>) -> tensor<1x4x3x5xf32>
// CHECK: %[[D:.*]] = cnn.depth_to_space %[[C]] {blocksize = 2 : i64} : (tensor<1x4x3x5xf32>) -> tensor<1x1x6x10xf32>
// CHECK-NOT: cnn.slice
// CHECK-NOT: cnn.conv_transpose
// CHECK: return %[[D]]
// CHECK-DAG: conv_transpose_subpixel: "0x040000000000803F000000400000404000008040"
// CHECK-DAG: conv_transpose_subpixel_bias: "0x040000000000003F0000003F0000003F0000003F"
func.func @two_by_two(%x: tensor<1x1x3x5xf32>) -> tensor<1x1x6x10xf32> {
  %w = cnn.constant dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  %b = cnn.constant dense<0.5> : tensor<1xf32>
  %y = cnn.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>} : (tensor<1x1x3x5xf32>, tensor<1x1x2x2xf32>, tensor<1xf32>) -> tensor<1x1x6x10xf32>
  return %y : tensor<1x1x6x10xf32>
}

// -----

// 3x3/2, pad 1, output_padding 1 (output 2n): two taps per phase at most
// (kernel ceil(3/2) = 2, padded by 1 before and ceil((1 + 8)/2) - 4 = 1
// after), then the pad rows cropped.
// CHECK-LABEL: func.func @three_by_three_output_padding(
// CHECK: %[[C:.*]] = cnn.conv %{{.*}}, %{{.*}}, %{{.*}} {{{.*}}pads = array<i64: 1, 1, 1, 1>{{.*}}} : (tensor<1x2x4x4xf32>, tensor<12x2x2x2xf32>, tensor<12xf32>) -> tensor<1x12x5x5xf32>
// CHECK: %[[D:.*]] = cnn.depth_to_space %[[C]] {{.*}} -> tensor<1x3x10x10xf32>
// CHECK: %[[S:.*]] = cnn.slice %[[D]] {axes = array<i64: 2, 3>, ends = array<i64: 9, 9>, starts = array<i64: 1, 1>} : (tensor<1x3x10x10xf32>) -> tensor<1x3x8x8xf32>
// CHECK: return %[[S]]
func.func @three_by_three_output_padding(%x: tensor<1x2x4x4xf32>) -> tensor<1x3x8x8xf32> {
  %w = cnn.constant dense<0.25> : tensor<2x3x3x3xf32>
  %b = cnn.constant dense<0.5> : tensor<3xf32>
  %y = cnn.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>} : (tensor<1x2x4x4xf32>, tensor<2x3x3x3xf32>, tensor<3xf32>) -> tensor<1x3x8x8xf32>
  return %y : tensor<1x3x8x8xf32>
}

// -----

// Stride 1: a conv with the flipped kernel and pads k - 1 - p, nothing
// cropped, no interleave.
// CHECK-LABEL: func.func @stride_one(
// CHECK: %[[C:.*]] = cnn.conv {{.*}}pads = array<i64: 1, 1, 1, 1>{{.*}} -> tensor<1x3x4x4xf32>
// CHECK-NOT: cnn.slice
// CHECK-NOT: cnn.depth_to_space
// CHECK: return %[[C]]
func.func @stride_one(%x: tensor<1x2x4x4xf32>) -> tensor<1x3x4x4xf32> {
  %w = cnn.constant dense<0.25> : tensor<2x3x3x3xf32>
  %y = cnn.conv_transpose %x, %w {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x2x4x4xf32>, tensor<2x3x3x3xf32>) -> tensor<1x3x4x4xf32>
  return %y : tensor<1x3x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @no_fuse_grouped(
// CHECK: cnn.conv_transpose
func.func @no_fuse_grouped(%x: tensor<1x4x4x4xf32>) -> tensor<1x4x8x8xf32> {
  %w = cnn.constant dense<0.25> : tensor<4x2x2x2xf32>
  %y = cnn.conv_transpose %x, %w {strides = array<i64: 2, 2>, group = 2 : i64} : (tensor<1x4x4x4xf32>, tensor<4x2x2x2xf32>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// -----

// CHECK-LABEL: func.func @no_fuse_dilated(
// CHECK: cnn.conv_transpose
func.func @no_fuse_dilated(%x: tensor<1x2x4x4xf32>) -> tensor<1x3x11x11xf32> {
  %w = cnn.constant dense<0.25> : tensor<2x3x3x3xf32>
  %y = cnn.conv_transpose %x, %w {strides = array<i64: 2, 2>, dilations = array<i64: 2, 2>} : (tensor<1x2x4x4xf32>, tensor<2x3x3x3xf32>) -> tensor<1x3x11x11xf32>
  return %y : tensor<1x3x11x11xf32>
}

// -----

// CHECK-LABEL: func.func @no_fuse_unequal_strides(
// CHECK: cnn.conv_transpose
func.func @no_fuse_unequal_strides(%x: tensor<1x2x4x4xf32>) -> tensor<1x3x8x4xf32> {
  %w = cnn.constant dense<0.25> : tensor<2x3x2x1xf32>
  %y = cnn.conv_transpose %x, %w {strides = array<i64: 2, 1>} : (tensor<1x2x4x4xf32>, tensor<2x3x2x1xf32>) -> tensor<1x3x8x4xf32>
  return %y : tensor<1x3x8x4xf32>
}

// -----

// Weights that are graph inputs would be rearranged at run time: not here.
// CHECK-LABEL: func.func @no_fuse_variable_weights(
// CHECK: cnn.conv_transpose
func.func @no_fuse_variable_weights(%x: tensor<1x2x4x4xf32>, %w: tensor<2x3x2x2xf32>) -> tensor<1x3x8x8xf32> {
  %y = cnn.conv_transpose %x, %w {strides = array<i64: 2, 2>} : (tensor<1x2x4x4xf32>, tensor<2x3x2x2xf32>) -> tensor<1x3x8x8xf32>
  return %y : tensor<1x3x8x8xf32>
}
