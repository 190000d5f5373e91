//===- PackedConvolution.cpp - 2-D conv in NHWC with packed weights -------===//
//
// Part of cnnc.
//
/// The fast lowering of a 2-D convolution (f32, static shapes):
///
///   x NCHW --pad+transpose--> xp [N, H+pt+pb, W+pl+pr, C]          (NHWC)
///   w [F, C, KH, KW] --packed at compile time--> [F/B, KH, KW, C, B]
///   y [N, OH, OW, F/B, B] = bias; y += xp (*) w   (linalg.generic, marked)
///   y --collapse, slice F, transpose--> NCHW
///
/// B is the output-channel block of the register tile (two vector registers
/// of the target, or one where that pads F less: 144 or 40 channels with
/// AVX-512); F is zero-padded to a multiple of B so the kernel never
/// masks. The marked generic (`cnnc.conv = [sh, sw, dh, dw]`) has exact
/// linalg semantics, so any later path (loops at -O0, tiling) stays correct;
/// `cnnc-vectorize-conv` replaces it with a register-tiled kernel after
/// bufferization.
///
/// Depthwise convs (group = C = F) read whole channel blocks of the input
/// instead (`cnnc.dwconv`, weights [KH, KW, Cp]).
///
/// Grouped convs (1 < group, not depthwise; Cg = C/G inputs and Fg = F/G
/// outputs per group) are dense convs over a window of Cw input channels
/// per output block: block fb reads channels from
/// base(fb) = ((fb * B) floordiv Fg) * Cg on, and its packed weights are
/// zero for the channels of groups other than each output's own. B is two
/// vectors when Fg is a multiple of that (no window spans two groups, no
/// FLOP wasted), else one vector: RegNet's Fg = 16 wastes nothing with
/// 16-lane vectors, ShuffleNet-v1-like Fg = 24 reads two groups per block.
/// The marker is `cnnc.conv = [sh, sw, dh, dw, Fg, Cg]`. (A zero weight
/// times an infinite activation of a neighbouring group gives NaN where a
/// reference gives inf: inputs that overflow already are out of scope.)
///
/// The layout changes at the conv's boundary are memory-bound copies; the
/// graph-level layout pass will remove them between consecutive layers.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/CnnToLinalg/Patterns.h"
#include "compiler/Conversion/CnnToLinalg/Utils.h"
#include "compiler/Support/MappedFile.h"

#include "Cnn/IR/CnnConstants.h"
#include "Cnn/IR/CnnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace cnnc::cnn;

namespace cnnc {

Value f32ResourceConstant(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                          ArrayRef<float> values, StringRef name) {
  return f32ResourceConstant(
      b, loc, shape, name,
      [&](MutableArrayRef<float> p) { llvm::copy(values, p.begin()); });
}

Value f32ResourceConstant(
    OpBuilder &b, Location loc, ArrayRef<int64_t> shape, StringRef name,
    llvm::function_ref<void(MutableArrayRef<float>)> fill) {
  auto type = RankedTensorType::get(shape, b.getF32Type());
  size_t count = type.getNumElements();
  // 64-byte alignment: the kernels read whole cache lines of weights.
  AsmResourceBlob blob = HeapAsmResourceBlob::allocate(count * sizeof(float),
                                                       64, /*mutable=*/true);
  MutableArrayRef<float> values(
      reinterpret_cast<float *>(blob.getMutableData().data()), count);
  std::fill(values.begin(), values.end(), 0.0f);
  fill(values);
  auto attr = DenseResourceElementsAttr::get(type, name, std::move(blob));
  return arith::ConstantOp::create(b, loc, type, attr);
}

namespace {

/// winograd=auto: channels in and out from which the GEMMs run at the
/// register-tiled kernel's speed (PackedConvLowering::winogradApplies);
/// below, the transforms' passes over 4x the input and output cost more
/// than the 2.25x fewer multiplications save (VGG's 3 -> 64 first layer).
/// winograd=auto: 2x2 output tiles (16: a 7x7 map) from which the GEMMs
/// are worth their weights (16/9 of the direct conv's, each used by as
/// many pixels as there are tiles).
///
/// Until the 16 GEMMs became one kernel, auto took only 64+ channels, 36+
/// tiles and 2M+ multiply-adds per GEMM (16 fork/joins per layer on two
/// threads: SqueezeNet's 13x13 64 -> 256 layers ran 9% slower). With one
/// GEMM kernel, taking these too made, lowest of four interleaved --bench
/// medians (Zen 4, 1 / 2 threads): SqueezeNet 1.1 11% / 9%, GoogLeNet
/// 13% / 7%, DenseNet-121 11% / 4%, ResNet-18 7% / 8% faster, ResNet-50
/// 1% / 0%; ResNet-18's binary grows from 54 to 76 MB (its 7x7 layers'
/// weights, 16/9).
constexpr int64_t kWinogradMinChannels = 16;
constexpr int64_t kWinogradMinTiles = 16;
/// Bytes of transformed inputs and GEMM results per band of tile rows.
constexpr int64_t kWinogradBandBytes = 8 << 20;

/// A Winograd-style algorithm for a 3-tap filter along one dimension: two
/// outputs of each tile from `alpha` transformed inputs, taken from the
/// window of `alpha` input pixels that starts `step` pixels after the
/// previous tile's: v = B^T d, u = G g, y = A^T (u . v).
struct WinogradScheme {
  int alpha;
  int step;
  double bt[5][5];
  double g[5][3];
  double at[2][5];
};

/// Stride 1: F(2, 3) (Lavin & Gray), 4 multiplications for 2 outputs
/// instead of 6; in 2-D 16 for 4 instead of 36 (2.25x fewer).
constexpr WinogradScheme kWinogradStride1 = {
    4,
    2,
    {{1, 0, -1, 0}, {0, 1, 1, 0}, {0, -1, 1, 0}, {0, 1, 0, -1}},
    {{1, 0, 0}, {0.5, 0.5, 0.5}, {0.5, -0.5, 0.5}, {0, 0, 1}},
    {{1, 1, 1, 0}, {0, 1, -1, -1}}};

/// Stride 2: y0 = g0 d0 + g1 d1 + g2 d2, y1 = g0 d2 + g1 d3 + g2 d4 is
/// F(2, 2) over the even pixels (d0, d2, d4) with the taps (g0, g2) - 3
/// multiplications - plus g1 times each odd pixel (d1, d3): 5 for 2 outputs
/// instead of 6; in 2-D 25 for 4 instead of 36 (1.44x fewer). The
/// transforms only add and copy, the filter's is exact.
constexpr WinogradScheme kWinogradStride2 = {
    5,
    4,
    {{1, 0, -1, 0, 0},
     {0, 0, 1, 0, 0},
     {0, 0, -1, 0, 1},
     {0, 1, 0, 0, 0},
     {0, 0, 0, 1, 0}},
    {{1, 0, 0}, {1, 0, 1}, {0, 0, 1}, {0, 1, 0}, {0, 1, 0}},
    {{1, 1, 0, 1, 0}, {0, 1, 1, 0, 1}}};

/// A new tensor of `type` (bufferization.alloc_tensor, not tensor.empty:
/// CSE would merge identical empties - and their fills - into one tensor
/// that bufferization then copies for each user: 71 copies of a zero-filled
/// buffer in DenseNet-121, one per conv without bias).
static Value freshTensor(OpBuilder &b, Location loc, RankedTensorType type) {
  return bufferization::AllocTensorOp::create(b, loc, type, ValueRange{});
}

/// A fresh tensor of `type` filled with zeros: a GEMM's or conv's
/// accumulator start.
static Value zeroTensor(OpBuilder &b, Location loc, RankedTensorType type) {
  return linalg::FillOp::create(b, loc,
                                floatConst(b, loc, type.getElementType(), 0),
                                freshTensor(b, loc, type))
      .getResult(0);
}

/// The 1x1 stride-1 packed conv `y = x * w` as the generic marked
/// `cnnc.conv` that cnnc-vectorize-conv turns into its register-tiled
/// kernel: x `[N, H, W, C]`, w `[F/B, 1, 1, C, B]`, accumulating onto
/// `init` `[N, H, W, F/B, B]` (GEMMs: fully connected layers). With
/// `groups` > 1, that many GEMMs in one kernel (Winograd's 16): x
/// `[N, H, W, groups * C]`, w and y with groups * F/B blocks, group g's
/// blocks reading x's channels [g * C, (g + 1) * C).
static Value buildPointwiseConv(OpBuilder &b, Location loc, Value x, Value w,
                                Value init, int64_t groups = 1) {
  MLIRContext *ctx = b.getContext();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  auto wType = cast<RankedTensorType>(w.getType());
  int64_t c = wType.getDimSize(3), block = wType.getDimSize(4),
          fg = wType.getDimSize(0) / groups * block;
  AffineExpr channel = d(7);
  if (groups > 1)
    channel = (d(3) * block).floorDiv(fg) * c + d(7);
  SmallVector<AffineMap> maps = {
      AffineMap::get(8, 0, {d(0), d(1) + d(5), d(2) + d(6), channel}, ctx),
      AffineMap::get(8, 0, {d(3), d(5), d(6), d(7), d(4)}, ctx),
      AffineMap::get(8, 0, {d(0), d(1), d(2), d(3), d(4)}, ctx)};
  SmallVector<utils::IteratorType> iterators = parallelIterators(8);
  for (unsigned i = 5; i < 8; ++i)
    iterators[i] = utils::IteratorType::reduction;
  auto conv = linalg::GenericOp::create(
      b, loc, TypeRange{init.getType()}, ValueRange{x, w}, ValueRange{init},
      maps, iterators, [](OpBuilder &nb, Location l, ValueRange args) {
        Value p = arith::MulFOp::create(nb, l, args[0], args[1]);
        linalg::YieldOp::create(
            nb, l, arith::AddFOp::create(nb, l, args[2], p).getResult());
      });
  SmallVector<int64_t> marker = {1, 1, 1, 1};
  if (groups > 1)
    marker.append({fg, c});
  conv->setAttr("cnnc.conv", b.getDenseI64ArrayAttr(marker));
  return conv.getResult(0);
}

/// Resource keys that more than one op of the module referred to when the
/// lowering started: their blobs stay when one user's weights are packed.
/// Collected once per run (walking the module per packed weight made the
/// lowering quadratic in the model's size).
using SharedKeys = std::shared_ptr<const llvm::StringSet<>>;

SharedKeys collectSharedKeys(Operation *root) {
  auto module = root->getParentOfType<ModuleOp>();
  if (module)
    root = module;
  llvm::StringMap<unsigned> uses;
  root->walk([&](Operation *op) {
    llvm::SmallPtrSet<const void *, 2> seen;
    op->getAttrDictionary().walk([&](DenseResourceElementsAttr attr) {
      if (seen.insert(attr.getAsOpaquePointer()).second)
        ++uses[attr.getRawHandle().getKey()];
    });
  });
  auto shared = std::make_shared<llvm::StringSet<>>();
  for (const auto &entry : uses)
    if (entry.second > 1)
      shared->insert(entry.first());
  return shared;
}

/// Once `weight` is packed: frees the blob of its constant when nothing else
/// can read it (the constant's only user is the op being lowered and no
/// other op referred to the same resource), so the model's large tensors are
/// not held as imported and as packed at once (VGG-16's fc6: 411 MB). Small
/// ones are left to the clean-up after lowering.
void releaseUnpacked(Value weight, const llvm::StringSet<> &sharedKeys) {
  Attribute attr;
  if (!weight.getDefiningOp() || !weight.hasOneUse() ||
      !matchPattern(weight, m_Constant(&attr)))
    return;
  auto resource = dyn_cast<DenseResourceElementsAttr>(attr);
  AsmResourceBlob *blob =
      resource ? resource.getRawHandle().getBlob() : nullptr;
  if (!blob || blob->getData().size() < (1 << 20) ||
      sharedKeys.contains(resource.getRawHandle().getKey()))
    return;
  *blob = AsmResourceBlob();
}

/// The blocked output `[N, OH, OW, F/B, B]` filled with the bias blocks
/// `[F/B, B]`; marked `cnnc.conv_bias` so that cnnc-vectorize-conv starts its
/// accumulators from the bias instead of writing this tensor.
Value broadcastBias(OpBuilder &b, Location loc, Value blocks,
                    RankedTensorType yType) {
  MLIRContext *ctx = b.getContext();
  Value broadcast = mappedCopy(
      b, loc, blocks,
      AffineMap::get(5, 0, {getAffineDimExpr(3, ctx), getAffineDimExpr(4, ctx)},
                     ctx),
      yType);
  broadcast.getDefiningOp()->setAttr("cnnc.conv_bias", b.getUnitAttr());
  return broadcast;
}

template <typename OpTy> struct PackedConvLowering : OpConversionPattern<OpTy> {
  using Adaptor = typename OpTy::Adaptor;
  PackedConvLowering(MLIRContext *ctx, unsigned vectorBits,
                     SharedKeys sharedKeys, WinogradPolicy winograd)
      : OpConversionPattern<OpTy>(ctx, /*benefit=*/2), vectorBits(vectorBits),
        sharedKeys(std::move(sharedKeys)), winograd(winograd) {}

  static bool hasResolvedPads(ConvOp op) {
    return op.getAutoPad() == AutoPad::notset;
  }
  static bool hasResolvedPads(FusedConvOp) { return true; }

  LogicalResult
  matchAndRewrite(OpTy op, Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!hasResolvedPads(op))
      return rewriter.notifyMatchFailure(op, "auto_pad not resolved");
    Value input = adaptor.getInput(), weight = adaptor.getWeight();
    if constexpr (std::is_same_v<OpTy, FusedConvOp>)
      input =
          applyInputPrologue(rewriter, op.getLoc(), op, input,
                             adaptor.getInputScale(), adaptor.getInputShift());
    auto in = cast<RankedTensorType>(input.getType());
    auto wt = cast<RankedTensorType>(weight.getType());
    auto out = cast<RankedTensorType>(op.getType());
    // Depthwise: one filter per channel (group = C = F).
    int64_t group = op.getGroup();
    bool depthwise =
        group > 1 && group == in.getDimSize(1) && group == wt.getDimSize(0);
    bool grouped = group > 1 && !depthwise;
    if (in.getRank() != 4 || group < 1 || !in.getElementType().isF32() ||
        !in.hasStaticShape() || !out.hasStaticShape() || !wt.hasStaticShape() ||
        out.getNumElements() == 0 || in.getNumElements() == 0)
      return rewriter.notifyMatchFailure(op, "not a static 2-D f32 conv");
    Location loc = op.getLoc();
    Type f32 = rewriter.getF32Type();
    int64_t n = in.getDimSize(0), c = in.getDimSize(1), h = in.getDimSize(2),
            w = in.getDimSize(3);
    int64_t f = wt.getDimSize(0), kh = wt.getDimSize(2), kw = wt.getDimSize(3);
    int64_t oh = out.getDimSize(2), ow = out.getDimSize(3);
    int64_t vl = vectorBits / 32, block = 2 * vl;
    // Output channels in blocks of one vector where two would pad more
    // (AVX-512: 144 -> 144, not 160; 40 -> 48, not 64; 112, 240, 80): the
    // padding is computed like real channels, in this conv and in the
    // depthwise conv or pool after it. The kernel then tiles several
    // blocks at a time (cnnc-vectorize-conv). EfficientNet-B0 4-7% faster.
    auto padded = [](int64_t v, int64_t m) { return (v + m - 1) / m * m; };
    if (!(group > 1 && !depthwise) && padded(f, vl) < padded(f, 2 * vl))
      block = vl;
    // Grouped: inputs / outputs per group, and the input channel window.
    int64_t cg = c / group, fg = f / group, cw = c;
    if (grouped) {
      if (c % group || f % group || wt.getDimSize(1) != cg)
        return rewriter.notifyMatchFailure(op, "channels not split in groups");
      // Packed at compile time only (the window layout has no generic form).
      if (!matchPattern(op.getWeight(), m_Constant()))
        return rewriter.notifyMatchFailure(op, "grouped weights not constant");
      if (fg % block != 0)
        block = vl;
    }
    int64_t fb = (f + block - 1) / block, fp = fb * block;
    // The first input channel block fb reads, and (below) how many.
    auto windowBase = [&](int64_t b) { return b * block / fg * cg; };
    int64_t xc = c; // channels of the padded input
    if (grouped) {
      int64_t spanned = 1;
      for (int64_t b = 0; b < fb; ++b) {
        int64_t last = std::min(group - 1, (b * block + block - 1) / fg);
        spanned = std::max(spanned, last - b * block / fg + 1);
      }
      cw = spanned * cg;
      for (int64_t b = 0; b < fb; ++b)
        xc = std::max(xc, windowBase(b) + cw);
    }
    auto roundUp = [&](int64_t v) { return (v + block - 1) / block * block; };
    SmallVector<int64_t> pads(4, 0), strides(2, 1), dilations(2, 1);
    if (auto p = op.getPads())
      pads.assign(p->begin(), p->end());
    if (auto s = op.getStrides())
      strides.assign(s->begin(), s->end());
    if (auto d = op.getDilations())
      dilations.assign(d->begin(), d->end());
    // Negative pads crop; the generic path handles those.
    if (llvm::any_of(pads, [](int64_t p) { return p < 0; }))
      return rewriter.notifyMatchFailure(op, "negative pads");
    int64_t hp = h + pads[0] + pads[2], wp = w + pads[1] + pads[3];
    Value zero = floatConst(rewriter, loc, f32, 0);
    SmallVector<OpFoldResult> ones(4, rewriter.getIndexAttr(1));

    // Input: NHWC with the padding around it. A previous packed conv's
    // result is already NHWC (with its channels padded to cp).
    Value source = nhwcSource(input);
    int64_t cp = source ? tensorType(source).getDimSize(3) : c;
    bool spatialPad = hp != h || wp != w;
    if (grouped && source && !spatialPad && cp >= xc) {
      // Read in place: channels past C are finite (see Layout.cpp) and meet
      // zero weights.
      xc = cp;
    } else if (!depthwise && source && cp != c) {
      // The reduction reads input channels one scalar at a time: only the
      // real ones (a strided view), so no FMA is spent on padding.
      source = firstChannelsOf(rewriter, loc, source, c);
      cp = c;
    }
    if (depthwise) {
      // Channels are the vector dimension: whole blocks in and out.
      if (source && cp % block != 0)
        source = Value();
      cp = source ? cp : roundUp(c);
      fb = cp / block;
      fp = cp;
    }
    if (!grouped)
      xc = cp;
    auto xpType = RankedTensorType::get({n, hp, wp, xc}, f32);
    Value xp;
    if (source && !spatialPad && xc == cp) {
      xp = source;
    } else {
      // A fresh allocation, not tensor.empty: CSE would merge the identical
      // zero fills of two convs' padded inputs into one tensor, and
      // bufferization would then copy it whole for each (a full extra pass
      // over every padded input).
      Value fresh = bufferization::AllocTensorOp::create(rewriter, loc, xpType,
                                                         ValueRange{});
      xp = linalg::FillOp::create(rewriter, loc, zero, fresh).getResult(0);
      SmallVector<OpFoldResult> offsets = {
          rewriter.getIndexAttr(0), rewriter.getIndexAttr(pads[0]),
          rewriter.getIndexAttr(pads[1]), rewriter.getIndexAttr(0)};
      SmallVector<OpFoldResult> sizes = {
          rewriter.getIndexAttr(n), rewriter.getIndexAttr(h),
          rewriter.getIndexAttr(w), rewriter.getIndexAttr(source ? cp : c)};
      Value interior = source;
      if (!interior) {
        // The NCHW input transposed into a fresh tensor when it has all of
        // the buffer's channels (cnnc-pad-in-place then has it write the
        // interior, the buffer filled only around it: a stem conv's whole
        // fill cost 0.03-0.05 ms per model), else into the zero-filled
        // buffer's interior (its padding channels stay zero).
        auto interiorType = RankedTensorType::get({n, h, w, c}, f32);
        Value slot =
            xc == c ? emptyTensor(rewriter, loc, interiorType)
                    : tensor::ExtractSliceOp::create(
                          rewriter, loc, interiorType, xp, offsets, sizes, ones)
                          .getResult();
        interior = linalg::TransposeOp::create(rewriter, loc, input, slot,
                                               ArrayRef<int64_t>{0, 2, 3, 1})
                       .getResult()[0];
      }
      xp = tensor::InsertSliceOp::create(rewriter, loc, interior, xp, offsets,
                                         sizes, ones);
    }

    // The bias as blocks [F/B, B], zero-padded.
    Value biasBlocks;
    if (Value bias = adaptor.getBias()) {
      if (std::optional<std::vector<float>> values =
              cnn::readF32Values(op.getBias())) {
        std::vector<float> p(fp, 0.0f);
        std::copy(values->begin(), values->end(), p.begin());
        biasBlocks =
            f32ResourceConstant(rewriter, loc, {fb, block}, p, "conv_bias");
      } else {
        Value padded = padConstant(rewriter, loc, bias, {0}, {fp - f}, zero);
        biasBlocks = tensor::ExpandShapeOp::create(
            rewriter, loc, RankedTensorType::get({fb, block}, f32), padded,
            ArrayRef<ReassociationIndices>{{0, 1}});
      }
    }
    auto yType = RankedTensorType::get({n, oh, ow, fb, block}, f32);
    Value y;
    const WinogradScheme *scheme =
        depthwise || grouped
            ? nullptr
            : winogradScheme(op, kh, kw, strides, dilations, c, f, oh, ow);
    if (scheme) {
      y = lowerWinograd(rewriter, op, adaptor, *scheme, dilations, xp,
                        biasBlocks, yType, c, f);
    } else {
      y = buildDirect(rewriter, op, adaptor, xp, weight, biasBlocks, yType,
                      depthwise, grouped, kh, kw, c, f, cp, cg, fg, cw, pads,
                      strides, dilations, windowBase);
      if (!y)
        return op.emitError("cannot read the constant weights"), failure();
    }

    // The NCHW view of the result; the next packed op looks through it.
    Value flat = tensor::CollapseShapeOp::create(
        rewriter, loc, RankedTensorType::get({n, oh, ow, fp}, f32), y,
        ArrayRef<ReassociationIndices>{{0}, {1}, {2}, {3, 4}});
    rewriter.replaceOp(op, nchwView(rewriter, loc, flat, out));
    return success();
  }

  /// The direct convolution: packed weights and one generic marked
  /// `cnnc.conv` (or `cnnc.dwconv`) starting from the bias, then the fused
  /// epilogue. Null when constant weights cannot be read.
  template <typename WindowBase>
  Value buildDirect(ConversionPatternRewriter &rewriter, OpTy op,
                    Adaptor adaptor, Value xp, Value weight, Value biasBlocks,
                    RankedTensorType yType, bool depthwise, bool grouped,
                    int64_t kh, int64_t kw, int64_t c, int64_t f, int64_t cp,
                    int64_t cg, int64_t fg, int64_t cw, ArrayRef<int64_t> pads,
                    ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations,
                    WindowBase windowBase) const {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    int64_t block = yType.getDimSize(4), fp = yType.getDimSize(3) * block;
    Value packed;
    if (depthwise)
      packed = packDepthwiseWeights(rewriter, op, weight, kh, kw, f, cp);
    else if (grouped)
      packed = packGroupedWeights(rewriter, op, block, kh, kw, f, cg, fg, cw,
                                  windowBase);
    else
      packed = packWeights(rewriter, op, weight, block, kh, kw, f, c, cp);
    if (!packed)
      return Value();
    Value init = biasBlocks ? broadcastBias(rewriter, loc, biasBlocks, yType)
                            : zeroTensor(rewriter, loc, yType);

    // The convolution: loops (n, oh, ow, fb, b, kh, kw, c).
    // Depthwise: loops (n, oh, ow, cb, b, kh, kw), channel cb * B + b.
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    unsigned numLoops = depthwise ? 7 : 8;
    AffineExpr channel = depthwise ? d(3) * block + d(4) : d(7);
    if (grouped)
      channel = (d(3) * block).floorDiv(fg) * cg + d(7);
    SmallVector<AffineMap> maps = {
        AffineMap::get(numLoops, 0,
                       {d(0), d(1) * strides[0] + d(5) * dilations[0],
                        d(2) * strides[1] + d(6) * dilations[1], channel},
                       ctx),
        depthwise
            ? AffineMap::get(numLoops, 0, {d(5), d(6), channel}, ctx)
            : AffineMap::get(numLoops, 0, {d(3), d(5), d(6), d(7), d(4)}, ctx),
        AffineMap::get(numLoops, 0, {d(0), d(1), d(2), d(3), d(4)}, ctx)};
    SmallVector<utils::IteratorType> iterators = parallelIterators(numLoops);
    for (unsigned i = 5; i < numLoops; ++i)
      iterators[i] = utils::IteratorType::reduction;
    auto conv = linalg::GenericOp::create(
        rewriter, loc, TypeRange{yType}, ValueRange{xp, packed},
        ValueRange{init}, maps, iterators,
        [](OpBuilder &b, Location l, ValueRange args) {
          Value p = arith::MulFOp::create(b, l, args[0], args[1]);
          linalg::YieldOp::create(
              b, l, arith::AddFOp::create(b, l, args[2], p).getResult());
        });
    SmallVector<int64_t> marker = {strides[0], strides[1], dilations[0],
                                   dilations[1]};
    if (grouped)
      marker.append({fg, cg});
    conv->setAttr(depthwise ? "cnnc.dwconv" : "cnnc.conv",
                  rewriter.getDenseI64ArrayAttr(marker));
    // Where the zeros are, so the kernel can skip the taps that read them.
    if (llvm::any_of(pads, [](int64_t p) { return p != 0; }))
      conv->setAttr("cnnc.conv_pads", rewriter.getDenseI64ArrayAttr(pads));
    Value y = conv.getResult(0);
    if constexpr (std::is_same_v<OpTy, FusedConvOp>)
      y = buildPackedEpilogue(rewriter, op, adaptor, y, f, fp);
    return y;
  }

  /// Weights [F, C, KH, KW] -> [F/B, KH, KW, Cp, B], zero-padded in F and
  /// C: at compile time when they are constant, else by a generic.
  Value packWeights(ConversionPatternRewriter &rewriter, OpTy op, Value weight,
                    int64_t block, int64_t kh, int64_t kw, int64_t f, int64_t c,
                    int64_t cp) const {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    int64_t fb = (f + block - 1) / block, fp = fb * block;
    SmallVector<int64_t> packedShape = {fb, kh, kw, cp, block};
    auto packedType = RankedTensorType::get(packedShape, rewriter.getF32Type());
    if (std::optional<cnn::F32Constant> src =
            cnn::F32Constant::read(op.getWeight())) {
      Value packed = f32ResourceConstant(
          rewriter, loc, packedShape, "conv_packed",
          [&](MutableArrayRef<float> p) {
            for (int64_t m = 0; m < f; ++m)
              for (int64_t ci = 0; ci < c; ++ci)
                for (int64_t y = 0; y < kh; ++y)
                  for (int64_t x = 0; x < kw; ++x)
                    p[((((m / block) * kh + y) * kw + x) * cp + ci) * block +
                      m % block] = (*src)[((m * c + ci) * kh + y) * kw + x];
          });
      releaseUnpacked(op.getWeight(), *sharedKeys);
      return packed;
    }
    Value padded =
        padConstant(rewriter, loc, weight, {0, 0, 0, 0}, {fp - f, cp - c, 0, 0},
                    floatConst(rewriter, loc, rewriter.getF32Type(), 0));
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    return mappedCopy(
        rewriter, loc, padded,
        AffineMap::get(5, 0, {d(0) * block + d(4), d(3), d(1), d(2)}, ctx),
        packedType);
  }

  /// Grouped weights [F, Cg, KH, KW] -> [F/B, KH, KW, Cw, B]: output m's
  /// weights at its group's channels within its block's input window, zero
  /// elsewhere. Constant weights only (null otherwise).
  Value
  packGroupedWeights(ConversionPatternRewriter &rewriter, OpTy op,
                     int64_t block, int64_t kh, int64_t kw, int64_t f,
                     int64_t cg, int64_t fg, int64_t cw,
                     llvm::function_ref<int64_t(int64_t)> windowBase) const {
    std::optional<cnn::F32Constant> values =
        cnn::F32Constant::read(op.getWeight());
    if (!values)
      return Value();
    int64_t fb = (f + block - 1) / block;
    SmallVector<int64_t> packedShape = {fb, kh, kw, cw, block};
    return f32ResourceConstant(
        rewriter, op.getLoc(), packedShape, "gconv_packed",
        [&](MutableArrayRef<float> p) {
          for (int64_t m = 0; m < f; ++m) {
            int64_t first = (m / fg) * cg - windowBase(m / block);
            for (int64_t ci = 0; ci < cg; ++ci)
              for (int64_t y = 0; y < kh; ++y)
                for (int64_t x = 0; x < kw; ++x)
                  p[((((m / block) * kh + y) * kw + x) * cw + first + ci) *
                        block +
                    m % block] = (*values)[((m * cg + ci) * kh + y) * kw + x];
          }
        });
  }

  /// Depthwise weights [C, 1, KH, KW] -> [KH, KW, Cp], zero-padded in C.
  Value packDepthwiseWeights(ConversionPatternRewriter &rewriter, OpTy op,
                             Value weight, int64_t kh, int64_t kw, int64_t c,
                             int64_t cp) const {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    SmallVector<int64_t> packedShape = {kh, kw, cp};
    auto packedType = RankedTensorType::get(packedShape, rewriter.getF32Type());
    if (std::optional<std::vector<float>> values =
            cnn::readF32Values(op.getWeight())) {
      std::vector<float> p(kh * kw * cp, 0.0f);
      for (int64_t ci = 0; ci < c; ++ci)
        for (int64_t y = 0; y < kh; ++y)
          for (int64_t x = 0; x < kw; ++x)
            p[(y * kw + x) * cp + ci] = (*values)[(ci * kh + y) * kw + x];
      return f32ResourceConstant(rewriter, loc, packedShape, p,
                                 "dwconv_packed");
    }
    Value padded =
        padConstant(rewriter, loc, weight, {0, 0, 0, 0}, {cp - c, 0, 0, 0},
                    floatConst(rewriter, loc, rewriter.getF32Type(), 0));
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    return mappedCopy(
        rewriter, loc, padded,
        AffineMap::get(3, 0, {d(2), getAffineConstantExpr(0, ctx), d(0), d(1)},
                       ctx),
        packedType);
  }

  /// The residual `[N, F, OH, OW]` as the blocked output `yType`
  /// `[N, OH, OW, F/B, B]`: a view of an NHWC producer's result, or a
  /// blocked copy with zero channels past F.
  static Value blockedResidual(OpBuilder &b, Location loc, Value residual,
                               RankedTensorType yType, int64_t f) {
    MLIRContext *ctx = b.getContext();
    int64_t block = yType.getDimSize(4), fp = yType.getDimSize(3) * block;
    if (Value source = nhwcSource(residual);
        source && tensorType(source).getDimSize(3) == fp)
      return tensor::ExpandShapeOp::create(
          b, loc, yType, source,
          ArrayRef<ReassociationIndices>{{0}, {1}, {2}, {3, 4}});
    Value padded =
        padConstant(b, loc, residual, {0, 0, 0, 0}, {0, fp - f, 0, 0},
                    floatConst(b, loc, yType.getElementType(), 0));
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    return mappedCopy(
        b, loc, padded,
        AffineMap::get(5, 0, {d(0), d(3) * block + d(4), d(1), d(2)}, ctx),
        yType);
  }

  /// The Winograd scheme a conv takes, or null: 3x3 with constant weights,
  /// stride 1 (any dilation: F(2x2, 3x3) on each of the dilation's
  /// interleaved sub-grids) or stride 2 (no dilation); with `automatic`
  /// (the default) also 16+ channels on both sides (kWinogradMinChannels)
  /// and a map of kWinogradMinTiles tiles or more, so that the GEMMs run at
  /// the kernel's full speed while the transforms (a pass over 4x the input
  /// and 4x the output for stride 1, 1.6x and 6x for stride 2, banded to
  /// stay in cache) stay cheap against the fewer multiplications: faster
  /// than the direct kernel on every model measured, on one thread and on
  /// two (docs/design.md §4.1); stride-2 convs computing at most 9/8 of
  /// the map's outputs, dilated ones at most 3/2 with the dilation below
  /// half the map. `all` takes any channel count and map (for testing and
  /// measuring).
  const WinogradScheme *winogradScheme(OpTy op, int64_t kh, int64_t kw,
                                       ArrayRef<int64_t> strides,
                                       ArrayRef<int64_t> dilations, int64_t c,
                                       int64_t f, int64_t oh,
                                       int64_t ow) const {
    if (winograd == WinogradPolicy::off || kh != 3 || kw != 3 ||
        strides[0] != strides[1])
      return nullptr;
    const WinogradScheme *scheme = nullptr;
    if (strides[0] == 1)
      scheme = &kWinogradStride1;
    else if (strides[0] == 2 && dilations[0] == 1 && dilations[1] == 1)
      scheme = &kWinogradStride2;
    else
      return nullptr;
    int64_t tiles =
        winogradTiles(oh, dilations[0]) * winogradTiles(ow, dilations[1]);
    if (winograd == WinogradPolicy::automatic &&
        (c < kWinogradMinChannels || f < kWinogradMinChannels ||
         tiles < kWinogradMinTiles))
      return nullptr;
    // Stride 2 saves too little to also compute many outputs past the map:
    // ResNet's 14x14 -> 7x7 layer (16 tiles for 49 outputs) ran 0.93x
    // oneDNN, its 28x28 and 56x56 ones 1.13-1.23x.
    if (winograd == WinogradPolicy::automatic && strides[0] == 2 &&
        8 * 4 * tiles > 9 * oh * ow)
      return nullptr;
    // Dilated: each sub-grid's tiles pad it to an even count, and a window
    // as wide as the map reads mostly padding, whose taps the direct kernel
    // skips (DeepLab's dilations 12-36 on a 28x28 map would compute 3-7x
    // the outputs). Dilation 4 on 28x28 (1.31x the outputs) ran 1.30x
    // oneDNN, the direct kernel 1.00x.
    if (winograd == WinogradPolicy::automatic &&
        (dilations[0] > 1 || dilations[1] > 1) &&
        (2 * 4 * tiles > 3 * oh * ow || 2 * dilations[0] >= oh ||
         2 * dilations[1] >= ow))
      return nullptr;
    return cnn::F32Constant::read(op.getWeight()) ? scheme : nullptr;
  }

  /// Tiles along a dimension of `size` outputs with dilation `dil`: each of
  /// the dil interleaved sub-grids in tiles of 2, padded to the same count.
  static int64_t winogradTiles(int64_t size, int64_t dil) {
    return dil * ((size + 2 * dil - 1) / (2 * dil));
  }

  /// Winograd (Lavin & Gray) with `scheme` along both dimensions: the output
  /// in 2x2 tiles, each from the alpha x alpha input window of its tile,
  /// Y = A^T [(G g G^T) . (B^T d B)] A. With dilation dil along a dimension,
  /// tile t holds outputs 2 dil (t / dil) + t % dil + {0, dil}: the tiles of
  /// the dil sub-grids, interleaved. The weights' transform U = G g G^T is
  /// done here; at run time
  ///  1. one generic writes the alpha^2 transformed inputs
  ///     V_ab = (B^T d B)[a][b] as the channel ranges of one NHWC map
  ///     [N, tiles, tiles, alpha^2 * C] (adds and subtracts only),
  ///  2. one grouped packed 1x1 conv (alpha^2 groups; a generic marked
  ///     `cnnc.conv`, the register-tiled kernel of cnnc-vectorize-conv)
  ///     gives M_ab = V_ab x U_ab,
  ///  3. one generic over the output's 2x2 tiles sums A^T M A and applies
  ///     the bias and the fused epilogue before its one store.
  Value lowerWinograd(ConversionPatternRewriter &rewriter, OpTy op,
                      Adaptor adaptor, const WinogradScheme &scheme,
                      ArrayRef<int64_t> dilations, Value xp, Value biasBlocks,
                      RankedTensorType yType, int64_t c, int64_t f) const {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type f32 = rewriter.getF32Type();
    int64_t n = yType.getDimSize(0), fb = yType.getDimSize(3),
            block = yType.getDimSize(4);
    const int alpha = scheme.alpha, elems = alpha * alpha;
    const int64_t step = scheme.step, dy = dilations[0], dx = dilations[1];
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    auto fresh = [&](RankedTensorType type) {
      return freshTensor(rewriter, loc, type);
    };

    // U_ab[m][ci] in double, then packed [F/B, 1, 1, C, B] per ab.
    std::vector<float> u(elems * f * c);
    {
      std::optional<cnn::F32Constant> g =
          cnn::F32Constant::read(op.getWeight());
      for (int64_t m = 0; m < f; ++m)
        for (int64_t ci = 0; ci < c; ++ci) {
          const float *k = g->values().data() + (m * c + ci) * 9;
          double gg[5][3] = {}; // G g
          for (int a = 0; a < alpha; ++a)
            for (int j = 0; j < 3; ++j)
              for (int i = 0; i < 3; ++i)
                gg[a][j] += scheme.g[a][i] * k[3 * i + j];
          for (int a = 0; a < alpha; ++a)
            for (int bb = 0; bb < alpha; ++bb) {
              double sum = 0;
              for (int j = 0; j < 3; ++j)
                sum += gg[a][j] * scheme.g[bb][j];
              u[((a * alpha + bb) * f + m) * c + ci] = float(sum);
            }
        }
    }
    releaseUnpacked(op.getWeight(), *sharedKeys);

    // The windows of the last tiles read past the padded input when the
    // output does not fill them: extend it with zeros.
    int64_t oh = yType.getDimSize(1), ow = yType.getDimSize(2);
    int64_t ty = winogradTiles(oh, dy), tx = winogradTiles(ow, dx);
    // Input rows (columns) the windows of `t` tiles span.
    auto spanY = [&](int64_t t) { return step * (t - dy) + dy * alpha; };
    auto spanX = [&](int64_t t) { return step * (t - dx) + dx * alpha; };
    Value zero = floatConst(rewriter, loc, f32, 0);
    RankedTensorType xpType = tensorType(xp);
    if (xpType.getDimSize(1) < spanY(ty) || xpType.getDimSize(2) < spanX(tx)) {
      auto extended =
          RankedTensorType::get({n, std::max(spanY(ty), xpType.getDimSize(1)),
                                 std::max(spanX(tx), xpType.getDimSize(2)), c},
                                f32);
      Value filled =
          linalg::FillOp::create(rewriter, loc, zero, fresh(extended))
              .getResult(0);
      SmallVector<OpFoldResult> offsets(4, rewriter.getIndexAttr(0));
      SmallVector<OpFoldResult> sizes, ones(4, rewriter.getIndexAttr(1));
      for (int64_t size : xpType.getShape())
        sizes.push_back(rewriter.getIndexAttr(size));
      xp = tensor::InsertSliceOp::create(rewriter, loc, xp, filled, offsets,
                                         sizes, ones);
    }

    // The weights of the GEMMs, packed [alpha^2 * F/B, 1, 1, C, B]: GEMM
    // ab's output blocks are ab * F/B + fb.
    Value packed = f32ResourceConstant(
        rewriter, loc, {elems * fb, 1, 1, c, block}, "winograd_packed",
        [&](MutableArrayRef<float> p) {
          for (int64_t ab = 0; ab < elems; ++ab)
            for (int64_t mm = 0; mm < f; ++mm)
              for (int64_t ci = 0; ci < c; ++ci)
                p[((ab * fb + mm / block) * c + ci) * block + mm % block] =
                    u[(ab * f + mm) * c + ci];
        });
    // y[p][q] = sum_ab A^T[p][a] A^T[q][b] M_ab.
    std::vector<float> coefficients;
    for (int p = 0; p < 2; ++p)
      for (int q = 0; q < 2; ++q)
        for (int a = 0; a < alpha; ++a)
          for (int bb = 0; bb < alpha; ++bb)
            coefficients.push_back(float(scheme.at[p][a] * scheme.at[q][bb]));
    Value k = f32ResourceConstant(rewriter, loc, {2, 2, alpha, alpha},
                                  coefficients, "winograd_output");
    Value residual;
    if constexpr (std::is_same_v<OpTy, FusedConvOp>)
      if (Value r = adaptor.getResidual())
        residual = blockedResidual(rewriter, loc, r, yType, f);
    Value slopes = preluSlopeBlocks(rewriter, op, yType);

    // Bands of tile rows (whole groups of dy) whose transformed inputs and
    // GEMM results stay within a cache budget: the three steps of a band
    // then pass their data through the cache instead of memory.
    int64_t bandRows = std::clamp<int64_t>(
        kWinogradBandBytes / (elems * 4 * tx * (c + fb * block)) / dy * dy, dy,
        ty);
    // One band writes the whole output from a tensor.empty, as a direct
    // conv's chain does: cnnc-pad-in-place then has it write straight into
    // the next 3x3 conv's padded input (no fill and copy per layer).
    bool oneBand = bandRows >= ty;
    Value y =
        oneBand ? tensor::EmptyOp::create(rewriter, loc, yType.getShape(), f32)
                      .getResult()
                : fresh(yType);
    // Tile t's window position i along a dimension (input pixel), and output
    // pixel r's tile and position in it.
    auto window = [&](AffineExpr t, int64_t dil, int64_t i) {
      return (t.floorDiv(dil) * (step * dil)) + (t % dil) + i * dil;
    };
    auto tileOf = [&](AffineExpr r, int64_t dil) {
      return r.floorDiv(2 * dil) * dil + r % dil;
    };
    auto positionOf = [&](AffineExpr r, int64_t dil) {
      return (r % (2 * dil)).floorDiv(dil);
    };
    for (int64_t t0 = 0; t0 < ty; t0 += bandRows) {
      int64_t rt = std::min(bandRows, ty - t0);
      int64_t r0 = 2 * t0, rows = std::min(oh, 2 * (t0 + rt)) - r0;
      auto slice = [&](Value source, ArrayRef<int64_t> offsets,
                       ArrayRef<int64_t> sizes) -> Value {
        SmallVector<OpFoldResult> o, z, ones;
        for (auto [off, size] : llvm::zip(offsets, sizes)) {
          o.push_back(rewriter.getIndexAttr(off));
          z.push_back(rewriter.getIndexAttr(size));
          ones.push_back(rewriter.getIndexAttr(1));
        }
        return tensor::ExtractSliceOp::create(rewriter, loc, source, o, z,
                                              ones);
      };
      Value xs =
          slice(xp, {0, step / 2 * r0, 0, 0}, {n, spanY(rt), spanX(tx), c});

      // 1. Input transform: V_ab = (B^T d B)[a][b] of the window of tile
      // (ty, tx), as the channels [ab * C, (ab + 1) * C) of one NHWC map
      // [N, rt, tx, alpha^2 * C] (the GEMMs then run as one kernel: one
      // fork/join instead of alpha^2).
      // One spare cache line per pixel: with 16 * C a multiple of 1024 (C =
      // 64, 128, ...) the pixels would lie 4 KB apart, and the GEMM's
      // broadcasts from a tile's pixels would all fall in one L1 set (and
      // V_ab in a fraction of L2's sets): ResNet-18 ran 8-11% slower than with
      // 16 separate GEMMs.
      auto vType = RankedTensorType::get({n, rt, tx, c}, f32);
      Value vAll =
          fresh(RankedTensorType::get({n, rt, tx, elems * c + 16}, f32));
      SmallVector<AffineMap> inMaps;
      for (int64_t i = 0; i < alpha; ++i)
        for (int64_t j = 0; j < alpha; ++j)
          inMaps.push_back(AffineMap::get(
              4, 0, {d(0), window(d(1), dy, i), window(d(2), dx, j), d(3)},
              ctx));
      SmallVector<Value> vInits;
      for (int64_t ab = 0; ab < elems; ++ab) {
        vInits.push_back(slice(vAll, {0, 0, 0, ab * c}, {n, rt, tx, c}));
        inMaps.push_back(AffineMap::getMultiDimIdentityMap(4, ctx));
      }
      auto input = linalg::GenericOp::create(
          rewriter, loc, SmallVector<Type>(elems, vType),
          SmallVector<Value>(elems, xs), vInits, inMaps, parallelIterators(4),
          [&](OpBuilder &b, Location l, ValueRange x) {
            // Rows: t = B^T d; then columns: v = t B.
            SmallVector<Value> t(elems), v;
            for (int a = 0; a < alpha; ++a)
              for (int j = 0; j < alpha; ++j)
                t[a * alpha + j] =
                    combine(b, l, scheme.bt[a], alpha,
                            [&](int i) { return x[i * alpha + j]; });
            for (int a = 0; a < alpha; ++a)
              for (int bb = 0; bb < alpha; ++bb)
                v.push_back(combine(b, l, scheme.bt[bb], alpha,
                                    [&](int j) { return t[a * alpha + j]; }));
            linalg::YieldOp::create(b, l, v);
          });
      input->setAttr("cnnc.winograd_input", rewriter.getUnitAttr());

      Value v = vAll;
      for (int64_t ab = 0; ab < elems; ++ab)
        v = tensor::InsertSliceOp::create(
            rewriter, loc, input.getResult(ab), v, ValueRange{}, ValueRange{},
            ValueRange{}, rewriter.getDenseI64ArrayAttr({0, 0, 0, ab * c}),
            rewriter.getDenseI64ArrayAttr({n, rt, tx, c}),
            rewriter.getDenseI64ArrayAttr({1, 1, 1, 1}));

      // 2. The GEMMs as one grouped 1x1 packed conv over the [rt, tx] tile
      // map: M_ab is output blocks [ab * F/B, (ab + 1) * F/B).
      auto mType = RankedTensorType::get({n, rt, tx, elems * fb, block}, f32);
      Value m = buildPointwiseConv(rewriter, loc, v, packed,
                                   zeroTensor(rewriter, loc, mType), elems);
      m.getDefiningOp()->setAttr("cnnc.winograd_gemm", rewriter.getUnitAttr());
      SmallVector<Value> inputs;
      for (int64_t ab = 0; ab < elems; ++ab)
        inputs.push_back(
            slice(m, {0, 0, 0, ab * fb, 0}, {n, rt, tx, fb, block}));

      // 3. Output transform over the band's output rows, loops
      // (n, r, w, fb, b): the tile and the position in it of (r, w).
      SmallVector<AffineMap> outMaps;
      for (int64_t ab = 0; ab < elems; ++ab)
        outMaps.push_back(AffineMap::get(
            5, 0, {d(0), tileOf(d(1), dy), tileOf(d(2), dx), d(3), d(4)}, ctx));
      for (int64_t a = 0; a < alpha; ++a)
        for (int64_t bb = 0; bb < alpha; ++bb) {
          inputs.push_back(k);
          outMaps.push_back(AffineMap::get(
              5, 0,
              {positionOf(d(1), dy), positionOf(d(2), dx),
               getAffineConstantExpr(a, ctx), getAffineConstantExpr(bb, ctx)},
              ctx));
        }
      if (biasBlocks) {
        inputs.push_back(biasBlocks);
        outMaps.push_back(AffineMap::get(5, 0, {d(3), d(4)}, ctx));
      }
      SmallVector<int64_t> bandOffsets = {0, r0, 0, 0, 0},
                           bandSizes = {n, rows, ow, fb, block};
      if (residual) {
        inputs.push_back(slice(residual, bandOffsets, bandSizes));
        outMaps.push_back(AffineMap::getMultiDimIdentityMap(5, ctx));
      }
      if (slopes) {
        inputs.push_back(slopes);
        outMaps.push_back(channelMap(ctx));
      }
      outMaps.push_back(AffineMap::getMultiDimIdentityMap(5, ctx));
      Value outSlice = oneBand ? y : slice(y, bandOffsets, bandSizes);
      bool hasBias = bool(biasBlocks), hasResidual = bool(residual);
      auto output = linalg::GenericOp::create(
          rewriter, loc, TypeRange{outSlice.getType()}, inputs,
          ValueRange{outSlice}, outMaps, parallelIterators(5),
          [&](OpBuilder &b, Location l, ValueRange args) {
            Value acc = arith::MulFOp::create(b, l, args[elems], args[0]);
            for (int i = 1; i < elems; ++i)
              acc = arith::AddFOp::create(
                  b, l, acc,
                  arith::MulFOp::create(b, l, args[elems + i], args[i]));
            unsigned next = 2 * elems;
            if (hasBias)
              acc = arith::AddFOp::create(b, l, acc, args[next++]);
            Value res = hasResidual ? args[next++] : Value();
            Value slope = slopes ? args[next++] : Value();
            if constexpr (std::is_same_v<OpTy, FusedConvOp>)
              acc = buildEpilogue(b, l, acc, res, op, slope);
            linalg::YieldOp::create(b, l, acc);
          });
      output->setAttr("cnnc.winograd_output", rewriter.getUnitAttr());
      if (oneBand)
        return output.getResult(0);
      SmallVector<OpFoldResult> o, z, ones;
      for (auto [off, size] : llvm::zip(bandOffsets, bandSizes)) {
        o.push_back(rewriter.getIndexAttr(off));
        z.push_back(rewriter.getIndexAttr(size));
        ones.push_back(rewriter.getIndexAttr(1));
      }
      y = tensor::InsertSliceOp::create(rewriter, loc, output.getResult(0), y,
                                        o, z, ones);
    }
    return y;
  }

  /// sum_i row[i] * x(i) over the nonzero entries of a transform's row:
  /// adds and subtracts for entries +-1, the first term a positive one (no
  /// negation).
  static Value combine(OpBuilder &b, Location l, const double *row, int alpha,
                       llvm::function_ref<Value(int)> x) {
    auto term = [&](int i) -> Value {
      if (std::abs(row[i]) == 1)
        return x(i);
      Value scale = floatConst(b, l, b.getF32Type(), std::abs(row[i]));
      return arith::MulFOp::create(b, l, scale, x(i));
    };
    int first = 0;
    while (row[first] <= 0)
      ++first;
    Value sum = term(first);
    for (int i = 0; i < alpha; ++i) {
      if (i == first || row[i] == 0)
        continue;
      sum = row[i] > 0 ? arith::AddFOp::create(b, l, sum, term(i)).getResult()
                       : arith::SubFOp::create(b, l, sum, term(i)).getResult();
    }
    return sum;
  }

  /// The fused epilogue, in place on the blocked output `y`, as one
  /// elementwise generic marked `cnnc.epilogue` (cnnc-vectorize-conv
  /// applies it in registers).
  Value buildPackedEpilogue(ConversionPatternRewriter &rewriter, FusedConvOp op,
                            Adaptor adaptor, Value y, int64_t f,
                            int64_t fp) const {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    auto yType = cast<RankedTensorType>(y.getType());
    Value residual = adaptor.getResidual();
    if (!residual && op.getActivation() == Activation::none &&
        op.getPostActivation() == Activation::none)
      return y;
    SmallVector<Value> inputs;
    SmallVector<AffineMap> maps;
    if (residual) {
      inputs.push_back(blockedResidual(rewriter, loc, residual, yType, f));
      maps.push_back(AffineMap::getMultiDimIdentityMap(5, ctx));
    }
    Value slopes = preluSlopeBlocks(rewriter, op, yType);
    if (slopes) {
      inputs.push_back(slopes);
      maps.push_back(channelMap(ctx));
    }
    maps.push_back(AffineMap::getMultiDimIdentityMap(5, ctx));
    auto epilogue = linalg::GenericOp::create(
        rewriter, loc, TypeRange{yType}, inputs, ValueRange{y}, maps,
        parallelIterators(5), [&](OpBuilder &b, Location l, ValueRange args) {
          Value acc = args.back();
          Value res = residual ? args[0] : Value();
          Value slope = slopes ? args[args.size() - 2] : Value();
          linalg::YieldOp::create(b, l,
                                  buildEpilogue(b, l, acc, res, op, slope));
        });
    epilogue->setAttr("cnnc.epilogue", rewriter.getUnitAttr());
    return epilogue.getResult(0);
  }

  /// (n, h, w, fb, b) -> (fb, b): per-channel values of a blocked output.
  static AffineMap channelMap(MLIRContext *ctx) {
    return AffineMap::get(
        5, 0, {getAffineDimExpr(3, ctx), getAffineDimExpr(4, ctx)}, ctx);
  }

  /// The PRelu slopes of `op` as blocks [F/B, B] of the blocked output
  /// `yType` (zero past F), or null when it has no prelu.
  static Value preluSlopeBlocks(OpBuilder &b, FusedConvOp op,
                                RankedTensorType yType) {
    int64_t fb = yType.getDimSize(3), block = yType.getDimSize(4);
    std::vector<float> slopes = preluSlopes(op, fb * block);
    if (slopes.empty())
      return {};
    return f32ResourceConstant(b, op.getLoc(), {fb, block}, slopes,
                               "prelu_slopes");
  }
  static Value preluSlopeBlocks(OpBuilder &, ConvOp, RankedTensorType) {
    return {};
  }

  Value buildPackedEpilogue(ConversionPatternRewriter &, ConvOp, Adaptor,
                            Value y, int64_t, int64_t) const {
    return y;
  }

  unsigned vectorBits;
  SharedKeys sharedKeys;
  WinogradPolicy winograd;
};

/// Gemm with constant B as a 1x1 convolution over M pixels: the same packed
/// weights ([N/B, 1, 1, K, B], alpha folded in), bias (beta * C) and
/// register-tiled kernel; at M = 1 (a classifier at batch 1) that streams
/// each weight once, vectorized along N.
struct PackedGemmLowering : OpConversionPattern<GemmOp> {
  PackedGemmLowering(MLIRContext *ctx, unsigned vectorBits,
                     SharedKeys sharedKeys)
      : OpConversionPattern(ctx, /*benefit=*/2), vectorBits(vectorBits),
        sharedKeys(std::move(sharedKeys)) {}

  LogicalResult
  matchAndRewrite(GemmOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto at = dyn_cast<RankedTensorType>(adaptor.getA().getType());
    auto out = cast<RankedTensorType>(op.getType());
    if (!at || op.getTransA() || !at.hasStaticShape() || at.getRank() != 2 ||
        !at.getElementType().isF32() || !out.hasStaticShape() ||
        out.getNumElements() == 0)
      return rewriter.notifyMatchFailure(op, "not a static f32 A x B");
    std::optional<cnn::F32Constant> bValues = cnn::F32Constant::read(op.getB());
    if (!bValues)
      return rewriter.notifyMatchFailure(op, "B is not constant");
    int64_t m = at.getDimSize(0), k = at.getDimSize(1), n = out.getDimSize(1);
    // C: none, or constant and one value per column.
    std::vector<float> bias;
    if (op.getC()) {
      std::optional<std::vector<float>> cValues = cnn::readF32Values(op.getC());
      auto ct = cast<RankedTensorType>(op.getC().getType());
      int64_t count = ct.getNumElements();
      if (!cValues || (count != n && count != 1) ||
          (ct.getRank() == 2 && ct.getDimSize(0) != 1))
        return rewriter.notifyMatchFailure(op, "C is not a constant row");
      float beta = op.getBeta().convertToFloat();
      for (int64_t j = 0; j < n; ++j)
        bias.push_back(beta * (*cValues)[count == 1 ? 0 : j]);
    }
    Location loc = op.getLoc();
    Type f32 = rewriter.getF32Type();
    int64_t block = 2 * (vectorBits / 32);
    int64_t nb = (n + block - 1) / block, np = nb * block;
    float alpha = op.getAlpha().convertToFloat();
    bool transB = op.getTransB();
    // A flattened [N, C, H, W] whose NCHW form is a view of an NHWC tensor
    // [N, H, W, Cp] (a conv or pool before a classifier): the GEMM reads
    // the NHWC tensor and B's rows are permuted (zero rows for padded
    // channels) at packing time, so the NCHW form is never built.
    Value a = adaptor.getA();
    int64_t kp = k, hw = 0, cp = 0;
    auto row = [&](int64_t i) { return hw ? (i % hw) * cp + i / hw : i; };
    // Reshapes keep the row-major order: look through them to the 4-D
    // tensor that was flattened.
    Value src = a;
    while (isa_and_nonnull<tensor::CollapseShapeOp, tensor::ExpandShapeOp>(
        src.getDefiningOp()))
      src = src.getDefiningOp()->getOperand(0);
    auto srcType = cast<RankedTensorType>(src.getType());
    if (Value nhwc = nhwcSource(src);
        nhwc && srcType.getRank() == 4 && srcType.hasStaticShape() &&
        srcType.getDimSize(0) == m && srcType.getNumElements() == m * k) {
      hw = srcType.getDimSize(2) * srcType.getDimSize(3);
      cp = tensorType(nhwc).getDimSize(3);
      kp = hw * cp;
      a = tensor::CollapseShapeOp::create(
          rewriter, loc, RankedTensorType::get({m, kp}, f32), nhwc,
          ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}});
    }
    Value w = f32ResourceConstant(
        rewriter, loc, {nb, 1, 1, kp, block}, "gemm_packed",
        [&](MutableArrayRef<float> packed) {
          // Read B in its storage order and hand the consumed source pages
          // back every few MB: B may be a mapped model file's largest tensor.
          ArrayRef<float> source = bValues->values();
          int64_t rows = transB ? n : k, cols = transB ? k : n;
          int64_t released = 0,
                  chunk = std::max<int64_t>(1, (4 << 20) / (4 * cols));
          for (int64_t r = 0; r < rows; ++r) {
            for (int64_t q = 0; q < cols; ++q) {
              int64_t j = transB ? r : q, c = row(transB ? q : r);
              packed[((j / block) * kp + c) * block + j % block] =
                  alpha * source[r * cols + q];
            }
            if (r + 1 - released >= chunk || r + 1 == rows) {
              ArrayRef<float> done =
                  source.slice(released * cols, (r + 1 - released) * cols);
              MappedFile::releaseConsumed(
                  ArrayRef<char>(reinterpret_cast<const char *>(done.data()),
                                 done.size() * sizeof(float)));
              released = r + 1;
            }
          }
        });
    releaseUnpacked(op.getB(), *sharedKeys);
    Value x = tensor::ExpandShapeOp::create(
        rewriter, loc, RankedTensorType::get({1, 1, m, kp}, f32), a,
        ArrayRef<ReassociationIndices>{{0, 1, 2}, {3}});
    auto yType = RankedTensorType::get({1, 1, m, nb, block}, f32);
    Value init;
    if (!bias.empty()) {
      bias.resize(np, 0.0f);
      Value blocks =
          f32ResourceConstant(rewriter, loc, {nb, block}, bias, "gemm_bias");
      init = broadcastBias(rewriter, loc, blocks, yType);
    } else {
      init = zeroTensor(rewriter, loc, yType);
    }
    Value y = tensor::CollapseShapeOp::create(
        rewriter, loc, RankedTensorType::get({m, np}, f32),
        buildPointwiseConv(rewriter, loc, x, w, init),
        ArrayRef<ReassociationIndices>{{0, 1, 2}, {3, 4}});
    if (np != n) {
      SmallVector<OpFoldResult> zeros(2, rewriter.getIndexAttr(0));
      SmallVector<OpFoldResult> sizes = {rewriter.getIndexAttr(m),
                                         rewriter.getIndexAttr(n)};
      SmallVector<OpFoldResult> ones(2, rewriter.getIndexAttr(1));
      y = tensor::ExtractSliceOp::create(rewriter, loc, out, y, zeros, sizes,
                                         ones);
    }
    // The fused activation: one pass over the (small) [M, N] result.
    if (op.getActivation() != Activation::none)
      y = buildElementwise(
          rewriter, loc, {y}, out, [&](OpBuilder &b, Location l, ValueRange a) {
            return buildActivation(b, l, a[0], op.getActivation(),
                                   activationParams(op.getActivationParams()));
          });
    rewriter.replaceOp(op, y);
    return success();
  }

  unsigned vectorBits;
  SharedKeys sharedKeys;
};

/// MatMul of activations [..., K] by constant weights [K, N] (a Linear
/// layer applied to a channels-last tensor: ConvNeXt's MLPs, transformer
/// blocks) as reshape -> cnn.gemm over all leading rows -> reshape, so that
/// PackedGemmLowering gives it the packed weights and register-tiled kernel
/// (the generic matmul loops ran ConvNeXt-Tiny at ~1 GFLOP/s).
struct MatMulAsGemm : OpConversionPattern<MatMulOp> {
  MatMulAsGemm(MLIRContext *ctx) : OpConversionPattern(ctx, /*benefit=*/2) {}
  LogicalResult
  matchAndRewrite(MatMulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto at = dyn_cast<RankedTensorType>(adaptor.getLhs().getType());
    auto bt = dyn_cast<RankedTensorType>(op.getRhs().getType());
    auto out = cast<RankedTensorType>(op.getType());
    if (!at || !bt || at.getRank() < 3 || bt.getRank() != 2 ||
        !at.hasStaticShape() || !out.hasStaticShape() ||
        !at.getElementType().isF32() ||
        !cnn::F32Constant::read(op.getRhs()).has_value())
      return rewriter.notifyMatchFailure(op, "not activations x weights");
    Location loc = op.getLoc();
    int64_t k = at.getShape().back(), m = at.getNumElements() / k;
    auto flatType = RankedTensorType::get({m, k}, at.getElementType());
    Value a = ReshapeOp::create(rewriter, loc, flatType, adaptor.getLhs(),
                                rewriter.getDenseI64ArrayAttr({m, k}));
    Value y = GemmOp::create(
        rewriter, loc,
        RankedTensorType::get({m, bt.getDimSize(1)}, out.getElementType()), a,
        op.getRhs(), /*c=*/Value(), llvm::APFloat(1.0f), llvm::APFloat(1.0f),
        /*trans_a=*/false, /*trans_b=*/false, Activation::none,
        DenseF32ArrayAttr());
    rewriter.replaceOpWithNewOp<ReshapeOp>(
        op, out, y, rewriter.getDenseI64ArrayAttr(out.getShape()));
    return success();
  }
};

} // namespace

void populatePackedConvolutionPatterns(RewritePatternSet &patterns,
                                       unsigned vectorBits,
                                       WinogradPolicy winograd,
                                       Operation *root) {
  if (vectorBits < 256)
    return;
  // An lvalue: each pattern gets a copy (add() forwards to every one).
  const SharedKeys sharedKeys = collectSharedKeys(root);
  patterns.add<PackedConvLowering<ConvOp>, PackedConvLowering<FusedConvOp>>(
      patterns.getContext(), vectorBits, sharedKeys, winograd);
  patterns.add<PackedGemmLowering>(patterns.getContext(), vectorBits,
                                   sharedKeys);
  patterns.add<MatMulAsGemm>(patterns.getContext());
}

} // namespace cnnc
