// RUN: cnn-opt %s -split-input-file -cnnc-outline-kernels | FileCheck %s

// Each loop nest moves into its own function. A buffer's view of the arena
// is passed in (the kernel does not depend on where the buffer lies), the
// constants are cloned into the kernel.
// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[OUT:.*]]: memref<16xf32>, %[[ARENA:.*]]: memref<64xi8>)
// CHECK: %[[V:.*]] = memref.view %[[ARENA]]
// CHECK: call @main_kernel_0(%[[V]]) : (memref<16xf32>) -> ()
// CHECK: call @main_kernel_1(%[[OUT]], %[[V]]) : (memref<16xf32>, memref<16xf32>) -> ()
// CHECK-NOT: linalg.
// CHECK: return
// CHECK: func.func private @main_kernel_1(%[[O:.*]]: memref<16xf32>, %[[I:.*]]: memref<16xf32>) attributes {cnnc.desc = "linalg.copy 16", cnnc.kernel}
// CHECK: linalg.copy ins(%[[I]] : memref<16xf32>) outs(%[[O]] : memref<16xf32>)
// CHECK: func.func private @main_kernel_0(%[[B:.*]]: memref<16xf32>) attributes {cnnc.desc = "linalg.fill 16", cnnc.kernel}
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
