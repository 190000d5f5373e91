// RUN: cnn-opt %s -split-input-file -convert-cnn-to-linalg=vector-bits=512 | FileCheck %s
// RUN: cnn-opt %s -split-input-file -convert-cnn-to-linalg=vector-bits=256 | FileCheck %s --check-prefix=AVX2
// RUN: cnn-opt %s -split-input-file -convert-cnn-to-linalg=vector-bits=512 -cse | FileCheck %s --check-prefix=CSE

// Constant weights are packed at compile time to [F/B, KH, KW, C, B]
// (zero-padded from F = 4; B = 16, one vector, as it pads less than two),
// the bias to [F/B, B]; the input is
// transposed and inserted into the interior of a zero-filled NHWC buffer
// (cnnc-pad-in-place later has the transpose write the interior); the
// marked generic accumulates onto the bias; the result goes back to NCHW.
// CHECK-LABEL: func.func @packed_const(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x8x8xf32>
// CHECK: %[[FILL:.*]] = linalg.fill {{.*}} -> tensor<1x10x10x3xf32>
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<1x8x8x3xf32>
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[X]] : tensor<1x3x8x8xf32>) outs(%[[EMPTY]] : tensor<1x8x8x3xf32>) permutation = [0, 2, 3, 1]
// CHECK: %[[XP:.*]] = tensor.insert_slice %[[T]] into %[[FILL]][0, 1, 1, 0]
// CHECK-DAG: %[[W:.*]] = arith.constant dense_resource<conv_packed> : tensor<1x3x3x3x16xf32>
// CHECK-DAG: %[[B:.*]] = arith.constant dense_resource<conv_bias> : tensor<1x16xf32>
// CHECK: %[[INIT:.*]] = linalg.generic {{.*}} ins(%[[B]] : tensor<1x16xf32>) outs(%{{.*}} : tensor<1x4x4x1x16xf32>)
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} ins(%[[XP]], %[[W]] : tensor<1x10x10x3xf32>, tensor<1x3x3x3x16xf32>) outs(%[[INIT]] : tensor<1x4x4x1x16xf32>) attrs = {cnnc.conv = array<i64: 2, 2, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>}
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %[[Y]] {{\[\[}}0], [1], [2], [3, 4]]
// CHECK: %[[USED:.*]] = tensor.extract_slice %[[FLAT]][0, 0, 0, 0] [1, 4, 4, 4]
// CHECK: linalg.transpose ins(%[[USED]] : tensor<1x4x4x4xf32>) {{.*}} permutation = [0, 3, 1, 2]
// The bias blob: 64-byte alignment, 4 x 0.5, then zeros.
// CHECK: conv_bias: "0x400000000000003F0000003F0000003F0000003F00000000
// AVX2-LABEL: func.func @packed_const(
// AVX2: arith.constant dense_resource<conv_packed> : tensor<1x3x3x3x8xf32>
func.func @packed_const(%x: tensor<1x3x8x8xf32>) -> tensor<1x4x4x4xf32> {
  %w = cnn.constant dense<1.0> : tensor<4x3x3x3xf32>
  %b = cnn.constant dense<0.5> : tensor<4xf32>
  %y = cnn.conv %x, %w, %b {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}

// -----

// Weights that are graph inputs are packed at run time by a generic reading
// w[fb * 16 + b, c, kh, kw] from the F-padded weights (40 -> 48: one-vector
// blocks pad less than two-vector ones); no bias: zeros.
// CHECK-LABEL: func.func @packed_runtime_weights(
// CHECK-SAME: %[[X:.*]]: tensor<1x8x5x5xf32>, %[[W:.*]]: tensor<40x8x1x1xf32>
// CHECK: %[[WP:.*]] = tensor.pad %[[W]] low[0, 0, 0, 0] high[8, 0, 0, 0]
// CHECK: %[[PACKED:.*]] = linalg.generic {{.*}} ins(%[[WP]] : tensor<48x8x1x1xf32>) outs(%{{.*}} : tensor<3x1x1x8x16xf32>)
// CHECK: %[[ZERO:.*]] = linalg.fill {{.*}} -> tensor<1x5x5x3x16xf32>
// CHECK: linalg.generic {{.*}} ins({{.*}}, %[[PACKED]] : tensor<1x5x5x8xf32>, tensor<3x1x1x8x16xf32>) outs(%[[ZERO]] : {{.*}}) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1>}
func.func @packed_runtime_weights(%x: tensor<1x8x5x5xf32>, %w: tensor<40x8x1x1xf32>) -> tensor<1x40x5x5xf32> {
  %y = cnn.conv %x, %w : (tensor<1x8x5x5xf32>, tensor<40x8x1x1xf32>) -> tensor<1x40x5x5xf32>
  return %y : tensor<1x40x5x5xf32>
}

// -----

// Grouped, 2 groups of 8 -> 16: one 16-lane block per group (two 8-lane
// vectors with AVX2), block fb reading input channels from fb * 8 on.
// CHECK-LABEL: func.func @grouped_const(
// CHECK: arith.constant dense_resource<gconv_packed> : tensor<2x3x3x8x16xf32>
// CHECK: linalg.generic {{.*}} ins({{.*}} : tensor<1x8x8x16xf32>, tensor<2x3x3x8x16xf32>) outs({{.*}} : tensor<1x6x6x2x16xf32>) attrs = {cnnc.conv = array<i64: 1, 1, 1, 1, 16, 8>}
// AVX2-LABEL: func.func @grouped_const(
// AVX2: cnnc.conv = array<i64: 1, 1, 1, 1, 16, 8>
func.func @grouped_const(%x: tensor<1x16x8x8xf32>) -> tensor<1x32x6x6xf32> {
  %w = cnn.constant dense<1.0> : tensor<32x8x3x3xf32>
  %y = cnn.conv %x, %w {group = 2 : i64} : (tensor<1x16x8x8xf32>, tensor<32x8x3x3xf32>) -> tensor<1x32x6x6xf32>
  return %y : tensor<1x32x6x6xf32>
}

// -----

// Groups of 3 outputs (F = 6, 2 groups): the one 16-lane block spans both
// groups, window Cw = 2 * Cg = 8 channels, so the channel read is
// ((fb * 16) floordiv 3) * 4 + c.
// CHECK: #[[WIN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 + d5, d2 + d6, ((d3 * 16) floordiv 3) * 4 + d7)>
// CHECK-LABEL: func.func @grouped_window(
// CHECK: arith.constant dense_resource<gconv_packed> : tensor<1x1x1x8x16xf32>
// CHECK: linalg.generic {indexing_maps = [#[[WIN]], {{.*}}cnnc.conv = array<i64: 1, 1, 1, 1, 3, 4>}
func.func @grouped_window(%x: tensor<1x8x5x5xf32>) -> tensor<1x6x5x5xf32> {
  %w = cnn.constant dense<1.0> : tensor<6x4x1x1xf32>
  %y = cnn.conv %x, %w {group = 2 : i64} : (tensor<1x8x5x5xf32>, tensor<6x4x1x1xf32>) -> tensor<1x6x5x5xf32>
  return %y : tensor<1x6x5x5xf32>
}

// -----

// Grouped convolutions with run-time weights keep the generic lowering.
// CHECK-LABEL: func.func @negative_grouped_runtime_weights(
// CHECK-NOT: cnnc.conv
// CHECK: return
func.func @negative_grouped_runtime_weights(%x: tensor<1x4x6x6xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x4x4x4xf32> {
  %y = cnn.conv %x, %w {group = 2 : i64} : (tensor<1x4x6x6xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x4x4xf32>
  return %y : tensor<1x4x4x4xf32>
}

// -----

// A gemm reading a packed conv's output through flatten reads the NHWC
// tensor [1, 4, 3, 32] (20 channels padded to 32) flattened, with its
// weight rows permuted at packing time (the NCHW view is left unused).
// CHECK-LABEL: func.func @flatten_gemm(
// CHECK: %[[NHWC:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0], [1], [2], [3, 4]] : tensor<1x4x3x1x32xf32> into tensor<1x4x3x32xf32>
// CHECK: tensor.collapse_shape %[[NHWC]] {{\[}}[0], [1, 2, 3]] : tensor<1x4x3x32xf32> into tensor<1x384xf32>
// CHECK: dense_resource<gemm_packed> : tensor<1x1x1x384x32xf32>
// CHECK: return
func.func @flatten_gemm(%x: tensor<1x8x4x3xf32>) -> tensor<1x10xf32> {
  %w = cnn.constant dense<0.5> : tensor<20x8x1x1xf32>
  %y = cnn.conv %x, %w : (tensor<1x8x4x3xf32>, tensor<20x8x1x1xf32>) -> tensor<1x20x4x3xf32>
  %f = cnn.flatten %y : (tensor<1x20x4x3xf32>) -> tensor<1x240xf32>
  %b = cnn.constant dense<0.25> : tensor<10x240xf32>
  %z = cnn.gemm %f, %b {trans_b = true} : (tensor<1x240xf32>, tensor<10x240xf32>) -> tensor<1x10xf32>
  return %z : tensor<1x10xf32>
}

// -----

// Convs without bias start from zeros in tensors of their own
// (bufferization.alloc_tensor): CSE cannot merge the fills into one buffer
// that bufferization would then copy for every conv (DenseNet-121: 71
// copies).
// CSE-LABEL: func.func @zero_inits(
// CSE-COUNT-2: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x4x4x1x16xf32>)
// CSE: return
func.func @zero_inits(%x: tensor<1x8x4x4xf32>) -> (tensor<1x16x4x4xf32>, tensor<1x16x4x4xf32>) {
  %w = cnn.constant dense<0.5> : tensor<16x8x1x1xf32>
  %w2 = cnn.constant dense<0.25> : tensor<16x8x1x1xf32>
  %y = cnn.conv %x, %w : (tensor<1x8x4x4xf32>, tensor<16x8x1x1xf32>) -> tensor<1x16x4x4xf32>
  %z = cnn.conv %x, %w2 : (tensor<1x8x4x4xf32>, tensor<16x8x1x1xf32>) -> tensor<1x16x4x4xf32>
  return %y, %z : tensor<1x16x4x4xf32>, tensor<1x16x4x4xf32>
}
