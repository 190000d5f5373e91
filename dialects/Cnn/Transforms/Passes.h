//===- Passes.h - cnn dialect passes ----------------------------*- C++ -*-===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_DIALECTS_CNN_TRANSFORMS_PASSES_H
#define CNNC_DIALECTS_CNN_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace cnnc::cnn {

#define GEN_PASS_DECL
#include "Cnn/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "Cnn/Transforms/Passes.h.inc"

} // namespace cnnc::cnn

#endif // CNNC_DIALECTS_CNN_TRANSFORMS_PASSES_H
