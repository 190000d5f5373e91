// RUN: cnn-opt %s -split-input-file -cnnc-pad-in-place | FileCheck %s

// A blocked conv result inserted into a zero-padded buffer: the buffer is
// allocated first and filled around the interior only (the bias broadcast
// overwrites the interior without reading it): rows above and below, then
// columns left and right within those rows; the chain (bias broadcast,
// conv) starts from the interior, expanded to [1, 4, 4, 2, 16]; the
// insertion stays (bufferization finds it in place).
// CHECK-LABEL: func.func @blocked_producer(
// CHECK: %[[BUF:.*]] = bufferization.alloc_tensor() : tensor<1x6x6x32xf32>
// CHECK: tensor.extract_slice %[[BUF]][0, 0, 0, 0] [1, 1, 6, 32] [1, 1, 1, 1]
// CHECK: linalg.fill
// CHECK: tensor.insert_slice {{.*}}[0, 0, 0, 0] [1, 1, 6, 32] [1, 1, 1, 1]
// CHECK: tensor.insert_slice {{.*}}[0, 5, 0, 0] [1, 1, 6, 32] [1, 1, 1, 1]
// CHECK: tensor.insert_slice {{.*}}[0, 1, 0, 0] [1, 4, 1, 32] [1, 1, 1, 1]
// CHECK: %[[FILLED:.*]] = tensor.insert_slice {{.*}}[0, 1, 5, 0] [1, 4, 1, 32] [1, 1, 1, 1]
// CHECK: %[[SLOT:.*]] = tensor.extract_slice %[[FILLED]][0, 1, 1, 0] [1, 4, 4, 32] [1, 1, 1, 1]
// CHECK: %[[INIT:.*]] = tensor.expand_shape %[[SLOT]] {{\[\[}}0], [1], [2], [3, 4]] output_shape [1, 4, 4, 2, 16]
// CHECK: %[[BIAS:.*]] = linalg.generic {{.*}} outs(%[[INIT]] : tensor<1x4x4x2x16xf32>)
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} outs(%[[BIAS]] : tensor<1x4x4x2x16xf32>)
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %[[Y]]
// CHECK: tensor.insert_slice %[[FLAT]] into %[[FILLED]][0, 1, 1, 0] [1, 4, 4, 32] [1, 1, 1, 1]
#b = affine_map<(d0, d1, d2, d3, d4) -> (d3, d4)>
#id = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
func.func @blocked_producer(%bias: tensor<2x16xf32>, %x: tensor<1x4x4x2x16xf32>) -> tensor<1x6x6x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x4x4x2x16xf32>
  %init = linalg.generic {indexing_maps = [#b, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%bias : tensor<2x16xf32>) outs(%e : tensor<1x4x4x2x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<1x4x4x2x16xf32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%x : tensor<1x4x4x2x16xf32>) outs(%init : tensor<1x4x4x2x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %out : f32
    linalg.yield %s : f32
  } -> tensor<1x4x4x2x16xf32>
  %flat = tensor.collapse_shape %y [[0], [1], [2], [3, 4]] : tensor<1x4x4x2x16xf32> into tensor<1x4x4x32xf32>
  %buf = bufferization.alloc_tensor() : tensor<1x6x6x32xf32>
  %filled = linalg.fill ins(%zero : f32) outs(%buf : tensor<1x6x6x32xf32>) -> tensor<1x6x6x32xf32>
  %xp = tensor.insert_slice %flat into %filled[0, 1, 1, 0] [1, 4, 4, 32] [1, 1, 1, 1] : tensor<1x4x4x32xf32> into tensor<1x6x6x32xf32>
  return %xp : tensor<1x6x6x32xf32>
}

// -----

// The inserted value is a slice of the producer's result (its padding
// channels dropped): it is not the whole interior, nothing changes.
// CHECK-LABEL: func.func @negative_channel_slice(
// CHECK: tensor.empty
// CHECK: linalg.fill
// CHECK: %[[FILLED:.*]] = linalg.fill
// CHECK: tensor.insert_slice %{{.*}} into %[[FILLED]]
func.func @negative_channel_slice(%v: f32) -> tensor<1x6x6x30xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x4x4x32xf32>
  %y = linalg.fill ins(%v : f32) outs(%e : tensor<1x4x4x32xf32>) -> tensor<1x4x4x32xf32>
  %s = tensor.extract_slice %y[0, 0, 0, 0] [1, 4, 4, 30] [1, 1, 1, 1] : tensor<1x4x4x32xf32> to tensor<1x4x4x30xf32>
  %buf = bufferization.alloc_tensor() : tensor<1x6x6x30xf32>
  %filled = linalg.fill ins(%zero : f32) outs(%buf : tensor<1x6x6x30xf32>) -> tensor<1x6x6x30xf32>
  %xp = tensor.insert_slice %s into %filled[0, 1, 1, 0] [1, 4, 4, 30] [1, 1, 1, 1] : tensor<1x4x4x30xf32> into tensor<1x6x6x30xf32>
  return %xp : tensor<1x6x6x30xf32>
}

// -----

// The chain starts with an op that reads its init (an accumulation): the
// interior must hold the fill value, so the whole buffer is filled.
// CHECK-LABEL: func.func @accumulating_producer(
// CHECK: %[[BUF:.*]] = bufferization.alloc_tensor() : tensor<1x6x6x32xf32>
// CHECK: %[[FILLED:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[BUF]] : tensor<1x6x6x32xf32>)
// CHECK: tensor.extract_slice %[[FILLED]][0, 1, 1, 0] [1, 4, 4, 32]
#id2 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @accumulating_producer(%x: tensor<1x4x4x32xf32>) -> tensor<1x6x6x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x4x4x32xf32>
  %y = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x : tensor<1x4x4x32xf32>) outs(%e : tensor<1x4x4x32xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %out : f32
    linalg.yield %s : f32
  } -> tensor<1x4x4x32xf32>
  %buf = bufferization.alloc_tensor() : tensor<1x6x6x32xf32>
  %filled = linalg.fill ins(%zero : f32) outs(%buf : tensor<1x6x6x32xf32>) -> tensor<1x6x6x32xf32>
  %xp = tensor.insert_slice %y into %filled[0, 1, 1, 0] [1, 4, 4, 32] [1, 1, 1, 1] : tensor<1x4x4x32xf32> into tensor<1x6x6x32xf32>
  return %xp : tensor<1x6x6x32xf32>
}
