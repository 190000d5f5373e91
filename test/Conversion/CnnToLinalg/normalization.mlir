// RUN: cnn-opt %s -split-input-file -convert-cnn-to-linalg | FileCheck %s

// The [C] statistics fold into scale / sqrt(var + eps), read per channel.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @batch_norm(
// CHECK-SAME: %[[X:.*]]: tensor<2x3x4x5xf32>, %[[S:.*]]: tensor<3xf32>, %[[B:.*]]: tensor<3xf32>, %[[M:.*]]: tensor<3xf32>, %[[V:.*]]: tensor<3xf32>)
// CHECK: %[[F:.*]] = linalg.generic {{.*}} ins(%[[S]], %[[V]] : tensor<3xf32>, tensor<3xf32>)
// CHECK: arith.constant 0.00999999977 : f32
// CHECK: math.sqrt
// CHECK: arith.divf
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[CH]], #[[CH]], #[[CH]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[X]], %[[M]], %[[F]], %[[B]] :
// CHECK: arith.subf
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @batch_norm(%x: tensor<2x3x4x5xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<2x3x4x5xf32> {
  %0 = cnn.batch_norm %x, %s, %b, %m, %v {epsilon = 1.0e-02 : f32} : (tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x5xf32>
  return %0 : tensor<2x3x4x5xf32>
}

// -----

// With its activation: applied in the same generic.
// CHECK-LABEL: func.func @batch_norm_relu(
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK: arith.subf
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: arith.cmpf olt
// CHECK-NEXT: arith.select
// CHECK-NEXT: linalg.yield
func.func @batch_norm_relu(%x: tensor<2x3x4x5xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<2x3x4x5xf32> {
  %0 = cnn.batch_norm %x, %s, %b, %m, %v {activation = #cnn.activation<relu>} : (tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x5xf32>
  return %0 : tensor<2x3x4x5xf32>
}

// -----

// Mean, then biased variance from a second pass, as [N, C] reductions.
// CHECK-LABEL: func.func @instance_norm(
// CHECK-SAME: %[[X:.*]]: tensor<2x3x4x5xf32>, %[[S:.*]]: tensor<3xf32>, %[[B:.*]]: tensor<3xf32>)
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction", "reduction"]} ins(%[[X]] : tensor<2x3x4x5xf32>) outs(%{{.*}} : tensor<2x3xf32>)
// CHECK: %[[MEAN:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<2x3xf32>)
// CHECK: arith.constant 2.000000e+01 : f32
// CHECK: %[[SQ:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction", "reduction"]} ins(%[[X]], %[[MEAN]] : tensor<2x3x4x5xf32>, tensor<2x3xf32>) outs(%{{.*}} : tensor<2x3xf32>)
// CHECK: arith.subf
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: %[[F:.*]] = linalg.generic {{.*}} ins(%[[SQ]], %[[S]] : tensor<2x3xf32>, tensor<3xf32>) outs(%{{.*}} : tensor<2x3xf32>)
// CHECK: math.sqrt
// CHECK: linalg.generic {{.*}} ins(%[[X]], %[[MEAN]], %[[F]], %[[B]] : tensor<2x3x4x5xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<3xf32>) outs(%{{.*}} : tensor<2x3x4x5xf32>)
func.func @instance_norm(%x: tensor<2x3x4x5xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<2x3x4x5xf32> {
  %0 = cnn.instance_norm %x, %s, %b : (tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x5xf32>
  return %0 : tensor<2x3x4x5xf32>
}

// -----

// Even size 4: window [c - 1, c + 2]; one slice of the padded input per
// offset, x itself at offset 0.
// CHECK-LABEL: func.func @lrn(
// CHECK-SAME: %[[X:.*]]: tensor<1x8x5x5xf32>)
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 1, 0, 0] high[0, 2, 0, 0]
// CHECK: %[[S0:.*]] = tensor.extract_slice %[[P]][0, 0, 0, 0] [1, 8, 5, 5] [1, 1, 1, 1]
// CHECK: %[[S2:.*]] = tensor.extract_slice %[[P]][0, 2, 0, 0] [1, 8, 5, 5] [1, 1, 1, 1]
// CHECK: %[[S3:.*]] = tensor.extract_slice %[[P]][0, 3, 0, 0] [1, 8, 5, 5] [1, 1, 1, 1]
// CHECK: linalg.generic {{.*}} ins(%[[S0]], %[[X]], %[[S2]], %[[S3]] :
// CHECK: ^bb0(%{{.*}}: f32, %[[C:.*]]: f32, %{{.*}}: f32, %{{.*}}: f32, %{{.*}}: f32):
// CHECK: arith.constant 5.000000e-05 : f32
// CHECK: arith.constant 2.000000e+00 : f32
// CHECK: %[[D:.*]] = math.powf %{{.*}}, %{{.*}} : f32
// CHECK: arith.divf %[[C]], %[[D]] : f32
func.func @lrn(%x: tensor<1x8x5x5xf32>) -> tensor<1x8x5x5xf32> {
  %0 = cnn.lrn %x {size = 4 : i64, alpha = 2.0e-4 : f32, beta = 0.6 : f32, bias = 2.0 : f32} : (tensor<1x8x5x5xf32>) -> tensor<1x8x5x5xf32>
  return %0 : tensor<1x8x5x5xf32>
}

// -----

// A window wider than the channels is cut to C - 1 each side; beta 0.75 is
// sqrt(b) * sqrt(sqrt(b)).
// CHECK-LABEL: func.func @lrn_wide(
// CHECK: tensor.pad %{{.*}} low[0, 1, 0] high[0, 1, 0]
// CHECK-COUNT-2: tensor.extract_slice
// CHECK: linalg.generic
// CHECK: %[[R:.*]] = math.sqrt
// CHECK: %[[RR:.*]] = math.sqrt %[[R]]
// CHECK: arith.mulf %[[R]], %[[RR]]
// CHECK-NOT: math.powf
func.func @lrn_wide(%x: tensor<1x2x3xf32>) -> tensor<1x2x3xf32> {
  %0 = cnn.lrn %x {size = 9 : i64} : (tensor<1x2x3xf32>) -> tensor<1x2x3xf32>
  return %0 : tensor<1x2x3xf32>
}

// -----

// The NCHW view of an NHWC tensor (here a pool's) is normalised in NHWC:
// the channels (dimension 3) padded and sliced, the generic over
// [N, H, W, C], the result an NCHW view again (the pool's own view is
// left dead).
// CHECK-LABEL: func.func @lrn_nhwc(
// CHECK: %[[POOL:.*]] = linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<1x5x5x16xf32>)
// CHECK: %[[P:.*]] = tensor.pad %[[POOL]] low[0, 0, 0, 2] high[0, 0, 0, 2]
// CHECK: %[[S0:.*]] = tensor.extract_slice %[[P]][0, 0, 0, 0] [1, 5, 5, 16] [1, 1, 1, 1]
// CHECK-NOT: linalg.transpose
// CHECK: linalg.generic {{.*}} ins(%[[S0]], %{{[a-z_0-9]+}}, %[[POOL]], %{{[a-z_0-9]+}}, %{{[a-z_0-9]+}} :
// CHECK-SAME: outs(%{{.*}} : tensor<1x5x5x16xf32>)
// CHECK: math.sqrt
// CHECK: linalg.transpose ins(%{{.*}} : tensor<1x5x5x16xf32>) outs(%{{.*}} : tensor<1x16x5x5xf32>) permutation = [0, 3, 1, 2] {cnnc.nchw_view}
func.func @lrn_nhwc(%x: tensor<1x16x9x9xf32>) -> tensor<1x16x5x5xf32> {
  %y = cnn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x16x9x9xf32>) -> tensor<1x16x5x5xf32>
  %0 = cnn.lrn %y {size = 5 : i64} : (tensor<1x16x5x5xf32>) -> tensor<1x16x5x5xf32>
  return %0 : tensor<1x16x5x5xf32>
}

// -----

// Instance norm of the NCHW view of an NHWC tensor (a pool's): the mean and
// the squared deviations reduced over (h, w) with the channels innermost,
// the normalisation over [N, H, W, C], the result an NCHW view again.
// CHECK-LABEL: func.func @instance_norm_nhwc(
// CHECK: %[[POOL:.*]] = linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<1x5x5x16xf32>)
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction", "reduction", "parallel"]} ins(%[[POOL]] : tensor<1x5x5x16xf32>) outs(%{{.*}} : tensor<1x16xf32>)
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction", "reduction", "parallel"]} ins(%[[POOL]], %{{.*}} : tensor<1x5x5x16xf32>, tensor<1x16xf32>)
// CHECK: math.sqrt
// CHECK: linalg.generic {{.*}} ins(%[[POOL]], {{.*}} outs(%{{.*}} : tensor<1x5x5x16xf32>)
// CHECK: linalg.transpose ins(%{{.*}} : tensor<1x5x5x16xf32>) outs(%{{.*}} : tensor<1x16x5x5xf32>) permutation = [0, 3, 1, 2] {cnnc.nchw_view}
func.func @instance_norm_nhwc(%x: tensor<1x16x9x9xf32>, %s: tensor<16xf32>, %b: tensor<16xf32>) -> tensor<1x16x5x5xf32> {
  %y = cnn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x16x9x9xf32>) -> tensor<1x16x5x5xf32>
  %0 = cnn.instance_norm %y, %s, %b : (tensor<1x16x5x5xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x5x5xf32>
  return %0 : tensor<1x16x5x5xf32>
}
