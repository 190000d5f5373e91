//===- CnnConstants.cpp - constant tensors of the cnn dialect -------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "Cnn/IR/CnnConstants.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"

#include <cmath>
#include <cstring>

using namespace mlir;

namespace cnnc::cnn {

namespace {

/// The constant attribute of a static f32 tensor value, and its element
/// count.
std::optional<std::pair<Attribute, size_t>> f32Constant(Value v) {
  Attribute attr;
  if (!v || !matchPattern(v, m_Constant(&attr)))
    return std::nullopt;
  auto type = dyn_cast<RankedTensorType>(v.getType());
  if (!type || !type.getElementType().isF32() || !type.hasStaticShape())
    return std::nullopt;
  return std::make_pair(attr, size_t(type.getNumElements()));
}

/// The `count` elements as the attribute stores them (a resource blob, a
/// non-splat dense attribute), aligned for float; nullopt otherwise.
std::optional<ArrayRef<float>> storedF32(Attribute attr, size_t count) {
  ArrayRef<char> raw;
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    if (AsmResourceBlob *blob = resource.getRawHandle().getBlob())
      raw = blob->getData();
  } else if (auto dense = dyn_cast<DenseElementsAttr>(attr);
             dense && !dense.isSplat()) {
    raw = dense.getRawData();
  }
  if (!raw.data() || raw.size() != count * sizeof(float) ||
      reinterpret_cast<uintptr_t>(raw.data()) % alignof(float) != 0)
    return std::nullopt;
  return ArrayRef<float>(reinterpret_cast<const float *>(raw.data()), count);
}

} // namespace

std::optional<std::vector<float>> readF32Values(Value v) {
  std::optional<F32Constant> c = F32Constant::read(v);
  if (!c)
    return std::nullopt;
  return std::vector<float>(c->values().begin(), c->values().end());
}

std::optional<F32Constant> F32Constant::read(Value v) {
  std::optional<std::pair<Attribute, size_t>> constant = f32Constant(v);
  if (!constant)
    return std::nullopt;
  auto [attr, count] = *constant;
  F32Constant c;
  if (std::optional<ArrayRef<float>> stored = storedF32(attr, count)) {
    c.view = *stored;
    return c;
  }
  // Splats, and storage not aligned for float (external data at any
  // offset): copied.
  if (auto dense = dyn_cast<DenseElementsAttr>(attr)) {
    auto values = dense.getValues<float>();
    c.owned.assign(values.begin(), values.end());
  } else if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob || blob->getData().size() != count * sizeof(float))
      return std::nullopt;
    c.owned.resize(count);
    std::memcpy(c.owned.data(), blob->getData().data(), count * sizeof(float));
  } else {
    return std::nullopt;
  }
  c.view = c.owned;
  return c;
}

Value createF32Constant(OpBuilder &b, Location loc, RankedTensorType type,
                        ArrayRef<float> values, StringRef name) {
  AsmResourceBlob blob = HeapAsmResourceBlob::allocateAndCopyWithAlign(
      ArrayRef<char>(reinterpret_cast<const char *>(values.data()),
                     values.size() * sizeof(float)),
      alignof(float));
  auto attr = DenseResourceElementsAttr::get(type, name, std::move(blob));
  return ConstantOp::create(b, loc, type, attr);
}

std::optional<ChannelAffine> batchNormAffine(BatchNormOp op) {
  std::optional<std::vector<float>> gamma = readF32Values(op.getScale()),
                                    beta = readF32Values(op.getBias()),
                                    mean = readF32Values(op.getMean()),
                                    var = readF32Values(op.getVariance());
  auto type = dyn_cast<RankedTensorType>(op.getInput().getType());
  if (!gamma || !beta || !mean || !var || !type || type.getRank() < 2 ||
      type.isDynamicDim(1))
    return std::nullopt;
  size_t c = type.getDimSize(1);
  if (gamma->size() != c || beta->size() != c || mean->size() != c ||
      var->size() != c)
    return std::nullopt;
  double eps = op.getEpsilon().convertToDouble();
  ChannelAffine affine;
  affine.scale.resize(c);
  affine.shift.resize(c);
  for (size_t i = 0; i < c; ++i) {
    affine.scale[i] = (*gamma)[i] / std::sqrt(double((*var)[i]) + eps);
    affine.shift[i] = (*beta)[i] - (*mean)[i] * affine.scale[i];
  }
  return affine;
}

} // namespace cnnc::cnn
