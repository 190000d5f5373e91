//===- FoldBatchNorm.cpp - cnn-fold-batch-norm pass -----------------------===//
//
// Part of cnnc.
//
/// Folds an inference batch normalization into the convolution before it:
///   bn(conv(x, w) + b) = conv(x, w * k) + (b - mean) * k + beta,
///   k = scale / sqrt(var + eps)  (per output channel)
/// computed at compile time in double precision from constant weights and
/// statistics. Models exported without this folding (training-mode exports,
/// the .cnn examples) then get the same fused kernels as folded exports.
//
//===----------------------------------------------------------------------===//

#include "Cnn/IR/CnnConstants.h"
#include "Cnn/IR/CnnOps.h"
#include "Cnn/Transforms/Passes.h"

#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>
#include <cstring>

namespace cnnc::cnn {
#define GEN_PASS_DEF_CNNFOLDBATCHNORM
#include "Cnn/Transforms/Passes.h.inc"
} // namespace cnnc::cnn

using namespace mlir;
using namespace cnnc::cnn;

namespace {

/// The producer's weights and bias scaled per output channel:
/// w' = w * k[channelOf(i)], b' = b * biasScale * k + shift. `bias` holds
/// one value per output channel (or is empty for none). `assign` puts the
/// new weight and bias on the producer.
LogicalResult scaleWeights(Operation *producer, BatchNormOp bn,
                           Value weightValue, ArrayRef<float> bias,
                           function_ref<int64_t(int64_t)> channelOf,
                           function_ref<void(Value, Value)> assign,
                           PatternRewriter &rewriter) {
  if (!producer->hasOneUse())
    return rewriter.notifyMatchFailure(bn, "the producer has other users");
  std::optional<std::vector<float>> w = readF32Values(weightValue);
  std::optional<ChannelAffine> affine = batchNormAffine(bn);
  if (!w || !affine)
    return rewriter.notifyMatchFailure(bn,
                                       "weights or statistics not constant");
  int64_t m = affine->scale.size();
  if (!bias.empty() && int64_t(bias.size()) != m)
    return rewriter.notifyMatchFailure(bn, "bias is not per channel");
  std::vector<float> newW(w->size()), newB(m);
  for (size_t i = 0; i < w->size(); ++i) {
    int64_t c = channelOf(i);
    if (c < 0 || c >= m)
      return rewriter.notifyMatchFailure(bn, "statistics are not per channel");
    newW[i] = float((*w)[i] * affine->scale[c]);
  }
  for (int64_t c = 0; c < m; ++c)
    newB[c] = float((bias.empty() ? 0.0 : bias[c]) * affine->scale[c] +
                    affine->shift[c]);
  Location loc = producer->getLoc();
  rewriter.setInsertionPoint(producer);
  auto wType = cast<RankedTensorType>(weightValue.getType());
  Value weight =
      createF32Constant(rewriter, loc, wType, newW, "bn_folded_weight");
  Value newBias = createF32Constant(
      rewriter, loc, RankedTensorType::get({m}, wType.getElementType()), newB,
      "bn_folded_bias");
  rewriter.modifyOpInPlace(producer, [&] { assign(weight, newBias); });
  rewriter.replaceOp(bn, producer->getResult(0));
  return success();
}

/// The per-channel values of an optional bias (empty when absent); nullopt
/// when it is not a constant.
std::optional<std::vector<float>> biasValues(Value bias) {
  if (!bias)
    return std::vector<float>();
  return readF32Values(bias);
}

/// conv and conv_transpose: their weights scale per output channel
/// (`channelOf` of a flat weight index), their bias is replaced or added.
template <typename ConvTy>
LogicalResult foldIntoConvLike(ConvTy conv, BatchNormOp bn,
                               PatternRewriter &rewriter,
                               function_ref<int64_t(int64_t)> channelOf) {
  std::optional<std::vector<float>> bias = biasValues(conv.getBias());
  if (!bias)
    return rewriter.notifyMatchFailure(bn, "bias not constant");
  return scaleWeights(
      conv, bn, conv.getWeight(), *bias, channelOf,
      [&](Value w, Value b) {
        conv.getWeightMutable().assign(w);
        if (conv.getBias())
          conv.getBiasMutable().assign(b);
        else
          conv.getBiasMutable().append(b);
      },
      rewriter);
}

/// conv: weights [M, C/g, KH, KW], output channel = first index.
LogicalResult foldIntoConv(ConvOp conv, BatchNormOp bn,
                           PatternRewriter &rewriter) {
  auto wType = cast<RankedTensorType>(conv.getWeight().getType());
  int64_t perChannel = wType.getNumElements() / wType.getDimSize(0);
  return foldIntoConvLike(conv, bn, rewriter,
                          [&](int64_t i) { return i / perChannel; });
}

/// conv_transpose: weights [C, M/g, KH, KW]; input channel c's group gi
/// writes output channels gi * M/g + j.
LogicalResult foldIntoConvTranspose(ConvTransposeOp conv, BatchNormOp bn,
                                    PatternRewriter &rewriter) {
  auto wType = cast<RankedTensorType>(conv.getWeight().getType());
  if (wType.getRank() < 3 || !wType.hasStaticShape())
    return rewriter.notifyMatchFailure(bn, "weights not static");
  int64_t c = wType.getDimSize(0), mg = wType.getDimSize(1),
          g = conv.getGroup();
  if (g < 1 || c % g)
    return rewriter.notifyMatchFailure(bn, "groups do not split C");
  int64_t taps = wType.getNumElements() / (c * mg), cg = c / g;
  return foldIntoConvLike(conv, bn, rewriter, [&](int64_t i) {
    int64_t ci = i / (mg * taps), j = (i / taps) % mg;
    return (ci / cg) * mg + j;
  });
}

/// gemm [N, K] x [K, F] (or [F, K] with trans_b) + beta * c: B's columns
/// (rows) scale, and c (per feature, a scalar, or none) becomes the bias.
LogicalResult foldIntoGemm(GemmOp gemm, BatchNormOp bn,
                           PatternRewriter &rewriter) {
  if (gemm.getActivation() != Activation::none)
    return rewriter.notifyMatchFailure(bn, "the gemm has an activation");
  auto bType = cast<RankedTensorType>(gemm.getB().getType());
  auto yType = cast<RankedTensorType>(gemm.getType());
  if (bType.getRank() != 2 || !bType.hasStaticShape() || yType.getRank() != 2)
    return rewriter.notifyMatchFailure(bn, "not a static 2-D gemm");
  int64_t f = yType.getDimSize(1);
  std::vector<float> bias;
  if (Value c = gemm.getC()) {
    auto cType = cast<RankedTensorType>(c.getType());
    std::optional<std::vector<float>> values = readF32Values(c);
    if (!values || !(cType.getNumElements() == 1 ||
                     (cType.getNumElements() == f &&
                      cType.getDimSize(cType.getRank() - 1) == f)))
      return rewriter.notifyMatchFailure(bn, "c is not a per-feature constant");
    float beta = gemm.getBeta().convertToFloat();
    for (int64_t i = 0; i < f; ++i)
      bias.push_back(beta * (*values)[values->size() == 1 ? 0 : i]);
  }
  int64_t cols = bType.getDimSize(1);
  bool transB = gemm.getTransB();
  return scaleWeights(
      gemm, bn, gemm.getB(), bias,
      [&](int64_t i) { return transB ? i / cols : i % cols; },
      [&](Value w, Value b) {
        gemm.getBMutable().assign(w);
        if (gemm.getC())
          gemm.getCMutable().assign(b);
        else
          gemm.getCMutable().append(b);
        gemm.setBetaAttr(rewriter.getF32FloatAttr(1.0f));
      },
      rewriter);
}

struct FoldIntoProducer : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BatchNormOp bn,
                                PatternRewriter &rewriter) const override {
    if (bn.getType() != bn.getInput().getType() ||
        bn.getActivation() != Activation::none)
      return rewriter.notifyMatchFailure(bn, "types differ or activation");
    if (auto conv = bn.getInput().getDefiningOp<ConvOp>())
      return foldIntoConv(conv, bn, rewriter);
    if (auto conv = bn.getInput().getDefiningOp<ConvTransposeOp>())
      return foldIntoConvTranspose(conv, bn, rewriter);
    if (auto gemm = bn.getInput().getDefiningOp<GemmOp>())
      return foldIntoGemm(gemm, bn, rewriter);
    return rewriter.notifyMatchFailure(bn, "not after a conv or gemm");
  }
};

struct CnnFoldBatchNormPass
    : public cnnc::cnn::impl::CnnFoldBatchNormBase<CnnFoldBatchNormPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldIntoProducer>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
