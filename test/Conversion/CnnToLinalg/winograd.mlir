// RUN: cnn-opt %s -split-input-file -convert-cnn-to-linalg="vector-bits=512 winograd=all" | FileCheck %s
// RUN: cnn-opt %s -split-input-file -convert-cnn-to-linalg="vector-bits=512" | FileCheck %s --check-prefix=OFF
// RUN: cnn-opt %s -split-input-file -convert-cnn-to-linalg="vector-bits=512 winograd=auto" | FileCheck %s --check-prefix=AUTO
// RUN: not cnn-opt %s -split-input-file -convert-cnn-to-linalg="vector-bits=512 winograd=maybe" 2>&1 | FileCheck %s --check-prefix=BAD

// A 3x3 stride-1 conv with 64 channels in and out becomes Winograd
// F(2x2, 3x3) on an odd 7x5 output: the padded input extended by a zero
// row and column to 10x8 (4x3 tiles of 4x4 windows), one input transform
// with 16 results [1, 4, 3, 64], 16 packed 1x1 convs (marked cnnc.conv
// 1,1,1,1) with their transformed weights, and one output transform over
// the 7x5 output that reads tile (r / 2, w / 2) and coefficient
// (r % 2, w % 2), adds the bias and applies the fused ReLU.
// CHECK-DAG: #[[TILE:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 floordiv 2, d2 floordiv 2, d3, d4)>
// CHECK-DAG: #[[COEF00:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1 mod 2, d2 mod 2, 0, 0)>
// CHECK-DAG: #[[WIN33:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 2 + 3, d2 * 2 + 3, d3)>
// CHECK-LABEL: func.func @winograd_odd(
// CHECK: %[[EXT:.*]] = tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 0, 0] [1, 9, 7, 64] [1, 1, 1, 1] : tensor<1x9x7x64xf32> into tensor<1x10x8x64xf32>
// CHECK-COUNT-16: dense_resource<winograd_packed{{(_[0-9]+)?}}> : tensor<2x1x1x64x32xf32>
// CHECK: dense_resource<winograd_output> : tensor<2x2x4x4xf32>
// CHECK: %[[IN:.*]]:16 = linalg.generic {{.*}}#[[WIN33]]{{.*}} outs({{.*}} : tensor<1x4x3x64xf32>{{.*}}) attrs =  {cnnc.winograd_input}
// CHECK-COUNT-16: attrs =  {cnnc.conv = array<i64: 1, 1, 1, 1>}
// CHECK: linalg.generic {indexing_maps = [#[[TILE]], {{.*}}#[[COEF00]]{{.*}} outs(%{{.*}} : tensor<1x7x5x2x32xf32>) attrs =  {cnnc.winograd_output}
// CHECK: arith.cmpf olt
// CHECK: arith.select
// CHECK-NOT: cnnc.winograd_input
// CHECK: return
// winograd=auto leaves this small map (12 tiles) to the direct kernel.
// AUTO-LABEL: func.func @winograd_odd(
// AUTO-NOT: cnnc.winograd
// AUTO: cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>
// OFF-LABEL: func.func @winograd_odd(
// OFF-NOT: winograd
// OFF: cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>
func.func @winograd_odd(%x: tensor<1x64x7x5xf32>) -> tensor<1x64x7x5xf32> {
  %w = cnn.constant dense<0.5> : tensor<64x64x3x3xf32>
  %b = cnn.constant dense<0.25> : tensor<64xf32>
  %y = cnn.fused_conv %x, %w, %b {pads = array<i64: 1, 1, 1, 1>, activation = #cnn.activation<relu>} : (tensor<1x64x7x5xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x7x5xf32>
  return %y : tensor<1x64x7x5xf32>
}

// -----

// Stride 2, 5x5 kernels, weights that are not constants: the direct kernel,
// whatever the policy.
// CHECK-LABEL: func.func @no_winograd(
// CHECK-NOT: winograd
// CHECK: return
// AUTO-LABEL: func.func @no_winograd(
// AUTO-NOT: winograd
// AUTO: return
func.func @no_winograd(%x: tensor<1x64x8x8xf32>, %wr: tensor<64x64x3x3xf32>) -> (tensor<1x64x4x4xf32>, tensor<1x64x8x8xf32>, tensor<1x64x8x8xf32>) {
  %w = cnn.constant dense<0.5> : tensor<64x64x3x3xf32>
  %y0 = cnn.conv %x, %w {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x64x8x8xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x4x4xf32>
  %w2 = cnn.constant dense<0.5> : tensor<64x64x5x5xf32>
  %y2 = cnn.conv %x, %w2 {pads = array<i64: 2, 2, 2, 2>} : (tensor<1x64x8x8xf32>, tensor<64x64x5x5xf32>) -> tensor<1x64x8x8xf32>
  %y3 = cnn.conv %x, %wr {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x64x8x8xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x8x8xf32>
  return %y0, %y2, %y3 : tensor<1x64x4x4xf32>, tensor<1x64x8x8xf32>, tensor<1x64x8x8xf32>
}

// -----

// winograd=auto (cnnc's default) takes 3x3 stride-1 convs with 32+ channels
// in and out on maps of 36+ tiles and 2M+ multiply-adds per GEMM: the
// 64 -> 64 conv on 56x56 and the 32 -> 32 one on 96x96 (2.4M, two bands);
// the 32 -> 64 one on 56x56 (1.6M) and the 64 -> 16 one stay direct.
// winograd=all takes all four.
// AUTO-LABEL: func.func @auto_policy(
// AUTO: outs({{.*}}tensor<1x28x28x64xf32>{{.*}}) attrs =  {cnnc.winograd_input}
// AUTO-COUNT-2: cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads
// AUTO: outs({{.*}}tensor<1x{{[0-9]+}}x48x32xf32>{{.*}}) attrs =  {cnnc.winograd_input}
// AUTO-NOT: cnnc.conv_pads
// AUTO: return
// CHECK-LABEL: func.func @auto_policy(
// CHECK: outs({{.*}}tensor<1x28x28x64xf32>{{.*}}) attrs =  {cnnc.winograd_input}
// CHECK: outs({{.*}}tensor<1x28x28x32xf32>{{.*}}) attrs =  {cnnc.winograd_input}
// CHECK: outs({{.*}}tensor<1x28x28x64xf32>{{.*}}) attrs =  {cnnc.winograd_input}
// CHECK: outs({{.*}}tensor<1x{{[0-9]+}}x48x32xf32>{{.*}}) attrs =  {cnnc.winograd_input}
// CHECK-NOT: cnnc.conv_pads
// CHECK: return
// BAD: winograd=maybe is not off, auto or all
func.func @auto_policy(%a: tensor<1x64x56x56xf32>, %b: tensor<1x32x56x56xf32>, %d: tensor<1x32x96x96xf32>) -> (tensor<1x64x56x56xf32>, tensor<1x64x56x56xf32>, tensor<1x16x56x56xf32>, tensor<1x32x96x96xf32>) {
  %wa = cnn.constant dense<0.5> : tensor<64x64x3x3xf32>
  %ya = cnn.conv %a, %wa {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x56x56xf32>
  %wb = cnn.constant dense<0.5> : tensor<64x32x3x3xf32>
  %yb = cnn.conv %b, %wb {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x32x56x56xf32>, tensor<64x32x3x3xf32>) -> tensor<1x64x56x56xf32>
  %wc = cnn.constant dense<0.5> : tensor<16x64x3x3xf32>
  %yc = cnn.conv %a, %wc {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x64x56x56xf32>, tensor<16x64x3x3xf32>) -> tensor<1x16x56x56xf32>
  %wd = cnn.constant dense<0.5> : tensor<32x32x3x3xf32>
  %yd = cnn.conv %d, %wd {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x32x96x96xf32>, tensor<32x32x3x3xf32>) -> tensor<1x32x96x96xf32>
  return %ya, %yb, %yc, %yd : tensor<1x64x56x56xf32>, tensor<1x64x56x56xf32>, tensor<1x16x56x56xf32>, tensor<1x32x96x96xf32>
}

// -----

// winograd=auto also wants 2M+ multiply-adds in each of the 16 GEMMs
// (tiles x C x F): SqueezeNet's 13x13 64 -> 256 conv (49 x 64 x 256, 0.8M)
// stays direct, ResNet's 14x14 256 -> 256 one (3.2M) takes Winograd.
// AUTO-LABEL: func.func @auto_gemm_size(
// AUTO-NOT: cnnc.winograd_input
// AUTO: cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads = array<i64: 1, 1, 1, 1>
// AUTO: outs({{.*}}tensor<1x7x7x256xf32>{{.*}}) attrs =  {cnnc.winograd_input}
// AUTO-NOT: cnnc.conv_pads
// AUTO: return
func.func @auto_gemm_size(%a: tensor<1x64x13x13xf32>, %b: tensor<1x256x14x14xf32>) -> (tensor<1x256x13x13xf32>, tensor<1x256x14x14xf32>) {
  %wa = cnn.constant dense<0.5> : tensor<256x64x3x3xf32>
  %ya = cnn.conv %a, %wa {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x64x13x13xf32>, tensor<256x64x3x3xf32>) -> tensor<1x256x13x13xf32>
  %wb = cnn.constant dense<0.5> : tensor<256x256x3x3xf32>
  %yb = cnn.conv %b, %wb {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x256x14x14xf32>, tensor<256x256x3x3xf32>) -> tensor<1x256x14x14xf32>
  return %ya, %yb : tensor<1x256x13x13xf32>, tensor<1x256x14x14xf32>
}
