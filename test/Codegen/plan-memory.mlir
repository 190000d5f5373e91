// RUN: cnn-opt %s -split-input-file -cnnc-plan-memory | FileCheck %s

// Three buffers in a chain: %a dies when %c is written, so %c reuses %a's
// bytes; %b lives across both and gets its own. The arena becomes the last
// argument and its size an attribute.
// CHECK-LABEL: func.func @chain(
// CHECK-SAME: %[[OUT:.*]]: memref<16xf32>, %[[ARENA:.*]]: memref<128xi8> {cnn.name = "arena"})
// CHECK-SAME: attributes {cnnc.arena_bytes = 128 : i64}
// CHECK: %[[O1:.*]] = arith.constant 0 : index
// CHECK: memref.view %[[ARENA]][%[[O1]]][] : memref<128xi8> to memref<16xf32>
// CHECK: %[[O2:.*]] = arith.constant 64 : index
// CHECK: memref.view %[[ARENA]][%[[O2]]][] : memref<128xi8> to memref<16xf32>
// CHECK: %[[O3:.*]] = arith.constant 0 : index
// CHECK: memref.view %[[ARENA]][%[[O3]]][] : memref<128xi8> to memref<16xf32>
// CHECK-NOT: memref.alloc
func.func @chain(%out: memref<16xf32>) {
  %cst = arith.constant 1.0 : f32
  %a = memref.alloc() : memref<16xf32>
  linalg.fill ins(%cst : f32) outs(%a : memref<16xf32>)
  %b = memref.alloc() : memref<16xf32>
  linalg.copy ins(%a : memref<16xf32>) outs(%b : memref<16xf32>)
  %c = memref.alloc() : memref<16xf32>
  linalg.copy ins(%b : memref<16xf32>) outs(%c : memref<16xf32>)
  linalg.add ins(%b, %c : memref<16xf32>, memref<16xf32>) outs(%out : memref<16xf32>)
  return
}

// -----

// A use through a view keeps the buffer alive: %a is read through its
// collapsed view at the end, so %b cannot take its bytes.
// CHECK-LABEL: func.func @alias(
// CHECK-SAME: memref<128xi8>
// CHECK: arith.constant 0 : index
// CHECK: memref.view {{.*}} to memref<4x4xf32>
// CHECK: arith.constant 64 : index
// CHECK: memref.view {{.*}} to memref<16xf32>
func.func @alias(%out: memref<16xf32>) {
  %cst = arith.constant 1.0 : f32
  %a = memref.alloc() : memref<4x4xf32>
  linalg.fill ins(%cst : f32) outs(%a : memref<4x4xf32>)
  %flat = memref.collapse_shape %a [[0, 1]] : memref<4x4xf32> into memref<16xf32>
  %b = memref.alloc() : memref<16xf32>
  linalg.fill ins(%cst : f32) outs(%b : memref<16xf32>)
  linalg.add ins(%flat, %b : memref<16xf32>, memref<16xf32>) outs(%out : memref<16xf32>)
  return
}
