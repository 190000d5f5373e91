//===- ConvPoolOps.cpp - ONNX convolution, pooling, normalization ---------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Frontend/Onnx/NodeImporter.h"

#include "Cnn/IR/CnnOps.h"

using namespace mlir;

namespace cnnc::onnx_import {
namespace {

/// Adds `auto_pad`, `strides`, `pads` (and `dilations`) as given on the node.
LogicalResult addWindowAttrs(NodeImporter &n,
                             SmallVectorImpl<NamedAttribute> &attrs,
                             bool withDilations) {
  std::string autoPad = n.attrString("auto_pad", "NOTSET");
  std::optional<cnn::AutoPad> mode;
  if (autoPad == "NOTSET")
    mode = cnn::AutoPad::notset;
  else if (autoPad == "SAME_UPPER")
    mode = cnn::AutoPad::same_upper;
  else if (autoPad == "SAME_LOWER")
    mode = cnn::AutoPad::same_lower;
  else if (autoPad == "VALID")
    mode = cnn::AutoPad::valid;
  else
    return n.error() << "unsupported auto_pad value '" << autoPad
                     << "' (expected NOTSET, SAME_UPPER, SAME_LOWER or VALID)";
  if (*mode != cnn::AutoPad::notset)
    attrs.push_back(
        n.named("auto_pad", cnn::AutoPadAttr::get(n.getContext(), *mode)));
  if (auto strides = n.attrInts("strides"))
    attrs.push_back(n.namedI64s("strides", *strides));
  // ONNX allows pads with auto_pad only when they are all zero (exporters
  // write them so); drop those, keep others for the verifier to reject.
  if (auto pads = n.attrInts("pads"))
    if (*mode == cnn::AutoPad::notset ||
        llvm::any_of(*pads, [](int64_t p) { return p != 0; }))
      attrs.push_back(n.namedI64s("pads", *pads));
  if (withDilations)
    if (auto dilations = n.attrInts("dilations"))
      attrs.push_back(n.namedI64s("dilations", *dilations));
  return success();
}

/// Checks an optional kernel_shape attribute against the weight's kernel.
LogicalResult checkKernelShape(NodeImporter &n, RankedTensorType weight) {
  std::optional<SmallVector<int64_t>> ks = n.attrInts("kernel_shape");
  if (!ks || !weight || weight.getRank() < 2)
    return success();
  ArrayRef<int64_t> actual = weight.getShape().drop_front(2);
  if (ArrayRef<int64_t>(*ks) != actual) {
    InFlightDiagnostic diag = n.error();
    diag << "kernel_shape [";
    llvm::interleaveComma(*ks, diag);
    diag << "] disagrees with the weight's kernel [";
    llvm::interleaveComma(actual, diag);
    return diag << "]";
  }
  return success();
}

SmallVector<Value> presentInputs(NodeImporter &n, size_t count) {
  SmallVector<Value> operands;
  for (size_t i = 0; i < count; ++i)
    if (n.hasInput(i))
      operands.push_back(n.input(i));
  return operands;
}

LogicalResult convertConv(NodeImporter &n) {
  SmallVector<NamedAttribute> attrs;
  if (failed(addWindowAttrs(n, attrs, /*withDilations=*/true)) ||
      failed(checkKernelShape(n, n.inputType(1))))
    return failure();
  attrs.push_back(n.namedI64("group", n.attrInt("group", 1)));
  return n.createAsOutput("cnn.conv", presentInputs(n, 3), attrs);
}

LogicalResult convertConvTranspose(NodeImporter &n) {
  SmallVector<NamedAttribute> attrs;
  if (failed(addWindowAttrs(n, attrs, /*withDilations=*/true)) ||
      failed(checkKernelShape(n, n.inputType(1))))
    return failure();
  attrs.push_back(n.namedI64("group", n.attrInt("group", 1)));
  if (auto op = n.attrInts("output_padding"))
    attrs.push_back(n.namedI64s("output_padding", *op));
  if (auto shape = n.attrInts("output_shape")) {
    // Exporters write either the spatial sizes or the whole shape.
    RankedTensorType x = n.inputType(0);
    SmallVector<int64_t> spatial = *shape;
    if (x && (int64_t)spatial.size() == x.getRank())
      spatial.erase(spatial.begin(), spatial.begin() + 2);
    attrs.push_back(n.namedI64s("output_shape", spatial));
  }
  return n.createAsOutput("cnn.conv_transpose", presentInputs(n, 3), attrs);
}

LogicalResult convertMaxPool(NodeImporter &n) {
  SmallVector<NamedAttribute> attrs;
  if (failed(addWindowAttrs(n, attrs, /*withDilations=*/true)))
    return failure();
  std::optional<SmallVector<int64_t>> kernel = n.attrInts("kernel_shape");
  if (!kernel)
    return n.error() << "kernel_shape is required";
  attrs.push_back(n.namedI64s("kernel_shape", *kernel));
  if (n.attrInt("ceil_mode", 0))
    attrs.push_back(n.namedBool("ceil_mode", true));
  if (int64_t order = n.attrInt("storage_order", 0))
    attrs.push_back(n.namedI64("storage_order", order));
  unsigned numResults = n.hasOutput(1) ? 2 : 1;
  Operation *op = n.create("cnn.max_pool", {n.input(0)}, attrs, numResults);
  if (!op)
    return failure();
  n.setOutput(0, op->getResult(0));
  if (numResults == 2)
    n.setOutput(1, op->getResult(1));
  return success();
}

LogicalResult convertAveragePool(NodeImporter &n) {
  SmallVector<NamedAttribute> attrs;
  if (failed(addWindowAttrs(n, attrs, /*withDilations=*/true)))
    return failure();
  std::optional<SmallVector<int64_t>> kernel = n.attrInts("kernel_shape");
  if (!kernel)
    return n.error() << "kernel_shape is required";
  attrs.push_back(n.namedI64s("kernel_shape", *kernel));
  if (n.attrInt("ceil_mode", 0))
    attrs.push_back(n.namedBool("ceil_mode", true));
  if (n.attrInt("count_include_pad", 0))
    attrs.push_back(n.namedBool("count_include_pad", true));
  return n.createAsOutput("cnn.avg_pool", {n.input(0)}, attrs);
}

LogicalResult convertMaxUnpool(NodeImporter &n) {
  SmallVector<NamedAttribute> attrs;
  std::optional<SmallVector<int64_t>> kernel = n.attrInts("kernel_shape");
  if (!kernel)
    return n.error() << "kernel_shape is required";
  attrs.push_back(n.namedI64s("kernel_shape", *kernel));
  if (auto strides = n.attrInts("strides"))
    attrs.push_back(n.namedI64s("strides", *strides));
  if (auto pads = n.attrInts("pads"))
    attrs.push_back(n.namedI64s("pads", *pads));
  if (n.hasInput(2)) {
    FailureOr<SmallVector<int64_t>> shape = n.intsInput(2, "output_shape");
    if (failed(shape))
      return failure();
    attrs.push_back(n.namedI64s("output_shape", *shape));
  }
  return n.createAsOutput("cnn.max_unpool", {n.input(0), n.input(1)}, attrs);
}

LogicalResult convertGlobalAveragePool(NodeImporter &n) {
  return n.createAsOutput("cnn.global_avg_pool", {n.input(0)});
}

LogicalResult convertGlobalMaxPool(NodeImporter &n) {
  return n.createAsOutput("cnn.global_max_pool", {n.input(0)});
}

LogicalResult convertBatchNorm(NodeImporter &n) {
  if (n.attrInt("training_mode", 0))
    return n.error() << "training_mode = 1 is not supported (cnnc compiles "
                        "inference)";
  for (size_t i = 1; i < n.numOutputs(); ++i)
    if (n.hasOutput(i))
      return n.error() << "the running statistics output " << i
                       << " exists only in training mode";
  return n.createAsOutput(
      "cnn.batch_norm", presentInputs(n, 5),
      {n.namedF32("epsilon", n.attrFloat("epsilon", 1e-5f))});
}

/// GlobalLpPool: (sum |x|^p)^(1/p) over the spatial axes, kept as 1s: the
/// L1 or L2 reduction (p = 1 or 2, the ones networks use).
LogicalResult convertGlobalLpPool(NodeImporter &n) {
  int64_t p = n.attrInt("p", 2);
  if (p != 1 && p != 2)
    return n.error() << "p = " << p << " is not supported (1 or 2)";
  RankedTensorType type = n.inputType(0);
  if (!type || type.getRank() < 3)
    return n.error() << "GlobalLpPool needs an [N, C, spatial...] input";
  SmallVector<int64_t> axes;
  for (int64_t i = 2; i < type.getRank(); ++i)
    axes.push_back(i);
  return n.createAsOutput(
      "cnn.reduce", {n.input(0)},
      {n.named("kind", cnn::ReductionAttr::get(n.getContext(),
                                               p == 1 ? cnn::Reduction::l1
                                                      : cnn::Reduction::l2)),
       n.namedI64s("axes", axes), n.namedBool("keepdims", true)});
}

LogicalResult convertInstanceNorm(NodeImporter &n) {
  return n.createAsOutput(
      "cnn.instance_norm", presentInputs(n, 3),
      {n.namedF32("epsilon", n.attrFloat("epsilon", 1e-5f))});
}

/// LayerNormalization: Y and, when the graph reads them, Mean and
/// InvStdDev (stash_type 1, float32 statistics, is the only kind cnnc has).
LogicalResult convertLayerNorm(NodeImporter &n) {
  if (n.attrInt("stash_type", 1) != 1)
    return n.error() << "stash_type = " << n.attrInt("stash_type", 1)
                     << " is not supported (float32 statistics only)";
  Operation *op =
      n.create("cnn.layer_norm", presentInputs(n, 3),
               {n.namedI64("axis", n.attrInt("axis", -1)),
                n.namedF32("epsilon", n.attrFloat("epsilon", 1e-5f))},
               /*numResults=*/3);
  if (!op)
    return failure();
  for (size_t i = 0; i < 3 && i < n.numOutputs(); ++i)
    if (n.hasOutput(i))
      n.setOutput(i, op->getResult(i));
  return success();
}

LogicalResult convertLrn(NodeImporter &n) {
  if (!n.attr("size"))
    return n.error() << "size is required";
  return n.createAsOutput("cnn.lrn", {n.input(0)},
                          {n.namedI64("size", n.attrInt("size", 0)),
                           n.namedF32("alpha", n.attrFloat("alpha", 1e-4f)),
                           n.namedF32("beta", n.attrFloat("beta", 0.75f)),
                           n.namedF32("bias", n.attrFloat("bias", 1.0f))});
}

} // namespace

void registerConvPoolConverters(ConverterTable &table) {
  table["Conv"] = convertConv;
  table["ConvTranspose"] = convertConvTranspose;
  table["MaxPool"] = convertMaxPool;
  table["AveragePool"] = convertAveragePool;
  table["MaxUnpool"] = convertMaxUnpool;
  table["GlobalAveragePool"] = convertGlobalAveragePool;
  table["GlobalMaxPool"] = convertGlobalMaxPool;
  table["BatchNormalization"] = convertBatchNorm;
  table["InstanceNormalization"] = convertInstanceNorm;
  table["LRN"] = convertLrn;
  table["LayerNormalization"] = convertLayerNorm;
  table["GlobalLpPool"] = convertGlobalLpPool;
}

} // namespace cnnc::onnx_import
