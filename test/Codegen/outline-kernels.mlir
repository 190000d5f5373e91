// RUN: cnn-opt %s -cnnc-outline-kernels | FileCheck %s

// Each loop nest moves into its own function; the view into the arena and
// the constants are cloned into the kernel, the arena itself is passed (the
// copies left in @main die in the canonicalization that follows).
// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[OUT:.*]]: memref<16xf32>, %[[ARENA:.*]]: memref<64xi8>)
// CHECK: call @main_kernel_0(%[[ARENA]]) : (memref<64xi8>) -> ()
// CHECK: call @main_kernel_1(%[[OUT]], %[[ARENA]]) : (memref<16xf32>, memref<64xi8>) -> ()
// CHECK-NOT: linalg.
// CHECK: return
// CHECK: func.func private @main_kernel_1(%[[O:.*]]: memref<16xf32>, %[[A:.*]]: memref<64xi8>) attributes {cnnc.desc = "linalg.copy 16", cnnc.kernel}
// CHECK: %[[V:.*]] = memref.view %[[A]]
// CHECK: linalg.copy ins(%[[V]] : memref<16xf32>) outs(%[[O]] : memref<16xf32>)
// CHECK: func.func private @main_kernel_0(%[[A0:.*]]: memref<64xi8>) attributes {cnnc.desc = "linalg.fill 16", cnnc.kernel}
// CHECK: %[[C:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: memref.view %[[A0]]
// CHECK: linalg.fill ins(%[[C]] : f32)
func.func @main(%out: memref<16xf32>, %arena: memref<64xi8>) {
  %c0 = arith.constant 0 : index
  %cst = arith.constant 1.0 : f32
  %v = memref.view %arena[%c0][] : memref<64xi8> to memref<16xf32>
  linalg.fill ins(%cst : f32) outs(%v : memref<16xf32>)
  linalg.copy ins(%v : memref<16xf32>) outs(%out : memref<16xf32>)
  return
}
