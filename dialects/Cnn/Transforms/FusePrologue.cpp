//===- FusePrologue.cpp - cnn-fuse-prologue pass --------------------------===//
//
// Part of cnnc.
//
/// A batch normalization that no conv before it can absorb (DenseNet's
/// concat -> BN -> ReLU -> conv, pre-activation ResNets) becomes the input
/// prologue of the conv after it:
///   conv(act(bn(x))) -> fused_conv(x) {input_scale, input_shift,
///                                      input_activation = act}
/// with the per-channel scale and shift computed at compile time. Code
/// generation applies the prologue while gathering the conv's input, so the
/// normalized tensor is written once and a concatenation in front of it is
/// never materialised. A batch norm before a global average pool likewise
/// becomes the pool's input prologue (`input_affine`, `input_activation`).
//
//===----------------------------------------------------------------------===//

#include "Cnn/IR/CnnConstants.h"
#include "Cnn/IR/CnnOps.h"
#include "Cnn/Transforms/FusionUtils.h"
#include "Cnn/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace cnnc::cnn {
#define GEN_PASS_DEF_CNNFUSEPROLOGUE
#include "Cnn/Transforms/Passes.h.inc"
} // namespace cnnc::cnn

using namespace mlir;
using namespace cnnc::cnn;

namespace {

/// A 2-D f32 batch norm, optionally its activation (carried or the next
/// op), and the single user of the result.
struct Normalization {
  std::optional<ActivationSpec> act;
  Operation *user = nullptr;
};
static FailureOr<Normalization> matchNormalization(BatchNormOp bn,
                                                   PatternRewriter &rewriter) {
  auto type = dyn_cast<RankedTensorType>(bn.getType());
  if (!type || type.getRank() != 4 || !type.getElementType().isF32() ||
      bn.getType() != bn.getInput().getType())
    return rewriter.notifyMatchFailure(bn, "not a 2-D f32 batch norm");
  Normalization norm;
  Value x = bn.getResult();
  if (bn.getActivation() != Activation::none) {
    // Fused by cnn-fuse-epilogue already.
    norm.act = ActivationSpec{bn.getActivation(), {}, {}};
    if (auto p = bn.getActivationParams())
      norm.act->params.assign(p->begin(), p->end());
  } else if ((norm.act = matchActivation(x))) {
    x = norm.act->ops.back()->getResult(0);
  }
  if (!x.hasOneUse())
    return rewriter.notifyMatchFailure(bn, "more than one user");
  norm.user = *x.getUsers().begin();
  return norm;
}

/// Every location the fused op stands for: the batch norm's, its
/// activation's and the user's.
static Location fusedLoc(PatternRewriter &rewriter, BatchNormOp bn,
                         const Normalization &norm) {
  SmallVector<Location> locs = {bn.getLoc()};
  if (norm.act)
    for (Operation *op : norm.act->ops)
      locs.push_back(op->getLoc());
  locs.push_back(norm.user->getLoc());
  return rewriter.getFusedLoc(locs);
}

/// Replaces the user with `result` and erases the batch norm and its
/// activation.
static void finish(PatternRewriter &rewriter, BatchNormOp bn,
                   const Normalization &norm, Value result) {
  rewriter.replaceOp(norm.user, result);
  if (norm.act)
    for (Operation *op : llvm::reverse(norm.act->ops))
      rewriter.eraseOp(op);
  rewriter.eraseOp(bn);
}

struct BatchNormIntoConv : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BatchNormOp bn,
                                PatternRewriter &rewriter) const override {
    // Optionally one activation, then the conv, each the only user.
    FailureOr<Normalization> norm = matchNormalization(bn, rewriter);
    if (failed(norm))
      return failure();
    auto type = cast<RankedTensorType>(bn.getType());
    std::optional<ActivationSpec> &act = norm->act;
    Value x = act && !act->ops.empty() ? Value(act->ops.back()->getResult(0))
                                       : bn.getResult();
    Operation *user = norm->user;
    auto conv = dyn_cast<ConvOp>(user);
    auto fused = dyn_cast<FusedConvOp>(user);
    if (conv && (conv.getInput() != x || conv.getAutoPad() != AutoPad::notset ||
                 cast<RankedTensorType>(conv.getType()).getRank() != 4))
      return rewriter.notifyMatchFailure(bn, "not the input of a 2-D conv");
    if (fused && (fused.getInput() != x || fused.getInputScale()))
      return rewriter.notifyMatchFailure(bn, "not a free conv input");
    if (!conv && !fused)
      return rewriter.notifyMatchFailure(bn, "not followed by a conv");
    std::optional<ChannelAffine> affine = batchNormAffine(bn);
    if (!affine)
      return rewriter.notifyMatchFailure(bn, "statistics not constant");

    rewriter.setInsertionPoint(user);
    auto channelType =
        RankedTensorType::get({type.getDimSize(1)}, type.getElementType());
    std::vector<float> scale(affine->scale.begin(), affine->scale.end()),
        shift(affine->shift.begin(), affine->shift.end());
    Value scaleV = createF32Constant(rewriter, bn.getLoc(), channelType, scale,
                                     "bn_input_scale");
    Value shiftV = createF32Constant(rewriter, bn.getLoc(), channelType, shift,
                                     "bn_input_shift");
    Location loc = fusedLoc(rewriter, bn, *norm);
    MLIRContext *ctx = getContext();
    auto inputAct =
        ActivationAttr::get(ctx, act ? act->kind : Activation::none);
    DenseF32ArrayAttr inputParams =
        act ? paramsAttr(rewriter, act->params) : DenseF32ArrayAttr();
    auto none = ActivationAttr::get(ctx, Activation::none);
    Value result;
    if (conv)
      result = FusedConvOp::create(
          rewriter, loc, conv.getType(), bn.getInput(), conv.getWeight(),
          conv.getBias(), /*residual=*/Value(), scaleV, shiftV,
          conv.getStridesAttr(), conv.getDilationsAttr(), conv.getPadsAttr(),
          conv.getGroupAttr(), none, DenseF32ArrayAttr(), none,
          DenseF32ArrayAttr(), inputAct, inputParams);
    else
      result = FusedConvOp::create(
          rewriter, loc, fused.getType(), bn.getInput(), fused.getWeight(),
          fused.getBias(), fused.getResidual(), scaleV, shiftV,
          fused.getStridesAttr(), fused.getDilationsAttr(), fused.getPadsAttr(),
          fused.getGroupAttr(), fused.getActivationAttr(),
          fused.getActivationParamsAttr(), fused.getPostActivationAttr(),
          fused.getPostActivationParamsAttr(), inputAct, inputParams);
    finish(rewriter, bn, *norm, result);
    return success();
  }
};

/// global_avg_pool(act(bn(x))) -> global_avg_pool(x) {input_affine,
/// input_activation}: a network's last batch norm before its classifier
/// (DenseNet's norm5 + ReLU) is applied while the pool reads its input.
struct BatchNormIntoGlobalPool : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BatchNormOp bn,
                                PatternRewriter &rewriter) const override {
    FailureOr<Normalization> norm = matchNormalization(bn, rewriter);
    if (failed(norm))
      return failure();
    auto pool = dyn_cast<GlobalAvgPoolOp>(norm->user);
    if (!pool || pool.getInputAffine())
      return rewriter.notifyMatchFailure(bn, "not followed by a free pool");
    std::optional<ChannelAffine> affine = batchNormAffine(bn);
    if (!affine)
      return rewriter.notifyMatchFailure(bn, "statistics not constant");
    int64_t c = cast<RankedTensorType>(bn.getType()).getDimSize(1);
    std::vector<float> values(affine->scale.begin(), affine->scale.end());
    values.insert(values.end(), affine->shift.begin(), affine->shift.end());
    rewriter.setInsertionPoint(pool);
    Value affineV =
        createF32Constant(rewriter, bn.getLoc(),
                          RankedTensorType::get({2, c}, rewriter.getF32Type()),
                          values, "bn_input_affine");
    MLIRContext *ctx = getContext();
    std::optional<ActivationSpec> &act = norm->act;
    Value result = GlobalAvgPoolOp::create(
        rewriter, fusedLoc(rewriter, bn, *norm), pool.getType(), bn.getInput(),
        affineV, ActivationAttr::get(ctx, act ? act->kind : Activation::none),
        act ? paramsAttr(rewriter, act->params) : DenseF32ArrayAttr());
    finish(rewriter, bn, *norm, result);
    return success();
  }
};

struct CnnFuseProloguePass
    : public cnnc::cnn::impl::CnnFusePrologueBase<CnnFuseProloguePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<BatchNormIntoConv, BatchNormIntoGlobalPool>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
