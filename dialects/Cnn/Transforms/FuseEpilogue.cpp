//===- FuseEpilogue.cpp - cnn-fuse-epilogue pass --------------------------===//
//
// Part of cnnc.
//
/// Grows `cnn.fused_conv` ops from 2-D convolutions and the elementwise ops
/// that consume them: conv -> [activation] -> [add residual] ->
/// [activation]. Each step absorbs the single user of the current result,
/// so an intermediate that anything else reads is never fused away.
/// Activations are those of matchActivation: single ops, SiLU, the erf form
/// of GELU, PRelu with constant per-channel slopes (at most one per conv).
//
//===----------------------------------------------------------------------===//

#include "Cnn/IR/CnnOps.h"
#include "Cnn/Transforms/FusionUtils.h"
#include "Cnn/Transforms/Passes.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace cnnc::cnn {
#define GEN_PASS_DEF_CNNFUSEEPILOGUE
#include "Cnn/Transforms/Passes.h.inc"
} // namespace cnnc::cnn

using namespace mlir;
using namespace cnnc::cnn;

namespace {

/// Rebuilds `op` with changes at the position of `anchor` (the last op the
/// new one replaces), so every operand it gains dominates it.
FusedConvOp rebuild(PatternRewriter &rewriter, FusedConvOp op,
                    Operation *anchor, Value residual,
                    const ActivationSpec *activation,
                    const ActivationSpec *post) {
  rewriter.setInsertionPoint(anchor);
  // Both locations: diagnostics and --profile name every node fused.
  Location loc = rewriter.getFusedLoc({op.getLoc(), anchor->getLoc()});
  auto fused = FusedConvOp::create(
      rewriter, loc, op.getType(), op.getInput(), op.getWeight(), op.getBias(),
      residual, op.getInputScale(), op.getInputShift(), op.getStridesAttr(),
      op.getDilationsAttr(), op.getPadsAttr(), op.getGroupAttr(),
      activation ? ActivationAttr::get(op.getContext(), activation->kind)
                 : op.getActivationAttr(),
      activation ? paramsAttr(rewriter, activation->params)
                 : op.getActivationParamsAttr(),
      post ? ActivationAttr::get(op.getContext(), post->kind)
           : op.getPostActivationAttr(),
      post ? paramsAttr(rewriter, post->params)
           : op.getPostActivationParamsAttr(),
      op.getInputActivationAttr(), op.getInputActivationParamsAttr());
  rewriter.replaceOp(anchor, fused.getResult());
  return fused;
}

/// conv (2-D, explicit pads) whose result is consumed by something fusable
/// becomes a fused_conv with an empty epilogue; the pattern below grows it.
struct ConvToFused : OpRewritePattern<ConvOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConvOp op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getType());
    if (!type || type.getRank() != 4 || op.getAutoPad() != AutoPad::notset)
      return rewriter.notifyMatchFailure(op, "not a 2-D conv with pads");
    bool fusable =
        matchActivation(op.getResult(), /*perChannel=*/true).has_value();
    if (!fusable && op->hasOneUse())
      if (auto add = dyn_cast<AddOp>(*op->getUsers().begin()))
        fusable = add.getLhs().getType() == add.getRhs().getType();
    if (!fusable)
      return rewriter.notifyMatchFailure(op, "nothing to fuse");
    rewriter.replaceOpWithNewOp<FusedConvOp>(
        op, op.getType(), op.getInput(), op.getWeight(), op.getBias(),
        /*residual=*/Value(), /*input_scale=*/Value(), /*input_shift=*/Value(),
        op.getStridesAttr(), op.getDilationsAttr(), op.getPadsAttr(),
        op.getGroupAttr(),
        ActivationAttr::get(op.getContext(), Activation::none),
        DenseF32ArrayAttr(),
        ActivationAttr::get(op.getContext(), Activation::none),
        DenseF32ArrayAttr(),
        ActivationAttr::get(op.getContext(), Activation::none),
        DenseF32ArrayAttr());
    return success();
  }
};

struct GrowFusedConv : OpRewritePattern<FusedConvOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(FusedConvOp op,
                                PatternRewriter &rewriter) const override {
    Value result = op.getResult();
    bool hasResidual = static_cast<bool>(op.getResidual());
    // 1. The activation before the residual add.
    if (!hasResidual && op.getActivation() == Activation::none)
      if (std::optional<ActivationSpec> act =
              matchActivation(result, /*perChannel=*/true)) {
        rebuild(rewriter, op, act->ops.back(), Value(), &*act, nullptr);
        for (Operation *dead : llvm::reverse(ArrayRef(act->ops).drop_back()))
          rewriter.eraseOp(dead);
        rewriter.eraseOp(op);
        return success();
      }
    // 2. The residual add (same shapes: no broadcasting in the epilogue).
    if (!hasResidual && result.hasOneUse())
      if (auto add = dyn_cast<AddOp>(*result.getUsers().begin())) {
        Value other = add.getLhs() == result ? add.getRhs() : add.getLhs();
        if (add.getLhs() != add.getRhs() && other.getType() == op.getType() &&
            add.getType() == op.getType()) {
          rebuild(rewriter, op, add, other, nullptr, nullptr);
          rewriter.eraseOp(op);
          return success();
        }
      }
    // 3. The activation after it (one of the two may be a per-channel
    // PRelu: the epilogue reads one slope vector).
    if (hasResidual && op.getPostActivation() == Activation::none)
      if (std::optional<ActivationSpec> act = matchActivation(
              result,
              /*perChannel=*/op.getActivation() != Activation::prelu)) {
        rebuild(rewriter, op, act->ops.back(), op.getResidual(), nullptr,
                &*act);
        for (Operation *dead : llvm::reverse(ArrayRef(act->ops).drop_back()))
          rewriter.eraseOp(dead);
        rewriter.eraseOp(op);
        return success();
      }
    return rewriter.notifyMatchFailure(op, "nothing more to fuse");
  }
};

/// op -> activation: one op carrying it, for a `cnn.batch_norm` that no conv
/// absorbs (DenseNet's head; a conv before it takes the batch norm first,
/// cnn-fold-batch-norm running earlier) and a `cnn.gemm` (the dense layers
/// of classifier heads).
template <typename OpTy> struct TakeActivation : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    if (op.getActivation() != Activation::none)
      return rewriter.notifyMatchFailure(op, "has an activation");
    std::optional<ActivationSpec> act = matchActivation(op.getResult());
    if (!act)
      return rewriter.notifyMatchFailure(op, "no activation after it");
    Operation *last = act->ops.back();
    rewriter.setInsertionPoint(last);
    auto fused = cast<OpTy>(rewriter.clone(*op));
    fused->setLoc(rewriter.getFusedLoc({op.getLoc(), last->getLoc()}));
    fused.setActivationAttr(ActivationAttr::get(op.getContext(), act->kind));
    fused.setActivationParamsAttr(paramsAttr(rewriter, act->params));
    rewriter.replaceOp(last, fused.getResult());
    for (Operation *dead : llvm::reverse(ArrayRef(act->ops).drop_back()))
      rewriter.eraseOp(dead);
    rewriter.eraseOp(op);
    return success();
  }
};

/// activation(move(x)) -> move(activation(x)) for a data movement whose
/// result only the activation reads (a sub-pixel transposed conv's
/// depth_to_space and slice): the activation then meets the conv before
/// the movement and fuses into it.
template <typename MoveTy>
struct ActivationBeforeMovement : OpRewritePattern<MoveTy> {
  using OpRewritePattern<MoveTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(MoveTy move,
                                PatternRewriter &rewriter) const override {
    Value x = move->getOperand(0);
    Operation *producer = x.getDefiningOp();
    if (!producer ||
        !isa<ConvOp, FusedConvOp, DepthToSpaceOp, SliceOp>(producer) ||
        !x.hasOneUse())
      return rewriter.notifyMatchFailure(move, "not after a conv");
    std::optional<ActivationSpec> act = matchActivation(move->getResult(0));
    if (!act)
      return rewriter.notifyMatchFailure(move, "no activation after it");
    rewriter.setInsertionPointAfter(producer);
    IRMapping map;
    map.map(move->getResult(0), x);
    Operation *last = nullptr;
    for (Operation *op : act->ops) {
      last = rewriter.clone(*op, map);
      last->getResult(0).setType(x.getType());
      map.map(op->getResult(0), last->getResult(0));
    }
    rewriter.setInsertionPoint(act->ops.back());
    IRMapping moveMap;
    moveMap.map(x, last->getResult(0));
    Operation *moved = rewriter.clone(*move, moveMap);
    rewriter.replaceOp(act->ops.back(), moved->getResults());
    for (Operation *dead : llvm::reverse(ArrayRef(act->ops).drop_back()))
      rewriter.eraseOp(dead);
    rewriter.eraseOp(move);
    return success();
  }
};

struct CnnFuseEpiloguePass
    : public cnnc::cnn::impl::CnnFuseEpilogueBase<CnnFuseEpiloguePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns
        .add<ConvToFused, GrowFusedConv, TakeActivation<BatchNormOp>,
             TakeActivation<GemmOp>, ActivationBeforeMovement<DepthToSpaceOp>,
             ActivationBeforeMovement<SliceOp>>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
