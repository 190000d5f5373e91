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

/// The values of a static f32 constant like readF32Values, but without a
/// copy where the constant stores them as they are (a resource blob, a
/// non-splat dense attribute): weight packing reads the model's largest
/// tensors (VGG-16's fc6: 411 MB) and must not hold them twice.
class F32Constant {
public:
  static std::optional<F32Constant> read(mlir::Value v);
  llvm::ArrayRef<float> values() const { return view; }
  float operator[](size_t i) const { return view[i]; }
  size_t size() const { return view.size(); }
  F32Constant(F32Constant &&) = default;
  F32Constant &operator=(F32Constant &&) = default;

private:
  F32Constant() = default;
  /// When the values had to be converted; `view` points into it (a moved
  /// vector keeps its buffer).
  std::vector<float> owned;
  llvm::ArrayRef<float> view;
};

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
