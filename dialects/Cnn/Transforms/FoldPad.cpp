//===- FoldPad.cpp - cnn-fold-pad pass ------------------------------------===//
//
// Part of cnnc.
//
/// Folds an explicit constant `cnn.pad` of the spatial dimensions into the
/// convolution or pooling that reads it, so the padded copy is never made
/// (exporters from TensorFlow and hand-written graphs pad this way):
///   conv(pad(x, 0))                     -> conv(x) with larger pads
///   avg_pool(pad(x, 0))                 -> avg_pool(x), count_include_pad
///   max_pool(pad(x, -inf))              -> max_pool(x) with larger pads
///   max_pool(pad(x, 0)), x >= 0 proven  -> the same (0 never wins over x)
/// Each rule keeps the result bit for bit; anything else stays unfolded.
//
//===----------------------------------------------------------------------===//

#include "Cnn/IR/CnnOps.h"
#include "Cnn/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>

namespace cnnc::cnn {
#define GEN_PASS_DEF_CNNFOLDPAD
#include "Cnn/Transforms/Passes.h.inc"
} // namespace cnnc::cnn

using namespace mlir;
using namespace cnnc::cnn;

namespace {

/// The spatial pads (begins, then ends) of a constant-mode pad that leaves
/// the batch and channel dimensions alone; nullopt for anything else.
std::optional<SmallVector<int64_t>> spatialPads(PadOp pad) {
  if (pad.getMode() != PadMode::constant)
    return std::nullopt;
  ArrayRef<int64_t> pads = pad.getPads();
  int64_t rank = pads.size() / 2;
  if (rank < 3)
    return std::nullopt;
  SmallVector<int64_t> begins, ends;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t b = pads[d], e = pads[rank + d];
    if (b < 0 || e < 0 || (d < 2 && (b || e)))
      return std::nullopt;
    if (d >= 2) {
      begins.push_back(b);
      ends.push_back(e);
    }
  }
  SmallVector<int64_t> result(begins);
  result.append(ends);
  return result;
}

/// The constant pad producing `input`, with its spatial pads; nullopt if
/// `input` is not such a pad.
struct SpatialPad {
  PadOp op;
  SmallVector<int64_t> pads;
  float value;
};
std::optional<SpatialPad> spatialPadOf(Value input) {
  auto pad = input.getDefiningOp<PadOp>();
  if (!pad)
    return std::nullopt;
  std::optional<SmallVector<int64_t>> pads = spatialPads(pad);
  if (!pads)
    return std::nullopt;
  return SpatialPad{pad, *pads, pad.getValue().convertToFloat()};
}

/// `op` reads the pad's input with `pads` as its own.
template <typename OpTy>
void readUnpadded(PatternRewriter &rewriter, OpTy op, PadOp pad,
                  ArrayRef<int64_t> pads) {
  rewriter.modifyOpInPlace(op, [&] {
    op.getInputMutable().assign(pad.getInput());
    op.setPadsAttr(rewriter.getDenseI64ArrayAttr(pads));
  });
}

/// Whether every element of `v` is >= 0 (or NaN), from what produced it.
bool isNonNegative(Value v, int depth = 0) {
  Operation *def = v.getDefiningOp();
  if (!def || depth > 8)
    return false;
  auto activationNonNegative = [](Activation kind,
                                  std::optional<ArrayRef<float>> params) {
    switch (kind) {
    case Activation::relu:
    case Activation::sigmoid:
    case Activation::hard_sigmoid:
      return true;
    case Activation::clip:
      return params && !params->empty() && (*params)[0] >= 0.0f;
    default:
      return false;
    }
  };
  if (isa<ReluOp, SigmoidOp, HardSigmoidOp>(def))
    return true;
  if (auto clip = dyn_cast<ClipOp>(def))
    return clip.getMin() && !clip.getMin()->isNegative();
  if (auto conv = dyn_cast<FusedConvOp>(def)) {
    if (conv.getPostActivation() != Activation::none)
      return activationNonNegative(conv.getPostActivation(),
                                   conv.getPostActivationParams());
    return !conv.getResidual() &&
           activationNonNegative(conv.getActivation(),
                                 conv.getActivationParams());
  }
  if (auto pool = dyn_cast<GlobalAvgPoolOp>(def); pool && pool.getInputAffine())
    return activationNonNegative(pool.getInputActivation(),
                                 pool.getInputActivationParams());
  if (isa<MaxPoolOp, AvgPoolOp, GlobalAvgPoolOp, GlobalMaxPoolOp>(def) &&
      def->getResult(0) == v)
    return isNonNegative(def->getOperand(0), depth + 1);
  if (isa<ConcatOp>(def))
    return llvm::all_of(def->getOperands(), [&](Value operand) {
      return isNonNegative(operand, depth + 1);
    });
  return false;
}

/// `extra` added to the op's own pads (all zero when it has none).
SmallVector<int64_t> addPads(std::optional<ArrayRef<int64_t>> own,
                             ArrayRef<int64_t> extra) {
  SmallVector<int64_t> sum(extra);
  if (own && own->size() == extra.size())
    for (auto [s, o] : llvm::zip(sum, *own))
      s += o;
  return sum;
}

/// Pools keep their pads below the kernel size (the verifier's rule, which
/// also means no window is all padding).
bool padsFitKernel(ArrayRef<int64_t> pads, ArrayRef<int64_t> kernel) {
  for (auto [i, p] : llvm::enumerate(pads))
    if (p >= kernel[i % kernel.size()])
      return false;
  return true;
}

template <typename ConvTy> struct FoldIntoConv : OpRewritePattern<ConvTy> {
  using OpRewritePattern<ConvTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(ConvTy op,
                                PatternRewriter &rewriter) const override {
    std::optional<SpatialPad> pad = spatialPadOf(op.getInput());
    if (!pad || pad->value != 0.0f)
      return rewriter.notifyMatchFailure(op, "not a zero pad of H, W");
    if constexpr (std::is_same_v<ConvTy, ConvOp>)
      if (op.getAutoPad() != AutoPad::notset)
        return rewriter.notifyMatchFailure(op, "auto_pad");
    readUnpadded(rewriter, op, pad->op, addPads(op.getPads(), pad->pads));
    return success();
  }
};

struct FoldIntoAvgPool : OpRewritePattern<AvgPoolOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AvgPoolOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<SpatialPad> pad = spatialPadOf(op.getInput());
    if (!pad || pad->value != 0.0f)
      return rewriter.notifyMatchFailure(op, "not a zero pad of H, W");
    // Explicit zeros count in the divisor: that is count_include_pad, which
    // only matches when the pool's own pads (if any) count too. ceil_mode
    // windows that run past the padding divide by less: keep those.
    bool ownPads = op.getPads() &&
                   llvm::any_of(*op.getPads(), [](int64_t p) { return p; });
    if (op.getAutoPad() != AutoPad::notset || op.getCeilMode() ||
        (ownPads && !op.getCountIncludePad()))
      return rewriter.notifyMatchFailure(op, "padding semantics differ");
    SmallVector<int64_t> pads = addPads(op.getPads(), pad->pads);
    if (!padsFitKernel(pads, op.getKernelShape()))
      return rewriter.notifyMatchFailure(op, "pads as large as the kernel");
    readUnpadded(rewriter, op, pad->op, pads);
    rewriter.modifyOpInPlace(op, [&] { op.setCountIncludePad(true); });
    return success();
  }
};

struct FoldIntoMaxPool : OpRewritePattern<MaxPoolOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MaxPoolOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<SpatialPad> pad = spatialPadOf(op.getInput());
    if (!pad)
      return rewriter.notifyMatchFailure(op, "not a constant pad of H, W");
    // Argmax indices count positions of the padded tensor; the implicit
    // padding of max_pool never wins, so explicit values may only go where
    // they would not win either: -inf, or 0 next to non-negative data in
    // windows that always hold data (dilation 1, pads below the kernel).
    // ceil_mode drops windows that start in the implicit end padding only.
    if (op.getIndices() || op.getAutoPad() != AutoPad::notset ||
        op.getCeilMode())
      return rewriter.notifyMatchFailure(op, "indices, auto_pad or ceil_mode");
    float value = pad->value;
    SmallVector<int64_t> pads = addPads(op.getPads(), pad->pads);
    if (!padsFitKernel(pads, op.getKernelShape()))
      return rewriter.notifyMatchFailure(op, "pads as large as the kernel");
    if (!(std::isinf(value) && value < 0)) {
      if (value != 0.0f || !isNonNegative(pad->op.getInput()))
        return rewriter.notifyMatchFailure(op, "pad value could win");
      // With dilation a window's taps may all land on padding.
      if (op.getDilations() &&
          llvm::any_of(*op.getDilations(), [](int64_t d) { return d != 1; }))
        return rewriter.notifyMatchFailure(op, "dilated");
    }
    readUnpadded(rewriter, op, pad->op, pads);
    return success();
  }
};

struct CnnFoldPadPass : public cnnc::cnn::impl::CnnFoldPadBase<CnnFoldPadPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldIntoConv<ConvOp>, FoldIntoConv<FusedConvOp>,
                 FoldIntoAvgPool, FoldIntoMaxPool>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
