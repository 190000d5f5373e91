//===- Utils.cpp - helpers shared by the cnn to linalg patterns -----------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/CnnToLinalg/Utils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace cnnc {

Value floatConst(OpBuilder &b, Location loc, Type type, double value) {
  return arith::ConstantOp::create(b, loc, type, b.getFloatAttr(type, value));
}

Value indexConst(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}

Value emptyTensor(OpBuilder &b, Location loc, RankedTensorType type) {
  return tensor::EmptyOp::create(b, loc, type.getShape(),
                                 type.getElementType());
}

Value filledTensor(OpBuilder &b, Location loc, RankedTensorType type,
                   Value value) {
  Value empty = emptyTensor(b, loc, type);
  return linalg::FillOp::create(b, loc, value, empty).getResult(0);
}

AffineMap broadcastMap(MLIRContext *ctx, ArrayRef<int64_t> in,
                       ArrayRef<int64_t> out) {
  SmallVector<AffineExpr> exprs;
  size_t offset = out.size() - in.size();
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == 1 && out[offset + i] != 1)
      exprs.push_back(getAffineConstantExpr(0, ctx));
    else
      exprs.push_back(getAffineDimExpr(offset + i, ctx));
  }
  return AffineMap::get(out.size(), 0, exprs, ctx);
}

SmallVector<utils::IteratorType> parallelIterators(unsigned count) {
  return SmallVector<utils::IteratorType>(count, utils::IteratorType::parallel);
}

Value buildElementwise(OpBuilder &b, Location loc, ValueRange inputs,
                       RankedTensorType resultType, BodyBuilder body) {
  MLIRContext *ctx = b.getContext();
  ArrayRef<int64_t> out = resultType.getShape();
  SmallVector<AffineMap> maps;
  for (Value in : inputs)
    maps.push_back(broadcastMap(ctx, tensorType(in).getShape(), out));
  maps.push_back(AffineMap::getMultiDimIdentityMap(out.size(), ctx));
  Value init = emptyTensor(b, loc, resultType);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, inputs, ValueRange{init}, maps,
      parallelIterators(out.size()),
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value r = body(nb, nloc, args.drop_back());
        linalg::YieldOp::create(nb, nloc, r);
      });
  return generic.getResult(0);
}

static bool isZeroPadding(ArrayRef<int64_t> low, ArrayRef<int64_t> high) {
  return llvm::all_of(low, [](int64_t v) { return v == 0; }) &&
         llvm::all_of(high, [](int64_t v) { return v == 0; });
}

Value padConstant(OpBuilder &b, Location loc, Value input,
                  ArrayRef<int64_t> low, ArrayRef<int64_t> high, Value value) {
  if (isZeroPadding(low, high))
    return input;
  RankedTensorType type = tensorType(input);
  SmallVector<int64_t> shape;
  for (auto [d, l, h] : llvm::zip(type.getShape(), low, high))
    shape.push_back(d + l + h);
  auto resultType = RankedTensorType::get(shape, type.getElementType());
  SmallVector<OpFoldResult> lowOfr, highOfr;
  for (int64_t v : low)
    lowOfr.push_back(b.getIndexAttr(v));
  for (int64_t v : high)
    highOfr.push_back(b.getIndexAttr(v));
  return tensor::PadOp::create(b, loc, resultType, input, lowOfr, highOfr,
                               value)
      .getResult();
}

Value paddedBuffer(OpBuilder &b, Location loc, Value input,
                   ArrayRef<int64_t> low, ArrayRef<int64_t> high, Value value) {
  if (isZeroPadding(low, high))
    return input;
  RankedTensorType type = tensorType(input);
  SmallVector<int64_t> shape;
  SmallVector<OpFoldResult> offsets, sizes, ones;
  for (auto [d, l, h] : llvm::zip(type.getShape(), low, high)) {
    shape.push_back(d + l + h);
    offsets.push_back(b.getIndexAttr(l));
    sizes.push_back(b.getIndexAttr(d));
    ones.push_back(b.getIndexAttr(1));
  }
  auto paddedType = RankedTensorType::get(shape, type.getElementType());
  Value fresh =
      bufferization::AllocTensorOp::create(b, loc, paddedType, ValueRange{});
  Value filled = linalg::FillOp::create(b, loc, value, fresh).getResult(0);
  return tensor::InsertSliceOp::create(b, loc, input, filled, offsets, sizes,
                                       ones);
}

Value reshapeTensor(OpBuilder &b, Location loc, Value input,
                    RankedTensorType type) {
  RankedTensorType inType = tensorType(input);
  if (inType == type)
    return input;
  int64_t count = inType.getNumElements();
  auto flatType = RankedTensorType::get({count}, inType.getElementType());
  Value flat = input;
  if (inType.getRank() != 1) {
    SmallVector<ReassociationIndices> all(1);
    for (int64_t i = 0; i < inType.getRank(); ++i)
      all[0].push_back(i);
    if (inType.getRank() == 0)
      flat = tensor::ExpandShapeOp::create(b, loc, flatType, input,
                                           ArrayRef<ReassociationIndices>{});
    else
      flat = tensor::CollapseShapeOp::create(b, loc, flatType, input, all);
  }
  if (type.getRank() == 1)
    return flat;
  if (type.getRank() == 0)
    return tensor::CollapseShapeOp::create(b, loc, type, flat,
                                           ArrayRef<ReassociationIndices>{});
  SmallVector<ReassociationIndices> all(1);
  for (int64_t i = 0; i < type.getRank(); ++i)
    all[0].push_back(i);
  return tensor::ExpandShapeOp::create(b, loc, type, flat, all);
}

Value mappedCopy(OpBuilder &b, Location loc, Value input, AffineMap inputMap,
                 RankedTensorType type) {
  SmallVector<AffineMap> maps = {inputMap, AffineMap::getMultiDimIdentityMap(
                                               type.getRank(), b.getContext())};
  return linalg::GenericOp::create(
             b, loc, TypeRange{type}, ValueRange{input},
             ValueRange{emptyTensor(b, loc, type)}, maps,
             parallelIterators(type.getRank()),
             [](OpBuilder &nb, Location l, ValueRange args) {
               linalg::YieldOp::create(nb, l, args[0]);
             })
      .getResult(0);
}

Value lowestFloat(OpBuilder &b, Location loc, Type type) {
  auto ft = cast<FloatType>(type);
  APFloat v = APFloat::getLargest(ft.getFloatSemantics(), /*Negative=*/true);
  return arith::ConstantOp::create(b, loc, type, b.getFloatAttr(type, v));
}

} // namespace cnnc
