// RUN: cnn-opt %s -split-input-file -convert-cnn-to-linalg | FileCheck %s

// Nearest: one tap of weight 1 per resized dimension, a source index table
// each; dimensions left unchanged read linalg.index.
// CHECK-DAG: #[[H:.*]] = affine_map<(d0, d1, d2, d3) -> (d2)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @nearest
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x2x2xf32>)
// CHECK-DAG: %[[HI:.*]] = arith.constant dense<[0, 0, 1, 1]> : tensor<4xi32>
// CHECK-DAG: %[[WI:.*]] = arith.constant dense<[0, 0, 0, 1, 1, 1]> : tensor<6xi32>
// CHECK: linalg.generic {indexing_maps = [#[[H]], #[[W]], #[[ID]]]
// CHECK-SAME: ins(%[[HI]], %[[WI]] : tensor<4xi32>, tensor<6xi32>)
// CHECK: ^bb0(%[[IH:.*]]: i32, %[[IW:.*]]: i32, %{{.*}}: f32):
// CHECK: %[[N:.*]] = linalg.index 0
// CHECK: %[[C:.*]] = linalg.index 1
// CHECK: %[[SH:.*]] = arith.index_cast %[[IH]] : i32 to index
// CHECK: %[[SW:.*]] = arith.index_cast %[[IW]] : i32 to index
// CHECK: %[[V:.*]] = tensor.extract %[[X]][%[[N]], %[[C]], %[[SH]], %[[SW]]]
// CHECK: linalg.yield %[[V]] : f32
func.func @nearest(%x: tensor<1x3x2x2xf32>) -> tensor<1x3x4x6xf32> {
  %y = cnn.resize %x {scales = array<f32: 1.0, 1.0, 2.0, 3.0>}
      : (tensor<1x3x2x2xf32>) -> tensor<1x3x4x6xf32>
  return %y : tensor<1x3x4x6xf32>
}

// -----

// Linear on f16: two weighted taps, interpolated in f32. Sizes 4 -> 2 under
// half_pixel sample x = 0.5 and 2.5.
// CHECK-LABEL: func.func @linear
// CHECK-DAG: %[[I0:.*]] = arith.constant dense<[0, 2]> : tensor<2xi32>
// CHECK-DAG: %[[I1:.*]] = arith.constant dense<[1, 3]> : tensor<2xi32>
// CHECK-DAG: arith.constant dense<5.000000e-01> : tensor<2xf32>
// CHECK: linalg.generic
// CHECK: ^bb0(%{{.*}}: i32, %[[W0:.*]]: f32, %{{.*}}: i32, %[[W1:.*]]: f32, %{{.*}}: f16):
// CHECK: %[[A:.*]] = tensor.extract
// CHECK: %[[AF:.*]] = arith.extf %[[A]] : f16 to f32
// CHECK: %[[AW:.*]] = arith.mulf %[[AF]], %[[W0]] : f32
// CHECK: %[[B:.*]] = tensor.extract
// CHECK: %[[BF:.*]] = arith.extf %[[B]] : f16 to f32
// CHECK: %[[BW:.*]] = arith.mulf %[[BF]], %[[W1]] : f32
// CHECK: %[[S:.*]] = arith.addf %[[AW]], %[[BW]] : f32
// CHECK: %[[T:.*]] = arith.truncf %[[S]] : f32 to f16
// CHECK: linalg.yield %[[T]] : f16
func.func @linear(%x: tensor<1x1x2x4xf16>) -> tensor<1x1x2x2xf16> {
  %y = cnn.resize %x {mode = #cnn.resize_mode<linear>,
                      sizes = array<i64: 1, 1, 2, 2>}
      : (tensor<1x1x2x4xf16>) -> tensor<1x1x2x2xf16>
  return %y : tensor<1x1x2x2xf16>
}

// -----

// tf_crop_and_resize: rows map to x = 2.25 i - 1.5, so row 0 lies outside
// the input (flag 1, extrapolation_value), row 1 interpolates rows 0 and 1
// at 0.75, row 2 reads row 3.
// CHECK-LABEL: func.func @crop
// CHECK-DAG: arith.constant dense<[0, 0, 3]> : tensor<3xi32>
// CHECK-DAG: arith.constant dense<[0.000000e+00, 2.500000e-01, 1.000000e+00]> : tensor<3xf32>
// CHECK-DAG: arith.constant dense<[0, 1, 0]> : tensor<3xi32>
// CHECK-DAG: arith.constant dense<[0.000000e+00, 7.500000e-01, 0.000000e+00]> : tensor<3xf32>
// CHECK-DAG: %[[OUT:.*]] = arith.constant dense<[1, 0, 0]> : tensor<3xi8>
// CHECK: linalg.generic
// CHECK: ^bb0({{.*}}, %[[F:.*]]: i8, %{{.*}}: f32):
// CHECK: %[[SUM:.*]] = arith.addf
// CHECK: %[[O:.*]] = arith.cmpi ne, %[[F]], %{{.*}} : i8
// CHECK: %[[E:.*]] = arith.constant 1.000000e+01 : f32
// CHECK: %[[R:.*]] = arith.select %[[O]], %[[E]], %[[SUM]] : f32
// CHECK: linalg.yield %[[R]]
func.func @crop(%x: tensor<4x5xf32>) -> tensor<3x5xf32> {
  %y = cnn.resize %x {mode = #cnn.resize_mode<linear>,
                      coordinate_transformation_mode = #cnn.coord_mode<tf_crop_and_resize>,
                      extrapolation_value = 10.0 : f32,
                      roi = array<f32: -0.5, 0.0, 1.0, 1.0>,
                      sizes = array<i64: 3, 5>}
      : (tensor<4x5xf32>) -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}

// -----

// Cubic with 4 taps: downsampling 8 -> 3 (scale 3/8, half_pixel) samples
// x = 0.8333, 3.5, 6.1667, i.e. neighbours -1..2, 2..5 and 5..8; the edge
// taps -1 and 8 read elements 0 and 7 and merge with theirs, leaving three
// taps (and a zero-weight fourth) at the borders.
// CHECK-LABEL: func.func @cubic
// CHECK-DAG: arith.constant dense<[0, 2, 5]> : tensor<3xi32>
// CHECK-DAG: arith.constant dense<[1, 3, 6]> : tensor<3xi32>
// CHECK-DAG: arith.constant dense<[2, 4, 7]> : tensor<3xi32>
// CHECK-DAG: arith.constant dense<[0, 5, 0]> : tensor<3xi32>
// CHECK-DAG: arith.constant dense<[0.000000e+00, -9.375000e-02, 0.000000e+00]> : tensor<3xf32>
// CHECK: linalg.generic
// CHECK-COUNT-4: tensor.extract
// CHECK-NOT: tensor.extract
// CHECK: linalg.yield
func.func @cubic(%x: tensor<8xf32>) -> tensor<3xf32> {
  %y = cnn.resize %x {mode = #cnn.resize_mode<cubic>, sizes = array<i64: 3>}
      : (tensor<8xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}

// -----

// A mapping that is the identity in every dimension needs no generic.
// CHECK-LABEL: func.func @identity
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NOT: linalg.generic
// CHECK: return %[[X]]
func.func @identity(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = cnn.resize %x {mode = #cnn.resize_mode<cubic>, sizes = array<i64: 2, 3>}
      : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// An NCHW input with 16+ channels is transposed to NHWC and resized there,
// the channel loop innermost; the result is an NCHW view.
// CHECK-LABEL: func.func @nchw_to_nhwc_resize
// CHECK-SAME: (%[[X:.*]]: tensor<1x16x3x4xf32>)
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[X]] : tensor<1x16x3x4xf32>) outs(%{{.*}} : tensor<1x3x4x16xf32>) permutation = [0, 2, 3, 1]
// CHECK: linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<1x6x8x16xf32>)
// CHECK: tensor.extract %[[T]]
// CHECK: linalg.transpose ins(%{{.*}} : tensor<1x6x8x16xf32>) outs(%{{.*}} : tensor<1x16x6x8xf32>) permutation = [0, 3, 1, 2] {cnnc.nchw_view}
func.func @nchw_to_nhwc_resize(%x: tensor<1x16x3x4xf32>) -> tensor<1x16x6x8xf32> {
  %y = cnn.resize %x {scales = array<f32: 1.0, 1.0, 2.0, 2.0>}
      : (tensor<1x16x3x4xf32>) -> tensor<1x16x6x8xf32>
  return %y : tensor<1x16x6x8xf32>
}
