// RUN: cnn-opt %s -split-input-file -cnnc-tile-transposes -canonicalize | FileCheck %s

// NHWC -> NCHW of 1x40x40x20: the batch dimension of one iteration is
// index 0, the row loop is split over threads (32000 < 2^16: not here), then
// 16 x 16 blocks of (c, w) with w innermost (contiguous writes); remainders
// through min.
// CHECK-LABEL: func.func @nhwc_to_nchw(
// CHECK-SAME: %[[IN:.*]]: memref<1x40x40x20xf32>, %[[OUT:.*]]: memref<1x20x40x40xf32>)
// CHECK: scf.for %[[H:.*]] = %c0 to %c40 step %c1 {
// CHECK: scf.for %[[CB:.*]] = %c0 to %c20 step %c16 {
// CHECK: scf.for %[[WB:.*]] = %c0 to %c40 step %c16 {
// CHECK: %[[CE:.*]] = arith.minsi
// CHECK: scf.for %[[C:.*]] = %[[CB]] to %[[CE]] step %c1 {
// CHECK: %[[WE:.*]] = arith.minsi
// CHECK: scf.for %[[W:.*]] = %[[WB]] to %[[WE]] step %c1 {
// CHECK: %[[V:.*]] = memref.load %[[IN]][%c0, %[[H]], %[[W]], %[[C]]]
// CHECK: memref.store %[[V]], %[[OUT]][%c0, %[[C]], %[[H]], %[[W]]]
// CHECK-NOT: cnnc.parallel
func.func @nhwc_to_nchw(%in: memref<1x40x40x20xf32>, %out: memref<1x20x40x40xf32>) {
  linalg.transpose ins(%in : memref<1x40x40x20xf32>) outs(%out : memref<1x20x40x40xf32>) permutation = [0, 3, 1, 2]
  return
}

// -----

// NCHW -> NHWC into a strided interior, large enough to be split over
// threads.
// CHECK-LABEL: func.func @nchw_to_nhwc(
// CHECK: scf.for %[[H:.*]] = %c0 to %c64 step %c1 {
// CHECK: scf.for {{.*}} step %c16 {
// CHECK: scf.for {{.*}} step %c16 {
// CHECK: memref.load
// CHECK: memref.store
// CHECK: } {cnnc.desc = "transpose 1x32x64x64 -> 1x64x64x32 (16x16 blocks)", cnnc.parallel}
func.func @nchw_to_nhwc(%in: memref<1x32x64x64xf32>, %out: memref<1x64x64x32xf32, strided<[143360, 2240, 32, 1], offset: 2272>>) {
  linalg.transpose ins(%in : memref<1x32x64x64xf32>) outs(%out : memref<1x64x64x32xf32, strided<[143360, 2240, 32, 1], offset: 2272>>) permutation = [0, 2, 3, 1]
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

// NHWC -> NCHW with few channels (21, in a buffer of 32: a segmentation
// net's classes) and rows of whole vectors: each output row written from
// 16-lane gathers, the lanes a pixel (32 elements) apart.
// CHECK-LABEL: func.func @gather_rows(
// CHECK-SAME: %[[IN:.*]]: memref<1x32x48x21xf32, strided<[49152, 1536, 32, 1]>>, %[[OUT:.*]]: memref<1x21x32x48xf32>)
// CHECK: %[[LANES:.*]] = arith.constant dense<[0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448, 480]> : vector<16xi32>
// CHECK: scf.for %[[H:.*]] = %c0 to %c32 step %c1 {
// CHECK: scf.for %[[C:.*]] = %c0 to %c21 step %c1 {
// CHECK: scf.for %[[W:.*]] = %c0 to %c48 step %c16 {
// CHECK: %[[V:.*]] = vector.gather %[[IN]][%c0, %[[H]], %[[W]], %[[C]]] [%[[LANES]]]
// CHECK: vector.store %[[V]], %[[OUT]][%c0, %[[C]], %[[H]], %[[W]]]
// CHECK: cnnc.desc = "transpose 1x32x48x21 -> 1x21x32x48 (rows of 16-lane gathers)"
func.func @gather_rows(%in: memref<1x32x48x21xf32, strided<[49152, 1536, 32, 1]>>, %out: memref<1x21x32x48xf32>) {
  linalg.transpose ins(%in : memref<1x32x48x21xf32, strided<[49152, 1536, 32, 1]>>) outs(%out : memref<1x21x32x48xf32>) permutation = [0, 3, 1, 2]
  return
}
