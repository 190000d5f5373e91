//===- FusionUtils.cpp - shared by the cnn fusion passes ------------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "Cnn/Transforms/FusionUtils.h"

#include "Cnn/IR/CnnConstants.h"

#include "mlir/IR/Matchers.h"

#include <cmath>
#include <limits>

using namespace mlir;

namespace cnnc::cnn {

/// The slopes of a PRelu of `x` [N, C, ...] when its constant slope varies
/// along the channel dimension only: one value (all equal) or C.
static std::optional<SmallVector<float>> preluSlopes(PReluOp op) {
  auto xt = dyn_cast<RankedTensorType>(op.getInput().getType());
  auto st = dyn_cast<RankedTensorType>(op.getSlope().getType());
  if (!xt || !st || !xt.hasStaticShape() || !st.hasStaticShape() ||
      xt.getRank() < 2 || st.getRank() > xt.getRank())
    return std::nullopt;
  std::optional<std::vector<float>> values = readF32Values(op.getSlope());
  if (!values || values->empty())
    return std::nullopt;
  // Right-aligned broadcast: every slope dimension but the channel's is 1.
  int64_t shift = xt.getRank() - st.getRank();
  for (int64_t i = 0; i < st.getRank(); ++i)
    if (st.getDimSize(i) != 1 && i + shift != 1)
      return std::nullopt;
  if (llvm::all_equal(*values))
    return SmallVector<float>{values->front()};
  return SmallVector<float>(values->begin(), values->end());
}

/// Whether `v` is a constant holding the single value `want` (within float
/// rounding of a double written by an exporter).
static bool isScalar(Value v, double want) {
  std::optional<std::vector<float>> values = readF32Values(v);
  return values && values->size() == 1 &&
         std::abs(values->front() - want) <= 1e-6 * std::abs(want);
}

/// The operand of the binary `op` that is not `v`, if `v` is one of them.
template <typename OpTy> static Value otherOperand(OpTy op, Value v) {
  if (op.getLhs() == v)
    return op.getRhs();
  if (op.getRhs() == v)
    return op.getLhs();
  return {};
}

/// The single user of `v` if it is an `OpTy`.
template <typename OpTy> static OpTy soleUser(Value v) {
  return v.hasOneUse() ? dyn_cast<OpTy>(*v.getUsers().begin()) : OpTy();
}

/// GELU as exporters write it with Erf (torch at opset < 20):
/// mul(mul(x, add(erf(x / sqrt2), 1)), 0.5), the 0.5 also first
/// (mul(mul(x, 0.5), add(...))), x / sqrt2 also x * (1 / sqrt2).
static std::optional<ActivationSpec> matchGelu(Value x) {
  SmallVector<Operation *> users(x.getUsers());
  if (users.size() != 2)
    return std::nullopt;
  for (int first = 0; first < 2; ++first) {
    Operation *scale = users[first], *other = users[1 - first];
    Value scaled;
    if (auto div = dyn_cast<DivOp>(scale);
        div && div.getLhs() == x && isScalar(div.getRhs(), M_SQRT2))
      scaled = div.getResult();
    else if (auto mul = dyn_cast<MulOp>(scale);
             mul && isScalar(otherOperand(mul, x), M_SQRT1_2))
      scaled = mul.getResult();
    if (!scaled)
      continue;
    auto erf = soleUser<ErfOp>(scaled);
    auto add = erf ? soleUser<AddOp>(erf.getResult()) : AddOp();
    if (!add || !isScalar(otherOperand(add, erf.getResult()), 1.0))
      continue;
    auto mulX = dyn_cast<MulOp>(other);
    if (!mulX || !add->hasOneUse())
      continue;
    ActivationSpec spec;
    spec.kind = Activation::gelu;
    // mul(mul(x, add), 0.5)
    if (otherOperand(mulX, x) == add.getResult()) {
      auto half = soleUser<MulOp>(mulX.getResult());
      if (!half || !isScalar(otherOperand(half, mulX.getResult()), 0.5))
        continue;
      spec.ops = {scale, erf, add, mulX, half};
    } else if (isScalar(otherOperand(mulX, x), 0.5)) {
      // mul(mul(x, 0.5), add)
      auto outer = soleUser<MulOp>(mulX.getResult());
      if (!outer || *add->getUsers().begin() != outer.getOperation() ||
          otherOperand(outer, mulX.getResult()) != add.getResult())
        continue;
      spec.ops = {scale, erf, add, mulX, outer};
    } else {
      continue;
    }
    if (spec.ops.back()->getResult(0).getType() != x.getType())
      return std::nullopt;
    return spec;
  }
  return std::nullopt;
}

std::optional<ActivationSpec> matchActivation(Value value, bool perChannel) {
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
    } else if (auto op = dyn_cast<PReluOp>(user)) {
      std::optional<SmallVector<float>> slopes = preluSlopes(op);
      if (!slopes || op.getInput() != value ||
          (slopes->size() > 1 && !perChannel))
        return std::nullopt;
      spec.kind =
          slopes->size() == 1 ? Activation::leaky_relu : Activation::prelu;
      spec.params = std::move(*slopes);
    } else {
      return std::nullopt;
    }
    if (user->getResult(0).getType() != value.getType())
      return std::nullopt;
    return spec;
  }
  if (std::optional<ActivationSpec> gelu = matchGelu(value))
    return gelu;
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
