// RUN: cnn-opt %s -split-input-file -cnnc-parallelize-kernels | FileCheck %s

// The marked loop moves into @K_range over [begin, end); the kernel calls it
// over the whole range.
// CHECK-LABEL: func.func private @main_kernel_0(
// CHECK-SAME: %[[A:.*]]: memref<64xi8>)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C16:.*]] = arith.constant 16 : index
// CHECK: call @main_kernel_0_range(%[[A]], %[[C0]], %[[C16]]) : (memref<64xi8>, index, index) -> ()
// CHECK-NOT: scf.for
// CHECK: return
// CHECK: func.func private @main_kernel_0_range(%[[RA:.*]]: memref<64xi8>, %[[BEGIN:.*]]: index, %[[END:.*]]: index) attributes {cnnc.kernel, cnnc.parallel_range}
// CHECK: %[[V:.*]] = memref.view %[[RA]]
// CHECK: scf.for %[[I:.*]] = %[[BEGIN]] to %[[END]] step
// CHECK: memref.store {{.*}}, %[[V]][%[[I]]]
// CHECK-NOT: cnnc.parallel}
func.func private @main_kernel_0(%arena: memref<64xi8>) attributes {cnnc.kernel} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %cst = arith.constant 1.0 : f32
  %v = memref.view %arena[%c0][] : memref<64xi8> to memref<16xf32>
  scf.for %i = %c0 to %c16 step %c1 {
    memref.store %cst, %v[%i] : memref<16xf32>
  } {cnnc.parallel}
  return
}

// -----

// Unmarked loops, and loops that do not start at 0 with step 1, stay.
// CHECK-LABEL: func.func private @negative_kernel(
// CHECK: scf.for
// CHECK-NOT: _range
func.func private @negative_kernel(%v: memref<16xf32>) attributes {cnnc.kernel} {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c16 = arith.constant 16 : index
  %cst = arith.constant 1.0 : f32
  scf.for %i = %c1 to %c16 step %c2 {
    memref.store %cst, %v[%i] : memref<16xf32>
  } {cnnc.parallel}
  return
}

// -----

// A kernel that is one linalg op with enough iterations (a 1x64x64x64
// transpose: 2^18) is lowered to loops; the batch loop of one iteration
// disappears and the channel loop is split over threads.
// CHECK-LABEL: func.func private @transpose_kernel(
// CHECK: call @transpose_kernel_range(%{{.*}}, %{{.*}}, %{{.*}}, %c64)
// CHECK: func.func private @transpose_kernel_range(%[[IN:.*]]: memref<1x64x64x64xf32>, %[[OUT:.*]]: memref<1x64x64x64xf32>, %[[B:.*]]: index, %[[E:.*]]: index)
// CHECK: scf.for %[[C:.*]] = %[[B]] to %[[E]] step
// CHECK: scf.for
// CHECK: scf.for
// CHECK: memref.load %[[IN]]
// CHECK: memref.store {{.*}}, %[[OUT]]
func.func private @transpose_kernel(%in: memref<1x64x64x64xf32>, %out: memref<1x64x64x64xf32>) attributes {cnnc.kernel} {
  linalg.transpose ins(%in : memref<1x64x64x64xf32>) outs(%out : memref<1x64x64x64xf32>) permutation = [0, 3, 1, 2]
  return
}

// -----

// Small ops (below 2^16 iterations) and reductions over the first dimension
// of more than one iteration stay as they are.
// CHECK-LABEL: func.func private @negative_small_fill(
// CHECK: linalg.fill
// CHECK-NOT: _range
func.func private @negative_small_fill(%out: memref<1x16x16x16xf32>) attributes {cnnc.kernel} {
  %cst = arith.constant 0.0 : f32
  linalg.fill ins(%cst : f32) outs(%out : memref<1x16x16x16xf32>)
  return
}

// -----

// Winograd's transforms do 16 elements' work per iteration: 4096 iterations
// count as 65536 and are split over the threads; the same generic unmarked
// stays serial.
// CHECK-LABEL: func.func private @winograd_transform(
// CHECK: func.func private @winograd_transform_range(
// CHECK-LABEL: func.func private @plain_transform(
// CHECK-NOT: _range
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func private @winograd_transform(%in: memref<1x16x4x64xf32>, %out: memref<1x16x4x64xf32>) attributes {cnnc.kernel} {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%in : memref<1x16x4x64xf32>) outs(%out : memref<1x16x4x64xf32>) attrs = {cnnc.winograd_input} {
  ^bb0(%a: f32, %b: f32):
    %s = arith.addf %a, %a : f32
    linalg.yield %s : f32
  }
  return
}
func.func private @plain_transform(%in: memref<1x16x4x64xf32>, %out: memref<1x16x4x64xf32>) attributes {cnnc.kernel} {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%in : memref<1x16x4x64xf32>) outs(%out : memref<1x16x4x64xf32>) {
  ^bb0(%a: f32, %b: f32):
    %s = arith.addf %a, %a : f32
    linalg.yield %s : f32
  }
  return
}
