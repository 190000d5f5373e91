// RUN: cnn-opt %s -split-input-file -verify-diagnostics

// Verifier errors of the cnn dialect: one case per diagnostic of the shape
// rules (CnnOps.cpp, CnnShapeInference.cpp) and a few ODS constraints.

//===----------------------------------------------------------------------===//
// ODS constraints
//===----------------------------------------------------------------------===//

func.func @negative_conv_integer_input(%x: tensor<1x3x32x32xi32>, %w: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 16-bit float}}
  %0 = cnn.conv %x, %w : (tensor<1x3x32x32xi32>, tensor<16x3x3x3xf32>) -> tensor<1x16x30x30xf32>
  return
}

// -----

func.func @negative_relu_integer_tensor(%x: tensor<1x16x8x8xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of 16-bit float}}
  %0 = cnn.relu %x : tensor<1x16x8x8xi32>
  return
}

// -----

func.func @negative_max_pool_missing_kernel_shape(%x: tensor<1x16x32x32xf32>) {
  // expected-error @+1 {{requires attribute 'kernel_shape'}}
  %0 = cnn.max_pool %x : (tensor<1x16x32x32xf32>) -> tensor<1x16x31x31xf32>
  return
}

// -----

func.func @negative_concat_missing_axis(%a: tensor<1x16x8x8xf32>, %b: tensor<1x32x8x8xf32>) {
  // expected-error @+1 {{requires attribute 'axis'}}
  %0 = cnn.concat %a, %b : (tensor<1x16x8x8xf32>, tensor<1x32x8x8xf32>) -> tensor<1x48x8x8xf32>
  return
}

// -----

func.func @negative_max_pool_i32_indices(%x: tensor<1x16x32x32xf32>) {
  // expected-error @+1 {{result #1 must be ranked tensor of 64-bit signless integer}}
  %0, %1 = cnn.max_pool %x {kernel_shape = array<i64: 2, 2>} : (tensor<1x16x32x32xf32>) -> (tensor<1x16x31x31xf32>, tensor<1x16x31x31xi32>)
  return
}

// -----

//===----------------------------------------------------------------------===//
// Inferred result types
//===----------------------------------------------------------------------===//

func.func @negative_conv_result_shape(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{but the shape rules give 'tensor<1x16x32x32xf32>'}}
  %0 = cnn.conv %x, %w {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x30x30xf32>
  return
}

// -----

func.func @negative_split_result_count(%x: tensor<1x6x4x4xf32>) {
  // expected-error @+1 {{has 1 results, expected 2}}
  %0 = cnn.split %x {axis = 1 : i64, split = array<i64: 2, 4>} : (tensor<1x6x4x4xf32>) -> tensor<1x2x4x4xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// cnn.constant
//===----------------------------------------------------------------------===//

func.func @negative_constant_vector_value() {
  // expected-error @+1 {{value must be a ranked tensor}}
  %0 = cnn.constant dense<1.0> : vector<4xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// cnn.conv
//===----------------------------------------------------------------------===//

func.func @negative_conv_input_rank(%x: tensor<3x32xf32>, %w: tensor<16x3xf32>) {
  // expected-error @+1 {{expects input of rank >= 3}}
  %0 = cnn.conv %x, %w : (tensor<3x32xf32>, tensor<16x3xf32>) -> tensor<?x?xf32>
  return
}

// -----

func.func @negative_conv_weight_rank(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3xf32>) {
  // expected-error @+1 {{expects weight of rank 4}}
  %0 = cnn.conv %x, %w : (tensor<1x3x32x32xf32>, tensor<16x3x3xf32>) -> tensor<1x16x30x30xf32>
  return
}

// -----

func.func @negative_conv_weight_element_type(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3x3xf16>) {
  // expected-error @+1 {{weight element type 'f16' differs from 'f32'}}
  %0 = cnn.conv %x, %w : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf16>) -> tensor<1x16x30x30xf32>
  return
}

// -----

func.func @negative_conv_group_zero(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{group must be positive, got 0}}
  %0 = cnn.conv %x, %w {group = 0 : i64} : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x30x30xf32>
  return
}

// -----

func.func @negative_conv_input_channels_not_divisible(%x: tensor<1x3x32x32xf32>, %w: tensor<16x1x3x3xf32>) {
  // expected-error @+1 {{input channels (3) must be divisible by group (2)}}
  %0 = cnn.conv %x, %w {group = 2 : i64} : (tensor<1x3x32x32xf32>, tensor<16x1x3x3xf32>) -> tensor<1x16x30x30xf32>
  return
}

// -----

func.func @negative_conv_output_channels_not_divisible(%x: tensor<1x8x16x16xf32>, %w: tensor<6x2x3x3xf32>) {
  // expected-error @+1 {{output channels (6) must be divisible by group (4)}}
  %0 = cnn.conv %x, %w {group = 4 : i64} : (tensor<1x8x16x16xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x14x14xf32>
  return
}

// -----

func.func @negative_conv_depthwise_channels_per_group(%x: tensor<1x32x16x16xf32>, %w: tensor<32x2x3x3xf32>) {
  // expected-error @+1 {{weight expects 2 input channels per group, but the input has 32 channels}}
  %0 = cnn.conv %x, %w {group = 32 : i64} : (tensor<1x32x16x16xf32>, tensor<32x2x3x3xf32>) -> tensor<1x32x14x14xf32>
  return
}

// -----

func.func @negative_conv_bias_rank(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3x3xf32>, %b: tensor<1x16xf32>) {
  // expected-error @+1 {{expects bias of rank 1}}
  %0 = cnn.conv %x, %w, %b : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>, tensor<1x16xf32>) -> tensor<1x16x30x30xf32>
  return
}

// -----

func.func @negative_conv_bias_size(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3x3xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{bias has 8 elements, expected 16}}
  %0 = cnn.conv %x, %w, %b : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>, tensor<8xf32>) -> tensor<1x16x30x30xf32>
  return
}

// -----

func.func @negative_conv_strides_count(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{expects 2 strides values}}
  %0 = cnn.conv %x, %w {strides = array<i64: 2>} : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x15x15xf32>
  return
}

// -----

func.func @negative_conv_dilations_count(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{expects 2 dilations values}}
  %0 = cnn.conv %x, %w {dilations = array<i64: 1, 1, 1>} : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x30x30xf32>
  return
}

// -----

func.func @negative_conv_pads_count(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{expects 4 pads values}}
  %0 = cnn.conv %x, %w {pads = array<i64: 1, 1>} : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x32x32xf32>
  return
}

// -----

func.func @negative_conv_zero_stride(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{strides must be positive, got 0}}
  %0 = cnn.conv %x, %w {strides = array<i64: 0, 1>} : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x30x30xf32>
  return
}

// -----

func.func @negative_conv_zero_dilation(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{dilations must be positive, got 0}}
  %0 = cnn.conv %x, %w {dilations = array<i64: 1, 0>} : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x30x30xf32>
  return
}

// -----

func.func @negative_conv_negative_pads(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{pads must be non-negative, got -1}}
  %0 = cnn.conv %x, %w {pads = array<i64: 1, 1, -1, 1>} : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x31x32xf32>
  return
}

// -----

func.func @negative_conv_dynamic_kernel(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x?x3xf32>) {
  // expected-error @+1 {{weight must have static kernel sizes}}
  %0 = cnn.conv %x, %w : (tensor<1x3x32x32xf32>, tensor<16x3x?x3xf32>) -> tensor<1x16x?x30xf32>
  return
}

// -----

func.func @negative_conv_zero_kernel(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x0x3xf32>) {
  // expected-error @+1 {{kernel size must be positive, got 0}}
  %0 = cnn.conv %x, %w : (tensor<1x3x32x32xf32>, tensor<16x3x0x3xf32>) -> tensor<1x16x?x30xf32>
  return
}

// -----

func.func @negative_conv_kernel_larger_than_input(%x: tensor<1x3x4x4xf32>, %w: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{kernel of effective size 5 is larger than the padded input (4)}}
  %0 = cnn.conv %x, %w {dilations = array<i64: 2, 2>} : (tensor<1x3x4x4xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x?x?xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// cnn.conv_transpose
//===----------------------------------------------------------------------===//

func.func @negative_conv_transpose_negative_group(%x: tensor<1x16x8x8xf32>, %w: tensor<16x8x3x3xf32>) {
  // expected-error @+1 {{group must be positive, got -1}}
  %0 = cnn.conv_transpose %x, %w {group = -1 : i64} : (tensor<1x16x8x8xf32>, tensor<16x8x3x3xf32>) -> tensor<1x8x10x10xf32>
  return
}

// -----

func.func @negative_conv_transpose_weight_channels(%x: tensor<1x16x8x8xf32>, %w: tensor<32x8x3x3xf32>) {
  // expected-error @+1 {{weight expects 32 input channels (dimension 0)}}
  %0 = cnn.conv_transpose %x, %w : (tensor<1x16x8x8xf32>, tensor<32x8x3x3xf32>) -> tensor<1x8x10x10xf32>
  return
}

// -----

func.func @negative_conv_transpose_input_channels_not_divisible(%x: tensor<1x16x8x8xf32>, %w: tensor<16x4x3x3xf32>) {
  // expected-error @+1 {{input channels (16) must be divisible by group (3)}}
  %0 = cnn.conv_transpose %x, %w {group = 3 : i64} : (tensor<1x16x8x8xf32>, tensor<16x4x3x3xf32>) -> tensor<1x12x10x10xf32>
  return
}

// -----

func.func @negative_conv_transpose_bias_size(%x: tensor<1x16x8x8xf32>, %w: tensor<16x4x3x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{bias has 4 elements, expected 8}}
  %0 = cnn.conv_transpose %x, %w, %b {group = 2 : i64} : (tensor<1x16x8x8xf32>, tensor<16x4x3x3xf32>, tensor<4xf32>) -> tensor<1x8x10x10xf32>
  return
}

// -----

func.func @negative_conv_transpose_negative_pads(%x: tensor<1x16x8x8xf32>, %w: tensor<16x8x3x3xf32>) {
  // expected-error @+1 {{pads must be non-negative, got -1}}
  %0 = cnn.conv_transpose %x, %w {pads = array<i64: -1, 0, -1, 0>} : (tensor<1x16x8x8xf32>, tensor<16x8x3x3xf32>) -> tensor<1x8x12x10xf32>
  return
}

// -----

func.func @negative_conv_transpose_dynamic_kernel(%x: tensor<1x16x8x8xf32>, %w: tensor<16x8x3x?xf32>) {
  // expected-error @+1 {{weight must have static kernel sizes}}
  %0 = cnn.conv_transpose %x, %w : (tensor<1x16x8x8xf32>, tensor<16x8x3x?xf32>) -> tensor<1x8x10x?xf32>
  return
}

// -----

func.func @negative_conv_transpose_output_padding_count(%x: tensor<1x16x8x8xf32>, %w: tensor<16x8x3x3xf32>) {
  // expected-error @+1 {{expects 2 output_padding values}}
  %0 = cnn.conv_transpose %x, %w {output_padding = array<i64: 1>, strides = array<i64: 2, 2>} : (tensor<1x16x8x8xf32>, tensor<16x8x3x3xf32>) -> tensor<1x8x18x18xf32>
  return
}

// -----

func.func @negative_conv_transpose_output_padding_negative(%x: tensor<1x16x8x8xf32>, %w: tensor<16x8x3x3xf32>) {
  // expected-error @+1 {{output_padding must be non-negative, got -1 in spatial dimension 1}}
  %0 = cnn.conv_transpose %x, %w {output_padding = array<i64: 1, -1>, strides = array<i64: 2, 2>} : (tensor<1x16x8x8xf32>, tensor<16x8x3x3xf32>) -> tensor<1x8x18x16xf32>
  return
}

// -----

func.func @negative_conv_transpose_output_shape_count(%x: tensor<1x16x8x8xf32>, %w: tensor<16x8x3x3xf32>) {
  // expected-error @+1 {{expects 2 output_shape values}}
  %0 = cnn.conv_transpose %x, %w {output_shape = array<i64: 16>, strides = array<i64: 2, 2>} : (tensor<1x16x8x8xf32>, tensor<16x8x3x3xf32>) -> tensor<1x8x16x16xf32>
  return
}

// -----

// An output_shape beyond the full transposed convolution is allowed (ONNX:
// negative total padding), but the result must have that size.
func.func @negative_conv_transpose_output_shape_result(%x: tensor<1x16x8x8xf32>, %w: tensor<16x8x3x3xf32>) {
  // expected-error @+1 {{result 0 has type 'tensor<1x8x17x17xf32>', but the shape rules give 'tensor<1x8x18x18xf32>'}}
  %0 = cnn.conv_transpose %x, %w {output_shape = array<i64: 18, 18>, strides = array<i64: 2, 2>} : (tensor<1x16x8x8xf32>, tensor<16x8x3x3xf32>) -> tensor<1x8x17x17xf32>
  return
}

// -----

func.func @negative_conv_transpose_pads_leave_no_output(%x: tensor<1x16x2x2xf32>, %w: tensor<16x8x3x3xf32>) {
  // expected-error @+1 {{pads (2, 2) leave no output in spatial dimension 0}}
  %0 = cnn.conv_transpose %x, %w {pads = array<i64: 2, 2, 2, 2>} : (tensor<1x16x2x2xf32>, tensor<16x8x3x3xf32>) -> tensor<1x8x?x?xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// cnn.max_pool
//===----------------------------------------------------------------------===//

func.func @negative_max_pool_input_rank(%x: tensor<16x32xf32>) {
  // expected-error @+1 {{expects input of rank >= 3}}
  %0 = cnn.max_pool %x {kernel_shape = array<i64: 2>} : (tensor<16x32xf32>) -> tensor<16x31xf32>
  return
}

// -----

func.func @negative_max_pool_kernel_shape_count(%x: tensor<1x16x32x32xf32>) {
  // expected-error @+1 {{expects 2 kernel_shape values}}
  %0 = cnn.max_pool %x {kernel_shape = array<i64: 2>} : (tensor<1x16x32x32xf32>) -> tensor<1x16x31x31xf32>
  return
}

// -----

func.func @negative_max_pool_zero_stride(%x: tensor<1x16x32x32xf32>) {
  // expected-error @+1 {{strides must be positive, got 0}}
  %0 = cnn.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 0>} : (tensor<1x16x32x32xf32>) -> tensor<1x16x16x16xf32>
  return
}

// -----

func.func @negative_max_pool_negative_pads(%x: tensor<1x16x32x32xf32>) {
  // expected-error @+1 {{pads must be non-negative, got -1}}
  %0 = cnn.max_pool %x {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, -1, 1, 1>} : (tensor<1x16x32x32xf32>) -> tensor<1x16x32x31xf32>
  return
}

// -----

func.func @negative_max_pool_zero_kernel(%x: tensor<1x16x32x32xf32>) {
  // expected-error @+1 {{kernel size must be positive, got 0}}
  %0 = cnn.max_pool %x {kernel_shape = array<i64: 0, 2>} : (tensor<1x16x32x32xf32>) -> tensor<1x16x33x31xf32>
  return
}

// -----

func.func @negative_max_pool_pads_not_smaller_than_kernel(%x: tensor<1x16x32x32xf32>) {
  // expected-error @+1 {{pads (1, 2) must be smaller than the kernel (2)}}
  %0 = cnn.max_pool %x {kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1, 2, 1>} : (tensor<1x16x32x32xf32>) -> tensor<1x16x34x33xf32>
  return
}

// -----

func.func @negative_max_pool_kernel_larger_than_input(%x: tensor<1x16x2x2xf32>) {
  // expected-error @+1 {{kernel of effective size 3 is larger than the padded input (2)}}
  %0 = cnn.max_pool %x {kernel_shape = array<i64: 3, 3>} : (tensor<1x16x2x2xf32>) -> tensor<1x16x1x1xf32>
  return
}

// -----

func.func @negative_max_pool_storage_order(%x: tensor<1x16x32x32xf32>) {
  // expected-error @+1 {{storage_order must be 0 (row major) or 1 (column major)}}
  %0, %1 = cnn.max_pool %x {kernel_shape = array<i64: 2, 2>, storage_order = 2 : i64} : (tensor<1x16x32x32xf32>) -> (tensor<1x16x31x31xf32>, tensor<1x16x31x31xi64>)
  return
}

// -----

func.func @negative_max_pool_result_shape(%x: tensor<1x16x32x32xf32>) {
  // expected-error @+1 {{result 0 has type 'tensor<1x16x32x32xf32>', but the shape rules give 'tensor<1x16x16x16xf32>'}}
  %0 = cnn.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x16x32x32xf32>) -> tensor<1x16x32x32xf32>
  return
}

// -----

func.func @negative_max_pool_indices_shape(%x: tensor<1x16x32x32xf32>) {
  // expected-error @+1 {{result 1 has type 'tensor<1x16x32x32xi64>', but the shape rules give 'tensor<1x16x16x16xi64>'}}
  %0, %1 = cnn.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x16x32x32xf32>) -> (tensor<1x16x16x16xf32>, tensor<1x16x32x32xi64>)
  return
}

// -----

//===----------------------------------------------------------------------===//
// cnn.avg_pool
//===----------------------------------------------------------------------===//

func.func @negative_avg_pool_kernel_shape_count(%x: tensor<1x16x32x32xf32>) {
  // expected-error @+1 {{expects 2 kernel_shape values}}
  %0 = cnn.avg_pool %x {kernel_shape = array<i64: 3, 3, 3>} : (tensor<1x16x32x32xf32>) -> tensor<1x16x30x30xf32>
  return
}

// -----

func.func @negative_avg_pool_dilations_count(%x: tensor<1x16x32x32xf32>) {
  // expected-error @+1 {{expects 2 dilations values}}
  %0 = cnn.avg_pool %x {kernel_shape = array<i64: 3, 3>, dilations = array<i64: 2>} : (tensor<1x16x32x32xf32>) -> tensor<1x16x28x28xf32>
  return
}

// -----

func.func @negative_avg_pool_negative_pads(%x: tensor<1x16x32x32xf32>) {
  // expected-error @+1 {{pads must be non-negative, got -2}}
  %0 = cnn.avg_pool %x {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, -2>} : (tensor<1x16x32x32xf32>) -> tensor<1x16x32x29xf32>
  return
}

// -----

func.func @negative_avg_pool_pads_not_smaller_than_kernel(%x: tensor<1x16x32x32xf32>) {
  // expected-error @+1 {{pads (3, 3) must be smaller than the kernel (3)}}
  %0 = cnn.avg_pool %x {kernel_shape = array<i64: 3, 3>, pads = array<i64: 3, 1, 3, 1>} : (tensor<1x16x32x32xf32>) -> tensor<1x16x36x32xf32>
  return
}

// -----

func.func @negative_avg_pool_ceil_mode_result(%x: tensor<1x16x7x7xf32>) {
  // expected-error @+1 {{but the shape rules give 'tensor<1x16x4x4xf32>'}}
  %0 = cnn.avg_pool %x {ceil_mode = true, kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x16x7x7xf32>) -> tensor<1x16x3x3xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// cnn.max_unpool
//===----------------------------------------------------------------------===//

func.func @negative_max_unpool_input_rank(%x: tensor<16x4xf32>, %i: tensor<16x4xi64>) {
  // expected-error @+1 {{expects input of rank >= 3}}
  %0 = cnn.max_unpool %x, %i {kernel_shape = array<i64: 2>} : (tensor<16x4xf32>, tensor<16x4xi64>) -> tensor<16x8xf32>
  return
}

// -----

func.func @negative_max_unpool_indices_shape(%x: tensor<1x16x16x16xf32>, %i: tensor<1x16x8x8xi64>) {
  // expected-error @+1 {{indices shape must equal the input shape}}
  %0 = cnn.max_unpool %x, %i {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x16x16x16xf32>, tensor<1x16x8x8xi64>) -> tensor<1x16x32x32xf32>
  return
}

// -----

func.func @negative_max_unpool_kernel_shape_count(%x: tensor<1x16x16x16xf32>, %i: tensor<1x16x16x16xi64>) {
  // expected-error @+1 {{expects 2 kernel_shape values}}
  %0 = cnn.max_unpool %x, %i {kernel_shape = array<i64: 2>, strides = array<i64: 2, 2>} : (tensor<1x16x16x16xf32>, tensor<1x16x16x16xi64>) -> tensor<1x16x32x32xf32>
  return
}

// -----

func.func @negative_max_unpool_strides_count(%x: tensor<1x16x16x16xf32>, %i: tensor<1x16x16x16xi64>) {
  // expected-error @+1 {{expects 2 strides values}}
  %0 = cnn.max_unpool %x, %i {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2>} : (tensor<1x16x16x16xf32>, tensor<1x16x16x16xi64>) -> tensor<1x16x32x32xf32>
  return
}

// -----

func.func @negative_max_unpool_zero_kernel(%x: tensor<1x16x16x16xf32>, %i: tensor<1x16x16x16xi64>) {
  // expected-error @+1 {{kernel size must be positive, got 0}}
  %0 = cnn.max_unpool %x, %i {kernel_shape = array<i64: 2, 0>, strides = array<i64: 2, 2>} : (tensor<1x16x16x16xf32>, tensor<1x16x16x16xi64>) -> tensor<1x16x32x30xf32>
  return
}

// -----

func.func @negative_max_unpool_pads_leave_no_output(%x: tensor<1x16x1x1xf32>, %i: tensor<1x16x1x1xi64>) {
  // expected-error @+1 {{pads leave no output in spatial dimension 0}}
  %0 = cnn.max_unpool %x, %i {kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x16x1x1xf32>, tensor<1x16x1x1xi64>) -> tensor<1x16x?x?xf32>
  return
}

// -----

func.func @negative_max_unpool_output_shape_rank(%x: tensor<1x16x16x16xf32>, %i: tensor<1x16x16x16xi64>) {
  // expected-error @+1 {{output_shape must have rank 4}}
  %0 = cnn.max_unpool %x, %i {kernel_shape = array<i64: 2, 2>, output_shape = array<i64: 33, 33>, strides = array<i64: 2, 2>} : (tensor<1x16x16x16xf32>, tensor<1x16x16x16xi64>) -> tensor<1x16x33x33xf32>
  return
}

// -----

func.func @negative_max_unpool_output_shape_channels(%x: tensor<1x16x16x16xf32>, %i: tensor<1x16x16x16xi64>) {
  // expected-error @+1 {{output_shape dimension 1 (8) must equal the input's (16)}}
  %0 = cnn.max_unpool %x, %i {kernel_shape = array<i64: 2, 2>, output_shape = array<i64: 1, 8, 33, 33>, strides = array<i64: 2, 2>} : (tensor<1x16x16x16xf32>, tensor<1x16x16x16xi64>) -> tensor<1x8x33x33xf32>
  return
}

// -----

func.func @negative_max_unpool_output_shape_zero(%x: tensor<1x16x16x16xf32>, %i: tensor<1x16x16x16xi64>) {
  // expected-error @+1 {{output_shape must be positive, got 0}}
  %0 = cnn.max_unpool %x, %i {kernel_shape = array<i64: 2, 2>, output_shape = array<i64: 1, 16, 0, 33>, strides = array<i64: 2, 2>} : (tensor<1x16x16x16xf32>, tensor<1x16x16x16xi64>) -> tensor<1x16x0x33xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// cnn.global_avg_pool, cnn.global_max_pool
//===----------------------------------------------------------------------===//

func.func @negative_global_avg_pool_input_rank(%x: tensor<1x512xf32>) {
  // expected-error @+1 {{expects input of rank >= 3}}
  %0 = cnn.global_avg_pool %x : (tensor<1x512xf32>) -> tensor<1x512xf32>
  return
}

// -----

func.func @negative_global_max_pool_input_rank(%x: tensor<1x512xf32>) {
  // expected-error @+1 {{expects input of rank >= 3}}
  %0 = cnn.global_max_pool %x : (tensor<1x512xf32>) -> tensor<1x512xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// cnn.resize
//===----------------------------------------------------------------------===//

func.func @negative_resize_no_scales_or_sizes(%x: tensor<1x8x16x16xf32>) {
  // expected-error @+1 {{needs scales or sizes}}
  %0 = cnn.resize %x {mode = #cnn.resize_mode<linear>} : (tensor<1x8x16x16xf32>) -> tensor<1x8x32x32xf32>
  return
}

// -----

func.func @negative_resize_scales_count(%x: tensor<1x8x16x16xf32>) {
  // expected-error @+1 {{expects 4 scales}}
  %0 = cnn.resize %x {scales = array<f32: 2.0, 2.0>} : (tensor<1x8x16x16xf32>) -> tensor<1x8x32x32xf32>
  return
}

// -----

func.func @negative_resize_sizes_count(%x: tensor<1x8x16x16xf32>) {
  // expected-error @+1 {{expects 4 sizes}}
  %0 = cnn.resize %x {sizes = array<i64: 32, 32>} : (tensor<1x8x16x16xf32>) -> tensor<1x8x32x32xf32>
  return
}

// -----

func.func @negative_resize_zero_scale(%x: tensor<1x8x16x16xf32>) {
  // expected-error @+1 {{scales must be positive}}
  %0 = cnn.resize %x {scales = array<f32: 1.0, 1.0, 0.0, 2.0>} : (tensor<1x8x16x16xf32>) -> tensor<1x8x?x32xf32>
  return
}

// -----

func.func @negative_resize_zero_size(%x: tensor<1x8x16x16xf32>) {
  // expected-error @+1 {{sizes must be positive, got 0}}
  %0 = cnn.resize %x {sizes = array<i64: 1, 8, 0, 32>} : (tensor<1x8x16x16xf32>) -> tensor<1x8x0x32xf32>
  return
}

// -----

func.func @negative_resize_roi_count(%x: tensor<1x8x16x16xf32>) {
  // expected-error @+1 {{expects 8 roi values}}
  %0 = cnn.resize %x {coordinate_transformation_mode = #cnn.coord_mode<tf_crop_and_resize>, roi = array<f32: 0.0, 0.0, 1.0, 1.0>, sizes = array<i64: 1, 8, 32, 32>} : (tensor<1x8x16x16xf32>) -> tensor<1x8x32x32xf32>
  return
}

// -----

func.func @negative_resize_crop_without_roi(%x: tensor<1x8x16x16xf32>) {
  // expected-error @+1 {{tf_crop_and_resize needs roi}}
  %0 = cnn.resize %x {coordinate_transformation_mode = #cnn.coord_mode<tf_crop_and_resize>, sizes = array<i64: 1, 8, 32, 32>} : (tensor<1x8x16x16xf32>) -> tensor<1x8x32x32xf32>
  return
}

// -----

func.func @negative_resize_scale_leaves_no_output(%x: tensor<1x8x16x16xf32>) {
  // expected-error @+1 {{leaves no output in dimension 2 of size 16}}
  %0 = cnn.resize %x {scales = array<f32: 1.0, 1.0, 0.05, 0.05>} : (tensor<1x8x16x16xf32>) -> tensor<1x8x?x?xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// cnn.batch_norm, cnn.instance_norm, cnn.lrn
//===----------------------------------------------------------------------===//

func.func @negative_batch_norm_input_rank(%x: tensor<16xf32>, %p: tensor<16xf32>) {
  // expected-error @+1 {{expects input of rank >= 2}}
  %0 = cnn.batch_norm %x, %p, %p, %p, %p : (tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  return
}

// -----

func.func @negative_batch_norm_scale_size(%x: tensor<1x16x8x8xf32>, %s: tensor<8xf32>, %p: tensor<16xf32>) {
  // expected-error @+1 {{scale has 8 elements, expected 16}}
  %0 = cnn.batch_norm %x, %s, %p, %p, %p : (tensor<1x16x8x8xf32>, tensor<8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  return
}

// -----

func.func @negative_batch_norm_mean_rank(%x: tensor<1x16x8x8xf32>, %p: tensor<16xf32>, %m: tensor<16x1xf32>) {
  // expected-error @+1 {{expects mean of rank 1}}
  %0 = cnn.batch_norm %x, %p, %p, %m, %p : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16x1xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  return
}

// -----

func.func @negative_batch_norm_variance_element_type(%x: tensor<1x16x8x8xf32>, %p: tensor<16xf32>, %v: tensor<16xf16>) {
  // expected-error @+1 {{variance element type 'f16' differs from 'f32'}}
  %0 = cnn.batch_norm %x, %p, %p, %p, %v : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf16>) -> tensor<1x16x8x8xf32>
  return
}

// -----

func.func @negative_batch_norm_negative_epsilon(%x: tensor<1x16x8x8xf32>, %p: tensor<16xf32>) {
  // expected-error @+1 {{epsilon must be non-negative}}
  %0 = cnn.batch_norm %x, %p, %p, %p, %p {epsilon = -1.0e-05 : f32} : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  return
}

// -----

func.func @negative_instance_norm_input_rank(%x: tensor<1x16xf32>, %p: tensor<16xf32>) {
  // expected-error @+1 {{expects input of rank >= 3}}
  %0 = cnn.instance_norm %x, %p, %p : (tensor<1x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16xf32>
  return
}

// -----

func.func @negative_instance_norm_bias_size(%x: tensor<1x16x8x8xf32>, %s: tensor<16xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{bias has 8 elements, expected 16}}
  %0 = cnn.instance_norm %x, %s, %b : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<8xf32>) -> tensor<1x16x8x8xf32>
  return
}

// -----

func.func @negative_instance_norm_negative_epsilon(%x: tensor<1x16x8x8xf32>, %p: tensor<16xf32>) {
  // expected-error @+1 {{epsilon must be non-negative}}
  %0 = cnn.instance_norm %x, %p, %p {epsilon = -1.0 : f32} : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  return
}

// -----

func.func @negative_lrn_input_rank(%x: tensor<1x96xf32>) {
  // expected-error @+1 {{expects input of rank >= 3}}
  %0 = cnn.lrn %x {size = 5 : i64} : (tensor<1x96xf32>) -> tensor<1x96xf32>
  return
}

// -----

func.func @negative_lrn_zero_size(%x: tensor<1x96x55x55xf32>) {
  // expected-error @+1 {{size must be positive, got 0}}
  %0 = cnn.lrn %x {size = 0 : i64} : (tensor<1x96x55x55xf32>) -> tensor<1x96x55x55xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// cnn.prelu
//===----------------------------------------------------------------------===//

func.func @negative_prelu_slope_element_type(%x: tensor<1x16x8x8xf32>, %s: tensor<16x1x1xf16>) {
  // expected-error @+1 {{slope element type 'f16' differs from 'f32'}}
  %0 = cnn.prelu %x, %s : (tensor<1x16x8x8xf32>, tensor<16x1x1xf16>) -> tensor<1x16x8x8xf32>
  return
}

// -----

func.func @negative_prelu_slope_rank(%x: tensor<1x16x8x8xf32>, %s: tensor<1x1x16x1x1xf32>) {
  // expected-error @+1 {{slope of rank 5 cannot broadcast to rank 4}}
  %0 = cnn.prelu %x, %s : (tensor<1x16x8x8xf32>, tensor<1x1x16x1x1xf32>) -> tensor<1x16x8x8xf32>
  return
}

// -----

func.func @negative_prelu_slope_shape(%x: tensor<1x16x8x8xf32>, %s: tensor<8x1x1xf32>) {
  // expected-error @+1 {{slope dimension 0 (8) does not broadcast to 16}}
  %0 = cnn.prelu %x, %s : (tensor<1x16x8x8xf32>, tensor<8x1x1xf32>) -> tensor<1x16x8x8xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// Elementwise arithmetic
//===----------------------------------------------------------------------===//

func.func @negative_add_not_broadcastable(%a: tensor<1x16x8x8xf32>, %b: tensor<8x1x1xf32>) {
  // expected-error @+1 {{not broadcast-compatible: sizes 16 and 8}}
  %0 = cnn.add %a, %b : (tensor<1x16x8x8xf32>, tensor<8x1x1xf32>) -> tensor<1x16x8x8xf32>
  return
}

// -----

func.func @negative_mul_element_type(%a: tensor<1x16x8x8xf32>, %b: tensor<16x1x1xf16>) {
  // expected-error @+1 {{operand element type 'f16' differs from 'f32'}}
  %0 = cnn.mul %a, %b : (tensor<1x16x8x8xf32>, tensor<16x1x1xf16>) -> tensor<1x16x8x8xf32>
  return
}

// -----

func.func @negative_max_no_operands() {
  // expected-error @+1 {{needs at least one operand}}
  %0 = cnn.max : () -> tensor<1x16x8x8xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// cnn.softmax, cnn.log_softmax, cnn.reduce_mean
//===----------------------------------------------------------------------===//

func.func @negative_softmax_axis(%x: tensor<1x1000xf32>) {
  // expected-error @+1 {{axis 2 is out of range [-2, 1] for rank 2}}
  %0 = cnn.softmax %x {axis = 2 : i64} : (tensor<1x1000xf32>) -> tensor<1x1000xf32>
  return
}

// -----

func.func @negative_log_softmax_axis(%x: tensor<1x1000xf32>) {
  // expected-error @+1 {{axis -3 is out of range [-2, 1] for rank 2}}
  %0 = cnn.log_softmax %x {axis = -3 : i64} : (tensor<1x1000xf32>) -> tensor<1x1000xf32>
  return
}

// -----

func.func @negative_reduce_mean_axis(%x: tensor<1x64x7x7xf32>) {
  // expected-error @+1 {{axis 4 is out of range [-4, 3] for rank 4}}
  %0 = cnn.reduce_mean %x {axes = array<i64: 2, 4>} : (tensor<1x64x7x7xf32>) -> tensor<1x64x1x1xf32>
  return
}

// -----

func.func @negative_reduce_mean_repeated_axis(%x: tensor<1x64x7x7xf32>) {
  // expected-error @+1 {{axis -2 is repeated}}
  %0 = cnn.reduce_mean %x {axes = array<i64: 2, -2>} : (tensor<1x64x7x7xf32>) -> tensor<1x64x1x7xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// cnn.matmul, cnn.gemm
//===----------------------------------------------------------------------===//

func.func @negative_matmul_element_type(%a: tensor<1x512xf32>, %b: tensor<512x10xf16>) {
  // expected-error @+1 {{rhs element type 'f16' differs from 'f32'}}
  %0 = cnn.matmul %a, %b : (tensor<1x512xf32>, tensor<512x10xf16>) -> tensor<1x10xf32>
  return
}

// -----

func.func @negative_matmul_scalar_operand(%a: tensor<f32>, %b: tensor<512x10xf32>) {
  // expected-error @+1 {{operands must have rank >= 1}}
  %0 = cnn.matmul %a, %b : (tensor<f32>, tensor<512x10xf32>) -> tensor<10xf32>
  return
}

// -----

func.func @negative_matmul_contraction(%a: tensor<1x512xf32>, %b: tensor<256x10xf32>) {
  // expected-error @+1 {{lhs has 512 columns, rhs has 256 rows}}
  %0 = cnn.matmul %a, %b : (tensor<1x512xf32>, tensor<256x10xf32>) -> tensor<1x10xf32>
  return
}

// -----

func.func @negative_matmul_batch_broadcast(%a: tensor<2x3x4xf32>, %b: tensor<5x4x6xf32>) {
  // expected-error @+1 {{not broadcast-compatible: sizes 2 and 5}}
  %0 = cnn.matmul %a, %b : (tensor<2x3x4xf32>, tensor<5x4x6xf32>) -> tensor<2x3x6xf32>
  return
}

// -----

func.func @negative_gemm_a_rank(%a: tensor<1x1x512xf32>, %b: tensor<1000x512xf32>) {
  // expected-error @+1 {{expects A of rank 2}}
  %0 = cnn.gemm %a, %b {trans_b = true} : (tensor<1x1x512xf32>, tensor<1000x512xf32>) -> tensor<1x1000xf32>
  return
}

// -----

func.func @negative_gemm_b_rank(%a: tensor<1x512xf32>, %b: tensor<512xf32>) {
  // expected-error @+1 {{expects B of rank 2}}
  %0 = cnn.gemm %a, %b : (tensor<1x512xf32>, tensor<512xf32>) -> tensor<1x1xf32>
  return
}

// -----

func.func @negative_gemm_c_element_type(%a: tensor<1x512xf32>, %b: tensor<1000x512xf32>, %c: tensor<1000xf16>) {
  // expected-error @+1 {{C element type 'f16' differs from 'f32'}}
  %0 = cnn.gemm %a, %b, %c {trans_b = true} : (tensor<1x512xf32>, tensor<1000x512xf32>, tensor<1000xf16>) -> tensor<1x1000xf32>
  return
}

// -----

func.func @negative_gemm_contraction(%a: tensor<1x512xf32>, %b: tensor<1000x256xf32>) {
  // expected-error @+1 {{A' is 1x512, B' is 256x1000}}
  %0 = cnn.gemm %a, %b {trans_b = true} : (tensor<1x512xf32>, tensor<1000x256xf32>) -> tensor<1x1000xf32>
  return
}

// -----

func.func @negative_gemm_c_rank(%a: tensor<1x512xf32>, %b: tensor<1000x512xf32>, %c: tensor<1x1x1000xf32>) {
  // expected-error @+1 {{C of rank 3 cannot broadcast to rank 2}}
  %0 = cnn.gemm %a, %b, %c {trans_b = true} : (tensor<1x512xf32>, tensor<1000x512xf32>, tensor<1x1x1000xf32>) -> tensor<1x1000xf32>
  return
}

// -----

func.func @negative_gemm_c_shape(%a: tensor<1x512xf32>, %b: tensor<1000x512xf32>, %c: tensor<10xf32>) {
  // expected-error @+1 {{C dimension 0 (10) does not broadcast to 1000}}
  %0 = cnn.gemm %a, %b, %c {trans_b = true} : (tensor<1x512xf32>, tensor<1000x512xf32>, tensor<10xf32>) -> tensor<1x1000xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// cnn.concat, cnn.split
//===----------------------------------------------------------------------===//

func.func @negative_concat_no_operands() {
  // expected-error @+1 {{needs at least one operand}}
  %0 = cnn.concat {axis = 1 : i64} : () -> tensor<1x16x8x8xf32>
  return
}

// -----

func.func @negative_concat_axis(%a: tensor<1x16x8x8xf32>, %b: tensor<1x32x8x8xf32>) {
  // expected-error @+1 {{axis 4 is out of range [-4, 3] for rank 4}}
  %0 = cnn.concat %a, %b {axis = 4 : i64} : (tensor<1x16x8x8xf32>, tensor<1x32x8x8xf32>) -> tensor<1x48x8x8xf32>
  return
}

// -----

func.func @negative_concat_rank(%a: tensor<1x16x8x8xf32>, %b: tensor<1x32x8xf32>) {
  // expected-error @+1 {{operand 1 of type 'tensor<1x32x8xf32>' does not match operand 0}}
  %0 = cnn.concat %a, %b {axis = 1 : i64} : (tensor<1x16x8x8xf32>, tensor<1x32x8xf32>) -> tensor<1x48x8x8xf32>
  return
}

// -----

func.func @negative_concat_spatial_size(%a: tensor<1x16x8x8xf32>, %b: tensor<1x32x4x4xf32>) {
  // expected-error @+1 {{operand 1 has size 4 in dimension 2, expected 8}}
  %0 = cnn.concat %a, %b {axis = 1 : i64} : (tensor<1x16x8x8xf32>, tensor<1x32x4x4xf32>) -> tensor<1x48x8x8xf32>
  return
}

// -----

func.func @negative_split_axis(%x: tensor<1x6x4x4xf32>) {
  // expected-error @+1 {{axis -5 is out of range [-4, 3] for rank 4}}
  %0:2 = cnn.split %x {axis = -5 : i64, split = array<i64: 2, 4>} : (tensor<1x6x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x4x4x4xf32>)
  return
}

// -----

func.func @negative_split_empty(%x: tensor<1x6x4x4xf32>) {
  // expected-error @+1 {{split must list at least one part}}
  cnn.split %x {axis = 1 : i64, split = array<i64>} : (tensor<1x6x4x4xf32>) -> ()
  return
}

// -----

func.func @negative_split_negative_size(%x: tensor<1x6x4x4xf32>) {
  // expected-error @+1 {{split sizes must be non-negative, got -2}}
  %0:2 = cnn.split %x {axis = 1 : i64, split = array<i64: 8, -2>} : (tensor<1x6x4x4xf32>) -> (tensor<1x8x4x4xf32>, tensor<1x?x4x4xf32>)
  return
}

// -----

func.func @negative_split_sum(%x: tensor<1x6x4x4xf32>) {
  // expected-error @+1 {{split sizes sum to 4 but dimension 1 has size 6}}
  %0:2 = cnn.split %x {axis = 1 : i64, split = array<i64: 2, 2>} : (tensor<1x6x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>)
  return
}

// -----

//===----------------------------------------------------------------------===//
// cnn.slice
//===----------------------------------------------------------------------===//

func.func @negative_slice_lengths(%x: tensor<1x3x32x32xf32>) {
  // expected-error @+1 {{must have the same length}}
  %0 = cnn.slice %x {axes = array<i64: 2, 3>, ends = array<i64: 16>, starts = array<i64: 0, 0>} : (tensor<1x3x32x32xf32>) -> tensor<1x3x16x16xf32>
  return
}

// -----

func.func @negative_slice_axis(%x: tensor<1x3x32x32xf32>) {
  // expected-error @+1 {{slice axis 4 is out of range [-4, 3] for rank 4}}
  %0 = cnn.slice %x {axes = array<i64: 4>, ends = array<i64: 16>, starts = array<i64: 0>} : (tensor<1x3x32x32xf32>) -> tensor<1x3x32x32xf32>
  return
}

// -----

func.func @negative_slice_repeated_axis(%x: tensor<1x3x32x32xf32>) {
  // expected-error @+1 {{slice axis -2 is repeated}}
  %0 = cnn.slice %x {axes = array<i64: 2, -2>, ends = array<i64: 16, 16>, starts = array<i64: 0, 0>} : (tensor<1x3x32x32xf32>) -> tensor<1x3x16x32xf32>
  return
}

// -----

func.func @negative_slice_zero_step(%x: tensor<1x3x32x32xf32>) {
  // expected-error @+1 {{slice step must not be 0}}
  %0 = cnn.slice %x {axes = array<i64: 2>, ends = array<i64: 16>, starts = array<i64: 0>, steps = array<i64: 0>} : (tensor<1x3x32x32xf32>) -> tensor<1x3x16x32xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// cnn.pad
//===----------------------------------------------------------------------===//

func.func @negative_pad_count(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{expects 8 pads}}
  %0 = cnn.pad %x {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x10xf32>
  return
}

// -----

func.func @negative_pad_negative_in_reflect_mode(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{negative pads are only allowed in constant mode}}
  %0 = cnn.pad %x {mode = #cnn.pad_mode<reflect>, pads = array<i64: 0, 0, -1, 0, 0, 0, -1, 0>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x6x8xf32>
  return
}

// -----

func.func @negative_pad_reflect_too_large(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{reflect pads (8, 8) must be smaller than dimension 2 of size 8}}
  %0 = cnn.pad %x {mode = #cnn.pad_mode<reflect>, pads = array<i64: 0, 0, 8, 8, 0, 0, 8, 8>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x24x24xf32>
  return
}

// -----

func.func @negative_pad_edge_of_empty_dimension(%x: tensor<1x3x0x8xf32>) {
  // expected-error @+1 {{edge padding of the empty dimension 2}}
  %0 = cnn.pad %x {mode = #cnn.pad_mode<edge>, pads = array<i64: 0, 0, 1, 0, 0, 0, 1, 0>} : (tensor<1x3x0x8xf32>) -> tensor<1x3x2x8xf32>
  return
}

// -----

func.func @negative_pad_crop_below_zero(%x: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{pads (-5, -5) crop dimension 2 of size 8 below zero}}
  %0 = cnn.pad %x {pads = array<i64: 0, 0, -5, 0, 0, 0, -5, 0>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x?x8xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// cnn.reshape, cnn.flatten
//===----------------------------------------------------------------------===//

func.func @negative_reshape_two_inferred(%x: tensor<1x512x7x7xf32>) {
  // expected-error @+1 {{shape may contain -1 only once}}
  %0 = cnn.reshape %x {shape = array<i64: -1, -1>} : (tensor<1x512x7x7xf32>) -> tensor<?x?xf32>
  return
}

// -----

func.func @negative_reshape_negative_entry(%x: tensor<1x512x7x7xf32>) {
  // expected-error @+1 {{only -1 (inferred) may be negative}}
  %0 = cnn.reshape %x {shape = array<i64: 1, -2>} : (tensor<1x512x7x7xf32>) -> tensor<1x?xf32>
  return
}

// -----

func.func @negative_reshape_copy_beyond_rank(%x: tensor<1x512xf32>) {
  // expected-error @+1 {{shape entry 2 is 0 (copy the input dimension)}}
  %0 = cnn.reshape %x {shape = array<i64: 1, 512, 0>} : (tensor<1x512xf32>) -> tensor<1x512x1xf32>
  return
}

// -----

func.func @negative_reshape_allowzero_with_inferred(%x: tensor<1x512x7x7xf32>) {
  // expected-error @+1 {{shape cannot contain both 0 and -1 when allowzero is set}}
  %0 = cnn.reshape %x {allowzero = true, shape = array<i64: 0, -1>} : (tensor<1x512x7x7xf32>) -> tensor<0x?xf32>
  return
}

// -----

func.func @negative_reshape_cannot_infer(%x: tensor<1x512x7x7xf32>) {
  // expected-error @+1 {{cannot infer the -1 entry}}
  %0 = cnn.reshape %x {shape = array<i64: -1, 1000>} : (tensor<1x512x7x7xf32>) -> tensor<?x1000xf32>
  return
}

// -----

func.func @negative_reshape_element_count(%x: tensor<1x512x7x7xf32>) {
  // expected-error @+1 {{shape has 25000 elements but the input has 25088}}
  %0 = cnn.reshape %x {shape = array<i64: 1, 25000>} : (tensor<1x512x7x7xf32>) -> tensor<1x25000xf32>
  return
}

// -----

func.func @negative_flatten_axis(%x: tensor<1x16x5x5xf32>) {
  // expected-error @+1 {{axis 5 is out of range [-4, 4] for rank 4}}
  %0 = cnn.flatten %x {axis = 5 : i64} : (tensor<1x16x5x5xf32>) -> tensor<1x400xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// cnn.transpose, cnn.squeeze, cnn.unsqueeze, cnn.expand
//===----------------------------------------------------------------------===//

func.func @negative_transpose_perm_size(%x: tensor<1x3x32x32xf32>) {
  // expected-error @+1 {{perm has 3 entries for rank 4}}
  %0 = cnn.transpose %x {perm = array<i64: 0, 2, 1>} : (tensor<1x3x32x32xf32>) -> tensor<1x32x3x32xf32>
  return
}

// -----

func.func @negative_transpose_not_a_permutation(%x: tensor<1x3x32x32xf32>) {
  // expected-error @+1 {{perm must be a permutation of [0, 4)}}
  %0 = cnn.transpose %x {perm = array<i64: 0, 2, 2, 1>} : (tensor<1x3x32x32xf32>) -> tensor<1x32x32x3xf32>
  return
}

// -----

func.func @negative_squeeze_dynamic_without_axes(%x: tensor<?x512x1x1xf32>) {
  // expected-error @+1 {{cannot squeeze without axes}}
  %0 = cnn.squeeze %x : (tensor<?x512x1x1xf32>) -> tensor<?x512xf32>
  return
}

// -----

func.func @negative_squeeze_axis(%x: tensor<1x512x1x1xf32>) {
  // expected-error @+1 {{axis 4 is out of range [-4, 3] for rank 4}}
  %0 = cnn.squeeze %x {axes = array<i64: 2, 4>} : (tensor<1x512x1x1xf32>) -> tensor<1x512xf32>
  return
}

// -----

func.func @negative_squeeze_repeated_axis(%x: tensor<1x512x1x1xf32>) {
  // expected-error @+1 {{axis -1 is repeated}}
  %0 = cnn.squeeze %x {axes = array<i64: 3, -1>} : (tensor<1x512x1x1xf32>) -> tensor<1x512x1xf32>
  return
}

// -----

func.func @negative_squeeze_non_unit_dimension(%x: tensor<1x512x1x1xf32>) {
  // expected-error @+1 {{cannot squeeze dimension 1 of size 512}}
  %0 = cnn.squeeze %x {axes = array<i64: 1>} : (tensor<1x512x1x1xf32>) -> tensor<1x1x1xf32>
  return
}

// -----

func.func @negative_unsqueeze_empty_axes(%x: tensor<3x4xf32>) {
  // expected-error @+1 {{axes must not be empty}}
  %0 = cnn.unsqueeze %x {axes = array<i64>} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @negative_unsqueeze_axis(%x: tensor<3x4xf32>) {
  // expected-error @+1 {{axis 3 is out of range [-3, 2] for rank 3}}
  %0 = cnn.unsqueeze %x {axes = array<i64: 3>} : (tensor<3x4xf32>) -> tensor<3x4x1xf32>
  return
}

// -----

func.func @negative_unsqueeze_repeated_axis(%x: tensor<3x4xf32>) {
  // expected-error @+1 {{axis -3 is repeated}}
  %0 = cnn.unsqueeze %x {axes = array<i64: 1, -3>} : (tensor<3x4xf32>) -> tensor<3x1x1x4xf32>
  return
}

// -----

func.func @negative_expand_negative_shape(%x: tensor<3x1xf32>) {
  // expected-error @+1 {{shape entries must be non-negative, got -1}}
  %0 = cnn.expand %x {shape = array<i64: 2, -1, 6>} : (tensor<3x1xf32>) -> tensor<2x3x6xf32>
  return
}

// -----

func.func @negative_expand_not_broadcastable(%x: tensor<3x1xf32>) {
  // expected-error @+1 {{not broadcast-compatible: sizes 3 and 4}}
  %0 = cnn.expand %x {shape = array<i64: 2, 4, 6>} : (tensor<3x1xf32>) -> tensor<2x4x6xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// cnn.gather, cnn.gather_elements
//===----------------------------------------------------------------------===//

func.func @negative_gather_scalar_data(%x: tensor<f32>, %i: tensor<2xi64>) {
  // expected-error @+1 {{data must have rank >= 1}}
  %0 = cnn.gather %x, %i : (tensor<f32>, tensor<2xi64>) -> tensor<2xf32>
  return
}

// -----

func.func @negative_gather_axis(%x: tensor<5x4xf32>, %i: tensor<2x3xi64>) {
  // expected-error @+1 {{axis 2 is out of range [-2, 1] for rank 2}}
  %0 = cnn.gather %x, %i {axis = 2 : i64} : (tensor<5x4xf32>, tensor<2x3xi64>) -> tensor<5x4x2x3xf32>
  return
}

// -----

func.func @negative_gather_elements_indices_rank(%x: tensor<2x2xf32>, %i: tensor<2x2x1xi64>) {
  // expected-error @+1 {{indices must have the rank of data (2), got 3}}
  %0 = cnn.gather_elements %x, %i {axis = 1 : i64} : (tensor<2x2xf32>, tensor<2x2x1xi64>) -> tensor<2x2x1xf32>
  return
}

// -----

func.func @negative_gather_elements_axis(%x: tensor<2x2xf32>, %i: tensor<2x2xi64>) {
  // expected-error @+1 {{axis -3 is out of range [-2, 1] for rank 2}}
  %0 = cnn.gather_elements %x, %i {axis = -3 : i64} : (tensor<2x2xf32>, tensor<2x2xi64>) -> tensor<2x2xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// cnn.depth_to_space, cnn.space_to_depth
//===----------------------------------------------------------------------===//

func.func @negative_depth_to_space_input_rank(%x: tensor<16x8x8xf32>) {
  // expected-error @+1 {{expects input of rank 4}}
  %0 = cnn.depth_to_space %x {blocksize = 2 : i64} : (tensor<16x8x8xf32>) -> tensor<4x16x16xf32>
  return
}

// -----

func.func @negative_depth_to_space_zero_blocksize(%x: tensor<1x16x8x8xf32>) {
  // expected-error @+1 {{blocksize must be in [1, 65536], got 0}}
  %0 = cnn.depth_to_space %x {blocksize = 0 : i64} : (tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32>
  return
}

// -----

func.func @negative_depth_to_space_channels(%x: tensor<1x16x8x8xf32>) {
  // expected-error @+1 {{channels (16) must be divisible by blocksize^2 (9)}}
  %0 = cnn.depth_to_space %x {blocksize = 3 : i64, mode = #cnn.depth_to_space_mode<crd>} : (tensor<1x16x8x8xf32>) -> tensor<1x1x24x24xf32>
  return
}

// -----

func.func @negative_space_to_depth_input_rank(%x: tensor<1x2x4x6x1xf32>) {
  // expected-error @+1 {{expects input of rank 4}}
  %0 = cnn.space_to_depth %x {blocksize = 2 : i64} : (tensor<1x2x4x6x1xf32>) -> tensor<1x8x2x3x1xf32>
  return
}

// -----

func.func @negative_space_to_depth_negative_blocksize(%x: tensor<1x2x4x6xf32>) {
  // expected-error @+1 {{blocksize must be in [1, 65536], got -2}}
  %0 = cnn.space_to_depth %x {blocksize = -2 : i64} : (tensor<1x2x4x6xf32>) -> tensor<1x8x2x3xf32>
  return
}

// -----

func.func @negative_space_to_depth_spatial_size(%x: tensor<1x3x7x8xf32>) {
  // expected-error @+1 {{spatial size 7 must be divisible by blocksize (2)}}
  %0 = cnn.space_to_depth %x {blocksize = 2 : i64} : (tensor<1x3x7x8xf32>) -> tensor<1x12x3x4xf32>
  return
}

// -----

func.func @negative_depth_to_space_huge_blocksize(%x: tensor<1x16x8x8xf32>) {
  // expected-error @+1 {{blocksize must be in [1, 65536], got 4294967296}}
  %0 = cnn.depth_to_space %x {blocksize = 4294967296 : i64} : (tensor<1x16x8x8xf32>) -> tensor<?x?x?x?xf32>
  return
}

//===----------------------------------------------------------------------===//
// Cases from review: padding forms, degenerate kernels, reversed roi
//===----------------------------------------------------------------------===//

// -----

func.func @negative_conv_pads_with_auto_pad(%x: tensor<1x3x32x32xf32>, %w: tensor<16x3x3x3xf32>) {
  // expected-error @+1 {{pads cannot be combined with auto_pad same_upper}}
  %0 = cnn.conv %x, %w {auto_pad = #cnn.auto_pad<same_upper>, pads = array<i64: 5, 5, 5, 5>} : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x32x32xf32>
  return
}

// -----

func.func @negative_conv_transpose_pads_with_auto_pad(%x: tensor<1x16x8x8xf32>, %w: tensor<16x8x3x3xf32>) {
  // expected-error @+1 {{pads cannot be combined with auto_pad valid}}
  %0 = cnn.conv_transpose %x, %w {auto_pad = #cnn.auto_pad<valid>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x16x8x8xf32>, tensor<16x8x3x3xf32>) -> tensor<1x8x10x10xf32>
  return
}

// -----

func.func @negative_avg_pool_pads_with_auto_pad(%x: tensor<1x16x32x32xf32>) {
  // expected-error @+1 {{pads cannot be combined with auto_pad valid}}
  %0 = cnn.avg_pool %x {kernel_shape = array<i64: 3, 3>, auto_pad = #cnn.auto_pad<valid>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x16x32x32xf32>) -> tensor<1x16x30x30xf32>
  return
}

// -----

func.func @negative_max_pool_pads_with_auto_pad(%x: tensor<1x16x32x32xf32>) {
  // expected-error @+1 {{pads cannot be combined with auto_pad same_lower}}
  %0 = cnn.max_pool %x {kernel_shape = array<i64: 3, 3>, auto_pad = #cnn.auto_pad<same_lower>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x16x32x32xf32>) -> tensor<1x16x32x32xf32>
  return
}

// -----

func.func @negative_max_pool_negative_storage_order(%x: tensor<1x16x32x32xf32>) {
  // expected-error @+1 {{storage_order must be 0 (row major) or 1 (column major), got -1}}
  %0 = cnn.max_pool %x {kernel_shape = array<i64: 2, 2>, storage_order = -1 : i64} : (tensor<1x16x32x32xf32>) -> tensor<1x16x31x31xf32>
  return
}

// -----

func.func @negative_conv_transpose_empty_kernel(%x: tensor<1x16x8x8xf32>, %w: tensor<16x8x0x3xf32>) {
  // expected-error @+1 {{kernel size must be positive, got 0 in spatial dimension 0}}
  %0 = cnn.conv_transpose %x, %w : (tensor<1x16x8x8xf32>, tensor<16x8x0x3xf32>) -> tensor<1x8x7x10xf32>
  return
}

// -----

func.func @negative_conv_transpose_output_shape_not_positive(%x: tensor<1x16x8x8xf32>, %w: tensor<16x8x3x3xf32>) {
  // expected-error @+1 {{output_shape must be positive, got 0}}
  %0 = cnn.conv_transpose %x, %w {output_shape = array<i64: 0, 0>} : (tensor<1x16x8x8xf32>, tensor<16x8x3x3xf32>) -> tensor<1x8x1x1xf32>
  return
}

// -----

func.func @negative_resize_reversed_roi(%x: tensor<1x8x16x16xf32>) {
  // expected-error @+1 {{roi of dimension 2 ends (2.000000e-01) before it starts (8.000000e-01)}}
  %0 = cnn.resize %x {coordinate_transformation_mode = #cnn.coord_mode<tf_crop_and_resize>, roi = array<f32: 0.0, 0.0, 0.8, 0.8, 1.0, 1.0, 0.2, 0.2>, scales = array<f32: 1.0, 1.0, 2.0, 2.0>} : (tensor<1x8x16x16xf32>) -> tensor<1x8x32x32xf32>
  return
}

// -----

func.func @negative_gather_elements_scalar_data(%x: tensor<f32>, %i: tensor<i64>) {
  // expected-error @+1 {{data must have rank >= 1}}
  %0 = cnn.gather_elements %x, %i : (tensor<f32>, tensor<i64>) -> tensor<f32>
  return
}

// -----

func.func @negative_batch_norm_nan_epsilon(%x: tensor<1x16x8x8xf32>, %p: tensor<16xf32>) {
  // expected-error @+1 {{epsilon must be non-negative}}
  %0 = cnn.batch_norm %x, %p, %p, %p, %p {epsilon = 0x7FC00000 : f32} : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  return
}

// -----

func.func @negative_fused_conv_residual_shape(%x: tensor<1x8x8x8xf32>, %w: tensor<8x8x3x3xf32>, %r: tensor<1x8x8x8xf32>) {
  // expected-error @+1 {{residual 'tensor<1x8x8x8xf32>' must have the result's shape 'tensor<1x8x6x6xf32>'}}
  %0 = cnn.fused_conv %x, %w residual %r : (tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32>, tensor<1x8x8x8xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @negative_fused_conv_params(%x: tensor<1x8x8x8xf32>, %w: tensor<8x8x3x3xf32>) {
  // expected-error @+1 {{activation clip takes 2 parameters, got 1}}
  %0 = cnn.fused_conv %x, %w {activation = #cnn.activation<clip>, activation_params = array<f32: 0.0>} : (tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @negative_fused_conv_prologue_half(%x: tensor<1x8x8x8xf32>, %w: tensor<8x8x3x3xf32>, %s: tensor<8xf32>) {
  // expected-error @+1 {{input_scale and input_shift come together}}
  %0 = cnn.fused_conv %x, %w input_scale %s : (tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32>, tensor<8xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @negative_fused_conv_prologue_size(%x: tensor<1x8x8x8xf32>, %w: tensor<8x8x3x3xf32>, %s: tensor<4xf32>) {
  // expected-error @+1 {{input_scale 'tensor<4xf32>' must hold one value per input channel (8)}}
  %0 = cnn.fused_conv %x, %w input_scale %s input_shift %s : (tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @negative_fused_conv_prologue_activation(%x: tensor<1x8x8x8xf32>, %w: tensor<8x8x3x3xf32>) {
  // expected-error @+1 {{input_activation needs input_scale and input_shift}}
  %0 = cnn.fused_conv %x, %w {input_activation = #cnn.activation<relu>} : (tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x6x6xf32>
  return
}

// -----

func.func @negative_fused_conv_1d(%x: tensor<1x8x8xf32>, %w: tensor<8x8x3xf32>) {
  // expected-error @+1 {{fuses 2-D convolutions only}}
  %0 = cnn.fused_conv %x, %w : (tensor<1x8x8xf32>, tensor<8x8x3xf32>) -> tensor<1x8x6xf32>
  return
}

// -----

func.func @negative_fused_conv_prelu_slopes(%x: tensor<1x8x8x8xf32>, %w: tensor<4x8x3x3xf32>) {
  // expected-error @+1 {{activation prelu takes one slope per channel (4), got 2}}
  %0 = cnn.fused_conv %x, %w {pads = array<i64: 1, 1, 1, 1>, activation = #cnn.activation<prelu>, activation_params = array<f32: 0.1, 0.2>} : (tensor<1x8x8x8xf32>, tensor<4x8x3x3xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @negative_fused_conv_two_prelu(%x: tensor<1x8x8x8xf32>, %w: tensor<2x8x3x3xf32>, %r: tensor<1x2x8x8xf32>) {
  // expected-error @+1 {{activation and post_activation cannot both be prelu}}
  %0 = cnn.fused_conv %x, %w residual %r {pads = array<i64: 1, 1, 1, 1>, activation = #cnn.activation<prelu>, activation_params = array<f32: 0.1, 0.2>, post_activation = #cnn.activation<prelu>, post_activation_params = array<f32: 0.1, 0.2>} : (tensor<1x8x8x8xf32>, tensor<2x8x3x3xf32>, tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  return
}

// -----

func.func @negative_global_pool_affine(%x: tensor<1x8x4x4xf32>, %k: tensor<2x4xf32>) {
  // expected-error @+1 {{input_affine 'tensor<2x4xf32>' must hold a scale and a shift per channel (2x8)}}
  %0 = cnn.global_avg_pool %x affine %k : (tensor<1x8x4x4xf32>, tensor<2x4xf32>) -> tensor<1x8x1x1xf32>
  return
}

// -----

func.func @negative_global_pool_activation(%x: tensor<1x8x4x4xf32>) {
  // expected-error @+1 {{input_activation needs input_affine}}
  %0 = cnn.global_avg_pool %x {input_activation = #cnn.activation<relu>} : (tensor<1x8x4x4xf32>) -> tensor<1x8x1x1xf32>
  return
}

// -----

func.func @negative_reduce_repeated_axis(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{axis -2 is repeated}}
  %0 = cnn.reduce %x {kind = #cnn.reduction<sum>, axes = array<i64: 1, -2>} : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
  return
}
