//===- CnnOps.cpp - cnn dialect ops: type inference and verifiers ---------===//
//
// Part of cnnc.
//
/// Each op's `inferReturnTypes` is also its verifier for everything that
/// concerns shapes: the InferTypeOpInterface verifier runs it on every op, and
/// the inferring builders run it before the op exists. Keeping the checks in
/// one place means a front end, a pass and the verifier cannot disagree.
//
//===----------------------------------------------------------------------===//

#include "Cnn/IR/CnnOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace cnnc::cnn;

namespace {
using Types = SmallVectorImpl<Type>;

RankedTensorType rankedType(Value v) {
  return cast<RankedTensorType>(v.getType());
}

RankedTensorType tensorOf(ArrayRef<int64_t> shape, Type elementType) {
  return RankedTensorType::get(shape, elementType);
}

/// Checks that all `values` share the element type of the first one.
LogicalResult checkSameElementType(EmitErrorFn emitError, ValueRange values,
                                   ArrayRef<StringRef> names) {
  Type expected = rankedType(values.front()).getElementType();
  for (auto [v, name] : llvm::zip(values, names))
    if (v && rankedType(v).getElementType() != expected)
      return emitError() << name << " element type "
                         << rankedType(v).getElementType() << " differs from "
                         << expected;
  return success();
}

LogicalResult checkRank(EmitErrorFn emitError, Value v, int64_t rank,
                        StringRef name) {
  if (rankedType(v).getRank() != rank)
    return emitError() << "expects " << name << " of rank " << rank << ", got "
                       << v.getType();
  return success();
}

LogicalResult checkMinRank(EmitErrorFn emitError, Value v, int64_t rank,
                           StringRef name, StringRef layout) {
  if (rankedType(v).getRank() < rank)
    return emitError() << "expects " << name << " of rank >= " << rank << " ("
                       << layout << "), got " << v.getType();
  return success();
}

/// ONNX: explicit pads and auto_pad cannot be used together.
LogicalResult checkPadsOrAutoPad(EmitErrorFn emitError, AutoPad autoPad,
                                 std::optional<ArrayRef<int64_t>> pads) {
  if (autoPad != AutoPad::notset && pads)
    return emitError() << "pads cannot be combined with auto_pad "
                       << stringifyAutoPad(autoPad);
  return success();
}

/// True when both are static and differ.
bool staticMismatch(int64_t a, int64_t b) {
  return !ShapedType::isDynamic(a) && !ShapedType::isDynamic(b) && a != b;
}

/// Checks a per-channel parameter of shape [C].
LogicalResult checkChannelVector(EmitErrorFn emitError, Value v, int64_t c,
                                 StringRef name) {
  if (failed(checkRank(emitError, v, 1, name)))
    return failure();
  int64_t d = rankedType(v).getDimSize(0);
  if (staticMismatch(d, c))
    return emitError() << name << " has " << d << " elements, expected " << c
                       << " (one per channel)";
  return success();
}

/// Keeps blocksize^2 and the products of sizes with it far from overflow.
constexpr int64_t kMaxBlocksize = 1 << 16;

int64_t mulDyn(int64_t a, int64_t b) {
  if (ShapedType::isDynamic(a) || ShapedType::isDynamic(b))
    return kDynamic;
  return a * b;
}
} // namespace

//===----------------------------------------------------------------------===//
// Constant
//===----------------------------------------------------------------------===//

LogicalResult ConstantOp::inferReturnTypes(MLIRContext *,
                                           std::optional<Location> loc,
                                           Adaptor adaptor, Types &types) {
  auto type = dyn_cast<RankedTensorType>(adaptor.getValue().getType());
  if (!type)
    return makeOpErrorFn(loc, getOperationName())()
           << "value must be a ranked tensor, got "
           << adaptor.getValue().getType();
  types.push_back(type);
  return success();
}

//===----------------------------------------------------------------------===//
// Convolution
//===----------------------------------------------------------------------===//

/// The result type of a convolution (cnn.conv, cnn.fused_conv).
template <typename AdaptorT>
static LogicalResult
inferConvTypes(function_ref<InFlightDiagnostic()> emitError, AdaptorT adaptor,
               AutoPad autoPad, SmallVectorImpl<Type> &types) {
  Value input = adaptor.getInput(), weight = adaptor.getWeight();
  Value bias = adaptor.getBias();
  if (failed(checkMinRank(emitError, input, 3, "input", "N, C, spatial...")) ||
      failed(checkRank(emitError, weight, rankedType(input).getRank(),
                       "weight")) ||
      failed(checkSameElementType(emitError, {input, weight, bias},
                                  {"input", "weight", "bias"})))
    return failure();
  ArrayRef<int64_t> x = rankedType(input).getShape();
  ArrayRef<int64_t> w = rankedType(weight).getShape();
  size_t n = x.size() - 2;
  int64_t group = adaptor.getGroup();
  if (group < 1)
    return emitError() << "group must be positive, got " << group;
  int64_t c = x[1], m = w[0], cPerGroup = w[1];
  if (!ShapedType::isDynamic(c) && c % group != 0)
    return emitError() << "input channels (" << c
                       << ") must be divisible by group (" << group << ")";
  if (!ShapedType::isDynamic(m) && m % group != 0)
    return emitError() << "output channels (" << m
                       << ") must be divisible by group (" << group << ")";
  if (staticMismatch(mulDyn(cPerGroup, group), c))
    return emitError() << "weight expects " << cPerGroup
                       << " input channels per group, but the input has " << c
                       << " channels in " << group << " group"
                       << (group == 1 ? "" : "s");
  if (bias && failed(checkChannelVector(emitError, bias, m, "bias")))
    return failure();

  WindowParams params;
  if (failed(checkPadsOrAutoPad(emitError, autoPad, adaptor.getPads())) ||
      failed(buildWindowParams(emitError, n, adaptor.getStrides(),
                               adaptor.getDilations(), adaptor.getPads(),
                               params)))
    return failure();
  params.kernel.assign(w.begin() + 2, w.end());
  if (llvm::any_of(params.kernel, ShapedType::isDynamic))
    return emitError() << "weight must have static kernel sizes";
  resolveAutoPad(x.drop_front(2), autoPad, params);
  FailureOr<Shape> spatial =
      inferWindowOutput(emitError, x.drop_front(2), params, /*isPool=*/false);
  if (failed(spatial))
    return failure();
  Shape out = {x[0], m};
  out.append(spatial->begin(), spatial->end());
  types.push_back(tensorOf(out, rankedType(input).getElementType()));
  return success();
}

LogicalResult ConvOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> loc,
                                       Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  return inferConvTypes(emitError, adaptor, adaptor.getAutoPad(), types);
}

/// Parameters each epilogue activation takes.
static size_t activationParamCount(Activation kind) {
  switch (kind) {
  case Activation::leaky_relu:
    return 1;
  case Activation::clip:
  case Activation::hard_sigmoid:
    return 2;
  default:
    return 0;
  }
}

/// An activation's parameter count (`*_params`) matches its kind; prelu
/// takes one slope per channel of the op's result (`channels`, dimension 1).
template <typename EmitFn>
static LogicalResult
checkActivationParams(EmitFn &emitError, Activation kind,
                      std::optional<ArrayRef<float>> params, StringRef name,
                      int64_t channels) {
  size_t got = params ? params->size() : 0;
  if (kind == Activation::prelu) {
    if (got == 0 || staticMismatch(static_cast<int64_t>(got), channels))
      return emitError() << name << " prelu takes one slope per channel ("
                         << channels << "), got " << got;
    return success();
  }
  size_t want = activationParamCount(kind);
  if (got != want)
    return emitError() << name << " " << stringifyActivation(kind) << " takes "
                       << want << " parameter" << (want == 1 ? "" : "s")
                       << ", got " << got;
  return success();
}

LogicalResult FusedConvOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  if (failed(inferConvTypes(emitError, adaptor, AutoPad::notset, types)))
    return failure();
  if (rankedType(adaptor.getInput()).getRank() != 4)
    return emitError() << "fuses 2-D convolutions only";
  if (Value residual = adaptor.getResidual()) {
    auto result = cast<RankedTensorType>(types.back());
    if (failed(checkSameElementType(emitError, {adaptor.getInput(), residual},
                                    {"input", "residual"})) ||
        failed(verifyCompatibleShape(rankedType(residual).getShape(),
                                     result.getShape())))
      return emitError() << "residual " << residual.getType()
                         << " must have the result's shape " << result;
  }
  int64_t channels = cast<RankedTensorType>(types.back()).getDimSize(1);
  auto checkParams = [&](Activation kind, std::optional<ArrayRef<float>> params,
                         StringRef name, int64_t perChannel) {
    return checkActivationParams(emitError, kind, params, name, perChannel);
  };
  if (adaptor.getActivation() == Activation::prelu &&
      adaptor.getPostActivation() == Activation::prelu)
    return emitError() << "activation and post_activation cannot both be prelu";
  if (adaptor.getInputActivation() == Activation::prelu)
    return emitError() << "input_activation cannot be prelu";
  Value scale = adaptor.getInputScale(), shift = adaptor.getInputShift();
  if (bool(scale) != bool(shift))
    return emitError() << "input_scale and input_shift come together";
  if (!scale && adaptor.getInputActivation() != Activation::none)
    return emitError() << "input_activation needs input_scale and input_shift";
  if (scale) {
    int64_t c = rankedType(adaptor.getInput()).getDimSize(1);
    for (auto [v, name] :
         {std::pair{scale, "input_scale"}, std::pair{shift, "input_shift"}}) {
      auto t = rankedType(v);
      if (t.getRank() != 1 || staticMismatch(t.getDimSize(0), c) ||
          t.getElementType() != rankedType(adaptor.getInput()).getElementType())
        return emitError() << name << " " << v.getType()
                           << " must hold one value per input channel (" << c
                           << ")";
    }
  }
  return failure(
      failed(checkParams(adaptor.getActivation(), adaptor.getActivationParams(),
                         "activation", channels)) ||
      failed(checkParams(adaptor.getPostActivation(),
                         adaptor.getPostActivationParams(), "post_activation",
                         channels)) ||
      failed(checkParams(adaptor.getInputActivation(),
                         adaptor.getInputActivationParams(), "input_activation",
                         rankedType(adaptor.getInput()).getDimSize(1))));
}

LogicalResult ConvTransposeOp::inferReturnTypes(MLIRContext *,
                                                std::optional<Location> loc,
                                                Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  Value input = adaptor.getInput(), weight = adaptor.getWeight();
  Value bias = adaptor.getBias();
  if (failed(checkMinRank(emitError, input, 3, "input", "N, C, spatial...")) ||
      failed(checkRank(emitError, weight, rankedType(input).getRank(),
                       "weight")) ||
      failed(checkSameElementType(emitError, {input, weight, bias},
                                  {"input", "weight", "bias"})))
    return failure();
  ArrayRef<int64_t> x = rankedType(input).getShape();
  ArrayRef<int64_t> w = rankedType(weight).getShape();
  size_t n = x.size() - 2;
  int64_t group = adaptor.getGroup();
  if (group < 1)
    return emitError() << "group must be positive, got " << group;
  if (staticMismatch(w[0], x[1]))
    return emitError() << "weight expects " << w[0]
                       << " input channels (dimension 0), but the input has "
                       << x[1];
  if (!ShapedType::isDynamic(x[1]) && x[1] % group != 0)
    return emitError() << "input channels (" << x[1]
                       << ") must be divisible by group (" << group << ")";
  int64_t m = mulDyn(w[1], group);
  if (bias && failed(checkChannelVector(emitError, bias, m, "bias")))
    return failure();

  WindowParams params;
  if (failed(checkPadsOrAutoPad(emitError, adaptor.getAutoPad(),
                                adaptor.getPads())) ||
      failed(buildWindowParams(emitError, n, adaptor.getStrides(),
                               adaptor.getDilations(), adaptor.getPads(),
                               params)))
    return failure();
  params.kernel.assign(w.begin() + 2, w.end());
  if (llvm::any_of(params.kernel, ShapedType::isDynamic))
    return emitError() << "weight must have static kernel sizes";
  for (auto [i, k] : llvm::enumerate(params.kernel))
    if (k <= 0)
      return emitError() << "kernel size must be positive, got " << k
                         << " in spatial dimension " << i;
  Shape outPad(n, 0);
  if (std::optional<ArrayRef<int64_t>> op = adaptor.getOutputPadding()) {
    if (op->size() != n)
      return emitError() << "expects " << n
                         << " output_padding values (one per spatial "
                            "dimension), got "
                         << op->size();
    outPad.assign(op->begin(), op->end());
    for (size_t i = 0; i < n; ++i)
      if (outPad[i] < 0)
        return emitError() << "output_padding must be non-negative, got "
                           << outPad[i] << " in spatial dimension " << i;
  }
  FailureOr<ConvTransposePadding> padding =
      resolveConvTransposePads(emitError, x.drop_front(2), params, outPad,
                               adaptor.getOutputShape(), adaptor.getAutoPad());
  if (failed(padding))
    return failure();
  Shape out = {x[0], m};
  for (size_t i = 0; i < n; ++i) {
    int64_t pb = padding->pads[i], pe = padding->pads[n + i];
    if (ShapedType::isDynamic(x[i + 2]) || ShapedType::isDynamic(pb)) {
      out.push_back(kDynamic);
      continue;
    }
    int64_t eff = params.dilations[i] * (params.kernel[i] - 1) + 1;
    int64_t size = params.strides[i] * (x[i + 2] - 1) +
                   padding->outputPadding[i] + eff - pb - pe;
    if (size <= 0)
      return emitError() << "pads (" << pb << ", " << pe
                         << ") leave no output in spatial dimension " << i;
    out.push_back(size);
  }
  types.push_back(tensorOf(out, rankedType(input).getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

/// Shared by max_pool and avg_pool: the pooled shape of `input`.
template <typename OpOrAdaptor>
static FailureOr<Shape> inferPoolShape(EmitErrorFn emitError, Value input,
                                       OpOrAdaptor op) {
  if (failed(checkMinRank(emitError, input, 3, "input", "N, C, spatial...")))
    return failure();
  ArrayRef<int64_t> x = rankedType(input).getShape();
  size_t n = x.size() - 2;
  ArrayRef<int64_t> kernel = op.getKernelShape();
  if (kernel.size() != n) {
    emitError() << "expects " << n
                << " kernel_shape values (one per spatial dimension), got "
                << kernel.size();
    return failure();
  }
  WindowParams params;
  if (failed(checkPadsOrAutoPad(emitError, op.getAutoPad(), op.getPads())) ||
      failed(buildWindowParams(emitError, n, op.getStrides(), op.getDilations(),
                               op.getPads(), params)))
    return failure();
  params.kernel.assign(kernel.begin(), kernel.end());
  params.ceilMode = op.getCeilMode();
  resolveAutoPad(x.drop_front(2), op.getAutoPad(), params);
  FailureOr<Shape> spatial =
      inferWindowOutput(emitError, x.drop_front(2), params, /*isPool=*/true);
  if (failed(spatial))
    return failure();
  Shape out = {x[0], x[1]};
  out.append(spatial->begin(), spatial->end());
  return out;
}

void MaxPoolOp::build(OpBuilder &b, OperationState &state, Value input,
                      ArrayRef<int64_t> kernelShape, ArrayRef<int64_t> strides,
                      ArrayRef<int64_t> dilations, ArrayRef<int64_t> pads,
                      bool ceilMode, bool withIndices) {
  state.addOperands(input);
  Properties &props = state.getOrAddProperties<Properties>();
  props.kernel_shape = b.getDenseI64ArrayAttr(kernelShape);
  if (!strides.empty())
    props.strides = b.getDenseI64ArrayAttr(strides);
  if (!dilations.empty())
    props.dilations = b.getDenseI64ArrayAttr(dilations);
  if (!pads.empty())
    props.pads = b.getDenseI64ArrayAttr(pads);
  props.ceil_mode = b.getBoolAttr(ceilMode);
  // The verifier reports invalid attributes; build a placeholder shape then.
  auto inputType = cast<RankedTensorType>(input.getType());
  struct View {
    const Properties &p;
    ArrayRef<int64_t> getKernelShape() const {
      return p.kernel_shape.asArrayRef();
    }
    std::optional<ArrayRef<int64_t>> opt(DenseI64ArrayAttr a) const {
      if (!a)
        return std::nullopt;
      return a.asArrayRef();
    }
    std::optional<ArrayRef<int64_t>> getStrides() const {
      return opt(p.strides);
    }
    std::optional<ArrayRef<int64_t>> getDilations() const {
      return opt(p.dilations);
    }
    std::optional<ArrayRef<int64_t>> getPads() const { return opt(p.pads); }
    bool getCeilMode() const { return p.ceil_mode.getValue(); }
    AutoPad getAutoPad() const { return AutoPad::notset; }
  } view{props};
  FailureOr<Shape> shape =
      inferPoolShape([] { return InFlightDiagnostic(); }, input, view);
  Shape out = succeeded(shape)
                  ? *shape
                  : Shape(inputType.getRank(), ShapedType::kDynamic);
  state.addTypes(tensorOf(out, inputType.getElementType()));
  if (withIndices)
    state.addTypes(tensorOf(out, b.getI64Type()));
}

LogicalResult MaxPoolOp::inferResultTypes(SmallVectorImpl<Type> &types,
                                          bool emitErrors) {
  auto emitError = [&]() -> InFlightDiagnostic {
    if (!emitErrors)
      return InFlightDiagnostic();
    return emitOpError();
  };
  FailureOr<Shape> shape = inferPoolShape(emitError, getInput(), *this);
  if (failed(shape))
    return failure();
  if (int64_t order = (int64_t)getStorageOrder(); order < 0 || order > 1)
    return emitError() << "storage_order must be 0 (row major) or 1 (column "
                          "major), got "
                       << order;
  types.push_back(tensorOf(*shape, rankedType(getInput()).getElementType()));
  if (getNumResults() == 2)
    types.push_back(tensorOf(*shape, IntegerType::get(getContext(), 64)));
  return success();
}

LogicalResult MaxPoolOp::verify() {
  return verifyInferredTypes(getOperation(), [&](SmallVectorImpl<Type> &types) {
    return inferResultTypes(types, /*emitErrors=*/true);
  });
}

LogicalResult AvgPoolOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  FailureOr<Shape> shape =
      inferPoolShape(emitError, adaptor.getInput(), adaptor);
  if (failed(shape))
    return failure();
  types.push_back(
      tensorOf(*shape, rankedType(adaptor.getInput()).getElementType()));
  return success();
}

LogicalResult MaxUnpoolOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  Value input = adaptor.getInput();
  if (failed(checkMinRank(emitError, input, 3, "input", "N, C, spatial...")))
    return failure();
  ArrayRef<int64_t> x = rankedType(input).getShape();
  RankedTensorType idxType = rankedType(adaptor.getIndices());
  if (!areCompatibleResultTypes(
          TypeRange{tensorOf(x, idxType.getElementType())}, TypeRange{idxType}))
    return emitError() << "indices shape must equal the input shape, got "
                       << idxType << " for input " << input.getType();
  size_t n = x.size() - 2;
  ArrayRef<int64_t> kernel = adaptor.getKernelShape();
  if (kernel.size() != n)
    return emitError()
           << "expects " << n
           << " kernel_shape values (one per spatial dimension), got "
           << kernel.size();
  WindowParams params;
  if (failed(buildWindowParams(emitError, n, adaptor.getStrides(), std::nullopt,
                               adaptor.getPads(), params)))
    return failure();
  Shape out = {x[0], x[1]};
  for (size_t i = 0; i < n; ++i) {
    if (kernel[i] <= 0)
      return emitError() << "kernel size must be positive, got " << kernel[i];
    if (ShapedType::isDynamic(x[i + 2])) {
      out.push_back(kDynamic);
      continue;
    }
    int64_t size = (x[i + 2] - 1) * params.strides[i] + kernel[i] -
                   params.pads[i] - params.pads[n + i];
    if (size <= 0)
      return emitError() << "pads leave no output in spatial dimension " << i;
    out.push_back(size);
  }
  if (std::optional<ArrayRef<int64_t>> shape = adaptor.getOutputShape()) {
    if (shape->size() != x.size())
      return emitError() << "output_shape must have rank " << x.size()
                         << " (N, C, spatial...), got " << shape->size()
                         << " values";
    for (size_t i = 0; i < x.size(); ++i) {
      if (i < 2 && staticMismatch((*shape)[i], x[i]))
        return emitError() << "output_shape dimension " << i << " ("
                           << (*shape)[i] << ") must equal the input's ("
                           << x[i] << ")";
      if ((*shape)[i] <= 0)
        return emitError() << "output_shape must be positive, got "
                           << (*shape)[i];
    }
    out.assign(shape->begin(), shape->end());
  }
  types.push_back(tensorOf(out, rankedType(input).getElementType()));
  return success();
}

static LogicalResult inferGlobalPool(std::optional<Location> loc,
                                     StringRef name, Value input,
                                     Types &types) {
  auto emitError = makeOpErrorFn(loc, name);
  if (failed(checkMinRank(emitError, input, 3, "input", "N, C, spatial...")))
    return failure();
  ArrayRef<int64_t> x = rankedType(input).getShape();
  Shape out(x.size(), 1);
  out[0] = x[0];
  out[1] = x[1];
  types.push_back(tensorOf(out, rankedType(input).getElementType()));
  return success();
}

LogicalResult GlobalAvgPoolOp::inferReturnTypes(MLIRContext *,
                                                std::optional<Location> loc,
                                                Adaptor adaptor, Types &types) {
  if (failed(
          inferGlobalPool(loc, getOperationName(), adaptor.getInput(), types)))
    return failure();
  auto emitError = makeOpErrorFn(loc, getOperationName());
  Value affine = adaptor.getInputAffine();
  if (!affine) {
    if (adaptor.getInputActivation() != Activation::none)
      return emitError() << "input_activation needs input_affine";
    return success();
  }
  int64_t c = rankedType(adaptor.getInput()).getDimSize(1);
  auto t = rankedType(affine);
  if (t.getRank() != 2 || staticMismatch(t.getDimSize(0), 2) ||
      staticMismatch(t.getDimSize(1), c) ||
      t.getElementType() != rankedType(adaptor.getInput()).getElementType())
    return emitError() << "input_affine " << affine.getType()
                       << " must hold a scale and a shift per channel (2x" << c
                       << ")";
  if (adaptor.getInputActivation() == Activation::prelu)
    return emitError() << "input_activation cannot be prelu";
  return checkActivationParams(emitError, adaptor.getInputActivation(),
                               adaptor.getInputActivationParams(),
                               "input_activation", c);
}

LogicalResult GlobalMaxPoolOp::inferReturnTypes(MLIRContext *,
                                                std::optional<Location> loc,
                                                Adaptor adaptor, Types &types) {
  return inferGlobalPool(loc, getOperationName(), adaptor.getInput(), types);
}

//===----------------------------------------------------------------------===//
// Resize
//===----------------------------------------------------------------------===//

LogicalResult ResizeOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  RankedTensorType type = rankedType(adaptor.getInput());
  int64_t rank = type.getRank();
  std::optional<ArrayRef<float>> scales = adaptor.getScales();
  std::optional<ArrayRef<int64_t>> sizes = adaptor.getSizes();
  std::optional<ArrayRef<float>> roi = adaptor.getRoi();
  bool crop = adaptor.getCoordinateTransformationMode() ==
              CoordinateTransformMode::tf_crop_and_resize;
  if (!scales && !sizes)
    return emitError() << "needs scales or sizes";
  if (scales && (int64_t)scales->size() != rank)
    return emitError() << "expects " << rank
                       << " scales (one per dimension), got " << scales->size();
  if (sizes && (int64_t)sizes->size() != rank)
    return emitError() << "expects " << rank
                       << " sizes (one per dimension), got " << sizes->size();
  if (scales)
    for (float s : *scales)
      if (!(s > 0.0f))
        return emitError() << "scales must be positive, got " << s;
  if (sizes)
    for (int64_t s : *sizes)
      if (s <= 0)
        return emitError() << "sizes must be positive, got " << s;
  if (roi && (int64_t)roi->size() != 2 * rank)
    return emitError() << "expects " << 2 * rank
                       << " roi values (starts then ends), got " << roi->size();
  if (crop && !roi)
    return emitError() << "tf_crop_and_resize needs roi";
  if (crop && !sizes)
    for (int64_t i = 0; i < rank; ++i)
      if (!((*roi)[rank + i] > (*roi)[i]))
        return emitError() << "roi of dimension " << i << " ends ("
                           << (*roi)[rank + i] << ") before it starts ("
                           << (*roi)[i] << ")";
  Shape out;
  for (int64_t i = 0; i < rank; ++i) {
    if (sizes) {
      out.push_back((*sizes)[i]);
      continue;
    }
    int64_t d = type.getDimSize(i);
    if (ShapedType::isDynamic(d)) {
      out.push_back(kDynamic);
      continue;
    }
    double extent = crop ? double((*roi)[rank + i]) - double((*roi)[i]) : 1.0;
    // In double first: a huge scale must not overflow the conversion.
    double size = std::floor(double(d) * extent * double((*scales)[i]));
    if (!(size >= 1.0))
      return emitError() << "scale " << (*scales)[i]
                         << " leaves no output in dimension " << i
                         << " of size " << d;
    if (size > double(kMaxDimension))
      return emitError() << "scale " << (*scales)[i] << " makes dimension " << i
                         << " " << size
                         << " long, more than cnnc's limit of "
                            "2^31";
    out.push_back(int64_t(size));
  }
  types.push_back(tensorOf(out, type.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

LogicalResult BatchNormOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  Value input = adaptor.getInput();
  if (failed(checkMinRank(emitError, input, 2, "input", "N, C, ...")))
    return failure();
  int64_t c = rankedType(input).getDimSize(1);
  if (failed(checkChannelVector(emitError, adaptor.getScale(), c, "scale")) ||
      failed(checkChannelVector(emitError, adaptor.getBias(), c, "bias")) ||
      failed(checkChannelVector(emitError, adaptor.getMean(), c, "mean")) ||
      failed(checkChannelVector(emitError, adaptor.getVariance(), c,
                                "variance")) ||
      failed(
          checkSameElementType(emitError,
                               {input, adaptor.getScale(), adaptor.getBias(),
                                adaptor.getMean(), adaptor.getVariance()},
                               {"input", "scale", "bias", "mean", "variance"})))
    return failure();
  if (!(adaptor.getEpsilon().convertToFloat() >= 0.0f))
    return emitError() << "epsilon must be non-negative";
  if (failed(checkActivationParams(emitError, adaptor.getActivation(),
                                   adaptor.getActivationParams(), "activation",
                                   rankedType(input).getDimSize(1))))
    return failure();
  types.push_back(input.getType());
  return success();
}

LogicalResult InstanceNormOp::inferReturnTypes(MLIRContext *,
                                               std::optional<Location> loc,
                                               Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  Value input = adaptor.getInput();
  if (failed(checkMinRank(emitError, input, 3, "input", "N, C, spatial...")))
    return failure();
  int64_t c = rankedType(input).getDimSize(1);
  if (failed(checkChannelVector(emitError, adaptor.getScale(), c, "scale")) ||
      failed(checkChannelVector(emitError, adaptor.getBias(), c, "bias")) ||
      failed(checkSameElementType(
          emitError, {input, adaptor.getScale(), adaptor.getBias()},
          {"input", "scale", "bias"})))
    return failure();
  if (!(adaptor.getEpsilon().convertToFloat() >= 0.0f))
    return emitError() << "epsilon must be non-negative";
  types.push_back(input.getType());
  return success();
}

LogicalResult LayerNormOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  RankedTensorType type = rankedType(adaptor.getInput());
  int64_t rank = type.getRank();
  FailureOr<int64_t> axis =
      normalizeAxis(emitError, adaptor.getAxis(), rank, "axis");
  if (failed(axis))
    return failure();
  Shape normalized(type.getShape().drop_front(*axis));
  for (auto [v, name] : {std::pair{adaptor.getScale(), "scale"},
                         std::pair{adaptor.getBias(), "bias"}})
    if (v && failed(checkUnidirectionalBroadcast(
                 emitError, rankedType(v).getShape(), normalized, name)))
      return failure();
  if (!(adaptor.getEpsilon().convertToFloat() >= 0.0f))
    return emitError() << "epsilon must be non-negative";
  Shape stat(type.getShape());
  for (int64_t i = *axis; i < rank; ++i)
    stat[i] = 1;
  types.push_back(type);
  types.push_back(tensorOf(stat, type.getElementType()));
  types.push_back(tensorOf(stat, type.getElementType()));
  return success();
}

LogicalResult LrnOp::inferReturnTypes(MLIRContext *,
                                      std::optional<Location> loc,
                                      Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  if (failed(checkMinRank(emitError, adaptor.getInput(), 3, "input",
                          "N, C, spatial...")))
    return failure();
  if ((int64_t)adaptor.getSize() < 1)
    return emitError() << "size must be positive, got "
                       << (int64_t)adaptor.getSize();
  types.push_back(adaptor.getInput().getType());
  return success();
}

//===----------------------------------------------------------------------===//
// Activations and elementwise
//===----------------------------------------------------------------------===//

LogicalResult PReluOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  Value input = adaptor.getInput(), slope = adaptor.getSlope();
  if (failed(checkSameElementType(emitError, {input, slope},
                                  {"input", "slope"})) ||
      failed(
          checkUnidirectionalBroadcast(emitError, rankedType(slope).getShape(),
                                       rankedType(input).getShape(), "slope")))
    return failure();
  types.push_back(input.getType());
  return success();
}

static LogicalResult inferBroadcast(std::optional<Location> loc, StringRef name,
                                    ValueRange operands, Types &types) {
  auto emitError = makeOpErrorFn(loc, name);
  if (operands.empty())
    return emitError() << "needs at least one operand";
  SmallVector<StringRef> names(operands.size(), "operand");
  if (failed(checkSameElementType(emitError, operands, names)))
    return failure();
  SmallVector<ArrayRef<int64_t>> shapes;
  for (Value v : operands)
    shapes.push_back(rankedType(v).getShape());
  FailureOr<Shape> out = broadcastShapes(emitError, shapes);
  if (failed(out))
    return failure();
  types.push_back(
      tensorOf(*out, rankedType(operands.front()).getElementType()));
  return success();
}

#define CNN_BINARY_INFER(OP)                                                   \
  LogicalResult OP::inferReturnTypes(MLIRContext *,                            \
                                     std::optional<Location> loc,              \
                                     Adaptor adaptor, Types &types) {          \
    return inferBroadcast(loc, getOperationName(),                             \
                          {adaptor.getLhs(), adaptor.getRhs()}, types);        \
  }
CNN_BINARY_INFER(AddOp)
CNN_BINARY_INFER(SubOp)
CNN_BINARY_INFER(MulOp)
CNN_BINARY_INFER(DivOp)
CNN_BINARY_INFER(PowOp)
#undef CNN_BINARY_INFER

/// A broadcast of the operands with element type `elt` (comparisons: i1).
static LogicalResult inferBroadcastAs(std::optional<Location> loc,
                                      StringRef name, ValueRange operands,
                                      Type elt, Types &types) {
  if (failed(inferBroadcast(loc, name, operands, types)))
    return failure();
  types.back() = tensorOf(cast<RankedTensorType>(types.back()).getShape(), elt);
  return success();
}

#define CNN_COMPARE_INFER(OP)                                                  \
  LogicalResult OP::inferReturnTypes(MLIRContext *ctx,                         \
                                     std::optional<Location> loc,              \
                                     Adaptor adaptor, Types &types) {          \
    return inferBroadcastAs(loc, getOperationName(),                           \
                            {adaptor.getLhs(), adaptor.getRhs()},              \
                            IntegerType::get(ctx, 1), types);                  \
  }
CNN_COMPARE_INFER(EqualOp)
CNN_COMPARE_INFER(LessOp)
CNN_COMPARE_INFER(LessOrEqualOp)
CNN_COMPARE_INFER(GreaterOp)
CNN_COMPARE_INFER(GreaterOrEqualOp)
CNN_COMPARE_INFER(AndOp)
CNN_COMPARE_INFER(OrOp)
CNN_COMPARE_INFER(XorOp)
#undef CNN_COMPARE_INFER

LogicalResult NotOp::inferReturnTypes(MLIRContext *,
                                      std::optional<Location> loc,
                                      Adaptor adaptor, Types &types) {
  types.push_back(adaptor.getInput().getType());
  return success();
}

LogicalResult WhereOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  if (failed(checkSameElementType(emitError, {adaptor.getX(), adaptor.getY()},
                                  {"x", "y"})))
    return failure();
  SmallVector<ArrayRef<int64_t>> shapes = {
      rankedType(adaptor.getCondition()).getShape(),
      rankedType(adaptor.getX()).getShape(),
      rankedType(adaptor.getY()).getShape()};
  FailureOr<Shape> out = broadcastShapes(emitError, shapes);
  if (failed(out))
    return failure();
  types.push_back(tensorOf(*out, rankedType(adaptor.getX()).getElementType()));
  return success();
}

LogicalResult CastOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> loc,
                                       Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  Type to = adaptor.getTo();
  if (!isa<FloatType>(to) && !to.isSignlessInteger())
    return emitError() << "cannot cast to " << to;
  types.push_back(tensorOf(rankedType(adaptor.getInput()).getShape(), to));
  return success();
}

#define CNN_VARIADIC_INFER(OP)                                                 \
  LogicalResult OP::inferReturnTypes(MLIRContext *,                            \
                                     std::optional<Location> loc,              \
                                     Adaptor adaptor, Types &types) {          \
    return inferBroadcast(loc, getOperationName(), adaptor.getInputs(),        \
                          types);                                              \
  }
CNN_VARIADIC_INFER(MaxOp)
CNN_VARIADIC_INFER(MinOp)
CNN_VARIADIC_INFER(SumOp)
CNN_VARIADIC_INFER(MeanOp)
#undef CNN_VARIADIC_INFER

//===----------------------------------------------------------------------===//
// Softmax and reductions
//===----------------------------------------------------------------------===//

static LogicalResult inferAxisPreserving(std::optional<Location> loc,
                                         StringRef name, Value input,
                                         int64_t axis, Types &types) {
  auto emitError = makeOpErrorFn(loc, name);
  if (failed(
          normalizeAxis(emitError, axis, rankedType(input).getRank(), "axis")))
    return failure();
  types.push_back(input.getType());
  return success();
}

LogicalResult SoftmaxOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor, Types &types) {
  return inferAxisPreserving(loc, getOperationName(), adaptor.getInput(),
                             (int64_t)adaptor.getAxis(), types);
}

LogicalResult LogSoftmaxOp::inferReturnTypes(MLIRContext *,
                                             std::optional<Location> loc,
                                             Adaptor adaptor, Types &types) {
  return inferAxisPreserving(loc, getOperationName(), adaptor.getInput(),
                             (int64_t)adaptor.getAxis(), types);
}

/// The result type of a reduction of `input` over `axes` (all when empty or
/// absent), keeping them as 1 with `keepdims`.
static LogicalResult inferReduction(std::optional<Location> loc, StringRef name,
                                    Value input,
                                    std::optional<ArrayRef<int64_t>> axes,
                                    bool keepdims,
                                    SmallVectorImpl<Type> &types);

LogicalResult ReduceOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor, Types &types) {
  return inferReduction(loc, getOperationName(), adaptor.getInput(),
                        adaptor.getAxes(), adaptor.getKeepdims(), types);
}

LogicalResult ReduceMeanOp::inferReturnTypes(MLIRContext *,
                                             std::optional<Location> loc,
                                             Adaptor adaptor, Types &types) {
  return inferReduction(loc, getOperationName(), adaptor.getInput(),
                        adaptor.getAxes(), adaptor.getKeepdims(), types);
}

static LogicalResult inferReduction(std::optional<Location> loc, StringRef name,
                                    Value input,
                                    std::optional<ArrayRef<int64_t>> axes,
                                    bool keepdims,
                                    SmallVectorImpl<Type> &types) {
  auto emitError = makeOpErrorFn(loc, name);
  RankedTensorType type = rankedType(input);
  int64_t rank = type.getRank();
  SmallVector<bool> reduced(rank, false);
  if (!axes || axes->empty()) {
    reduced.assign(rank, true);
  } else {
    for (int64_t axis : *axes) {
      FailureOr<int64_t> a = normalizeAxis(emitError, axis, rank, "axis");
      if (failed(a))
        return failure();
      if (reduced[*a])
        return emitError() << "axis " << axis << " is repeated";
      reduced[*a] = true;
    }
  }
  Shape out;
  for (int64_t i = 0; i < rank; ++i) {
    if (!reduced[i])
      out.push_back(type.getDimSize(i));
    else if (keepdims)
      out.push_back(1);
  }
  types.push_back(tensorOf(out, type.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Linear algebra
//===----------------------------------------------------------------------===//

LogicalResult MatMulOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  Value lhs = adaptor.getLhs(), rhs = adaptor.getRhs();
  if (failed(checkSameElementType(emitError, {lhs, rhs}, {"lhs", "rhs"})))
    return failure();
  Shape a(rankedType(lhs).getShape()), b(rankedType(rhs).getShape());
  if (a.empty() || b.empty())
    return emitError() << "operands must have rank >= 1";
  bool vecA = a.size() == 1, vecB = b.size() == 1;
  if (vecA)
    a.insert(a.begin(), 1);
  if (vecB)
    b.push_back(1);
  int64_t k1 = a.back(), k2 = b[b.size() - 2];
  if (staticMismatch(k1, k2))
    return emitError() << "contraction sizes differ: lhs has " << k1
                       << " columns, rhs has " << k2 << " rows";
  FailureOr<Shape> batch =
      broadcastShapes(emitError, {ArrayRef<int64_t>(a).drop_back(2),
                                  ArrayRef<int64_t>(b).drop_back(2)});
  if (failed(batch))
    return failure();
  Shape out = *batch;
  if (!vecA)
    out.push_back(a[a.size() - 2]);
  if (!vecB)
    out.push_back(b.back());
  types.push_back(tensorOf(out, rankedType(lhs).getElementType()));
  return success();
}

LogicalResult GemmOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> loc,
                                       Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  Value a = adaptor.getA(), b = adaptor.getB(), c = adaptor.getC();
  if (failed(checkRank(emitError, a, 2, "A")) ||
      failed(checkRank(emitError, b, 2, "B")) ||
      failed(checkSameElementType(emitError, {a, b, c}, {"A", "B", "C"})))
    return failure();
  ArrayRef<int64_t> sa = rankedType(a).getShape(),
                    sb = rankedType(b).getShape();
  int64_t m = adaptor.getTransA() ? sa[1] : sa[0];
  int64_t ka = adaptor.getTransA() ? sa[0] : sa[1];
  int64_t kb = adaptor.getTransB() ? sb[1] : sb[0];
  int64_t n = adaptor.getTransB() ? sb[0] : sb[1];
  if (staticMismatch(ka, kb))
    return emitError() << "contraction sizes differ: A' is " << m << "x" << ka
                       << ", B' is " << kb << "x" << n;
  Shape out = {m, n};
  if (c && failed(checkUnidirectionalBroadcast(
               emitError, rankedType(c).getShape(), out, "C")))
    return failure();
  if (failed(checkActivationParams(emitError, adaptor.getActivation(),
                                   adaptor.getActivationParams(), "activation",
                                   n)))
    return failure();
  types.push_back(tensorOf(out, rankedType(a).getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  ValueRange inputs = adaptor.getInputs();
  if (inputs.empty())
    return emitError() << "needs at least one operand";
  RankedTensorType first = rankedType(inputs.front());
  int64_t rank = first.getRank();
  FailureOr<int64_t> axis =
      normalizeAxis(emitError, (int64_t)adaptor.getAxis(), rank, "axis");
  if (failed(axis))
    return failure();
  Shape out(first.getShape());
  for (auto [idx, v] : llvm::enumerate(inputs.drop_front())) {
    RankedTensorType t = rankedType(v);
    if (t.getRank() != rank || t.getElementType() != first.getElementType())
      return emitError() << "operand " << idx + 1 << " of type " << t
                         << " does not match operand 0 of type " << first
                         << " in rank and element type";
    for (int64_t d = 0; d < rank; ++d) {
      if (d == *axis) {
        out[d] = ShapedType::isDynamic(out[d]) || t.isDynamicDim(d)
                     ? kDynamic
                     : out[d] + t.getDimSize(d);
        continue;
      }
      if (staticMismatch(out[d], t.getDimSize(d)))
        return emitError() << "operand " << idx + 1 << " has size "
                           << t.getDimSize(d) << " in dimension " << d
                           << ", expected " << out[d]
                           << " (only the concat axis " << *axis
                           << " may differ)";
      if (ShapedType::isDynamic(out[d]))
        out[d] = t.getDimSize(d);
    }
  }
  types.push_back(tensorOf(out, first.getElementType()));
  return success();
}

LogicalResult SplitOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  RankedTensorType type = rankedType(adaptor.getInput());
  FailureOr<int64_t> axis = normalizeAxis(emitError, (int64_t)adaptor.getAxis(),
                                          type.getRank(), "axis");
  if (failed(axis))
    return failure();
  ArrayRef<int64_t> split = adaptor.getSplit();
  if (split.empty())
    return emitError() << "split must list at least one part";
  int64_t total = 0;
  for (int64_t s : split) {
    if (s < 0)
      return emitError() << "split sizes must be non-negative, got " << s;
    total += s;
  }
  int64_t d = type.getDimSize(*axis);
  if (staticMismatch(total, d))
    return emitError() << "split sizes sum to " << total << " but dimension "
                       << *axis << " has size " << d;
  for (int64_t s : split) {
    Shape out(type.getShape());
    out[*axis] = s;
    types.push_back(tensorOf(out, type.getElementType()));
  }
  return success();
}

LogicalResult SliceOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  RankedTensorType type = rankedType(adaptor.getInput());
  FailureOr<Shape> out =
      inferSlice(emitError, type.getShape(), adaptor.getStarts(),
                 adaptor.getEnds(), adaptor.getAxes(), adaptor.getSteps());
  if (failed(out))
    return failure();
  types.push_back(tensorOf(*out, type.getElementType()));
  return success();
}

LogicalResult PadOp::inferReturnTypes(MLIRContext *,
                                      std::optional<Location> loc,
                                      Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  RankedTensorType type = rankedType(adaptor.getInput());
  int64_t rank = type.getRank();
  ArrayRef<int64_t> pads = adaptor.getPads();
  if ((int64_t)pads.size() != 2 * rank)
    return emitError() << "expects " << 2 * rank
                       << " pads (begins then ends of every dimension), got "
                       << pads.size();
  PadMode mode = adaptor.getMode();
  Shape out;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t d = type.getDimSize(i), b = pads[i], e = pads[rank + i];
    if (mode != PadMode::constant && (b < 0 || e < 0))
      return emitError() << "negative pads are only allowed in constant mode";
    // Bounded so that d + b + e below cannot overflow.
    if (b > kMaxDimension || b < -kMaxDimension || e > kMaxDimension ||
        e < -kMaxDimension)
      return emitError() << "pads (" << b << ", " << e << ") of dimension " << i
                         << " are beyond cnnc's limit of 2^31";
    if (ShapedType::isDynamic(d)) {
      out.push_back(kDynamic);
      continue;
    }
    if (mode == PadMode::reflect && (b > 0 || e > 0) && (b >= d || e >= d))
      return emitError() << "reflect pads (" << b << ", " << e
                         << ") must be smaller than dimension " << i
                         << " of size " << d;
    if ((mode == PadMode::edge || mode == PadMode::wrap) && d == 0 &&
        (b > 0 || e > 0))
      return emitError() << stringifyPadMode(mode)
                         << " padding of the empty dimension " << i;
    if (d + b + e < 0)
      return emitError() << "pads (" << b << ", " << e << ") crop dimension "
                         << i << " of size " << d << " below zero";
    out.push_back(d + b + e);
  }
  types.push_back(tensorOf(out, type.getElementType()));
  return success();
}

LogicalResult ReshapeOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  RankedTensorType type = rankedType(adaptor.getInput());
  FailureOr<Shape> out = inferReshape(
      emitError, type.getShape(), adaptor.getShape(), adaptor.getAllowzero());
  if (failed(out))
    return failure();
  types.push_back(tensorOf(*out, type.getElementType()));
  return success();
}

LogicalResult FlattenOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  RankedTensorType type = rankedType(adaptor.getInput());
  FailureOr<int64_t> axis =
      normalizeAxis(emitError, (int64_t)adaptor.getAxis(), type.getRank(),
                    "axis", /*inclusiveEnd=*/true);
  if (failed(axis))
    return failure();
  Shape out = {numElements(type.getShape().take_front(*axis)),
               numElements(type.getShape().drop_front(*axis))};
  types.push_back(tensorOf(out, type.getElementType()));
  return success();
}

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  RankedTensorType type = rankedType(adaptor.getInput());
  int64_t rank = type.getRank();
  Shape perm;
  if (std::optional<ArrayRef<int64_t>> p = adaptor.getPerm())
    perm.assign(p->begin(), p->end());
  else
    for (int64_t i = rank - 1; i >= 0; --i)
      perm.push_back(i);
  if ((int64_t)perm.size() != rank)
    return emitError() << "perm has " << perm.size() << " entries for rank "
                       << rank;
  SmallVector<bool> seen(rank, false);
  Shape out;
  for (int64_t p : perm) {
    if (p < 0 || p >= rank || seen[p])
      return emitError() << "perm must be a permutation of [0, " << rank
                         << "), got entry " << p;
    seen[p] = true;
    out.push_back(type.getDimSize(p));
  }
  types.push_back(tensorOf(out, type.getElementType()));
  return success();
}

LogicalResult SqueezeOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location> loc,
                                          Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  RankedTensorType type = rankedType(adaptor.getInput());
  int64_t rank = type.getRank();
  SmallVector<bool> drop(rank, false);
  std::optional<ArrayRef<int64_t>> axes = adaptor.getAxes();
  if (!axes || axes->empty()) {
    for (int64_t i = 0; i < rank; ++i) {
      if (type.isDynamicDim(i))
        return emitError() << "cannot squeeze without axes: dimension " << i
                           << " is dynamic";
      drop[i] = type.getDimSize(i) == 1;
    }
  } else {
    for (int64_t axis : *axes) {
      FailureOr<int64_t> a = normalizeAxis(emitError, axis, rank, "axis");
      if (failed(a))
        return failure();
      if (drop[*a])
        return emitError() << "axis " << axis << " is repeated";
      if (staticMismatch(type.getDimSize(*a), 1))
        return emitError() << "cannot squeeze dimension " << *a << " of size "
                           << type.getDimSize(*a);
      drop[*a] = true;
    }
  }
  Shape out;
  for (int64_t i = 0; i < rank; ++i)
    if (!drop[i])
      out.push_back(type.getDimSize(i));
  types.push_back(tensorOf(out, type.getElementType()));
  return success();
}

LogicalResult UnsqueezeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  RankedTensorType type = rankedType(adaptor.getInput());
  ArrayRef<int64_t> axes = adaptor.getAxes();
  int64_t rank = type.getRank() + axes.size();
  if (axes.empty())
    return emitError() << "axes must not be empty";
  SmallVector<bool> inserted(rank, false);
  for (int64_t axis : axes) {
    FailureOr<int64_t> a = normalizeAxis(emitError, axis, rank, "axis");
    if (failed(a))
      return failure();
    if (inserted[*a])
      return emitError() << "axis " << axis << " is repeated";
    inserted[*a] = true;
  }
  Shape out;
  ArrayRef<int64_t> in = type.getShape();
  for (int64_t i = 0; i < rank; ++i) {
    if (inserted[i]) {
      out.push_back(1);
    } else {
      out.push_back(in.front());
      in = in.drop_front();
    }
  }
  types.push_back(tensorOf(out, type.getElementType()));
  return success();
}

LogicalResult ExpandOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  RankedTensorType type = rankedType(adaptor.getInput());
  for (int64_t d : adaptor.getShape())
    if (d < 0)
      return emitError() << "shape entries must be non-negative, got " << d;
  FailureOr<Shape> out =
      broadcastShapes(emitError, {type.getShape(), adaptor.getShape()});
  if (failed(out))
    return failure();
  types.push_back(tensorOf(*out, type.getElementType()));
  return success();
}

LogicalResult GatherOp::inferReturnTypes(MLIRContext *,
                                         std::optional<Location> loc,
                                         Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  RankedTensorType data = rankedType(adaptor.getData());
  if (data.getRank() < 1)
    return emitError() << "data must have rank >= 1";
  FailureOr<int64_t> axis = normalizeAxis(emitError, (int64_t)adaptor.getAxis(),
                                          data.getRank(), "axis");
  if (failed(axis))
    return failure();
  Shape out(data.getShape().take_front(*axis));
  llvm::append_range(out, rankedType(adaptor.getIndices()).getShape());
  llvm::append_range(out, data.getShape().drop_front(*axis + 1));
  types.push_back(tensorOf(out, data.getElementType()));
  return success();
}

LogicalResult GatherElementsOp::inferReturnTypes(MLIRContext *,
                                                 std::optional<Location> loc,
                                                 Adaptor adaptor,
                                                 Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  RankedTensorType data = rankedType(adaptor.getData());
  RankedTensorType indices = rankedType(adaptor.getIndices());
  if (data.getRank() < 1)
    return emitError() << "data must have rank >= 1";
  if (indices.getRank() != data.getRank())
    return emitError() << "indices must have the rank of data ("
                       << data.getRank() << "), got " << indices.getRank();
  if (failed(normalizeAxis(emitError, (int64_t)adaptor.getAxis(),
                           data.getRank(), "axis")))
    return failure();
  types.push_back(tensorOf(indices.getShape(), data.getElementType()));
  return success();
}

LogicalResult DepthToSpaceOp::inferReturnTypes(MLIRContext *,
                                               std::optional<Location> loc,
                                               Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  Value input = adaptor.getInput();
  if (failed(checkRank(emitError, input, 4, "input")))
    return failure();
  int64_t b = adaptor.getBlocksize();
  if (b < 1 || b > kMaxBlocksize)
    return emitError() << "blocksize must be in [1, " << kMaxBlocksize
                       << "], got " << b;
  ArrayRef<int64_t> x = rankedType(input).getShape();
  if (!ShapedType::isDynamic(x[1]) && x[1] % (b * b) != 0)
    return emitError() << "channels (" << x[1]
                       << ") must be divisible by blocksize^2 (" << b * b
                       << ")";
  Shape out = {x[0], ShapedType::isDynamic(x[1]) ? kDynamic : x[1] / (b * b),
               mulDyn(x[2], b), mulDyn(x[3], b)};
  types.push_back(tensorOf(out, rankedType(input).getElementType()));
  return success();
}

LogicalResult TileOp::inferReturnTypes(MLIRContext *,
                                       std::optional<Location> loc,
                                       Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  RankedTensorType type = rankedType(adaptor.getInput());
  ArrayRef<int64_t> repeats = adaptor.getRepeats();
  if ((int64_t)repeats.size() != type.getRank())
    return emitError() << "repeats has " << repeats.size()
                       << " entries for a rank-" << type.getRank() << " input";
  Shape out;
  for (auto [d, r] : llvm::zip(type.getShape(), repeats)) {
    if (r < 0)
      return emitError() << "repeats must be non-negative, got " << r;
    out.push_back(ShapedType::isDynamic(d) ? kDynamic : d * r);
  }
  types.push_back(tensorOf(out, type.getElementType()));
  return success();
}

LogicalResult SpaceToDepthOp::inferReturnTypes(MLIRContext *,
                                               std::optional<Location> loc,
                                               Adaptor adaptor, Types &types) {
  auto emitError = makeOpErrorFn(loc, getOperationName());
  Value input = adaptor.getInput();
  if (failed(checkRank(emitError, input, 4, "input")))
    return failure();
  int64_t b = adaptor.getBlocksize();
  if (b < 1 || b > kMaxBlocksize)
    return emitError() << "blocksize must be in [1, " << kMaxBlocksize
                       << "], got " << b;
  ArrayRef<int64_t> x = rankedType(input).getShape();
  Shape out = {x[0], mulDyn(x[1], b * b)};
  for (int i = 2; i < 4; ++i) {
    if (!ShapedType::isDynamic(x[i]) && x[i] % b != 0)
      return emitError() << "spatial size " << x[i]
                         << " must be divisible by blocksize (" << b << ")";
    out.push_back(ShapedType::isDynamic(x[i]) ? kDynamic : x[i] / b);
  }
  types.push_back(tensorOf(out, rankedType(input).getElementType()));
  return success();
}

#define GET_OP_CLASSES
#include "Cnn/IR/CnnOps.cpp.inc"
