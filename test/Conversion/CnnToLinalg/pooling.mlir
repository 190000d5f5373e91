// RUN: cnn-opt %s -split-input-file -convert-cnn-to-linalg | FileCheck %s

// Ceil mode pads the end so the last window fits; padding is -inf.
// CHECK-DAG: #[[$IN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d4, d3 * 2 + d5)>
// CHECK-DAG: #[[$WIN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>
// CHECK-DAG: #[[$OUT:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @max_pool_ceil
// CHECK: %[[NINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: %[[PAD:.+]] = tensor.pad %{{.+}} low[0, 0, 0, 0] high[0, 0, 1, 1]
// CHECK: tensor.yield %[[NINF]]
// CHECK: %[[INIT:.+]] = linalg.fill
// CHECK: %[[WINDOW:.+]] = tensor.empty() : tensor<2x2xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$IN]], #[[$WIN]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[PAD]], %[[WINDOW]] : tensor<1x2x6x6xf32>, tensor<2x2xf32>) outs(%[[INIT]] : tensor<1x2x3x3xf32>)
// CHECK: arith.maximumf

func.func @max_pool_ceil(%x: tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32> {
  %y = cnn.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, ceil_mode = true} : (tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32>
  return %y : tensor<1x2x3x3xf32>
}

// -----

// Argmax: (value, row-major index) reduction with padding masked out, then a
// column-major re-encoding of the spatial part for storage_order = 1.
// CHECK-DAG: #[[$IN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 + d4, d3 * 2 + d5)>
// CHECK-LABEL: func.func @max_pool_indices
// CHECK: tensor.pad %{{.+}} low[0, 0, 1, 0] high[0, 0, 1, 0]
// CHECK: arith.constant 9223372036854775807 : i64
// CHECK: %[[R:.+]]:2 = linalg.generic {indexing_maps = [#[[$IN]], #{{.+}}, #{{.+}}, #{{.+}}]
// CHECK-SAME: outs(%{{.+}}, %{{.+}} : tensor<1x1x4x3xf32>, tensor<1x1x4x3xi64>)
// CHECK: linalg.index 4
// CHECK: arith.cmpi slt
// CHECK: arith.cmpf ogt
// CHECK: arith.cmpf oeq
// CHECK: arith.select
// CHECK: arith.select
// CHECK: %[[COL:.+]] = linalg.generic
// CHECK-SAME: ins(%[[R]]#1 : tensor<1x1x4x3xi64>)
// CHECK: arith.remsi
// CHECK: return %[[R]]#0, %[[COL]]

func.func @max_pool_indices(%x: tensor<1x1x4x6xf32>) -> (tensor<1x1x4x3xf32>, tensor<1x1x4x3xi64>) {
  %y, %i = cnn.max_pool %x {kernel_shape = array<i64: 3, 2>, strides = array<i64: 1, 2>, pads = array<i64: 1, 0, 1, 0>, storage_order = 1} : (tensor<1x1x4x6xf32>) -> (tensor<1x1x4x3xf32>, tensor<1x1x4x3xi64>)
  return %y, %i : tensor<1x1x4x3xf32>, tensor<1x1x4x3xi64>
}

// -----

// Divisors per output position (padding excluded) as a constant.
// CHECK-DAG: #[[$SPATIAL:.+]] = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// CHECK-LABEL: func.func @avg_pool_pads
// CHECK: tensor.pad %{{.+}} low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: %[[SUM:.+]] = linalg.generic
// CHECK: arith.addf
// CHECK: %[[DIV:.+]] = arith.constant dense<{{\[}}[4.000000e+00, 6.000000e+00, 6.000000e+00, 4.000000e+00], [6.000000e+00, 9.000000e+00
// CHECK: linalg.generic {indexing_maps = [#{{.+}}, #[[$SPATIAL]], #{{.+}}]
// CHECK-SAME: ins(%[[SUM]], %[[DIV]] : tensor<1x1x4x4xf32>, tensor<4x4xf32>)
// CHECK: arith.divf

func.func @avg_pool_pads(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32> {
  %y = cnn.avg_pool %x {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32>
  return %y : tensor<1x1x4x4xf32>
}

// -----

// Uniform divisor: a scalar.
// CHECK-DAG: #[[$IN:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 * 3 + d3 * 2)>
// CHECK-LABEL: func.func @avg_pool_1d_dilated
// CHECK-NOT: tensor.pad
// CHECK: linalg.generic {indexing_maps = [#[[$IN]], #{{.+}}, #{{.+}}], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
// CHECK: %[[TWO:.+]] = arith.constant 2.000000e+00 : f32
// CHECK: linalg.generic
// CHECK: arith.divf %{{.+}}, %[[TWO]]

func.func @avg_pool_1d_dilated(%x: tensor<2x3x9xf32>) -> tensor<2x3x3xf32> {
  %y = cnn.avg_pool %x {kernel_shape = array<i64: 2>, strides = array<i64: 3>, dilations = array<i64: 2>} : (tensor<2x3x9xf32>) -> tensor<2x3x3xf32>
  return %y : tensor<2x3x3xf32>
}

// -----

// CHECK-DAG: #[[$KEEP:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, 0, 0)>
// CHECK-LABEL: func.func @global_avg_pool
// CHECK: linalg.generic {indexing_maps = [#{{.+}}, #[[$KEEP]]], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
// CHECK: arith.addf
// CHECK: %[[N:.+]] = arith.constant 4.900000e+01 : f32
// CHECK: arith.divf %{{.+}}, %[[N]]

func.func @global_avg_pool(%x: tensor<1x8x7x7xf32>) -> tensor<1x8x1x1xf32> {
  %y = cnn.global_avg_pool %x : (tensor<1x8x7x7xf32>) -> tensor<1x8x1x1xf32>
  return %y : tensor<1x8x1x1xf32>
}

// -----

// CHECK-DAG: #[[$KEEP:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, 0, 0, 0)>
// CHECK-LABEL: func.func @global_max_pool
// CHECK: arith.constant 0xFF800000 : f32
// CHECK: linalg.generic {indexing_maps = [#{{.+}}, #[[$KEEP]]], iterator_types = ["parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK: arith.maximumf

func.func @global_max_pool(%x: tensor<1x8x3x4x5xf32>) -> tensor<1x8x1x1x1xf32> {
  %y = cnn.global_max_pool %x : (tensor<1x8x3x4x5xf32>) -> tensor<1x8x1x1x1xf32>
  return %y : tensor<1x8x1x1x1xf32>
}

// -----

// Scatter into the default 4x4 result, placed at the origin of the 5x5 one.
// CHECK-LABEL: func.func @max_unpool
// CHECK: %[[ZERO:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<16xf32>)
// CHECK: %[[LOOP:.+]] = scf.for %[[I:.+]] = %{{.+}} iter_args(%[[ACC:.+]] = %[[ZERO]]) -> (tensor<16xf32>)
// CHECK: scf.if
// CHECK: tensor.insert %{{.+}} into %[[ACC]]
// CHECK: %[[DEFAULT:.+]] = tensor.expand_shape %[[LOOP]] {{.+}} into tensor<1x1x4x4xf32>
// CHECK: tensor.insert_slice %[[DEFAULT]] into %{{.+}}[0, 0, 0, 0] [1, 1, 4, 4] [1, 1, 1, 1] : tensor<1x1x4x4xf32> into tensor<1x1x5x5xf32>

func.func @max_unpool(%x: tensor<1x1x2x2xf32>, %i: tensor<1x1x2x2xi64>) -> tensor<1x1x5x5xf32> {
  %y = cnn.max_unpool %x, %i {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, output_shape = array<i64: 1, 1, 5, 5>} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>) -> tensor<1x1x5x5xf32>
  return %y : tensor<1x1x5x5xf32>
}

// -----

// Windows that tile the input exactly: the pool builds no indices and the
// unpool finds each window's first maximum again in the pool's input, a
// gather over the input as [N, OH, KH, OW, KW, C] (NHWC; the transposes of
// the input are one after CSE) reading the pooled value and every tap of its
// window.
// CHECK-LABEL: func.func @unpool_gathers
// CHECK-NOT: i64
// CHECK: %[[X:.+]] = linalg.transpose ins(%{{.+}} : tensor<1x3x4x6xf32>) {{.+}} permutation = [0, 2, 3, 1]
// CHECK: %[[P:.+]] = linalg.generic {{.+}} ins(%[[X]], %{{.+}} : tensor<1x4x6x3xf32>, tensor<2x2xf32>) {{.+}} attrs = {cnnc.pool = array<i64: 2, 2, 2, 2, 1, 1, 1>}
// CHECK: %[[W:.+]] = tensor.expand_shape %{{.+}} {{\[\[}}0], [1, 2], [3, 4], [5]] output_shape [1, 2, 2, 3, 2, 3]
// CHECK: %[[G:.+]] = linalg.generic {{.+}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%[[P]], %[[W]], %[[W]], %[[W]], %[[W]] : tensor<1x2x3x3xf32>, tensor<1x2x2x3x2x3xf32>, tensor<1x2x2x3x2x3xf32>, tensor<1x2x2x3x2x3xf32>, tensor<1x2x2x3x2x3xf32>)
// CHECK-COUNT-3: arith.maximumf
// CHECK-COUNT-3: arith.cmpf oeq
// CHECK: linalg.index 2
// CHECK: linalg.index 4
// CHECK: arith.cmpi eq
// CHECK: tensor.collapse_shape %[[G]] {{\[\[}}0], [1, 2], [3, 4], [5]] : tensor<1x2x2x3x2x3xf32> into tensor<1x4x6x3xf32>
// CHECK-NOT: i64
// CHECK: return
func.func @unpool_gathers(%x: tensor<1x3x4x6xf32>) -> tensor<1x3x4x6xf32> {
  %v, %i = cnn.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x4x6xf32>) -> (tensor<1x3x2x3xf32>, tensor<1x3x2x3xi64>)
  %y = cnn.max_unpool %v, %i {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x2x3xf32>, tensor<1x3x2x3xi64>) -> tensor<1x3x4x6xf32>
  return %y : tensor<1x3x4x6xf32>
}

// -----

// The indices are also a result: built (the NCHW pool), and the unpool
// scatters them.
// CHECK-LABEL: func.func @no_gather_indices_returned
// CHECK: tensor<1x3x2x3xi64>
// CHECK: scf.for
// CHECK: tensor.insert
func.func @no_gather_indices_returned(%x: tensor<1x3x4x6xf32>) -> (tensor<1x3x4x6xf32>, tensor<1x3x2x3xi64>) {
  %v, %i = cnn.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x4x6xf32>) -> (tensor<1x3x2x3xf32>, tensor<1x3x2x3xi64>)
  %y = cnn.max_unpool %v, %i {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x3x2x3xf32>, tensor<1x3x2x3xi64>) -> tensor<1x3x4x6xf32>
  return %y, %i : tensor<1x3x4x6xf32>, tensor<1x3x2x3xi64>
}

// -----

// Overlapping windows (stride 1): indices and scatter.
// CHECK-LABEL: func.func @no_gather_overlapping
// CHECK: scf.for
// CHECK: tensor.insert
func.func @no_gather_overlapping(%x: tensor<1x3x4x6xf32>) -> tensor<1x3x4x6xf32> {
  %v, %i = cnn.max_pool %x {kernel_shape = array<i64: 2, 2>} : (tensor<1x3x4x6xf32>) -> (tensor<1x3x3x5xf32>, tensor<1x3x3x5xi64>)
  %y = cnn.max_unpool %v, %i {kernel_shape = array<i64: 2, 2>} : (tensor<1x3x3x5xf32>, tensor<1x3x3x5xi64>) -> tensor<1x3x4x6xf32>
  return %y : tensor<1x3x4x6xf32>
}

// -----

// An NCHW input with 16+ channels (here the function's argument) is
// transposed to NHWC and pooled there along contiguous channels (the padded
// NHWC buffer, -inf around it); the result is an NCHW view of the NHWC one.
// CHECK-LABEL: func.func @nchw_to_nhwc_pool
// CHECK-SAME: (%[[X:.*]]: tensor<1x16x9x9xf32>)
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[X]] : tensor<1x16x9x9xf32>) outs(%{{.*}} : tensor<1x9x9x16xf32>) permutation = [0, 2, 3, 1]
// CHECK: linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<1x5x5x16xf32>)
// CHECK: arith.maximumf
// CHECK: linalg.transpose ins(%{{.*}} : tensor<1x5x5x16xf32>) outs(%{{.*}} : tensor<1x16x5x5xf32>) permutation = [0, 3, 1, 2] {cnnc.nchw_view}
func.func @nchw_to_nhwc_pool(%x: tensor<1x16x9x9xf32>) -> tensor<1x16x5x5xf32> {
  %y = cnn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x16x9x9xf32>) -> tensor<1x16x5x5xf32>
  return %y : tensor<1x16x5x5xf32>
}

// -----

// Fewer than 16 channels, or more than 8 MB (here 16 MB: the transposes'
// extra passes through memory cost more than the NCHW loops): pooled in
// NCHW.
// CHECK-LABEL: func.func @nchw_pool_kept
// CHECK-NOT: linalg.transpose
// CHECK: linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<1x8x5x5xf32>)
// CHECK-NOT: linalg.transpose
// CHECK: linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<1x64x128x128xf32>)
// CHECK-NOT: linalg.transpose
func.func @nchw_pool_kept(%x: tensor<1x8x9x9xf32>, %z: tensor<1x64x256x256xf32>) -> (tensor<1x8x5x5xf32>, tensor<1x64x128x128xf32>) {
  %y = cnn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x9x9xf32>) -> tensor<1x8x5x5xf32>
  %w = cnn.max_pool %z {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x64x256x256xf32>) -> tensor<1x64x128x128xf32>
  return %y, %w : tensor<1x8x5x5xf32>, tensor<1x64x128x128xf32>
}
