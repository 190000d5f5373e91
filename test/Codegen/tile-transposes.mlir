// RUN: cnn-opt %s -split-input-file -cnnc-tile-transposes -canonicalize | FileCheck %s
// RUN: cnn-opt %s -split-input-file -cnnc-tile-transposes="vector-bits=256" -canonicalize | FileCheck %s --check-prefix=AVX2

// NHWC -> NCHW of 1x40x40x20: the batch dimension of one iteration is
// index 0, the row loop is split over threads (32000 < 2^16: not here),
// then 16 x 16 blocks of (w, c), c inner. Whole blocks: 16 vector loads
// along c, 4 rounds of 16 interleaving shuffles, 16 vector stores along w.
// Blocks that the shape cuts (c 16..19, w 32..39): masked loads of the valid
// channels from pixels clamped to the last one, masked stores of the valid
// pixels to the valid channels' rows only.
// CHECK-LABEL: func.func @nhwc_to_nchw(
// CHECK-SAME: %[[IN:.*]]: memref<1x40x40x20xf32>, %[[OUT:.*]]: memref<1x20x40x40xf32>)
// CHECK: scf.for %[[H:.*]] = %c0 to %c40 step %c1 {
// CHECK: scf.for %[[WB:.*]] = %c0 to %c40 step %c16 {
// CHECK: scf.for %[[CB:.*]] = %c0 to %c20 step %c16 {
// CHECK: scf.if
// CHECK: vector.load %[[IN]][%c0, %[[H]], %[[WB]], %[[CB]]] : memref<1x40x40x20xf32>, vector<16xf32>
// CHECK-COUNT-15: vector.load %[[IN]]
// CHECK: vector.shuffle %{{.*}}, %{{.*}} [0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23]
// CHECK-NEXT: vector.shuffle %{{.*}}, %{{.*}} [8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31]
// CHECK-COUNT-62: vector.shuffle
// CHECK-NOT: vector.shuffle
// CHECK: vector.store %{{.*}}, %[[OUT]][%c0, %[[CB]], %[[H]], %[[WB]]] : memref<1x20x40x40xf32>, vector<16xf32>
// CHECK-COUNT-15: vector.store %{{.*}}, %[[OUT]]
// CHECK: } else {
// CHECK: %[[NC:.*]] = arith.minsi {{.*}}, %c16
// CHECK: %[[NW:.*]] = arith.minsi {{.*}}, %c16
// CHECK: %[[CMASK:.*]] = vector.create_mask %[[NC]] : vector<16xi1>
// CHECK: %[[WMASK:.*]] = vector.create_mask %[[NW]] : vector<16xi1>
// CHECK: %[[W:.*]] = arith.minsi %[[WB]], %c39
// CHECK: vector.maskedload %[[IN]][%c0, %[[H]], %[[W]], %[[CB]]], %[[CMASK]]
// CHECK-COUNT-15: vector.maskedload
// CHECK-COUNT-64: vector.shuffle
// CHECK: %[[VALID:.*]] = arith.cmpi sgt, %[[NC]], %c0
// CHECK: scf.if %[[VALID]] {
// CHECK: vector.maskedstore %[[OUT]][%c0, %[[CB]], %[[H]], %[[WB]]], %[[WMASK]]
// CHECK-COUNT-15: vector.maskedstore
// CHECK-NOT: cnnc.parallel
// CHECK: cnnc.desc = "transpose 1x40x40x20 -> 1x20x40x40 (16x16 vector blocks)"
func.func @nhwc_to_nchw(%in: memref<1x40x40x20xf32>, %out: memref<1x20x40x40xf32>) {
  linalg.transpose ins(%in : memref<1x40x40x20xf32>) outs(%out : memref<1x20x40x40xf32>) permutation = [0, 3, 1, 2]
  return
}

// -----

// NCHW -> NHWC into a strided interior, large enough to be split over
// threads, in whole blocks only. With 256-bit vectors (AVX2): 8 x 8 blocks,
// 3 rounds of 8 shuffles.
// CHECK-LABEL: func.func @nchw_to_nhwc(
// CHECK: scf.for %[[H:.*]] = %c0 to %c64 step %c1 {
// CHECK: scf.for {{.*}} = %c0 to %c32 step %c16 {
// CHECK: scf.for {{.*}} = %c0 to %c64 step %c16 {
// CHECK-NOT: scf.if
// CHECK-COUNT-16: vector.load
// CHECK-COUNT-64: vector.shuffle
// CHECK-COUNT-16: vector.store
// CHECK: } {cnnc.desc = "transpose 1x32x64x64 -> 1x64x64x32 (16x16 vector blocks)", cnnc.parallel}
// AVX2-LABEL: func.func @nchw_to_nhwc(
// AVX2: scf.for {{.*}} = %c0 to %c32 step %c8 {
// AVX2: scf.for {{.*}} = %c0 to %c64 step %c8 {
// AVX2-COUNT-8: vector.load {{.*}} vector<8xf32>
// AVX2: vector.shuffle %{{.*}}, %{{.*}} [0, 8, 1, 9, 2, 10, 3, 11]
// AVX2-NEXT: vector.shuffle %{{.*}}, %{{.*}} [4, 12, 5, 13, 6, 14, 7, 15]
// AVX2-COUNT-22: vector.shuffle
// AVX2-NOT: vector.shuffle
// AVX2-COUNT-8: vector.store {{.*}} vector<8xf32>
// AVX2: cnnc.desc = "transpose 1x32x64x64 -> 1x64x64x32 (8x8 vector blocks)"
func.func @nchw_to_nhwc(%in: memref<1x32x64x64xf32>, %out: memref<1x64x64x32xf32, strided<[143360, 2240, 32, 1], offset: 2272>>) {
  linalg.transpose ins(%in : memref<1x32x64x64xf32>) outs(%out : memref<1x64x64x32xf32, strided<[143360, 2240, 32, 1], offset: 2272>>) permutation = [0, 2, 3, 1]
  return
}

// -----

// An RGB image into NHWC: 3 channels are less than a vector, so 16 x 16
// blocks of scalar elements (16 x 3 here: the one channel block's loop
// folds away), c innermost; remainders through min.
// CHECK-LABEL: func.func @rgb_to_nhwc(
// CHECK-SAME: %[[IN:.*]]: memref<1x3x40x40xf32>, %[[OUT:.*]]: memref<1x40x40x3xf32>)
// CHECK: scf.for %[[H:.*]] = %c0 to %c40 step %c1 {
// CHECK: scf.for %[[WB:.*]] = %c0 to %c40 step %c16 {
// CHECK: %[[WE:.*]] = arith.minsi
// CHECK: scf.for %[[W:.*]] = %[[WB]] to %[[WE]] step %c1 {
// CHECK: scf.for %[[C:.*]] = %c0 to %c3 step %c1 {
// CHECK: %[[V:.*]] = memref.load %[[IN]][%c0, %[[C]], %[[H]], %[[W]]]
// CHECK: memref.store %[[V]], %[[OUT]][%c0, %[[H]], %[[W]], %[[C]]]
// CHECK: cnnc.desc = "transpose 1x3x40x40 -> 1x40x40x3 (16x16 blocks)"
func.func @rgb_to_nhwc(%in: memref<1x3x40x40xf32>, %out: memref<1x40x40x3xf32>) {
  linalg.transpose ins(%in : memref<1x3x40x40xf32>) outs(%out : memref<1x40x40x3xf32>) permutation = [0, 2, 3, 1]
  return
}

// -----

// The innermost dimension stays in place: left to the plain lowering.
// CHECK-LABEL: func.func @negative_inner_kept(
// CHECK: linalg.transpose
func.func @negative_inner_kept(%in: memref<4x8x16xf32>, %out: memref<8x4x16xf32>) {
  linalg.transpose ins(%in : memref<4x8x16xf32>) outs(%out : memref<8x4x16xf32>) permutation = [1, 0, 2]
  return
}

// -----

// NHWC -> NCHW with fewer channels than a vector (3, in a buffer of 16:
// an image-to-image net's output) and rows of whole vectors: each output row
// written from 16-lane gathers, the lanes a pixel (16 elements) apart.
// CHECK-LABEL: func.func @gather_rows(
// CHECK-SAME: %[[IN:.*]]: memref<1x32x48x3xf32, strided<[24576, 768, 16, 1]>>, %[[OUT:.*]]: memref<1x3x32x48xf32>)
// CHECK: %[[LANES:.*]] = arith.constant dense<[0, 16, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240]> : vector<16xi32>
// CHECK: scf.for %[[H:.*]] = %c0 to %c32 step %c1 {
// CHECK: scf.for %[[C:.*]] = %c0 to %c3 step %c1 {
// CHECK: scf.for %[[W:.*]] = %c0 to %c48 step %c16 {
// CHECK: %[[V:.*]] = vector.gather %[[IN]][%c0, %[[H]], %[[W]], %[[C]]] [%[[LANES]]]
// CHECK: vector.store %[[V]], %[[OUT]][%c0, %[[C]], %[[H]], %[[W]]]
// CHECK: cnnc.desc = "transpose 1x32x48x3 -> 1x3x32x48 (rows of 16-lane gathers)"
func.func @gather_rows(%in: memref<1x32x48x3xf32, strided<[24576, 768, 16, 1]>>, %out: memref<1x3x32x48xf32>) {
  linalg.transpose ins(%in : memref<1x32x48x3xf32, strided<[24576, 768, 16, 1]>>) outs(%out : memref<1x3x32x48xf32>) permutation = [0, 3, 1, 2]
  return
}
