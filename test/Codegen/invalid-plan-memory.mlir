// RUN: cnn-opt %s -split-input-file -cnnc-plan-memory -verify-diagnostics

func.func @negative_dynamic_alloc(%n: index) {
  // expected-error @+1 {{cannot be planned into the arena}}
  %a = memref.alloc(%n) : memref<?xf32>
  return
}
