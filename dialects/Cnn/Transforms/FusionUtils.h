//===- FusionUtils.h - shared by the cnn fusion passes ----------*- C++ -*-===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_DIALECTS_CNN_TRANSFORMS_FUSIONUTILS_H
#define CNNC_DIALECTS_CNN_TRANSFORMS_FUSIONUTILS_H

#include "Cnn/IR/CnnOps.h"

#include "mlir/IR/Builders.h"

#include <optional>

namespace cnnc::cnn {

/// An activation as `#cnn.activation` kind and parameters, with the ops
/// that compute it in the graph.
struct ActivationSpec {
  Activation kind = Activation::none;
  llvm::SmallVector<float> params;
  /// Ops the activation replaces, last one last (its result is the output).
  llvm::SmallVector<mlir::Operation *> ops;
};

/// The activation that `value`'s users apply to it, if they form exactly
/// one (a single activation op, sigmoid + mul for SiLU, the erf form of
/// GELU; a PRelu with one constant slope as leaky_relu). With `perChannel`
/// also a PRelu whose constant slope varies along dimension 1 only, as
/// `prelu` with one slope per channel (for ops whose epilogue reads
/// per-channel values: fused convolutions).
std::optional<ActivationSpec> matchActivation(mlir::Value value,
                                              bool perChannel = false);

/// `params` as an attribute, or null when there are none.
mlir::DenseF32ArrayAttr paramsAttr(mlir::Builder &b,
                                   llvm::ArrayRef<float> params);

} // namespace cnnc::cnn

#endif // CNNC_DIALECTS_CNN_TRANSFORMS_FUSIONUTILS_H
