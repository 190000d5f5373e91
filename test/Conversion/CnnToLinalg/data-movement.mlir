// RUN: cnn-opt %s -split-input-file -convert-cnn-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @concat(
// CHECK-SAME: %[[A:.*]]: tensor<1x2x4x4xf32>, %[[B:.*]]: tensor<1x3x4x4xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x5x4x4xf32>
// CHECK: %[[R1:.*]] = tensor.insert_slice %[[A]] into %[[E]][0, 0, 0, 0] [1, 2, 4, 4] [1, 1, 1, 1]
// CHECK: tensor.insert_slice %[[B]] into %[[R1]][0, 2, 0, 0] [1, 3, 4, 4] [1, 1, 1, 1]
func.func @concat(%a: tensor<1x2x4x4xf32>, %b: tensor<1x3x4x4xf32>) -> tensor<1x5x4x4xf32> {
  %y = cnn.concat %a, %b {axis = 1 : i64} : (tensor<1x2x4x4xf32>, tensor<1x3x4x4xf32>) -> tensor<1x5x4x4xf32>
  return %y : tensor<1x5x4x4xf32>
}

// -----

// A negative step slices the range with a positive stride, then reverses.
// CHECK-DAG: #[[REV:.*]] = affine_map<(d0, d1) -> (d0, -d1 + 2)>
// CHECK-LABEL: func.func @slice_negative_step(
// CHECK: %[[S:.*]] = tensor.extract_slice %{{.*}}[0, 1] [2, 3] [1, 2] : tensor<2x8xf32> to tensor<2x3xf32>
// CHECK: linalg.generic {indexing_maps = [#[[REV]], {{.*}}]{{.*}} ins(%[[S]]
func.func @slice_negative_step(%x: tensor<2x8xf32>) -> tensor<2x3xf32> {
  %y = cnn.slice %x {starts = array<i64: 5>, ends = array<i64: 0>, axes = array<i64: 1>, steps = array<i64: -2>} : (tensor<2x8xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// Empty results need no data.
// CHECK-LABEL: func.func @split_with_empty_part(
// CHECK: %[[A:.*]] = tensor.extract_slice %{{.*}}[0, 0] [2, 3] [1, 1]
// CHECK: %[[B:.*]] = tensor.empty() : tensor<2x0xf32>
// CHECK: return %[[A]], %[[B]]
func.func @split_with_empty_part(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x0xf32>) {
  %a, %b = cnn.split %x {axis = 1 : i64, split = array<i64: 3, 0>} : (tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x0xf32>)
  return %a, %b : tensor<2x3xf32>, tensor<2x0xf32>
}

// -----

// Reflect padding reads the mirrored index inside a generic.
// CHECK-LABEL: func.func @pad_reflect(
// CHECK: linalg.generic
// CHECK: linalg.index 0
// CHECK: arith.maxsi
// CHECK: arith.minsi
// CHECK: tensor.extract
func.func @pad_reflect(%x: tensor<4xf32>) -> tensor<8xf32> {
  %y = cnn.pad %x {pads = array<i64: 2, 2>, mode = #cnn.pad_mode<reflect>} : (tensor<4xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

// Reshapes collapse to 1-D and expand to the result.
// CHECK-LABEL: func.func @flatten(
// CHECK: %[[C:.*]] = tensor.collapse_shape %{{.*}} {{\[\[}}0, 1, 2, 3]] : tensor<1x16x5x5xf32> into tensor<400xf32>
// CHECK: tensor.expand_shape %[[C]] {{\[\[}}0, 1]] output_shape [1, 400]
func.func @flatten(%x: tensor<1x16x5x5xf32>) -> tensor<1x400xf32> {
  %y = cnn.flatten %x : (tensor<1x16x5x5xf32>) -> tensor<1x400xf32>
  return %y : tensor<1x400xf32>
}

// -----

// CHECK-LABEL: func.func @gather(
// CHECK: linalg.generic
// CHECK: arith.index_cast
// CHECK: arith.select
// CHECK: tensor.extract
func.func @gather(%x: tensor<5x4xf32>, %i: tensor<2x3xi64>) -> tensor<2x3x4xf32> {
  %y = cnn.gather %x, %i {axis = 0 : i64} : (tensor<5x4xf32>, tensor<2x3xi64>) -> tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}
