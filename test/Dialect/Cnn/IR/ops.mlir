// RUN: cnn-opt %s -split-input-file | cnn-opt -split-input-file | FileCheck %s
// RUN: cnn-opt %s -split-input-file -mlir-print-op-generic | cnn-opt -split-input-file | FileCheck %s

// Round-trip test of every cnn op. Each result type is the one the shape rules
// infer (the verifier rejects any other), so the file also checks the rules;
// the comments give the ONNX arithmetic.

// CHECK-LABEL: func.func @constant_splat()
// CHECK: cnn.constant dense<5.000000e-01> : tensor<16x3x3x3xf32>
func.func @constant_splat() -> tensor<16x3x3x3xf32> {
  %0 = cnn.constant dense<5.000000e-01> : tensor<16x3x3x3xf32>
  return %0 : tensor<16x3x3x3xf32>
}

// -----

// CHECK-LABEL: func.func @constant_i64()
// CHECK: cnn.constant dense<[0, 2, 1]> : tensor<3xi64>
func.func @constant_i64() -> tensor<3xi64> {
  %0 = cnn.constant dense<[0, 2, 1]> : tensor<3xi64>
  return %0 : tensor<3xi64>
}

// -----

// CHECK-LABEL: func.func @constant_dense_resource()
// CHECK: cnn.constant dense_resource<weights> : tensor<4xf32>
// CHECK: dialect_resources
// CHECK: weights: "0x040000000000803F000000400000404000008040"
func.func @constant_dense_resource() -> tensor<4xf32> {
  %0 = cnn.constant dense_resource<weights> : tensor<4xf32>
  return %0 : tensor<4xf32>
}

{-#
  dialect_resources: {
    builtin: {
      weights: "0x040000000000803F000000400000404000008040"
    }
  }
#-}

// -----

// (224 + 3 + 3 - 7) / 2 + 1 = 112
// CHECK-LABEL: func.func @conv_2d(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x224x224xf32>, %[[W:.*]]: tensor<64x3x7x7xf32>, %[[B:.*]]: tensor<64xf32>)
// CHECK: cnn.conv %[[X]], %[[W]], %[[B]] {pads = array<i64: 3, 3, 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>, tensor<64xf32>) -> tensor<1x64x112x112xf32>
func.func @conv_2d(%x: tensor<1x3x224x224xf32>, %w: tensor<64x3x7x7xf32>, %b: tensor<64xf32>) -> tensor<1x64x112x112xf32> {
  %0 = cnn.conv %x, %w, %b {pads = array<i64: 3, 3, 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>, tensor<64xf32>) -> tensor<1x64x112x112xf32>
  return %0 : tensor<1x64x112x112xf32>
}

// -----

// CHECK-LABEL: func.func @conv_2d_no_bias(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x56x56xf32>, %[[W:.*]]: tensor<256x64x1x1xf32>)
// CHECK: cnn.conv %[[X]], %[[W]] : (tensor<1x64x56x56xf32>, tensor<256x64x1x1xf32>) -> tensor<1x256x56x56xf32>
func.func @conv_2d_no_bias(%x: tensor<1x64x56x56xf32>, %w: tensor<256x64x1x1xf32>) -> tensor<1x256x56x56xf32> {
  %0 = cnn.conv %x, %w : (tensor<1x64x56x56xf32>, tensor<256x64x1x1xf32>) -> tensor<1x256x56x56xf32>
  return %0 : tensor<1x256x56x56xf32>
}

// -----

// Asymmetric (TF-style) padding: (224 + 0 + 1 - 3) / 2 + 1 = 112
// CHECK-LABEL: func.func @conv_2d_asymmetric_pads(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x224x224xf32>, %[[W:.*]]: tensor<32x3x3x3xf32>)
// CHECK: cnn.conv %[[X]], %[[W]] {pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x224x224xf32>, tensor<32x3x3x3xf32>) -> tensor<1x32x112x112xf32>
func.func @conv_2d_asymmetric_pads(%x: tensor<1x3x224x224xf32>, %w: tensor<32x3x3x3xf32>) -> tensor<1x32x112x112xf32> {
  %0 = cnn.conv %x, %w {pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x224x224xf32>, tensor<32x3x3x3xf32>) -> tensor<1x32x112x112xf32>
  return %0 : tensor<1x32x112x112xf32>
}

// -----

// CHECK-LABEL: func.func @conv_2d_dynamic_batch(
// CHECK-SAME: %[[X:.*]]: tensor<?x3x224x224xf32>, %[[W:.*]]: tensor<64x3x7x7xf32>)
// CHECK: cnn.conv %[[X]], %[[W]] {pads = array<i64: 3, 3, 3, 3>, strides = array<i64: 2, 2>} : (tensor<?x3x224x224xf32>, tensor<64x3x7x7xf32>) -> tensor<?x64x112x112xf32>
func.func @conv_2d_dynamic_batch(%x: tensor<?x3x224x224xf32>, %w: tensor<64x3x7x7xf32>) -> tensor<?x64x112x112xf32> {
  %0 = cnn.conv %x, %w {pads = array<i64: 3, 3, 3, 3>, strides = array<i64: 2, 2>} : (tensor<?x3x224x224xf32>, tensor<64x3x7x7xf32>) -> tensor<?x64x112x112xf32>
  return %0 : tensor<?x64x112x112xf32>
}

// -----

// CHECK-LABEL: func.func @conv_2d_f16(
// CHECK-SAME: %[[X:.*]]: tensor<1x16x32x32xf16>, %[[W:.*]]: tensor<16x16x3x3xf16>, %[[B:.*]]: tensor<16xf16>)
// CHECK: cnn.conv %[[X]], %[[W]], %[[B]] {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x16x32x32xf16>, tensor<16x16x3x3xf16>, tensor<16xf16>) -> tensor<1x16x32x32xf16>
func.func @conv_2d_f16(%x: tensor<1x16x32x32xf16>, %w: tensor<16x16x3x3xf16>, %b: tensor<16xf16>) -> tensor<1x16x32x32xf16> {
  %0 = cnn.conv %x, %w, %b {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x16x32x32xf16>, tensor<16x16x3x3xf16>, tensor<16xf16>) -> tensor<1x16x32x32xf16>
  return %0 : tensor<1x16x32x32xf16>
}

// -----

// (100 + 2 + 2 - 5) / 2 + 1 = 50
// CHECK-LABEL: func.func @conv_1d(
// CHECK-SAME: %[[X:.*]]: tensor<1x16x100xf32>, %[[W:.*]]: tensor<32x16x5xf32>, %[[B:.*]]: tensor<32xf32>)
// CHECK: cnn.conv %[[X]], %[[W]], %[[B]] {pads = array<i64: 2, 2>, strides = array<i64: 2>} : (tensor<1x16x100xf32>, tensor<32x16x5xf32>, tensor<32xf32>) -> tensor<1x32x50xf32>
func.func @conv_1d(%x: tensor<1x16x100xf32>, %w: tensor<32x16x5xf32>, %b: tensor<32xf32>) -> tensor<1x32x50xf32> {
  %0 = cnn.conv %x, %w, %b {pads = array<i64: 2, 2>, strides = array<i64: 2>} : (tensor<1x16x100xf32>, tensor<32x16x5xf32>, tensor<32xf32>) -> tensor<1x32x50xf32>
  return %0 : tensor<1x32x50xf32>
}

// -----

// D: (16 + 1 + 1 - 3) / 1 + 1 = 16; H, W: (112 + 3 + 3 - 7) / 2 + 1 = 56
// CHECK-LABEL: func.func @conv_3d(
// CHECK-SAME: %[[X:.*]]: tensor<2x3x16x112x112xf32>, %[[W:.*]]: tensor<64x3x3x7x7xf32>)
// CHECK: cnn.conv %[[X]], %[[W]] {pads = array<i64: 1, 3, 3, 1, 3, 3>, strides = array<i64: 1, 2, 2>} : (tensor<2x3x16x112x112xf32>, tensor<64x3x3x7x7xf32>) -> tensor<2x64x16x56x56xf32>
func.func @conv_3d(%x: tensor<2x3x16x112x112xf32>, %w: tensor<64x3x3x7x7xf32>) -> tensor<2x64x16x56x56xf32> {
  %0 = cnn.conv %x, %w {pads = array<i64: 1, 3, 3, 1, 3, 3>, strides = array<i64: 1, 2, 2>} : (tensor<2x3x16x112x112xf32>, tensor<64x3x3x7x7xf32>) -> tensor<2x64x16x56x56xf32>
  return %0 : tensor<2x64x16x56x56xf32>
}

// -----

// ResNeXt: 32 groups of 4 channels.
// CHECK-LABEL: func.func @conv_grouped(
// CHECK-SAME: %[[X:.*]]: tensor<1x128x56x56xf32>, %[[W:.*]]: tensor<128x4x3x3xf32>)
// CHECK: cnn.conv %[[X]], %[[W]] {group = 32 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x128x56x56xf32>, tensor<128x4x3x3xf32>) -> tensor<1x128x56x56xf32>
func.func @conv_grouped(%x: tensor<1x128x56x56xf32>, %w: tensor<128x4x3x3xf32>) -> tensor<1x128x56x56xf32> {
  %0 = cnn.conv %x, %w {group = 32 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x128x56x56xf32>, tensor<128x4x3x3xf32>) -> tensor<1x128x56x56xf32>
  return %0 : tensor<1x128x56x56xf32>
}

// -----

// MobileNet depthwise: (112 + 1 + 1 - 3) / 2 + 1 = 56
// CHECK-LABEL: func.func @conv_depthwise(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x112x112xf32>, %[[W:.*]]: tensor<32x1x3x3xf32>, %[[B:.*]]: tensor<32xf32>)
// CHECK: cnn.conv %[[X]], %[[W]], %[[B]] {group = 32 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x32x112x112xf32>, tensor<32x1x3x3xf32>, tensor<32xf32>) -> tensor<1x32x56x56xf32>
func.func @conv_depthwise(%x: tensor<1x32x112x112xf32>, %w: tensor<32x1x3x3xf32>, %b: tensor<32xf32>) -> tensor<1x32x56x56xf32> {
  %0 = cnn.conv %x, %w, %b {group = 32 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x32x112x112xf32>, tensor<32x1x3x3xf32>, tensor<32xf32>) -> tensor<1x32x56x56xf32>
  return %0 : tensor<1x32x56x56xf32>
}

// -----

// Depthwise with channel multiplier 2.
// CHECK-LABEL: func.func @conv_depthwise_multiplier(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x28x28xf32>, %[[W:.*]]: tensor<64x1x5x5xf32>)
// CHECK: cnn.conv %[[X]], %[[W]] {group = 32 : i64, pads = array<i64: 2, 2, 2, 2>} : (tensor<1x32x28x28xf32>, tensor<64x1x5x5xf32>) -> tensor<1x64x28x28xf32>
func.func @conv_depthwise_multiplier(%x: tensor<1x32x28x28xf32>, %w: tensor<64x1x5x5xf32>) -> tensor<1x64x28x28xf32> {
  %0 = cnn.conv %x, %w {group = 32 : i64, pads = array<i64: 2, 2, 2, 2>} : (tensor<1x32x28x28xf32>, tensor<64x1x5x5xf32>) -> tensor<1x64x28x28xf32>
  return %0 : tensor<1x64x28x28xf32>
}

// -----

// Atrous: effective kernel 2 * (3 - 1) + 1 = 5 and 4 * (3 - 1) + 1 = 9;
// (33 + 2 + 2 - 5) + 1 = 33, (33 + 4 + 4 - 9) + 1 = 33
// CHECK-LABEL: func.func @conv_dilated(
// CHECK-SAME: %[[X:.*]]: tensor<1x256x33x33xf32>, %[[W:.*]]: tensor<256x256x3x3xf32>)
// CHECK: cnn.conv %[[X]], %[[W]] {dilations = array<i64: 2, 4>, pads = array<i64: 2, 4, 2, 4>} : (tensor<1x256x33x33xf32>, tensor<256x256x3x3xf32>) -> tensor<1x256x33x33xf32>
func.func @conv_dilated(%x: tensor<1x256x33x33xf32>, %w: tensor<256x256x3x3xf32>) -> tensor<1x256x33x33xf32> {
  %0 = cnn.conv %x, %w {dilations = array<i64: 2, 4>, pads = array<i64: 2, 4, 2, 4>} : (tensor<1x256x33x33xf32>, tensor<256x256x3x3xf32>) -> tensor<1x256x33x33xf32>
  return %0 : tensor<1x256x33x33xf32>
}

// -----

// ceil(224 / 2) = 112
// CHECK-LABEL: func.func @conv_auto_pad_same_upper(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x224x224xf32>, %[[W:.*]]: tensor<32x3x3x3xf32>)
// CHECK: cnn.conv %[[X]], %[[W]] {auto_pad = #cnn.auto_pad<same_upper>, strides = array<i64: 2, 2>} : (tensor<1x3x224x224xf32>, tensor<32x3x3x3xf32>) -> tensor<1x32x112x112xf32>
func.func @conv_auto_pad_same_upper(%x: tensor<1x3x224x224xf32>, %w: tensor<32x3x3x3xf32>) -> tensor<1x32x112x112xf32> {
  %0 = cnn.conv %x, %w {auto_pad = #cnn.auto_pad<same_upper>, strides = array<i64: 2, 2>} : (tensor<1x3x224x224xf32>, tensor<32x3x3x3xf32>) -> tensor<1x32x112x112xf32>
  return %0 : tensor<1x32x112x112xf32>
}

// -----

// ceil(225 / 2) = 113, ceil(75 / 3) = 25
// CHECK-LABEL: func.func @conv_auto_pad_same_lower(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x225x75xf32>, %[[W:.*]]: tensor<8x3x4x4xf32>)
// CHECK: cnn.conv %[[X]], %[[W]] {auto_pad = #cnn.auto_pad<same_lower>, strides = array<i64: 2, 3>} : (tensor<1x3x225x75xf32>, tensor<8x3x4x4xf32>) -> tensor<1x8x113x25xf32>
func.func @conv_auto_pad_same_lower(%x: tensor<1x3x225x75xf32>, %w: tensor<8x3x4x4xf32>) -> tensor<1x8x113x25xf32> {
  %0 = cnn.conv %x, %w {auto_pad = #cnn.auto_pad<same_lower>, strides = array<i64: 2, 3>} : (tensor<1x3x225x75xf32>, tensor<8x3x4x4xf32>) -> tensor<1x8x113x25xf32>
  return %0 : tensor<1x8x113x25xf32>
}

// -----

// LeNet: 28 - 5 + 1 = 24
// CHECK-LABEL: func.func @conv_auto_pad_valid(
// CHECK-SAME: %[[X:.*]]: tensor<1x1x28x28xf32>, %[[W:.*]]: tensor<6x1x5x5xf32>, %[[B:.*]]: tensor<6xf32>)
// CHECK: cnn.conv %[[X]], %[[W]], %[[B]] {auto_pad = #cnn.auto_pad<valid>} : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>, tensor<6xf32>) -> tensor<1x6x24x24xf32>
func.func @conv_auto_pad_valid(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf32>, %b: tensor<6xf32>) -> tensor<1x6x24x24xf32> {
  %0 = cnn.conv %x, %w, %b {auto_pad = #cnn.auto_pad<valid>} : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>, tensor<6xf32>) -> tensor<1x6x24x24xf32>
  return %0 : tensor<1x6x24x24xf32>
}

// -----

// 2 * (10 - 1) + 3 = 21, 2 * (8 - 1) + 3 = 17
// CHECK-LABEL: func.func @conv_transpose_2d(
// CHECK-SAME: %[[X:.*]]: tensor<4x128x10x8xf32>, %[[W:.*]]: tensor<128x32x3x3xf32>)
// CHECK: cnn.conv_transpose %[[X]], %[[W]] {strides = array<i64: 2, 2>} : (tensor<4x128x10x8xf32>, tensor<128x32x3x3xf32>) -> tensor<4x32x21x17xf32>
func.func @conv_transpose_2d(%x: tensor<4x128x10x8xf32>, %w: tensor<128x32x3x3xf32>) -> tensor<4x32x21x17xf32> {
  %0 = cnn.conv_transpose %x, %w {strides = array<i64: 2, 2>} : (tensor<4x128x10x8xf32>, tensor<128x32x3x3xf32>) -> tensor<4x32x21x17xf32>
  return %0 : tensor<4x32x21x17xf32>
}

// -----

// 2 * (50 - 1) + 4 - 1 - 1 = 100
// CHECK-LABEL: func.func @conv_transpose_1d(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x50xf32>, %[[W:.*]]: tensor<32x16x4xf32>, %[[B:.*]]: tensor<16xf32>)
// CHECK: cnn.conv_transpose %[[X]], %[[W]], %[[B]] {pads = array<i64: 1, 1>, strides = array<i64: 2>} : (tensor<1x32x50xf32>, tensor<32x16x4xf32>, tensor<16xf32>) -> tensor<1x16x100xf32>
func.func @conv_transpose_1d(%x: tensor<1x32x50xf32>, %w: tensor<32x16x4xf32>, %b: tensor<16xf32>) -> tensor<1x16x100xf32> {
  %0 = cnn.conv_transpose %x, %w, %b {pads = array<i64: 1, 1>, strides = array<i64: 2>} : (tensor<1x32x50xf32>, tensor<32x16x4xf32>, tensor<16xf32>) -> tensor<1x16x100xf32>
  return %0 : tensor<1x16x100xf32>
}

// -----

// D: 2 * (4 - 1) + 2 = 8; H, W: 2 * (8 - 1) + 2 = 16
// CHECK-LABEL: func.func @conv_transpose_3d(
// CHECK-SAME: %[[X:.*]]: tensor<1x16x4x8x8xf32>, %[[W:.*]]: tensor<16x8x2x2x2xf32>)
// CHECK: cnn.conv_transpose %[[X]], %[[W]] {strides = array<i64: 2, 2, 2>} : (tensor<1x16x4x8x8xf32>, tensor<16x8x2x2x2xf32>) -> tensor<1x8x8x16x16xf32>
func.func @conv_transpose_3d(%x: tensor<1x16x4x8x8xf32>, %w: tensor<16x8x2x2x2xf32>) -> tensor<1x8x8x16x16xf32> {
  %0 = cnn.conv_transpose %x, %w {strides = array<i64: 2, 2, 2>} : (tensor<1x16x4x8x8xf32>, tensor<16x8x2x2x2xf32>) -> tensor<1x8x8x16x16xf32>
  return %0 : tensor<1x8x8x16x16xf32>
}

// -----

// PyTorch ConvTranspose2d(64, 32, 3, stride=2, padding=1, output_padding=1):
// 2 * (16 - 1) + 1 + 3 - 1 - 1 = 32
// CHECK-LABEL: func.func @conv_transpose_output_padding(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x16x16xf32>, %[[W:.*]]: tensor<64x32x3x3xf32>, %[[B:.*]]: tensor<32xf32>)
// CHECK: cnn.conv_transpose %[[X]], %[[W]], %[[B]] {output_padding = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x64x16x16xf32>, tensor<64x32x3x3xf32>, tensor<32xf32>) -> tensor<1x32x32x32xf32>
func.func @conv_transpose_output_padding(%x: tensor<1x64x16x16xf32>, %w: tensor<64x32x3x3xf32>, %b: tensor<32xf32>) -> tensor<1x32x32x32xf32> {
  %0 = cnn.conv_transpose %x, %w, %b {output_padding = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x64x16x16xf32>, tensor<64x32x3x3xf32>, tensor<32xf32>) -> tensor<1x32x32x32xf32>
  return %0 : tensor<1x32x32x32xf32>
}

// -----

// Full output 2 * (16 - 1) + 3 = 33; output_shape picks 31 and 33.
// CHECK-LABEL: func.func @conv_transpose_output_shape(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x16x16xf32>, %[[W:.*]]: tensor<64x32x3x3xf32>)
// CHECK: cnn.conv_transpose %[[X]], %[[W]] {output_shape = array<i64: 31, 33>, strides = array<i64: 2, 2>} : (tensor<1x64x16x16xf32>, tensor<64x32x3x3xf32>) -> tensor<1x32x31x33xf32>
func.func @conv_transpose_output_shape(%x: tensor<1x64x16x16xf32>, %w: tensor<64x32x3x3xf32>) -> tensor<1x32x31x33xf32> {
  %0 = cnn.conv_transpose %x, %w {output_shape = array<i64: 31, 33>, strides = array<i64: 2, 2>} : (tensor<1x64x16x16xf32>, tensor<64x32x3x3xf32>) -> tensor<1x32x31x33xf32>
  return %0 : tensor<1x32x31x33xf32>
}

// -----

// M = 8 * 4 = 32; 2 * (8 - 1) + 4 - 1 - 1 = 16
// CHECK-LABEL: func.func @conv_transpose_grouped(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x8x8xf32>, %[[W:.*]]: tensor<64x8x4x4xf32>)
// CHECK: cnn.conv_transpose %[[X]], %[[W]] {group = 4 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x64x8x8xf32>, tensor<64x8x4x4xf32>) -> tensor<1x32x16x16xf32>
func.func @conv_transpose_grouped(%x: tensor<1x64x8x8xf32>, %w: tensor<64x8x4x4xf32>) -> tensor<1x32x16x16xf32> {
  %0 = cnn.conv_transpose %x, %w {group = 4 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x64x8x8xf32>, tensor<64x8x4x4xf32>) -> tensor<1x32x16x16xf32>
  return %0 : tensor<1x32x16x16xf32>
}

// -----

// (10 - 1) + 2 * (3 - 1) + 1 = 14
// CHECK-LABEL: func.func @conv_transpose_dilated(
// CHECK-SAME: %[[X:.*]]: tensor<1x16x10x10xf32>, %[[W:.*]]: tensor<16x8x3x3xf32>)
// CHECK: cnn.conv_transpose %[[X]], %[[W]] {dilations = array<i64: 2, 2>} : (tensor<1x16x10x10xf32>, tensor<16x8x3x3xf32>) -> tensor<1x8x14x14xf32>
func.func @conv_transpose_dilated(%x: tensor<1x16x10x10xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<1x8x14x14xf32> {
  %0 = cnn.conv_transpose %x, %w {dilations = array<i64: 2, 2>} : (tensor<1x16x10x10xf32>, tensor<16x8x3x3xf32>) -> tensor<1x8x14x14xf32>
  return %0 : tensor<1x8x14x14xf32>
}

// -----

// 7 * 2 = 14
// CHECK-LABEL: func.func @conv_transpose_auto_pad_same_upper(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x7x7xf32>, %[[W:.*]]: tensor<32x16x3x3xf32>)
// CHECK: cnn.conv_transpose %[[X]], %[[W]] {auto_pad = #cnn.auto_pad<same_upper>, strides = array<i64: 2, 2>} : (tensor<1x32x7x7xf32>, tensor<32x16x3x3xf32>) -> tensor<1x16x14x14xf32>
func.func @conv_transpose_auto_pad_same_upper(%x: tensor<1x32x7x7xf32>, %w: tensor<32x16x3x3xf32>) -> tensor<1x16x14x14xf32> {
  %0 = cnn.conv_transpose %x, %w {auto_pad = #cnn.auto_pad<same_upper>, strides = array<i64: 2, 2>} : (tensor<1x32x7x7xf32>, tensor<32x16x3x3xf32>) -> tensor<1x16x14x14xf32>
  return %0 : tensor<1x16x14x14xf32>
}

// -----

// CHECK-LABEL: func.func @conv_transpose_auto_pad_same_lower(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x7x5xf32>, %[[W:.*]]: tensor<32x16x3x3xf32>)
// CHECK: cnn.conv_transpose %[[X]], %[[W]] {auto_pad = #cnn.auto_pad<same_lower>, strides = array<i64: 2, 2>} : (tensor<1x32x7x5xf32>, tensor<32x16x3x3xf32>) -> tensor<1x16x14x10xf32>
func.func @conv_transpose_auto_pad_same_lower(%x: tensor<1x32x7x5xf32>, %w: tensor<32x16x3x3xf32>) -> tensor<1x16x14x10xf32> {
  %0 = cnn.conv_transpose %x, %w {auto_pad = #cnn.auto_pad<same_lower>, strides = array<i64: 2, 2>} : (tensor<1x32x7x5xf32>, tensor<32x16x3x3xf32>) -> tensor<1x16x14x10xf32>
  return %0 : tensor<1x16x14x10xf32>
}

// -----

// valid: no padding, 2 * (7 - 1) + 3 = 15
// CHECK-LABEL: func.func @conv_transpose_auto_pad_valid(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x7x7xf32>, %[[W:.*]]: tensor<32x16x3x3xf32>)
// CHECK: cnn.conv_transpose %[[X]], %[[W]] {auto_pad = #cnn.auto_pad<valid>, strides = array<i64: 2, 2>} : (tensor<1x32x7x7xf32>, tensor<32x16x3x3xf32>) -> tensor<1x16x15x15xf32>
func.func @conv_transpose_auto_pad_valid(%x: tensor<1x32x7x7xf32>, %w: tensor<32x16x3x3xf32>) -> tensor<1x16x15x15xf32> {
  %0 = cnn.conv_transpose %x, %w {auto_pad = #cnn.auto_pad<valid>, strides = array<i64: 2, 2>} : (tensor<1x32x7x7xf32>, tensor<32x16x3x3xf32>) -> tensor<1x16x15x15xf32>
  return %0 : tensor<1x16x15x15xf32>
}

// -----

// ResNet stem: (112 + 1 + 1 - 3) / 2 + 1 = 56
// CHECK-LABEL: func.func @max_pool_2d(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x112x112xf32>)
// CHECK: cnn.max_pool %[[X]] {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32>
func.func @max_pool_2d(%x: tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.max_pool %x {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// -----

// CHECK-LABEL: func.func @max_pool_1d(
// CHECK-SAME: %[[X:.*]]: tensor<8x128x100xf32>)
// CHECK: cnn.max_pool %[[X]] {kernel_shape = array<i64: 2>, strides = array<i64: 2>} : (tensor<8x128x100xf32>) -> tensor<8x128x50xf32>
func.func @max_pool_1d(%x: tensor<8x128x100xf32>) -> tensor<8x128x50xf32> {
  %0 = cnn.max_pool %x {kernel_shape = array<i64: 2>, strides = array<i64: 2>} : (tensor<8x128x100xf32>) -> tensor<8x128x50xf32>
  return %0 : tensor<8x128x50xf32>
}

// -----

// D: (16 - 1) / 1 + 1 = 16; H, W: (56 - 3) / 2 + 1 = 27
// CHECK-LABEL: func.func @max_pool_3d(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x16x56x56xf32>)
// CHECK: cnn.max_pool %[[X]] {kernel_shape = array<i64: 1, 3, 3>, strides = array<i64: 1, 2, 2>} : (tensor<1x64x16x56x56xf32>) -> tensor<1x64x16x27x27xf32>
func.func @max_pool_3d(%x: tensor<1x64x16x56x56xf32>) -> tensor<1x64x16x27x27xf32> {
  %0 = cnn.max_pool %x {kernel_shape = array<i64: 1, 3, 3>, strides = array<i64: 1, 2, 2>} : (tensor<1x64x16x56x56xf32>) -> tensor<1x64x16x27x27xf32>
  return %0 : tensor<1x64x16x27x27xf32>
}

// -----

// CHECK-LABEL: func.func @max_pool_with_indices(
// CHECK-SAME: %[[X:.*]]: tensor<1x1x4x4xf32>)
// CHECK: cnn.max_pool %[[X]] {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x1x4x4xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>)
func.func @max_pool_with_indices(%x: tensor<1x1x4x4xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>) {
  %0, %1 = cnn.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x1x4x4xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>)
  return %0, %1 : tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>
}

// -----

// CHECK-LABEL: func.func @max_pool_with_indices_column_major(
// CHECK-SAME: %[[X:.*]]: tensor<1x16x8x8xf16>)
// CHECK: cnn.max_pool %[[X]] {kernel_shape = array<i64: 2, 2>, storage_order = 1 : i64} : (tensor<1x16x8x8xf16>) -> (tensor<1x16x7x7xf16>, tensor<1x16x7x7xi64>)
func.func @max_pool_with_indices_column_major(%x: tensor<1x16x8x8xf16>) -> (tensor<1x16x7x7xf16>, tensor<1x16x7x7xi64>) {
  %0, %1 = cnn.max_pool %x {kernel_shape = array<i64: 2, 2>, storage_order = 1 : i64} : (tensor<1x16x8x8xf16>) -> (tensor<1x16x7x7xf16>, tensor<1x16x7x7xi64>)
  return %0, %1 : tensor<1x16x7x7xf16>, tensor<1x16x7x7xi64>
}

// -----

// GoogLeNet: ceil((112 - 3) / 2) + 1 = 56 (floor would give 55)
// CHECK-LABEL: func.func @max_pool_ceil_mode(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x112x112xf32>)
// CHECK: cnn.max_pool %[[X]] {ceil_mode = true, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32>
func.func @max_pool_ceil_mode(%x: tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.max_pool %x {ceil_mode = true, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// -----

// ceil((5 + 1 + 1 - 2) / 2) + 1 = 4, but the 4th window would start at
// padded index 6, in the end padding, so it is dropped: 3
// CHECK-LABEL: func.func @max_pool_ceil_mode_drop_last_window(
// CHECK-SAME: %[[X:.*]]: tensor<1x1x5x5xf32>)
// CHECK: cnn.max_pool %[[X]] {ceil_mode = true, kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x1x5x5xf32>) -> tensor<1x1x3x3xf32>
func.func @max_pool_ceil_mode_drop_last_window(%x: tensor<1x1x5x5xf32>) -> tensor<1x1x3x3xf32> {
  %0 = cnn.max_pool %x {ceil_mode = true, kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x1x5x5xf32>) -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

// effective kernel 2 * (2 - 1) + 1 = 3: 8 - 3 + 1 = 6
// CHECK-LABEL: func.func @max_pool_dilated(
// CHECK-SAME: %[[X:.*]]: tensor<1x4x8x8xf32>)
// CHECK: cnn.max_pool %[[X]] {dilations = array<i64: 2, 2>, kernel_shape = array<i64: 2, 2>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x6x6xf32>
func.func @max_pool_dilated(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x6x6xf32> {
  %0 = cnn.max_pool %x {dilations = array<i64: 2, 2>, kernel_shape = array<i64: 2, 2>} : (tensor<1x4x8x8xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

// ceil(13 / 2) = 7
// CHECK-LABEL: func.func @max_pool_auto_pad_same_upper(
// CHECK-SAME: %[[X:.*]]: tensor<1x256x13x13xf32>)
// CHECK: cnn.max_pool %[[X]] {auto_pad = #cnn.auto_pad<same_upper>, kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x256x13x13xf32>) -> tensor<1x256x7x7xf32>
func.func @max_pool_auto_pad_same_upper(%x: tensor<1x256x13x13xf32>) -> tensor<1x256x7x7xf32> {
  %0 = cnn.max_pool %x {auto_pad = #cnn.auto_pad<same_upper>, kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x256x13x13xf32>) -> tensor<1x256x7x7xf32>
  return %0 : tensor<1x256x7x7xf32>
}

// -----

// CHECK-LABEL: func.func @max_pool_auto_pad_same_lower(
// CHECK-SAME: %[[X:.*]]: tensor<1x512x13x13xf32>)
// CHECK: cnn.max_pool %[[X]] {auto_pad = #cnn.auto_pad<same_lower>, kernel_shape = array<i64: 2, 2>} : (tensor<1x512x13x13xf32>) -> tensor<1x512x13x13xf32>
func.func @max_pool_auto_pad_same_lower(%x: tensor<1x512x13x13xf32>) -> tensor<1x512x13x13xf32> {
  %0 = cnn.max_pool %x {auto_pad = #cnn.auto_pad<same_lower>, kernel_shape = array<i64: 2, 2>} : (tensor<1x512x13x13xf32>) -> tensor<1x512x13x13xf32>
  return %0 : tensor<1x512x13x13xf32>
}

// -----

// AlexNet: (55 - 3) / 2 + 1 = 27
// CHECK-LABEL: func.func @max_pool_auto_pad_valid(
// CHECK-SAME: %[[X:.*]]: tensor<1x96x55x55xf32>)
// CHECK: cnn.max_pool %[[X]] {auto_pad = #cnn.auto_pad<valid>, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x96x55x55xf32>) -> tensor<1x96x27x27xf32>
func.func @max_pool_auto_pad_valid(%x: tensor<1x96x55x55xf32>) -> tensor<1x96x27x27xf32> {
  %0 = cnn.max_pool %x {auto_pad = #cnn.auto_pad<valid>, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x96x55x55xf32>) -> tensor<1x96x27x27xf32>
  return %0 : tensor<1x96x27x27xf32>
}

// -----

// CHECK-LABEL: func.func @avg_pool_2d(
// CHECK-SAME: %[[X:.*]]: tensor<1x8x7x7xf32>)
// CHECK: cnn.avg_pool %[[X]] {count_include_pad = true, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x7x7xf32>) -> tensor<1x8x7x7xf32>
func.func @avg_pool_2d(%x: tensor<1x8x7x7xf32>) -> tensor<1x8x7x7xf32> {
  %0 = cnn.avg_pool %x {count_include_pad = true, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x7x7xf32>) -> tensor<1x8x7x7xf32>
  return %0 : tensor<1x8x7x7xf32>
}

// -----

// DenseNet transition: (56 - 2) / 2 + 1 = 28
// CHECK-LABEL: func.func @avg_pool_strided(
// CHECK-SAME: %[[X:.*]]: tensor<1x128x56x56xf32>)
// CHECK: cnn.avg_pool %[[X]] {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x128x56x56xf32>) -> tensor<1x128x28x28xf32>
func.func @avg_pool_strided(%x: tensor<1x128x56x56xf32>) -> tensor<1x128x28x28xf32> {
  %0 = cnn.avg_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x128x56x56xf32>) -> tensor<1x128x28x28xf32>
  return %0 : tensor<1x128x28x28xf32>
}

// -----

// CHECK-LABEL: func.func @avg_pool_1d(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x31xf32>)
// CHECK: cnn.avg_pool %[[X]] {kernel_shape = array<i64: 3>, strides = array<i64: 2>} : (tensor<1x64x31xf32>) -> tensor<1x64x15xf32>
func.func @avg_pool_1d(%x: tensor<1x64x31xf32>) -> tensor<1x64x15xf32> {
  %0 = cnn.avg_pool %x {kernel_shape = array<i64: 3>, strides = array<i64: 2>} : (tensor<1x64x31xf32>) -> tensor<1x64x15xf32>
  return %0 : tensor<1x64x15xf32>
}

// -----

// CHECK-LABEL: func.func @avg_pool_3d(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x8x28x28xf32>)
// CHECK: cnn.avg_pool %[[X]] {kernel_shape = array<i64: 2, 2, 2>, strides = array<i64: 2, 2, 2>} : (tensor<1x32x8x28x28xf32>) -> tensor<1x32x4x14x14xf32>
func.func @avg_pool_3d(%x: tensor<1x32x8x28x28xf32>) -> tensor<1x32x4x14x14xf32> {
  %0 = cnn.avg_pool %x {kernel_shape = array<i64: 2, 2, 2>, strides = array<i64: 2, 2, 2>} : (tensor<1x32x8x28x28xf32>) -> tensor<1x32x4x14x14xf32>
  return %0 : tensor<1x32x4x14x14xf32>
}

// -----

// ceil((10 - 3) / 2) + 1 = 5 (floor would give 4)
// CHECK-LABEL: func.func @avg_pool_ceil_mode(
// CHECK-SAME: %[[X:.*]]: tensor<1x16x10x10xf32>)
// CHECK: cnn.avg_pool %[[X]] {ceil_mode = true, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x16x10x10xf32>) -> tensor<1x16x5x5xf32>
func.func @avg_pool_ceil_mode(%x: tensor<1x16x10x10xf32>) -> tensor<1x16x5x5xf32> {
  %0 = cnn.avg_pool %x {ceil_mode = true, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x16x10x10xf32>) -> tensor<1x16x5x5xf32>
  return %0 : tensor<1x16x5x5xf32>
}

// -----

// effective kernel 3: (12 + 1 + 1 - 3) / 1 + 1 = 12
// CHECK-LABEL: func.func @avg_pool_dilated(
// CHECK-SAME: %[[X:.*]]: tensor<1x4x12x12xf32>)
// CHECK: cnn.avg_pool %[[X]] {dilations = array<i64: 2, 2>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x12x12xf32>) -> tensor<1x4x12x12xf32>
func.func @avg_pool_dilated(%x: tensor<1x4x12x12xf32>) -> tensor<1x4x12x12xf32> {
  %0 = cnn.avg_pool %x {dilations = array<i64: 2, 2>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x12x12xf32>) -> tensor<1x4x12x12xf32>
  return %0 : tensor<1x4x12x12xf32>
}

// -----

// CHECK-LABEL: func.func @avg_pool_auto_pad_same_upper(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x35x35xf32>)
// CHECK: cnn.avg_pool %[[X]] {auto_pad = #cnn.auto_pad<same_upper>, kernel_shape = array<i64: 3, 3>} : (tensor<1x32x35x35xf32>) -> tensor<1x32x35x35xf32>
func.func @avg_pool_auto_pad_same_upper(%x: tensor<1x32x35x35xf32>) -> tensor<1x32x35x35xf32> {
  %0 = cnn.avg_pool %x {auto_pad = #cnn.auto_pad<same_upper>, kernel_shape = array<i64: 3, 3>} : (tensor<1x32x35x35xf32>) -> tensor<1x32x35x35xf32>
  return %0 : tensor<1x32x35x35xf32>
}

// -----

// CHECK-LABEL: func.func @avg_pool_auto_pad_same_lower(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x35x35xf32>)
// CHECK: cnn.avg_pool %[[X]] {auto_pad = #cnn.auto_pad<same_lower>, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x32x35x35xf32>) -> tensor<1x32x18x18xf32>
func.func @avg_pool_auto_pad_same_lower(%x: tensor<1x32x35x35xf32>) -> tensor<1x32x18x18xf32> {
  %0 = cnn.avg_pool %x {auto_pad = #cnn.auto_pad<same_lower>, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x32x35x35xf32>) -> tensor<1x32x18x18xf32>
  return %0 : tensor<1x32x18x18xf32>
}

// -----

// (35 - 3) / 2 + 1 = 17
// CHECK-LABEL: func.func @avg_pool_auto_pad_valid(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x35x35xf32>)
// CHECK: cnn.avg_pool %[[X]] {auto_pad = #cnn.auto_pad<valid>, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x32x35x35xf32>) -> tensor<1x32x17x17xf32>
func.func @avg_pool_auto_pad_valid(%x: tensor<1x32x35x35xf32>) -> tensor<1x32x17x17xf32> {
  %0 = cnn.avg_pool %x {auto_pad = #cnn.auto_pad<valid>, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x32x35x35xf32>) -> tensor<1x32x17x17xf32>
  return %0 : tensor<1x32x17x17xf32>
}

// -----

// (2 - 1) * 2 + 2 = 4
// CHECK-LABEL: func.func @max_unpool(
// CHECK-SAME: %[[X:.*]]: tensor<1x1x2x2xf32>, %[[I:.*]]: tensor<1x1x2x2xi64>)
// CHECK: cnn.max_unpool %[[X]], %[[I]] {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>) -> tensor<1x1x4x4xf32>
func.func @max_unpool(%x: tensor<1x1x2x2xf32>, %i: tensor<1x1x2x2xi64>) -> tensor<1x1x4x4xf32> {
  %0 = cnn.max_unpool %x, %i {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

// (3 - 1) * 2 + 3 - 1 - 1 = 5
// CHECK-LABEL: func.func @max_unpool_pads(
// CHECK-SAME: %[[X:.*]]: tensor<1x16x3x3xf32>, %[[I:.*]]: tensor<1x16x3x3xi64>)
// CHECK: cnn.max_unpool %[[X]], %[[I]] {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x16x3x3xf32>, tensor<1x16x3x3xi64>) -> tensor<1x16x5x5xf32>
func.func @max_unpool_pads(%x: tensor<1x16x3x3xf32>, %i: tensor<1x16x3x3xi64>) -> tensor<1x16x5x5xf32> {
  %0 = cnn.max_unpool %x, %i {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x16x3x3xf32>, tensor<1x16x3x3xi64>) -> tensor<1x16x5x5xf32>
  return %0 : tensor<1x16x5x5xf32>
}

// -----

// The default would be (56 - 1) * 2 + 3 - 1 - 1 = 111; output_shape picks 112.
// CHECK-LABEL: func.func @max_unpool_output_shape(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x56x56xf32>, %[[I:.*]]: tensor<1x64x56x56xi64>)
// CHECK: cnn.max_unpool %[[X]], %[[I]] {kernel_shape = array<i64: 3, 3>, output_shape = array<i64: 1, 64, 112, 112>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x64x56x56xf32>, tensor<1x64x56x56xi64>) -> tensor<1x64x112x112xf32>
func.func @max_unpool_output_shape(%x: tensor<1x64x56x56xf32>, %i: tensor<1x64x56x56xi64>) -> tensor<1x64x112x112xf32> {
  %0 = cnn.max_unpool %x, %i {kernel_shape = array<i64: 3, 3>, output_shape = array<i64: 1, 64, 112, 112>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x64x56x56xf32>, tensor<1x64x56x56xi64>) -> tensor<1x64x112x112xf32>
  return %0 : tensor<1x64x112x112xf32>
}

// -----

// CHECK-LABEL: func.func @global_avg_pool(
// CHECK-SAME: %[[X:.*]]: tensor<1x2048x7x7xf32>)
// CHECK: cnn.global_avg_pool %[[X]] : (tensor<1x2048x7x7xf32>) -> tensor<1x2048x1x1xf32>
func.func @global_avg_pool(%x: tensor<1x2048x7x7xf32>) -> tensor<1x2048x1x1xf32> {
  %0 = cnn.global_avg_pool %x : (tensor<1x2048x7x7xf32>) -> tensor<1x2048x1x1xf32>
  return %0 : tensor<1x2048x1x1xf32>
}

// -----

// CHECK-LABEL: func.func @global_avg_pool_3d(
// CHECK-SAME: %[[X:.*]]: tensor<2x512x4x7x7xf32>)
// CHECK: cnn.global_avg_pool %[[X]] : (tensor<2x512x4x7x7xf32>) -> tensor<2x512x1x1x1xf32>
func.func @global_avg_pool_3d(%x: tensor<2x512x4x7x7xf32>) -> tensor<2x512x1x1x1xf32> {
  %0 = cnn.global_avg_pool %x : (tensor<2x512x4x7x7xf32>) -> tensor<2x512x1x1x1xf32>
  return %0 : tensor<2x512x1x1x1xf32>
}

// -----

// CHECK-LABEL: func.func @global_max_pool(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x7x7xf32>)
// CHECK: cnn.global_max_pool %[[X]] : (tensor<1x64x7x7xf32>) -> tensor<1x64x1x1xf32>
func.func @global_max_pool(%x: tensor<1x64x7x7xf32>) -> tensor<1x64x1x1xf32> {
  %0 = cnn.global_max_pool %x : (tensor<1x64x7x7xf32>) -> tensor<1x64x1x1xf32>
  return %0 : tensor<1x64x1x1xf32>
}

// -----

// CHECK-LABEL: func.func @global_max_pool_1d(
// CHECK-SAME: %[[X:.*]]: tensor<4x128x50xf32>)
// CHECK: cnn.global_max_pool %[[X]] : (tensor<4x128x50xf32>) -> tensor<4x128x1xf32>
func.func @global_max_pool_1d(%x: tensor<4x128x50xf32>) -> tensor<4x128x1xf32> {
  %0 = cnn.global_max_pool %x : (tensor<4x128x50xf32>) -> tensor<4x128x1xf32>
  return %0 : tensor<4x128x1xf32>
}

// -----

// The ONNX defaults (nearest, half_pixel, round_prefer_floor) are not printed.
// CHECK-LABEL: func.func @resize_nearest_defaults(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x20x20xf32>)
// CHECK: cnn.resize %[[X]] {scales = array<f32: 1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00>} : (tensor<1x64x20x20xf32>) -> tensor<1x64x40x40xf32>
func.func @resize_nearest_defaults(%x: tensor<1x64x20x20xf32>) -> tensor<1x64x40x40xf32> {
  %0 = cnn.resize %x {coordinate_transformation_mode = #cnn.coord_mode<half_pixel>, mode = #cnn.resize_mode<nearest>, nearest_mode = #cnn.nearest_mode<round_prefer_floor>, scales = array<f32: 1.0, 1.0, 2.0, 2.0>} : (tensor<1x64x20x20xf32>) -> tensor<1x64x40x40xf32>
  return %0 : tensor<1x64x40x40xf32>
}

// -----

// YOLOv3 Upsample.
// CHECK-LABEL: func.func @resize_nearest_asymmetric_floor(
// CHECK-SAME: %[[X:.*]]: tensor<1x256x13x13xf32>)
// CHECK: cnn.resize %[[X]] {coordinate_transformation_mode = #cnn.coord_mode<asymmetric>, nearest_mode = #cnn.nearest_mode<floor>, scales = array<f32: 1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00>} : (tensor<1x256x13x13xf32>) -> tensor<1x256x26x26xf32>
func.func @resize_nearest_asymmetric_floor(%x: tensor<1x256x13x13xf32>) -> tensor<1x256x26x26xf32> {
  %0 = cnn.resize %x {coordinate_transformation_mode = #cnn.coord_mode<asymmetric>, nearest_mode = #cnn.nearest_mode<floor>, scales = array<f32: 1.0, 1.0, 2.0, 2.0>} : (tensor<1x256x13x13xf32>) -> tensor<1x256x26x26xf32>
  return %0 : tensor<1x256x26x26xf32>
}

// -----

// Output sizes given directly.
// CHECK-LABEL: func.func @resize_nearest_round_prefer_ceil_sizes(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x10x10xf32>)
// CHECK: cnn.resize %[[X]] {nearest_mode = #cnn.nearest_mode<round_prefer_ceil>, sizes = array<i64: 1, 3, 15, 25>} : (tensor<1x3x10x10xf32>) -> tensor<1x3x15x25xf32>
func.func @resize_nearest_round_prefer_ceil_sizes(%x: tensor<1x3x10x10xf32>) -> tensor<1x3x15x25xf32> {
  %0 = cnn.resize %x {nearest_mode = #cnn.nearest_mode<round_prefer_ceil>, sizes = array<i64: 1, 3, 15, 25>} : (tensor<1x3x10x10xf32>) -> tensor<1x3x15x25xf32>
  return %0 : tensor<1x3x15x25xf32>
}

// -----

// 4 * 1.5 = 6
// CHECK-LABEL: func.func @resize_nearest_align_corners_ceil(
// CHECK-SAME: %[[X:.*]]: tensor<1x1x4x4xf32>)
// CHECK: cnn.resize %[[X]] {coordinate_transformation_mode = #cnn.coord_mode<align_corners>, nearest_mode = #cnn.nearest_mode<ceil>, scales = array<f32: 1.000000e+00, 1.000000e+00, 1.500000e+00, 1.500000e+00>} : (tensor<1x1x4x4xf32>) -> tensor<1x1x6x6xf32>
func.func @resize_nearest_align_corners_ceil(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x6x6xf32> {
  %0 = cnn.resize %x {coordinate_transformation_mode = #cnn.coord_mode<align_corners>, nearest_mode = #cnn.nearest_mode<ceil>, scales = array<f32: 1.0, 1.0, 1.5, 1.5>} : (tensor<1x1x4x4xf32>) -> tensor<1x1x6x6xf32>
  return %0 : tensor<1x1x6x6xf32>
}

// -----

// CHECK-LABEL: func.func @resize_linear_half_pixel(
// CHECK-SAME: %[[X:.*]]: tensor<1x8x16x16xf32>)
// CHECK: cnn.resize %[[X]] {mode = #cnn.resize_mode<linear>, scales = array<f32: 1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00>} : (tensor<1x8x16x16xf32>) -> tensor<1x8x32x32xf32>
func.func @resize_linear_half_pixel(%x: tensor<1x8x16x16xf32>) -> tensor<1x8x32x32xf32> {
  %0 = cnn.resize %x {mode = #cnn.resize_mode<linear>, scales = array<f32: 1.0, 1.0, 2.0, 2.0>} : (tensor<1x8x16x16xf32>) -> tensor<1x8x32x32xf32>
  return %0 : tensor<1x8x32x32xf32>
}

// -----

// floor(10 * 0.75) = 7
// CHECK-LABEL: func.func @resize_linear_half_pixel_symmetric(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x10x10xf32>)
// CHECK: cnn.resize %[[X]] {coordinate_transformation_mode = #cnn.coord_mode<half_pixel_symmetric>, mode = #cnn.resize_mode<linear>, scales = array<f32: 1.000000e+00, 1.000000e+00, 7.500000e-01, 7.500000e-01>} : (tensor<1x3x10x10xf32>) -> tensor<1x3x7x7xf32>
func.func @resize_linear_half_pixel_symmetric(%x: tensor<1x3x10x10xf32>) -> tensor<1x3x7x7xf32> {
  %0 = cnn.resize %x {coordinate_transformation_mode = #cnn.coord_mode<half_pixel_symmetric>, mode = #cnn.resize_mode<linear>, scales = array<f32: 1.0, 1.0, 0.75, 0.75>} : (tensor<1x3x10x10xf32>) -> tensor<1x3x7x7xf32>
  return %0 : tensor<1x3x7x7xf32>
}

// -----

// floor(33 * 0.5) = 16
// CHECK-LABEL: func.func @resize_linear_pytorch_half_pixel(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x33x33xf32>)
// CHECK: cnn.resize %[[X]] {coordinate_transformation_mode = #cnn.coord_mode<pytorch_half_pixel>, mode = #cnn.resize_mode<linear>, scales = array<f32: 1.000000e+00, 1.000000e+00, 5.000000e-01, 5.000000e-01>} : (tensor<1x3x33x33xf32>) -> tensor<1x3x16x16xf32>
func.func @resize_linear_pytorch_half_pixel(%x: tensor<1x3x33x33xf32>) -> tensor<1x3x16x16xf32> {
  %0 = cnn.resize %x {coordinate_transformation_mode = #cnn.coord_mode<pytorch_half_pixel>, mode = #cnn.resize_mode<linear>, scales = array<f32: 1.0, 1.0, 0.5, 0.5>} : (tensor<1x3x33x33xf32>) -> tensor<1x3x16x16xf32>
  return %0 : tensor<1x3x16x16xf32>
}

// -----

// DeepLab: bilinear with align_corners to the input resolution.
// CHECK-LABEL: func.func @resize_linear_align_corners_sizes(
// CHECK-SAME: %[[X:.*]]: tensor<1x21x65x65xf32>)
// CHECK: cnn.resize %[[X]] {coordinate_transformation_mode = #cnn.coord_mode<align_corners>, mode = #cnn.resize_mode<linear>, sizes = array<i64: 1, 21, 513, 513>} : (tensor<1x21x65x65xf32>) -> tensor<1x21x513x513xf32>
func.func @resize_linear_align_corners_sizes(%x: tensor<1x21x65x65xf32>) -> tensor<1x21x513x513xf32> {
  %0 = cnn.resize %x {coordinate_transformation_mode = #cnn.coord_mode<align_corners>, mode = #cnn.resize_mode<linear>, sizes = array<i64: 1, 21, 513, 513>} : (tensor<1x21x65x65xf32>) -> tensor<1x21x513x513xf32>
  return %0 : tensor<1x21x513x513xf32>
}

// -----

// CHECK-LABEL: func.func @resize_linear_1d(
// CHECK-SAME: %[[X:.*]]: tensor<1x4x10xf32>)
// CHECK: cnn.resize %[[X]] {mode = #cnn.resize_mode<linear>, scales = array<f32: 1.000000e+00, 1.000000e+00, 3.000000e+00>} : (tensor<1x4x10xf32>) -> tensor<1x4x30xf32>
func.func @resize_linear_1d(%x: tensor<1x4x10xf32>) -> tensor<1x4x30xf32> {
  %0 = cnn.resize %x {mode = #cnn.resize_mode<linear>, scales = array<f32: 1.0, 1.0, 3.0>} : (tensor<1x4x10xf32>) -> tensor<1x4x30xf32>
  return %0 : tensor<1x4x30xf32>
}

// -----

// 3-D U-Net upsampling (trilinear).
// CHECK-LABEL: func.func @resize_linear_3d(
// CHECK-SAME: %[[X:.*]]: tensor<1x16x8x8x8xf32>)
// CHECK: cnn.resize %[[X]] {mode = #cnn.resize_mode<linear>, scales = array<f32: 1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00, 2.000000e+00>} : (tensor<1x16x8x8x8xf32>) -> tensor<1x16x16x16x16xf32>
func.func @resize_linear_3d(%x: tensor<1x16x8x8x8xf32>) -> tensor<1x16x16x16x16xf32> {
  %0 = cnn.resize %x {mode = #cnn.resize_mode<linear>, scales = array<f32: 1.0, 1.0, 2.0, 2.0, 2.0>} : (tensor<1x16x8x8x8xf32>) -> tensor<1x16x16x16x16xf32>
  return %0 : tensor<1x16x16x16x16xf32>
}

// -----

// CHECK-LABEL: func.func @resize_cubic(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x64x64xf32>)
// CHECK: cnn.resize %[[X]] {cubic_coeff_a = -5.000000e-01 : f32, exclude_outside = true, mode = #cnn.resize_mode<cubic>, scales = array<f32: 1.000000e+00, 1.000000e+00, 4.000000e+00, 4.000000e+00>} : (tensor<1x3x64x64xf32>) -> tensor<1x3x256x256xf32>
func.func @resize_cubic(%x: tensor<1x3x64x64xf32>) -> tensor<1x3x256x256xf32> {
  %0 = cnn.resize %x {cubic_coeff_a = -5.000000e-01 : f32, exclude_outside = true, mode = #cnn.resize_mode<cubic>, scales = array<f32: 1.0, 1.0, 4.0, 4.0>} : (tensor<1x3x64x64xf32>) -> tensor<1x3x256x256xf32>
  return %0 : tensor<1x3x256x256xf32>
}

// -----

// floor(32 * (0.75 - 0.25) * 2) = 32
// CHECK-LABEL: func.func @resize_tf_crop_and_resize(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x32x32xf32>)
// CHECK: cnn.resize %[[X]] {coordinate_transformation_mode = #cnn.coord_mode<tf_crop_and_resize>, extrapolation_value = -1.000000e+00 : f32, mode = #cnn.resize_mode<linear>, roi = array<f32: 0.000000e+00, 0.000000e+00, 2.500000e-01, 2.500000e-01, 1.000000e+00, 1.000000e+00, 7.500000e-01, 7.500000e-01>, scales = array<f32: 1.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00>} : (tensor<1x3x32x32xf32>) -> tensor<1x3x32x32xf32>
func.func @resize_tf_crop_and_resize(%x: tensor<1x3x32x32xf32>) -> tensor<1x3x32x32xf32> {
  %0 = cnn.resize %x {coordinate_transformation_mode = #cnn.coord_mode<tf_crop_and_resize>, extrapolation_value = -1.000000e+00 : f32, mode = #cnn.resize_mode<linear>, roi = array<f32: 0.0, 0.0, 0.25, 0.25, 1.0, 1.0, 0.75, 0.75>, scales = array<f32: 1.0, 1.0, 2.0, 2.0>} : (tensor<1x3x32x32xf32>) -> tensor<1x3x32x32xf32>
  return %0 : tensor<1x3x32x32xf32>
}

// -----

// CHECK-LABEL: func.func @resize_tf_crop_and_resize_sizes(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x32x32xf32>)
// CHECK: cnn.resize %[[X]] {coordinate_transformation_mode = #cnn.coord_mode<tf_crop_and_resize>, mode = #cnn.resize_mode<linear>, roi = array<f32: 0.000000e+00, 0.000000e+00, 2.500000e-01, 5.000000e-01, 1.000000e+00, 1.000000e+00, 7.500000e-01, 1.000000e+00>, sizes = array<i64: 1, 3, 7, 7>} : (tensor<1x3x32x32xf32>) -> tensor<1x3x7x7xf32>
func.func @resize_tf_crop_and_resize_sizes(%x: tensor<1x3x32x32xf32>) -> tensor<1x3x7x7xf32> {
  %0 = cnn.resize %x {coordinate_transformation_mode = #cnn.coord_mode<tf_crop_and_resize>, mode = #cnn.resize_mode<linear>, roi = array<f32: 0.0, 0.0, 0.25, 0.5, 1.0, 1.0, 0.75, 1.0>, sizes = array<i64: 1, 3, 7, 7>} : (tensor<1x3x32x32xf32>) -> tensor<1x3x7x7xf32>
  return %0 : tensor<1x3x7x7xf32>
}

// -----

// CHECK-LABEL: func.func @batch_norm(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x112x112xf32>, %[[SCALE:.*]]: tensor<64xf32>, %[[BIAS:.*]]: tensor<64xf32>, %[[MEAN:.*]]: tensor<64xf32>, %[[VAR:.*]]: tensor<64xf32>)
// CHECK: cnn.batch_norm %[[X]], %[[SCALE]], %[[BIAS]], %[[MEAN]], %[[VAR]] {epsilon = 1.000000e-03 : f32} : (tensor<1x64x112x112xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x112x112xf32>
func.func @batch_norm(%x: tensor<1x64x112x112xf32>, %scale: tensor<64xf32>, %bias: tensor<64xf32>, %mean: tensor<64xf32>, %var: tensor<64xf32>) -> tensor<1x64x112x112xf32> {
  %0 = cnn.batch_norm %x, %scale, %bias, %mean, %var {epsilon = 1.000000e-03 : f32} : (tensor<1x64x112x112xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x112x112xf32>
  return %0 : tensor<1x64x112x112xf32>
}

// -----

// BatchNorm1d after a dense layer: [N, C].
// CHECK-LABEL: func.func @batch_norm_2d_input(
// CHECK-SAME: %[[X:.*]]: tensor<8x256xf32>, %[[SCALE:.*]]: tensor<256xf32>, %[[BIAS:.*]]: tensor<256xf32>, %[[MEAN:.*]]: tensor<256xf32>, %[[VAR:.*]]: tensor<256xf32>)
// CHECK: cnn.batch_norm %[[X]], %[[SCALE]], %[[BIAS]], %[[MEAN]], %[[VAR]] : (tensor<8x256xf32>, tensor<256xf32>, tensor<256xf32>, tensor<256xf32>, tensor<256xf32>) -> tensor<8x256xf32>
func.func @batch_norm_2d_input(%x: tensor<8x256xf32>, %scale: tensor<256xf32>, %bias: tensor<256xf32>, %mean: tensor<256xf32>, %var: tensor<256xf32>) -> tensor<8x256xf32> {
  %0 = cnn.batch_norm %x, %scale, %bias, %mean, %var : (tensor<8x256xf32>, tensor<256xf32>, tensor<256xf32>, tensor<256xf32>, tensor<256xf32>) -> tensor<8x256xf32>
  return %0 : tensor<8x256xf32>
}

// -----

// CHECK-LABEL: func.func @instance_norm(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x128x128xf32>, %[[SCALE:.*]]: tensor<64xf32>, %[[BIAS:.*]]: tensor<64xf32>)
// CHECK: cnn.instance_norm %[[X]], %[[SCALE]], %[[BIAS]] {epsilon = 1.000000e-03 : f32} : (tensor<1x64x128x128xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x128x128xf32>
func.func @instance_norm(%x: tensor<1x64x128x128xf32>, %scale: tensor<64xf32>, %bias: tensor<64xf32>) -> tensor<1x64x128x128xf32> {
  %0 = cnn.instance_norm %x, %scale, %bias {epsilon = 1.000000e-03 : f32} : (tensor<1x64x128x128xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x128x128xf32>
  return %0 : tensor<1x64x128x128xf32>
}

// -----

// AlexNet LRN: size 5, alpha 1e-4, beta 0.75, k 2. alpha and beta are the
// defaults and are not printed.
// CHECK-LABEL: func.func @lrn(
// CHECK-SAME: %[[X:.*]]: tensor<1x96x55x55xf32>)
// CHECK: cnn.lrn %[[X]] {bias = 2.000000e+00 : f32, size = 5 : i64} : (tensor<1x96x55x55xf32>) -> tensor<1x96x55x55xf32>
func.func @lrn(%x: tensor<1x96x55x55xf32>) -> tensor<1x96x55x55xf32> {
  %0 = cnn.lrn %x {alpha = 1.000000e-04 : f32, beta = 7.500000e-01 : f32, bias = 2.000000e+00 : f32, size = 5 : i64} : (tensor<1x96x55x55xf32>) -> tensor<1x96x55x55xf32>
  return %0 : tensor<1x96x55x55xf32>
}

// -----

// CHECK-LABEL: func.func @lrn_non_default(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x56x56xf32>)
// CHECK: cnn.lrn %[[X]] {alpha = 2.000000e-05 : f32, beta = 5.000000e-01 : f32, size = 3 : i64} : (tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
func.func @lrn_non_default(%x: tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.lrn %x {alpha = 2.000000e-05 : f32, beta = 5.000000e-01 : f32, size = 3 : i64} : (tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// -----

// CHECK-LABEL: func.func @relu(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x56x56xf32>)
// CHECK: cnn.relu %[[X]] : tensor<1x64x56x56xf32>
func.func @relu(%x: tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.relu %x : tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// -----

// CHECK-LABEL: func.func @relu_f16(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x56x56xf16>)
// CHECK: cnn.relu %[[X]] : tensor<1x64x56x56xf16>
func.func @relu_f16(%x: tensor<1x64x56x56xf16>) -> tensor<1x64x56x56xf16> {
  %0 = cnn.relu %x : tensor<1x64x56x56xf16>
  return %0 : tensor<1x64x56x56xf16>
}

// -----

// CHECK-LABEL: func.func @sigmoid(
// CHECK-SAME: %[[X:.*]]: tensor<1x256x1x1xbf16>)
// CHECK: cnn.sigmoid %[[X]] : tensor<1x256x1x1xbf16>
func.func @sigmoid(%x: tensor<1x256x1x1xbf16>) -> tensor<1x256x1x1xbf16> {
  %0 = cnn.sigmoid %x : tensor<1x256x1x1xbf16>
  return %0 : tensor<1x256x1x1xbf16>
}

// -----

// CHECK-LABEL: func.func @tanh(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x256x256xf32>)
// CHECK: cnn.tanh %[[X]] : tensor<1x3x256x256xf32>
func.func @tanh(%x: tensor<1x3x256x256xf32>) -> tensor<1x3x256x256xf32> {
  %0 = cnn.tanh %x : tensor<1x3x256x256xf32>
  return %0 : tensor<1x3x256x256xf32>
}

// -----

// CHECK-LABEL: func.func @hard_swish(
// CHECK-SAME: %[[X:.*]]: tensor<1x16x112x112xf32>)
// CHECK: cnn.hard_swish %[[X]] : tensor<1x16x112x112xf32>
func.func @hard_swish(%x: tensor<1x16x112x112xf32>) -> tensor<1x16x112x112xf32> {
  %0 = cnn.hard_swish %x : tensor<1x16x112x112xf32>
  return %0 : tensor<1x16x112x112xf32>
}

// -----

// CHECK-LABEL: func.func @softplus(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x64x64xf32>)
// CHECK: cnn.softplus %[[X]] : tensor<1x32x64x64xf32>
func.func @softplus(%x: tensor<1x32x64x64xf32>) -> tensor<1x32x64x64xf32> {
  %0 = cnn.softplus %x : tensor<1x32x64x64xf32>
  return %0 : tensor<1x32x64x64xf32>
}

// -----

// CHECK-LABEL: func.func @softsign(
// CHECK-SAME: %[[X:.*]]: tensor<4x10xf32>)
// CHECK: cnn.softsign %[[X]] : tensor<4x10xf32>
func.func @softsign(%x: tensor<4x10xf32>) -> tensor<4x10xf32> {
  %0 = cnn.softsign %x : tensor<4x10xf32>
  return %0 : tensor<4x10xf32>
}

// -----

// CHECK-LABEL: func.func @exp(
// CHECK-SAME: %[[X:.*]]: tensor<1x1000xf32>)
// CHECK: cnn.exp %[[X]] : tensor<1x1000xf32>
func.func @exp(%x: tensor<1x1000xf32>) -> tensor<1x1000xf32> {
  %0 = cnn.exp %x : tensor<1x1000xf32>
  return %0 : tensor<1x1000xf32>
}

// -----

// CHECK-LABEL: func.func @log(
// CHECK-SAME: %[[X:.*]]: tensor<1x1000xf64>)
// CHECK: cnn.log %[[X]] : tensor<1x1000xf64>
func.func @log(%x: tensor<1x1000xf64>) -> tensor<1x1000xf64> {
  %0 = cnn.log %x : tensor<1x1000xf64>
  return %0 : tensor<1x1000xf64>
}

// -----

// CHECK-LABEL: func.func @sqrt(
// CHECK-SAME: %[[X:.*]]: tensor<64xf32>)
// CHECK: cnn.sqrt %[[X]] : tensor<64xf32>
func.func @sqrt(%x: tensor<64xf32>) -> tensor<64xf32> {
  %0 = cnn.sqrt %x : tensor<64xf32>
  return %0 : tensor<64xf32>
}

// -----

// CHECK-LABEL: func.func @abs(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x224x224xf32>)
// CHECK: cnn.abs %[[X]] : tensor<1x3x224x224xf32>
func.func @abs(%x: tensor<1x3x224x224xf32>) -> tensor<1x3x224x224xf32> {
  %0 = cnn.abs %x : tensor<1x3x224x224xf32>
  return %0 : tensor<1x3x224x224xf32>
}

// -----

// CHECK-LABEL: func.func @neg(
// CHECK-SAME: %[[X:.*]]: tensor<?x128xf32>)
// CHECK: cnn.neg %[[X]] : tensor<?x128xf32>
func.func @neg(%x: tensor<?x128xf32>) -> tensor<?x128xf32> {
  %0 = cnn.neg %x : tensor<?x128xf32>
  return %0 : tensor<?x128xf32>
}

// -----

// CHECK-LABEL: func.func @leaky_relu(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x104x104xf32>)
// CHECK: cnn.leaky_relu %[[X]] {alpha = 1.000000e-01 : f32} : tensor<1x64x104x104xf32>
func.func @leaky_relu(%x: tensor<1x64x104x104xf32>) -> tensor<1x64x104x104xf32> {
  %0 = cnn.leaky_relu %x {alpha = 1.000000e-01 : f32} : tensor<1x64x104x104xf32>
  return %0 : tensor<1x64x104x104xf32>
}

// -----

// The default alpha (0.01) is not printed.
// CHECK-LABEL: func.func @leaky_relu_default(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x104x104xf32>)
// CHECK: cnn.leaky_relu %[[X]] : tensor<1x64x104x104xf32>
func.func @leaky_relu_default(%x: tensor<1x64x104x104xf32>) -> tensor<1x64x104x104xf32> {
  %0 = cnn.leaky_relu %x : tensor<1x64x104x104xf32>
  return %0 : tensor<1x64x104x104xf32>
}

// -----

// CHECK-LABEL: func.func @elu(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x28x28xf32>)
// CHECK: cnn.elu %[[X]] {alpha = 5.000000e-01 : f32} : tensor<1x32x28x28xf32>
func.func @elu(%x: tensor<1x32x28x28xf32>) -> tensor<1x32x28x28xf32> {
  %0 = cnn.elu %x {alpha = 5.000000e-01 : f32} : tensor<1x32x28x28xf32>
  return %0 : tensor<1x32x28x28xf32>
}

// -----

// CHECK-LABEL: func.func @selu(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x28x28xf32>)
// CHECK: cnn.selu %[[X]] {alpha = 1.500000e+00 : f32, gamma = 1.250000e+00 : f32} : tensor<1x32x28x28xf32>
func.func @selu(%x: tensor<1x32x28x28xf32>) -> tensor<1x32x28x28xf32> {
  %0 = cnn.selu %x {alpha = 1.500000e+00 : f32, gamma = 1.250000e+00 : f32} : tensor<1x32x28x28xf32>
  return %0 : tensor<1x32x28x28xf32>
}

// -----

// CHECK-LABEL: func.func @selu_default(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x28x28xf32>)
// CHECK: cnn.selu %[[X]] : tensor<1x32x28x28xf32>
func.func @selu_default(%x: tensor<1x32x28x28xf32>) -> tensor<1x32x28x28xf32> {
  %0 = cnn.selu %x : tensor<1x32x28x28xf32>
  return %0 : tensor<1x32x28x28xf32>
}

// -----

// MobileNetV3's h-sigmoid: relu6(x + 3) / 6.
// CHECK-LABEL: func.func @hard_sigmoid(
// CHECK-SAME: %[[X:.*]]: tensor<1x16x1x1xf32>)
// CHECK: cnn.hard_sigmoid %[[X]] {alpha = 1.250000e-01 : f32} : tensor<1x16x1x1xf32>
func.func @hard_sigmoid(%x: tensor<1x16x1x1xf32>) -> tensor<1x16x1x1xf32> {
  %0 = cnn.hard_sigmoid %x {alpha = 1.250000e-01 : f32} : tensor<1x16x1x1xf32>
  return %0 : tensor<1x16x1x1xf32>
}

// -----

// ReLU6.
// CHECK-LABEL: func.func @clip_min_max(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x112x112xf32>)
// CHECK: cnn.clip %[[X]] {max = 6.000000e+00 : f32, min = 0.000000e+00 : f32} : tensor<1x32x112x112xf32>
func.func @clip_min_max(%x: tensor<1x32x112x112xf32>) -> tensor<1x32x112x112xf32> {
  %0 = cnn.clip %x {max = 6.000000e+00 : f32, min = 0.000000e+00 : f32} : tensor<1x32x112x112xf32>
  return %0 : tensor<1x32x112x112xf32>
}

// -----

// CHECK-LABEL: func.func @clip_min_only(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x112x112xf32>)
// CHECK: cnn.clip %[[X]] {min = -1.000000e+00 : f32} : tensor<1x32x112x112xf32>
func.func @clip_min_only(%x: tensor<1x32x112x112xf32>) -> tensor<1x32x112x112xf32> {
  %0 = cnn.clip %x {min = -1.000000e+00 : f32} : tensor<1x32x112x112xf32>
  return %0 : tensor<1x32x112x112xf32>
}

// -----

// CHECK-LABEL: func.func @clip_max_only(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x112x112xf32>)
// CHECK: cnn.clip %[[X]] {max = 1.000000e+00 : f32} : tensor<1x32x112x112xf32>
func.func @clip_max_only(%x: tensor<1x32x112x112xf32>) -> tensor<1x32x112x112xf32> {
  %0 = cnn.clip %x {max = 1.000000e+00 : f32} : tensor<1x32x112x112xf32>
  return %0 : tensor<1x32x112x112xf32>
}

// -----

// CHECK-LABEL: func.func @clip_no_bounds(
// CHECK-SAME: %[[X:.*]]: tensor<1x32x112x112xf32>)
// CHECK: cnn.clip %[[X]] : tensor<1x32x112x112xf32>
func.func @clip_no_bounds(%x: tensor<1x32x112x112xf32>) -> tensor<1x32x112x112xf32> {
  %0 = cnn.clip %x : tensor<1x32x112x112xf32>
  return %0 : tensor<1x32x112x112xf32>
}

// -----

// One slope per channel.
// CHECK-LABEL: func.func @prelu(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x56x56xf32>, %[[SLOPE:.*]]: tensor<64x1x1xf32>)
// CHECK: cnn.prelu %[[X]], %[[SLOPE]] : (tensor<1x64x56x56xf32>, tensor<64x1x1xf32>) -> tensor<1x64x56x56xf32>
func.func @prelu(%x: tensor<1x64x56x56xf32>, %slope: tensor<64x1x1xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.prelu %x, %slope : (tensor<1x64x56x56xf32>, tensor<64x1x1xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// -----

// One shared slope.
// CHECK-LABEL: func.func @prelu_shared_slope(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x56x56xf32>, %[[SLOPE:.*]]: tensor<1xf32>)
// CHECK: cnn.prelu %[[X]], %[[SLOPE]] : (tensor<1x64x56x56xf32>, tensor<1xf32>) -> tensor<1x64x56x56xf32>
func.func @prelu_shared_slope(%x: tensor<1x64x56x56xf32>, %slope: tensor<1xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.prelu %x, %slope : (tensor<1x64x56x56xf32>, tensor<1xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// -----

// Residual connection.
// CHECK-LABEL: func.func @add(
// CHECK-SAME: %[[LHS:.*]]: tensor<1x256x56x56xf32>, %[[RHS:.*]]: tensor<1x256x56x56xf32>)
// CHECK: cnn.add %[[LHS]], %[[RHS]] : (tensor<1x256x56x56xf32>, tensor<1x256x56x56xf32>) -> tensor<1x256x56x56xf32>
func.func @add(%lhs: tensor<1x256x56x56xf32>, %rhs: tensor<1x256x56x56xf32>) -> tensor<1x256x56x56xf32> {
  %0 = cnn.add %lhs, %rhs : (tensor<1x256x56x56xf32>, tensor<1x256x56x56xf32>) -> tensor<1x256x56x56xf32>
  return %0 : tensor<1x256x56x56xf32>
}

// -----

// Both operands broadcast: [8, 1, 6, 1] and [7, 1, 5] give [8, 7, 6, 5].
// CHECK-LABEL: func.func @add_broadcast_both(
// CHECK-SAME: %[[LHS:.*]]: tensor<8x1x6x1xf32>, %[[RHS:.*]]: tensor<7x1x5xf32>)
// CHECK: cnn.add %[[LHS]], %[[RHS]] : (tensor<8x1x6x1xf32>, tensor<7x1x5xf32>) -> tensor<8x7x6x5xf32>
func.func @add_broadcast_both(%lhs: tensor<8x1x6x1xf32>, %rhs: tensor<7x1x5xf32>) -> tensor<8x7x6x5xf32> {
  %0 = cnn.add %lhs, %rhs : (tensor<8x1x6x1xf32>, tensor<7x1x5xf32>) -> tensor<8x7x6x5xf32>
  return %0 : tensor<8x7x6x5xf32>
}

// -----

// Per-channel mean subtraction.
// CHECK-LABEL: func.func @sub(
// CHECK-SAME: %[[LHS:.*]]: tensor<1x3x224x224xf32>, %[[RHS:.*]]: tensor<3x1x1xf32>)
// CHECK: cnn.sub %[[LHS]], %[[RHS]] : (tensor<1x3x224x224xf32>, tensor<3x1x1xf32>) -> tensor<1x3x224x224xf32>
func.func @sub(%lhs: tensor<1x3x224x224xf32>, %rhs: tensor<3x1x1xf32>) -> tensor<1x3x224x224xf32> {
  %0 = cnn.sub %lhs, %rhs : (tensor<1x3x224x224xf32>, tensor<3x1x1xf32>) -> tensor<1x3x224x224xf32>
  return %0 : tensor<1x3x224x224xf32>
}

// -----

// Squeeze-and-excitation scaling.
// CHECK-LABEL: func.func @mul(
// CHECK-SAME: %[[LHS:.*]]: tensor<1x64x56x56xf32>, %[[RHS:.*]]: tensor<1x64x1x1xf32>)
// CHECK: cnn.mul %[[LHS]], %[[RHS]] : (tensor<1x64x56x56xf32>, tensor<1x64x1x1xf32>) -> tensor<1x64x56x56xf32>
func.func @mul(%lhs: tensor<1x64x56x56xf32>, %rhs: tensor<1x64x1x1xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.mul %lhs, %rhs : (tensor<1x64x56x56xf32>, tensor<1x64x1x1xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// -----

// Division by a rank-0 tensor.
// CHECK-LABEL: func.func @div(
// CHECK-SAME: %[[LHS:.*]]: tensor<1x3x224x224xf32>, %[[RHS:.*]]: tensor<f32>)
// CHECK: cnn.div %[[LHS]], %[[RHS]] : (tensor<1x3x224x224xf32>, tensor<f32>) -> tensor<1x3x224x224xf32>
func.func @div(%lhs: tensor<1x3x224x224xf32>, %rhs: tensor<f32>) -> tensor<1x3x224x224xf32> {
  %0 = cnn.div %lhs, %rhs : (tensor<1x3x224x224xf32>, tensor<f32>) -> tensor<1x3x224x224xf32>
  return %0 : tensor<1x3x224x224xf32>
}

// -----

// CHECK-LABEL: func.func @max(
// CHECK-SAME: %[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<3xf32>, %[[C:.*]]: tensor<2x1xf32>)
// CHECK: cnn.max %[[A]], %[[B]], %[[C]] : (tensor<2x3xf32>, tensor<3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
func.func @max(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %c: tensor<2x1xf32>) -> tensor<2x3xf32> {
  %0 = cnn.max %a, %b, %c : (tensor<2x3xf32>, tensor<3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @min(
// CHECK-SAME: %[[A:.*]]: tensor<1x64x56x56xf32>, %[[B:.*]]: tensor<1x64x56x56xf32>)
// CHECK: cnn.min %[[A]], %[[B]] : (tensor<1x64x56x56xf32>, tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
func.func @min(%a: tensor<1x64x56x56xf32>, %b: tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.min %a, %b : (tensor<1x64x56x56xf32>, tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// -----

// CHECK-LABEL: func.func @sum(
// CHECK-SAME: %[[A:.*]]: tensor<1x64x56x56xf32>, %[[B:.*]]: tensor<1x64x56x56xf32>, %[[C:.*]]: tensor<64x1x1xf32>)
// CHECK: cnn.sum %[[A]], %[[B]], %[[C]] : (tensor<1x64x56x56xf32>, tensor<1x64x56x56xf32>, tensor<64x1x1xf32>) -> tensor<1x64x56x56xf32>
func.func @sum(%a: tensor<1x64x56x56xf32>, %b: tensor<1x64x56x56xf32>, %c: tensor<64x1x1xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.sum %a, %b, %c : (tensor<1x64x56x56xf32>, tensor<1x64x56x56xf32>, tensor<64x1x1xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// -----

// CHECK-LABEL: func.func @mean(
// CHECK-SAME: %[[A:.*]]: tensor<4x1x10xf32>, %[[B:.*]]: tensor<3x1xf32>)
// CHECK: cnn.mean %[[A]], %[[B]] : (tensor<4x1x10xf32>, tensor<3x1xf32>) -> tensor<4x3x10xf32>
func.func @mean(%a: tensor<4x1x10xf32>, %b: tensor<3x1xf32>) -> tensor<4x3x10xf32> {
  %0 = cnn.mean %a, %b : (tensor<4x1x10xf32>, tensor<3x1xf32>) -> tensor<4x3x10xf32>
  return %0 : tensor<4x3x10xf32>
}

// -----

// CHECK-LABEL: func.func @softmax(
// CHECK-SAME: %[[X:.*]]: tensor<1x1000xf32>)
// CHECK: cnn.softmax %[[X]] {axis = 1 : i64} : (tensor<1x1000xf32>) -> tensor<1x1000xf32>
func.func @softmax(%x: tensor<1x1000xf32>) -> tensor<1x1000xf32> {
  %0 = cnn.softmax %x {axis = 1 : i64} : (tensor<1x1000xf32>) -> tensor<1x1000xf32>
  return %0 : tensor<1x1000xf32>
}

// -----

// Attention scores; the default axis -1 is not printed.
// CHECK-LABEL: func.func @softmax_default_axis(
// CHECK-SAME: %[[X:.*]]: tensor<1x8x64x64xf32>)
// CHECK: cnn.softmax %[[X]] : (tensor<1x8x64x64xf32>) -> tensor<1x8x64x64xf32>
func.func @softmax_default_axis(%x: tensor<1x8x64x64xf32>) -> tensor<1x8x64x64xf32> {
  %0 = cnn.softmax %x : (tensor<1x8x64x64xf32>) -> tensor<1x8x64x64xf32>
  return %0 : tensor<1x8x64x64xf32>
}

// -----

// Per-pixel class scores of a segmentation head.
// CHECK-LABEL: func.func @softmax_channels(
// CHECK-SAME: %[[X:.*]]: tensor<1x21x64x64xf32>)
// CHECK: cnn.softmax %[[X]] {axis = -3 : i64} : (tensor<1x21x64x64xf32>) -> tensor<1x21x64x64xf32>
func.func @softmax_channels(%x: tensor<1x21x64x64xf32>) -> tensor<1x21x64x64xf32> {
  %0 = cnn.softmax %x {axis = -3 : i64} : (tensor<1x21x64x64xf32>) -> tensor<1x21x64x64xf32>
  return %0 : tensor<1x21x64x64xf32>
}

// -----

// CHECK-LABEL: func.func @log_softmax(
// CHECK-SAME: %[[X:.*]]: tensor<4x10xf32>)
// CHECK: cnn.log_softmax %[[X]] : (tensor<4x10xf32>) -> tensor<4x10xf32>
func.func @log_softmax(%x: tensor<4x10xf32>) -> tensor<4x10xf32> {
  %0 = cnn.log_softmax %x : (tensor<4x10xf32>) -> tensor<4x10xf32>
  return %0 : tensor<4x10xf32>
}

// -----

// CHECK-LABEL: func.func @log_softmax_axis(
// CHECK-SAME: %[[X:.*]]: tensor<4x10x7xf32>)
// CHECK: cnn.log_softmax %[[X]] {axis = 1 : i64} : (tensor<4x10x7xf32>) -> tensor<4x10x7xf32>
func.func @log_softmax_axis(%x: tensor<4x10x7xf32>) -> tensor<4x10x7xf32> {
  %0 = cnn.log_softmax %x {axis = 1 : i64} : (tensor<4x10x7xf32>) -> tensor<4x10x7xf32>
  return %0 : tensor<4x10x7xf32>
}

// -----

// keepdims defaults to true.
// CHECK-LABEL: func.func @reduce_mean_keepdims(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x7x7xf32>)
// CHECK: cnn.reduce_mean %[[X]] {axes = array<i64: 2, 3>} : (tensor<1x64x7x7xf32>) -> tensor<1x64x1x1xf32>
func.func @reduce_mean_keepdims(%x: tensor<1x64x7x7xf32>) -> tensor<1x64x1x1xf32> {
  %0 = cnn.reduce_mean %x {axes = array<i64: 2, 3>} : (tensor<1x64x7x7xf32>) -> tensor<1x64x1x1xf32>
  return %0 : tensor<1x64x1x1xf32>
}

// -----

// CHECK-LABEL: func.func @reduce_mean_no_keepdims(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x7x7xf32>)
// CHECK: cnn.reduce_mean %[[X]] {axes = array<i64: -2, -1>, keepdims = false} : (tensor<1x64x7x7xf32>) -> tensor<1x64xf32>
func.func @reduce_mean_no_keepdims(%x: tensor<1x64x7x7xf32>) -> tensor<1x64xf32> {
  %0 = cnn.reduce_mean %x {axes = array<i64: -2, -1>, keepdims = false} : (tensor<1x64x7x7xf32>) -> tensor<1x64xf32>
  return %0 : tensor<1x64xf32>
}

// -----

// Without axes every dimension is reduced.
// CHECK-LABEL: func.func @reduce_mean_all(
// CHECK-SAME: %[[X:.*]]: tensor<2x64x7x7xf32>)
// CHECK: cnn.reduce_mean %[[X]] : (tensor<2x64x7x7xf32>) -> tensor<1x1x1x1xf32>
func.func @reduce_mean_all(%x: tensor<2x64x7x7xf32>) -> tensor<1x1x1x1xf32> {
  %0 = cnn.reduce_mean %x : (tensor<2x64x7x7xf32>) -> tensor<1x1x1x1xf32>
  return %0 : tensor<1x1x1x1xf32>
}

// -----

// CHECK-LABEL: func.func @reduce_mean_all_no_keepdims(
// CHECK-SAME: %[[X:.*]]: tensor<2x64x7x7xf32>)
// CHECK: cnn.reduce_mean %[[X]] {keepdims = false} : (tensor<2x64x7x7xf32>) -> tensor<f32>
func.func @reduce_mean_all_no_keepdims(%x: tensor<2x64x7x7xf32>) -> tensor<f32> {
  %0 = cnn.reduce_mean %x {keepdims = false} : (tensor<2x64x7x7xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// CHECK-LABEL: func.func @matmul(
// CHECK-SAME: %[[A:.*]]: tensor<128x256xf32>, %[[B:.*]]: tensor<256x512xf32>)
// CHECK: cnn.matmul %[[A]], %[[B]] : (tensor<128x256xf32>, tensor<256x512xf32>) -> tensor<128x512xf32>
func.func @matmul(%a: tensor<128x256xf32>, %b: tensor<256x512xf32>) -> tensor<128x512xf32> {
  %0 = cnn.matmul %a, %b : (tensor<128x256xf32>, tensor<256x512xf32>) -> tensor<128x512xf32>
  return %0 : tensor<128x512xf32>
}

// -----

// CHECK-LABEL: func.func @matmul_3d_2d(
// CHECK-SAME: %[[A:.*]]: tensor<2x3x4xf32>, %[[B:.*]]: tensor<4x5xf32>)
// CHECK: cnn.matmul %[[A]], %[[B]] : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
func.func @matmul_3d_2d(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>) -> tensor<2x3x5xf32> {
  %0 = cnn.matmul %a, %b : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// Batch dimensions [8, 1] and [4] broadcast to [8, 4].
// CHECK-LABEL: func.func @matmul_batch_broadcast(
// CHECK-SAME: %[[A:.*]]: tensor<8x1x64x32xf32>, %[[B:.*]]: tensor<4x32x16xf32>)
// CHECK: cnn.matmul %[[A]], %[[B]] : (tensor<8x1x64x32xf32>, tensor<4x32x16xf32>) -> tensor<8x4x64x16xf32>
func.func @matmul_batch_broadcast(%a: tensor<8x1x64x32xf32>, %b: tensor<4x32x16xf32>) -> tensor<8x4x64x16xf32> {
  %0 = cnn.matmul %a, %b : (tensor<8x1x64x32xf32>, tensor<4x32x16xf32>) -> tensor<8x4x64x16xf32>
  return %0 : tensor<8x4x64x16xf32>
}

// -----

// A 1-D lhs is [1, K]; the 1 is removed from the result.
// CHECK-LABEL: func.func @matmul_1d_lhs(
// CHECK-SAME: %[[A:.*]]: tensor<256xf32>, %[[B:.*]]: tensor<256x10xf32>)
// CHECK: cnn.matmul %[[A]], %[[B]] : (tensor<256xf32>, tensor<256x10xf32>) -> tensor<10xf32>
func.func @matmul_1d_lhs(%a: tensor<256xf32>, %b: tensor<256x10xf32>) -> tensor<10xf32> {
  %0 = cnn.matmul %a, %b : (tensor<256xf32>, tensor<256x10xf32>) -> tensor<10xf32>
  return %0 : tensor<10xf32>
}

// -----

// A 1-D rhs is [K, 1]; the 1 is removed from the result.
// CHECK-LABEL: func.func @matmul_1d_rhs(
// CHECK-SAME: %[[A:.*]]: tensor<8x256xf32>, %[[B:.*]]: tensor<256xf32>)
// CHECK: cnn.matmul %[[A]], %[[B]] : (tensor<8x256xf32>, tensor<256xf32>) -> tensor<8xf32>
func.func @matmul_1d_rhs(%a: tensor<8x256xf32>, %b: tensor<256xf32>) -> tensor<8xf32> {
  %0 = cnn.matmul %a, %b : (tensor<8x256xf32>, tensor<256xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// Dot product: both 1-D, the result is rank 0.
// CHECK-LABEL: func.func @matmul_1d_1d(
// CHECK-SAME: %[[A:.*]]: tensor<256xf32>, %[[B:.*]]: tensor<256xf32>)
// CHECK: cnn.matmul %[[A]], %[[B]] : (tensor<256xf32>, tensor<256xf32>) -> tensor<f32>
func.func @matmul_1d_1d(%a: tensor<256xf32>, %b: tensor<256xf32>) -> tensor<f32> {
  %0 = cnn.matmul %a, %b : (tensor<256xf32>, tensor<256xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// CHECK-LABEL: func.func @matmul_1d_lhs_batched_rhs(
// CHECK-SAME: %[[A:.*]]: tensor<32xf32>, %[[B:.*]]: tensor<12x32x64xf32>)
// CHECK: cnn.matmul %[[A]], %[[B]] : (tensor<32xf32>, tensor<12x32x64xf32>) -> tensor<12x64xf32>
func.func @matmul_1d_lhs_batched_rhs(%a: tensor<32xf32>, %b: tensor<12x32x64xf32>) -> tensor<12x64xf32> {
  %0 = cnn.matmul %a, %b : (tensor<32xf32>, tensor<12x32x64xf32>) -> tensor<12x64xf32>
  return %0 : tensor<12x64xf32>
}

// -----

// CHECK-LABEL: func.func @matmul_batched_lhs_1d_rhs(
// CHECK-SAME: %[[A:.*]]: tensor<12x64x32xf32>, %[[B:.*]]: tensor<32xf32>)
// CHECK: cnn.matmul %[[A]], %[[B]] : (tensor<12x64x32xf32>, tensor<32xf32>) -> tensor<12x64xf32>
func.func @matmul_batched_lhs_1d_rhs(%a: tensor<12x64x32xf32>, %b: tensor<32xf32>) -> tensor<12x64xf32> {
  %0 = cnn.matmul %a, %b : (tensor<12x64x32xf32>, tensor<32xf32>) -> tensor<12x64xf32>
  return %0 : tensor<12x64xf32>
}

// -----

// CHECK-LABEL: func.func @gemm(
// CHECK-SAME: %[[A:.*]]: tensor<1x512xf32>, %[[B:.*]]: tensor<512x1000xf32>)
// CHECK: cnn.gemm %[[A]], %[[B]] : (tensor<1x512xf32>, tensor<512x1000xf32>) -> tensor<1x1000xf32>
func.func @gemm(%a: tensor<1x512xf32>, %b: tensor<512x1000xf32>) -> tensor<1x1000xf32> {
  %0 = cnn.gemm %a, %b : (tensor<1x512xf32>, tensor<512x1000xf32>) -> tensor<1x1000xf32>
  return %0 : tensor<1x1000xf32>
}

// -----

// The classifier of a torchvision model: weight is [out, in].
// CHECK-LABEL: func.func @gemm_trans_b_bias(
// CHECK-SAME: %[[A:.*]]: tensor<1x2048xf32>, %[[B:.*]]: tensor<1000x2048xf32>, %[[C:.*]]: tensor<1000xf32>)
// CHECK: cnn.gemm %[[A]], %[[B]], %[[C]] {trans_b = true} : (tensor<1x2048xf32>, tensor<1000x2048xf32>, tensor<1000xf32>) -> tensor<1x1000xf32>
func.func @gemm_trans_b_bias(%a: tensor<1x2048xf32>, %b: tensor<1000x2048xf32>, %c: tensor<1000xf32>) -> tensor<1x1000xf32> {
  %0 = cnn.gemm %a, %b, %c {trans_b = true} : (tensor<1x2048xf32>, tensor<1000x2048xf32>, tensor<1000xf32>) -> tensor<1x1000xf32>
  return %0 : tensor<1x1000xf32>
}

// -----

// A' = A^T is [4, 512], B' = B^T is [512, 10]; C [4, 1] broadcasts to [4, 10].
// CHECK-LABEL: func.func @gemm_trans_a_trans_b(
// CHECK-SAME: %[[A:.*]]: tensor<512x4xf32>, %[[B:.*]]: tensor<10x512xf32>, %[[C:.*]]: tensor<4x1xf32>)
// CHECK: cnn.gemm %[[A]], %[[B]], %[[C]] {alpha = 5.000000e-01 : f32, beta = 2.000000e+00 : f32, trans_a = true, trans_b = true} : (tensor<512x4xf32>, tensor<10x512xf32>, tensor<4x1xf32>) -> tensor<4x10xf32>
func.func @gemm_trans_a_trans_b(%a: tensor<512x4xf32>, %b: tensor<10x512xf32>, %c: tensor<4x1xf32>) -> tensor<4x10xf32> {
  %0 = cnn.gemm %a, %b, %c {alpha = 5.000000e-01 : f32, beta = 2.000000e+00 : f32, trans_a = true, trans_b = true} : (tensor<512x4xf32>, tensor<10x512xf32>, tensor<4x1xf32>) -> tensor<4x10xf32>
  return %0 : tensor<4x10xf32>
}

// -----

// CHECK-LABEL: func.func @gemm_trans_a_scalar_c(
// CHECK-SAME: %[[A:.*]]: tensor<512x4xf32>, %[[B:.*]]: tensor<512x10xf32>, %[[C:.*]]: tensor<f32>)
// CHECK: cnn.gemm %[[A]], %[[B]], %[[C]] {trans_a = true} : (tensor<512x4xf32>, tensor<512x10xf32>, tensor<f32>) -> tensor<4x10xf32>
func.func @gemm_trans_a_scalar_c(%a: tensor<512x4xf32>, %b: tensor<512x10xf32>, %c: tensor<f32>) -> tensor<4x10xf32> {
  %0 = cnn.gemm %a, %b, %c {trans_a = true} : (tensor<512x4xf32>, tensor<512x10xf32>, tensor<f32>) -> tensor<4x10xf32>
  return %0 : tensor<4x10xf32>
}

// -----

// CHECK-LABEL: func.func @gemm_full_c(
// CHECK-SAME: %[[A:.*]]: tensor<4x512xf32>, %[[B:.*]]: tensor<512x10xf32>, %[[C:.*]]: tensor<4x10xf32>)
// CHECK: cnn.gemm %[[A]], %[[B]], %[[C]] {beta = 0.000000e+00 : f32} : (tensor<4x512xf32>, tensor<512x10xf32>, tensor<4x10xf32>) -> tensor<4x10xf32>
func.func @gemm_full_c(%a: tensor<4x512xf32>, %b: tensor<512x10xf32>, %c: tensor<4x10xf32>) -> tensor<4x10xf32> {
  %0 = cnn.gemm %a, %b, %c {beta = 0.000000e+00 : f32} : (tensor<4x512xf32>, tensor<512x10xf32>, tensor<4x10xf32>) -> tensor<4x10xf32>
  return %0 : tensor<4x10xf32>
}

// -----

// CHECK-LABEL: func.func @concat(
// CHECK-SAME: %[[A:.*]]: tensor<1x64x28x28xf32>, %[[B:.*]]: tensor<1x128x28x28xf32>, %[[C:.*]]: tensor<1x32x28x28xf32>)
// CHECK: cnn.concat %[[A]], %[[B]], %[[C]] {axis = 1 : i64} : (tensor<1x64x28x28xf32>, tensor<1x128x28x28xf32>, tensor<1x32x28x28xf32>) -> tensor<1x224x28x28xf32>
func.func @concat(%a: tensor<1x64x28x28xf32>, %b: tensor<1x128x28x28xf32>, %c: tensor<1x32x28x28xf32>) -> tensor<1x224x28x28xf32> {
  %0 = cnn.concat %a, %b, %c {axis = 1 : i64} : (tensor<1x64x28x28xf32>, tensor<1x128x28x28xf32>, tensor<1x32x28x28xf32>) -> tensor<1x224x28x28xf32>
  return %0 : tensor<1x224x28x28xf32>
}

// -----

// CHECK-LABEL: func.func @concat_negative_axis(
// CHECK-SAME: %[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<2x5xf32>, %[[C:.*]]: tensor<2x1xf32>)
// CHECK: cnn.concat %[[A]], %[[B]], %[[C]] {axis = -1 : i64} : (tensor<2x3xf32>, tensor<2x5xf32>, tensor<2x1xf32>) -> tensor<2x9xf32>
func.func @concat_negative_axis(%a: tensor<2x3xf32>, %b: tensor<2x5xf32>, %c: tensor<2x1xf32>) -> tensor<2x9xf32> {
  %0 = cnn.concat %a, %b, %c {axis = -1 : i64} : (tensor<2x3xf32>, tensor<2x5xf32>, tensor<2x1xf32>) -> tensor<2x9xf32>
  return %0 : tensor<2x9xf32>
}

// -----

// CHECK-LABEL: func.func @concat_i64(
// CHECK-SAME: %[[A:.*]]: tensor<2xi64>, %[[B:.*]]: tensor<1xi64>)
// CHECK: cnn.concat %[[A]], %[[B]] {axis = 0 : i64} : (tensor<2xi64>, tensor<1xi64>) -> tensor<3xi64>
func.func @concat_i64(%a: tensor<2xi64>, %b: tensor<1xi64>) -> tensor<3xi64> {
  %0 = cnn.concat %a, %b {axis = 0 : i64} : (tensor<2xi64>, tensor<1xi64>) -> tensor<3xi64>
  return %0 : tensor<3xi64>
}

// -----

// CHECK-LABEL: func.func @split(
// CHECK-SAME: %[[X:.*]]: tensor<1x6x4x4xf32>)
// CHECK: cnn.split %[[X]] {axis = 1 : i64, split = array<i64: 2, 4>} : (tensor<1x6x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x4x4x4xf32>)
func.func @split(%x: tensor<1x6x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x4x4x4xf32>) {
  %0, %1 = cnn.split %x {axis = 1 : i64, split = array<i64: 2, 4>} : (tensor<1x6x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x4x4x4xf32>)
  return %0, %1 : tensor<1x2x4x4xf32>, tensor<1x4x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @split_zero_size_part(
// CHECK-SAME: %[[X:.*]]: tensor<1x6x4x4xf32>)
// CHECK: cnn.split %[[X]] {axis = 1 : i64, split = array<i64: 2, 0, 4>} : (tensor<1x6x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x0x4x4xf32>, tensor<1x4x4x4xf32>)
func.func @split_zero_size_part(%x: tensor<1x6x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x0x4x4xf32>, tensor<1x4x4x4xf32>) {
  %0, %1, %2 = cnn.split %x {axis = 1 : i64, split = array<i64: 2, 0, 4>} : (tensor<1x6x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x0x4x4xf32>, tensor<1x4x4x4xf32>)
  return %0, %1, %2 : tensor<1x2x4x4xf32>, tensor<1x0x4x4xf32>, tensor<1x4x4x4xf32>
}

// -----

// YOLO head: xy, wh, objectness and 80 class scores.
// CHECK-LABEL: func.func @split_negative_axis(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x80x80x85xf32>)
// CHECK: cnn.split %[[X]] {axis = -1 : i64, split = array<i64: 2, 2, 1, 80>} : (tensor<1x3x80x80x85xf32>) -> (tensor<1x3x80x80x2xf32>, tensor<1x3x80x80x2xf32>, tensor<1x3x80x80x1xf32>, tensor<1x3x80x80x80xf32>)
func.func @split_negative_axis(%x: tensor<1x3x80x80x85xf32>) -> (tensor<1x3x80x80x2xf32>, tensor<1x3x80x80x2xf32>, tensor<1x3x80x80x1xf32>, tensor<1x3x80x80x80xf32>) {
  %0, %1, %2, %3 = cnn.split %x {axis = -1 : i64, split = array<i64: 2, 2, 1, 80>} : (tensor<1x3x80x80x85xf32>) -> (tensor<1x3x80x80x2xf32>, tensor<1x3x80x80x2xf32>, tensor<1x3x80x80x1xf32>, tensor<1x3x80x80x80xf32>)
  return %0, %1, %2, %3 : tensor<1x3x80x80x2xf32>, tensor<1x3x80x80x2xf32>, tensor<1x3x80x80x1xf32>, tensor<1x3x80x80x80xf32>
}

// -----

// CHECK-LABEL: func.func @slice_axes(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x56x56xf32>)
// CHECK: cnn.slice %[[X]] {axes = array<i64: 1>, ends = array<i64: 40>, starts = array<i64: 8>} : (tensor<1x64x56x56xf32>) -> tensor<1x32x56x56xf32>
func.func @slice_axes(%x: tensor<1x64x56x56xf32>) -> tensor<1x32x56x56xf32> {
  %0 = cnn.slice %x {axes = array<i64: 1>, ends = array<i64: 40>, starts = array<i64: 8>} : (tensor<1x64x56x56xf32>) -> tensor<1x32x56x56xf32>
  return %0 : tensor<1x32x56x56xf32>
}

// -----

// Without axes, starts/ends apply to the leading dimensions in order.
// CHECK-LABEL: func.func @slice_default_axes(
// CHECK-SAME: %[[X:.*]]: tensor<2x4xf32>)
// CHECK: cnn.slice %[[X]] {ends = array<i64: 2, 3>, starts = array<i64: 0, 1>} : (tensor<2x4xf32>) -> tensor<2x2xf32>
func.func @slice_default_axes(%x: tensor<2x4xf32>) -> tensor<2x2xf32> {
  %0 = cnn.slice %x {ends = array<i64: 2, 3>, starts = array<i64: 0, 1>} : (tensor<2x4xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// YOLOv5 Focus: every second row from 1 and column from 0:
// ceil((224 - 1) / 2) = ceil(224 / 2) = 112
// CHECK-LABEL: func.func @slice_steps(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x224x224xf32>)
// CHECK: cnn.slice %[[X]] {axes = array<i64: 2, 3>, ends = array<i64: 224, 224>, starts = array<i64: 1, 0>, steps = array<i64: 2, 2>} : (tensor<1x3x224x224xf32>) -> tensor<1x3x112x112xf32>
func.func @slice_steps(%x: tensor<1x3x224x224xf32>) -> tensor<1x3x112x112xf32> {
  %0 = cnn.slice %x {axes = array<i64: 2, 3>, ends = array<i64: 224, 224>, starts = array<i64: 1, 0>, steps = array<i64: 2, 2>} : (tensor<1x3x224x224xf32>) -> tensor<1x3x112x112xf32>
  return %0 : tensor<1x3x112x112xf32>
}

// -----

// Out-of-range starts/ends clamp: rows [2, 6), columns [0, 7).
// CHECK-LABEL: func.func @slice_clamped(
// CHECK-SAME: %[[X:.*]]: tensor<6x10xf32>)
// CHECK: cnn.slice %[[X]] {ends = array<i64: 1000, -3>, starts = array<i64: 2, -1000>} : (tensor<6x10xf32>) -> tensor<4x7xf32>
func.func @slice_clamped(%x: tensor<6x10xf32>) -> tensor<4x7xf32> {
  %0 = cnn.slice %x {ends = array<i64: 1000, -3>, starts = array<i64: 2, -1000>} : (tensor<6x10xf32>) -> tensor<4x7xf32>
  return %0 : tensor<4x7xf32>
}

// -----

// CHECK-LABEL: func.func @slice_negative_axis(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x224x224xf32>)
// CHECK: cnn.slice %[[X]] {axes = array<i64: -1>, ends = array<i64: -12>, starts = array<i64: 12>} : (tensor<1x3x224x224xf32>) -> tensor<1x3x224x200xf32>
func.func @slice_negative_axis(%x: tensor<1x3x224x224xf32>) -> tensor<1x3x224x200xf32> {
  %0 = cnn.slice %x {axes = array<i64: -1>, ends = array<i64: -12>, starts = array<i64: 12>} : (tensor<1x3x224x224xf32>) -> tensor<1x3x224x200xf32>
  return %0 : tensor<1x3x224x200xf32>
}

// -----

// RGB <-> BGR: reverse the channels (start -1 is 2, end INT64_MIN clamps to -1).
// CHECK-LABEL: func.func @slice_negative_step_reverse(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x224x224xf32>)
// CHECK: cnn.slice %[[X]] {axes = array<i64: 1>, ends = array<i64: -9223372036854775808>, starts = array<i64: -1>, steps = array<i64: -1>} : (tensor<1x3x224x224xf32>) -> tensor<1x3x224x224xf32>
func.func @slice_negative_step_reverse(%x: tensor<1x3x224x224xf32>) -> tensor<1x3x224x224xf32> {
  %0 = cnn.slice %x {axes = array<i64: 1>, ends = array<i64: -9223372036854775808>, starts = array<i64: -1>, steps = array<i64: -1>} : (tensor<1x3x224x224xf32>) -> tensor<1x3x224x224xf32>
  return %0 : tensor<1x3x224x224xf32>
}

// -----

// Indices 7, 5, 3.
// CHECK-LABEL: func.func @slice_negative_step(
// CHECK-SAME: %[[X:.*]]: tensor<1x10xf32>)
// CHECK: cnn.slice %[[X]] {axes = array<i64: 1>, ends = array<i64: 1>, starts = array<i64: 7>, steps = array<i64: -2>} : (tensor<1x10xf32>) -> tensor<1x3xf32>
func.func @slice_negative_step(%x: tensor<1x10xf32>) -> tensor<1x3xf32> {
  %0 = cnn.slice %x {axes = array<i64: 1>, ends = array<i64: 1>, starts = array<i64: 7>, steps = array<i64: -2>} : (tensor<1x10xf32>) -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

// -----

// start 1000 clamps to 9, end -1000 clamps to -1: indices 9, 6, 3, 0.
// CHECK-LABEL: func.func @slice_negative_step_clamped(
// CHECK-SAME: %[[X:.*]]: tensor<10x4xf32>)
// CHECK: cnn.slice %[[X]] {axes = array<i64: 0>, ends = array<i64: -1000>, starts = array<i64: 1000>, steps = array<i64: -3>} : (tensor<10x4xf32>) -> tensor<4x4xf32>
func.func @slice_negative_step_clamped(%x: tensor<10x4xf32>) -> tensor<4x4xf32> {
  %0 = cnn.slice %x {axes = array<i64: 0>, ends = array<i64: -1000>, starts = array<i64: 1000>, steps = array<i64: -3>} : (tensor<10x4xf32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

// CHECK-LABEL: func.func @slice_empty(
// CHECK-SAME: %[[X:.*]]: tensor<10xf32>)
// CHECK: cnn.slice %[[X]] {ends = array<i64: 2>, starts = array<i64: 5>} : (tensor<10xf32>) -> tensor<0xf32>
func.func @slice_empty(%x: tensor<10xf32>) -> tensor<0xf32> {
  %0 = cnn.slice %x {ends = array<i64: 2>, starts = array<i64: 5>} : (tensor<10xf32>) -> tensor<0xf32>
  return %0 : tensor<0xf32>
}

// -----

// CHECK-LABEL: func.func @pad_constant(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x224x224xf32>)
// CHECK: cnn.pad %[[X]] {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, value = -1.000000e+00 : f32} : (tensor<1x3x224x224xf32>) -> tensor<1x3x226x226xf32>
func.func @pad_constant(%x: tensor<1x3x224x224xf32>) -> tensor<1x3x226x226xf32> {
  %0 = cnn.pad %x {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, value = -1.000000e+00 : f32} : (tensor<1x3x224x224xf32>) -> tensor<1x3x226x226xf32>
  return %0 : tensor<1x3x226x226xf32>
}

// -----

// TF "SAME" padding made explicit: one extra row and column at the end. The
// default mode (constant) is not printed.
// CHECK-LABEL: func.func @pad_constant_asymmetric(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x224x224xf32>)
// CHECK: cnn.pad %[[X]] {pads = array<i64: 0, 0, 0, 0, 0, 0, 1, 1>} : (tensor<1x3x224x224xf32>) -> tensor<1x3x225x225xf32>
func.func @pad_constant_asymmetric(%x: tensor<1x3x224x224xf32>) -> tensor<1x3x225x225xf32> {
  %0 = cnn.pad %x {mode = #cnn.pad_mode<constant>, pads = array<i64: 0, 0, 0, 0, 0, 0, 1, 1>} : (tensor<1x3x224x224xf32>) -> tensor<1x3x225x225xf32>
  return %0 : tensor<1x3x225x225xf32>
}

// -----

// Negative pads crop: 10 - 1 - 1 = 8 rows, 10 - 2 + 0 = 8 columns.
// CHECK-LABEL: func.func @pad_negative_crop(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x10x10xf32>)
// CHECK: cnn.pad %[[X]] {pads = array<i64: 0, 0, -1, -2, 0, 0, -1, 0>} : (tensor<1x3x10x10xf32>) -> tensor<1x3x8x8xf32>
func.func @pad_negative_crop(%x: tensor<1x3x10x10xf32>) -> tensor<1x3x8x8xf32> {
  %0 = cnn.pad %x {pads = array<i64: 0, 0, -1, -2, 0, 0, -1, 0>} : (tensor<1x3x10x10xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

// CHECK-LABEL: func.func @pad_edge(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x32x32xf32>)
// CHECK: cnn.pad %[[X]] {mode = #cnn.pad_mode<edge>, pads = array<i64: 0, 0, 2, 2, 0, 0, 2, 2>} : (tensor<1x64x32x32xf32>) -> tensor<1x64x36x36xf32>
func.func @pad_edge(%x: tensor<1x64x32x32xf32>) -> tensor<1x64x36x36xf32> {
  %0 = cnn.pad %x {mode = #cnn.pad_mode<edge>, pads = array<i64: 0, 0, 2, 2, 0, 0, 2, 2>} : (tensor<1x64x32x32xf32>) -> tensor<1x64x36x36xf32>
  return %0 : tensor<1x64x36x36xf32>
}

// -----

// CycleGAN ReflectionPad2d(3).
// CHECK-LABEL: func.func @pad_reflect(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x256x256xf32>)
// CHECK: cnn.pad %[[X]] {mode = #cnn.pad_mode<reflect>, pads = array<i64: 0, 0, 3, 3, 0, 0, 3, 3>} : (tensor<1x3x256x256xf32>) -> tensor<1x3x262x262xf32>
func.func @pad_reflect(%x: tensor<1x3x256x256xf32>) -> tensor<1x3x262x262xf32> {
  %0 = cnn.pad %x {mode = #cnn.pad_mode<reflect>, pads = array<i64: 0, 0, 3, 3, 0, 0, 3, 3>} : (tensor<1x3x256x256xf32>) -> tensor<1x3x262x262xf32>
  return %0 : tensor<1x3x262x262xf32>
}

// -----

// CHECK-LABEL: func.func @pad_i64(
// CHECK-SAME: %[[X:.*]]: tensor<2x3xi64>)
// CHECK: cnn.pad %[[X]] {pads = array<i64: 1, 0, 1, 0>} : (tensor<2x3xi64>) -> tensor<4x3xi64>
func.func @pad_i64(%x: tensor<2x3xi64>) -> tensor<4x3xi64> {
  %0 = cnn.pad %x {pads = array<i64: 1, 0, 1, 0>} : (tensor<2x3xi64>) -> tensor<4x3xi64>
  return %0 : tensor<4x3xi64>
}

// -----

// 0 copies the batch dimension, -1 takes the rest.
// CHECK-LABEL: func.func @reshape_copy_and_infer(
// CHECK-SAME: %[[X:.*]]: tensor<1x512x1x1xf32>)
// CHECK: cnn.reshape %[[X]] {shape = array<i64: 0, -1>} : (tensor<1x512x1x1xf32>) -> tensor<1x512xf32>
func.func @reshape_copy_and_infer(%x: tensor<1x512x1x1xf32>) -> tensor<1x512xf32> {
  %0 = cnn.reshape %x {shape = array<i64: 0, -1>} : (tensor<1x512x1x1xf32>) -> tensor<1x512xf32>
  return %0 : tensor<1x512xf32>
}

// -----

// ShuffleNet channel shuffle: 116 * 28 * 28 / (1 * 2 * 28 * 28) = 58
// CHECK-LABEL: func.func @reshape_infer_middle(
// CHECK-SAME: %[[X:.*]]: tensor<1x116x28x28xf32>)
// CHECK: cnn.reshape %[[X]] {shape = array<i64: 0, 2, -1, 28, 28>} : (tensor<1x116x28x28xf32>) -> tensor<1x2x58x28x28xf32>
func.func @reshape_infer_middle(%x: tensor<1x116x28x28xf32>) -> tensor<1x2x58x28x28xf32> {
  %0 = cnn.reshape %x {shape = array<i64: 0, 2, -1, 28, 28>} : (tensor<1x116x28x28xf32>) -> tensor<1x2x58x28x28xf32>
  return %0 : tensor<1x2x58x28x28xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_static(
// CHECK-SAME: %[[X:.*]]: tensor<1x2x58x28x28xf32>)
// CHECK: cnn.reshape %[[X]] {shape = array<i64: 1, 116, 28, 28>} : (tensor<1x2x58x28x28xf32>) -> tensor<1x116x28x28xf32>
func.func @reshape_static(%x: tensor<1x2x58x28x28xf32>) -> tensor<1x116x28x28xf32> {
  %0 = cnn.reshape %x {shape = array<i64: 1, 116, 28, 28>} : (tensor<1x2x58x28x28xf32>) -> tensor<1x116x28x28xf32>
  return %0 : tensor<1x116x28x28xf32>
}

// -----

// With allowzero a 0 is an empty dimension, not a copy.
// CHECK-LABEL: func.func @reshape_allowzero(
// CHECK-SAME: %[[X:.*]]: tensor<3x0xf32>)
// CHECK: cnn.reshape %[[X]] {allowzero = true, shape = array<i64: 0, 3>} : (tensor<3x0xf32>) -> tensor<0x3xf32>
func.func @reshape_allowzero(%x: tensor<3x0xf32>) -> tensor<0x3xf32> {
  %0 = cnn.reshape %x {allowzero = true, shape = array<i64: 0, 3>} : (tensor<3x0xf32>) -> tensor<0x3xf32>
  return %0 : tensor<0x3xf32>
}

// -----

// CHECK-LABEL: func.func @flatten(
// CHECK-SAME: %[[X:.*]]: tensor<1x16x5x5xf32>)
// CHECK: cnn.flatten %[[X]] : (tensor<1x16x5x5xf32>) -> tensor<1x400xf32>
func.func @flatten(%x: tensor<1x16x5x5xf32>) -> tensor<1x400xf32> {
  %0 = cnn.flatten %x : (tensor<1x16x5x5xf32>) -> tensor<1x400xf32>
  return %0 : tensor<1x400xf32>
}

// -----

// CHECK-LABEL: func.func @flatten_axis_0(
// CHECK-SAME: %[[X:.*]]: tensor<2x16x5x5xf32>)
// CHECK: cnn.flatten %[[X]] {axis = 0 : i64} : (tensor<2x16x5x5xf32>) -> tensor<1x800xf32>
func.func @flatten_axis_0(%x: tensor<2x16x5x5xf32>) -> tensor<1x800xf32> {
  %0 = cnn.flatten %x {axis = 0 : i64} : (tensor<2x16x5x5xf32>) -> tensor<1x800xf32>
  return %0 : tensor<1x800xf32>
}

// -----

// CHECK-LABEL: func.func @flatten_axis_2(
// CHECK-SAME: %[[X:.*]]: tensor<2x16x5x5xf32>)
// CHECK: cnn.flatten %[[X]] {axis = 2 : i64} : (tensor<2x16x5x5xf32>) -> tensor<32x25xf32>
func.func @flatten_axis_2(%x: tensor<2x16x5x5xf32>) -> tensor<32x25xf32> {
  %0 = cnn.flatten %x {axis = 2 : i64} : (tensor<2x16x5x5xf32>) -> tensor<32x25xf32>
  return %0 : tensor<32x25xf32>
}

// -----

// CHECK-LABEL: func.func @flatten_axis_rank(
// CHECK-SAME: %[[X:.*]]: tensor<2x16x5x5xf32>)
// CHECK: cnn.flatten %[[X]] {axis = 4 : i64} : (tensor<2x16x5x5xf32>) -> tensor<800x1xf32>
func.func @flatten_axis_rank(%x: tensor<2x16x5x5xf32>) -> tensor<800x1xf32> {
  %0 = cnn.flatten %x {axis = 4 : i64} : (tensor<2x16x5x5xf32>) -> tensor<800x1xf32>
  return %0 : tensor<800x1xf32>
}

// -----

// CHECK-LABEL: func.func @flatten_negative_axis(
// CHECK-SAME: %[[X:.*]]: tensor<2x16x5x5xf32>)
// CHECK: cnn.flatten %[[X]] {axis = -1 : i64} : (tensor<2x16x5x5xf32>) -> tensor<160x5xf32>
func.func @flatten_negative_axis(%x: tensor<2x16x5x5xf32>) -> tensor<160x5xf32> {
  %0 = cnn.flatten %x {axis = -1 : i64} : (tensor<2x16x5x5xf32>) -> tensor<160x5xf32>
  return %0 : tensor<160x5xf32>
}

// -----

// CHECK-LABEL: func.func @transpose_nchw_to_nhwc(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x224x224xf32>)
// CHECK: cnn.transpose %[[X]] {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x3x224x224xf32>) -> tensor<1x224x224x3xf32>
func.func @transpose_nchw_to_nhwc(%x: tensor<1x3x224x224xf32>) -> tensor<1x224x224x3xf32> {
  %0 = cnn.transpose %x {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x3x224x224xf32>) -> tensor<1x224x224x3xf32>
  return %0 : tensor<1x224x224x3xf32>
}

// -----

// ShuffleNet channel shuffle.
// CHECK-LABEL: func.func @transpose_channel_shuffle(
// CHECK-SAME: %[[X:.*]]: tensor<1x2x58x28x28xf32>)
// CHECK: cnn.transpose %[[X]] {perm = array<i64: 0, 2, 1, 3, 4>} : (tensor<1x2x58x28x28xf32>) -> tensor<1x58x2x28x28xf32>
func.func @transpose_channel_shuffle(%x: tensor<1x2x58x28x28xf32>) -> tensor<1x58x2x28x28xf32> {
  %0 = cnn.transpose %x {perm = array<i64: 0, 2, 1, 3, 4>} : (tensor<1x2x58x28x28xf32>) -> tensor<1x58x2x28x28xf32>
  return %0 : tensor<1x58x2x28x28xf32>
}

// -----

// Without perm the dimensions are reversed.
// CHECK-LABEL: func.func @transpose_default_perm(
// CHECK-SAME: %[[X:.*]]: tensor<2x3x4xf32>)
// CHECK: cnn.transpose %[[X]] : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
func.func @transpose_default_perm(%x: tensor<2x3x4xf32>) -> tensor<4x3x2xf32> {
  %0 = cnn.transpose %x : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  return %0 : tensor<4x3x2xf32>
}

// -----

// CHECK-LABEL: func.func @squeeze(
// CHECK-SAME: %[[X:.*]]: tensor<1x512x1x1xf32>)
// CHECK: cnn.squeeze %[[X]] {axes = array<i64: 2, 3>} : (tensor<1x512x1x1xf32>) -> tensor<1x512xf32>
func.func @squeeze(%x: tensor<1x512x1x1xf32>) -> tensor<1x512xf32> {
  %0 = cnn.squeeze %x {axes = array<i64: 2, 3>} : (tensor<1x512x1x1xf32>) -> tensor<1x512xf32>
  return %0 : tensor<1x512xf32>
}

// -----

// Without axes every size-1 dimension goes.
// CHECK-LABEL: func.func @squeeze_all(
// CHECK-SAME: %[[X:.*]]: tensor<1x512x1x1xf32>)
// CHECK: cnn.squeeze %[[X]] : (tensor<1x512x1x1xf32>) -> tensor<512xf32>
func.func @squeeze_all(%x: tensor<1x512x1x1xf32>) -> tensor<512xf32> {
  %0 = cnn.squeeze %x : (tensor<1x512x1x1xf32>) -> tensor<512xf32>
  return %0 : tensor<512xf32>
}

// -----

// CHECK-LABEL: func.func @squeeze_negative_axis(
// CHECK-SAME: %[[X:.*]]: tensor<1x1000x1xf32>)
// CHECK: cnn.squeeze %[[X]] {axes = array<i64: -1>} : (tensor<1x1000x1xf32>) -> tensor<1x1000xf32>
func.func @squeeze_negative_axis(%x: tensor<1x1000x1xf32>) -> tensor<1x1000xf32> {
  %0 = cnn.squeeze %x {axes = array<i64: -1>} : (tensor<1x1000x1xf32>) -> tensor<1x1000xf32>
  return %0 : tensor<1x1000xf32>
}

// -----

// CHECK-LABEL: func.func @unsqueeze(
// CHECK-SAME: %[[X:.*]]: tensor<3x4xf32>)
// CHECK: cnn.unsqueeze %[[X]] {axes = array<i64: 0>} : (tensor<3x4xf32>) -> tensor<1x3x4xf32>
func.func @unsqueeze(%x: tensor<3x4xf32>) -> tensor<1x3x4xf32> {
  %0 = cnn.unsqueeze %x {axes = array<i64: 0>} : (tensor<3x4xf32>) -> tensor<1x3x4xf32>
  return %0 : tensor<1x3x4xf32>
}

// -----

// A bias vector to [1, C, 1, 1]; axes index the result.
// CHECK-LABEL: func.func @unsqueeze_multiple(
// CHECK-SAME: %[[X:.*]]: tensor<64xf32>)
// CHECK: cnn.unsqueeze %[[X]] {axes = array<i64: 0, 2, 3>} : (tensor<64xf32>) -> tensor<1x64x1x1xf32>
func.func @unsqueeze_multiple(%x: tensor<64xf32>) -> tensor<1x64x1x1xf32> {
  %0 = cnn.unsqueeze %x {axes = array<i64: 0, 2, 3>} : (tensor<64xf32>) -> tensor<1x64x1x1xf32>
  return %0 : tensor<1x64x1x1xf32>
}

// -----

// -1 is the last dimension of the rank-4 result.
// CHECK-LABEL: func.func @unsqueeze_negative_axis(
// CHECK-SAME: %[[X:.*]]: tensor<3x4xf32>)
// CHECK: cnn.unsqueeze %[[X]] {axes = array<i64: 1, -1>} : (tensor<3x4xf32>) -> tensor<3x1x4x1xf32>
func.func @unsqueeze_negative_axis(%x: tensor<3x4xf32>) -> tensor<3x1x4x1xf32> {
  %0 = cnn.unsqueeze %x {axes = array<i64: 1, -1>} : (tensor<3x4xf32>) -> tensor<3x1x4x1xf32>
  return %0 : tensor<3x1x4x1xf32>
}

// -----

// CHECK-LABEL: func.func @expand(
// CHECK-SAME: %[[X:.*]]: tensor<3x1xf32>)
// CHECK: cnn.expand %[[X]] {shape = array<i64: 2, 1, 6>} : (tensor<3x1xf32>) -> tensor<2x3x6xf32>
func.func @expand(%x: tensor<3x1xf32>) -> tensor<2x3x6xf32> {
  %0 = cnn.expand %x {shape = array<i64: 2, 1, 6>} : (tensor<3x1xf32>) -> tensor<2x3x6xf32>
  return %0 : tensor<2x3x6xf32>
}

// -----

// CHECK-LABEL: func.func @expand_spatial(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x1x1xf32>)
// CHECK: cnn.expand %[[X]] {shape = array<i64: 1, 1, 56, 56>} : (tensor<1x64x1x1xf32>) -> tensor<1x64x56x56xf32>
func.func @expand_spatial(%x: tensor<1x64x1x1xf32>) -> tensor<1x64x56x56xf32> {
  %0 = cnn.expand %x {shape = array<i64: 1, 1, 56, 56>} : (tensor<1x64x1x1xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// -----

// A shape of lower rank than the input.
// CHECK-LABEL: func.func @expand_lower_rank_shape(
// CHECK-SAME: %[[X:.*]]: tensor<2x3x1xf32>)
// CHECK: cnn.expand %[[X]] {shape = array<i64: 1, 4>} : (tensor<2x3x1xf32>) -> tensor<2x3x4xf32>
func.func @expand_lower_rank_shape(%x: tensor<2x3x1xf32>) -> tensor<2x3x4xf32> {
  %0 = cnn.expand %x {shape = array<i64: 1, 4>} : (tensor<2x3x1xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @gather(
// CHECK-SAME: %[[X:.*]]: tensor<5x4xf32>, %[[I:.*]]: tensor<2x3xi64>)
// CHECK: cnn.gather %[[X]], %[[I]] : (tensor<5x4xf32>, tensor<2x3xi64>) -> tensor<2x3x4xf32>
func.func @gather(%x: tensor<5x4xf32>, %i: tensor<2x3xi64>) -> tensor<2x3x4xf32> {
  %0 = cnn.gather %x, %i : (tensor<5x4xf32>, tensor<2x3xi64>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @gather_axis_1_i32(
// CHECK-SAME: %[[X:.*]]: tensor<4x5x6xf32>, %[[I:.*]]: tensor<2xi32>)
// CHECK: cnn.gather %[[X]], %[[I]] {axis = 1 : i64} : (tensor<4x5x6xf32>, tensor<2xi32>) -> tensor<4x2x6xf32>
func.func @gather_axis_1_i32(%x: tensor<4x5x6xf32>, %i: tensor<2xi32>) -> tensor<4x2x6xf32> {
  %0 = cnn.gather %x, %i {axis = 1 : i64} : (tensor<4x5x6xf32>, tensor<2xi32>) -> tensor<4x2x6xf32>
  return %0 : tensor<4x2x6xf32>
}

// -----

// A rank-0 index removes the axis.
// CHECK-LABEL: func.func @gather_scalar_index(
// CHECK-SAME: %[[X:.*]]: tensor<2x3x4xf32>, %[[I:.*]]: tensor<i64>)
// CHECK: cnn.gather %[[X]], %[[I]] {axis = -1 : i64} : (tensor<2x3x4xf32>, tensor<i64>) -> tensor<2x3xf32>
func.func @gather_scalar_index(%x: tensor<2x3x4xf32>, %i: tensor<i64>) -> tensor<2x3xf32> {
  %0 = cnn.gather %x, %i {axis = -1 : i64} : (tensor<2x3x4xf32>, tensor<i64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @gather_i64_data(
// CHECK-SAME: %[[X:.*]]: tensor<4xi64>, %[[I:.*]]: tensor<2xi64>)
// CHECK: cnn.gather %[[X]], %[[I]] : (tensor<4xi64>, tensor<2xi64>) -> tensor<2xi64>
func.func @gather_i64_data(%x: tensor<4xi64>, %i: tensor<2xi64>) -> tensor<2xi64> {
  %0 = cnn.gather %x, %i : (tensor<4xi64>, tensor<2xi64>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

// CHECK-LABEL: func.func @gather_elements(
// CHECK-SAME: %[[X:.*]]: tensor<3x3xf32>, %[[I:.*]]: tensor<2x3xi64>)
// CHECK: cnn.gather_elements %[[X]], %[[I]] : (tensor<3x3xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
func.func @gather_elements(%x: tensor<3x3xf32>, %i: tensor<2x3xi64>) -> tensor<2x3xf32> {
  %0 = cnn.gather_elements %x, %i : (tensor<3x3xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @gather_elements_axis(
// CHECK-SAME: %[[X:.*]]: tensor<2x5xf32>, %[[I:.*]]: tensor<2x2xi32>)
// CHECK: cnn.gather_elements %[[X]], %[[I]] {axis = -1 : i64} : (tensor<2x5xf32>, tensor<2x2xi32>) -> tensor<2x2xf32>
func.func @gather_elements_axis(%x: tensor<2x5xf32>, %i: tensor<2x2xi32>) -> tensor<2x2xf32> {
  %0 = cnn.gather_elements %x, %i {axis = -1 : i64} : (tensor<2x5xf32>, tensor<2x2xi32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// CHECK-LABEL: func.func @depth_to_space(
// CHECK-SAME: %[[X:.*]]: tensor<1x256x14x14xf32>)
// CHECK: cnn.depth_to_space %[[X]] {blocksize = 4 : i64} : (tensor<1x256x14x14xf32>) -> tensor<1x16x56x56xf32>
func.func @depth_to_space(%x: tensor<1x256x14x14xf32>) -> tensor<1x16x56x56xf32> {
  %0 = cnn.depth_to_space %x {blocksize = 4 : i64} : (tensor<1x256x14x14xf32>) -> tensor<1x16x56x56xf32>
  return %0 : tensor<1x16x56x56xf32>
}

// -----

// PyTorch PixelShuffle(2).
// CHECK-LABEL: func.func @depth_to_space_crd(
// CHECK-SAME: %[[X:.*]]: tensor<1x12x64x64xf32>)
// CHECK: cnn.depth_to_space %[[X]] {blocksize = 2 : i64, mode = #cnn.depth_to_space_mode<crd>} : (tensor<1x12x64x64xf32>) -> tensor<1x3x128x128xf32>
func.func @depth_to_space_crd(%x: tensor<1x12x64x64xf32>) -> tensor<1x3x128x128xf32> {
  %0 = cnn.depth_to_space %x {blocksize = 2 : i64, mode = #cnn.depth_to_space_mode<crd>} : (tensor<1x12x64x64xf32>) -> tensor<1x3x128x128xf32>
  return %0 : tensor<1x3x128x128xf32>
}

// -----

// CHECK-LABEL: func.func @space_to_depth(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x224x224xf32>)
// CHECK: cnn.space_to_depth %[[X]] {blocksize = 4 : i64} : (tensor<1x3x224x224xf32>) -> tensor<1x48x56x56xf32>
func.func @space_to_depth(%x: tensor<1x3x224x224xf32>) -> tensor<1x48x56x56xf32> {
  %0 = cnn.space_to_depth %x {blocksize = 4 : i64} : (tensor<1x3x224x224xf32>) -> tensor<1x48x56x56xf32>
  return %0 : tensor<1x48x56x56xf32>
}

// -----

// A fused conv with every part of its epilogue.
// CHECK-LABEL: func.func @fused_conv(
// CHECK-SAME: %[[X:.*]]: tensor<1x64x56x56xf32>, %[[W:.*]]: tensor<64x64x3x3xf32>, %[[B:.*]]: tensor<64xf32>, %[[R:.*]]: tensor<1x64x56x56xf32>)
// CHECK: cnn.fused_conv %[[X]], %[[W]], %[[B]] residual %[[R]] {activation = #cnn.activation<clip>, activation_params = array<f32: 0.000000e+00, 6.000000e+00>, pads = array<i64: 1, 1, 1, 1>, post_activation = #cnn.activation<relu>} : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>, tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
// CHECK: cnn.fused_conv %[[X]], %[[W]] {activation = #cnn.activation<silu>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x56x56xf32>
func.func @fused_conv(%x: tensor<1x64x56x56xf32>, %w: tensor<64x64x3x3xf32>, %b: tensor<64xf32>, %r: tensor<1x64x56x56xf32>) -> (tensor<1x64x56x56xf32>, tensor<1x64x56x56xf32>) {
  %0 = cnn.fused_conv %x, %w, %b residual %r {pads = array<i64: 1, 1, 1, 1>, activation = #cnn.activation<clip>, activation_params = array<f32: 0.0, 6.0>, post_activation = #cnn.activation<relu>} : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>, tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  %1 = cnn.fused_conv %x, %w {pads = array<i64: 1, 1, 1, 1>, activation = #cnn.activation<silu>} : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x56x56xf32>
  return %0, %1 : tensor<1x64x56x56xf32>, tensor<1x64x56x56xf32>
}

// -----

// The Reduce* family (cnn.reduce), the opset-18+ unary ops, Pow, and
// SpaceToDepth's opset-28 mode round-trip with their inferred shapes.
// CHECK-LABEL: func.func @reduce_family(
// CHECK: cnn.reduce %{{.*}} {axes = array<i64: 1>, keepdims = false, kind = #cnn.reduction<log_sum_exp>} : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
// CHECK: cnn.reduce %{{.*}} {kind = #cnn.reduction<max>} : (tensor<2x3x4xf32>) -> tensor<1x1x1xf32>
// CHECK: cnn.mish
// CHECK: cnn.round
// CHECK: cnn.pow
// CHECK: cnn.space_to_depth %{{.*}} {blocksize = 2 : i64, mode = #cnn.depth_to_space_mode<crd>}
func.func @reduce_family(%x: tensor<2x3x4xf32>, %i: tensor<1x2x4x4xf32>) -> (tensor<2x4xf32>, tensor<1x1x1xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<1x8x2x2xf32>) {
  %0 = cnn.reduce %x {kind = #cnn.reduction<log_sum_exp>, axes = array<i64: 1>, keepdims = false} : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
  %1 = cnn.reduce %x {kind = #cnn.reduction<max>} : (tensor<2x3x4xf32>) -> tensor<1x1x1xf32>
  %2 = cnn.mish %x : tensor<2x3x4xf32>
  %3 = cnn.round %x : tensor<2x3x4xf32>
  %4 = cnn.pow %x, %x : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %5 = cnn.space_to_depth %i {blocksize = 2 : i64, mode = #cnn.depth_to_space_mode<crd>} : (tensor<1x2x4x4xf32>) -> tensor<1x8x2x2xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<2x4xf32>, tensor<1x1x1xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<1x8x2x2xf32>
}

// -----

// LayerNormalization over the last two dimensions, with and without bias.
// CHECK-LABEL: func.func @layer_norm(
// CHECK: cnn.layer_norm %{{.*}}, %{{.*}}, %{{.*}} {axis = -2 : i64} : (tensor<2x3x4x5xf32>, tensor<4x5xf32>, tensor<5xf32>) -> (tensor<2x3x4x5xf32>, tensor<2x3x1x1xf32>, tensor<2x3x1x1xf32>)
// CHECK: cnn.layer_norm %{{.*}}, %{{.*}} : (tensor<2x3x4x5xf32>, tensor<5xf32>) -> (tensor<2x3x4x5xf32>, tensor<2x3x4x1xf32>, tensor<2x3x4x1xf32>)
func.func @layer_norm(%x: tensor<2x3x4x5xf32>, %s: tensor<4x5xf32>, %b: tensor<5xf32>) -> (tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>) {
  %y, %m, %i = cnn.layer_norm %x, %s, %b {axis = -2 : i64} : (tensor<2x3x4x5xf32>, tensor<4x5xf32>, tensor<5xf32>) -> (tensor<2x3x4x5xf32>, tensor<2x3x1x1xf32>, tensor<2x3x1x1xf32>)
  %y2, %m2, %i2 = cnn.layer_norm %x, %b : (tensor<2x3x4x5xf32>, tensor<5xf32>) -> (tensor<2x3x4x5xf32>, tensor<2x3x4x1xf32>, tensor<2x3x4x1xf32>)
  return %y, %y2 : tensor<2x3x4x5xf32>, tensor<2x3x4x5xf32>
}

// -----

// CHECK-LABEL: func.func @tile(
// CHECK: cnn.tile %{{.*}} {repeats = array<i64: 1, 2, 3>} : (tensor<2x3x4xf32>) -> tensor<2x6x12xf32>
func.func @tile(%x: tensor<2x3x4xf32>) -> tensor<2x6x12xf32> {
  %y = cnn.tile %x {repeats = array<i64: 1, 2, 3>} : (tensor<2x3x4xf32>) -> tensor<2x6x12xf32>
  return %y : tensor<2x6x12xf32>
}

// -----

// Masks and casts: comparisons give i1 tensors, Where selects, Cast converts.
// CHECK-LABEL: func.func @masks(
// CHECK: cnn.less %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xi1>
// CHECK: cnn.not %{{.*}} : (tensor<2x3xi1>) -> tensor<2x3xi1>
// CHECK: cnn.and
// CHECK: cnn.where %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK: cnn.cast %{{.*}} {to = i64} : (tensor<2x3xf32>) -> tensor<2x3xi64>
func.func @masks(%x: tensor<2x3xf32>, %t: tensor<f32>) -> (tensor<2x3xf32>, tensor<2x3xi64>) {
  %m = cnn.less %x, %t : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xi1>
  %n = cnn.not %m : (tensor<2x3xi1>) -> tensor<2x3xi1>
  %a = cnn.and %m, %n : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  %y = cnn.where %a, %x, %t : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %c = cnn.cast %x {to = i64} : (tensor<2x3xf32>) -> tensor<2x3xi64>
  return %y, %c : tensor<2x3xf32>, tensor<2x3xi64>
}
