//===- CnnConstants.h - constant tensors of the cnn dialect -----*- C++ -*-===//
//
// Part of cnnc.
//
/// Reading and making the f32 constants that graph passes and lowerings
/// compute with at compile time (folded weights, batch-norm factors).
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_DIALECTS_CNN_IR_CNNCONSTANTS_H
#define CNNC_DIALECTS_CNN_IR_CNNCONSTANTS_H

#include "Cnn/IR/CnnOps.h"

#include "mlir/IR/Builders.h"

#include <optional>
#include <vector>

namespace cnnc::cnn {

/// The values of a static f32 constant (dense attribute or resource blob);
/// nullopt for anything else.
std::optional<std::vector<float>> readF32Values(mlir::Value v);

/// A `cnn.constant` of `type` holding `values` in a resource blob `name`.
mlir::Value createF32Constant(mlir::OpBuilder &b, mlir::Location loc,
                              mlir::RankedTensorType type,
                              llvm::ArrayRef<float> values,
                              llvm::StringRef name);

/// Inference batch normalization as `x * scale + shift` per channel:
/// scale = gamma / sqrt(var + eps), shift = beta - mean * scale, in double
/// precision; nullopt unless the statistics are constants of one value per
/// channel.
struct ChannelAffine {
  std::vector<double> scale, shift;
};
std::optional<ChannelAffine> batchNormAffine(BatchNormOp op);

} // namespace cnnc::cnn

#endif // CNNC_DIALECTS_CNN_IR_CNNCONSTANTS_H
