//===- FusionUtils.cpp - shared by the cnn fusion passes ------------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "Cnn/Transforms/FusionUtils.h"

#include <limits>

using namespace mlir;

namespace cnnc::cnn {

std::optional<ActivationSpec> matchActivation(Value value) {
  ActivationSpec spec;
  if (value.hasOneUse()) {
    Operation *user = *value.getUsers().begin();
    spec.ops.push_back(user);
    if (isa<ReluOp>(user)) {
      spec.kind = Activation::relu;
    } else if (auto op = dyn_cast<LeakyReluOp>(user)) {
      spec.kind = Activation::leaky_relu;
      spec.params = {op.getAlpha().convertToFloat()};
    } else if (auto op = dyn_cast<ClipOp>(user)) {
      spec.kind = Activation::clip;
      float inf = std::numeric_limits<float>::infinity();
      spec.params = {op.getMin() ? op.getMin()->convertToFloat() : -inf,
                     op.getMax() ? op.getMax()->convertToFloat() : inf};
    } else if (isa<SigmoidOp>(user)) {
      spec.kind = Activation::sigmoid;
    } else if (isa<TanhOp>(user)) {
      spec.kind = Activation::tanh;
    } else if (auto op = dyn_cast<HardSigmoidOp>(user)) {
      spec.kind = Activation::hard_sigmoid;
      spec.params = {op.getAlpha().convertToFloat(),
                     op.getBeta().convertToFloat()};
    } else if (isa<HardSwishOp>(user)) {
      spec.kind = Activation::hard_swish;
    } else {
      return std::nullopt;
    }
    if (user->getResult(0).getType() != value.getType())
      return std::nullopt;
    return spec;
  }
  // SiLU: mul(x, sigmoid(x)) with the sigmoid used only by the mul.
  SmallVector<Operation *> users(value.getUsers());
  if (users.size() != 2)
    return std::nullopt;
  SigmoidOp sigmoid;
  MulOp mul;
  for (Operation *u : users) {
    if (auto s = dyn_cast<SigmoidOp>(u))
      sigmoid = s;
    else if (auto m = dyn_cast<MulOp>(u))
      mul = m;
  }
  if (!sigmoid || !mul || !sigmoid->hasOneUse() ||
      *sigmoid->getUsers().begin() != mul.getOperation() ||
      mul.getType() != value.getType())
    return std::nullopt;
  Value other = mul.getLhs() == value ? mul.getRhs() : mul.getLhs();
  if (other != sigmoid.getResult())
    return std::nullopt;
  spec.kind = Activation::silu;
  spec.ops = {sigmoid, mul};
  return spec;
}

DenseF32ArrayAttr paramsAttr(Builder &b, ArrayRef<float> params) {
  return params.empty() ? DenseF32ArrayAttr() : b.getDenseF32ArrayAttr(params);
}

} // namespace cnnc::cnn
