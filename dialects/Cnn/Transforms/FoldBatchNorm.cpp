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

template <typename ConvTy>
LogicalResult foldInto(ConvTy conv, BatchNormOp bn, PatternRewriter &rewriter) {
  if (!conv->hasOneUse())
    return rewriter.notifyMatchFailure(bn, "the conv has other users");
  std::optional<std::vector<float>> w = readF32Values(conv.getWeight());
  std::optional<ChannelAffine> affine = batchNormAffine(bn);
  if (!w || !affine)
    return rewriter.notifyMatchFailure(bn,
                                       "weights or statistics not constant");
  std::optional<std::vector<float>> b;
  if (conv.getBias()) {
    b = readF32Values(conv.getBias());
    if (!b)
      return rewriter.notifyMatchFailure(bn, "bias not constant");
  }
  auto wType = cast<RankedTensorType>(conv.getWeight().getType());
  int64_t m = wType.getDimSize(0);
  if ((int64_t)affine->scale.size() != m)
    return rewriter.notifyMatchFailure(bn, "statistics are not per channel");
  int64_t perChannel = wType.getNumElements() / m;
  std::vector<float> newW(w->size()), newB(m);
  for (int64_t c = 0; c < m; ++c) {
    double k = affine->scale[c];
    for (int64_t i = 0; i < perChannel; ++i)
      newW[c * perChannel + i] = float((*w)[c * perChannel + i] * k);
    newB[c] = float((b ? (*b)[c] : 0.0) * k + affine->shift[c]);
  }
  Location loc = conv.getLoc();
  rewriter.setInsertionPoint(conv);
  Value weight =
      createF32Constant(rewriter, loc, wType, newW, "bn_folded_weight");
  Value bias = createF32Constant(
      rewriter, loc, RankedTensorType::get({m}, wType.getElementType()), newB,
      "bn_folded_bias");
  rewriter.modifyOpInPlace(conv, [&] {
    conv.getWeightMutable().assign(weight);
    if (conv.getBias())
      conv.getBiasMutable().assign(bias);
    else
      conv.getBiasMutable().append(bias);
  });
  rewriter.replaceOp(bn, conv.getResult());
  return success();
}

struct FoldIntoConv : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BatchNormOp bn,
                                PatternRewriter &rewriter) const override {
    if (bn.getType() != bn.getInput().getType())
      return rewriter.notifyMatchFailure(bn, "types differ");
    if (auto conv = bn.getInput().getDefiningOp<ConvOp>())
      return foldInto(conv, bn, rewriter);
    return rewriter.notifyMatchFailure(bn, "not after a conv");
  }
};

struct CnnFoldBatchNormPass
    : public cnnc::cnn::impl::CnnFoldBatchNormBase<CnnFoldBatchNormPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldIntoConv>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
