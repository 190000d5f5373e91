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

// Stride 2 with dilation, stride 3, 5x5 kernels, weights that are not
// constants: the direct kernel, whatever the policy.
// CHECK-LABEL: func.func @no_winograd(
// CHECK-NOT: winograd
// CHECK: return
// AUTO-LABEL: func.func @no_winograd(
// AUTO-NOT: winograd
// AUTO: return
func.func @no_winograd(%x: tensor<1x64x8x8xf32>, %wr: tensor<64x64x3x3xf32>) -> (tensor<1x64x3x3xf32>, tensor<1x64x3x3xf32>, tensor<1x64x8x8xf32>, tensor<1x64x8x8xf32>) {
  %w = cnn.constant dense<0.5> : tensor<64x64x3x3xf32>
  %y0 = cnn.conv %x, %w {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>, dilations = array<i64: 2, 2>} : (tensor<1x64x8x8xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x3x3xf32>
  %y1 = cnn.conv %x, %w {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 3, 3>} : (tensor<1x64x8x8xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x3x3xf32>
  %w2 = cnn.constant dense<0.5> : tensor<64x64x5x5xf32>
  %y2 = cnn.conv %x, %w2 {pads = array<i64: 2, 2, 2, 2>} : (tensor<1x64x8x8xf32>, tensor<64x64x5x5xf32>) -> tensor<1x64x8x8xf32>
  %y3 = cnn.conv %x, %wr {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x64x8x8xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x8x8xf32>
  return %y0, %y1, %y2, %y3 : tensor<1x64x3x3xf32>, tensor<1x64x3x3xf32>, tensor<1x64x8x8xf32>, tensor<1x64x8x8xf32>
}

// -----

// Stride 2: 5x5 windows 4 pixels apart (d0, d2, d4 even pixels, F(2, 2);
// d1, d3 odd ones), 25 GEMMs, an output transform with 5x5 coefficients.
// The 16x16 -> 8x8 conv has 4x4 tiles and no output past the map: auto
// takes it. The unpadded one (7x7 out) computes 64 outputs for 49, more
// than 9/8 of them: auto leaves it direct, all takes it (its 15x15 window
// span fits the 16x16 input: no extension).
// CHECK-DAG: #[[S2WIN00:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 4, d2 * 4, d3)>
// CHECK-DAG: #[[S2WIN44:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1 * 4 + 4, d2 * 4 + 4, d3)>
// CHECK-DAG: #[[S2COEF44:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1 mod 2, d2 mod 2, 4, 4)>
// CHECK-LABEL: func.func @winograd_stride2(
// CHECK: dense_resource<winograd_packed> : tensor<50x1x1x64x32xf32>
// CHECK: dense_resource<winograd_output> : tensor<2x2x5x5xf32>
// CHECK: tensor.extract_slice %{{.*}}[0, 0, 0, 0] [1, 17, 17, 64] [1, 1, 1, 1] : tensor<1x18x18x64xf32> to tensor<1x17x17x64xf32>
// CHECK: tensor<1x4x4x1616xf32>
// CHECK: %[[IN:.*]]:25 = linalg.generic {indexing_maps = [#[[S2WIN00]], {{.*}}#[[S2WIN44]], {{.*}}attrs =  {cnnc.winograd_input}
// CHECK: ^bb0(%[[D00:[^:]*]]: f32, %[[D01:[^:]*]]: f32, %[[D02:[^:]*]]: f32,
// CHECK-NEXT: %[[T:.*]] = arith.subf %[[D00]], %{{.*}} : f32
// CHECK: attrs =  {cnnc.conv = array<i64: 1, 1, 1, 1, 64, 64>, cnnc.winograd_gemm}
// CHECK: #[[S2COEF44]]{{.*}} attrs =  {cnnc.winograd_output}
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 0, 0] [1, 16, 16, 64] [1, 1, 1, 1] : tensor<1x16x16x64xf32> into tensor<1x17x17x64xf32>
// CHECK: dense_resource<winograd_packed_1> : tensor<50x1x1x64x32xf32>
// CHECK: cnnc.winograd_output
// AUTO-LABEL: func.func @winograd_stride2(
// AUTO: cnnc.winograd_gemm
// AUTO: cnnc.winograd_output
// AUTO-NOT: cnnc.winograd
// AUTO: cnnc.conv = array<i64: 2, 2, 1, 1>}
// AUTO-NOT: cnnc.winograd
// AUTO: return
// OFF-LABEL: func.func @winograd_stride2(
// OFF-NOT: winograd
// OFF: return
func.func @winograd_stride2(%x: tensor<1x64x16x16xf32>) -> (tensor<1x64x8x8xf32>, tensor<1x64x7x7xf32>) {
  %w = cnn.constant dense<0.5> : tensor<64x64x3x3xf32>
  %y = cnn.conv %x, %w {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x64x16x16xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x8x8xf32>
  %z = cnn.conv %x, %w {strides = array<i64: 2, 2>} : (tensor<1x64x16x16xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x7x7xf32>
  return %y, %z : tensor<1x64x8x8xf32>, tensor<1x64x7x7xf32>
}

// -----

// Dilation 2 along rows, 1 along columns: tile row t takes the windows of
// sub-grid t % 2 (rows 4 (t / 2) + t % 2 + {0, 2, 4, 6}); the 10 output rows
// are 6 tile rows (3 per sub-grid, the last of each half past the map), so
// the 14-row padded input is extended to 2 * (6 - 2) + 2 * 4 = 16 rows
// (the last window's last row is 4 * 2 + 1 + 6 = 15); output
// row r reads tile row 2 (r / 4) + r % 2, position (r % 4) / 2.
// CHECK-DAG: #[[DWIN:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, (d1 floordiv 2) * 4 + d1 mod 2 + 6, d2 * 2 + 3, d3)>
// CHECK-DAG: #[[DTILE:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, (d1 floordiv 4) * 2 + d1 mod 2, d2 floordiv 2, d3, d4)>
// CHECK-DAG: #[[DCOEF:.*]] = affine_map<(d0, d1, d2, d3, d4) -> ((d1 mod 4) floordiv 2, d2 mod 2, 0, 0)>
// CHECK-LABEL: func.func @winograd_dilated(
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 0, 0] [1, 14, 14, 64] [1, 1, 1, 1] : tensor<1x14x14x64xf32> into tensor<1x16x14x64xf32>
// CHECK: %[[IN:.*]]:16 = linalg.generic {{.*}}#[[DWIN]]{{.*}} outs({{.*}} : tensor<1x6x6x64xf32>{{.*}}) attrs =  {cnnc.winograd_input}
// CHECK: cnnc.winograd_gemm
// CHECK: linalg.generic {indexing_maps = [#[[DTILE]], {{.*}}#[[DCOEF]]{{.*}} outs(%{{.*}} : tensor<1x10x12x2x32xf32>) attrs =  {cnnc.winograd_output}
// AUTO-LABEL: func.func @winograd_dilated(
// AUTO: cnnc.winograd_gemm
func.func @winograd_dilated(%x: tensor<1x64x10x12xf32>) -> tensor<1x64x10x12xf32> {
  %w = cnn.constant dense<0.5> : tensor<64x64x3x3xf32>
  %y = cnn.conv %x, %w {pads = array<i64: 2, 1, 2, 1>, dilations = array<i64: 2, 1>} : (tensor<1x64x10x12xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x10x12xf32>
  return %y : tensor<1x64x10x12xf32>
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

// -----

// winograd=auto on dilated convs: dilation 2 on 28x28 (28 outputs per row
// as 14 tiles) takes Winograd; dilation 12 on 28x28 (48 rows and columns
// computed for 28, and most taps on the padding) and dilation 4 on 12x12
// (16 for 12: 1.78x the outputs) stay direct. winograd=all takes all three.
// AUTO-LABEL: func.func @auto_dilated(
// AUTO: cnnc.winograd_gemm
// AUTO: cnnc.winograd_output
// AUTO-NOT: cnnc.winograd
// AUTO: cnnc.conv = array<i64: 1, 1, 12, 12>
// AUTO-NOT: cnnc.winograd
// AUTO: cnnc.conv = array<i64: 1, 1, 4, 4>
// AUTO-NOT: cnnc.winograd
// AUTO: return
// CHECK-LABEL: func.func @auto_dilated(
// CHECK-COUNT-3: cnnc.winograd_gemm
// CHECK-NOT: cnnc.conv_pads
// CHECK: return
func.func @auto_dilated(%x: tensor<1x64x28x28xf32>, %s: tensor<1x64x12x12xf32>) -> (tensor<1x64x28x28xf32>, tensor<1x64x28x28xf32>, tensor<1x64x12x12xf32>) {
  %w = cnn.constant dense<0.5> : tensor<64x64x3x3xf32>
  %y2 = cnn.conv %x, %w {pads = array<i64: 2, 2, 2, 2>, dilations = array<i64: 2, 2>} : (tensor<1x64x28x28xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x28x28xf32>
  %y12 = cnn.conv %x, %w {pads = array<i64: 12, 12, 12, 12>, dilations = array<i64: 12, 12>} : (tensor<1x64x28x28xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x28x28xf32>
  %y4 = cnn.conv %s, %w {pads = array<i64: 4, 4, 4, 4>, dilations = array<i64: 4, 4>} : (tensor<1x64x12x12xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x12x12xf32>
  return %y2, %y12, %y4 : tensor<1x64x28x28xf32>, tensor<1x64x28x28xf32>, tensor<1x64x12x12xf32>
}
