// RUN: cnn-opt %s -split-input-file -convert-cnn-to-linalg=vector-bits=512 -canonicalize -cse | FileCheck %s
// RUN: cnn-opt %s -split-input-file -convert-cnn-to-linalg -canonicalize -cse | FileCheck %s --check-prefix=GENERIC

// A fused conv's input prologue on a channel concatenation of NHWC pieces:
// one elementwise generic per piece (its slice of the scale and shift),
// written straight into its slice of the conv's input; the concatenation of
// the raw pieces is never built.
// CHECK-LABEL: func.func @concat_prologue(
// CHECK-DAG: %[[S1:.*]] = arith.constant dense<2.000000e+00> : tensor<16xf32>
// CHECK-DAG: %[[T1:.*]] = arith.constant dense<-1.000000e+00> : tensor<16xf32>
// CHECK-DAG: %[[S2:.*]] = arith.constant dense<2.000000e+00> : tensor<20xf32>
// CHECK-DAG: %[[T2:.*]] = arith.constant dense<-1.000000e+00> : tensor<20xf32>
// CHECK: %[[A:.*]] = tensor.collapse_shape %{{.*}} : tensor<1x8x8x1x16xf32> into tensor<1x8x8x16xf32>
// CHECK: %[[B:.*]] = tensor.extract_slice %{{.*}}[0, 0, 0, 0] [1, 8, 8, 20]
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x8x8x36xf32>
// CHECK: %[[PA:.*]] = linalg.generic {{.*}} ins(%[[A]], %[[S1]], %[[T1]] :
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: arith.cmpf olt
// CHECK: arith.select
// CHECK: %[[IA:.*]] = tensor.insert_slice %[[PA]] into %[[E]][0, 0, 0, 0] [1, 8, 8, 16]
// CHECK: %[[PB:.*]] = linalg.generic {{.*}} ins(%[[B]], %[[S2]], %[[T2]] :
// CHECK: %[[IB:.*]] = tensor.insert_slice %[[PB]] into %[[IA]][0, 0, 0, 16] [1, 8, 8, 20]
// CHECK: linalg.generic {{.*}} ins(%[[IB]], %{{.*}} : tensor<1x8x8x36xf32>, tensor<1x1x1x36x32xf32>)
// CHECK-NOT: tensor.insert_slice

// Without packed kernels the prologue is one NCHW generic.
// GENERIC-LABEL: func.func @concat_prologue(
// GENERIC: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %{{.*}} : tensor<1x36x8x8xf32>, tensor<36xf32>, tensor<36xf32>)
// GENERIC: arith.cmpf olt
// GENERIC: arith.select
func.func @concat_prologue(%x: tensor<1x8x8x8xf32>) -> tensor<1x24x8x8xf32> {
  %w1 = cnn.constant dense<0.5> : tensor<16x8x1x1xf32>
  %w2 = cnn.constant dense<0.25> : tensor<20x8x1x1xf32>
  %w3 = cnn.constant dense<1.0> : tensor<24x36x1x1xf32>
  %s = cnn.constant dense<2.0> : tensor<36xf32>
  %t = cnn.constant dense<-1.0> : tensor<36xf32>
  %a = cnn.conv %x, %w1 : (tensor<1x8x8x8xf32>, tensor<16x8x1x1xf32>) -> tensor<1x16x8x8xf32>
  %b = cnn.conv %x, %w2 : (tensor<1x8x8x8xf32>, tensor<20x8x1x1xf32>) -> tensor<1x20x8x8xf32>
  %c = cnn.concat %a, %b {axis = 1 : i64} : (tensor<1x16x8x8xf32>, tensor<1x20x8x8xf32>) -> tensor<1x36x8x8xf32>
  %y = cnn.fused_conv %c, %w3 input_scale %s input_shift %t {input_activation = #cnn.activation<relu>} : (tensor<1x36x8x8xf32>, tensor<24x36x1x1xf32>, tensor<36xf32>, tensor<36xf32>) -> tensor<1x24x8x8xf32>
  return %y : tensor<1x24x8x8xf32>
}

// -----

// Small pieces of one width share one generic with an input and an output
// per piece (one kernel for the thread pool to split, not one per piece);
// a piece of 2^16 elements or more, which is split on its own, keeps its
// own generic.
// CHECK-LABEL: func.func @grouped_prologue(
// CHECK: %[[BIG:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %{{.*}} : tensor<1x32x32x64xf32>, tensor<64xf32>, tensor<64xf32>)
// CHECK: tensor.insert_slice %[[BIG]] into %{{.*}}[0, 0, 0, 0] [1, 32, 32, 64]
// CHECK: %[[PAIR:.*]]:2 = linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : tensor<1x32x32x16xf32>, tensor<1x32x32x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) outs(%{{.*}}, %{{.*}} : tensor<1x32x32x16xf32>, tensor<1x32x32x16xf32>)
// CHECK-COUNT-2: arith.select
// CHECK: linalg.yield %{{.*}}, %{{.*}} : f32, f32
// CHECK: tensor.insert_slice %[[PAIR]]#0 into %{{.*}}[0, 0, 0, 64] [1, 32, 32, 16]
// CHECK: tensor.insert_slice %[[PAIR]]#1 into %{{.*}}[0, 0, 0, 80] [1, 32, 32, 16]
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x32x32x96xf32>,
func.func @grouped_prologue(%x: tensor<1x8x32x32xf32>) -> tensor<1x16x32x32xf32> {
  %w1 = cnn.constant dense<0.5> : tensor<64x8x1x1xf32>
  %w2 = cnn.constant dense<0.25> : tensor<16x8x1x1xf32>
  %w3 = cnn.constant dense<0.125> : tensor<16x8x1x1xf32>
  %w4 = cnn.constant dense<1.0> : tensor<16x96x1x1xf32>
  %s = cnn.constant dense<2.0> : tensor<96xf32>
  %t = cnn.constant dense<-1.0> : tensor<96xf32>
  %a = cnn.conv %x, %w1 : (tensor<1x8x32x32xf32>, tensor<64x8x1x1xf32>) -> tensor<1x64x32x32xf32>
  %b = cnn.conv %x, %w2 : (tensor<1x8x32x32xf32>, tensor<16x8x1x1xf32>) -> tensor<1x16x32x32xf32>
  %c = cnn.conv %x, %w3 : (tensor<1x8x32x32xf32>, tensor<16x8x1x1xf32>) -> tensor<1x16x32x32xf32>
  %cat = cnn.concat %a, %b, %c {axis = 1 : i64} : (tensor<1x64x32x32xf32>, tensor<1x16x32x32xf32>, tensor<1x16x32x32xf32>) -> tensor<1x96x32x32xf32>
  %y = cnn.fused_conv %cat, %w4 input_scale %s input_shift %t {input_activation = #cnn.activation<relu>} : (tensor<1x96x32x32xf32>, tensor<16x96x1x1xf32>, tensor<96xf32>, tensor<96xf32>) -> tensor<1x16x32x32xf32>
  return %y : tensor<1x16x32x32xf32>
}
