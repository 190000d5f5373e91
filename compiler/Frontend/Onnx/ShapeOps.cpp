//===- ShapeOps.cpp - ONNX data movement, constants, shape subgraphs ------===//
//
// Part of cnnc.
//
/// Besides the data-movement ops, this family evaluates the integer
/// subgraphs exporters emit to compute shapes (Shape -> Gather -> Unsqueeze
/// -> Concat -> Reshape, ConstantOfShape, Cast) on literals, so they leave
/// no ops behind.
//
//===----------------------------------------------------------------------===//

#include "compiler/Frontend/Onnx/NodeImporter.h"

#include "Cnn/IR/CnnOps.h"
#include "Cnn/IR/CnnShapeInference.h"

#include <cmath>

using namespace mlir;

namespace cnnc::onnx_import {
namespace {

/// Small dense literal of input `i`, or null.
DenseElementsAttr denseLiteral(NodeImporter &n, size_t i) {
  return dyn_cast_or_null<DenseElementsAttr>(n.literal(i));
}

/// Sets output 0 to `lit` reshaped to `shape`.
void setReshapedLiteral(NodeImporter &n, DenseElementsAttr lit,
                        ArrayRef<int64_t> shape) {
  n.setLiteral(0,
               lit.reshape(RankedTensorType::get(shape, lit.getElementType())));
}

LogicalResult convertIdentity(NodeImporter &n) {
  if (ElementsAttr lit = n.literal(0))
    n.setLiteral(0, lit);
  else
    n.setOutput(0, n.input(0));
  return success();
}

LogicalResult convertDropout(NodeImporter &n) {
  if (n.hasInput(2)) {
    FailureOr<SmallVector<int64_t>> training = n.intsInput(2, "training_mode");
    if (failed(training))
      return failure();
    if (!training->empty() && training->front())
      return n.error() << "training_mode = true is not supported (cnnc "
                          "compiles inference)";
  }
  if (failed(convertIdentity(n)))
    return failure();
  if (n.hasOutput(1)) {
    // In inference the mask keeps everything.
    auto type = RankedTensorType::get(n.inputType(0).getShape(),
                                      n.builder().getI1Type());
    n.setLiteral(1, DenseElementsAttr::get(type, true));
  }
  return success();
}

LogicalResult convertConstant(NodeImporter &n) {
  const auto &attrs = n.node().attribute();
  if (attrs.size() != 1)
    return n.error() << "expects exactly one value attribute";
  const onnx::AttributeProto &a = attrs.Get(0);
  MLIRContext *ctx = n.getContext();
  if (a.name() == "value") {
    FailureOr<ElementsAttr> attr = n.tensorAttr(a.t());
    if (failed(attr))
      return failure();
    n.setLiteral(0, *attr);
    return success();
  }
  if (a.name() == "value_float") {
    n.setLiteral(0,
                 DenseElementsAttr::get(
                     RankedTensorType::get({}, Float32Type::get(ctx)), a.f()));
    return success();
  }
  if (a.name() == "value_floats") {
    SmallVector<float> v(a.floats().begin(), a.floats().end());
    n.setLiteral(
        0, DenseElementsAttr::get(RankedTensorType::get({(int64_t)v.size()},
                                                        Float32Type::get(ctx)),
                                  ArrayRef<float>(v)));
    return success();
  }
  if (a.name() == "value_int") {
    n.setLiteral(0, makeI64Literal(ctx, {}, {a.i()}));
    return success();
  }
  if (a.name() == "value_ints") {
    SmallVector<int64_t> v(a.ints().begin(), a.ints().end());
    n.setLiteral(0, makeI64Literal(ctx, {(int64_t)v.size()}, v));
    return success();
  }
  return n.error() << "unsupported constant attribute '" << a.name() << "'";
}

LogicalResult convertConstantOfShape(NodeImporter &n) {
  FailureOr<SmallVector<int64_t>> shape = n.intsInput(0, "shape");
  if (failed(shape))
    return failure();
  for (int64_t d : *shape)
    if (d < 0)
      return n.error() << "shape entries must be non-negative, got " << d;
  Attribute value = FloatAttr::get(Float32Type::get(n.getContext()), 0.0);
  if (const onnx::AttributeProto *a = n.attr("value")) {
    FailureOr<ElementsAttr> attr = n.tensorAttr(a->t());
    if (failed(attr))
      return failure();
    auto dense = dyn_cast<DenseElementsAttr>(*attr);
    if (!dense || dense.getNumElements() != 1)
      return n.error() << "value must hold exactly one element";
    value = *dense.value_begin<Attribute>();
  }
  auto type = RankedTensorType::get(*shape, cast<TypedAttr>(value).getType());
  n.setLiteral(0, DenseElementsAttr::get(type, value));
  return success();
}

/// Range with compile-time start, limit and delta (shape arithmetic in
/// exports): folded to its values. Run-time bounds would give a run-time
/// shape, which cnnc does not compile.
LogicalResult convertRange(NodeImporter &n) {
  ElementsAttr start = n.literal(0), limit = n.literal(1), delta = n.literal(2);
  if (!start || !limit || !delta)
    return n.error() << "start, limit and delta must be known at compile "
                        "time (bind graph inputs with --bind)";
  Type elt = start.getElementType();
  auto value = [](ElementsAttr a) -> double {
    Attribute v = *a.getValues<Attribute>().begin();
    if (auto f = dyn_cast<FloatAttr>(v))
      return f.getValueAsDouble();
    return double(cast<IntegerAttr>(v).getValue().getSExtValue());
  };
  if (start.getNumElements() != 1 || limit.getNumElements() != 1 ||
      delta.getNumElements() != 1)
    return n.error() << "start, limit and delta must be scalars";
  double s = value(start), l = value(limit), d = value(delta);
  if (d == 0)
    return n.error() << "delta must not be 0";
  int64_t count = std::max<int64_t>(0, int64_t(std::ceil((l - s) / d)));
  if (count > (int64_t(1) << 31))
    return n.error() << "Range of " << count << " elements is too large";
  SmallVector<Attribute> values;
  for (int64_t i = 0; i < count; ++i) {
    double v = s + double(i) * d;
    if (auto ft = dyn_cast<FloatType>(elt))
      values.push_back(FloatAttr::get(ft, v));
    else
      values.push_back(IntegerAttr::get(elt, int64_t(v)));
  }
  n.setLiteral(
      0, DenseElementsAttr::get(RankedTensorType::get({count}, elt), values));
  return success();
}

LogicalResult convertTile(NodeImporter &n) {
  FailureOr<SmallVector<int64_t>> repeats = n.intsInput(1, "repeats");
  if (failed(repeats))
    return failure();
  return n.createAsOutput("cnn.tile", {n.input(0)},
                          {n.namedI64s("repeats", *repeats)});
}

LogicalResult convertShape(NodeImporter &n) {
  RankedTensorType type = n.inputType(0);
  if (!type || !type.hasStaticShape())
    return n.error() << "needs a static input shape";
  int64_t rank = type.getRank();
  int64_t start = n.attrInt("start", 0), end = n.attrInt("end", rank);
  if (start < 0)
    start += rank;
  if (end < 0)
    end += rank;
  start = std::clamp<int64_t>(start, 0, rank);
  end = std::clamp<int64_t>(end, 0, rank);
  SmallVector<int64_t> dims;
  for (int64_t i = start; i < end; ++i)
    dims.push_back(type.getDimSize(i));
  n.setLiteral(0, makeI64Literal(n.getContext(), {(int64_t)dims.size()}, dims));
  return success();
}

/// Converts one literal element to `to`, ONNX Cast semantics for the
/// supported types (float to integer truncates toward zero).
Attribute castElement(Attribute v, Type to) {
  if (auto toInt = dyn_cast<IntegerType>(to)) {
    if (auto i = dyn_cast<IntegerAttr>(v)) {
      if (toInt.getWidth() == 1)
        return IntegerAttr::get(to, i.getValue().isZero() ? 0 : 1);
      return IntegerAttr::get(to, i.getValue().sextOrTrunc(toInt.getWidth()));
    }
    if (auto f = dyn_cast<FloatAttr>(v)) {
      if (toInt.getWidth() == 1)
        return IntegerAttr::get(to, f.getValueAsDouble() != 0.0 ? 1 : 0);
      return IntegerAttr::get(to, (int64_t)f.getValueAsDouble());
    }
  }
  if (auto toFloat = dyn_cast<FloatType>(to)) {
    if (auto i = dyn_cast<IntegerAttr>(v)) {
      int64_t x = i.getType().isInteger(1) ? i.getValue().getZExtValue()
                                           : i.getValue().getSExtValue();
      return FloatAttr::get(to, (double)x);
    }
    if (auto f = dyn_cast<FloatAttr>(v))
      return FloatAttr::get(to, f.getValueAsDouble());
  }
  return nullptr;
}

LogicalResult convertCast(NodeImporter &n) {
  int64_t to = n.attrInt("to", 0);
  Type toType;
  MLIRContext *ctx = n.getContext();
  switch (to) {
  case onnx::TensorProto::FLOAT:
    toType = Float32Type::get(ctx);
    break;
  case onnx::TensorProto::DOUBLE:
    toType = Float64Type::get(ctx);
    break;
  case onnx::TensorProto::FLOAT16:
    toType = Float16Type::get(ctx);
    break;
  case onnx::TensorProto::INT64:
    toType = IntegerType::get(ctx, 64);
    break;
  case onnx::TensorProto::INT32:
    toType = IntegerType::get(ctx, 32);
    break;
  case onnx::TensorProto::BOOL:
    toType = IntegerType::get(ctx, 1);
    break;
  default:
    return n.error() << "cast to data type " << to << " is not supported";
  }
  RankedTensorType inType = n.inputType(0);
  if (inType.getElementType() == toType)
    return convertIdentity(n);
  if (DenseElementsAttr lit = denseLiteral(n, 0)) {
    SmallVector<Attribute> values;
    for (Attribute v : lit.getValues<Attribute>()) {
      Attribute c = castElement(v, toType);
      if (!c)
        return n.error() << "cannot cast " << lit.getElementType() << " to "
                         << toType;
      values.push_back(c);
    }
    n.setLiteral(0,
                 DenseElementsAttr::get(
                     RankedTensorType::get(inType.getShape(), toType), values));
    return success();
  }
  return n.createAsOutput("cnn.cast", {n.input(0)},
                          {n.named("to", TypeAttr::get(toType))});
}

/// CastLike: Cast to the element type of input 1.
LogicalResult convertCastLike(NodeImporter &n) {
  RankedTensorType like = n.inputType(1);
  if (!like)
    return n.error() << "needs a ranked target_type input";
  Type toType = like.getElementType();
  if (n.inputType(0).getElementType() == toType)
    return convertIdentity(n);
  return n.createAsOutput("cnn.cast", {n.input(0)},
                          {n.named("to", TypeAttr::get(toType))});
}

LogicalResult convertReshape(NodeImporter &n) {
  FailureOr<SmallVector<int64_t>> shape = n.intsInput(1, "shape");
  if (failed(shape))
    return failure();
  bool allowZero = n.attrInt("allowzero", 0) != 0;
  if (DenseElementsAttr lit = denseLiteral(n, 0)) {
    FailureOr<cnn::Shape> out =
        cnn::inferReshape([&] { return n.error(); }, n.inputType(0).getShape(),
                          *shape, allowZero);
    if (failed(out))
      return failure();
    setReshapedLiteral(n, lit, *out);
    return success();
  }
  SmallVector<NamedAttribute> attrs = {n.namedI64s("shape", *shape)};
  if (allowZero)
    attrs.push_back(n.namedBool("allowzero", true));
  return n.createAsOutput("cnn.reshape", {n.input(0)}, attrs);
}

LogicalResult convertFlatten(NodeImporter &n) {
  int64_t axis = n.attrInt("axis", 1);
  if (DenseElementsAttr lit = denseLiteral(n, 0)) {
    ArrayRef<int64_t> in = n.inputType(0).getShape();
    FailureOr<int64_t> a = cnn::normalizeAxis([&] { return n.error(); }, axis,
                                              in.size(), "axis", true);
    if (failed(a))
      return failure();
    setReshapedLiteral(n, lit,
                       {cnn::numElements(in.take_front(*a)),
                        cnn::numElements(in.drop_front(*a))});
    return success();
  }
  return n.createAsOutput("cnn.flatten", {n.input(0)},
                          {n.namedI64("axis", axis)});
}

/// Axes of Squeeze/Unsqueeze: the input (opset 13+) or the attribute.
FailureOr<std::optional<SmallVector<int64_t>>> axesOf(NodeImporter &n) {
  if (n.hasInput(1)) {
    FailureOr<SmallVector<int64_t>> axes = n.intsInput(1, "axes");
    if (failed(axes))
      return failure();
    return std::optional<SmallVector<int64_t>>(*axes);
  }
  return n.attrInts("axes");
}

LogicalResult convertSqueeze(NodeImporter &n) {
  auto axes = axesOf(n);
  if (failed(axes))
    return failure();
  if (DenseElementsAttr lit = denseLiteral(n, 0)) {
    // A shape vector: drop the size-1 dimensions on the host.
    ArrayRef<int64_t> in = n.inputType(0).getShape();
    SmallVector<bool> drop(in.size(), false);
    if (*axes && !(*axes)->empty()) {
      for (int64_t axis : **axes) {
        FailureOr<int64_t> a = cnn::normalizeAxis([&] { return n.error(); },
                                                  axis, in.size(), "axis");
        if (failed(a))
          return failure();
        if (in[*a] != 1)
          return n.error() << "cannot squeeze dimension " << *a << " of size "
                           << in[*a];
        drop[*a] = true;
      }
    } else {
      for (size_t i = 0; i < in.size(); ++i)
        drop[i] = in[i] == 1;
    }
    SmallVector<int64_t> shape;
    for (size_t i = 0; i < in.size(); ++i)
      if (!drop[i])
        shape.push_back(in[i]);
    setReshapedLiteral(n, lit, shape);
    return success();
  }
  SmallVector<NamedAttribute> attrs;
  if (*axes && !(*axes)->empty())
    attrs.push_back(n.namedI64s("axes", **axes));
  return n.createAsOutput("cnn.squeeze", {n.input(0)}, attrs);
}

LogicalResult convertUnsqueeze(NodeImporter &n) {
  auto axes = axesOf(n);
  if (failed(axes))
    return failure();
  if (!*axes)
    return n.error() << "axes are required";
  if (DenseElementsAttr lit = denseLiteral(n, 0)) {
    ArrayRef<int64_t> in = n.inputType(0).getShape();
    int64_t rank = in.size() + (*axes)->size();
    SmallVector<bool> inserted(rank, false);
    for (int64_t axis : **axes) {
      FailureOr<int64_t> a =
          cnn::normalizeAxis([&] { return n.error(); }, axis, rank, "axis");
      if (failed(a))
        return failure();
      if (inserted[*a])
        return n.error() << "axis " << axis << " is repeated";
      inserted[*a] = true;
    }
    SmallVector<int64_t> shape;
    for (int64_t i = 0; i < rank; ++i) {
      if (inserted[i]) {
        shape.push_back(1);
      } else {
        shape.push_back(in.front());
        in = in.drop_front();
      }
    }
    setReshapedLiteral(n, lit, shape);
    return success();
  }
  return n.createAsOutput("cnn.unsqueeze", {n.input(0)},
                          {n.namedI64s("axes", **axes)});
}

LogicalResult convertTranspose(NodeImporter &n) {
  SmallVector<NamedAttribute> attrs;
  if (auto perm = n.attrInts("perm"))
    attrs.push_back(n.namedI64s("perm", *perm));
  return n.createAsOutput("cnn.transpose", {n.input(0)}, attrs);
}

LogicalResult convertExpand(NodeImporter &n) {
  FailureOr<SmallVector<int64_t>> shape = n.intsInput(1, "shape");
  if (failed(shape))
    return failure();
  return n.createAsOutput("cnn.expand", {n.input(0)},
                          {n.namedI64s("shape", *shape)});
}

LogicalResult convertConcat(NodeImporter &n) {
  if (!n.attr("axis"))
    return n.error() << "axis is required";
  int64_t axis = n.attrInt("axis", 0);
  SmallVector<Value> operands;
  SmallVector<DenseElementsAttr> lits;
  bool allLiteral = true;
  for (size_t i = 0; i < n.numInputs(); ++i) {
    if (!n.hasInput(i))
      continue;
    DenseElementsAttr lit = denseLiteral(n, i);
    allLiteral &= lit && lit.getNumElements() <= 4096;
    lits.push_back(lit);
  }
  if (allLiteral && !lits.empty()) {
    // Shape vectors: concatenate on the host.
    auto first = cast<RankedTensorType>(lits.front().getType());
    int64_t rank = first.getRank();
    FailureOr<int64_t> a =
        cnn::normalizeAxis([&] { return n.error(); }, axis, rank, "axis");
    if (failed(a))
      return failure();
    SmallVector<int64_t> shape(first.getShape());
    shape[*a] = 0;
    for (DenseElementsAttr lit : lits) {
      auto t = cast<RankedTensorType>(lit.getType());
      if (t.getRank() != rank || t.getElementType() != first.getElementType())
        return n.error() << "operands differ in rank or element type";
      for (int64_t d = 0; d < rank; ++d)
        if (d != *a && t.getDimSize(d) != shape[d])
          return n.error() << "operands differ in dimension " << d;
      shape[*a] += t.getDimSize(*a);
    }
    int64_t outer = cnn::numElements(ArrayRef<int64_t>(shape).take_front(*a));
    int64_t inner =
        cnn::numElements(ArrayRef<int64_t>(shape).drop_front(*a + 1));
    SmallVector<SmallVector<Attribute>> parts;
    for (DenseElementsAttr lit : lits)
      parts.push_back(SmallVector<Attribute>(lit.getValues<Attribute>()));
    SmallVector<Attribute> values;
    for (int64_t o = 0; o < outer; ++o)
      for (auto [lit, part] : llvm::zip(lits, parts)) {
        int64_t chunk =
            cast<RankedTensorType>(lit.getType()).getDimSize(*a) * inner;
        values.append(part.begin() + o * chunk, part.begin() + (o + 1) * chunk);
      }
    n.setLiteral(
        0, DenseElementsAttr::get(
               RankedTensorType::get(shape, first.getElementType()), values));
    return success();
  }
  for (size_t i = 0; i < n.numInputs(); ++i)
    if (n.hasInput(i))
      operands.push_back(n.input(i));
  return n.createAsOutput("cnn.concat", operands, {n.namedI64("axis", axis)});
}

LogicalResult convertSplit(NodeImporter &n) {
  int64_t axis = n.attrInt("axis", 0);
  RankedTensorType type = n.inputType(0);
  size_t parts = n.numOutputs();
  SmallVector<int64_t> split;
  if (n.hasInput(1)) {
    FailureOr<SmallVector<int64_t>> s = n.intsInput(1, "split");
    if (failed(s))
      return failure();
    split = *s;
  } else if (auto s = n.attrInts("split")) {
    split = *s;
  } else {
    FailureOr<int64_t> a = cnn::normalizeAxis([&] { return n.error(); }, axis,
                                              type.getRank(), "axis");
    if (failed(a))
      return failure();
    int64_t d = type.getDimSize(*a);
    if (const onnx::AttributeProto *num = n.attr("num_outputs")) {
      // Opset 18: ceil-sized parts, the last one smaller.
      int64_t k = num->i();
      if (k < 1)
        return n.error() << "num_outputs must be positive";
      int64_t size = (d + k - 1) / k;
      for (int64_t i = 0; i < k; ++i)
        split.push_back(std::max<int64_t>(0, std::min(size, d - i * size)));
    } else {
      if (d % (int64_t)parts != 0)
        return n.error() << "dimension " << *a << " of size " << d
                         << " does not split into " << parts << " equal parts";
      split.assign(parts, d / parts);
    }
  }
  if (split.size() != parts)
    return n.error() << "split lists " << split.size() << " parts for " << parts
                     << " outputs";
  Operation *op =
      n.create("cnn.split", {n.input(0)},
               {n.namedI64("axis", axis), n.namedI64s("split", split)}, parts);
  if (!op)
    return failure();
  for (size_t i = 0; i < parts; ++i)
    n.setOutput(i, op->getResult(i));
  return success();
}

LogicalResult convertSlice(NodeImporter &n) {
  FailureOr<SmallVector<int64_t>> starts = n.intsInput(1, "starts");
  FailureOr<SmallVector<int64_t>> ends = n.intsInput(2, "ends");
  if (failed(starts) || failed(ends))
    return failure();
  SmallVector<NamedAttribute> attrs = {n.namedI64s("starts", *starts),
                                       n.namedI64s("ends", *ends)};
  std::optional<SmallVector<int64_t>> axes, steps;
  if (n.hasInput(3)) {
    FailureOr<SmallVector<int64_t>> a = n.intsInput(3, "axes");
    if (failed(a))
      return failure();
    axes = *a;
    attrs.push_back(n.namedI64s("axes", *a));
  }
  if (n.hasInput(4)) {
    FailureOr<SmallVector<int64_t>> s = n.intsInput(4, "steps");
    if (failed(s))
      return failure();
    steps = *s;
    attrs.push_back(n.namedI64s("steps", *s));
  }
  DenseElementsAttr lit = denseLiteral(n, 0);
  if (lit && n.inputType(0).getRank() == 1 && starts->size() == 1) {
    // A slice of a shape vector.
    int64_t d = n.inputType(0).getDimSize(0);
    FailureOr<cnn::Shape> out = cnn::inferSlice(
        [&] { return n.error(); }, {d}, *starts, *ends,
        axes ? std::optional<ArrayRef<int64_t>>(*axes) : std::nullopt,
        steps ? std::optional<ArrayRef<int64_t>>(*steps) : std::nullopt);
    if (failed(out))
      return failure();
    int64_t step = steps ? std::clamp<int64_t>((*steps)[0], -d, d) : 1;
    int64_t start = (*starts)[0] < 0 ? (*starts)[0] + d : (*starts)[0];
    start = step > 0 ? std::clamp<int64_t>(start, 0, d)
                     : std::clamp<int64_t>(start, 0, d - 1);
    SmallVector<Attribute> all(lit.getValues<Attribute>()), values;
    for (int64_t i = 0; i < (*out)[0]; ++i)
      values.push_back(all[start + i * step]);
    n.setLiteral(
        0, DenseElementsAttr::get(
               RankedTensorType::get(*out, lit.getElementType()), values));
    return success();
  }
  return n.createAsOutput("cnn.slice", {n.input(0)}, attrs);
}

LogicalResult convertPad(NodeImporter &n) {
  std::string modeName = n.attrString("mode", "constant");
  cnn::PadMode mode;
  if (modeName == "constant")
    mode = cnn::PadMode::constant;
  else if (modeName == "edge")
    mode = cnn::PadMode::edge;
  else if (modeName == "reflect")
    mode = cnn::PadMode::reflect;
  else if (modeName == "wrap" && n.originalOpset() >= 19)
    mode = cnn::PadMode::wrap;
  else if (modeName == "wrap")
    return n.error() << "pad mode 'wrap' needs opset 19 or newer (the model "
                     << "declares " << n.originalOpset() << ")";
  else
    return n.error() << "unsupported pad mode '" << modeName
                     << "' (expected constant, edge, reflect or wrap)";
  SmallVector<int64_t> pads;
  if (n.hasInput(1)) {
    FailureOr<SmallVector<int64_t>> p = n.intsInput(1, "pads");
    if (failed(p))
      return failure();
    pads = *p;
  } else if (auto p = n.attrInts("pads")) {
    pads = *p;
  } else {
    return n.error() << "pads are required";
  }
  int64_t rank = n.inputType(0).getRank();
  if (n.hasInput(3)) {
    // Opset 18: pads for the listed axes only.
    FailureOr<SmallVector<int64_t>> axes = n.intsInput(3, "axes");
    if (failed(axes))
      return failure();
    if (pads.size() != 2 * axes->size())
      return n.error() << "expects " << 2 * axes->size()
                       << " pads for the listed axes, got " << pads.size();
    SmallVector<int64_t> full(2 * rank, 0);
    for (auto [i, axis] : llvm::enumerate(*axes)) {
      FailureOr<int64_t> a =
          cnn::normalizeAxis([&] { return n.error(); }, axis, rank, "axis");
      if (failed(a))
        return failure();
      full[*a] = pads[i];
      full[rank + *a] = pads[axes->size() + i];
    }
    pads = full;
  }
  float value = n.attrFloat("value", 0.0f);
  if (n.hasInput(2)) {
    FailureOr<SmallVector<float>> v = n.floatsInput(2, "constant_value");
    if (failed(v))
      return failure();
    if (v->size() != 1)
      return n.error() << "constant_value must be a scalar";
    value = v->front();
  }
  SmallVector<NamedAttribute> attrs = {n.namedI64s("pads", pads)};
  if (mode != cnn::PadMode::constant)
    attrs.push_back(
        n.named("mode", cnn::PadModeAttr::get(n.getContext(), mode)));
  if (value != 0.0f)
    attrs.push_back(n.namedF32("value", value));
  return n.createAsOutput("cnn.pad", {n.input(0)}, attrs);
}

LogicalResult convertGather(NodeImporter &n) {
  int64_t axis = n.attrInt("axis", 0);
  DenseElementsAttr data = denseLiteral(n, 0);
  std::optional<SmallVector<int64_t>> indices = literalInts(n.literal(1));
  if (data && indices && data.getNumElements() <= 4096) {
    // Gathers from shape vectors.
    auto type = cast<RankedTensorType>(data.getType());
    FailureOr<int64_t> a = cnn::normalizeAxis([&] { return n.error(); }, axis,
                                              type.getRank(), "axis");
    if (failed(a))
      return failure();
    ArrayRef<int64_t> shape = type.getShape();
    int64_t outer = cnn::numElements(shape.take_front(*a));
    int64_t inner = cnn::numElements(shape.drop_front(*a + 1));
    int64_t d = shape[*a];
    SmallVector<Attribute> all(data.getValues<Attribute>()), values;
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t idx : *indices) {
        if (idx < -d || idx >= d)
          return n.error() << "index " << idx << " is out of range for size "
                           << d;
        if (idx < 0)
          idx += d;
        auto begin = all.begin() + (o * d + idx) * inner;
        values.append(begin, begin + inner);
      }
    SmallVector<int64_t> outShape(shape.take_front(*a));
    llvm::append_range(outShape, n.inputType(1).getShape());
    llvm::append_range(outShape, shape.drop_front(*a + 1));
    n.setLiteral(
        0, DenseElementsAttr::get(
               RankedTensorType::get(outShape, type.getElementType()), values));
    return success();
  }
  return n.createAsOutput("cnn.gather", {n.input(0), n.input(1)},
                          {n.namedI64("axis", axis)});
}

LogicalResult convertGatherElements(NodeImporter &n) {
  return n.createAsOutput("cnn.gather_elements", {n.input(0), n.input(1)},
                          {n.namedI64("axis", n.attrInt("axis", 0))});
}

/// DepthToSpace and SpaceToDepth (whose `mode` came with opset 28): the
/// blocksize and the channel order.
LogicalResult convertBlockRearrange(NodeImporter &n, StringRef opName) {
  if (!n.attr("blocksize"))
    return n.error() << "blocksize is required";
  std::string mode = n.attrString("mode", "DCR");
  cnn::DepthToSpaceMode m;
  if (mode == "DCR")
    m = cnn::DepthToSpaceMode::dcr;
  else if (mode == "CRD")
    m = cnn::DepthToSpaceMode::crd;
  else
    return n.error() << "unsupported mode '" << mode
                     << "' (expected DCR or CRD)";
  return n.createAsOutput(
      opName, {n.input(0)},
      {n.namedI64("blocksize", n.attrInt("blocksize", 0)),
       n.named("mode", cnn::DepthToSpaceModeAttr::get(n.getContext(), m))});
}

LogicalResult convertDepthToSpace(NodeImporter &n) {
  return convertBlockRearrange(n, "cnn.depth_to_space");
}

LogicalResult convertSpaceToDepth(NodeImporter &n) {
  return convertBlockRearrange(n, "cnn.space_to_depth");
}

} // namespace

void registerShapeConverters(ConverterTable &table) {
  table["Identity"] = convertIdentity;
  table["Dropout"] = convertDropout;
  table["Constant"] = convertConstant;
  table["ConstantOfShape"] = convertConstantOfShape;
  table["Shape"] = convertShape;
  table["Range"] = convertRange;
  table["Tile"] = convertTile;
  table["Cast"] = convertCast;
  table["CastLike"] = convertCastLike;
  table["Reshape"] = convertReshape;
  table["Flatten"] = convertFlatten;
  table["Squeeze"] = convertSqueeze;
  table["Unsqueeze"] = convertUnsqueeze;
  table["Transpose"] = convertTranspose;
  table["Expand"] = convertExpand;
  table["Concat"] = convertConcat;
  table["Split"] = convertSplit;
  table["Slice"] = convertSlice;
  table["Pad"] = convertPad;
  table["Gather"] = convertGather;
  table["GatherElements"] = convertGatherElements;
  table["DepthToSpace"] = convertDepthToSpace;
  table["SpaceToDepth"] = convertSpaceToDepth;
}

} // namespace cnnc::onnx_import
