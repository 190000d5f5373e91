//===- ElementwiseOps.cpp - ONNX activations, arithmetic, reductions ------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Frontend/Onnx/NodeImporter.h"

#include "Cnn/IR/CnnOps.h"
#include "Cnn/IR/CnnShapeInference.h"

#include <cmath>

using namespace mlir;

namespace cnnc::onnx_import {
namespace {

//===----------------------------------------------------------------------===//
// Literal arithmetic (shape subgraphs)
//===----------------------------------------------------------------------===//

/// Strides of a row-major shape.
SmallVector<int64_t> stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = (int64_t)shape.size() - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  return strides;
}

/// Index into a broadcast operand for the flat output index `flat`.
int64_t broadcastIndex(int64_t flat, ArrayRef<int64_t> outShape,
                       ArrayRef<int64_t> inShape) {
  SmallVector<int64_t> outStrides = stridesOf(outShape);
  SmallVector<int64_t> inStrides = stridesOf(inShape);
  int64_t index = 0;
  size_t offset = outShape.size() - inShape.size();
  for (size_t d = 0; d < outShape.size(); ++d) {
    int64_t coord = (flat / outStrides[d]) % outShape[d];
    if (d >= offset && inShape[d - offset] != 1)
      index += coord * inStrides[d - offset];
  }
  return index;
}

/// Folds a binary op of two literals (integer or float), numpy-broadcast.
/// Returns null when the operands are not both small dense literals.
template <typename IntFn, typename FloatFn>
ElementsAttr foldBinary(NodeImporter &n, IntFn intFn, FloatFn floatFn) {
  auto a = dyn_cast_or_null<DenseElementsAttr>(n.literal(0));
  auto b = dyn_cast_or_null<DenseElementsAttr>(n.literal(1));
  if (!a || !b || a.getElementType() != b.getElementType() ||
      a.getNumElements() > 4096 || b.getNumElements() > 4096)
    return nullptr;
  auto at = cast<RankedTensorType>(a.getType());
  auto bt = cast<RankedTensorType>(b.getType());
  FailureOr<cnn::Shape> out = cnn::broadcastShapes(
      [] { return InFlightDiagnostic(); }, {at.getShape(), bt.getShape()});
  if (failed(out))
    return nullptr;
  auto type = RankedTensorType::get(*out, a.getElementType());
  int64_t count = cnn::numElements(*out);
  if (auto intType = dyn_cast<IntegerType>(a.getElementType())) {
    SmallVector<APInt> av(a.getValues<APInt>()), bv(b.getValues<APInt>());
    SmallVector<APInt> result;
    for (int64_t i = 0; i < count; ++i) {
      int64_t x = av[broadcastIndex(i, *out, at.getShape())].getSExtValue();
      int64_t y = bv[broadcastIndex(i, *out, bt.getShape())].getSExtValue();
      std::optional<int64_t> r = intFn(x, y);
      if (!r)
        return nullptr;
      result.push_back(APInt(intType.getWidth(), *r, /*isSigned=*/true));
    }
    return DenseElementsAttr::get(type, result);
  }
  if (isa<FloatType>(a.getElementType())) {
    SmallVector<APFloat> av(a.getValues<APFloat>()), bv(b.getValues<APFloat>());
    SmallVector<APFloat> result;
    for (int64_t i = 0; i < count; ++i) {
      APFloat x = av[broadcastIndex(i, *out, at.getShape())];
      APFloat y = bv[broadcastIndex(i, *out, bt.getShape())];
      result.push_back(floatFn(x, y));
    }
    return DenseElementsAttr::get(type, result);
  }
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Converters
//===----------------------------------------------------------------------===//

template <const char *OpName> LogicalResult convertUnary(NodeImporter &n) {
  return n.createAsOutput(OpName, {n.input(0)});
}

constexpr char kRelu[] = "cnn.relu";
constexpr char kSigmoid[] = "cnn.sigmoid";
constexpr char kTanh[] = "cnn.tanh";
constexpr char kHardSwish[] = "cnn.hard_swish";
constexpr char kSoftplus[] = "cnn.softplus";
constexpr char kSoftsign[] = "cnn.softsign";
constexpr char kErf[] = "cnn.erf";
constexpr char kReciprocal[] = "cnn.reciprocal";
constexpr char kFloor[] = "cnn.floor";
constexpr char kCeil[] = "cnn.ceil";
constexpr char kRound[] = "cnn.round";
constexpr char kMish[] = "cnn.mish";
constexpr char kExp[] = "cnn.exp";
constexpr char kLog[] = "cnn.log";
constexpr char kSqrt[] = "cnn.sqrt";
constexpr char kAbs[] = "cnn.abs";
constexpr char kNeg[] = "cnn.neg";

LogicalResult convertLeakyRelu(NodeImporter &n) {
  return n.createAsOutput("cnn.leaky_relu", {n.input(0)},
                          {n.namedF32("alpha", n.attrFloat("alpha", 0.01f))});
}

LogicalResult convertElu(NodeImporter &n) {
  return n.createAsOutput("cnn.elu", {n.input(0)},
                          {n.namedF32("alpha", n.attrFloat("alpha", 1.0f))});
}

LogicalResult convertSelu(NodeImporter &n) {
  return n.createAsOutput(
      "cnn.selu", {n.input(0)},
      {n.namedF32("alpha", n.attrFloat("alpha", 1.67326319217681884765625f)),
       n.namedF32("gamma", n.attrFloat("gamma", 1.05070102214813232421875f))});
}

LogicalResult convertHardSigmoid(NodeImporter &n) {
  return n.createAsOutput("cnn.hard_sigmoid", {n.input(0)},
                          {n.namedF32("alpha", n.attrFloat("alpha", 0.2f)),
                           n.namedF32("beta", n.attrFloat("beta", 0.5f))});
}

LogicalResult convertClip(NodeImporter &n) {
  SmallVector<NamedAttribute> attrs;
  const char *names[] = {"", "min", "max"};
  for (size_t i = 1; i <= 2; ++i) {
    if (!n.hasInput(i))
      continue;
    FailureOr<SmallVector<float>> bound = n.floatsInput(i, names[i]);
    if (failed(bound))
      return failure();
    if (bound->size() != 1)
      return n.error() << names[i] << " must be a scalar, got " << bound->size()
                       << " values";
    attrs.push_back(n.namedF32(names[i], bound->front()));
  }
  return n.createAsOutput("cnn.clip", {n.input(0)}, attrs);
}

LogicalResult convertPRelu(NodeImporter &n) {
  RankedTensorType x = n.inputType(0), slope = n.inputType(1);
  // Before opset 7 a 1-D slope of C values was per channel (dimension 1);
  // the opset converter keeps the tensor, so reshape it to [C, 1, ...].
  if (n.originalOpset() < 7 && x && slope && slope.getRank() == 1 &&
      x.getRank() > 2 && slope.getDimSize(0) == x.getDimSize(1) &&
      slope.getDimSize(0) != 1) {
    SmallVector<int64_t> shape(x.getRank() - 1, 1);
    shape[0] = slope.getDimSize(0);
    Operation *reshaped =
        n.create("cnn.reshape", {n.input(1)}, {n.namedI64s("shape", shape)});
    if (!reshaped)
      return failure();
    return n.createAsOutput("cnn.prelu", {n.input(0), reshaped->getResult(0)});
  }
  return n.createAsOutput("cnn.prelu", {n.input(0), n.input(1)});
}

template <const char *OpName> LogicalResult convertBinary(NodeImporter &n) {
  StringRef name(OpName);
  ElementsAttr folded;
  if (name == "cnn.add")
    folded = foldBinary(
        n, [](int64_t a, int64_t b) -> std::optional<int64_t> { return a + b; },
        [](APFloat a, const APFloat &b) {
          return a.add(b, APFloat::rmNearestTiesToEven), a;
        });
  else if (name == "cnn.sub")
    folded = foldBinary(
        n, [](int64_t a, int64_t b) -> std::optional<int64_t> { return a - b; },
        [](APFloat a, const APFloat &b) {
          return a.subtract(b, APFloat::rmNearestTiesToEven), a;
        });
  else if (name == "cnn.mul")
    folded = foldBinary(
        n, [](int64_t a, int64_t b) -> std::optional<int64_t> { return a * b; },
        [](APFloat a, const APFloat &b) {
          return a.multiply(b, APFloat::rmNearestTiesToEven), a;
        });
  else if (name == "cnn.div")
    folded = foldBinary(
        n,
        [](int64_t a, int64_t b) -> std::optional<int64_t> {
          // ONNX integer division truncates toward zero, as C++ does.
          if (b == 0)
            return std::nullopt;
          return a / b;
        },
        [](APFloat a, const APFloat &b) {
          return a.divide(b, APFloat::rmNearestTiesToEven), a;
        });
  if (folded) {
    n.setLiteral(0, folded);
    return success();
  }
  return n.createAsOutput(OpName, {n.input(0), n.input(1)});
}

constexpr char kAdd[] = "cnn.add";
constexpr char kSub[] = "cnn.sub";
constexpr char kMul[] = "cnn.mul";
constexpr char kDiv[] = "cnn.div";
constexpr char kPow[] = "cnn.pow";
constexpr char kEqual[] = "cnn.equal";
constexpr char kLess[] = "cnn.less";
constexpr char kLessOrEqual[] = "cnn.less_or_equal";
constexpr char kGreater[] = "cnn.greater";
constexpr char kGreaterOrEqual[] = "cnn.greater_or_equal";
constexpr char kAnd[] = "cnn.and";
constexpr char kOr[] = "cnn.or";
constexpr char kXor[] = "cnn.xor";
constexpr char kNot[] = "cnn.not";

LogicalResult convertWhere(NodeImporter &n) {
  return n.createAsOutput("cnn.where", {n.input(0), n.input(1), n.input(2)});
}

template <const char *OpName> LogicalResult convertVariadic(NodeImporter &n) {
  SmallVector<Value> operands;
  for (size_t i = 0; i < n.numInputs(); ++i)
    if (n.hasInput(i))
      operands.push_back(n.input(i));
  return n.createAsOutput(OpName, operands);
}

constexpr char kMax[] = "cnn.max";
constexpr char kMin[] = "cnn.min";
constexpr char kSum[] = "cnn.sum";
constexpr char kMean[] = "cnn.mean";

template <const char *OpName> LogicalResult convertSoftmax(NodeImporter &n) {
  return n.createAsOutput(OpName, {n.input(0)},
                          {n.namedI64("axis", n.attrInt("axis", -1))});
}

constexpr char kSoftmax[] = "cnn.softmax";
constexpr char kLogSoftmax[] = "cnn.log_softmax";

/// ReduceMean and the cnn.reduce family: axes from the attribute (before
/// opset 18; ReduceSum before 13) or the optional second input; no axes
/// with noop_with_empty_axes is the identity.
LogicalResult convertReduction(NodeImporter &n, StringRef opName,
                               std::optional<cnn::Reduction> kind) {
  SmallVector<NamedAttribute> attrs;
  std::optional<SmallVector<int64_t>> axes = n.attrInts("axes");
  if (n.hasInput(1)) {
    FailureOr<SmallVector<int64_t>> in = n.intsInput(1, "axes");
    if (failed(in))
      return failure();
    axes = *in;
  }
  if ((!axes || axes->empty()) && n.attrInt("noop_with_empty_axes", 0)) {
    n.setOutput(0, n.input(0));
    return success();
  }
  if (kind)
    attrs.push_back(
        n.named("kind", cnn::ReductionAttr::get(n.getContext(), *kind)));
  if (axes && !axes->empty())
    attrs.push_back(n.namedI64s("axes", *axes));
  attrs.push_back(n.namedBool("keepdims", n.attrInt("keepdims", 1) != 0));
  return n.createAsOutput(opName, {n.input(0)}, attrs);
}

LogicalResult convertReduceMean(NodeImporter &n) {
  return convertReduction(n, "cnn.reduce_mean", std::nullopt);
}

template <cnn::Reduction Kind> LogicalResult convertReduce(NodeImporter &n) {
  return convertReduction(n, "cnn.reduce", Kind);
}

/// Gelu (opset 20) as the ops exporters wrote before it existed:
/// x * (erf(x / sqrt 2) + 1) * 0.5 (cnn-fuse-epilogue fuses that form into
/// a conv before it), or with approximate = "tanh"
/// x * (tanh(sqrt(2 / pi) * (x + 0.044715 x^3)) + 1) * 0.5.
LogicalResult convertGelu(NodeImporter &n) {
  std::string approximate = n.attrString("approximate", "none");
  if (approximate != "none" && approximate != "tanh")
    return n.error() << "unsupported approximate '" << approximate
                     << "' (expected none or tanh)";
  Value x = n.input(0);
  RankedTensorType type = n.inputType(0);
  if (!type || !isa<FloatType>(type.getElementType()))
    return n.error() << "Gelu takes a float tensor";
  auto scalar = [&](double v) -> Value {
    auto t = RankedTensorType::get({}, type.getElementType());
    Operation *c = n.create(
        "cnn.constant", {},
        {n.named("value", DenseElementsAttr::get(
                              t, FloatAttr::get(type.getElementType(), v)))});
    return c ? c->getResult(0) : Value();
  };
  auto op = [&](StringRef name, ValueRange operands) -> Value {
    Operation *o = n.create(name, operands);
    return o ? o->getResult(0) : Value();
  };
  Value inner;
  if (approximate == "none") {
    inner = op("cnn.erf", {op("cnn.div", {x, scalar(M_SQRT2)})});
  } else {
    Value cube = op("cnn.mul", {op("cnn.mul", {x, x}), x});
    Value t = op("cnn.add", {x, op("cnn.mul", {cube, scalar(0.044715)})});
    inner = op("cnn.tanh", {op("cnn.mul", {t, scalar(std::sqrt(2.0 / M_PI))})});
  }
  Value y =
      op("cnn.mul", {op("cnn.mul", {x, op("cnn.add", {inner, scalar(1.0)})}),
                     scalar(0.5)});
  if (!y)
    return failure();
  n.setOutput(0, y);
  return success();
}

LogicalResult convertPow(NodeImporter &n) {
  for (int i = 0; i < 2; ++i)
    if (RankedTensorType t = n.inputType(i);
        t && !isa<FloatType>(t.getElementType()))
      return n.error() << "Pow takes float operands in cnnc, got "
                       << t.getElementType() << " for input " << i;
  return convertBinary<kPow>(n);
}

LogicalResult convertMatMul(NodeImporter &n) {
  return n.createAsOutput("cnn.matmul", {n.input(0), n.input(1)});
}

LogicalResult convertGemm(NodeImporter &n) {
  SmallVector<Value> operands = {n.input(0), n.input(1)};
  if (n.hasInput(2))
    operands.push_back(n.input(2));
  return n.createAsOutput(
      "cnn.gemm", operands,
      {n.namedF32("alpha", n.attrFloat("alpha", 1.0f)),
       n.namedF32("beta", n.attrFloat("beta", 1.0f)),
       n.namedBool("trans_a", n.attrInt("transA", 0) != 0),
       n.namedBool("trans_b", n.attrInt("transB", 0) != 0)});
}

} // namespace

void registerElementwiseConverters(ConverterTable &table) {
  table["Relu"] = convertUnary<kRelu>;
  table["Sigmoid"] = convertUnary<kSigmoid>;
  table["Tanh"] = convertUnary<kTanh>;
  table["HardSwish"] = convertUnary<kHardSwish>;
  table["Softplus"] = convertUnary<kSoftplus>;
  table["Softsign"] = convertUnary<kSoftsign>;
  table["Erf"] = convertUnary<kErf>;
  table["Reciprocal"] = convertUnary<kReciprocal>;
  table["Floor"] = convertUnary<kFloor>;
  table["Ceil"] = convertUnary<kCeil>;
  table["Round"] = convertUnary<kRound>;
  table["Mish"] = convertUnary<kMish>;
  table["Exp"] = convertUnary<kExp>;
  table["Log"] = convertUnary<kLog>;
  table["Sqrt"] = convertUnary<kSqrt>;
  table["Abs"] = convertUnary<kAbs>;
  table["Neg"] = convertUnary<kNeg>;
  table["LeakyRelu"] = convertLeakyRelu;
  table["Elu"] = convertElu;
  table["Selu"] = convertSelu;
  table["HardSigmoid"] = convertHardSigmoid;
  table["Clip"] = convertClip;
  table["PRelu"] = convertPRelu;
  table["Add"] = convertBinary<kAdd>;
  table["Sub"] = convertBinary<kSub>;
  table["Mul"] = convertBinary<kMul>;
  table["Div"] = convertBinary<kDiv>;
  table["Pow"] = convertPow;
  table["Gelu"] = convertGelu;
  table["Equal"] = convertBinary<kEqual>;
  table["Less"] = convertBinary<kLess>;
  table["LessOrEqual"] = convertBinary<kLessOrEqual>;
  table["Greater"] = convertBinary<kGreater>;
  table["GreaterOrEqual"] = convertBinary<kGreaterOrEqual>;
  table["And"] = convertBinary<kAnd>;
  table["Or"] = convertBinary<kOr>;
  table["Xor"] = convertBinary<kXor>;
  table["Not"] = convertUnary<kNot>;
  table["Where"] = convertWhere;
  table["Max"] = convertVariadic<kMax>;
  table["Min"] = convertVariadic<kMin>;
  table["Sum"] = convertVariadic<kSum>;
  table["Mean"] = convertVariadic<kMean>;
  table["Softmax"] = convertSoftmax<kSoftmax>;
  table["LogSoftmax"] = convertSoftmax<kLogSoftmax>;
  table["ReduceMean"] = convertReduceMean;
  table["ReduceMax"] = convertReduce<cnn::Reduction::max>;
  table["ReduceMin"] = convertReduce<cnn::Reduction::min>;
  table["ReduceSum"] = convertReduce<cnn::Reduction::sum>;
  table["ReduceProd"] = convertReduce<cnn::Reduction::prod>;
  table["ReduceL1"] = convertReduce<cnn::Reduction::l1>;
  table["ReduceL2"] = convertReduce<cnn::Reduction::l2>;
  table["ReduceLogSum"] = convertReduce<cnn::Reduction::log_sum>;
  table["ReduceLogSumExp"] = convertReduce<cnn::Reduction::log_sum_exp>;
  table["ReduceSumSquare"] = convertReduce<cnn::Reduction::sum_square>;
  table["MatMul"] = convertMatMul;
  table["Gemm"] = convertGemm;
}

} // namespace cnnc::onnx_import
