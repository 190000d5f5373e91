//===- Normalization.cpp - batch norm, instance norm, LRN -----------------===//
//
// Part of cnnc.
//
/// Batch norm (inference) folds its per-channel statistics into one factor
/// `scale / sqrt(var + epsilon)` (a [C] generic) and normalises in one
/// generic that reads the [C] vectors through `(n, c, ...) -> (c)`.
/// Instance norm reduces each (n, c) plane into [N, C] tensors: the mean,
/// then the biased variance from a second pass over `x - mean` (as numpy
/// does, without the cancellation of E[x^2] - E[x]^2), then normalises like
/// batch norm. LRN zero-pads the channel dimension and sums the squares of
/// the shifted channel windows in one elementwise generic that reads one
/// slice of the padded input per window offset, so no reduction loop is
/// needed. Instance norm and LRN run in NHWC, channels innermost, when
/// their input is a packed result's NCHW view.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/CnnToLinalg/Patterns.h"
#include "compiler/Conversion/CnnToLinalg/Utils.h"

#include "Cnn/IR/CnnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace cnnc::cnn;

namespace cnnc {
namespace {

/// `(d0, ..., d{rank-1}) -> (d{dims[0]}, ...)`.
AffineMap projection(MLIRContext *ctx, int64_t rank, ArrayRef<int64_t> dims) {
  return AffineMap::getMultiDimMapWithTargets(
      rank, llvm::to_vector_of<unsigned>(dims), ctx);
}

/// A linalg.generic with one result initialised by `init`; `maps` holds the
/// inputs' maps then the output's, and `body` maps the block arguments
/// (inputs, then the output element) to the yielded value.
Value buildGeneric(OpBuilder &b, Location loc, ValueRange inputs,
                   ArrayRef<AffineMap> maps, Value init,
                   ArrayRef<utils::IteratorType> iterators, BodyBuilder body) {
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, inputs, ValueRange{init}, maps,
             iterators,
             [&](OpBuilder &nb, Location l, ValueRange args) {
               linalg::YieldOp::create(nb, l, body(nb, l, args));
             })
      .getResult(0);
}

/// The scalar `(x - mean) * factor + bias`.
Value normalize(OpBuilder &b, Location loc, Value x, Value mean, Value factor,
                Value bias) {
  Value centered = arith::SubFOp::create(b, loc, x, mean);
  Value scaled = arith::MulFOp::create(b, loc, centered, factor);
  return arith::AddFOp::create(b, loc, scaled, bias);
}

/// The scalar `scale / sqrt(variance + epsilon)`.
Value normFactor(OpBuilder &b, Location loc, Value scale, Value variance,
                 double epsilon) {
  Type elt = variance.getType();
  Value v =
      arith::AddFOp::create(b, loc, variance, floatConst(b, loc, elt, epsilon));
  Value sd = math::SqrtOp::create(b, loc, v);
  return arith::DivFOp::create(b, loc, scale, sd);
}

struct BatchNormLowering : OpConversionPattern<BatchNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BatchNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value x = adaptor.getInput();
    RankedTensorType type = tensorType(x);
    int64_t rank = type.getRank();
    double epsilon = op.getEpsilon().convertToDouble();
    // factor[c] = scale[c] / sqrt(var[c] + epsilon).
    Value factor = buildElementwise(
        rewriter, loc, {adaptor.getScale(), adaptor.getVariance()},
        tensorType(adaptor.getScale()),
        [&](OpBuilder &b, Location l, ValueRange a) {
          return normFactor(b, l, a[0], a[1], epsilon);
        });
    AffineMap id = AffineMap::getMultiDimIdentityMap(rank, ctx);
    AffineMap channel = projection(ctx, rank, {1});
    Value y = buildGeneric(
        rewriter, loc, {x, adaptor.getMean(), factor, adaptor.getBias()},
        {id, channel, channel, channel, id}, emptyTensor(rewriter, loc, type),
        parallelIterators(rank), [&](OpBuilder &b, Location l, ValueRange a) {
          return buildActivation(b, l, normalize(b, l, a[0], a[1], a[2], a[3]),
                                 op.getActivation(),
                                 activationParams(op.getActivationParams()));
        });
    rewriter.replaceOp(op, y);
    return success();
  }
};

/// The mean of `x` over the dimensions `reduce` marks, and the sum of the
/// squared deviations from it, both as `statType` read through `stat` (the
/// statistics' map from x's dimensions): instance and layer normalization.
std::pair<Value, Value> meanAndSquares(OpBuilder &b, Location loc, Value x,
                                       RankedTensorType statType,
                                       AffineMap stat,
                                       ArrayRef<utils::IteratorType> reduce,
                                       int64_t count) {
  RankedTensorType type = tensorType(x);
  Type elt = type.getElementType();
  AffineMap id =
      AffineMap::getMultiDimIdentityMap(type.getRank(), b.getContext());
  Value zero = floatConst(b, loc, elt, 0.0);
  Value sum = buildGeneric(
      b, loc, {x}, {id, stat}, filledTensor(b, loc, statType, zero), reduce,
      [](OpBuilder &nb, Location l, ValueRange a) -> Value {
        return arith::AddFOp::create(nb, l, a[1], a[0]);
      });
  Value mean = buildElementwise(
      b, loc, {sum}, statType,
      [&](OpBuilder &nb, Location l, ValueRange a) -> Value {
        return arith::DivFOp::create(nb, l, a[0],
                                     floatConst(nb, l, elt, double(count)));
      });
  Value sq = buildGeneric(b, loc, {x, mean}, {id, stat, stat},
                          filledTensor(b, loc, statType, zero), reduce,
                          [](OpBuilder &nb, Location l, ValueRange a) -> Value {
                            Value d = arith::SubFOp::create(nb, l, a[0], a[1]);
                            Value d2 = arith::MulFOp::create(nb, l, d, d);
                            return arith::AddFOp::create(nb, l, a[2], d2);
                          });
  return {mean, sq};
}

/// Mean and variance over the dimensions [axis, rank), kept as 1s, then
/// one elementwise pass: y = (x - mean) * inv_std_dev * scale + bias.
struct LayerNormLowering : OpConversionPattern<LayerNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LayerNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value x = adaptor.getInput();
    RankedTensorType type = tensorType(x);
    if (!type.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic shape");
    Type elt = type.getElementType();
    int64_t rank = type.getRank();
    // (The I64Attr getter returns it unsigned.)
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0)
      axis += rank;
    double epsilon = op.getEpsilon().convertToDouble();
    int64_t count = 1;
    SmallVector<AffineExpr> statExprs;
    SmallVector<utils::IteratorType> reduce = parallelIterators(rank);
    for (int64_t i = 0; i < rank; ++i) {
      if (i >= axis) {
        count *= type.getDimSize(i);
        reduce[i] = utils::IteratorType::reduction;
      }
      statExprs.push_back(i < axis ? getAffineDimExpr(i, ctx)
                                   : getAffineConstantExpr(0, ctx));
    }
    auto statType = cast<RankedTensorType>(op.getMean().getType());
    AffineMap stat = AffineMap::get(rank, 0, statExprs, ctx);
    auto [mean, sq] =
        meanAndSquares(rewriter, loc, x, statType, stat, reduce, count);
    Value inv = buildElementwise(
        rewriter, loc, {sq}, statType,
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value var = arith::DivFOp::create(
              b, l, a[0], floatConst(b, l, elt, double(count)));
          Value v =
              arith::AddFOp::create(b, l, var, floatConst(b, l, elt, epsilon));
          return arith::DivFOp::create(b, l, floatConst(b, l, elt, 1.0),
                                       math::SqrtOp::create(b, l, v));
        });
    SmallVector<Value> inputs = {x, mean, inv, adaptor.getScale()};
    if (Value bias = adaptor.getBias())
      inputs.push_back(bias);
    Value y = buildElementwise(
        rewriter, loc, inputs, type,
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value d = arith::SubFOp::create(b, l, a[0], a[1]);
          Value v = arith::MulFOp::create(
              b, l, arith::MulFOp::create(b, l, d, a[2]), a[3]);
          return a.size() > 4 ? arith::AddFOp::create(b, l, v, a[4]) : v;
        });
    rewriter.replaceOp(op, ValueRange{y, mean, inv});
    return success();
  }
};

struct InstanceNormLowering : OpConversionPattern<InstanceNormOp> {
  using OpConversionPattern::OpConversionPattern;

  /// The NCHW view of an NHWC tensor `src` (a packed result): the same
  /// passes over `[N, H, W, Cp]`, reduced over (h, w) with the channels
  /// innermost, so that they vectorize, and no transposes around them
  /// (conv 32 -> 64 on 128x128 + instance norm + ReLU + max pool, one
  /// thread: the reductions 1.62 + 0.67 -> 0.20 + 0.20 ms, two transposes
  /// of 0.65 and 0.49 ms gone; 9.3-10.4 -> 6.3-6.8 ms, ONNX Runtime
  /// 6.8-7.0 ms).
  /// Scale and bias are zero-padded to Cp: the padding channels come out 0
  /// (0 / sqrt(variance + epsilon): only for epsilon > 0, as a padding
  /// channel is constant and 0 / 0 would put NaN where the next layer's
  /// zero weights meet it).
  LogicalResult lowerNhwc(InstanceNormOp op, OpAdaptor adaptor,
                          ConversionPatternRewriter &rewriter, Value src,
                          int64_t count) const {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    auto type = cast<RankedTensorType>(op.getType());
    RankedTensorType st = tensorType(src);
    RankedTensorType scaleType = tensorType(adaptor.getScale());
    Type elt = type.getElementType();
    double epsilon = op.getEpsilon().convertToDouble();
    if (!(epsilon > 0) || type.getRank() != 4 || !elt.isF32() ||
        !type.hasStaticShape() || !scaleType.hasStaticShape() ||
        !tensorType(adaptor.getBias()).hasStaticShape())
      return failure();
    int64_t c = type.getDimSize(1), cp = st.getDimSize(3);
    auto statType = RankedTensorType::get({st.getDimSize(0), cp}, elt);
    AffineMap id = AffineMap::getMultiDimIdentityMap(4, ctx);
    AffineMap nc = projection(ctx, 4, {0, 3});
    SmallVector<utils::IteratorType> reduce = parallelIterators(4);
    reduce[1] = reduce[2] = utils::IteratorType::reduction;
    auto [mean, sq] =
        meanAndSquares(rewriter, loc, src, statType, nc, reduce, count);
    Value zero = floatConst(rewriter, loc, elt, 0.0);
    Value scale =
        padConstant(rewriter, loc, adaptor.getScale(), {0}, {cp - c}, zero);
    Value bias =
        padConstant(rewriter, loc, adaptor.getBias(), {0}, {cp - c}, zero);
    AffineMap id2 = AffineMap::getMultiDimIdentityMap(2, ctx);
    Value factor = buildGeneric(
        rewriter, loc, {sq, scale}, {id2, projection(ctx, 2, {1}), id2},
        emptyTensor(rewriter, loc, statType), parallelIterators(2),
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value var = arith::DivFOp::create(
              b, l, a[0], floatConst(b, l, elt, double(count)));
          return normFactor(b, l, a[1], var, epsilon);
        });
    Value y = buildGeneric(rewriter, loc, {src, mean, factor, bias},
                           {id, nc, nc, projection(ctx, 4, {3}), id},
                           emptyTensor(rewriter, loc, st), parallelIterators(4),
                           [](OpBuilder &b, Location l, ValueRange a) {
                             return normalize(b, l, a[0], a[1], a[2], a[3]);
                           });
    rewriter.replaceOp(op, nchwView(rewriter, loc, y, type));
    return success();
  }

  LogicalResult
  matchAndRewrite(InstanceNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value x = adaptor.getInput();
    RankedTensorType type = tensorType(x);
    Type elt = type.getElementType();
    int64_t rank = type.getRank();
    double epsilon = op.getEpsilon().convertToDouble();
    int64_t count = 1;
    for (int64_t i = 2; i < rank; ++i)
      count *= type.getDimSize(i);
    if (Value src = nhwcSource(x))
      if (succeeded(lowerNhwc(op, adaptor, rewriter, src, count)))
        return success();
    auto statType =
        RankedTensorType::get({type.getDimSize(0), type.getDimSize(1)}, elt);
    AffineMap id = AffineMap::getMultiDimIdentityMap(rank, ctx);
    AffineMap nc = projection(ctx, rank, {0, 1});
    AffineMap channel = projection(ctx, rank, {1});
    SmallVector<utils::IteratorType> reduce = parallelIterators(rank);
    for (int64_t i = 2; i < rank; ++i)
      reduce[i] = utils::IteratorType::reduction;
    // mean[n, c] = sum(x[n, c, ...]) / count,
    // sq[n, c] = sum((x[n, c, ...] - mean[n, c])^2).
    auto [mean, sq] =
        meanAndSquares(rewriter, loc, x, statType, nc, reduce, count);
    // factor[n, c] = scale[c] / sqrt(sq[n, c] / count + epsilon).
    AffineMap id2 = AffineMap::getMultiDimIdentityMap(2, ctx);
    Value factor =
        buildGeneric(rewriter, loc, {sq, adaptor.getScale()},
                     {id2, projection(ctx, 2, {1}), id2},
                     emptyTensor(rewriter, loc, statType), parallelIterators(2),
                     [&](OpBuilder &b, Location l, ValueRange a) {
                       Value var = arith::DivFOp::create(
                           b, l, a[0], floatConst(b, l, elt, double(count)));
                       return normFactor(b, l, a[1], var, epsilon);
                     });
    Value y = buildGeneric(
        rewriter, loc, {x, mean, factor, adaptor.getBias()},
        {id, nc, nc, channel, id}, emptyTensor(rewriter, loc, type),
        parallelIterators(rank), [](OpBuilder &b, Location l, ValueRange a) {
          return normalize(b, l, a[0], a[1], a[2], a[3]);
        });
    rewriter.replaceOp(op, y);
    return success();
  }
};

/// y[n, c] = x[n, c] / (bias + alpha / size * sum_j x[n, c + j]^2)^beta for
/// j in [-floor((size-1)/2), ceil((size-1)/2)], channels outside [0, C)
/// reading as zero. An input that is the NCHW view of an NHWC tensor (a
/// packed conv's result, AlexNet's and GoogLeNet v1's case) is normalised
/// in NHWC, its channels innermost: the windows are vector loads at channel
/// offsets, and no transposes to NCHW and back are needed (AlexNet's
/// conv1 + ReLU + LRN + max pool, 96 channels on 56x56, one thread: the
/// transposes' 0.19 + 0.12 ms gone, the zero-padded copy 0.13 ms added;
/// 2.04-2.23 -> 1.85-1.96 ms, ONNX Runtime 9.2 ms).
struct LrnLowering : OpConversionPattern<LrnOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LrnOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    RankedTensorType type = tensorType(x);
    Type elt = type.getElementType();
    int64_t rank = type.getRank();
    int64_t size = (int64_t)op.getSize();
    int64_t channels = type.getDimSize(1);
    double alpha = op.getAlpha().convertToDouble();
    double beta = op.getBeta().convertToDouble();
    double bias = op.getBias().convertToDouble();
    // Offsets more than C - 1 channels away only ever read padding, so the
    // window is cut to them (a huge size costs no more than 2C - 1 reads).
    int64_t before = std::min((size - 1) / 2, channels - 1);
    int64_t after = std::min(size - 1 - (size - 1) / 2, channels - 1);
    // NHWC: the real channels, zero-padded by the window and up to the
    // source's padded count Cp, whose outputs come out 0 / bias^beta = 0,
    // finite as the layout contract wants (with bias > 0; else 0 / 0).
    Value nhwc = nhwcSource(x);
    int64_t channelDim = 1, padTo = channels;
    RankedTensorType resultType = type;
    if (nhwc && rank == 4 && type.hasStaticShape() && elt.isF32() &&
        (bias > 0 || tensorType(nhwc).getDimSize(3) == channels)) {
      resultType = tensorType(nhwc);
      channelDim = 3;
      padTo = resultType.getDimSize(3);
      x = firstChannelsOf(rewriter, loc, nhwc, channels);
    }
    SmallVector<int64_t> low(rank, 0), high(rank, 0);
    low[channelDim] = before;
    high[channelDim] = after + padTo - channels;
    Value padded = padConstant(rewriter, loc, x, low, high,
                               floatConst(rewriter, loc, elt, 0.0));
    // Output channel c reads padded channel c + k for k in
    // [0, before + after]: one slice of the padded input per offset (the
    // one at k = before is x itself where nothing pads it past C).
    SmallVector<Value> inputs;
    SmallVector<OpFoldResult> sizes, strides(rank, rewriter.getIndexAttr(1));
    for (int64_t d : resultType.getShape())
      sizes.push_back(rewriter.getIndexAttr(d));
    for (int64_t k = 0; k <= before + after; ++k) {
      if (k == before && padTo == channels) {
        inputs.push_back(x);
        continue;
      }
      SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0));
      offsets[channelDim] = rewriter.getIndexAttr(k);
      inputs.push_back(tensor::ExtractSliceOp::create(
          rewriter, loc, resultType, padded, offsets, sizes, strides));
    }
    Value y = buildElementwise(
        rewriter, loc, inputs, resultType,
        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
          Value sum;
          for (Value v : a) {
            Value sq = arith::MulFOp::create(b, l, v, v);
            sum = sum ? arith::AddFOp::create(b, l, sum, sq).getResult() : sq;
          }
          Value scaled = arith::MulFOp::create(
              b, l, sum, floatConst(b, l, elt, alpha / double(size)));
          Value base =
              arith::AddFOp::create(b, l, scaled, floatConst(b, l, elt, bias));
          // base^beta, with the common exponents of AlexNet-style LRN
          // (0.75, 0.5, 1) as square roots instead of a pow call.
          Value denom;
          if (beta == 1.0) {
            denom = base;
          } else if (beta == 0.5) {
            denom = math::SqrtOp::create(b, l, base);
          } else if (beta == 0.75) {
            Value r = math::SqrtOp::create(b, l, base);
            Value rr = math::SqrtOp::create(b, l, r);
            denom = arith::MulFOp::create(b, l, r, rr);
          } else {
            denom =
                math::PowFOp::create(b, l, base, floatConst(b, l, elt, beta));
          }
          return arith::DivFOp::create(b, l, a[before], denom);
        });
    rewriter.replaceOp(op,
                       channelDim == 3 ? nchwView(rewriter, loc, y, type) : y);
    return success();
  }
};

} // namespace

void populateNormalizationPatterns(RewritePatternSet &patterns) {
  patterns.add<BatchNormLowering, InstanceNormLowering, LayerNormLowering,
               LrnLowering>(patterns.getContext());
}

} // namespace cnnc
