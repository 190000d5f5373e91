//===- Reduction.cpp - softmax, reduce_mean, matmul, gemm -----------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/CnnToLinalg/Patterns.h"
#include "compiler/Conversion/CnnToLinalg/Utils.h"

#include "Cnn/IR/CnnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Transforms/DialectConversion.h"

#include <limits>

using namespace mlir;
using namespace cnnc::cnn;

namespace cnnc {
namespace {

/// Reduces `input` over the dimensions flagged in `reduced` into a tensor of
/// the same rank with those dimensions 1, starting from `initValue` and
/// combining with `combine(acc, x)`.
Value reduceKeepDims(
    OpBuilder &b, Location loc, Value input, ArrayRef<bool> reduced,
    Value initValue,
    function_ref<Value(OpBuilder &, Location, Value, Value)> combine) {
  RankedTensorType in = tensorType(input);
  int64_t rank = in.getRank();
  MLIRContext *ctx = b.getContext();
  SmallVector<int64_t> shape;
  SmallVector<AffineExpr> outExprs;
  SmallVector<utils::IteratorType> iterators;
  for (int64_t i = 0; i < rank; ++i) {
    shape.push_back(reduced[i] ? 1 : in.getDimSize(i));
    outExprs.push_back(reduced[i] ? getAffineConstantExpr(0, ctx)
                                  : getAffineDimExpr(i, ctx));
    iterators.push_back(reduced[i] ? utils::IteratorType::reduction
                                   : utils::IteratorType::parallel);
  }
  auto outType = RankedTensorType::get(shape, in.getElementType());
  Value init = filledTensor(b, loc, outType, initValue);
  SmallVector<AffineMap> maps = {AffineMap::getMultiDimIdentityMap(rank, ctx),
                                 AffineMap::get(rank, 0, outExprs, ctx)};
  return linalg::GenericOp::create(
             b, loc, TypeRange{outType}, ValueRange{input}, ValueRange{init},
             maps, iterators,
             [&](OpBuilder &nb, Location l, ValueRange args) {
               linalg::YieldOp::create(nb, l, combine(nb, l, args[1], args[0]));
             })
      .getResult(0);
}

template <typename OpTy, bool IsLog>
struct SoftmaxLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    RankedTensorType type = tensorType(x);
    Type elt = type.getElementType();
    int64_t rank = type.getRank();
    int64_t axis = (int64_t)op.getAxis();
    if (axis < 0)
      axis += rank;
    SmallVector<bool> reduced(rank, false);
    reduced[axis] = true;
    Value max = reduceKeepDims(
        rewriter, loc, x, reduced, lowestFloat(rewriter, loc, elt),
        [](OpBuilder &b, Location l, Value a, Value v) {
          return arith::MaximumFOp::create(b, l, a, v).getResult();
        });
    Value shifted = buildElementwise(
        rewriter, loc, {x, max}, type,
        [](OpBuilder &b, Location l, ValueRange a) {
          return arith::SubFOp::create(b, l, a[0], a[1]).getResult();
        });
    Value exps =
        buildElementwise(rewriter, loc, {shifted}, type,
                         [](OpBuilder &b, Location l, ValueRange a) {
                           return math::ExpOp::create(b, l, a[0]).getResult();
                         });
    Value sum = reduceKeepDims(
        rewriter, loc, exps, reduced, floatConst(rewriter, loc, elt, 0.0),
        [](OpBuilder &b, Location l, Value a, Value v) {
          return arith::AddFOp::create(b, l, a, v).getResult();
        });
    Value result;
    if (IsLog)
      result = buildElementwise(
          rewriter, loc, {shifted, sum}, type,
          [](OpBuilder &b, Location l, ValueRange a) {
            Value lg = math::LogOp::create(b, l, a[1]);
            return arith::SubFOp::create(b, l, a[0], lg).getResult();
          });
    else
      result = buildElementwise(
          rewriter, loc, {exps, sum}, type,
          [](OpBuilder &b, Location l, ValueRange a) {
            return arith::DivFOp::create(b, l, a[0], a[1]).getResult();
          });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Which of the `rank` dimensions a reduction over `axes` (all when empty
/// or absent) reduces.
SmallVector<bool> reducedDims(std::optional<ArrayRef<int64_t>> axes,
                              int64_t rank) {
  SmallVector<bool> reduced(rank, !axes || axes->empty());
  if (axes)
    for (int64_t a : *axes)
      reduced[a < 0 ? a + rank : a] = true;
  return reduced;
}

struct ReduceMeanLowering : OpConversionPattern<ReduceMeanOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReduceMeanOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    RankedTensorType type = tensorType(x);
    int64_t rank = type.getRank();
    // (The optional lives in reducedDims' parameter: `*op.getAxes()` in a
    // range expression would iterate a destroyed temporary, g++ crashed.)
    SmallVector<bool> reduced = reducedDims(op.getAxes(), rank);
    int64_t count = 1;
    for (int64_t i = 0; i < rank; ++i)
      if (reduced[i])
        count *= type.getDimSize(i);
    Type elt = type.getElementType();
    Value sum = reduceKeepDims(
        rewriter, loc, x, reduced, floatConst(rewriter, loc, elt, 0.0),
        [](OpBuilder &b, Location l, Value a, Value v) {
          return arith::AddFOp::create(b, l, a, v).getResult();
        });
    Value mean = buildElementwise(
        rewriter, loc, {sum}, tensorType(sum),
        [&](OpBuilder &b, Location l, ValueRange a) {
          return arith::DivFOp::create(b, l, a[0],
                                       floatConst(b, l, elt, double(count)))
              .getResult();
        });
    rewriter.replaceOp(op, reshapeTensor(rewriter, loc, mean,
                                         cast<RankedTensorType>(op.getType())));
    return success();
  }
};

/// ReduceMax/Min/Sum/Prod/L1/L2/LogSum/LogSumExp/SumSquare: one reduction
/// generic (log_sum_exp: two, max first for stability), then the final
/// elementwise step where there is one.
struct ReduceLowering : OpConversionPattern<ReduceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReduceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    RankedTensorType type = tensorType(x);
    int64_t rank = type.getRank();
    SmallVector<bool> reduced = reducedDims(op.getAxes(), rank);
    Type elt = type.getElementType();
    double inf = std::numeric_limits<double>::infinity();
    auto reduce = [&](Value in, double init, auto combine) {
      return reduceKeepDims(rewriter, loc, in, reduced,
                            floatConst(rewriter, loc, elt, init),
                            [&](OpBuilder &b, Location l, Value a, Value v) {
                              return Value(combine(b, l, a, v));
                            });
    };
    auto add = [](OpBuilder &b, Location l, Value a, Value v) {
      return arith::AddFOp::create(b, l, a, v).getResult();
    };
    auto addSquare = [](OpBuilder &b, Location l, Value a, Value v) {
      return arith::AddFOp::create(
                 b, l, a, arith::MulFOp::create(b, l, v, v).getResult())
          .getResult();
    };
    auto unary = [&](Value in, auto fn) {
      return buildElementwise(rewriter, loc, {in}, tensorType(in),
                              [&](OpBuilder &b, Location l, ValueRange a) {
                                return Value(fn(b, l, a[0]));
                              });
    };
    Value r;
    switch (op.getKind()) {
    case Reduction::max:
      r = reduce(x, -inf, [](OpBuilder &b, Location l, Value a, Value v) {
        return arith::MaximumFOp::create(b, l, a, v).getResult();
      });
      break;
    case Reduction::min:
      r = reduce(x, inf, [](OpBuilder &b, Location l, Value a, Value v) {
        return arith::MinimumFOp::create(b, l, a, v).getResult();
      });
      break;
    case Reduction::sum:
      r = reduce(x, 0.0, add);
      break;
    case Reduction::prod:
      r = reduce(x, 1.0, [](OpBuilder &b, Location l, Value a, Value v) {
        return arith::MulFOp::create(b, l, a, v).getResult();
      });
      break;
    case Reduction::l1:
      r = reduce(x, 0.0, [](OpBuilder &b, Location l, Value a, Value v) {
        return arith::AddFOp::create(b, l, a,
                                     math::AbsFOp::create(b, l, v).getResult())
            .getResult();
      });
      break;
    case Reduction::l2:
      r = unary(reduce(x, 0.0, addSquare),
                [](OpBuilder &b, Location l, Value v) {
                  return math::SqrtOp::create(b, l, v).getResult();
                });
      break;
    case Reduction::sum_square:
      r = reduce(x, 0.0, addSquare);
      break;
    case Reduction::log_sum:
      r = unary(reduce(x, 0.0, add), [](OpBuilder &b, Location l, Value v) {
        return math::LogOp::create(b, l, v).getResult();
      });
      break;
    case Reduction::log_sum_exp: {
      // max + log(sum exp(x - max)); a max of -inf (no elements, or all
      // -inf) shifts by 0 instead, giving log(0) = -inf.
      Value m = reduce(x, -inf, [](OpBuilder &b, Location l, Value a, Value v) {
        return arith::MaximumFOp::create(b, l, a, v).getResult();
      });
      m = unary(m, [&](OpBuilder &b, Location l, Value v) {
        Value isInf = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OEQ, v,
                                            floatConst(b, l, elt, -inf));
        return arith::SelectOp::create(b, l, isInf, floatConst(b, l, elt, 0), v)
            .getResult();
      });
      Value e = buildElementwise(
          rewriter, loc, {x, m}, type,
          [&](OpBuilder &b, Location l, ValueRange a) {
            return math::ExpOp::create(b, l,
                                       arith::SubFOp::create(b, l, a[0], a[1]))
                .getResult();
          });
      Value sum = reduce(e, 0.0, add);
      r = buildElementwise(rewriter, loc, {sum, m}, tensorType(sum),
                           [&](OpBuilder &b, Location l, ValueRange a) {
                             return arith::AddFOp::create(
                                        b, l, math::LogOp::create(b, l, a[0]),
                                        a[1])
                                 .getResult();
                           });
      break;
    }
    }
    rewriter.replaceOp(op, reshapeTensor(rewriter, loc, r,
                                         cast<RankedTensorType>(op.getType())));
    return success();
  }
};

/// sum_k a[..., m, k] * b[..., k, n] as a generic over (batch..., m, n, k).
struct MatMulLowering : OpConversionPattern<MatMulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MatMulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value a = adaptor.getLhs(), b = adaptor.getRhs();
    ArrayRef<int64_t> as = tensorType(a).getShape(),
                      bs = tensorType(b).getShape();
    auto out = cast<RankedTensorType>(op.getType());
    bool vecA = as.size() == 1, vecB = bs.size() == 1;
    int64_t nb = out.getRank() - (vecA ? 0 : 1) - (vecB ? 0 : 1);
    // Loop dims: batch [0, nb), then m (if any), n (if any), then k.
    int64_t dim = nb;
    int64_t mDim = vecA ? -1 : dim++;
    int64_t nDim = vecB ? -1 : dim++;
    int64_t kDim = dim++;
    int64_t numLoops = dim;
    auto batchExprs = [&](ArrayRef<int64_t> shape) {
      SmallVector<AffineExpr> e;
      size_t offset = nb - shape.size();
      for (size_t i = 0; i < shape.size(); ++i)
        e.push_back(shape[i] == 1 && out.getDimSize(offset + i) != 1
                        ? getAffineConstantExpr(0, ctx)
                        : getAffineDimExpr(offset + i, ctx));
      return e;
    };
    SmallVector<AffineExpr> aExprs, bExprs, outExprs;
    if (vecA) {
      aExprs.push_back(getAffineDimExpr(kDim, ctx));
    } else {
      aExprs = batchExprs(as.drop_back(2));
      aExprs.push_back(getAffineDimExpr(mDim, ctx));
      aExprs.push_back(getAffineDimExpr(kDim, ctx));
    }
    if (vecB) {
      bExprs.push_back(getAffineDimExpr(kDim, ctx));
    } else {
      bExprs = batchExprs(bs.drop_back(2));
      bExprs.push_back(getAffineDimExpr(kDim, ctx));
      bExprs.push_back(getAffineDimExpr(nDim, ctx));
    }
    for (int64_t i = 0; i < nb; ++i)
      outExprs.push_back(getAffineDimExpr(i, ctx));
    if (!vecA)
      outExprs.push_back(getAffineDimExpr(mDim, ctx));
    if (!vecB)
      outExprs.push_back(getAffineDimExpr(nDim, ctx));
    SmallVector<AffineMap> maps = {AffineMap::get(numLoops, 0, aExprs, ctx),
                                   AffineMap::get(numLoops, 0, bExprs, ctx),
                                   AffineMap::get(numLoops, 0, outExprs, ctx)};
    SmallVector<utils::IteratorType> iterators = parallelIterators(numLoops);
    iterators[kDim] = utils::IteratorType::reduction;
    Value init = filledTensor(
        rewriter, loc, out, floatConst(rewriter, loc, out.getElementType(), 0));
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{out}, ValueRange{a, b}, ValueRange{init}, maps,
        iterators, [](OpBuilder &nb, Location l, ValueRange args) {
          Value p = arith::MulFOp::create(nb, l, args[0], args[1]);
          linalg::YieldOp::create(
              nb, l, arith::AddFOp::create(nb, l, args[2], p).getResult());
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

struct GemmLowering : OpConversionPattern<GemmOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GemmOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    auto out = cast<RankedTensorType>(op.getType());
    Type elt = out.getElementType();
    AffineExpr m = getAffineDimExpr(0, ctx), n = getAffineDimExpr(1, ctx),
               k = getAffineDimExpr(2, ctx);
    SmallVector<AffineMap> maps = {
        AffineMap::get(3, 0,
                       op.getTransA() ? ArrayRef<AffineExpr>{k, m}
                                      : ArrayRef<AffineExpr>{m, k},
                       ctx),
        AffineMap::get(3, 0,
                       op.getTransB() ? ArrayRef<AffineExpr>{n, k}
                                      : ArrayRef<AffineExpr>{k, n},
                       ctx),
        AffineMap::get(3, 0, {m, n}, ctx)};
    SmallVector<utils::IteratorType> iterators = parallelIterators(3);
    iterators[2] = utils::IteratorType::reduction;
    Value init =
        filledTensor(rewriter, loc, out, floatConst(rewriter, loc, elt, 0));
    Value product =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{out},
            ValueRange{adaptor.getA(), adaptor.getB()}, ValueRange{init}, maps,
            iterators,
            [](OpBuilder &b, Location l, ValueRange args) {
              Value p = arith::MulFOp::create(b, l, args[0], args[1]);
              linalg::YieldOp::create(
                  b, l, arith::AddFOp::create(b, l, args[2], p).getResult());
            })
            .getResult(0);
    double alpha = op.getAlpha().convertToDouble();
    double beta = op.getBeta().convertToDouble();
    SmallVector<Value> inputs = {product};
    if (adaptor.getC())
      inputs.push_back(adaptor.getC());
    Activation act = op.getActivation();
    if (alpha == 1.0 && (!adaptor.getC() || beta == 0.0) &&
        act == Activation::none) {
      rewriter.replaceOp(op, product);
      return success();
    }
    Value result = buildElementwise(
        rewriter, loc, inputs, out,
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value r = a[0];
          if (alpha != 1.0)
            r = arith::MulFOp::create(b, l, r, floatConst(b, l, elt, alpha));
          if (a.size() > 1 && beta != 0.0) {
            Value c = a[1];
            if (beta != 1.0)
              c = arith::MulFOp::create(b, l, c, floatConst(b, l, elt, beta));
            r = arith::AddFOp::create(b, l, r, c);
          }
          return buildActivation(b, l, r, act,
                                 activationParams(op.getActivationParams()));
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void populateReductionPatterns(RewritePatternSet &patterns) {
  patterns.add<SoftmaxLowering<SoftmaxOp, false>,
               SoftmaxLowering<LogSoftmaxOp, true>, ReduceMeanLowering,
               ReduceLowering, MatMulLowering, GemmLowering>(
      patterns.getContext());
}

} // namespace cnnc
