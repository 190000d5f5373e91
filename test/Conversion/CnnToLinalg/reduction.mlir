// RUN: cnn-opt %s -split-input-file -convert-cnn-to-linalg | FileCheck %s

// Softmax: max and sum reductions kept as size-1 dims, then broadcast back.
// CHECK-DAG: #[[KEEP:.*]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @softmax(
// CHECK: linalg.generic {indexing_maps = [{{.*}}, #[[KEEP]]], iterator_types = ["parallel", "reduction"]}
// CHECK: arith.maximumf
// CHECK: arith.subf
// CHECK: math.exp
// CHECK: linalg.generic {indexing_maps = [{{.*}}, #[[KEEP]]], iterator_types = ["parallel", "reduction"]}
// CHECK: arith.addf
// CHECK: arith.divf
func.func @softmax(%x: tensor<2x10xf32>) -> tensor<2x10xf32> {
  %y = cnn.softmax %x {axis = 1 : i64} : (tensor<2x10xf32>) -> tensor<2x10xf32>
  return %y : tensor<2x10xf32>
}

// -----

// Gemm with a transposed B and alpha/beta folded into the epilogue.
// CHECK-DAG: #[[A:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[BT:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-LABEL: func.func @gemm(
// CHECK: linalg.generic {indexing_maps = [#[[A]], #[[BT]], {{.*}}], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK: linalg.generic
// CHECK: arith.mulf %{{.*}}, %{{.*}} : f32
// CHECK: arith.constant 5.000000e-01
func.func @gemm(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>, %c: tensor<4xf32>) -> tensor<2x4xf32> {
  %y = cnn.gemm %a, %b, %c {trans_b = true, alpha = 2.0 : f32, beta = 0.5 : f32} : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

// Matmul of a 1-D lhs with batch broadcasting: loops (batch, n, k).
// CHECK-DAG: #[[L:.*]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-DAG: #[[R:.*]] = affine_map<(d0, d1, d2) -> (d0, d2, d1)>
// CHECK-LABEL: func.func @matmul_vector_lhs(
// CHECK: linalg.generic {indexing_maps = [#[[L]], #[[R]], {{.*}}], iterator_types = ["parallel", "parallel", "reduction"]}
func.func @matmul_vector_lhs(%a: tensor<3xf32>, %b: tensor<2x3x4xf32>) -> tensor<2x4xf32> {
  %y = cnn.matmul %a, %b : (tensor<3xf32>, tensor<2x3x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}
