//===- ResizeOps.cpp - ONNX Resize (Upsample arrives as Resize) -----------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Frontend/Onnx/NodeImporter.h"

#include "Cnn/IR/CnnOps.h"

#include <cmath>

using namespace mlir;

namespace cnnc::onnx_import {
namespace {

LogicalResult convertResize(NodeImporter &n) {
  MLIRContext *ctx = n.getContext();
  SmallVector<NamedAttribute> attrs;

  std::string mode = n.attrString("mode", "nearest");
  std::optional<cnn::ResizeMode> m = cnn::symbolizeResizeMode(mode);
  if (!m)
    return n.error() << "unsupported mode '" << mode
                     << "' (expected nearest, linear or cubic)";
  attrs.push_back(n.named("mode", cnn::ResizeModeAttr::get(ctx, *m)));

  std::string coord =
      n.attrString("coordinate_transformation_mode", "half_pixel");
  std::optional<cnn::CoordinateTransformMode> c =
      cnn::symbolizeCoordinateTransformMode(coord);
  if (!c)
    return n.error() << "unsupported coordinate_transformation_mode '" << coord
                     << "'";
  attrs.push_back(n.named("coordinate_transformation_mode",
                          cnn::CoordinateTransformModeAttr::get(ctx, *c)));

  std::string nearest = n.attrString("nearest_mode", "round_prefer_floor");
  std::optional<cnn::NearestMode> nm = cnn::symbolizeNearestMode(nearest);
  if (!nm)
    return n.error() << "unsupported nearest_mode '" << nearest << "'";
  attrs.push_back(n.named("nearest_mode", cnn::NearestModeAttr::get(ctx, *nm)));

  attrs.push_back(
      n.namedF32("cubic_coeff_a", n.attrFloat("cubic_coeff_a", -0.75f)));
  attrs.push_back(
      n.namedBool("exclude_outside", n.attrInt("exclude_outside", 0) != 0));
  attrs.push_back(n.namedF32("extrapolation_value",
                             n.attrFloat("extrapolation_value", 0.0f)));
  // (Nearest sampling ignores antialias.)
  if (n.attrInt("antialias", 0) && mode != "nearest")
    attrs.push_back(n.namedBool("antialias", true));

  int64_t rank = n.inputType(0).getRank();
  // Opset 18 may resize a subset of the axes.
  SmallVector<int64_t> axes;
  if (auto a = n.attrInts("axes")) {
    for (int64_t axis : *a) {
      if (axis < -rank || axis >= rank)
        return n.error() << "axis " << axis << " is out of range for rank "
                         << rank;
      axes.push_back(axis < 0 ? axis + rank : axis);
    }
  } else {
    for (int64_t i = 0; i < rank; ++i)
      axes.push_back(i);
  }

  // Inputs: X, roi, scales, sizes (opset 11+); an empty tensor means absent.
  auto present = [&](size_t i) {
    if (!n.hasInput(i))
      return false;
    RankedTensorType t = n.inputType(i);
    return t && t.getNumElements() != 0;
  };
  ArrayRef<int64_t> inShape = n.inputType(0).getShape();
  SmallVector<float> scales(rank, 1.0f);
  SmallVector<int64_t> sizes(inShape);
  bool haveScales = false, haveSizes = false;
  if (present(2)) {
    FailureOr<SmallVector<float>> s = n.floatsInput(2, "scales");
    if (failed(s))
      return failure();
    if (s->size() != axes.size())
      return n.error() << "expects " << axes.size() << " scales, got "
                       << s->size();
    for (auto [axis, v] : llvm::zip(axes, *s))
      scales[axis] = v;
    haveScales = true;
  }
  if (present(3)) {
    if (haveScales)
      return n.error() << "only one of scales and sizes may be given";
    FailureOr<SmallVector<int64_t>> s = n.intsInput(3, "sizes");
    if (failed(s))
      return failure();
    if (s->size() != axes.size())
      return n.error() << "expects " << axes.size() << " sizes, got "
                       << s->size();
    for (auto [axis, v] : llvm::zip(axes, *s))
      sizes[axis] = v;
    haveSizes = true;
    std::string policy = n.attrString("keep_aspect_ratio_policy", "stretch");
    if (policy != "stretch") {
      // One scale for all listed axes, then sizes rounded from it.
      if (policy != "not_larger" && policy != "not_smaller")
        return n.error() << "unsupported keep_aspect_ratio_policy '" << policy
                         << "'";
      double scale = policy == "not_larger" ? 1e300 : 0.0;
      for (int64_t axis : axes) {
        double r = double(sizes[axis]) / double(inShape[axis]);
        scale =
            policy == "not_larger" ? std::min(scale, r) : std::max(scale, r);
      }
      for (int64_t axis : axes) {
        scales[axis] = float(scale);
        sizes[axis] = (int64_t)std::round(scale * double(inShape[axis]));
      }
      haveScales = true;
    }
  }
  if (!haveScales && !haveSizes)
    return n.error() << "needs scales or sizes";
  if (haveScales)
    attrs.push_back(n.named("scales", DenseF32ArrayAttr::get(ctx, scales)));
  if (haveSizes)
    attrs.push_back(n.namedI64s("sizes", sizes));

  if (*c == cnn::CoordinateTransformMode::tf_crop_and_resize) {
    if (!present(1))
      return n.error() << "tf_crop_and_resize needs roi";
    FailureOr<SmallVector<float>> roi = n.floatsInput(1, "roi");
    if (failed(roi))
      return failure();
    if (roi->size() != 2 * axes.size())
      return n.error() << "expects " << 2 * axes.size() << " roi values, got "
                       << roi->size();
    SmallVector<float> full(2 * rank, 0.0f);
    for (int64_t i = 0; i < rank; ++i)
      full[rank + i] = 1.0f;
    for (auto [i, axis] : llvm::enumerate(axes)) {
      full[axis] = (*roi)[i];
      full[rank + axis] = (*roi)[axes.size() + i];
    }
    attrs.push_back(n.named("roi", DenseF32ArrayAttr::get(ctx, full)));
  }
  return n.createAsOutput("cnn.resize", {n.input(0)}, attrs);
}

} // namespace

void registerResizeConverters(ConverterTable &table) {
  table["Resize"] = convertResize;
}

} // namespace cnnc::onnx_import
