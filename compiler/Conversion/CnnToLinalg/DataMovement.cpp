//===- DataMovement.cpp - concat, slice, pad, reshapes, gathers -----------===//
//
// Part of cnnc.
//
/// Pure data movement lowers to `tensor` ops where they express it directly
/// (insert/extract_slice, pad, reshapes) and to `linalg.transpose` or
/// `linalg.generic` with affine index maps otherwise (strided slices with any
/// step, broadcasts); gathers read their data with `tensor.extract` inside a
/// generic.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/CnnToLinalg/Patterns.h"
#include "compiler/Conversion/CnnToLinalg/Utils.h"

#include "Cnn/IR/CnnOps.h"
#include "Cnn/IR/CnnShapeInference.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace cnnc::cnn;

namespace cnnc {
namespace {

template <typename OpTy> struct Lowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
};

/// Reshape-like ops: the result type says it all.
template <typename OpTy> struct ReshapeLowering : Lowering<OpTy> {
  using Lowering<OpTy>::Lowering;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    if (!type.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic shape");
    rewriter.replaceOp(
        op, reshapeTensor(rewriter, op.getLoc(), adaptor.getInput(), type));
    return success();
  }
};

/// Offsets, sizes and unit strides of the block of shape `shape` that starts
/// at `offset` along `axis` (the pieces of a concat or split).
struct AxisBlock {
  SmallVector<OpFoldResult> offsets, sizes, strides;
  AxisBlock(Builder &b, ArrayRef<int64_t> shape, int64_t axis, int64_t offset) {
    offsets.assign(shape.size(), b.getIndexAttr(0));
    offsets[axis] = b.getIndexAttr(offset);
    strides.assign(shape.size(), b.getIndexAttr(1));
    for (int64_t d : shape)
      sizes.push_back(b.getIndexAttr(d));
  }
};

struct ConcatLowering : Lowering<ConcatOp> {
  using Lowering::Lowering;
  LogicalResult
  matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    int64_t rank = type.getRank();
    int64_t axis = (int64_t)op.getAxis();
    if (axis < 0)
      axis += rank;
    Location loc = op.getLoc();
    Value result = emptyTensor(rewriter, loc, type);
    int64_t offset = 0;
    for (Value in : adaptor.getInputs()) {
      RankedTensorType t = tensorType(in);
      // An empty piece adds nothing (its slice would start past the end).
      if (t.hasStaticShape() && t.getNumElements() == 0)
        continue;
      AxisBlock block(rewriter, t.getShape(), axis, offset);
      result = tensor::InsertSliceOp::create(
          rewriter, loc, in, result, block.offsets, block.sizes, block.strides);
      offset += t.getDimSize(axis);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct SplitLowering : Lowering<SplitOp> {
  using Lowering::Lowering;
  LogicalResult
  matchAndRewrite(SplitOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    RankedTensorType in = tensorType(adaptor.getInput());
    int64_t rank = in.getRank();
    int64_t axis = (int64_t)op.getAxis();
    if (axis < 0)
      axis += rank;
    SmallVector<Value> results;
    int64_t offset = 0;
    for (Value out : op.getOutputs()) {
      auto t = cast<RankedTensorType>(out.getType());
      if (t.getNumElements() == 0) {
        results.push_back(emptyTensor(rewriter, op.getLoc(), t));
        continue;
      }
      AxisBlock block(rewriter, t.getShape(), axis, offset);
      results.push_back(tensor::ExtractSliceOp::create(
          rewriter, op.getLoc(), t, adaptor.getInput(), block.offsets,
          block.sizes, block.strides));
      offset += t.getDimSize(axis);
    }
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// Slice: an extract_slice with |step| strides starting at the lowest index
/// taken, then a reversal of the dimensions with negative steps.
struct SliceLowering : Lowering<SliceOp> {
  using Lowering::Lowering;
  LogicalResult
  matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType in = tensorType(adaptor.getInput());
    auto out = cast<RankedTensorType>(op.getType());
    if (out.getNumElements() == 0) {
      rewriter.replaceOp(op, emptyTensor(rewriter, loc, out));
      return success();
    }
    int64_t rank = in.getRank();
    SmallVector<int64_t> start(rank, 0), step(rank, 1);
    ArrayRef<int64_t> starts = op.getStarts();
    for (size_t i = 0; i < starts.size(); ++i) {
      int64_t axis = op.getAxes() ? (*op.getAxes())[i] : (int64_t)i;
      if (axis < 0)
        axis += rank;
      int64_t d = in.getDimSize(axis);
      int64_t s = op.getSteps() ? (*op.getSteps())[i] : 1;
      s = std::clamp<int64_t>(s, -std::max<int64_t>(d, 1),
                              std::max<int64_t>(d, 1));
      int64_t b = starts[i] < 0 ? starts[i] + d : starts[i];
      b = s > 0 ? std::clamp<int64_t>(b, 0, d)
                : std::clamp<int64_t>(b, 0, std::max<int64_t>(d - 1, 0));
      start[axis] = b;
      step[axis] = s;
    }
    SmallVector<OpFoldResult> offsets, sizes, strides;
    bool reverse = false;
    for (int64_t i = 0; i < rank; ++i) {
      int64_t n = out.getDimSize(i);
      int64_t lowest = step[i] > 0 ? start[i] : start[i] + (n - 1) * step[i];
      reverse |= step[i] < 0;
      offsets.push_back(rewriter.getIndexAttr(lowest));
      sizes.push_back(rewriter.getIndexAttr(n));
      strides.push_back(rewriter.getIndexAttr(std::abs(step[i])));
    }
    Value slice = tensor::ExtractSliceOp::create(
        rewriter, loc, out, adaptor.getInput(), offsets, sizes, strides);
    if (reverse) {
      MLIRContext *ctx = rewriter.getContext();
      SmallVector<AffineExpr> exprs;
      for (int64_t i = 0; i < rank; ++i) {
        AffineExpr d = getAffineDimExpr(i, ctx);
        exprs.push_back(step[i] < 0 ? (out.getDimSize(i) - 1) - d : d);
      }
      SmallVector<AffineMap> maps = {
          AffineMap::get(rank, 0, exprs, ctx),
          AffineMap::getMultiDimIdentityMap(rank, ctx)};
      slice = linalg::GenericOp::create(
                  rewriter, loc, TypeRange{out}, ValueRange{slice},
                  ValueRange{emptyTensor(rewriter, loc, out)}, maps,
                  parallelIterators(rank),
                  [](OpBuilder &b, Location l, ValueRange args) {
                    linalg::YieldOp::create(b, l, args[0]);
                  })
                  .getResult(0);
    }
    rewriter.replaceOp(op, slice);
    return success();
  }
};

/// Pad: constant mode is tensor.pad (after cropping negative pads); edge and
/// reflect read the clamped or mirrored index with tensor.extract.
struct PadLowering : Lowering<PadOp> {
  using Lowering::Lowering;
  LogicalResult
  matchAndRewrite(PadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    RankedTensorType in = tensorType(input);
    auto out = cast<RankedTensorType>(op.getType());
    int64_t rank = in.getRank();
    ArrayRef<int64_t> pads = op.getPads();
    if (op.getMode() == PadMode::constant) {
      // Crop first where pads are negative.
      SmallVector<OpFoldResult> offsets, sizes,
          strides(rank, rewriter.getIndexAttr(1));
      SmallVector<int64_t> cropped;
      SmallVector<int64_t> low, high;
      bool crop = false;
      for (int64_t i = 0; i < rank; ++i) {
        int64_t b = pads[i], e = pads[rank + i];
        int64_t cb = b < 0 ? -b : 0, ce = e < 0 ? -e : 0;
        crop |= cb || ce;
        offsets.push_back(rewriter.getIndexAttr(cb));
        cropped.push_back(in.getDimSize(i) - cb - ce);
        sizes.push_back(rewriter.getIndexAttr(cropped.back()));
        low.push_back(std::max<int64_t>(b, 0));
        high.push_back(std::max<int64_t>(e, 0));
      }
      if (crop)
        input = tensor::ExtractSliceOp::create(
            rewriter, loc, RankedTensorType::get(cropped, in.getElementType()),
            input, offsets, sizes, strides);
      Value value = floatConst(rewriter, loc, in.getElementType(),
                               op.getValue().convertToDouble());
      if (!isa<FloatType>(in.getElementType()))
        value = arith::ConstantOp::create(
            rewriter, loc, in.getElementType(),
            rewriter.getIntegerAttr(in.getElementType(),
                                    (int64_t)op.getValue().convertToDouble()));
      rewriter.replaceOp(op,
                         padConstant(rewriter, loc, input, low, high, value));
      return success();
    }
    bool reflect = op.getMode() == PadMode::reflect;
    bool wrap = op.getMode() == PadMode::wrap;
    Value init = emptyTensor(rewriter, loc, out);
    SmallVector<AffineMap> maps = {
        AffineMap::getMultiDimIdentityMap(rank, rewriter.getContext())};
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{out}, ValueRange{}, ValueRange{init}, maps,
        parallelIterators(rank), [&](OpBuilder &b, Location l, ValueRange) {
          SmallVector<Value> idx;
          for (int64_t i = 0; i < rank; ++i) {
            Value o = linalg::IndexOp::create(b, l, i);
            Value p = arith::SubIOp::create(b, l, o, indexConst(b, l, pads[i]));
            int64_t d = in.getDimSize(i);
            Value last = indexConst(b, l, d - 1);
            Value zero = indexConst(b, l, 0);
            if (reflect) {
              // Mirror without repeating the border: -k -> k, d-1+k -> d-1-k.
              Value neg = arith::SubIOp::create(b, l, zero, p);
              p = arith::MaxSIOp::create(b, l, p, neg);
              Value over = arith::SubIOp::create(
                  b, l, arith::MulIOp::create(b, l, last, indexConst(b, l, 2)),
                  p);
              p = arith::MinSIOp::create(b, l, p, over);
            } else if (wrap) {
              // ((p mod d) + d) mod d: the torus index, pads of any size.
              Value dv = indexConst(b, l, d);
              Value r = arith::RemSIOp::create(b, l, p, dv);
              p = arith::RemSIOp::create(
                  b, l, arith::AddIOp::create(b, l, r, dv), dv);
            } else {
              p = arith::MaxSIOp::create(b, l, p, zero);
              p = arith::MinSIOp::create(b, l, p, last);
            }
            idx.push_back(p);
          }
          Value v = tensor::ExtractOp::create(b, l, input, idx);
          linalg::YieldOp::create(b, l, v);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

struct TransposeLowering : Lowering<TransposeOp> {
  using Lowering::Lowering;
  LogicalResult
  matchAndRewrite(TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto out = cast<RankedTensorType>(op.getType());
    int64_t rank = out.getRank();
    SmallVector<int64_t> perm;
    if (op.getPerm())
      perm.assign(op.getPerm()->begin(), op.getPerm()->end());
    else
      for (int64_t i = rank - 1; i >= 0; --i)
        perm.push_back(i);
    Location loc = op.getLoc();
    // Between NHWC and NCHW (the graph's boundary with --io-layout=nhwc):
    // NHWC -> NCHW is an NCHW view of the NHWC tensor, which packed ops
    // read through; NCHW -> NHWC of such a view is its NHWC source.
    bool image =
        rank == 4 && out.hasStaticShape() && out.getElementType().isF32();
    if (image && perm == ArrayRef<int64_t>{0, 3, 1, 2}) {
      rewriter.replaceOp(op, nchwView(rewriter, loc, adaptor.getInput(), out));
      return success();
    }
    if (image && perm == ArrayRef<int64_t>{0, 2, 3, 1}) {
      if (Value source = nhwcSource(adaptor.getInput());
          source && tensorType(source).getDimSize(1) == out.getDimSize(1) &&
          tensorType(source).getDimSize(2) == out.getDimSize(2)) {
        rewriter.replaceOp(
            op, firstChannelsOf(rewriter, loc, source, out.getDimSize(3)));
        return success();
      }
    }
    Value init = emptyTensor(rewriter, loc, out);
    rewriter.replaceOp(op, linalg::TransposeOp::create(
                               rewriter, loc, adaptor.getInput(), init, perm)
                               .getResult());
    return success();
  }
};

struct ExpandLowering : Lowering<ExpandOp> {
  using Lowering::Lowering;
  LogicalResult
  matchAndRewrite(ExpandOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto out = cast<RankedTensorType>(op.getType());
    rewriter.replaceOp(op, buildElementwise(rewriter, op.getLoc(),
                                            {adaptor.getInput()}, out,
                                            [](OpBuilder &, Location,
                                               ValueRange a) { return a[0]; }));
    return success();
  }
};

/// Index value of an integer tensor element, negative values counted from
/// the end of a dimension of size `d`.
Value normalizeIndex(OpBuilder &b, Location loc, Value raw, int64_t d) {
  Value idx = arith::IndexCastOp::create(b, loc, b.getIndexType(), raw);
  Value zero = indexConst(b, loc, 0);
  Value isNeg =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, idx, zero);
  Value wrapped = arith::AddIOp::create(b, loc, idx, indexConst(b, loc, d));
  idx = arith::SelectOp::create(b, loc, isNeg, wrapped, idx);
  // Out-of-range indices are undefined in ONNX; clamp to stay in bounds.
  idx = arith::MaxSIOp::create(b, loc, idx, zero);
  return arith::MinSIOp::create(b, loc, idx, indexConst(b, loc, d - 1));
}

struct GatherLowering : Lowering<GatherOp> {
  using Lowering::Lowering;
  LogicalResult
  matchAndRewrite(GatherOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value data = adaptor.getData(), indices = adaptor.getIndices();
    RankedTensorType dt = tensorType(data), it = tensorType(indices);
    auto out = cast<RankedTensorType>(op.getType());
    int64_t axis = (int64_t)op.getAxis();
    if (axis < 0)
      axis += dt.getRank();
    int64_t q = it.getRank(), rank = out.getRank();
    MLIRContext *ctx = rewriter.getContext();
    SmallVector<AffineExpr> idxExprs;
    for (int64_t i = 0; i < q; ++i)
      idxExprs.push_back(getAffineDimExpr(axis + i, ctx));
    SmallVector<AffineMap> maps = {
        AffineMap::get(rank, 0, idxExprs, ctx),
        AffineMap::getMultiDimIdentityMap(rank, ctx)};
    Value init = emptyTensor(rewriter, loc, out);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{out}, ValueRange{indices}, ValueRange{init},
        maps, parallelIterators(rank),
        [&](OpBuilder &b, Location l, ValueRange args) {
          SmallVector<Value> coords;
          for (int64_t i = 0; i < axis; ++i)
            coords.push_back(linalg::IndexOp::create(b, l, i));
          coords.push_back(normalizeIndex(b, l, args[0], dt.getDimSize(axis)));
          for (int64_t i = axis + 1; i < dt.getRank(); ++i)
            coords.push_back(linalg::IndexOp::create(b, l, i - 1 + q));
          linalg::YieldOp::create(
              b, l, tensor::ExtractOp::create(b, l, data, coords).getResult());
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

struct GatherElementsLowering : Lowering<GatherElementsOp> {
  using Lowering::Lowering;
  LogicalResult
  matchAndRewrite(GatherElementsOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value data = adaptor.getData(), indices = adaptor.getIndices();
    RankedTensorType dt = tensorType(data);
    auto out = cast<RankedTensorType>(op.getType());
    int64_t rank = out.getRank();
    int64_t axis = (int64_t)op.getAxis();
    if (axis < 0)
      axis += rank;
    MLIRContext *ctx = rewriter.getContext();
    SmallVector<AffineMap> maps = {
        AffineMap::getMultiDimIdentityMap(rank, ctx),
        AffineMap::getMultiDimIdentityMap(rank, ctx)};
    Value init = emptyTensor(rewriter, loc, out);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{out}, ValueRange{indices}, ValueRange{init},
        maps, parallelIterators(rank),
        [&](OpBuilder &b, Location l, ValueRange args) {
          SmallVector<Value> coords;
          for (int64_t i = 0; i < rank; ++i)
            coords.push_back(
                i == axis ? normalizeIndex(b, l, args[0], dt.getDimSize(axis))
                          : linalg::IndexOp::create(b, l, i).getResult());
          linalg::YieldOp::create(
              b, l, tensor::ExtractOp::create(b, l, data, coords).getResult());
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

/// DepthToSpace / SpaceToDepth as reshape -> transpose -> reshape.
Value rearrange(ConversionPatternRewriter &rewriter, Location loc, Value input,
                ArrayRef<int64_t> split, ArrayRef<int64_t> perm,
                RankedTensorType out) {
  Type elt = tensorType(input).getElementType();
  Value x =
      reshapeTensor(rewriter, loc, input, RankedTensorType::get(split, elt));
  SmallVector<int64_t> permuted;
  for (int64_t p : perm)
    permuted.push_back(split[p]);
  Value init = emptyTensor(rewriter, loc, RankedTensorType::get(permuted, elt));
  Value t =
      linalg::TransposeOp::create(rewriter, loc, x, init, perm).getResult()[0];
  return reshapeTensor(rewriter, loc, t, out);
}

struct DepthToSpaceLowering : Lowering<DepthToSpaceOp> {
  using Lowering::Lowering;
  LogicalResult
  matchAndRewrite(DepthToSpaceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ArrayRef<int64_t> x = tensorType(adaptor.getInput()).getShape();
    int64_t b = op.getBlocksize(), n = x[0], c = x[1] / (b * b), h = x[2],
            w = x[3];
    auto out = cast<RankedTensorType>(op.getType());
    Value r;
    if (op.getMode() == DepthToSpaceMode::dcr)
      r = rearrange(rewriter, op.getLoc(), adaptor.getInput(),
                    {n, b, b, c, h, w}, {0, 3, 4, 1, 5, 2}, out);
    else
      r = rearrange(rewriter, op.getLoc(), adaptor.getInput(),
                    {n, c, b, b, h, w}, {0, 1, 4, 2, 5, 3}, out);
    rewriter.replaceOp(op, r);
    return success();
  }
};

/// Tile: one generic reading input index (d mod size) for output index d.
struct TileLowering : Lowering<TileOp> {
  using Lowering::Lowering;
  LogicalResult
  matchAndRewrite(TileOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    RankedTensorType in = tensorType(adaptor.getInput());
    auto out = cast<RankedTensorType>(op.getType());
    if (!in.hasStaticShape() || !out.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic shape");
    if (out.getNumElements() == 0) {
      rewriter.replaceOp(op, emptyTensor(rewriter, op.getLoc(), out));
      return success();
    }
    MLIRContext *ctx = rewriter.getContext();
    int64_t rank = in.getRank();
    SmallVector<AffineExpr> exprs;
    for (int64_t i = 0; i < rank; ++i) {
      AffineExpr d = getAffineDimExpr(i, ctx);
      exprs.push_back(
          in.getDimSize(i) == out.getDimSize(i) ? d : d % in.getDimSize(i));
    }
    SmallVector<AffineMap> maps = {
        AffineMap::get(rank, 0, exprs, ctx),
        AffineMap::getMultiDimIdentityMap(rank, ctx)};
    auto generic = linalg::GenericOp::create(
        rewriter, op.getLoc(), TypeRange{out}, ValueRange{adaptor.getInput()},
        ValueRange{emptyTensor(rewriter, op.getLoc(), out)}, maps,
        parallelIterators(rank), [](OpBuilder &b, Location l, ValueRange a) {
          linalg::YieldOp::create(b, l, a[0]);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

struct SpaceToDepthLowering : Lowering<SpaceToDepthOp> {
  using Lowering::Lowering;
  LogicalResult
  matchAndRewrite(SpaceToDepthOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ArrayRef<int64_t> x = tensorType(adaptor.getInput()).getShape();
    int64_t b = op.getBlocksize(), n = x[0], c = x[1], h = x[2] / b,
            w = x[3] / b;
    auto out = cast<RankedTensorType>(op.getType());
    SmallVector<int64_t> perm = {0, 3, 5, 1, 2, 4};
    if (op.getMode() == DepthToSpaceMode::crd)
      perm = {0, 1, 3, 5, 2, 4};
    rewriter.replaceOp(op, rearrange(rewriter, op.getLoc(), adaptor.getInput(),
                                     {n, c, h, b, w, b}, perm, out));
    return success();
  }
};

} // namespace

void populateDataMovementPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<ReshapeLowering<ReshapeOp>, ReshapeLowering<FlattenOp>,
               ReshapeLowering<SqueezeOp>, ReshapeLowering<UnsqueezeOp>,
               ConcatLowering, SplitLowering, SliceLowering, PadLowering,
               TransposeLowering, ExpandLowering, GatherLowering,
               GatherElementsLowering, DepthToSpaceLowering,
               SpaceToDepthLowering, TileLowering>(ctx);
}

} // namespace cnnc
