// RUN: cnn-opt %s -cnnc-approximate-vector-math | FileCheck %s

// exp and tanh on vectors become polynomial approximations (math.fma chains
// that lower to vector FMAs); scalar math stays for libm.
// CHECK-LABEL: func.func @vector_exp(
// CHECK-NOT: math.exp
// CHECK: math.fma {{.*}} : vector<16xf32>
// CHECK: return
func.func @vector_exp(%x: vector<16xf32>) -> vector<16xf32> {
  %0 = math.exp %x : vector<16xf32>
  return %0 : vector<16xf32>
}

// CHECK-LABEL: func.func @vector_tanh(
// CHECK-NOT: math.tanh
// CHECK: return
func.func @vector_tanh(%x: vector<8xf32>) -> vector<8xf32> {
  %0 = math.tanh %x : vector<8xf32>
  return %0 : vector<8xf32>
}

// CHECK-LABEL: func.func @negative_scalar_exp(
// CHECK: math.exp %{{.*}} : f32
func.func @negative_scalar_exp(%x: f32) -> f32 {
  %0 = math.exp %x : f32
  return %0 : f32
}
