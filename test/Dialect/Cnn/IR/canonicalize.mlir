// RUN: cnn-opt %s -split-input-file -canonicalize | FileCheck %s

// same_upper: output ceil(224 / 2) = 112, total padding
// (112 - 1) * 2 + 3 - 224 = 1, the odd element at the end.
// CHECK-LABEL: func.func @conv_auto_pad_same_upper(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x224x224xf32>, %[[W:.*]]: tensor<32x3x3x3xf32>)
// CHECK: cnn.conv %[[X]], %[[W]] {pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>} :
func.func @conv_auto_pad_same_upper(%x: tensor<1x3x224x224xf32>, %w: tensor<32x3x3x3xf32>) -> tensor<1x32x112x112xf32> {
  %0 = cnn.conv %x, %w {auto_pad = #cnn.auto_pad<same_upper>, strides = array<i64: 2, 2>} : (tensor<1x3x224x224xf32>, tensor<32x3x3x3xf32>) -> tensor<1x32x112x112xf32>
  return %0 : tensor<1x32x112x112xf32>
}

// -----

// same_lower puts the odd element at the beginning.
// CHECK-LABEL: func.func @conv_auto_pad_same_lower(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x224x224xf32>, %[[W:.*]]: tensor<32x3x3x3xf32>)
// CHECK: cnn.conv %[[X]], %[[W]] {pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 2, 2>} :
func.func @conv_auto_pad_same_lower(%x: tensor<1x3x224x224xf32>, %w: tensor<32x3x3x3xf32>) -> tensor<1x32x112x112xf32> {
  %0 = cnn.conv %x, %w {auto_pad = #cnn.auto_pad<same_lower>, strides = array<i64: 2, 2>} : (tensor<1x3x224x224xf32>, tensor<32x3x3x3xf32>) -> tensor<1x32x112x112xf32>
  return %0 : tensor<1x32x112x112xf32>
}

// -----

// Dilated: effective kernel 5, total padding 55 + 5 - 56 = 4.
// CHECK-LABEL: func.func @conv_auto_pad_same_upper_dilated(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x56x56xf32>, %[[W:.*]]: tensor<64x64x3x3xf32>, %[[B:.*]]: tensor<64xf32>)
// CHECK: cnn.conv %[[X]], %[[W]], %[[B]] {dilations = array<i64: 2, 2>, pads = array<i64: 2, 2, 2, 2>} :
func.func @conv_auto_pad_same_upper_dilated(%x: tensor<1x64x56x56xf32>, %w: tensor<64x64x3x3xf32>, %b: tensor<64xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.conv %x, %w, %b {auto_pad = #cnn.auto_pad<same_upper>, dilations = array<i64: 2, 2>} : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// -----

// Even kernel, 1-D: total padding 99 + 4 - 100 = 3.
// CHECK-LABEL: func.func @conv_1d_auto_pad_same_lower(
// CHECK-SAME: %[[X:.*]]: tensor<1x16x100xf32>, %[[W:.*]]: tensor<32x16x4xf32>)
// CHECK: cnn.conv %[[X]], %[[W]] {pads = array<i64: 2, 1>} :
func.func @conv_1d_auto_pad_same_lower(%x: tensor<1x16x100xf32>, %w: tensor<32x16x4xf32>) -> tensor<1x32x100xf32> {
  %0 = cnn.conv %x, %w {auto_pad = #cnn.auto_pad<same_lower>} : (tensor<1x16x100xf32>, tensor<32x16x4xf32>) -> tensor<1x32x100xf32>
  return %0 : tensor<1x32x100xf32>
}

// -----

// CHECK-LABEL: func.func @conv_auto_pad_valid(
// CHECK-SAME: %[[X:.*]]: tensor<1x1x28x28xf32>, %[[W:.*]]: tensor<6x1x5x5xf32>)
// CHECK: cnn.conv %[[X]], %[[W]] {pads = array<i64: 0, 0, 0, 0>} :
func.func @conv_auto_pad_valid(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf32>) -> tensor<1x6x24x24xf32> {
  %0 = cnn.conv %x, %w {auto_pad = #cnn.auto_pad<valid>} : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<1x6x24x24xf32>
  return %0 : tensor<1x6x24x24xf32>
}

// -----

// The padding depends on the unknown input height: auto_pad stays.
// CHECK-LABEL: func.func @negative_conv_auto_pad_dynamic(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x?x224xf32>, %[[W:.*]]: tensor<32x3x3x3xf32>)
// CHECK: cnn.conv %[[X]], %[[W]] {auto_pad = #cnn.auto_pad<same_upper>, strides = array<i64: 2, 2>} :
func.func @negative_conv_auto_pad_dynamic(%x: tensor<1x3x?x224xf32>, %w: tensor<32x3x3x3xf32>) -> tensor<1x32x?x112xf32> {
  %0 = cnn.conv %x, %w {auto_pad = #cnn.auto_pad<same_upper>, strides = array<i64: 2, 2>} : (tensor<1x3x?x224xf32>, tensor<32x3x3x3xf32>) -> tensor<1x32x?x112xf32>
  return %0 : tensor<1x32x?x112xf32>
}

// -----

// total padding (7 - 1) * 2 + 2 - 13 = 1
// CHECK-LABEL: func.func @max_pool_auto_pad_same_upper(
// CHECK-SAME: %[[X:.*]]: tensor<1x256x13x13xf32>)
// CHECK: cnn.max_pool %[[X]] {kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>} :
func.func @max_pool_auto_pad_same_upper(%x: tensor<1x256x13x13xf32>) -> tensor<1x256x7x7xf32> {
  %0 = cnn.max_pool %x {auto_pad = #cnn.auto_pad<same_upper>, kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x256x13x13xf32>) -> tensor<1x256x7x7xf32>
  return %0 : tensor<1x256x7x7xf32>
}

// -----

// YOLOv3-tiny's stride-1 pool: total padding 12 + 2 - 13 = 1.
// CHECK-LABEL: func.func @max_pool_auto_pad_same_lower(
// CHECK-SAME: %[[X:.*]]: tensor<1x512x13x13xf32>)
// CHECK: cnn.max_pool %[[X]] {kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>} :
func.func @max_pool_auto_pad_same_lower(%x: tensor<1x512x13x13xf32>) -> tensor<1x512x13x13xf32> {
  %0 = cnn.max_pool %x {auto_pad = #cnn.auto_pad<same_lower>, kernel_shape = array<i64: 2, 2>} : (tensor<1x512x13x13xf32>) -> tensor<1x512x13x13xf32>
  return %0 : tensor<1x512x13x13xf32>
}

// -----

// CHECK-LABEL: func.func @max_pool_auto_pad_valid(
// CHECK-SAME: %[[X:.*]]: tensor<1x96x55x55xf32>)
// CHECK: cnn.max_pool %[[X]] {kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} :
func.func @max_pool_auto_pad_valid(%x: tensor<1x96x55x55xf32>) -> tensor<1x96x27x27xf32> {
  %0 = cnn.max_pool %x {auto_pad = #cnn.auto_pad<valid>, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x96x55x55xf32>) -> tensor<1x96x27x27xf32>
  return %0 : tensor<1x96x27x27xf32>
}

// -----

// CHECK-LABEL: func.func @max_pool_with_indices_auto_pad_same_upper(
// CHECK-SAME: %[[X:.*]]: tensor<1x16x13x13xf32>)
// CHECK: %[[V:.*]], %[[I:.*]] = cnn.max_pool %[[X]] {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} :
// CHECK: return %[[V]], %[[I]]
func.func @max_pool_with_indices_auto_pad_same_upper(%x: tensor<1x16x13x13xf32>) -> (tensor<1x16x7x7xf32>, tensor<1x16x7x7xi64>) {
  %0, %1 = cnn.max_pool %x {auto_pad = #cnn.auto_pad<same_upper>, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x16x13x13xf32>) -> (tensor<1x16x7x7xf32>, tensor<1x16x7x7xi64>)
  return %0, %1 : tensor<1x16x7x7xf32>, tensor<1x16x7x7xi64>
}

// -----

// total padding 34 + 3 - 35 = 2
// CHECK-LABEL: func.func @avg_pool_auto_pad_same_upper(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x35x35xf32>)
// CHECK: cnn.avg_pool %[[X]] {count_include_pad = true, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} :
func.func @avg_pool_auto_pad_same_upper(%x: tensor<1x32x35x35xf32>) -> tensor<1x32x35x35xf32> {
  %0 = cnn.avg_pool %x {auto_pad = #cnn.auto_pad<same_upper>, count_include_pad = true, kernel_shape = array<i64: 3, 3>} : (tensor<1x32x35x35xf32>) -> tensor<1x32x35x35xf32>
  return %0 : tensor<1x32x35x35xf32>
}

// -----

// total padding (18 - 1) * 2 + 3 - 35 = 2 in H, (12 - 1) * 3 + 3 - 35 = 1 in W
// CHECK-LABEL: func.func @avg_pool_auto_pad_same_lower(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x35x35xf32>)
// CHECK: cnn.avg_pool %[[X]] {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 0>, strides = array<i64: 2, 3>} :
func.func @avg_pool_auto_pad_same_lower(%x: tensor<1x32x35x35xf32>) -> tensor<1x32x18x12xf32> {
  %0 = cnn.avg_pool %x {auto_pad = #cnn.auto_pad<same_lower>, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 3>} : (tensor<1x32x35x35xf32>) -> tensor<1x32x18x12xf32>
  return %0 : tensor<1x32x18x12xf32>
}

// -----

// CHECK-LABEL: func.func @avg_pool_auto_pad_valid(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x35x35xf32>)
// CHECK: cnn.avg_pool %[[X]] {kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} :
func.func @avg_pool_auto_pad_valid(%x: tensor<1x32x35x35xf32>) -> tensor<1x32x17x17xf32> {
  %0 = cnn.avg_pool %x {auto_pad = #cnn.auto_pad<valid>, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x32x35x35xf32>) -> tensor<1x32x17x17xf32>
  return %0 : tensor<1x32x17x17xf32>
}

// -----

// Full output 2 * (16 - 1) + 3 = 33: total padding 2 in H (split 1, 1) and
// 0 in W.
// CHECK-LABEL: func.func @conv_transpose_output_shape(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x16x16xf32>, %[[W:.*]]: tensor<64x32x3x3xf32>)
// CHECK: cnn.conv_transpose %[[X]], %[[W]] {pads = array<i64: 1, 0, 1, 0>, strides = array<i64: 2, 2>} :
func.func @conv_transpose_output_shape(%x: tensor<1x64x16x16xf32>, %w: tensor<64x32x3x3xf32>) -> tensor<1x32x31x33xf32> {
  %0 = cnn.conv_transpose %x, %w {output_shape = array<i64: 31, 33>, strides = array<i64: 2, 2>} : (tensor<1x64x16x16xf32>, tensor<64x32x3x3xf32>) -> tensor<1x32x31x33xf32>
  return %0 : tensor<1x32x31x33xf32>
}

// -----

// An odd total padding (33 - 32 = 1) goes to the beginning unless same_upper.
// CHECK-LABEL: func.func @conv_transpose_output_shape_odd(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x16x16xf32>, %[[W:.*]]: tensor<64x32x3x3xf32>)
// CHECK: cnn.conv_transpose %[[X]], %[[W]] {pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 2, 2>} :
func.func @conv_transpose_output_shape_odd(%x: tensor<1x64x16x16xf32>, %w: tensor<64x32x3x3xf32>) -> tensor<1x32x32x32xf32> {
  %0 = cnn.conv_transpose %x, %w {output_shape = array<i64: 32, 32>, strides = array<i64: 2, 2>} : (tensor<1x64x16x16xf32>, tensor<64x32x3x3xf32>) -> tensor<1x32x32x32xf32>
  return %0 : tensor<1x32x32x32xf32>
}

// -----

// CHECK-LABEL: func.func @conv_transpose_output_shape_same_upper(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x16x16xf32>, %[[W:.*]]: tensor<64x32x3x3xf32>)
// CHECK: cnn.conv_transpose %[[X]], %[[W]] {pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>} :
func.func @conv_transpose_output_shape_same_upper(%x: tensor<1x64x16x16xf32>, %w: tensor<64x32x3x3xf32>) -> tensor<1x32x32x32xf32> {
  %0 = cnn.conv_transpose %x, %w {auto_pad = #cnn.auto_pad<same_upper>, output_shape = array<i64: 32, 32>, strides = array<i64: 2, 2>} : (tensor<1x64x16x16xf32>, tensor<64x32x3x3xf32>) -> tensor<1x32x32x32xf32>
  return %0 : tensor<1x32x32x32xf32>
}

// -----

// output_padding counts: full output 2 * 15 + 1 + 3 = 34, total padding 2.
// CHECK-LABEL: func.func @conv_transpose_output_shape_output_padding(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x16x16xf32>, %[[W:.*]]: tensor<64x32x3x3xf32>, %[[B:.*]]: tensor<32xf32>)
// CHECK: cnn.conv_transpose %[[X]], %[[W]], %[[B]] {output_padding = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} :
func.func @conv_transpose_output_shape_output_padding(%x: tensor<1x64x16x16xf32>, %w: tensor<64x32x3x3xf32>, %b: tensor<32xf32>) -> tensor<1x32x32x32xf32> {
  %0 = cnn.conv_transpose %x, %w, %b {output_padding = array<i64: 1, 1>, output_shape = array<i64: 32, 32>, strides = array<i64: 2, 2>} : (tensor<1x64x16x16xf32>, tensor<64x32x3x3xf32>, tensor<32xf32>) -> tensor<1x32x32x32xf32>
  return %0 : tensor<1x32x32x32xf32>
}

// -----

// Output 7 * 2 = 14 of a full 2 * 6 + 3 = 15: total padding 1, at the end.
// CHECK-LABEL: func.func @conv_transpose_auto_pad_same_upper(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x7x7xf32>, %[[W:.*]]: tensor<32x16x3x3xf32>)
// CHECK: cnn.conv_transpose %[[X]], %[[W]] {pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>} :
func.func @conv_transpose_auto_pad_same_upper(%x: tensor<1x32x7x7xf32>, %w: tensor<32x16x3x3xf32>) -> tensor<1x16x14x14xf32> {
  %0 = cnn.conv_transpose %x, %w {auto_pad = #cnn.auto_pad<same_upper>, strides = array<i64: 2, 2>} : (tensor<1x32x7x7xf32>, tensor<32x16x3x3xf32>) -> tensor<1x16x14x14xf32>
  return %0 : tensor<1x16x14x14xf32>
}

// -----

// CHECK-LABEL: func.func @conv_transpose_auto_pad_same_lower(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x7x7xf32>, %[[W:.*]]: tensor<32x16x3x3xf32>)
// CHECK: cnn.conv_transpose %[[X]], %[[W]] {pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 2, 2>} :
func.func @conv_transpose_auto_pad_same_lower(%x: tensor<1x32x7x7xf32>, %w: tensor<32x16x3x3xf32>) -> tensor<1x16x14x14xf32> {
  %0 = cnn.conv_transpose %x, %w {auto_pad = #cnn.auto_pad<same_lower>, strides = array<i64: 2, 2>} : (tensor<1x32x7x7xf32>, tensor<32x16x3x3xf32>) -> tensor<1x16x14x14xf32>
  return %0 : tensor<1x16x14x14xf32>
}

// -----

// CHECK-LABEL: func.func @conv_transpose_auto_pad_valid(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x7x7xf32>, %[[W:.*]]: tensor<32x16x3x3xf32>)
// CHECK: cnn.conv_transpose %[[X]], %[[W]] {pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} :
func.func @conv_transpose_auto_pad_valid(%x: tensor<1x32x7x7xf32>, %w: tensor<32x16x3x3xf32>) -> tensor<1x16x15x15xf32> {
  %0 = cnn.conv_transpose %x, %w {auto_pad = #cnn.auto_pad<valid>, strides = array<i64: 2, 2>} : (tensor<1x32x7x7xf32>, tensor<32x16x3x3xf32>) -> tensor<1x16x15x15xf32>
  return %0 : tensor<1x16x15x15xf32>
}

// -----

// CHECK-LABEL: func.func @resize_unit_scales(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x20x20xf32>)
// CHECK-NOT: cnn.resize
// CHECK: return %[[X]]
func.func @resize_unit_scales(%x: tensor<1x64x20x20xf32>) -> tensor<1x64x20x20xf32> {
  %0 = cnn.resize %x {mode = #cnn.resize_mode<linear>, scales = array<f32: 1.0, 1.0, 1.0, 1.0>} : (tensor<1x64x20x20xf32>) -> tensor<1x64x20x20xf32>
  return %0 : tensor<1x64x20x20xf32>
}

// -----

// CHECK-LABEL: func.func @resize_unit_scales_cubic_align_corners(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x20x20xf32>)
// CHECK-NOT: cnn.resize
// CHECK: return %[[X]]
func.func @resize_unit_scales_cubic_align_corners(%x: tensor<1x64x20x20xf32>) -> tensor<1x64x20x20xf32> {
  %0 = cnn.resize %x {coordinate_transformation_mode = #cnn.coord_mode<align_corners>, mode = #cnn.resize_mode<cubic>, scales = array<f32: 1.0, 1.0, 1.0, 1.0>} : (tensor<1x64x20x20xf32>) -> tensor<1x64x20x20xf32>
  return %0 : tensor<1x64x20x20xf32>
}

// -----

// sizes equal to the input shape mean scales of 1.
// CHECK-LABEL: func.func @resize_same_sizes(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x20x20xf32>)
// CHECK-NOT: cnn.resize
// CHECK: return %[[X]]
func.func @resize_same_sizes(%x: tensor<1x64x20x20xf32>) -> tensor<1x64x20x20xf32> {
  %0 = cnn.resize %x {coordinate_transformation_mode = #cnn.coord_mode<asymmetric>, nearest_mode = #cnn.nearest_mode<floor>, sizes = array<i64: 1, 64, 20, 20>} : (tensor<1x64x20x20xf32>) -> tensor<1x64x20x20xf32>
  return %0 : tensor<1x64x20x20xf32>
}

// -----

// A crop of the middle half, upscaled 2x, keeps the shape but not the values.
// CHECK-LABEL: func.func @negative_resize_tf_crop_and_resize(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x32x32xf32>)
// CHECK: %[[R:.*]] = cnn.resize %[[X]]
// CHECK: return %[[R]]
func.func @negative_resize_tf_crop_and_resize(%x: tensor<1x3x32x32xf32>) -> tensor<1x3x32x32xf32> {
  %0 = cnn.resize %x {coordinate_transformation_mode = #cnn.coord_mode<tf_crop_and_resize>, mode = #cnn.resize_mode<linear>, roi = array<f32: 0.0, 0.0, 0.25, 0.25, 1.0, 1.0, 0.75, 0.75>, scales = array<f32: 1.0, 1.0, 2.0, 2.0>} : (tensor<1x3x32x32xf32>) -> tensor<1x3x32x32xf32>
  return %0 : tensor<1x3x32x32xf32>
}

// -----

// floor(5 * 1.1) = 5: same shape, but the sampling grid moves.
// CHECK-LABEL: func.func @negative_resize_scale_not_one(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x5x5xf32>)
// CHECK: %[[R:.*]] = cnn.resize %[[X]]
// CHECK: return %[[R]]
func.func @negative_resize_scale_not_one(%x: tensor<1x3x5x5xf32>) -> tensor<1x3x5x5xf32> {
  %0 = cnn.resize %x {mode = #cnn.resize_mode<linear>, scales = array<f32: 1.0, 1.0, 1.1, 1.1>} : (tensor<1x3x5x5xf32>) -> tensor<1x3x5x5xf32>
  return %0 : tensor<1x3x5x5xf32>
}

// -----

// CHECK-LABEL: func.func @relu_relu(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x56x56xf32>)
// CHECK: %[[R:.*]] = cnn.relu %[[X]]
// CHECK-NOT: cnn.relu
// CHECK: return %[[R]]
func.func @relu_relu(%x: tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.relu %x : tensor<1x64x56x56xf32>
  %1 = cnn.relu %0 : tensor<1x64x56x56xf32>
  return %1 : tensor<1x64x56x56xf32>
}

// -----

// CHECK-LABEL: func.func @neg_neg(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x56x56xf32>)
// CHECK-NOT: cnn.neg
// CHECK: return %[[X]]
func.func @neg_neg(%x: tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.neg %x : tensor<1x64x56x56xf32>
  %1 = cnn.neg %0 : tensor<1x64x56x56xf32>
  return %1 : tensor<1x64x56x56xf32>
}

// -----

// CHECK-LABEL: func.func @neg_neg_neg(
// CHECK-SAME: %[[X:.*]]: tensor<16xf32>)
// CHECK: %[[R:.*]] = cnn.neg %[[X]]
// CHECK-NOT: cnn.neg
// CHECK: return %[[R]]
func.func @neg_neg_neg(%x: tensor<16xf32>) -> tensor<16xf32> {
  %0 = cnn.neg %x : tensor<16xf32>
  %1 = cnn.neg %0 : tensor<16xf32>
  %2 = cnn.neg %1 : tensor<16xf32>
  return %2 : tensor<16xf32>
}

// -----

// CHECK-LABEL: func.func @sum_single(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x56x56xf32>)
// CHECK-NOT: cnn.sum
// CHECK: return %[[X]]
func.func @sum_single(%x: tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.sum %x : (tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// -----

// CHECK-LABEL: func.func @max_single(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x56x56xf32>)
// CHECK-NOT: cnn.max
// CHECK: return %[[X]]
func.func @max_single(%x: tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.max %x : (tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// -----

// CHECK-LABEL: func.func @min_single(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x56x56xf32>)
// CHECK-NOT: cnn.min
// CHECK: return %[[X]]
func.func @min_single(%x: tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.min %x : (tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// -----

// CHECK-LABEL: func.func @mean_single(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x56x56xf32>)
// CHECK-NOT: cnn.mean
// CHECK: return %[[X]]
func.func @mean_single(%x: tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.mean %x : (tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// -----

// CHECK-LABEL: func.func @concat_single(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x56x56xf32>)
// CHECK-NOT: cnn.concat
// CHECK: return %[[X]]
func.func @concat_single(%x: tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.concat %x {axis = 1 : i64} : (tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// -----

// max(x, x) is x, but the folder only handles a single operand.
// CHECK-LABEL: func.func @negative_max_two_operands(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x56x56xf32>, %[[Y:.*]]: tensor<1x64x56x56xf32>)
// CHECK: %[[R:.*]] = cnn.max %[[X]], %[[Y]]
// CHECK: return %[[R]]
func.func @negative_max_two_operands(%x: tensor<1x64x56x56xf32>, %y: tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.max %x, %y : (tensor<1x64x56x56xf32>, tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// -----

// CHECK-LABEL: func.func @slice_identity(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x56x56xf32>)
// CHECK-NOT: cnn.slice
// CHECK: return %[[X]]
func.func @slice_identity(%x: tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.slice %x {axes = array<i64: 2, 3>, ends = array<i64: 9223372036854775807, 56>, starts = array<i64: 0, -56>, steps = array<i64: 1, 1>} : (tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// -----

// Reversing keeps the type but not the value.
// CHECK-LABEL: func.func @negative_slice_reverse(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x224x224xf32>)
// CHECK: %[[R:.*]] = cnn.slice %[[X]]
// CHECK: return %[[R]]
func.func @negative_slice_reverse(%x: tensor<1x3x224x224xf32>) -> tensor<1x3x224x224xf32> {
  %0 = cnn.slice %x {axes = array<i64: 1>, ends = array<i64: -9223372036854775808>, starts = array<i64: -1>, steps = array<i64: -1>} : (tensor<1x3x224x224xf32>) -> tensor<1x3x224x224xf32>
  return %0 : tensor<1x3x224x224xf32>
}

// -----

// CHECK-LABEL: func.func @pad_zero(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x224x224xf32>)
// CHECK-NOT: cnn.pad
// CHECK: return %[[X]]
func.func @pad_zero(%x: tensor<1x3x224x224xf32>) -> tensor<1x3x224x224xf32> {
  %0 = cnn.pad %x {mode = #cnn.pad_mode<reflect>, pads = array<i64: 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<1x3x224x224xf32>) -> tensor<1x3x224x224xf32>
  return %0 : tensor<1x3x224x224xf32>
}

// -----

// One row added at the top and one cropped at the bottom: same type, shifted
// values.
// CHECK-LABEL: func.func @negative_pad_shift(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x8x8xf32>)
// CHECK: %[[R:.*]] = cnn.pad %[[X]]
// CHECK: return %[[R]]
func.func @negative_pad_shift(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32> {
  %0 = cnn.pad %x {pads = array<i64: 0, 0, 1, 0, 0, 0, -1, 0>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_identity(
// CHECK-SAME: %[[X:.*]]: tensor<1x512xf32>)
// CHECK-NOT: cnn.reshape
// CHECK: return %[[X]]
func.func @reshape_identity(%x: tensor<1x512xf32>) -> tensor<1x512xf32> {
  %0 = cnn.reshape %x {shape = array<i64: 0, -1>} : (tensor<1x512xf32>) -> tensor<1x512xf32>
  return %0 : tensor<1x512xf32>
}

// -----

// With a dynamic dimension, equal types do not prove the op keeps the sizes
// (a slice or expand of `?` rows changes them), so identity folds need static
// shapes; these ops stay.
// CHECK-LABEL: func.func @negative_reshape_dynamic_kept(
// CHECK: cnn.reshape
func.func @negative_reshape_dynamic_kept(%x: tensor<?x512xf32>) -> tensor<?x512xf32> {
  %0 = cnn.reshape %x {shape = array<i64: 0, 512>} : (tensor<?x512xf32>) -> tensor<?x512xf32>
  return %0 : tensor<?x512xf32>
}

// -----

// CHECK-LABEL: func.func @negative_slice_dynamic_kept(
// CHECK: cnn.slice
func.func @negative_slice_dynamic_kept(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = cnn.slice %x {axes = array<i64: 0>, ends = array<i64: 3>, starts = array<i64: 1>} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @negative_expand_dynamic_kept(
// CHECK: cnn.expand
func.func @negative_expand_dynamic_kept(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = cnn.expand %x {shape = array<i64: 3, 4>} : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func.func @negative_resize_dynamic_kept(
// CHECK: cnn.resize
func.func @negative_resize_dynamic_kept(%x: tensor<1x3x?x?xf32>) -> tensor<1x3x?x?xf32> {
  %0 = cnn.resize %x {sizes = array<i64: 1, 3, 8, 8>} : (tensor<1x3x?x?xf32>) -> tensor<1x3x?x?xf32>
  return %0 : tensor<1x3x?x?xf32>
}

// -----

// CHECK-LABEL: func.func @flatten_identity(
// CHECK-SAME: %[[X:.*]]: tensor<1x400xf32>)
// CHECK-NOT: cnn.flatten
// CHECK: return %[[X]]
func.func @flatten_identity(%x: tensor<1x400xf32>) -> tensor<1x400xf32> {
  %0 = cnn.flatten %x : (tensor<1x400xf32>) -> tensor<1x400xf32>
  return %0 : tensor<1x400xf32>
}

// -----

// No size-1 dimension to remove.
// CHECK-LABEL: func.func @squeeze_identity(
// CHECK-SAME: %[[X:.*]]: tensor<4x512xf32>)
// CHECK-NOT: cnn.squeeze
// CHECK: return %[[X]]
func.func @squeeze_identity(%x: tensor<4x512xf32>) -> tensor<4x512xf32> {
  %0 = cnn.squeeze %x : (tensor<4x512xf32>) -> tensor<4x512xf32>
  return %0 : tensor<4x512xf32>
}

// -----

// CHECK-LABEL: func.func @expand_identity(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x56x56xf32>)
// CHECK-NOT: cnn.expand
// CHECK: return %[[X]]
func.func @expand_identity(%x: tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.expand %x {shape = array<i64: 1, 64, 1, 56>} : (tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// -----

// CHECK-LABEL: func.func @negative_expand(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x1x1xf32>)
// CHECK: %[[R:.*]] = cnn.expand %[[X]]
// CHECK: return %[[R]]
func.func @negative_expand(%x: tensor<1x64x1x1xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.expand %x {shape = array<i64: 1, 1, 56, 56>} : (tensor<1x64x1x1xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// -----

// CHECK-LABEL: func.func @transpose_identity(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x224x224xf32>)
// CHECK-NOT: cnn.transpose
// CHECK: return %[[X]]
func.func @transpose_identity(%x: tensor<1x3x224x224xf32>) -> tensor<1x3x224x224xf32> {
  %0 = cnn.transpose %x {perm = array<i64: 0, 1, 2, 3>} : (tensor<1x3x224x224xf32>) -> tensor<1x3x224x224xf32>
  return %0 : tensor<1x3x224x224xf32>
}

// -----

// Reversing the dimensions of a rank-1 tensor does nothing.
// CHECK-LABEL: func.func @transpose_identity_default_perm(
// CHECK-SAME: %[[X:.*]]: tensor<64xf32>)
// CHECK-NOT: cnn.transpose
// CHECK: return %[[X]]
func.func @transpose_identity_default_perm(%x: tensor<64xf32>) -> tensor<64xf32> {
  %0 = cnn.transpose %x : (tensor<64xf32>) -> tensor<64xf32>
  return %0 : tensor<64xf32>
}

// -----

// Swapping two dimensions of equal size keeps the type but moves the data.
// CHECK-LABEL: func.func @negative_transpose_same_type(
// CHECK-SAME: %[[X:.*]]: tensor<4x4xf32>)
// CHECK: %[[R:.*]] = cnn.transpose %[[X]]
// CHECK: return %[[R]]
func.func @negative_transpose_same_type(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %0 = cnn.transpose %x {perm = array<i64: 1, 0>} : (tensor<4x4xf32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_reshape(
// CHECK-SAME: %[[X:.*]]: tensor<1x116x28x28xf32>)
// CHECK: %[[R:.*]] = cnn.reshape %[[X]] {allowzero = true, shape = array<i64: 1, 116, 784>} :
// CHECK-NOT: cnn.reshape
// CHECK: return %[[R]]
func.func @reshape_reshape(%x: tensor<1x116x28x28xf32>) -> tensor<1x116x784xf32> {
  %0 = cnn.reshape %x {shape = array<i64: 0, 2, -1, 28, 28>} : (tensor<1x116x28x28xf32>) -> tensor<1x2x58x28x28xf32>
  %1 = cnn.reshape %0 {shape = array<i64: 1, 116, -1>} : (tensor<1x2x58x28x28xf32>) -> tensor<1x116x784xf32>
  return %1 : tensor<1x116x784xf32>
}

// -----

// A zero-size result dimension stays literal: allowzero is set.
// CHECK-LABEL: func.func @reshape_reshape_zero_size(
// CHECK-SAME: %[[X:.*]]: tensor<2x0x3xf32>)
// CHECK: %[[R:.*]] = cnn.reshape %[[X]] {allowzero = true, shape = array<i64: 3, 0>} :
// CHECK-NOT: cnn.reshape
// CHECK: return %[[R]]
func.func @reshape_reshape_zero_size(%x: tensor<2x0x3xf32>) -> tensor<3x0xf32> {
  %0 = cnn.reshape %x {shape = array<i64: 0, 0>, allowzero = true} : (tensor<2x0x3xf32>) -> tensor<0x0xf32>
  %1 = cnn.reshape %0 {shape = array<i64: 3, 0>, allowzero = true} : (tensor<0x0xf32>) -> tensor<3x0xf32>
  return %1 : tensor<3x0xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_reshape_chain_to_identity(
// CHECK-SAME: %[[X:.*]]: tensor<1x512x1x1xf32>)
// CHECK-NOT: cnn.reshape
// CHECK: return %[[X]]
func.func @reshape_reshape_chain_to_identity(%x: tensor<1x512x1x1xf32>) -> tensor<1x512x1x1xf32> {
  %0 = cnn.reshape %x {shape = array<i64: 1, 512>} : (tensor<1x512x1x1xf32>) -> tensor<1x512xf32>
  %1 = cnn.reshape %0 {shape = array<i64: 512>} : (tensor<1x512xf32>) -> tensor<512xf32>
  %2 = cnn.reshape %1 {shape = array<i64: 1, 512, 1, 1>} : (tensor<512xf32>) -> tensor<1x512x1x1xf32>
  return %2 : tensor<1x512x1x1xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_flatten(
// CHECK-SAME: %[[X:.*]]: tensor<1x16x5x5xf32>)
// CHECK: %[[R:.*]] = cnn.reshape %[[X]] {allowzero = true, shape = array<i64: 16, 25>} :
// CHECK-NOT: cnn.flatten
// CHECK: return %[[R]]
func.func @reshape_flatten(%x: tensor<1x16x5x5xf32>) -> tensor<16x25xf32> {
  %0 = cnn.flatten %x : (tensor<1x16x5x5xf32>) -> tensor<1x400xf32>
  %1 = cnn.reshape %0 {shape = array<i64: 16, 25>} : (tensor<1x400xf32>) -> tensor<16x25xf32>
  return %1 : tensor<16x25xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_squeeze(
// CHECK-SAME: %[[X:.*]]: tensor<1x512x1x1xf32>)
// CHECK: %[[R:.*]] = cnn.reshape %[[X]] {allowzero = true, shape = array<i64: 512>} :
// CHECK-NOT: cnn.squeeze
// CHECK: return %[[R]]
func.func @reshape_squeeze(%x: tensor<1x512x1x1xf32>) -> tensor<512xf32> {
  %0 = cnn.squeeze %x {axes = array<i64: 2, 3>} : (tensor<1x512x1x1xf32>) -> tensor<1x512xf32>
  %1 = cnn.reshape %0 {shape = array<i64: -1>} : (tensor<1x512xf32>) -> tensor<512xf32>
  return %1 : tensor<512xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_unsqueeze(
// CHECK-SAME: %[[X:.*]]: tensor<64xf32>)
// CHECK: %[[R:.*]] = cnn.reshape %[[X]] {allowzero = true, shape = array<i64: 8, 8>} :
// CHECK-NOT: cnn.unsqueeze
// CHECK: return %[[R]]
func.func @reshape_unsqueeze(%x: tensor<64xf32>) -> tensor<8x8xf32> {
  %0 = cnn.unsqueeze %x {axes = array<i64: 0>} : (tensor<64xf32>) -> tensor<1x64xf32>
  %1 = cnn.reshape %0 {shape = array<i64: 8, 8>} : (tensor<1x64xf32>) -> tensor<8x8xf32>
  return %1 : tensor<8x8xf32>
}

// -----

// The producer has another use: it stays, the reshape still bypasses it.
// CHECK-LABEL: func.func @reshape_reshape_multi_use(
// CHECK-SAME: %[[X:.*]]: tensor<2x3x4xf32>)
// CHECK: %[[A:.*]] = cnn.reshape %[[X]] {shape = array<i64: 6, 4>} :
// CHECK: %[[B:.*]] = cnn.reshape %[[X]] {allowzero = true, shape = array<i64: 24>} :
// CHECK: return %[[A]], %[[B]]
func.func @reshape_reshape_multi_use(%x: tensor<2x3x4xf32>) -> (tensor<6x4xf32>, tensor<24xf32>) {
  %0 = cnn.reshape %x {shape = array<i64: 6, 4>} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %1 = cnn.reshape %0 {shape = array<i64: -1>} : (tensor<6x4xf32>) -> tensor<24xf32>
  return %0, %1 : tensor<6x4xf32>, tensor<24xf32>
}

// -----

// A transpose is not a reshape.
// CHECK-LABEL: func.func @negative_reshape_transpose(
// CHECK-SAME: %[[X:.*]]: tensor<2x3xf32>)
// CHECK: %[[T:.*]] = cnn.transpose %[[X]]
// CHECK: %[[R:.*]] = cnn.reshape %[[T]]
// CHECK: return %[[R]]
func.func @negative_reshape_transpose(%x: tensor<2x3xf32>) -> tensor<6xf32> {
  %0 = cnn.transpose %x : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %1 = cnn.reshape %0 {shape = array<i64: 6>} : (tensor<3x2xf32>) -> tensor<6xf32>
  return %1 : tensor<6xf32>
}

// -----

// [0, 2, 3, 1] then [0, 3, 1, 2] is the identity.
// CHECK-LABEL: func.func @transpose_transpose_identity(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x224x224xf32>)
// CHECK-NOT: cnn.transpose
// CHECK: return %[[X]]
func.func @transpose_transpose_identity(%x: tensor<1x3x224x224xf32>) -> tensor<1x3x224x224xf32> {
  %0 = cnn.transpose %x {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x3x224x224xf32>) -> tensor<1x224x224x3xf32>
  %1 = cnn.transpose %0 {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x224x224x3xf32>) -> tensor<1x3x224x224xf32>
  return %1 : tensor<1x3x224x224xf32>
}

// -----

// out[i] = in[inner[outer[i]]]: [1, 0, 2] then [0, 2, 1] is [1, 2, 0].
// CHECK-LABEL: func.func @transpose_transpose_compose(
// CHECK-SAME: %[[X:.*]]: tensor<2x3x4xf32>)
// CHECK: %[[R:.*]] = cnn.transpose %[[X]] {perm = array<i64: 1, 2, 0>} :
// CHECK-NOT: cnn.transpose
// CHECK: return %[[R]]
func.func @transpose_transpose_compose(%x: tensor<2x3x4xf32>) -> tensor<3x4x2xf32> {
  %0 = cnn.transpose %x {perm = array<i64: 1, 0, 2>} : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>
  %1 = cnn.transpose %0 {perm = array<i64: 0, 2, 1>} : (tensor<3x2x4xf32>) -> tensor<3x4x2xf32>
  return %1 : tensor<3x4x2xf32>
}

// -----

// Two default (reversing) permutations cancel.
// CHECK-LABEL: func.func @transpose_transpose_default_perm(
// CHECK-SAME: %[[X:.*]]: tensor<2x3x4xf32>)
// CHECK-NOT: cnn.transpose
// CHECK: return %[[X]]
func.func @transpose_transpose_default_perm(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = cnn.transpose %x : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  %1 = cnn.transpose %0 : (tensor<4x3x2xf32>) -> tensor<2x3x4xf32>
  return %1 : tensor<2x3x4xf32>
}

// -----

// Identical constants are merged; unused ones are erased.
// CHECK-LABEL: func.func @constant_dedup()
// CHECK: %[[C:.*]] = cnn.constant dense<1.000000e+00> : tensor<16xf32>
// CHECK-NOT: cnn.constant
// CHECK: return %[[C]], %[[C]]
func.func @constant_dedup() -> (tensor<16xf32>, tensor<16xf32>) {
  %0 = cnn.constant dense<1.000000e+00> : tensor<16xf32>
  %1 = cnn.constant dense<1.000000e+00> : tensor<16xf32>
  %2 = cnn.constant dense<2.000000e+00> : tensor<16xf32>
  return %0, %1 : tensor<16xf32>, tensor<16xf32>
}

// -----

// transpose(transpose(c)) and a single-operand sum fold to the constant itself.
// CHECK-LABEL: func.func @fold_to_constant()
// CHECK: %[[C:.*]] = cnn.constant dense<{{\[}}[1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
// CHECK-NOT: cnn.
// CHECK: return %[[C]]
func.func @fold_to_constant() -> tensor<2x3xf32> {
  %0 = cnn.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %1 = cnn.transpose %0 : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %2 = cnn.transpose %1 : (tensor<3x2xf32>) -> tensor<2x3xf32>
  %3 = cnn.sum %2 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %3 : tensor<2x3xf32>
}

// -----

// Negative total padding from output_shape becomes output_padding.
// CHECK-LABEL: func.func @conv_transpose_output_shape_to_output_padding
// CHECK: cnn.conv_transpose %{{.*}}, %{{.*}} {output_padding = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 3, 2>} : (tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x10x8xf32>
func.func @conv_transpose_output_shape_to_output_padding(%x: tensor<1x1x3x3xf32>, %w: tensor<1x2x3x3xf32>) -> tensor<1x2x10x8xf32> {
  %y = cnn.conv_transpose %x, %w {output_shape = array<i64: 10, 8>, strides = array<i64: 3, 2>} : (tensor<1x1x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x10x8xf32>
  return %y : tensor<1x2x10x8xf32>
}

// -----

// A transposed constant (weights stored [F, C, KW, KH]) folds to a constant:
// [[1, 2, 3], [4, 5, 6]] transposed is [[1, 4], [2, 5], [3, 6]].
// CHECK-LABEL: func.func @transpose_constant(
// CHECK: %[[C:.*]] = cnn.constant dense<{{\[}}[1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
// CHECK-NOT: cnn.transpose
// CHECK: return %[[C]]
func.func @transpose_constant() -> tensor<3x2xf32> {
  %c = cnn.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %t = cnn.transpose %c {perm = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %t : tensor<3x2xf32>
}

// -----

// Of a resource blob (1x2x1x3 -> perm [0, 3, 2, 1]); a splat just changes type.
// CHECK-LABEL: func.func @transpose_resource_and_splat(
// CHECK-DAG: %[[R:.*]] = cnn.constant dense<{{\[}}{{\[}}{{\[}}[1.000000e+00, 4.000000e+00]], {{\[}}[2.000000e+00, 5.000000e+00]], {{\[}}[3.000000e+00, 6.000000e+00]]]]> : tensor<1x3x1x2xf32>
// CHECK-DAG: %[[S:.*]] = cnn.constant dense<2.500000e+00> : tensor<3x2xf32>
// CHECK-NOT: cnn.transpose
// CHECK: return %[[R]], %[[S]]
func.func @transpose_resource_and_splat() -> (tensor<1x3x1x2xf32>, tensor<3x2xf32>) {
  %c = cnn.constant dense_resource<six> : tensor<1x2x1x3xf32>
  %t = cnn.transpose %c {perm = array<i64: 0, 3, 2, 1>} : (tensor<1x2x1x3xf32>) -> tensor<1x3x1x2xf32>
  %s = cnn.constant dense<2.5> : tensor<2x3xf32>
  %u = cnn.transpose %s {perm = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %t, %u : tensor<1x3x1x2xf32>, tensor<3x2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      six: "0x040000000000803F0000004000004040000080400000A0400000C040"
    }
  }
#-}

// -----

// Reshape-like ops of constants are the same data with another type.
// CHECK-LABEL: func.func @reshape_constant(
// CHECK-DAG: cnn.constant dense<{{\[}}[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]]> : tensor<1x4xf32>
// CHECK-DAG: cnn.constant dense<{{\[}}1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32>
// CHECK-NOT: cnn.flatten
// CHECK-NOT: cnn.reshape
func.func @reshape_constant() -> (tensor<1x4xf32>, tensor<4xf32>) {
  %c = cnn.constant dense<[[[1.0, 2.0], [3.0, 4.0]]]> : tensor<1x2x2xf32>
  %f = cnn.flatten %c {axis = 1 : i64} : (tensor<1x2x2xf32>) -> tensor<1x4xf32>
  %r = cnn.reshape %c {shape = array<i64: 4>} : (tensor<1x2x2xf32>) -> tensor<4xf32>
  return %f, %r : tensor<1x4xf32>, tensor<4xf32>
}
