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
/// never materialised.
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

struct BatchNormIntoConv : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BatchNormOp bn,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(bn.getType());
    if (!type || type.getRank() != 4 || !type.getElementType().isF32() ||
        bn.getType() != bn.getInput().getType())
      return rewriter.notifyMatchFailure(bn, "not a 2-D f32 batch norm");
    // Optionally one activation, then the conv, each the only user.
    Value x = bn.getResult();
    std::optional<ActivationSpec> act;
    if (bn.getActivation() != Activation::none) {
      // Fused by cnn-fuse-epilogue already.
      act = ActivationSpec{bn.getActivation(), {}, {}};
      if (auto p = bn.getActivationParams())
        act->params.assign(p->begin(), p->end());
    } else if ((act = matchActivation(x))) {
      x = act->ops.back()->getResult(0);
    }
    if (!x.hasOneUse())
      return rewriter.notifyMatchFailure(bn, "more than one user");
    Operation *user = *x.getUsers().begin();
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
    SmallVector<Location> locs = {bn.getLoc()};
    if (act)
      for (Operation *op : act->ops)
        locs.push_back(op->getLoc());
    locs.push_back(user->getLoc());
    Location loc = rewriter.getFusedLoc(locs);
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
    rewriter.replaceOp(user, result);
    if (act)
      for (Operation *op : llvm::reverse(act->ops))
        rewriter.eraseOp(op);
    rewriter.eraseOp(bn);
    return success();
  }
};

struct CnnFuseProloguePass
    : public cnnc::cnn::impl::CnnFusePrologueBase<CnnFuseProloguePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<BatchNormIntoConv>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
