//===- DecomposeConvTranspose.cpp - cnn-decompose-conv-transpose ----------===//
//
// Part of cnnc.
//
/// A transposed convolution of stride s is s x s ordinary convolutions, one
/// per output phase (sub-pixel decomposition): output row y = q*s + p
/// receives in[q - t] * w[t*s + p] for t = 0 .. T-1, T = ceil(k / s). All
/// phases read the same input window, so they are one stride-1 conv with
/// s*s*F outputs and a T x T kernel (flipped, zero where a phase has fewer
/// taps), padded by T-1, followed by depth_to_space (DCR) to interleave the
/// phases and a slice for the transposed conv's pads:
///
///   conv_transpose(x, w) -> slice(depth_to_space(conv(x, w'), s))
///
/// No zero-inserted input is built and no multiply meets a zero of one, and
/// the conv takes the packed, vectorized path.
//
//===----------------------------------------------------------------------===//

#include "Cnn/IR/CnnConstants.h"
#include "Cnn/IR/CnnOps.h"
#include "Cnn/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace cnnc::cnn {
#define GEN_PASS_DEF_CNNDECOMPOSECONVTRANSPOSE
#include "Cnn/Transforms/Passes.h.inc"
} // namespace cnnc::cnn

using namespace mlir;
using namespace cnnc::cnn;

namespace {

struct SubPixel : OpRewritePattern<ConvTransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConvTransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto in = dyn_cast<RankedTensorType>(op.getInput().getType());
    auto wt = dyn_cast<RankedTensorType>(op.getWeight().getType());
    auto out = dyn_cast<RankedTensorType>(op.getType());
    if (!in || !wt || !out || in.getRank() != 4 || !in.hasStaticShape() ||
        !wt.hasStaticShape() || !out.hasStaticShape() ||
        !in.getElementType().isF32() || out.getNumElements() == 0)
      return rewriter.notifyMatchFailure(op, "not a static 2-D f32 op");
    if (op.getGroup() != 1 || op.getAutoPad() != AutoPad::notset ||
        op.getOutputShape())
      return rewriter.notifyMatchFailure(op, "groups or unresolved padding");
    auto all = [](std::optional<ArrayRef<int64_t>> v, int64_t x) {
      return !v || llvm::all_of(*v, [x](int64_t e) { return e == x; });
    };
    if (!all(op.getDilations(), 1))
      return rewriter.notifyMatchFailure(op, "dilated");
    int64_t s = op.getStrides() ? (*op.getStrides())[0] : 1;
    if (!all(op.getStrides(), s))
      return rewriter.notifyMatchFailure(op, "strides differ per dimension");
    SmallVector<int64_t> pads(4, 0);
    if (op.getPads())
      pads.assign(op.getPads()->begin(), op.getPads()->end());
    if (llvm::any_of(pads, [](int64_t p) { return p < 0; }))
      return rewriter.notifyMatchFailure(op, "negative pads");
    std::optional<std::vector<float>> w = readF32Values(op.getWeight());
    std::optional<std::vector<float>> bias;
    if (op.getBias() && !(bias = readF32Values(op.getBias())))
      return rewriter.notifyMatchFailure(op, "bias not constant");
    if (!w)
      return rewriter.notifyMatchFailure(op, "weights not constant");

    int64_t n = in.getDimSize(0), c = in.getDimSize(1);
    int64_t f = wt.getDimSize(1);
    int64_t k[2] = {wt.getDimSize(2), wt.getDimSize(3)};
    int64_t size[2] = {in.getDimSize(2), in.getDimSize(3)};
    int64_t o[2] = {out.getDimSize(2), out.getDimSize(3)};
    int64_t t[2], rows[2], crop[2];
    SmallVector<int64_t> convPads(4);
    for (int d = 0; d < 2; ++d) {
      t[d] = (k[d] + s - 1) / s;
      // Whole phase rows of the begin padding are not computed at all (the
      // conv pads less), the rest is cropped.
      int64_t skip = std::min(pads[d] / s, t[d] - 1);
      crop[d] = pads[d] - skip * s;
      convPads[d] = t[d] - 1 - skip;
      int64_t need = (crop[d] + o[d] + s - 1) / s;
      int64_t unpadded = size[d] + convPads[d] - t[d] + 1;
      convPads[2 + d] = std::max<int64_t>(need - unpadded, 0);
      rows[d] = unpadded + convPads[2 + d];
    }
    // w'[(i*s + j)*F + m, ci, jy, jx] = w[ci, m, (T-1-jy)*s + i,
    // (T-1-jx)*s + j], zero past the kernel.
    int64_t phases = s * s;
    std::vector<float> packed(phases * f * c * t[0] * t[1], 0.0f);
    for (int64_t i = 0; i < s; ++i)
      for (int64_t j = 0; j < s; ++j)
        for (int64_t m = 0; m < f; ++m)
          for (int64_t ci = 0; ci < c; ++ci)
            for (int64_t jy = 0; jy < t[0]; ++jy)
              for (int64_t jx = 0; jx < t[1]; ++jx) {
                int64_t ky = (t[0] - 1 - jy) * s + i,
                        kx = (t[1] - 1 - jx) * s + j;
                if (ky >= k[0] || kx >= k[1])
                  continue;
                packed[((((i * s + j) * f + m) * c + ci) * t[0] + jy) * t[1] +
                       jx] = (*w)[((ci * f + m) * k[0] + ky) * k[1] + kx];
              }
    Location loc = op.getLoc();
    Type f32 = rewriter.getF32Type();
    auto wType = RankedTensorType::get({phases * f, c, t[0], t[1]}, f32);
    Value weight = createF32Constant(rewriter, loc, wType, packed,
                                     "conv_transpose_subpixel");
    Value newBias;
    if (bias) {
      std::vector<float> b;
      for (int64_t p = 0; p < phases; ++p)
        b.insert(b.end(), bias->begin(), bias->end());
      newBias = createF32Constant(rewriter, loc,
                                  RankedTensorType::get({phases * f}, f32), b,
                                  "conv_transpose_subpixel_bias");
    }
    auto convType =
        RankedTensorType::get({n, phases * f, rows[0], rows[1]}, f32);
    auto ones = rewriter.getDenseI64ArrayAttr({1, 1});
    Value y = ConvOp::create(
        rewriter, loc, convType, op.getInput(), weight, newBias, ones, ones,
        rewriter.getDenseI64ArrayAttr(convPads), rewriter.getI64IntegerAttr(1),
        AutoPadAttr::get(getContext(), AutoPad::notset));
    if (s > 1)
      y = DepthToSpaceOp::create(
          rewriter, loc,
          RankedTensorType::get({n, f, rows[0] * s, rows[1] * s}, f32), y,
          rewriter.getI64IntegerAttr(s),
          DepthToSpaceModeAttr::get(getContext(), DepthToSpaceMode::dcr));
    if (cast<RankedTensorType>(y.getType()) != out)
      y = SliceOp::create(
          rewriter, loc, out, y,
          rewriter.getDenseI64ArrayAttr({crop[0], crop[1]}),
          rewriter.getDenseI64ArrayAttr({crop[0] + o[0], crop[1] + o[1]}),
          rewriter.getDenseI64ArrayAttr({2, 3}), DenseI64ArrayAttr());
    rewriter.replaceOp(op, y);
    return success();
  }
};

struct CnnDecomposeConvTransposePass
    : public cnnc::cnn::impl::CnnDecomposeConvTransposeBase<
          CnnDecomposeConvTransposePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<SubPixel>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
