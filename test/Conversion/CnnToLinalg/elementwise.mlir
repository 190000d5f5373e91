// RUN: cnn-opt %s -split-input-file -convert-cnn-to-linalg | FileCheck %s

// Broadcasting reads the size-1 operand at index 0 through its map; nothing
// is materialised.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[BC:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, 0, 0)>
// CHECK-LABEL: func.func @add_broadcast(
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[BC]], #[[ID]]]
// CHECK: arith.addf
func.func @add_broadcast(%a: tensor<1x16x8x8xf32>, %b: tensor<16x1x1xf32>) -> tensor<1x16x8x8xf32> {
  %y = cnn.add %a, %b : (tensor<1x16x8x8xf32>, tensor<16x1x1xf32>) -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// -----

// CHECK-LABEL: func.func @relu(
// CHECK: linalg.generic
// (x < 0 ? 0 : x: one vmaxps on x86, NaN kept; arith.maximumf took three.)
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[LT:.*]] = arith.cmpf olt, %[[X:.*]], %[[Z]] : f32
// CHECK: arith.select %[[LT]], %[[Z]], %[[X]] : f32
func.func @relu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = cnn.relu %x : tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// Clip with both bounds: max then min (min > max gives max, as in ONNX),
// each a compare and select (one vmaxps / vminps).
// CHECK-LABEL: func.func @clip(
// CHECK: %[[LO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[LT:.*]] = arith.cmpf olt, %[[X:.*]], %[[LO]]
// CHECK: %[[A:.*]] = arith.select %[[LT]], %[[LO]], %[[X]]
// CHECK: %[[HI:.*]] = arith.constant 6.000000e+00 : f32
// CHECK: %[[GT:.*]] = arith.cmpf ogt, %[[A]], %[[HI]]
// CHECK: arith.select %[[GT]], %[[HI]], %[[A]]
func.func @clip(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = cnn.clip %x {min = 0.0 : f32, max = 6.0 : f32} : tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// Softplus in the overflow-free form max(x, 0) + log1p(exp(-|x|)).
// CHECK-LABEL: func.func @softplus(
// CHECK: math.absf
// CHECK: math.exp
// CHECK: math.log1p
func.func @softplus(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = cnn.softplus %x : tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// Variadic mean: one generic over all operands.
// CHECK-LABEL: func.func @mean3(
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<3xf32>, tensor<2x1xf32>)
// CHECK-COUNT-2: arith.addf
// CHECK: arith.divf
func.func @mean3(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %c: tensor<2x1xf32>) -> tensor<2x3xf32> {
  %y = cnn.mean %a, %b, %c : (tensor<2x3xf32>, tensor<3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @constant(
// CHECK: arith.constant dense<1.500000e+00> : tensor<2x2xf32>
func.func @constant() -> tensor<2x2xf32> {
  %c = cnn.constant dense<1.5> : tensor<2x2xf32>
  return %c : tensor<2x2xf32>
}

// -----

// Integer arithmetic (index computations of exporters) uses integer ops.
// CHECK-LABEL: func.func @sub_indices(
// CHECK: arith.subi
// CHECK-NOT: arith.subf
func.func @sub_indices(%a: tensor<2x4xi64>, %b: tensor<2x1xi64>) -> tensor<2x4xi64> {
  %y = cnn.sub %a, %b : (tensor<2x4xi64>, tensor<2x1xi64>) -> tensor<2x4xi64>
  return %y : tensor<2x4xi64>
}

// -----

// Sigmoid on f32: e^-x by range reduction and a polynomial (no math.exp and
// its special-case selects: the argument is clamped; n rounded by adding
// 1.5 * 2^23 + 127, whose low bits shifted give 2^n), then 1 / (1 + e^-x)
// as a division LLVM may replace by a reciprocal estimate (arcp, ninf: the
// operands are finite). f64 keeps math.exp and a plain division.
// CHECK-LABEL: func.func @sigmoid(
// CHECK: linalg.generic
// CHECK: arith.minimumf
// CHECK: arith.maximumf
// CHECK: arith.constant 0x4B40007F : f32
// CHECK: %[[T:.*]] = math.fma
// CHECK: arith.subf %[[T]], %{{.*}} : f32
// CHECK-COUNT-7: math.fma
// CHECK: %[[BITS:.*]] = arith.bitcast %[[T]] : f32 to i32
// CHECK: arith.shli %[[BITS]]
// CHECK: arith.bitcast {{.*}} : i32 to f32
// CHECK-NOT: math.roundeven
// CHECK: arith.divf {{.*}} fastmath<ninf,arcp> : f32
// CHECK-NOT: math.exp
// CHECK: linalg.generic
// CHECK: math.exp {{.*}} : f64
// CHECK: arith.divf {{.*}} : f64
func.func @sigmoid(%x: tensor<4xf32>, %d: tensor<4xf64>) -> (tensor<4xf32>, tensor<4xf64>) {
  %y = cnn.sigmoid %x : tensor<4xf32>
  %z = cnn.sigmoid %d : tensor<4xf64>
  return %y, %z : tensor<4xf32>, tensor<4xf64>
}
