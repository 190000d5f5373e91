// RUN: cnn-opt %s -cnnc-lower-parallel-calls | FileCheck %s

// The call's pointers go into a stack array; the runtime runs the task over
// [0, n) in chunks; the task unpacks the pointers and calls the range.
// CHECK-LABEL: llvm.func @kernel(
// CHECK-SAME: %[[P0:.*]]: !llvm.ptr, %[[P1:.*]]: !llvm.ptr)
// CHECK: %[[N:.*]] = llvm.mlir.constant(112 : i64) : i64
// CHECK: %[[CTX:.*]] = llvm.alloca %{{.*}} x !llvm.ptr
// CHECK: %[[S0:.*]] = llvm.getelementptr %[[CTX]][0]
// CHECK: llvm.store %[[P0]], %[[S0]]
// CHECK: %[[S1:.*]] = llvm.getelementptr %[[CTX]][1]
// CHECK: llvm.store %[[P1]], %[[S1]]
// CHECK: %[[TASK:.*]] = llvm.mlir.addressof @kernel_range_task
// CHECK: llvm.call @cnnrt_parallel_for(%[[TASK]], %[[CTX]], %[[N]])
// CHECK-NOT: llvm.call @kernel_range(
// CHECK: llvm.func internal @kernel_range_task(%[[C:.*]]: !llvm.ptr, %[[B:.*]]: i64, %[[E:.*]]: i64)
// CHECK: %[[L0:.*]] = llvm.load
// CHECK: %[[L1:.*]] = llvm.load
// CHECK: llvm.call @kernel_range(%[[L0]], %[[L1]], %[[B]], %[[E]])
// CHECK: llvm.func @cnnrt_parallel_for(!llvm.ptr, !llvm.ptr, i64)
llvm.func @kernel(%a: !llvm.ptr, %b: !llvm.ptr) {
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %n = llvm.mlir.constant(112 : i64) : i64
  llvm.call @kernel_range(%a, %b, %c0, %n) : (!llvm.ptr, !llvm.ptr, i64, i64) -> ()
  llvm.return
}
llvm.func @kernel_range(%a: !llvm.ptr, %b: !llvm.ptr, %begin: i64, %end: i64) attributes {cnnc.parallel_range} {
  llvm.return
}
