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

// -----

// A Winograd output in two bands of rows: each band computed in a slice of
// one uninitialized buffer (the second in a slice of the first insertion's
// result) and inserted back. The padded buffer takes that buffer's place,
// and as the bands cover the interior, only its border is filled (-inf: a
// max pool's padding).
// CHECK-LABEL: func.func @banded_producer(
// CHECK-NOT: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x7x6x32xf32>)
// CHECK: %[[BUF:.*]] = bufferization.alloc_tensor() : tensor<1x7x6x32xf32>
// CHECK: tensor.insert_slice {{.*}}[0, 6, 0, 0] [1, 1, 6, 32] [1, 1, 1, 1]
// CHECK: %[[FILLED:.*]] = tensor.insert_slice {{.*}}[0, 0, 4, 0] [1, 6, 2, 32] [1, 1, 1, 1]
// CHECK: %[[SLOT:.*]] = tensor.extract_slice %[[FILLED]][0, 0, 0, 0] [1, 6, 4, 32]
// CHECK: %[[INIT:.*]] = tensor.expand_shape %[[SLOT]]
// CHECK: %[[TOP:.*]] = tensor.extract_slice %[[INIT]][0, 0, 0, 0, 0] [1, 4, 4, 2, 16]
// CHECK: %[[B0:.*]] = linalg.generic {{.*}} outs(%[[TOP]] :
// CHECK: %[[I0:.*]] = tensor.insert_slice %[[B0]] into %[[INIT]][0, 0, 0, 0, 0] [1, 4, 4, 2, 16]
// CHECK: %[[BOTTOM:.*]] = tensor.extract_slice %[[I0]][0, 4, 0, 0, 0] [1, 2, 4, 2, 16]
// CHECK: %[[B1:.*]] = linalg.generic {{.*}} outs(%[[BOTTOM]] :
// CHECK: %[[I1:.*]] = tensor.insert_slice %[[B1]] into %[[I0]][0, 4, 0, 0, 0] [1, 2, 4, 2, 16]
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %[[I1]]
// CHECK: tensor.insert_slice %[[FLAT]] into %[[FILLED]][0, 0, 0, 0] [1, 6, 4, 32]
#id5 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
func.func @banded_producer(%a: tensor<1x4x4x2x16xf32>, %c: tensor<1x2x4x2x16xf32>) -> tensor<1x7x6x32xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %out = bufferization.alloc_tensor() : tensor<1x6x4x2x16xf32>
  %top = tensor.extract_slice %out[0, 0, 0, 0, 0] [1, 4, 4, 2, 16] [1, 1, 1, 1, 1] : tensor<1x6x4x2x16xf32> to tensor<1x4x4x2x16xf32>
  %b0 = linalg.generic {indexing_maps = [#id5, #id5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%a : tensor<1x4x4x2x16xf32>) outs(%top : tensor<1x4x4x2x16xf32>) {
  ^bb0(%in: f32, %o: f32):
    linalg.yield %in : f32
  } -> tensor<1x4x4x2x16xf32>
  %i0 = tensor.insert_slice %b0 into %out[0, 0, 0, 0, 0] [1, 4, 4, 2, 16] [1, 1, 1, 1, 1] : tensor<1x4x4x2x16xf32> into tensor<1x6x4x2x16xf32>
  %bottom = tensor.extract_slice %i0[0, 4, 0, 0, 0] [1, 2, 4, 2, 16] [1, 1, 1, 1, 1] : tensor<1x6x4x2x16xf32> to tensor<1x2x4x2x16xf32>
  %b1 = linalg.generic {indexing_maps = [#id5, #id5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%c : tensor<1x2x4x2x16xf32>) outs(%bottom : tensor<1x2x4x2x16xf32>) {
  ^bb0(%in: f32, %o: f32):
    linalg.yield %in : f32
  } -> tensor<1x2x4x2x16xf32>
  %i1 = tensor.insert_slice %b1 into %i0[0, 4, 0, 0, 0] [1, 2, 4, 2, 16] [1, 1, 1, 1, 1] : tensor<1x2x4x2x16xf32> into tensor<1x6x4x2x16xf32>
  %flat = tensor.collapse_shape %i1 [[0], [1], [2], [3, 4]] : tensor<1x6x4x2x16xf32> into tensor<1x6x4x32xf32>
  %buf = bufferization.alloc_tensor() : tensor<1x7x6x32xf32>
  %filled = linalg.fill ins(%ninf : f32) outs(%buf : tensor<1x7x6x32xf32>) -> tensor<1x7x6x32xf32>
  %xp = tensor.insert_slice %flat into %filled[0, 0, 0, 0] [1, 6, 4, 32] [1, 1, 1, 1] : tensor<1x6x4x32xf32> into tensor<1x7x6x32xf32>
  return %xp : tensor<1x7x6x32xf32>
}

// -----

// Bands that leave rows of the interior unwritten (4 of 6): the chain still
// starts from the padded buffer's interior, but the whole buffer is filled.
// CHECK-LABEL: func.func @partial_bands(
// CHECK: %[[BUF:.*]] = bufferization.alloc_tensor() : tensor<1x8x8x32xf32>
// CHECK: %[[FILLED:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[BUF]] : tensor<1x8x8x32xf32>)
// CHECK: tensor.extract_slice %[[FILLED]][0, 1, 1, 0] [1, 6, 6, 32]
func.func @partial_bands(%a: tensor<1x4x6x32xf32>) -> tensor<1x8x8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %out = bufferization.alloc_tensor() : tensor<1x6x6x32xf32>
  %top = tensor.extract_slice %out[0, 0, 0, 0] [1, 4, 6, 32] [1, 1, 1, 1] : tensor<1x6x6x32xf32> to tensor<1x4x6x32xf32>
  %b0 = linalg.copy ins(%a : tensor<1x4x6x32xf32>) outs(%top : tensor<1x4x6x32xf32>) -> tensor<1x4x6x32xf32>
  %i0 = tensor.insert_slice %b0 into %out[0, 0, 0, 0] [1, 4, 6, 32] [1, 1, 1, 1] : tensor<1x4x6x32xf32> into tensor<1x6x6x32xf32>
  %buf = bufferization.alloc_tensor() : tensor<1x8x8x32xf32>
  %filled = linalg.fill ins(%zero : f32) outs(%buf : tensor<1x8x8x32xf32>) -> tensor<1x8x8x32xf32>
  %xp = tensor.insert_slice %i0 into %filled[0, 1, 1, 0] [1, 6, 6, 32] [1, 1, 1, 1] : tensor<1x6x6x32xf32> into tensor<1x8x8x32xf32>
  return %xp : tensor<1x8x8x32xf32>
}

// -----

// A concatenation: its operands are computed in buffers of their own, not
// in slices of it (cnnc-elide-copies places them on buffers): unchanged.
// CHECK-LABEL: func.func @negative_concat(
// CHECK: %[[CAT:.*]] = bufferization.alloc_tensor() : tensor<1x4x4x64xf32>
// CHECK: tensor.insert_slice %{{.*}} into %[[CAT]]
// CHECK: %[[FILLED:.*]] = linalg.fill
// CHECK: tensor.insert_slice %{{.*}} into %[[FILLED]][0, 1, 1, 0] [1, 4, 4, 64]
func.func @negative_concat(%v: f32, %w: f32) -> tensor<1x6x6x64xf32> {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<1x4x4x32xf32>
  %y0 = linalg.fill ins(%v : f32) outs(%e0 : tensor<1x4x4x32xf32>) -> tensor<1x4x4x32xf32>
  %e1 = tensor.empty() : tensor<1x4x4x32xf32>
  %y1 = linalg.fill ins(%w : f32) outs(%e1 : tensor<1x4x4x32xf32>) -> tensor<1x4x4x32xf32>
  %cat = bufferization.alloc_tensor() : tensor<1x4x4x64xf32>
  %c0 = tensor.insert_slice %y0 into %cat[0, 0, 0, 0] [1, 4, 4, 32] [1, 1, 1, 1] : tensor<1x4x4x32xf32> into tensor<1x4x4x64xf32>
  %c1 = tensor.insert_slice %y1 into %c0[0, 0, 0, 32] [1, 4, 4, 32] [1, 1, 1, 1] : tensor<1x4x4x32xf32> into tensor<1x4x4x64xf32>
  %buf = bufferization.alloc_tensor() : tensor<1x6x6x64xf32>
  %filled = linalg.fill ins(%zero : f32) outs(%buf : tensor<1x6x6x64xf32>) -> tensor<1x6x6x64xf32>
  %xp = tensor.insert_slice %c1 into %filled[0, 1, 1, 0] [1, 4, 4, 64] [1, 1, 1, 1] : tensor<1x4x4x64xf32> into tensor<1x6x6x64xf32>
  return %xp : tensor<1x6x6x64xf32>
}

// -----

// The graph's NCHW input transposed into a stem conv's padded NHWC buffer:
// the transpose overwrites its init without reading it, so the buffer is
// filled around the interior only and the transpose writes the interior.
// CHECK-LABEL: func.func @transpose_producer(
// CHECK-SAME: %[[X:.*]]: tensor<1x3x8x8xf32>
// CHECK: %[[BUF:.*]] = bufferization.alloc_tensor() : tensor<1x10x10x3xf32>
// CHECK-COUNT-4: linalg.fill {{.*}} -> tensor<1x{{1x10|8x1}}x3xf32>
// CHECK-NOT: linalg.fill
// CHECK: %[[SLOT:.*]] = tensor.extract_slice %{{.*}}[0, 1, 1, 0] [1, 8, 8, 3] [1, 1, 1, 1]
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[X]] : tensor<1x3x8x8xf32>) outs(%[[SLOT]] : tensor<1x8x8x3xf32>)
// CHECK: tensor.insert_slice %[[T]] into %{{.*}}[0, 1, 1, 0] [1, 8, 8, 3] [1, 1, 1, 1]
func.func @transpose_producer(%x: tensor<1x3x8x8xf32>) -> tensor<1x10x10x3xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x8x8x3xf32>
  %t = linalg.transpose ins(%x : tensor<1x3x8x8xf32>) outs(%e : tensor<1x8x8x3xf32>) permutation = [0, 2, 3, 1]
  %buf = bufferization.alloc_tensor() : tensor<1x10x10x3xf32>
  %filled = linalg.fill ins(%zero : f32) outs(%buf : tensor<1x10x10x3xf32>) -> tensor<1x10x10x3xf32>
  %xp = tensor.insert_slice %t into %filled[0, 1, 1, 0] [1, 8, 8, 3] [1, 1, 1, 1] : tensor<1x8x8x3xf32> into tensor<1x10x10x3xf32>
  return %xp : tensor<1x10x10x3xf32>
}

// -----

// A function argument inserted into a -inf padded buffer (a max pool's
// input): no chain writes the interior, but the insertion copies over all
// of it, so the buffer is filled around it only. (Zero padding keeps its
// whole fill: a conv reads such a copy's source, see @negative_concat.)
// CHECK-LABEL: func.func @copied_argument(
// CHECK-SAME: %[[X:.*]]: tensor<1x8x8x16xf32>
// CHECK: %[[BUF:.*]] = bufferization.alloc_tensor() : tensor<1x10x10x16xf32>
// CHECK-COUNT-4: linalg.fill
// CHECK-NOT: linalg.fill
// CHECK: tensor.insert_slice %[[X]] into %{{.*}}[0, 1, 1, 0] [1, 8, 8, 16] [1, 1, 1, 1]
func.func @copied_argument(%x: tensor<1x8x8x16xf32>) -> tensor<1x10x10x16xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %buf = bufferization.alloc_tensor() : tensor<1x10x10x16xf32>
  %filled = linalg.fill ins(%ninf : f32) outs(%buf : tensor<1x10x10x16xf32>) -> tensor<1x10x10x16xf32>
  %xp = tensor.insert_slice %x into %filled[0, 1, 1, 0] [1, 8, 8, 16] [1, 1, 1, 1] : tensor<1x8x8x16xf32> into tensor<1x10x10x16xf32>
  return %xp : tensor<1x10x10x16xf32>
}

// -----

// One fill per destination: two ops whose outputs start from the same
// (CSE-merged) fill get a fill each, right before them; an op reading the
// filled tensor as an input keeps the original. (Shared, bufferization
// filled one buffer and copied it into the other.)
// CHECK-LABEL: func.func @shared_fill(
// CHECK: %[[ORIG:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<4x16xf32>)
// CHECK: %[[E1:.*]] = tensor.empty() : tensor<4x16xf32>
// CHECK-NEXT: %[[F1:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E1]] : tensor<4x16xf32>)
// CHECK-NEXT: %[[A:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<4x16xf32>) outs(%[[F1]] : tensor<4x16xf32>)
// CHECK: %[[E2:.*]] = tensor.empty() : tensor<4x16xf32>
// CHECK-NEXT: %[[F2:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E2]] : tensor<4x16xf32>)
// CHECK-NEXT: %[[B:.*]] = linalg.generic {{.*}} ins(%[[ORIG]] : tensor<4x16xf32>) outs(%[[F2]] : tensor<4x16xf32>)
// CHECK: return %[[A]], %[[B]]
#id2 = affine_map<(d0, d1) -> (d0, d1)>
func.func @shared_fill(%x: tensor<4x16xf32>) -> (tensor<4x16xf32>, tensor<4x16xf32>) {
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<4x16xf32>
  %f = linalg.fill ins(%ninf : f32) outs(%e : tensor<4x16xf32>) -> tensor<4x16xf32>
  %a = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x16xf32>) outs(%f : tensor<4x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %out : f32
    linalg.yield %m : f32
  } -> tensor<4x16xf32>
  %b = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%f : tensor<4x16xf32>) outs(%f : tensor<4x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.addf %in, %out : f32
    linalg.yield %m : f32
  } -> tensor<4x16xf32>
  return %a, %b : tensor<4x16xf32>, tensor<4x16xf32>
}
