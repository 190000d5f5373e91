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

std::optional<std::vector<float>> readF32Values(Value v) {
  Attribute attr;
  if (!v || !matchPattern(v, m_Constant(&attr)))
    return std::nullopt;
  auto type = dyn_cast<RankedTensorType>(v.getType());
  if (!type || !type.getElementType().isF32() || !type.hasStaticShape())
    return std::nullopt;
  size_t count = type.getNumElements();
  if (auto dense = dyn_cast<DenseElementsAttr>(attr)) {
    auto values = dense.getValues<float>();
    return std::vector<float>(values.begin(), values.end());
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return std::nullopt;
    ArrayRef<char> data = blob->getData();
    if (data.size() != count * sizeof(float))
      return std::nullopt;
    std::vector<float> values(count);
    std::memcpy(values.data(), data.data(), data.size());
    return values;
  }
  return std::nullopt;
}

std::optional<F32Constant> F32Constant::read(Value v) {
  Attribute attr;
  if (!v || !matchPattern(v, m_Constant(&attr)))
    return std::nullopt;
  auto type = dyn_cast<RankedTensorType>(v.getType());
  if (!type || !type.getElementType().isF32() || !type.hasStaticShape())
    return std::nullopt;
  size_t count = type.getNumElements();
  auto aligned = [](ArrayRef<char> data) {
    return reinterpret_cast<uintptr_t>(data.data()) % alignof(float) == 0;
  };
  F32Constant c;
  ArrayRef<char> raw;
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    if (AsmResourceBlob *blob = resource.getRawHandle().getBlob())
      raw = blob->getData();
    if (raw.size() != count * sizeof(float))
      return std::nullopt;
  } else if (auto dense = dyn_cast<DenseElementsAttr>(attr);
             dense && !dense.isSplat()) {
    raw = dense.getRawData();
  }
  if (raw.size() == count * sizeof(float) && aligned(raw)) {
    c.view =
        ArrayRef<float>(reinterpret_cast<const float *>(raw.data()), count);
    return c;
  }
  std::optional<std::vector<float>> values = readF32Values(v);
  if (!values)
    return std::nullopt;
  c.owned = std::move(*values);
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
