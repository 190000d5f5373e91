//===- Convolution.cpp - conv and transposed conv to linalg ---------------===//
//
// Part of cnnc.
//
/// Convolution in 1-3 spatial dimensions with groups and dilations is one
/// `linalg.generic` over (n, m, o..., c, k...) on the zero-padded input,
/// starting from the broadcast bias. Transposed convolution is rewritten as
/// a convolution: the input is dilated by the stride (zeros between
/// elements), padded by d(k-1) - p (+ output_padding at the end), and
/// convolved with the spatially flipped kernel whose channel roles are
/// swapped per group.
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

SmallVector<int64_t> valuesOr(std::optional<ArrayRef<int64_t>> values, size_t n,
                              int64_t dflt) {
  if (values)
    return SmallVector<int64_t>(values->begin(), values->end());
  return SmallVector<int64_t>(n, dflt);
}

/// The output initialised with the bias broadcast over (n, m, o...), or
/// zeros.
Value initWithBias(OpBuilder &b, Location loc, RankedTensorType out,
                   Value bias) {
  if (!bias)
    return filledTensor(b, loc, out,
                        floatConst(b, loc, out.getElementType(), 0));
  MLIRContext *ctx = b.getContext();
  int64_t rank = out.getRank();
  SmallVector<AffineMap> maps = {
      AffineMap::get(rank, 0, {getAffineDimExpr(1, ctx)}, ctx),
      AffineMap::getMultiDimIdentityMap(rank, ctx)};
  Value init = emptyTensor(b, loc, out);
  return linalg::GenericOp::create(
             b, loc, TypeRange{out}, ValueRange{bias}, ValueRange{init}, maps,
             parallelIterators(rank),
             [](OpBuilder &nb, Location l, ValueRange args) {
               linalg::YieldOp::create(nb, l, args[0]);
             })
      .getResult(0);
}

/// out[n, m, o] += x[n, g(m)*C/G + c, o*s + k*d] * w[m, c, k] over a padded
/// input `x`.
Value buildConv(OpBuilder &b, Location loc, Value x, Value w, Value bias,
                RankedTensorType out, ArrayRef<int64_t> strides,
                ArrayRef<int64_t> dilations, int64_t group) {
  MLIRContext *ctx = b.getContext();
  ArrayRef<int64_t> ws = tensorType(w).getShape();
  int64_t n = out.getRank() - 2;
  int64_t m = ws[0], cPerGroup = ws[1];
  int64_t mPerGroup = m / group;
  // Loops: 0 = n, 1 = m, [2, 2+n) = o, 2+n = c, [3+n, 3+2n) = k.
  int64_t numLoops = 3 + 2 * n;
  AffineExpr dN = getAffineDimExpr(0, ctx), dM = getAffineDimExpr(1, ctx),
             dC = getAffineDimExpr(2 + n, ctx);
  AffineExpr channel =
      group == 1 ? dC : dM.floorDiv(mPerGroup) * cPerGroup + dC;
  SmallVector<AffineExpr> xExprs = {dN, channel}, wExprs = {dM, dC},
                          oExprs = {dN, dM};
  for (int64_t i = 0; i < n; ++i) {
    AffineExpr o = getAffineDimExpr(2 + i, ctx);
    AffineExpr k = getAffineDimExpr(3 + n + i, ctx);
    xExprs.push_back(o * strides[i] + k * dilations[i]);
    wExprs.push_back(k);
    oExprs.push_back(o);
  }
  SmallVector<AffineMap> maps = {AffineMap::get(numLoops, 0, xExprs, ctx),
                                 AffineMap::get(numLoops, 0, wExprs, ctx),
                                 AffineMap::get(numLoops, 0, oExprs, ctx)};
  SmallVector<utils::IteratorType> iterators = parallelIterators(numLoops);
  for (int64_t i = 2 + n; i < numLoops; ++i)
    iterators[i] = utils::IteratorType::reduction;
  Value init = initWithBias(b, loc, out, bias);
  return linalg::GenericOp::create(
             b, loc, TypeRange{out}, ValueRange{x, w}, ValueRange{init}, maps,
             iterators,
             [](OpBuilder &nb, Location l, ValueRange args) {
               Value p = arith::MulFOp::create(nb, l, args[0], args[1]);
               linalg::YieldOp::create(
                   nb, l, arith::AddFOp::create(nb, l, args[2], p).getResult());
             })
      .getResult(0);
}

/// The convolution of a conv or fused_conv op (explicit pads).
template <typename OpTy, typename AdaptorT>
Value lowerConv(OpBuilder &b, OpTy op, AdaptorT adaptor, Value input) {
  Location loc = op.getLoc();
  auto out = cast<RankedTensorType>(op.getType());
  RankedTensorType in = tensorType(input);
  size_t n = in.getRank() - 2;
  SmallVector<int64_t> pads = valuesOr(op.getPads(), 2 * n, 0);
  SmallVector<int64_t> low(2, 0), high(2, 0);
  low.append(pads.begin(), pads.begin() + n);
  high.append(pads.begin() + n, pads.end());
  Value x = padConstant(b, loc, input, low, high,
                        floatConst(b, loc, in.getElementType(), 0));
  return buildConv(b, loc, x, adaptor.getWeight(), adaptor.getBias(), out,
                   valuesOr(op.getStrides(), n, 1),
                   valuesOr(op.getDilations(), n, 1), op.getGroup());
}

struct ConvLowering : OpConversionPattern<ConvOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConvOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (op.getAutoPad() != AutoPad::notset)
      return rewriter.notifyMatchFailure(op, "auto_pad not resolved");
    rewriter.replaceOp(op,
                       lowerConv(rewriter, op, adaptor, adaptor.getInput()));
    return success();
  }
};

/// The convolution, then its epilogue as one elementwise generic.
struct FusedConvLowering : OpConversionPattern<FusedConvOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(FusedConvOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value input =
        applyInputPrologue(rewriter, op.getLoc(), op, adaptor.getInput(),
                           adaptor.getInputScale(), adaptor.getInputShift());
    Value conv = lowerConv(rewriter, op, adaptor, input);
    SmallVector<Value> inputs = {conv};
    Value residual = adaptor.getResidual();
    if (residual)
      inputs.push_back(residual);
    // PRelu's slopes as [F, 1, 1], broadcast along N, H, W.
    auto type = cast<RankedTensorType>(op.getType());
    int64_t f = type.getDimSize(1);
    std::vector<float> slopes = preluSlopes(op, f);
    if (!slopes.empty())
      inputs.push_back(f32ResourceConstant(rewriter, op.getLoc(), {f, 1, 1},
                                           slopes, "prelu_slopes"));
    Value result = buildElementwise(
        rewriter, op.getLoc(), inputs, type,
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return buildEpilogue(b, loc, args[0], residual ? args[1] : Value(),
                               op, slopes.empty() ? Value() : args.back());
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ConvTransposeLowering : OpConversionPattern<ConvTransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConvTransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (op.getAutoPad() != AutoPad::notset || op.getOutputShape())
      return rewriter.notifyMatchFailure(op, "padding not resolved");
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    auto out = cast<RankedTensorType>(op.getType());
    Value input = adaptor.getInput(), weight = adaptor.getWeight();
    RankedTensorType in = tensorType(input);
    ArrayRef<int64_t> ws = tensorType(weight).getShape();
    Type elt = in.getElementType();
    int64_t n = in.getRank() - 2, group = op.getGroup();
    SmallVector<int64_t> strides = valuesOr(op.getStrides(), n, 1);
    SmallVector<int64_t> dilations = valuesOr(op.getDilations(), n, 1);
    SmallVector<int64_t> pads = valuesOr(op.getPads(), 2 * n, 0);
    SmallVector<int64_t> outPad = valuesOr(op.getOutputPadding(), n, 0);

    // 1. Dilate: zeros of size (D-1)*s + 1, the input at stride s.
    SmallVector<int64_t> dilated = {in.getDimSize(0), in.getDimSize(1)};
    for (int64_t i = 0; i < n; ++i)
      dilated.push_back((in.getDimSize(2 + i) - 1) * strides[i] + 1);
    auto dilatedType = RankedTensorType::get(dilated, elt);
    Value zeros = filledTensor(rewriter, loc, dilatedType,
                               floatConst(rewriter, loc, elt, 0));
    SmallVector<OpFoldResult> offsets(n + 2, rewriter.getIndexAttr(0)), sizes,
        steps = {rewriter.getIndexAttr(1), rewriter.getIndexAttr(1)};
    for (int64_t d : in.getShape())
      sizes.push_back(rewriter.getIndexAttr(d));
    for (int64_t s : strides)
      steps.push_back(rewriter.getIndexAttr(s));
    Value x = tensor::InsertSliceOp::create(rewriter, loc, input, zeros,
                                            offsets, sizes, steps);

    // 2. Pad by d(k-1) - p on each side (+ output_padding at the end);
    // negative amounts crop.
    SmallVector<int64_t> low(2, 0), high(2, 0), cropLow(n + 2, 0),
        cropHigh(n + 2, 0);
    for (int64_t i = 0; i < n; ++i) {
      int64_t full = dilations[i] * (ws[2 + i] - 1);
      int64_t l = full - pads[i], h = full - pads[n + i] + outPad[i];
      low.push_back(std::max<int64_t>(l, 0));
      high.push_back(std::max<int64_t>(h, 0));
      cropLow[2 + i] = std::max<int64_t>(-l, 0);
      cropHigh[2 + i] = std::max<int64_t>(-h, 0);
    }
    if (llvm::any_of(cropLow, [](int64_t v) { return v; }) ||
        llvm::any_of(cropHigh, [](int64_t v) { return v; })) {
      RankedTensorType t = tensorType(x);
      SmallVector<int64_t> shape;
      SmallVector<OpFoldResult> offs, szs,
          ones(n + 2, rewriter.getIndexAttr(1));
      for (int64_t i = 0; i < n + 2; ++i) {
        shape.push_back(t.getDimSize(i) - cropLow[i] - cropHigh[i]);
        offs.push_back(rewriter.getIndexAttr(cropLow[i]));
        szs.push_back(rewriter.getIndexAttr(shape.back()));
      }
      x = tensor::ExtractSliceOp::create(
          rewriter, loc, RankedTensorType::get(shape, elt), x, offs, szs, ones);
    }
    x = padConstant(rewriter, loc, x, low, high,
                    floatConst(rewriter, loc, elt, 0));

    // 3. Kernel [C, M/G, k...] -> [M, C/G, k...] flipped:
    // w2[m, c, k] = w[g*C/G + c, m mod M/G, K-1-k] with g = m div M/G.
    int64_t c = ws[0], mPerGroup = ws[1], m = mPerGroup * group;
    int64_t cPerGroup = c / group;
    SmallVector<int64_t> w2Shape = {m, cPerGroup};
    SmallVector<AffineExpr> exprs;
    AffineExpr dM = getAffineDimExpr(0, ctx), dC = getAffineDimExpr(1, ctx);
    if (group == 1) {
      exprs.push_back(dC);
      exprs.push_back(dM);
    } else {
      exprs.push_back(dM.floorDiv(mPerGroup) * cPerGroup + dC);
      exprs.push_back(dM % mPerGroup);
    }
    for (int64_t i = 0; i < n; ++i) {
      w2Shape.push_back(ws[2 + i]);
      exprs.push_back(ws[2 + i] - 1 - getAffineDimExpr(2 + i, ctx));
    }
    auto w2Type = RankedTensorType::get(w2Shape, elt);
    SmallVector<AffineMap> maps = {
        AffineMap::get(n + 2, 0, exprs, ctx),
        AffineMap::getMultiDimIdentityMap(n + 2, ctx)};
    Value w2 = linalg::GenericOp::create(
                   rewriter, loc, TypeRange{w2Type}, ValueRange{weight},
                   ValueRange{emptyTensor(rewriter, loc, w2Type)}, maps,
                   parallelIterators(n + 2),
                   [](OpBuilder &b, Location l, ValueRange args) {
                     linalg::YieldOp::create(b, l, args[0]);
                   })
                   .getResult(0);

    // 4. Stride-1 convolution with the same dilation and groups.
    rewriter.replaceOp(op,
                       buildConv(rewriter, loc, x, w2, adaptor.getBias(), out,
                                 SmallVector<int64_t>(n, 1), dilations, group));
    return success();
  }
};

} // namespace

void populateConvolutionPatterns(RewritePatternSet &patterns) {
  patterns.add<ConvLowering, FusedConvLowering, ConvTransposeLowering>(
      patterns.getContext());
}

} // namespace cnnc
