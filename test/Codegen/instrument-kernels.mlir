// RUN: cnn-opt %s -cnnc-instrument-kernels | FileCheck %s

// Each kernel call of the graph gets enter/exit hooks with an id, a name
// (description and the model location) and the kernel's FLOPs; calls
// between kernels are not touched.
// CHECK: llvm.mlir.global internal constant @cnnc_kernel_name_0("conv 3x3/1 C64 F64 56x56  @ layer1.0.conv1\00")
// CHECK-LABEL: llvm.func @main(
// CHECK: %[[ID:.*]] = llvm.mlir.constant(0 : i32) : i32
// CHECK: %[[NAME:.*]] = llvm.mlir.addressof @cnnc_kernel_name_0
// CHECK: %[[FLOPS:.*]] = llvm.mlir.constant({{.*}} : f64) : f64
// CHECK: llvm.call @cnnrt_profile_enter(%[[ID]], %[[NAME]], %[[FLOPS]])
// CHECK-NEXT: llvm.call @main_kernel_0(%{{.*}})
// CHECK-NEXT: llvm.call @cnnrt_profile_exit(%[[ID]])
// CHECK: llvm.call @cnnrt_profile_enter(
// CHECK-NEXT: llvm.call @main_kernel_1(
// CHECK-NEXT: llvm.call @cnnrt_profile_exit(
// CHECK: llvm.func @cnnrt_profile_enter(i32, !llvm.ptr, f64)
// CHECK: llvm.func @cnnrt_profile_exit(i32)
llvm.func @main(%arena: !llvm.ptr) {
  llvm.call @main_kernel_0(%arena) : (!llvm.ptr) -> () loc("layer1.0.conv1")
  llvm.call @main_kernel_1(%arena) : (!llvm.ptr) -> ()
  llvm.return
}
llvm.func internal @main_kernel_0(%arena: !llvm.ptr) attributes {cnnc.kernel, cnnc.desc = "conv 3x3/1 C64 F64 56x56", cnnc.flops = 4.62422016e+08 : f64} {
  llvm.return
}
llvm.func internal @main_kernel_1(%arena: !llvm.ptr) attributes {cnnc.kernel} {
  llvm.return
}
