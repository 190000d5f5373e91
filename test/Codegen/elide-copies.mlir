// RUN: cnn-opt %s -split-input-file -cnnc-elide-copies | FileCheck %s

// A concatenation: two producers' results copied into disjoint channel
// slices of one buffer. Both now write their slice (the blocked one through
// an expand_shape of it); no copy and no other allocation is left.
// CHECK-LABEL: func.func @concat(
// CHECK: %[[D:.*]] = memref.alloc() : memref<1x4x4x96xf32>
// CHECK: %[[S0:.*]] = memref.subview %[[D]][0, 0, 0, 0] [1, 4, 4, 32] [1, 1, 1, 1]
// CHECK: %[[B0:.*]] = memref.expand_shape %[[S0]] {{\[\[}}0], [1], [2], [3, 4]] output_shape [1, 4, 4, 1, 32]
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[B0]] : memref<1x4x4x1x32xf32, strided<[1536, 384, 96, 32, 1]>>)
// CHECK: %[[S1:.*]] = memref.subview %[[D]][0, 0, 0, 32] [1, 4, 4, 64] [1, 1, 1, 1]
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[S1]] : memref<1x4x4x64xf32, strided<[1536, 384, 96, 1], offset: 32>>)
// CHECK-NOT: memref.alloc
// The result's own copy out is cnnc-results-in-place's business.
// CHECK: linalg.copy ins(%[[D]] : memref<1x4x4x96xf32>)
// CHECK-NOT: linalg.copy
// CHECK: return
func.func @concat(%out: memref<1x4x4x96xf32>) {
  %one = arith.constant 1.0 : f32
  %two = arith.constant 2.0 : f32
  %a = memref.alloc() : memref<1x4x4x1x32xf32>
  linalg.fill ins(%one : f32) outs(%a : memref<1x4x4x1x32xf32>)
  %b = memref.alloc() : memref<1x4x4x64xf32>
  linalg.fill ins(%two : f32) outs(%b : memref<1x4x4x64xf32>)
  %ac = memref.collapse_shape %a [[0], [1], [2], [3, 4]] : memref<1x4x4x1x32xf32> into memref<1x4x4x32xf32>
  %d = memref.alloc() : memref<1x4x4x96xf32>
  %s0 = memref.subview %d[0, 0, 0, 0] [1, 4, 4, 32] [1, 1, 1, 1] : memref<1x4x4x96xf32> to memref<1x4x4x32xf32, strided<[1536, 384, 96, 1]>>
  linalg.copy ins(%ac : memref<1x4x4x32xf32>) outs(%s0 : memref<1x4x4x32xf32, strided<[1536, 384, 96, 1]>>)
  %s1 = memref.subview %d[0, 0, 0, 32] [1, 4, 4, 64] [1, 1, 1, 1] : memref<1x4x4x96xf32> to memref<1x4x4x64xf32, strided<[1536, 384, 96, 1], offset: 32>>
  linalg.copy ins(%b : memref<1x4x4x64xf32>) outs(%s1 : memref<1x4x4x64xf32, strided<[1536, 384, 96, 1], offset: 32>>)
  linalg.copy ins(%d : memref<1x4x4x96xf32>) outs(%out : memref<1x4x4x96xf32>)
  return
}

// -----

// A padded input filled whole after the producer ran: the buffer and its
// fill move before the producer, which then writes the interior.
// CHECK-LABEL: func.func @padded(
// CHECK: %[[P:.*]] = memref.alloc() : memref<1x6x6x16xf32>
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[P]] : memref<1x6x6x16xf32>)
// CHECK: %[[I:.*]] = memref.subview %[[P]][0, 1, 1, 0] [1, 4, 4, 16] [1, 1, 1, 1]
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[I]] : memref<1x4x4x16xf32, strided<[576, 96, 16, 1], offset: 112>>)
// CHECK: linalg.copy ins(%[[P]] : memref<1x6x6x16xf32>)
// CHECK-NOT: linalg.copy
func.func @padded(%out: memref<1x6x6x16xf32>) {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %a = memref.alloc() : memref<1x4x4x16xf32>
  linalg.fill ins(%one : f32) outs(%a : memref<1x4x4x16xf32>)
  %p = memref.alloc() : memref<1x6x6x16xf32>
  linalg.fill ins(%zero : f32) outs(%p : memref<1x6x6x16xf32>)
  %i = memref.subview %p[0, 1, 1, 0] [1, 4, 4, 16] [1, 1, 1, 1] : memref<1x6x6x16xf32> to memref<1x4x4x16xf32, strided<[576, 96, 16, 1], offset: 112>>
  linalg.copy ins(%a : memref<1x4x4x16xf32>) outs(%i : memref<1x4x4x16xf32, strided<[576, 96, 16, 1], offset: 112>>)
  linalg.copy ins(%p : memref<1x6x6x16xf32>) outs(%out : memref<1x6x6x16xf32>)
  return
}

// -----

// The producer's buffer is written again after the copy (reused for a
// later result): the copy stays.
// CHECK-LABEL: func.func @negative_written_after(
// CHECK: linalg.copy ins(%{{.*}} : memref<1x4x4x32xf32>)
func.func @negative_written_after(%out: memref<1x4x4x64xf32>, %out2: memref<1x4x4x32xf32>) {
  %one = arith.constant 1.0 : f32
  %two = arith.constant 2.0 : f32
  %a = memref.alloc() : memref<1x4x4x32xf32>
  linalg.fill ins(%one : f32) outs(%a : memref<1x4x4x32xf32>)
  %d = memref.alloc() : memref<1x4x4x64xf32>
  %s0 = memref.subview %d[0, 0, 0, 0] [1, 4, 4, 32] [1, 1, 1, 1] : memref<1x4x4x64xf32> to memref<1x4x4x32xf32, strided<[1024, 256, 64, 1]>>
  linalg.copy ins(%a : memref<1x4x4x32xf32>) outs(%s0 : memref<1x4x4x32xf32, strided<[1024, 256, 64, 1]>>)
  linalg.fill ins(%two : f32) outs(%a : memref<1x4x4x32xf32>)
  linalg.copy ins(%a : memref<1x4x4x32xf32>) outs(%out2 : memref<1x4x4x32xf32>)
  linalg.copy ins(%d : memref<1x4x4x64xf32>) outs(%out : memref<1x4x4x64xf32>)
  return
}
