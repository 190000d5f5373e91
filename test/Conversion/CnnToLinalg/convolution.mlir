// RUN: cnn-opt %s -split-input-file -convert-cnn-to-linalg | FileCheck %s

// A padded, strided 2-D convolution with bias: zero padding, the bias
// broadcast into the output, one generic over (n, m, oh, ow, c, kh, kw).
// CHECK-DAG: #[[BIAS:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d4, d2 * 2 + d5, d3 * 2 + d6)>
// CHECK-DAG: #[[WMAP:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d1, d4, d5, d6)>
// CHECK-LABEL: func.func @conv_bias_pad_stride(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x8x8xf32>, %[[W:.*]]: tensor<4x3x3x3xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: %[[INIT:.*]] = linalg.generic {indexing_maps = [#[[BIAS]], {{.*}}]{{.*}} ins(%[[B]] : tensor<4xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[WMAP]], {{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%[[P]], %[[W]] : {{.*}}) outs(%[[INIT]] : tensor<1x4x4x4xf32>)
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @conv_bias_pad_stride(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x4x4xf32> {
  %y = cnn.conv %x, %w, %b {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}

// -----

// Groups pick the input channel block of the output channel's group; a
// dilation scales the kernel offset.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, (d1 floordiv 2) * 2 + d4, d2 + d5 * 2, d3 + d6 * 2)>
// CHECK-LABEL: func.func @grouped_dilated(
// CHECK: linalg.fill
// CHECK: linalg.generic {indexing_maps = [#[[IN]],
func.func @grouped_dilated(%x: tensor<1x4x9x9xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x4x5x5xf32> {
  %y = cnn.conv %x, %w {group = 2 : i64, dilations = array<i64: 2, 2>} : (tensor<1x4x9x9xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x5x5xf32>
  return %y : tensor<1x4x5x5xf32>
}

// -----

// Transposed conv: the input is dilated by the stride with insert_slice into
// zeros, padded by d(k-1)-p, and convolved with the flipped kernel.
// CHECK-DAG: #[[FLIP:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d0, -d2 + 2, -d3 + 2)>
// CHECK-LABEL: func.func @conv_transpose_stride_two(
// CHECK-SAME: %[[X:.*]]: tensor<1x8x4x4xf32>, %[[W:.*]]: tensor<8x2x3x3xf32>)
// CHECK: %[[Z:.*]] = linalg.fill {{.*}} -> tensor<1x8x7x7xf32>
// CHECK: %[[D:.*]] = tensor.insert_slice %[[X]] into %[[Z]][0, 0, 0, 0] [1, 8, 4, 4] [1, 1, 2, 2]
// CHECK: %[[P:.*]] = tensor.pad %[[D]] low[0, 0, 1, 1] high[0, 0, 2, 2]
// CHECK: %[[FW:.*]] = linalg.generic {indexing_maps = [#[[FLIP]], {{.*}}]{{.*}} ins(%[[W]] : tensor<8x2x3x3xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[P]], %[[FW]] : tensor<1x8x10x10xf32>, tensor<2x8x3x3xf32>) outs(%{{.*}} : tensor<1x2x8x8xf32>)
func.func @conv_transpose_stride_two(%x: tensor<1x8x4x4xf32>, %w: tensor<8x2x3x3xf32>) -> tensor<1x2x8x8xf32> {
  %y = cnn.conv_transpose %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>} : (tensor<1x8x4x4xf32>, tensor<8x2x3x3xf32>) -> tensor<1x2x8x8xf32>
  return %y : tensor<1x2x8x8xf32>
}

// -----

// The conversion folds ops first, and conv's folder resolves auto_pad into
// pads, so unresolved auto_pad lowers too.
// CHECK-LABEL: func.func @auto_pad_same_upper(
// CHECK: tensor.pad %{{.*}} low[0, 0, 1, 1] high[0, 0, 1, 1]
func.func @auto_pad_same_upper(%x: tensor<1x1x6x6xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x6x6xf32> {
  %y = cnn.conv %x, %w {auto_pad = #cnn.auto_pad<same_upper>} : (tensor<1x1x6x6xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x6x6xf32>
  return %y : tensor<1x1x6x6xf32>
}
