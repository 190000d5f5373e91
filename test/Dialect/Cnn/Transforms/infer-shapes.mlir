// RUN: cnn-opt %s -split-input-file -cnn-infer-shapes | FileCheck %s

// Results written with unknown sizes are refined from the operands; the
// function signature follows. Textbook examples first.

// 32x32x3 input, 6 filters 5x5, valid padding: 28x28x6.
// CHECK-LABEL: func.func @lenet_first_layer
// CHECK-SAME: -> tensor<1x6x28x28xf32>
// CHECK: cnn.conv {{.*}} -> tensor<1x6x28x28xf32>
func.func @lenet_first_layer(%x: tensor<1x3x32x32xf32>, %w: tensor<6x3x5x5xf32>) -> tensor<?x?x?x?xf32> {
  %y = cnn.conv %x, %w : (tensor<1x3x32x32xf32>, tensor<6x3x5x5xf32>) -> tensor<?x?x?x?xf32>
  return %y : tensor<?x?x?x?xf32>
}

// -----

// 16x16 input, 3x3 kernel, stride 2, valid: 7x7.
// CHECK-LABEL: func.func @stride_two_valid
// CHECK: cnn.conv {{.*}} -> tensor<1x1x7x7xf32>
func.func @stride_two_valid(%x: tensor<1x1x16x16xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<?x?x?x?xf32> {
  %y = cnn.conv %x, %w {strides = array<i64: 2, 2>} : (tensor<1x1x16x16xf32>, tensor<1x1x3x3xf32>) -> tensor<?x?x?x?xf32>
  return %y : tensor<?x?x?x?xf32>
}

// -----

// 6x6 input, 3x3 kernel, pad 1: 6x6 ("same").
// CHECK-LABEL: func.func @pad_one_keeps_size
// CHECK: cnn.conv {{.*}} -> tensor<1x1x6x6xf32>
// CHECK: cnn.conv {{.*}} -> tensor<1x1x6x6xf32>
func.func @pad_one_keeps_size(%x: tensor<1x1x6x6xf32>, %w: tensor<1x1x3x3xf32>) -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) {
  %y = cnn.conv %x, %w {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x1x6x6xf32>, tensor<1x1x3x3xf32>) -> tensor<?x?x?x?xf32>
  %z = cnn.conv %x, %w {auto_pad = #cnn.auto_pad<same_upper>} : (tensor<1x1x6x6xf32>, tensor<1x1x3x3xf32>) -> tensor<?x?x?x?xf32>
  return %y, %z : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
}

// -----

// Transposed conv of a (4, 10, 8, 128) NHWC input (here NCHW 4x128x10x8) with
// 32 filters 3x3, stride 2: spatial (10-1)*2+3 = 21 by (8-1)*2+3 = 17.
// CHECK-LABEL: func.func @transposed_conv_stride_two
// CHECK: cnn.conv_transpose {{.*}} -> tensor<4x32x21x17xf32>
func.func @transposed_conv_stride_two(%x: tensor<4x128x10x8xf32>, %w: tensor<128x32x3x3xf32>) -> tensor<?x?x?x?xf32> {
  %y = cnn.conv_transpose %x, %w {strides = array<i64: 2, 2>} : (tensor<4x128x10x8xf32>, tensor<128x32x3x3xf32>) -> tensor<?x?x?x?xf32>
  return %y : tensor<?x?x?x?xf32>
}

// -----

// Max pool 2x2 (stride 2) of a 4x4 map: 2x2.
// CHECK-LABEL: func.func @max_pool_four_to_two
// CHECK: cnn.max_pool {{.*}} -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>)
func.func @max_pool_four_to_two(%x: tensor<1x1x4x4xf32>) -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xi64>) {
  %v, %i = cnn.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x1x4x4xf32>) -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xi64>)
  return %v, %i : tensor<?x?x?x?xf32>, tensor<?x?x?x?xi64>
}

// -----

// VGG-16: 3x3/pad-1 convs keep the size, each 2x2/2 max pool halves it:
// 224 -> 112 -> 56 -> 28 -> 14 -> 7.
// CHECK-LABEL: func.func @vgg16_blocks
// CHECK-SAME: -> tensor<1x512x7x7xf32>
// CHECK: cnn.conv {{.*}} -> tensor<1x64x224x224xf32>
// CHECK: cnn.max_pool {{.*}} -> tensor<1x64x112x112xf32>
// CHECK: cnn.conv {{.*}} -> tensor<1x128x112x112xf32>
// CHECK: cnn.max_pool {{.*}} -> tensor<1x128x56x56xf32>
// CHECK: cnn.conv {{.*}} -> tensor<1x256x56x56xf32>
// CHECK: cnn.max_pool {{.*}} -> tensor<1x256x28x28xf32>
// CHECK: cnn.conv {{.*}} -> tensor<1x512x28x28xf32>
// CHECK: cnn.max_pool {{.*}} -> tensor<1x512x14x14xf32>
// CHECK: cnn.conv {{.*}} -> tensor<1x512x14x14xf32>
// CHECK: cnn.max_pool {{.*}} -> tensor<1x512x7x7xf32>
func.func @vgg16_blocks(%x: tensor<1x3x224x224xf32>, %w1: tensor<64x3x3x3xf32>, %w2: tensor<128x64x3x3xf32>, %w3: tensor<256x128x3x3xf32>, %w4: tensor<512x256x3x3xf32>, %w5: tensor<512x512x3x3xf32>) -> tensor<?x?x?x?xf32> {
  %c1 = cnn.conv %x, %w1 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x224x224xf32>, tensor<64x3x3x3xf32>) -> tensor<?x?x?x?xf32>
  %p1 = cnn.max_pool %c1 {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>
  %c2 = cnn.conv %p1, %w2 {pads = array<i64: 1, 1, 1, 1>} : (tensor<?x?x?x?xf32>, tensor<128x64x3x3xf32>) -> tensor<?x?x?x?xf32>
  %p2 = cnn.max_pool %c2 {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>
  %c3 = cnn.conv %p2, %w3 {pads = array<i64: 1, 1, 1, 1>} : (tensor<?x?x?x?xf32>, tensor<256x128x3x3xf32>) -> tensor<?x?x?x?xf32>
  %p3 = cnn.max_pool %c3 {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>
  %c4 = cnn.conv %p3, %w4 {pads = array<i64: 1, 1, 1, 1>} : (tensor<?x?x?x?xf32>, tensor<512x256x3x3xf32>) -> tensor<?x?x?x?xf32>
  %p4 = cnn.max_pool %c4 {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>
  %c5 = cnn.conv %p4, %w5 {pads = array<i64: 1, 1, 1, 1>} : (tensor<?x?x?x?xf32>, tensor<512x512x3x3xf32>) -> tensor<?x?x?x?xf32>
  %p5 = cnn.max_pool %c5 {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>
  return %p5 : tensor<?x?x?x?xf32>
}

// -----

// ceil_mode: a 6x6 map pooled 3x3/2 gives floor(3/2)+1 = 2 without, 3 with
// ceil_mode. Padded to 7 with 2x2/2 windows, ceil gives 4, but the last
// window would start in the end padding and is dropped: 3.
// CHECK-LABEL: func.func @ceil_mode
// CHECK: cnn.avg_pool {{.*}} -> tensor<1x1x2x2xf32>
// CHECK: cnn.avg_pool {{.*}} -> tensor<1x1x3x3xf32>
// CHECK: cnn.max_pool {{.*}} -> tensor<1x1x3x3xf32>
func.func @ceil_mode(%x: tensor<1x1x6x6xf32>) -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) {
  %a = cnn.avg_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x1x6x6xf32>) -> tensor<?x?x?x?xf32>
  %b = cnn.avg_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, ceil_mode = true} : (tensor<1x1x6x6xf32>) -> tensor<?x?x?x?xf32>
  %c = cnn.max_pool %x {kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>, ceil_mode = true} : (tensor<1x1x6x6xf32>) -> tensor<?x?x?x?xf32>
  return %a, %b, %c : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
}

// -----

// Sizes flow through a ResNet-style stem, residual add and classifier head.
// CHECK-LABEL: func.func @resnet_stem_and_head
// CHECK-SAME: -> tensor<1x10xf32>
// CHECK: cnn.conv {{.*}} -> tensor<1x64x112x112xf32>
// CHECK: cnn.max_pool {{.*}} -> tensor<1x64x56x56xf32>
// CHECK: cnn.add {{.*}} -> tensor<1x64x56x56xf32>
// CHECK: cnn.global_avg_pool {{.*}} -> tensor<1x64x1x1xf32>
// CHECK: cnn.flatten {{.*}} -> tensor<1x64xf32>
// CHECK: cnn.gemm {{.*}} -> tensor<1x10xf32>
// CHECK: cnn.softmax {{.*}} -> tensor<1x10xf32>
func.func @resnet_stem_and_head(%x: tensor<1x3x224x224xf32>, %w: tensor<64x3x7x7xf32>, %fc: tensor<10x64xf32>, %b: tensor<10xf32>) -> tensor<?x?xf32> {
  %c = cnn.conv %x, %w {pads = array<i64: 3, 3, 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>) -> tensor<?x?x?x?xf32>
  %p = cnn.max_pool %c {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>
  %r = cnn.add %p, %p : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>
  %g = cnn.global_avg_pool %r : (tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>
  %f = cnn.flatten %g : (tensor<?x?x?x?xf32>) -> tensor<?x?xf32>
  %d = cnn.gemm %f, %fc, %b {trans_b = true} : (tensor<?x?xf32>, tensor<10x64xf32>, tensor<10xf32>) -> tensor<?x?xf32>
  %s = cnn.softmax %d : (tensor<?x?xf32>) -> tensor<?x?xf32>
  return %s : tensor<?x?xf32>
}

// -----

// A U-Net step: transposed conv upsampling concatenated with the skip.
// CHECK-LABEL: func.func @unet_up_step
// CHECK: cnn.conv_transpose {{.*}} -> tensor<1x64x32x32xf32>
// CHECK: cnn.concat {{.*}} -> tensor<1x128x32x32xf32>
// CHECK: cnn.resize {{.*}} -> tensor<1x128x64x64xf32>
func.func @unet_up_step(%x: tensor<1x128x16x16xf32>, %w: tensor<128x64x2x2xf32>, %skip: tensor<1x64x32x32xf32>) -> tensor<?x?x?x?xf32> {
  %u = cnn.conv_transpose %x, %w {strides = array<i64: 2, 2>} : (tensor<1x128x16x16xf32>, tensor<128x64x2x2xf32>) -> tensor<?x?x?x?xf32>
  %c = cnn.concat %u, %skip {axis = 1 : i64} : (tensor<?x?x?x?xf32>, tensor<1x64x32x32xf32>) -> tensor<?x?x?x?xf32>
  %r = cnn.resize %c {mode = #cnn.resize_mode<linear>, scales = array<f32: 1.0, 1.0, 2.0, 2.0>} : (tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>
  return %r : tensor<?x?x?x?xf32>
}

// -----

// Dimensions the rules cannot determine keep what the declared type knew.
// CHECK-LABEL: func.func @keeps_known_dims
// CHECK: cnn.conv {{.*}} -> tensor<?x8x30x30xf32>
func.func @keeps_known_dims(%x: tensor<?x3x32x32xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<?x?x?x?xf32> {
  %y = cnn.conv %x, %w : (tensor<?x3x32x32xf32>, tensor<8x3x3x3xf32>) -> tensor<?x?x?x?xf32>
  return %y : tensor<?x?x?x?xf32>
}

// -----

// A function with callers keeps its signature: the refined value is cast back.
// CHECK-LABEL: func.func private @callee
// CHECK-SAME: -> tensor<?x?xf32>
// CHECK: %[[R:.*]] = cnn.relu %{{.*}} : tensor<2x3xf32>
// CHECK: %[[T:.*]] = cnn.transpose %[[R]] : (tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK: %[[C:.*]] = tensor.cast %[[T]] : tensor<3x2xf32> to tensor<?x?xf32>
// CHECK: return %[[C]]
func.func private @callee(%x: tensor<2x3xf32>) -> tensor<?x?xf32> {
  %r = cnn.relu %x : tensor<2x3xf32>
  %t = cnn.transpose %r : (tensor<2x3xf32>) -> tensor<?x?xf32>
  return %t : tensor<?x?xf32>
}
func.func @caller(%x: tensor<2x3xf32>) -> tensor<?x?xf32> {
  %y = call @callee(%x) : (tensor<2x3xf32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

// A step beyond the dimension selects one element (also for INT64_MIN).
// CHECK-LABEL: func.func @slice_huge_negative_step
// CHECK: cnn.slice {{.*}} -> tensor<1x1xf32>
func.func @slice_huge_negative_step(%x: tensor<1x8xf32>) -> tensor<?x?xf32> {
  %y = cnn.slice %x {starts = array<i64: 7>, ends = array<i64: -100>, axes = array<i64: 1>, steps = array<i64: -9223372036854775808>} : (tensor<1x8xf32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

// ONNX allows an output_shape beyond the full transposed convolution
// (negative total padding): 3x3 input, stride 3x2, kernel 3 gives 9x7 in
// full; output_shape 10x8 adds one row and column, as output_padding would.
// CHECK-LABEL: func.func @conv_transpose_output_shape_beyond_full
// CHECK: cnn.conv_transpose {{.*}} -> tensor<1x2x10x8xf32>
func.func @conv_transpose_output_shape_beyond_full(%x: tensor<1x1x3x3xf32>, %w: tensor<1x2x3x3xf32>) -> tensor<?x?x?x?xf32> {
  %y = cnn.conv_transpose %x, %w {output_shape = array<i64: 10, 8>, strides = array<i64: 3, 2>} : (tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<?x?x?x?xf32>
  return %y : tensor<?x?x?x?xf32>
}
