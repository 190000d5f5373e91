// RUN: cnn-opt %s -split-input-file -convert-cnn-to-linalg="vector-bits=512 winograd=all" | FileCheck %s
// RUN: cnn-opt %s -split-input-file -convert-cnn-to-linalg="vector-bits=512" | FileCheck %s --check-prefix=OFF
// RUN: cnn-opt %s -split-input-file -convert-cnn-to-linalg="vector-bits=512 winograd=auto" | FileCheck %s --check-prefix=AUTO
// RUN: not cnn-opt %s -split-input-file -convert-cnn-to-linalg="vector-bits=512 winograd=maybe" 2>&1 | FileCheck %s --check-prefix=BAD

// A 3x3 stride-1 conv with 64 channels in and out becomes Winograd
// F(2x2, 3x3) on an odd 7x5 output: the padded input extended by a zero
// row and column to 10x8 (4x3 tiles of 4x4 windows), one input transform
// with 16 results [1, 4, 3, 64] written into the channel ranges of one
// [1, 4, 3, 1040] map (16 x 64 and a spare cache line), one grouped 1x1 conv
// (marked cnnc.conv 1,1,1,1, 64 outputs and 64 inputs per group) with the
// 16 GEMMs' transformed weights as 16 x 2 blocks, and one output transform over
// the 7x5 output that reads tile (r / 2, w / 2) and coefficient
// (r % 2, w % 2), adds the bias and applies the fused ReLU.
// CHECK-DAG: #[[TILE:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 floordiv 2, d2 floordiv 2, d3, d4)>
// CHECK-DAG: #[[COEF00:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1 mod 2, d2 mod 2, 0, 0)>
// CHECK-DAG: #[[WIN33:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 2 + 3, d2 * 2 + 3, d3)>
// CHECK-LABEL: func.func @winograd_odd(
// CHECK: %[[EXT:.*]] = tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 0, 0] [1, 9, 7, 64] [1, 1, 1, 1] : tensor<1x9x7x64xf32> into tensor<1x10x8x64xf32>
// CHECK: dense_resource<winograd_packed> : tensor<32x1x1x64x32xf32>
// CHECK-NOT: winograd_packed
// CHECK: dense_resource<winograd_output> : tensor<2x2x4x4xf32>
// CHECK: tensor.extract_slice %{{.*}}[0, 0, 0, 960] [1, 4, 3, 64] [1, 1, 1, 1] : tensor<1x4x3x1040xf32> to tensor<1x4x3x64xf32>
// CHECK: %[[IN:.*]]:16 = linalg.generic {{.*}}#[[WIN33]]{{.*}} outs({{.*}} : tensor<1x4x3x64xf32>{{.*}}) attrs =  {cnnc.winograd_input}
// CHECK: tensor.insert_slice %[[IN]]#15 into %{{.*}}[0, 0, 0, 960] [1, 4, 3, 64] [1, 1, 1, 1] : tensor<1x4x3x64xf32> into tensor<1x4x3x1040xf32>
// CHECK: attrs =  {cnnc.conv = array<i64: 1, 1, 1, 1, 64, 64>, cnnc.winograd_gemm}
// CHECK-NOT: cnnc.conv =
// CHECK: tensor.extract_slice %{{.*}}[0, 0, 0, 30, 0] [1, 4, 3, 2, 32] [1, 1, 1, 1, 1] : tensor<1x4x3x32x32xf32> to tensor<1x4x3x2x32xf32>
// CHECK: linalg.generic {indexing_maps = [#[[TILE]], {{.*}}#[[COEF00]]{{.*}} outs(%{{.*}} : tensor<1x7x5x2x32xf32>) attrs =  {cnnc.winograd_output}
// CHECK: arith.cmpf olt
// CHECK: arith.select
// CHECK-NOT: cnnc.winograd_input
// CHECK: return
// winograd=auto leaves this small map (12 tiles, fewer than 16) to the direct
// kernel.
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

// winograd=auto (cnnc's default) takes 3x3 stride-1 convs with 16+ channels
// in and out on maps of 16+ 2x2 tiles: the 64 -> 64 conv on 56x56, the
// 32 -> 64 one, the 64 -> 16 one and the 16 -> 16 one on 7x7 (16 tiles);
// the 8 -> 64 one and the 64 -> 64 one on 6x6 (9 tiles) stay direct.
// winograd=all takes all six.
// AUTO-LABEL: func.func @auto_policy(
// AUTO: outs({{.*}}tensor<1x28x28x64xf32>{{.*}}) attrs =  {cnnc.winograd_input}
// AUTO: outs({{.*}}tensor<1x28x28x32xf32>{{.*}}) attrs =  {cnnc.winograd_input}
// AUTO: outs({{.*}}tensor<1x28x28x64xf32>{{.*}}) attrs =  {cnnc.winograd_input}
// AUTO: outs({{.*}}tensor<1x4x4x16xf32>{{.*}}) attrs =  {cnnc.winograd_input}
// AUTO-COUNT-2: cnnc.conv = array<i64: 1, 1, 1, 1>, cnnc.conv_pads
// AUTO-NOT: cnnc.winograd
// AUTO: return
// CHECK-LABEL: func.func @auto_policy(
// CHECK-COUNT-6: attrs =  {cnnc.winograd_input}
// CHECK-NOT: cnnc.conv_pads
// CHECK: return
// BAD: winograd=maybe is not off, auto or all
func.func @auto_policy(%a: tensor<1x64x56x56xf32>, %b: tensor<1x32x56x56xf32>, %s: tensor<1x16x7x7xf32>, %e: tensor<1x8x56x56xf32>, %t: tensor<1x64x6x6xf32>) -> (tensor<1x64x56x56xf32>, tensor<1x64x56x56xf32>, tensor<1x16x56x56xf32>, tensor<1x16x7x7xf32>, tensor<1x64x56x56xf32>, tensor<1x64x6x6xf32>) {
  %wa = cnn.constant dense<0.5> : tensor<64x64x3x3xf32>
  %ya = cnn.conv %a, %wa {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x56x56xf32>
  %wb = cnn.constant dense<0.5> : tensor<64x32x3x3xf32>
  %yb = cnn.conv %b, %wb {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x32x56x56xf32>, tensor<64x32x3x3xf32>) -> tensor<1x64x56x56xf32>
  %wc = cnn.constant dense<0.5> : tensor<16x64x3x3xf32>
  %yc = cnn.conv %a, %wc {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x64x56x56xf32>, tensor<16x64x3x3xf32>) -> tensor<1x16x56x56xf32>
  %wd = cnn.constant dense<0.5> : tensor<16x16x3x3xf32>
  %yd = cnn.conv %s, %wd {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x16x7x7xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x7x7xf32>
  %we = cnn.constant dense<0.5> : tensor<64x8x3x3xf32>
  %ye = cnn.conv %e, %we {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x56x56xf32>, tensor<64x8x3x3xf32>) -> tensor<1x64x56x56xf32>
  %yt = cnn.conv %t, %wa {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x64x6x6xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x6x6xf32>
  return %ya, %yb, %yc, %yd, %ye, %yt : tensor<1x64x56x56xf32>, tensor<1x64x56x56xf32>, tensor<1x16x56x56xf32>, tensor<1x16x7x7xf32>, tensor<1x64x56x56xf32>, tensor<1x64x6x6xf32>
}
