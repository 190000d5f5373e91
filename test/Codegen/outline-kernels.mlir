// RUN: cnn-opt %s -split-input-file -cnnc-outline-kernels | FileCheck %s

// Each loop nest moves into its own function. A buffer's view of the arena
// is passed in (the kernel does not depend on where the buffer lies), the
// constants are cloned into the kernel. Arguments whose memory no other
// argument can share are llvm.noalias (here the arena buffer and the one
// graph argument).
// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[OUT:.*]]: memref<16xf32>, %[[ARENA:.*]]: memref<64xi8>)
// CHECK: %[[V:.*]] = memref.view %[[ARENA]]
// CHECK: call @main_kernel_0(%[[V]]) : (memref<16xf32>) -> ()
// CHECK: call @main_kernel_1(%[[OUT]], %[[V]]) : (memref<16xf32>, memref<16xf32>) -> ()
// CHECK-NOT: linalg.
// CHECK: return
// CHECK: func.func private @main_kernel_1(%[[O:.*]]: memref<16xf32> {llvm.noalias}, %[[I:.*]]: memref<16xf32> {llvm.noalias}) attributes {cnnc.desc = "linalg.copy 16", cnnc.kernel}
// CHECK: linalg.copy ins(%[[I]] : memref<16xf32>) outs(%[[O]] : memref<16xf32>)
// CHECK: func.func private @main_kernel_0(%[[B:.*]]: memref<16xf32> {llvm.noalias}) attributes {cnnc.desc = "linalg.fill 16", cnnc.kernel}
// CHECK: %[[C:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: linalg.fill ins(%[[C]] : f32) outs(%[[B]] : memref<16xf32>)
func.func @main(%out: memref<16xf32>, %arena: memref<64xi8>) {
  %c0 = arith.constant 0 : index
  %cst = arith.constant 1.0 : f32
  %v = memref.view %arena[%c0][] : memref<64xi8> to memref<16xf32>
  linalg.fill ins(%cst : f32) outs(%v : memref<16xf32>)
  linalg.copy ins(%v : memref<16xf32>) outs(%out : memref<16xf32>)
  return
}

// -----

// Two layers alike but for where their buffers lie and which weights they
// read: one kernel, called twice. A third that differs (a window of another
// size within its buffer) gets its own.
// CHECK-LABEL: func.func @main(
// CHECK: call @main_kernel_0(%{{.*}}, %{{.*}}) : (memref<4xf32>, memref<8xf32>) -> ()
// CHECK: call @main_kernel_0(%{{.*}}, %{{.*}}) : (memref<4xf32>, memref<8xf32>) -> ()
// CHECK: call @main_kernel_2(
// CHECK: func.func private @main_kernel_2(
// CHECK-NOT: func.func private @main_kernel_1(
// CHECK: func.func private @main_kernel_0(
memref.global "private" constant @w0 : memref<8xf32> = dense<1.0>
memref.global "private" constant @w1 : memref<8xf32> = dense<2.0>
func.func @main(%arena: memref<64xi8>) {
  %c0 = arith.constant 0 : index
  %c32 = arith.constant 32 : index
  %a = memref.view %arena[%c0][] : memref<64xi8> to memref<4xf32>
  %b = memref.view %arena[%c32][] : memref<64xi8> to memref<4xf32>
  %w0 = memref.get_global @w0 : memref<8xf32>
  %w1 = memref.get_global @w1 : memref<8xf32>
  %s0 = memref.subview %w0[0] [4] [1] : memref<8xf32> to memref<4xf32, strided<[1]>>
  linalg.copy ins(%s0 : memref<4xf32, strided<[1]>>) outs(%a : memref<4xf32>)
  %s1 = memref.subview %w1[0] [4] [1] : memref<8xf32> to memref<4xf32, strided<[1]>>
  linalg.copy ins(%s1 : memref<4xf32, strided<[1]>>) outs(%b : memref<4xf32>)
  %s2 = memref.subview %w1[4] [4] [1] : memref<8xf32> to memref<4xf32, strided<[1], offset: 4>>
  linalg.copy ins(%s2 : memref<4xf32, strided<[1], offset: 4>>) outs(%b : memref<4xf32>)
  return
}

// -----

// Views of overlapping arena bytes, and two graph arguments (the caller may
// pass one buffer twice), may alias: no llvm.noalias on those.
// CHECK-LABEL: func.func @main(%{{.*}}: memref<4xf32>, %{{.*}}: memref<4xf32>, %{{.*}}: memref<64xi8>)
// CHECK: func.func private @main_kernel_1(%{{[a-z0-9]+}}: memref<4xf32>, %{{[a-z0-9]+}}: memref<8xf32> {llvm.noalias}, %{{[a-z0-9]+}}: memref<4xf32>)
// CHECK: func.func private @main_kernel_0(%{{[a-z0-9]+}}: memref<8xf32>, %{{[a-z0-9]+}}: memref<8xf32>)
func.func @main(%in: memref<4xf32>, %out: memref<4xf32>, %arena: memref<64xi8>) {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %a = memref.view %arena[%c0][] : memref<64xi8> to memref<8xf32>
  %b = memref.view %arena[%c16][] : memref<64xi8> to memref<8xf32>
  linalg.copy ins(%a : memref<8xf32>) outs(%b : memref<8xf32>)
  %c = memref.view %arena[%c32][] : memref<64xi8> to memref<8xf32>
  %s = memref.subview %c[0] [4] [1] : memref<8xf32> to memref<4xf32, strided<[1]>>
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      ins(%in, %s : memref<4xf32>, memref<4xf32, strided<[1]>>) outs(%out : memref<4xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32):
    %r = arith.addf %x, %y : f32
    linalg.yield %r : f32
  }
  return
}
