//===- CnnShapeInference.cpp - shape rules of the cnn ops -----------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "Cnn/IR/CnnShapeInference.h"
#include "Cnn/IR/CnnDialect.h"

#include "mlir/IR/Operation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CheckedArithmetic.h"

using namespace mlir;

namespace cnnc::cnn {

static bool isDyn(int64_t d) { return ShapedType::isDynamic(d); }

std::function<InFlightDiagnostic()> makeOpErrorFn(std::optional<Location> loc,
                                                  StringRef opName) {
  std::string name = opName.str();
  return [loc, name]() -> InFlightDiagnostic {
    if (!loc)
      return InFlightDiagnostic();
    InFlightDiagnostic diag = mlir::emitError(*loc);
    diag << "'" << name << "' op ";
    return diag;
  };
}

bool areCompatibleResultTypes(TypeRange lhs, TypeRange rhs) {
  if (lhs.size() != rhs.size())
    return false;
  for (auto [l, r] : llvm::zip(lhs, rhs)) {
    auto lt = dyn_cast<RankedTensorType>(l);
    auto rt = dyn_cast<RankedTensorType>(r);
    if (!lt || !rt) {
      if (l != r)
        return false;
      continue;
    }
    if (lt.getElementType() != rt.getElementType() ||
        lt.getRank() != rt.getRank() || lt.getEncoding() != rt.getEncoding())
      return false;
    for (auto [a, b] : llvm::zip(lt.getShape(), rt.getShape()))
      if (!isDyn(a) && !isDyn(b) && a != b)
        return false;
  }
  return true;
}

LogicalResult verifyInferredTypes(
    Operation *op, function_ref<LogicalResult(SmallVectorImpl<Type> &)> infer) {
  SmallVector<Type> types;
  if (failed(infer(types)))
    return failure();
  if (areCompatibleResultTypes(types, op->getResultTypes()))
    return success();
  InFlightDiagnostic diag = op->emitOpError();
  if (types.size() != op->getNumResults())
    return diag << "has " << op->getNumResults() << " results, expected "
                << types.size();
  for (auto [i, expected, actual] :
       llvm::enumerate(types, op->getResultTypes()))
    if (!areCompatibleResultTypes(expected, actual))
      return diag << "result " << i << " has type " << actual
                  << ", but the shape rules give " << expected;
  return diag;
}

FailureOr<int64_t> normalizeAxis(EmitErrorFn emitError, int64_t axis,
                                 int64_t rank, StringRef what,
                                 bool inclusiveEnd) {
  int64_t hi = inclusiveEnd ? rank : rank - 1;
  if (axis < -rank || axis > hi) {
    emitError() << what << " " << axis << " is out of range [" << -rank << ", "
                << hi << "] for rank " << rank;
    return failure();
  }
  return axis < 0 ? axis + rank : axis;
}

LogicalResult checkTensorLimits(EmitErrorFn emitError, Type type,
                                StringRef what) {
  auto shaped = dyn_cast<RankedTensorType>(type);
  if (!shaped)
    return success();
  int64_t bytes =
      std::max<int64_t>(1, (shaped.getElementTypeBitWidth() + 7) / 8);
  for (int64_t d : shaped.getShape()) {
    if (ShapedType::isDynamic(d))
      continue;
    if (d > kMaxDimension)
      return emitError() << what << " " << type << " has a dimension of " << d
                         << ", more than cnnc's limit of 2^31";
    // (bytes <= 2^47 and d <= 2^31: the product may not fit in int64.)
    std::optional<int64_t> product = llvm::checkedMul(bytes, d);
    if (!product || (bytes = *product) > kMaxTensorBytes)
      return emitError() << what << " " << type
                         << " needs more than 2^47 bytes, cnnc's limit";
  }
  return success();
}

LogicalResult buildWindowParams(EmitErrorFn emitError, size_t n,
                                std::optional<ArrayRef<int64_t>> strides,
                                std::optional<ArrayRef<int64_t>> dilations,
                                std::optional<ArrayRef<int64_t>> pads,
                                WindowParams &params) {
  auto fill = [&](std::optional<ArrayRef<int64_t>> attr, size_t size,
                  int64_t dflt, int64_t min, StringRef name,
                  Shape &out) -> LogicalResult {
    if (!attr) {
      out.assign(size, dflt);
      return success();
    }
    if (attr->size() != size)
      return emitError() << "expects " << size << " " << name << " values ("
                         << (size == 2 * n ? "begins then ends of "
                                           : "one per ")
                         << n << " spatial dimension" << (n == 1 ? "" : "s")
                         << "), got " << attr->size();
    for (int64_t v : *attr) {
      if (v < min)
        return emitError() << name << " must be "
                           << (min == 0 ? "non-negative" : "positive")
                           << ", got " << v;
      if (v > kMaxDimension)
        return emitError() << name << " value " << v
                           << " is more than cnnc's limit of 2^31";
    }
    out.assign(attr->begin(), attr->end());
    return success();
  };
  if (failed(fill(strides, n, 1, 1, "strides", params.strides)) ||
      failed(fill(dilations, n, 1, 1, "dilations", params.dilations)) ||
      failed(fill(pads, 2 * n, 0, 0, "pads", params.pads)))
    return failure();
  return success();
}

void resolveAutoPad(ArrayRef<int64_t> in, AutoPad autoPad,
                    WindowParams &params) {
  size_t n = in.size();
  if (autoPad == AutoPad::notset)
    return;
  for (size_t i = 0; i < n; ++i) {
    int64_t &begin = params.pads[i];
    int64_t &end = params.pads[n + i];
    if (autoPad == AutoPad::valid) {
      begin = end = 0;
      continue;
    }
    if (isDyn(in[i])) {
      begin = end = kDynamic;
      continue;
    }
    int64_t s = params.strides[i];
    int64_t out = (in[i] + s - 1) / s;
    int64_t eff = params.dilations[i] * (params.kernel[i] - 1) + 1;
    int64_t total = std::max<int64_t>((out - 1) * s + eff - in[i], 0);
    int64_t small = total / 2, large = total - total / 2;
    begin = autoPad == AutoPad::same_upper ? small : large;
    end = autoPad == AutoPad::same_upper ? large : small;
  }
}

FailureOr<ConvTransposePadding> resolveConvTransposePads(
    EmitErrorFn emitError, ArrayRef<int64_t> in, const WindowParams &params,
    ArrayRef<int64_t> outputPadding,
    std::optional<ArrayRef<int64_t>> outputShape, AutoPad autoPad) {
  size_t n = in.size();
  ConvTransposePadding result{params.pads, Shape(outputPadding)};
  if (outputShape && outputShape->size() != n) {
    emitError() << "expects " << n
                << " output_shape values (one per spatial dimension), got "
                << outputShape->size();
    return failure();
  }
  if (outputShape)
    for (int64_t d : *outputShape)
      if (d <= 0) {
        emitError() << "output_shape must be positive, got " << d;
        return failure();
      }
  if (!outputShape &&
      (autoPad == AutoPad::notset || autoPad == AutoPad::valid)) {
    if (autoPad == AutoPad::valid)
      result.pads.assign(2 * n, 0);
    return result;
  }
  for (size_t i = 0; i < n; ++i) {
    int64_t &begin = result.pads[i], &end = result.pads[n + i];
    if (isDyn(in[i])) {
      begin = end = kDynamic;
      continue;
    }
    int64_t s = params.strides[i];
    int64_t eff = params.dilations[i] * (params.kernel[i] - 1) + 1;
    int64_t full = s * (in[i] - 1) + outputPadding[i] + eff;
    int64_t target = outputShape ? (*outputShape)[i] : in[i] * s;
    int64_t total = full - target;
    if (total < 0) {
      begin = end = 0;
      result.outputPadding[i] -= total;
      continue;
    }
    bool upper = autoPad == AutoPad::same_upper;
    begin = upper ? total / 2 : total - total / 2;
    end = upper ? total - total / 2 : total / 2;
  }
  return result;
}

FailureOr<Shape> inferWindowOutput(EmitErrorFn emitError, ArrayRef<int64_t> in,
                                   const WindowParams &params, bool isPool) {
  size_t n = in.size();
  Shape out;
  for (size_t i = 0; i < n; ++i) {
    int64_t k = params.kernel[i], s = params.strides[i];
    int64_t d = params.dilations[i];
    int64_t pb = params.pads[i], pe = params.pads[n + i];
    if (k <= 0) {
      emitError() << "kernel size must be positive, got " << k
                  << " in spatial dimension " << i;
      return failure();
    }
    int64_t eff = d * (k - 1) + 1;
    if (isPool && !isDyn(pb) && !isDyn(pe) && (pb >= eff || pe >= eff)) {
      emitError() << "pads (" << pb << ", " << pe
                  << ") must be smaller than the kernel (" << eff
                  << ") in spatial dimension " << i;
      return failure();
    }
    if (isDyn(in[i]) || isDyn(pb) || isDyn(pe)) {
      out.push_back(kDynamic);
      continue;
    }
    int64_t padded = in[i] + pb + pe;
    if (padded < eff) {
      emitError() << "kernel of effective size " << eff
                  << " is larger than the padded input (" << padded
                  << ") in spatial dimension " << i;
      return failure();
    }
    int64_t span = padded - eff;
    int64_t size = (params.ceilMode ? (span + s - 1) / s : span / s) + 1;
    // ONNX and PyTorch drop a last window that would start in the end pad.
    if (params.ceilMode && (size - 1) * s >= in[i] + pb)
      --size;
    out.push_back(size);
  }
  return out;
}

FailureOr<Shape> broadcastShapes(EmitErrorFn emitError,
                                 ArrayRef<ArrayRef<int64_t>> shapes) {
  size_t rank = 0;
  for (ArrayRef<int64_t> s : shapes)
    rank = std::max(rank, s.size());
  Shape out(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t result = 1;
    bool dynamic = false;
    for (ArrayRef<int64_t> s : shapes) {
      if (i + s.size() < rank)
        continue;
      int64_t d = s[s.size() - rank + i];
      if (isDyn(d)) {
        dynamic = true;
        continue;
      }
      if (d == 1)
        continue;
      if (result != 1 && result != d) {
        emitError() << "operand shapes are not broadcast-compatible: sizes "
                    << result << " and " << d << " in result dimension " << i;
        return failure();
      }
      result = d;
    }
    out[i] = (dynamic && result == 1) ? kDynamic : result;
  }
  return out;
}

LogicalResult checkUnidirectionalBroadcast(EmitErrorFn emitError,
                                           ArrayRef<int64_t> from,
                                           ArrayRef<int64_t> to,
                                           StringRef what) {
  if (from.size() > to.size())
    return emitError() << what << " of rank " << from.size()
                       << " cannot broadcast to rank " << to.size();
  for (size_t i = 0; i < from.size(); ++i) {
    int64_t f = from[i], t = to[to.size() - from.size() + i];
    if (isDyn(f) || isDyn(t) || f == 1 || f == t)
      continue;
    return emitError() << what << " dimension " << i << " (" << f
                       << ") does not broadcast to " << t;
  }
  return success();
}

int64_t numElements(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (isDyn(d))
      return kDynamic;
    n *= d;
  }
  return n;
}

FailureOr<Shape> inferReshape(EmitErrorFn emitError, ArrayRef<int64_t> in,
                              ArrayRef<int64_t> shape, bool allowZero) {
  Shape out;
  int64_t inferIdx = -1;
  bool dynamic = false;
  for (auto [i, d] : llvm::enumerate(shape)) {
    if (d == -1) {
      if (inferIdx >= 0) {
        emitError() << "shape may contain -1 only once";
        return failure();
      }
      inferIdx = i;
      out.push_back(kDynamic);
    } else if (d < -1) {
      emitError() << "shape entry " << i << " is " << d
                  << "; only -1 (inferred) may be negative";
      return failure();
    } else if (d == 0 && !allowZero) {
      if (i >= in.size()) {
        emitError()
            << "shape entry " << i
            << " is 0 (copy the input dimension) but the input has rank "
            << in.size();
        return failure();
      }
      out.push_back(in[i]);
      dynamic |= isDyn(in[i]);
    } else {
      out.push_back(d);
    }
  }
  if (allowZero && inferIdx >= 0 && llvm::is_contained(shape, 0)) {
    emitError() << "shape cannot contain both 0 and -1 when allowzero is set";
    return failure();
  }
  int64_t total = numElements(in);
  if (isDyn(total) || dynamic)
    return out;
  int64_t known = 1;
  for (auto [i, d] : llvm::enumerate(out)) {
    if ((int64_t)i == inferIdx)
      continue;
    std::optional<int64_t> product = llvm::checkedMul(known, d);
    if (!product || d > kMaxDimension) {
      emitError() << "shape entry " << i << " (" << d
                  << ") makes the shape larger than cnnc's limits";
      return failure();
    }
    known = *product;
  }
  if (inferIdx >= 0) {
    if (known == 0 || total % known != 0) {
      emitError() << "cannot infer the -1 entry: " << total
                  << " elements are not a multiple of " << known;
      return failure();
    }
    out[inferIdx] = total / known;
  } else if (known != total) {
    emitError() << "shape has " << known << " elements but the input has "
                << total;
    return failure();
  }
  return out;
}

FailureOr<Shape> inferSlice(EmitErrorFn emitError, ArrayRef<int64_t> in,
                            ArrayRef<int64_t> starts, ArrayRef<int64_t> ends,
                            std::optional<ArrayRef<int64_t>> axes,
                            std::optional<ArrayRef<int64_t>> steps) {
  int64_t rank = in.size();
  size_t n = starts.size();
  if (ends.size() != n || (axes && axes->size() != n) ||
      (steps && steps->size() != n)) {
    emitError() << "starts, ends, axes and steps must have the same length";
    return failure();
  }
  Shape out(in.begin(), in.end());
  llvm::SmallVector<bool> seen(rank, false);
  for (size_t i = 0; i < n; ++i) {
    int64_t axis = axes ? (*axes)[i] : (int64_t)i;
    FailureOr<int64_t> a = normalizeAxis(emitError, axis, rank, "slice axis");
    if (failed(a))
      return failure();
    if (seen[*a]) {
      emitError() << "slice axis " << axis << " is repeated";
      return failure();
    }
    seen[*a] = true;
    int64_t step = steps ? (*steps)[i] : 1;
    if (step == 0) {
      emitError() << "slice step must not be 0";
      return failure();
    }
    int64_t d = in[*a];
    // A step of magnitude >= d selects one element at most; clamping it also
    // keeps -step from overflowing.
    if (!isDyn(d))
      step = std::clamp<int64_t>(step, -std::max<int64_t>(d, 1),
                                 std::max<int64_t>(d, 1));
    if (isDyn(d)) {
      out[*a] = kDynamic;
      continue;
    }
    if (d == 0) {
      out[*a] = 0;
      continue;
    }
    int64_t start = starts[i], end = ends[i];
    if (start < 0)
      start += d;
    if (end < 0)
      end += d;
    if (step > 0) {
      start = std::clamp<int64_t>(start, 0, d);
      end = std::clamp<int64_t>(end, 0, d);
      out[*a] = end > start ? (end - start + step - 1) / step : 0;
    } else {
      start = std::clamp<int64_t>(start, 0, d - 1);
      end = std::clamp<int64_t>(end, -1, d - 1);
      out[*a] = start > end ? (start - end - step - 1) / -step : 0;
    }
  }
  return out;
}

} // namespace cnnc::cnn
