//===- ConvTiles.cpp - register tile plans of conv kernels ----------------===//
//
// Part of cnnc.
//
/// Matching a conv generic with the ops its kernel absorbs, choosing its
/// register tile plan, and the plan's attribute form (see ConvTiles.h).
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/ConvTiles.h"

#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace cnnc;

namespace {
/// The weight bytes a work item may stream for its pixel tiles to find
/// them in L2 (3/4 of the 1 MB L2 of Zen 4/5 and Ice Lake; Sapphire
/// Rapids has 2 MB).
constexpr int64_t kL2WeightBytes = 768 * 1024;
/// Activations up to this size may still be in L2 for the next layer.
constexpr int64_t kL2ActivationBytes = 1536 * 1024;
/// The most pixels of a flat tile (each with its own input address).
constexpr int64_t kMaxTilePointers = 12;
/// The most accumulators a plan attached by hand may ask for: past the
/// register file they spill, and a tile's code grows with their number.
constexpr int64_t kMaxTileVectors = 64;
} // namespace

SmallVector<Band> cnnc::bandsOf(int64_t outs, int64_t stride, int64_t dilation,
                                int64_t k, int64_t padBegin, int64_t size,
                                bool clip) {
  if (!clip)
    return {{0, outs, 0, k}};
  SmallVector<Band> bands;
  for (int64_t o = 0; o < outs; ++o) {
    int64_t k0 = 0, k1 = k;
    while (k0 < k && o * stride + k0 * dilation < padBegin)
      ++k0;
    while (k1 > k0 && o * stride + (k1 - 1) * dilation >= padBegin + size)
      --k1;
    if (!bands.empty() && bands.back().k0 == k0 && bands.back().k1 == k1)
      bands.back().o1 = o + 1;
    else
      bands.push_back({o, o + 1, k0, k1});
  }
  return bands;
}

namespace {

/// The shape of a generic marked `cnnc.conv` (input `[N, Hp, Wp, C]`,
/// weights `[F/B, KH, KW, C, B]`) or `cnnc.dwconv` (input `[N, Hp, Wp, Cp]`,
/// weights `[KH, KW, Cp]`), output `[N, OH, OW, F/B, B]`; failure when the
/// buffers do not have that form.
FailureOr<ConvShape> matchConv(linalg::GenericOp op, int64_t vectorLen) {
  bool depthwise = op->hasAttr("cnnc.dwconv");
  auto attr = op->getAttrOfType<DenseI64ArrayAttr>(depthwise ? "cnnc.dwconv"
                                                             : "cnnc.conv");
  if (!attr || (attr.size() != 4 && (depthwise || attr.size() != 6)) ||
      op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 ||
      !op.hasPureBufferSemantics())
    return failure();
  auto xt = dyn_cast<MemRefType>(op.getDpsInputs()[0].getType());
  auto wt = dyn_cast<MemRefType>(op.getDpsInputs()[1].getType());
  auto yt = dyn_cast<MemRefType>(op.getDpsInits()[0].getType());
  if (!xt || !wt || !yt || xt.getRank() != 4 ||
      wt.getRank() != (depthwise ? 3 : 5) || yt.getRank() != 5 ||
      !xt.hasStaticShape() || !wt.hasStaticShape() || !yt.hasStaticShape())
    return failure();
  ConvShape s;
  s.depthwise = depthwise;
  s.n = yt.getDimSize(0);
  s.oh = yt.getDimSize(1);
  s.ow = yt.getDimSize(2);
  s.fb = yt.getDimSize(3);
  s.block = yt.getDimSize(4);
  int64_t k0 = depthwise ? 0 : 1; // weights' first kernel dimension
  s.kh = wt.getDimSize(k0);
  s.kw = wt.getDimSize(k0 + 1);
  s.c = wt.getDimSize(k0 + 2);
  s.sh = attr[0];
  s.sw = attr[1];
  s.dh = attr[2];
  s.dw = attr[3];
  s.hp = xt.getDimSize(1);
  s.wp = xt.getDimSize(2);
  if (auto pads = op->getAttrOfType<DenseI64ArrayAttr>("cnnc.conv_pads")) {
    if (pads.size() != 4 ||
        llvm::any_of(pads.asArrayRef(), [](int64_t v) { return v < 0; }) ||
        pads[0] + pads[2] >= s.hp || pads[1] + pads[3] >= s.wp)
      return failure();
    llvm::copy(pads.asArrayRef(), s.pads);
  }
  s.winogradGemm = op->hasAttr("cnnc.winograd_gemm");
  if (attr.size() == 6) {
    s.groupOut = attr[4];
    s.groupIn = attr[5];
    if (s.groupOut <= 0 || s.groupIn <= 0)
      return failure();
  }
  // The last channel read: the window of the last block.
  int64_t channels =
      s.groupOut ? (s.fb - 1) * s.block / s.groupOut * s.groupIn + s.c : s.c;
  if (s.block % vectorLen != 0 ||
      (s.groupOut ? xt.getDimSize(3) < channels : xt.getDimSize(3) != s.c))
    return failure();
  if (depthwise ? s.c != s.fb * s.block
                : wt.getDimSize(4) != s.block || wt.getDimSize(0) != s.fb)
    return failure();
  // Vector loads need unit stride along channels.
  auto unitInner = [](MemRefType t) {
    SmallVector<int64_t> strides;
    int64_t offset;
    return succeeded(t.getStridesAndOffset(strides, offset)) &&
           strides.back() == 1;
  };
  if (!unitInner(wt) || !unitInner(yt) || (depthwise && !unitInner(xt)))
    return failure();
  return s;
}

/// (d0, ..., d[rank-1]) -> the last `count` dims.
AffineMap trailingMap(unsigned rank, unsigned count, MLIRContext *ctx) {
  SmallVector<AffineExpr> dims;
  for (unsigned i = rank - count; i < rank; ++i)
    dims.push_back(getAffineDimExpr(i, ctx));
  return AffineMap::get(rank, 0, dims, ctx);
}

/// The elementwise generic marked `cnnc.epilogue` that updates the conv's
/// output buffer in place right after it (only view and constant ops in
/// between), if its body is plain scalar arithmetic.
linalg::GenericOp findEpilogue(linalg::GenericOp conv) {
  Value y = conv.getDpsInits()[0];
  for (Operation *op = conv->getNextNode(); op; op = op->getNextNode()) {
    auto generic = dyn_cast<linalg::GenericOp>(op);
    if (!generic) {
      if (op->getNumRegions() || !isMemoryEffectFree(op))
        return {};
      continue;
    }
    if (!generic->hasAttr("cnnc.epilogue") || generic.getNumDpsInits() != 1 ||
        generic.getDpsInits()[0] != y ||
        !generic.getMatchingIndexingMap(&generic.getDpsInitsMutable()[0])
             .isIdentity())
      return {};
    // Inputs read at the output's index (a residual) or at its trailing
    // dimensions (per-channel values: PRelu slopes).
    ArrayRef<int64_t> yShape = cast<MemRefType>(y.getType()).getShape();
    for (OpOperand *input : generic.getDpsInputOperands()) {
      auto t = dyn_cast<MemRefType>(input->get().getType());
      if (!t || t.getShape() != yShape.take_back(t.getRank()) ||
          generic.getMatchingIndexingMap(input) !=
              trailingMap(yShape.size(), t.getRank(), generic.getContext()))
        return {};
    }
    for (Operation &bodyOp : generic.getRegion().front().without_terminator())
      if (bodyOp.getNumRegions() || !isMemoryEffectFree(&bodyOp) ||
          !llvm::all_of(bodyOp.getResultTypes(), [](Type t) {
            return t.isF32() || t.isInteger(1) || t.isInteger(32);
          }))
        return {};
    return generic;
  }
  return {};
}

/// The op right before the conv (view and constant ops skipped) that
/// initialises its output `y`: a bias broadcast marked `cnnc.conv_bias`, or
/// a `linalg.fill`.
Operation *findInit(linalg::GenericOp conv) {
  Value y = conv.getDpsInits()[0];
  for (Operation *op = conv->getPrevNode(); op; op = op->getPrevNode()) {
    if (auto fill = dyn_cast<linalg::FillOp>(op))
      return fill.getDpsInits()[0] == y ? op : nullptr;
    if (auto generic = dyn_cast<linalg::GenericOp>(op)) {
      if (!generic->hasAttr("cnnc.conv_bias") ||
          generic.getDpsInits()[0] != y || generic.getNumDpsInputs() != 1)
        return nullptr;
      auto t = dyn_cast<MemRefType>(generic.getDpsInputs()[0].getType());
      auto yt = cast<MemRefType>(y.getType());
      if (!t || t.getRank() != 2 || t.getDimSize(0) != yt.getDimSize(3) ||
          t.getDimSize(1) != yt.getDimSize(4))
        return nullptr;
      return op;
    }
    if (op->getNumRegions() || !isMemoryEffectFree(op))
      return nullptr;
  }
  return nullptr;
}

/// The bytes `v` views: a function argument, the byte offset and size in
/// it (through reshapes, subviews and a constant `memref.view`), or
/// nullopt.
struct ByteRange {
  Value root;
  int64_t begin, end;
};
std::optional<ByteRange> byteRange(Value v) {
  // (A subview: conservatively, all of its source.)
  while (isa_and_nonnull<memref::CollapseShapeOp, memref::ExpandShapeOp,
                         memref::SubViewOp>(v.getDefiningOp()))
    v = v.getDefiningOp()->getOperand(0);
  auto type = dyn_cast<MemRefType>(v.getType());
  if (!type || !type.hasStaticShape() || !type.getLayout().isIdentity())
    return std::nullopt;
  int64_t bytes = type.getNumElements() * type.getElementTypeBitWidth() / 8;
  if (isa<BlockArgument>(v))
    return ByteRange{v, 0, bytes};
  auto view = v.getDefiningOp<memref::ViewOp>();
  APInt shift;
  if (!view || !isa<BlockArgument>(view.getSource()) ||
      !view.getSizes().empty() ||
      !matchPattern(view.getByteShift(), m_ConstantInt(&shift)))
    return std::nullopt;
  return ByteRange{view.getSource(), shift.getSExtValue(),
                   shift.getSExtValue() + bytes};
}

/// Whether `a` and `b` are known not to share bytes: distinct function
/// arguments (the generated interface requires inputs, outputs and arena
/// not to overlap) or disjoint ranges of one.
bool disjoint(Value a, Value b) {
  std::optional<ByteRange> ra = byteRange(a), rb = byteRange(b);
  if (!ra || !rb)
    return false;
  return ra->root != rb->root || ra->end <= rb->begin || rb->end <= ra->begin;
}

/// The pad copy's source, if the conv may read it instead of the padded
/// buffer: it is not written between the copy and the conv, and the
/// conv's output and epilogue do not overlap it.
Value readableSource(const cnnc::PadCopy &pad, linalg::GenericOp conv,
                     linalg::GenericOp epilogue) {
  Value source = pad.source;
  // (Depthwise kernels load vectors of channels: unit stride.)
  auto type = dyn_cast<MemRefType>(source.getType());
  SmallVector<int64_t> strides;
  int64_t offset;
  if (!type || failed(type.getStridesAndOffset(strides, offset)) ||
      strides.back() != 1 ||
      !cnnc::unwrittenUntil(
          source, pad.copy, conv.getDpsInits()[0],
          epilogue ? epilogue.getOperation() : conv.getOperation(), conv))
    return {};
  return source;
}

} // namespace

bool cnnc::unwrittenUntil(Value source, Operation *from, Value output,
                          Operation *end, Operation *skip) {
  if (!byteRange(source) || !disjoint(output, source))
    return false;
  for (Operation *op = from->getNextNode(); op && op != end;
       op = op->getNextNode()) {
    if (op == skip)
      continue;
    WalkResult r = op->walk([&](Operation *nested) {
      // (Ops without effects of their own - loops, ifs - have their
      // nested ops' effects, which the walk visits.)
      // (A prefetch is a hint: it writes nothing, whatever it declares.)
      if (isa<memref::PrefetchOp>(nested))
        return WalkResult::advance();
      auto iface = dyn_cast<MemoryEffectOpInterface>(nested);
      if (!iface)
        return nested->hasTrait<OpTrait::HasRecursiveMemoryEffects>()
                   ? WalkResult::advance()
                   : WalkResult::interrupt();
      SmallVector<MemoryEffects::EffectInstance> effects;
      iface.getEffects(effects);
      for (const MemoryEffects::EffectInstance &e : effects) {
        if (!isa<MemoryEffects::Write>(e.getEffect()))
          continue;
        if (!e.getValue() || !disjoint(e.getValue(), source))
          return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    if (r.wasInterrupted())
      return false;
  }
  return true;
}

FailureOr<ConvMatch> cnnc::matchConvKernel(linalg::GenericOp op,
                                           int64_t vectorLen) {
  FailureOr<ConvShape> shape = matchConv(op, vectorLen);
  // (A tile keeps at least a block's vectors: past kMaxTileVectors it is
  // not a register tile.)
  if (failed(shape) || shape->block / vectorLen > kMaxTileVectors)
    return failure();
  ConvMatch m;
  m.op = op;
  m.shape = *shape;
  m.epilogue = findEpilogue(op);
  m.init = findInit(op);
  m.pad = matchPadCopy(op);
  if (m.pad)
    m.padSource = readableSource(*m.pad, op, m.epilogue);
  return m;
}

namespace {
/// Whether the epilogue reads an activation at the output's index (a
/// residual), not only per-channel values.
bool hasResidual(linalg::GenericOp epilogue) {
  if (!epilogue)
    return false;
  auto rank = [](Value v) { return cast<MemRefType>(v.getType()).getRank(); };
  return llvm::any_of(epilogue.getDpsInputs(), [&](Value input) {
    return rank(input) == rank(epilogue.getDpsInits()[0]);
  });
}

/// Work items in (n, rows or tiles, channel block) order rather than
/// (n, channel block, rows or tiles), when all the weights take at most a
/// third of the L2 budget (the activations stay there too) and reading
/// them again for every item costs little. The thread pool gives each
/// thread a contiguous part of the items, so a thread then computes the
/// same part of the image in consecutive layers and reads the activations
/// it wrote itself, from its own L2; split by channel blocks, a 1x1 conv
/// or a depthwise conv read half their input from the other core's cache.
/// Only for activations of at most kL2ActivationBytes: larger ones are
/// not in L2 by the next layer anyway, and there channel blocks first
/// ran faster on one thread (EfficientNet-B0's 112x112 expansion and
/// stride-2 depthwise conv: 0.83 -> 0.96 ms). Except with a `residual`
/// epilogue: it reads a third activation, from L3, and by channel blocks
/// reads 128 of every 1024 bytes of it per pass; pixel by pixel it streams
/// (ResNet-50's three 64 -> 256 1x1 convs + Add on 56x56, medians of six
/// alternating profiles: 4.02 -> 3.70 ms).
bool spatialMajor(const ConvShape &s, MemRefType input, bool residual) {
  int64_t perOutput =
      s.depthwise ? 1 : (s.groupOut ? s.windowChannels(0) : s.c);
  bool weightsFit =
      s.kh * s.kw * perOutput * s.fb * s.block * 4 <= kL2WeightBytes / 3;
  // Winograd's GEMMs read what the input transform just wrote, by rows of
  // tiles: pixels first, each thread reads the rows it transformed itself,
  // from its own L2, whatever their size (by elements, half of them came
  // from the other core's). 2 threads, Emerald Rapids VM: DenseNet-121's
  // 128 -> 32 layer on 28x28 0.30 -> 0.19 ms, the model 30.6 -> 29.0 ms,
  // SqueezeNet 1.1 8%, ResNet-18 3% faster. Not with more weights than
  // L2 holds: every pixel tile would stream all 16 GEMMs' weights.
  if (s.winogradGemm)
    return weightsFit;
  int64_t outBytes = s.n * s.oh * s.ow * s.fb * s.block * 4;
  int64_t inBytes = input.getNumElements() * 4;
  return weightsFit &&
         (residual || std::max(outBytes, inBytes) <= kL2ActivationBytes);
}
} // namespace

/// The register tile: T pixels x NV vectors of output channels kept in
/// registers across the whole (kh, kw, c) reduction. T is the largest
/// width whose accumulators take at most 24 of the 32 zmm (12 of the 16
/// ymm) registers, balanced over the output width so no tile is much
/// narrower than the rest (56 = 4 x 14 -> 5 tiles of 12 and less); then
/// the choices below, each with what measured it.
TileTarget cnnc::tileTargetFor(unsigned vectorBits, StringRef cpu) {
  TileTarget target;
  target.vectorLen = vectorBits / 32;
  // Intel's cores with AVX-512 (generic x86-64-v4 and AMD's keep the
  // 2 x 12 tiles).
  target.wideTiles =
      vectorBits == 512 &&
      llvm::is_contained({"skylake-avx512", "cascadelake", "cooperlake",
                          "cannonlake", "icelake-client", "icelake-server",
                          "tigerlake", "rocketlake", "sapphirerapids",
                          "emeraldrapids", "graniterapids", "graniterapids-d",
                          "diamondrapids"},
                         cpu);
  return target;
}

ConvTilePlan cnnc::planConvTiles(const ConvMatch &m, const TileTarget &target) {
  int64_t vl = target.vectorLen;
  const ConvShape &s = m.shape;
  linalg::GenericOp op = m.op;
  auto xType = cast<MemRefType>(op.getDpsInputs()[0].getType());
  int64_t nv = s.block / vl;
  int64_t g = 1, nvt = 1, maxTile = 1, blockRows = 1;
  SmallVector<Rect> rects;
  bool readThrough = false;
  // At most 24 of the 32 zmm (12 of the 16 ymm) hold accumulators: with
  // 28 LLVM spills around the broadcasts (measured: 65% of peak).
  int64_t accumulators = vl >= 16 ? 24 : 12;
  int64_t pixels = s.oh * s.ow;
  // Small maps (7x7: 49 pixels) fill tiles of 12 pixels badly (49/60);
  // two channel blocks per tile halve the pixels per tile (49/54).
  auto fill = [&](int64_t tile) {
    int64_t count = (pixels + tile - 1) / tile;
    return double(pixels) / double(count * tile);
  };
  // (Not grouped: the two blocks would read different input windows.
  // Not when the two blocks' weights overflow L2: every pixel tile
  // streams them again, from L3 - ResNet's 7x7 layers with C = 512, 1.2 MB:
  // 80% of peak with two blocks, 86% with one.)
  bool twoBlocksFit = !s.depthwise && !s.groupOut && s.fb % 2 == 0 &&
                      accumulators / (2 * nv) >= 4 &&
                      s.kh * s.kw * s.c * 2 * s.block * 4 <= kL2WeightBytes;
  // Input pixels a multiple of 4 KB apart (1024 channels; 512 at stride
  // 2) put all of a tile's broadcasts in one L1 set, and 12 of them
  // thrash its 8 ways: DenseNet-121's 1024 -> 512 1x1 ran at 64% of peak,
  // its 512- and 992-channel ones at 93%. Two blocks per tile halve the
  // pixels.
  SmallVector<int64_t> xStrides;
  int64_t xOffset;
  LogicalResult xLayout = xType.getStridesAndOffset(xStrides, xOffset);
  bool aliased = succeeded(xLayout) && !ShapedType::isDynamic(xStrides[2]) &&
                 (xStrides[2] * s.sw * 4) % 4096 == 0 && accumulators / nv > 8;
  bool fills = fill(accumulators / (2 * nv)) > fill(accumulators / nv) + 0.05;
  if (twoBlocksFit && (target.wideTiles || aliased || fills))
    g = 2;
  // (Two blocks for the core's sake alone keep tiling rows where the
  // tiles fill them; flat tiles ran ResNet's 1x1 64 -> 256 conv on 56x56
  // 12% slower there.)
  bool rowsFit = g == 2 && !aliased && !fills;
  // One-vector blocks (output channels padded to a vector, not two: 144,
  // 240, 80, 112 with AVX-512) take 2, 3 or 4 per tile where that divides
  // their count. MobileNetV2's 24 -> 144 1x1 conv: 0.233 ms as 160
  // channels in 12 x 2 tiles, 0.223 ms in 8 x 3, as slow as before in
  // 24 x 1 (78-80% of peak). Not more: tiles of 3 pixels x 7 vectors
  // (112 channels) stream 7 weight vectors from L2 per 21 FMAs
  // (GoogLeNet's 512 -> 112 1x1 conv: 67% of peak; 12 x 1: 86-90%).
  int64_t wide = 0;
  if (nv == 1 && !s.depthwise && !s.groupOut)
    for (int64_t gg : {2, 3, 4})
      if (s.fb % gg == 0 &&
          s.kh * s.kw * s.c * gg * s.block * 4 <= kL2WeightBytes) {
        g = wide = gg;
        rowsFit = false;
        break;
      }
  nvt = g * nv;
  maxTile = accumulators / nvt;
  if (s.depthwise)
    maxTile = std::min<int64_t>(maxTile, 8);
  // Tiles of 24 pixels whose input pixels lie a multiple of 2 KB apart
  // put 12 of their broadcasts' lines in each of two L1 sets (8 ways):
  // GoogLeNet's 512 -> 112 1x1 conv in tiles of 24 x 1 vector ran at 64%
  // of peak. They take 12 pixels (6 lines per set).
  if (!s.depthwise && maxTile > 12 && succeeded(xLayout) &&
      !ShapedType::isDynamic(xStrides[2])) {
    llvm::SmallDenseMap<int64_t, int64_t> perSet;
    int64_t most = 0;
    for (int64_t i = 0; i < maxTile; ++i)
      most = std::max(most, ++perSet[(i * xStrides[2] * s.sw * 4 / 64) % 64]);
    if (most > 8)
      maxTile = 12;
  }
  maxTile = std::max<int64_t>(maxTile, 1);
  int64_t tiles = (s.ow + maxTile - 1) / maxTile;
  int64_t t = (s.ow + tiles - 1) / tiles;
  // Rows whose width the register tile does not fill (7, 14, 28 for 12)
  // are tiled as one sequence of oh * ow pixels instead: every tile but
  // the last is full, each pixel with its own input row (measured on the
  // 7x7 layers of ResNet-18: 14 accumulators in row tiles ran at 55-70%
  // of peak).
  bool flat =
      !s.depthwise && (t * 4 < maxTile * 3 || (g > 1 && !rowsFit)) && s.oh > 1;
  // A flat tile's pixels each need their own input address (their rows
  // differ); past ~12 of them they no longer fit in the 16 general
  // registers and LLVM reloads them from the stack in the reduction loop
  // (RegNet's 3x3 convs with 16-channel groups, tiles of 24 pixels x 1
  // vector: 11 reloads per 24 FMAs, 63-69% of peak). Such maps are tiled
  // in blocks of R rows x t columns instead, whose pixels are all one
  // base address plus constant offsets. Pointwise convs keep flat tiles:
  // their input is read as [pixels, C] (see xPixels), one base address.
  bool pointwise = s.kh == 1 && s.kw == 1 && s.sh == 1 && s.sw == 1;
  if (flat && !pointwise && maxTile > kMaxTilePointers) {
    double bestCost = 0;
    for (int64_t r = 1; r <= std::min<int64_t>(s.oh, 4); ++r) {
      int64_t cap = maxTile / r;
      int64_t colTiles = (s.ow + cap - 1) / cap;
      int64_t cols = (s.ow + colTiles - 1) / colTiles;
      // Per tile: its FMA or load issue, at least the FMA latency's
      // worth of chains, and a fixed cost (pointer set-up, stores).
      auto cost = [&](int64_t p) {
        return std::max({p * nvt, p + nvt, int64_t(8)}) + 2.0;
      };
      auto rowCost = [&](int64_t rr) {
        return (s.ow / cols) * cost(rr * cols) + cost(rr * (s.ow % cols));
      };
      double c = (s.oh / r) * rowCost(r) + (s.oh % r ? rowCost(s.oh % r) : 0);
      if (r == 1 || c < bestCost) {
        bestCost = c;
        blockRows = r;
        t = cols;
      }
    }
    flat = false;
  }
  // A flat remainder of 1-3 pixels x 1 vector is 1-3 FMA chains that wait
  // out the FMA latency once per input channel: such maps get balanced
  // tiles instead (RegNetX's 400 -> 400 1x1 convs on 7x7 maps: 92% of peak
  // in 24 + 24 + 1 pixels, 98% in 17 + 17 + 15). Not in general: the first
  // tile of a block streams its weights, cold inside a model, and smaller
  // tiles need them faster (ResNet-50's layer4 Winograd GEMMs in 8 + 8
  // pixels instead of 12 + 4: 13% slower).
  if (flat && nvt == 1 && pixels % maxTile != 0 && pixels % maxTile < 4) {
    int64_t count = (pixels + maxTile - 1) / maxTile;
    maxTile = (pixels + count - 1) / count;
  }
  int64_t flatFull = pixels / maxTile, flatRem = pixels % maxTile;
  // Taps on the zero padding cost as much as real ones: 18% of a 3x3
  // layer's FMAs on a 7x7 map, 9% on 14x14. Where skipping them pays for
  // the smaller tiles it takes, the map is cut into rectangles of pixels
  // with the same valid taps (interior, edges, corners), each tiled flat
  // and reduced over its taps only. (Not convs in blocks of rows: RegNetX's
  // grouped 3x3 convs on 7x7 maps in rectangles of 12-pixel tiles ran 6%
  // faster standalone, 8-10% slower inside the model, where the smaller
  // first tile of each block streams its weights from L3.)
  int64_t accTiles = accumulators;
  auto tileCost = [&](int64_t pixelsInTile, int64_t vectors) -> double {
    if (pixelsInTile == 0)
      return 0;
    // FMA issue (2 per cycle), loads (weights + broadcasts, 2 per
    // cycle), and the FMA latency of 4 cycles that each accumulator's
    // chain waits for once per input channel.
    return std::max(
        {pixelsInTile * vectors / 2.0, (pixelsInTile + vectors) / 2.0, 4.0});
  };
  double currentCost =
      double(s.fb / g) * s.kh * s.kw *
      (flat ? flatFull * tileCost(maxTile, nvt) + tileCost(flatRem, nvt)
            : s.oh * ((s.ow / t) * tileCost(t, nvt) + tileCost(s.ow % t, nvt)));
  bool padded = llvm::any_of(s.pads, [](int64_t v) { return v != 0; });
  // Plans that clip every padding tap never read the padding, so they
  // may read the unpadded source of a pad copy (m.padSource) and save its
  // fill and copy: cycles per input channel of a ~40 B/cycle fill and a
  // ~33 B/cycle copy (measured: 56x56x64, 20k and 48k cycles).
  double copySaved = m.padSource
                         ? s.n * (double(s.hp) * s.wp / 10.0 +
                                  double(s.hp - s.pads[0] - s.pads[2]) *
                                      (s.wp - s.pads[1] - s.pads[3]) / 4.0)
                         : 0.0;
  if (!s.depthwise && padded && blockRows == 1) {
    double best = currentCost * 0.97;
    for (int64_t gg : {int64_t(1), wide ? wide : int64_t(2)}) {
      if (gg > 1 && !wide && !twoBlocksFit)
        continue;
      int64_t vectors = gg * nv;
      // (Rectangles are tiled flat: at most kMaxTilePointers pixels.)
      int64_t tile =
          std::clamp<int64_t>(accTiles / vectors, 1, kMaxTilePointers);
      for (bool clipCols : {false, true}) {
        SmallVector<Rect> plan;
        double cost = 0;
        for (const Band &r : bandsOf(s.oh, s.sh, s.dh, s.kh, s.pads[0],
                                     s.hp - s.pads[0] - s.pads[2], true))
          for (const Band &c :
               bandsOf(s.ow, s.sw, s.dw, s.kw, s.pads[1],
                       s.wp - s.pads[1] - s.pads[3], clipCols)) {
            Rect rect{r, c, 0, 0};
            rect.full = rect.pixels() / tile;
            rect.rem = rect.pixels() % tile;
            cost += double(s.fb / gg) * rect.taps() *
                    (rect.full * tileCost(tile, vectors) +
                     tileCost(rect.rem, vectors));
            plan.push_back(rect);
          }
        if (clipCols)
          cost -= copySaved;
        if (cost < best) {
          best = cost;
          rects = plan;
          g = gg;
          nvt = vectors;
          maxTile = tile;
          readThrough = clipCols && m.padSource;
        }
      }
    }
  }
  // Depthwise convs are memory-bound: reading the source instead of a
  // padded copy saves a pass over it and a fill (MobileNetV2's 32-channel
  // 112x112 layer standalone: the two took 43% of its time). Their rows
  // stay tiled in rows, clipped (see emitClippedRows).
  if (s.depthwise && padded && m.padSource && blockRows == 1 && !flat)
    readThrough = true;
  ConvTilePlan plan;
  plan.mode = !rects.empty() ? ConvTilePlan::Mode::Rects
              : flat         ? ConvTilePlan::Mode::Flat
                             : ConvTilePlan::Mode::Rows;
  plan.blocks = g;
  plan.pixels = maxTile;
  plan.rows = blockRows;
  plan.cols = t;
  plan.rects = std::move(rects);
  plan.readThrough = readThrough;
  plan.spatialMajor = spatialMajor(
      s, readThrough ? cast<MemRefType>(m.padSource.getType()) : xType,
      hasResidual(m.epilogue));
  // Work items are independent; below ~1 MFLOP a fork/join costs more
  // than it saves. (A fork/join costs ~2 us: worth it from ~4 us of work,
  // 1 MFLOP at the FMA peak, 0.2 MFLOP for memory-bound depthwise layers.)
  plan.parallel = s.flops() >= (s.depthwise ? 2e5 : 1e6);
  return plan;
}

namespace {
StringRef modeName(ConvTilePlan::Mode mode) {
  switch (mode) {
  case ConvTilePlan::Mode::Rows:
    return "rows";
  case ConvTilePlan::Mode::Flat:
    return "flat";
  case ConvTilePlan::Mode::Rects:
    return "rects";
  }
  return "";
}
} // namespace

DictionaryAttr cnnc::convTileAttr(MLIRContext *ctx, const ConvTilePlan &plan) {
  Builder b(ctx);
  SmallVector<NamedAttribute> fields;
  auto add = [&](StringRef name, Attribute value) {
    fields.push_back(b.getNamedAttr(name, value));
  };
  add("mode", b.getStringAttr(modeName(plan.mode)));
  add("blocks", b.getI64IntegerAttr(plan.blocks));
  add("pixels", b.getI64IntegerAttr(plan.pixels));
  if (plan.mode == ConvTilePlan::Mode::Rows) {
    add("rows", b.getI64IntegerAttr(plan.rows));
    add("cols", b.getI64IntegerAttr(plan.cols));
  }
  if (plan.mode == ConvTilePlan::Mode::Rects) {
    SmallVector<int64_t> rects;
    for (const Rect &r : plan.rects)
      rects.append({r.rows.o0, r.rows.o1, r.rows.k0, r.rows.k1, r.cols.o0,
                    r.cols.o1, r.cols.k0, r.cols.k1});
    add("rects", b.getDenseI64ArrayAttr(rects));
  }
  add("order", b.getStringAttr(plan.spatialMajor ? "spatial" : "channel"));
  if (plan.readThrough)
    add("read_through", b.getUnitAttr());
  if (plan.parallel)
    add("parallel", b.getUnitAttr());
  return b.getDictionaryAttr(fields);
}

namespace {
/// Whether outputs [o0, o1) of one dimension, reduced over taps [k0, k1),
/// compute the conv: every valid tap (one that does not read padding) of
/// each output is in the range; with `exact`, only valid taps are.
bool coversValidTaps(const Band &band, int64_t stride, int64_t dilation,
                     int64_t k, int64_t padBegin, int64_t size, bool exact) {
  for (const Band &valid :
       bandsOf(band.o1, stride, dilation, k, padBegin, size, true)) {
    if (valid.o1 <= band.o0)
      continue;
    // (No valid tap: the output is its initial value; reading the
    // unpadded source, no tap may be reduced over.)
    if (valid.k0 >= valid.k1) {
      if (exact && band.k0 < band.k1)
        return false;
      continue;
    }
    if (band.k0 > valid.k0 || band.k1 < valid.k1)
      return false;
    if (exact && (band.k0 < valid.k0 || band.k1 > valid.k1))
      return false;
  }
  return true;
}
} // namespace

FailureOr<std::optional<ConvTilePlan>>
cnnc::attachedConvTiles(const ConvMatch &m, int64_t vl) {
  Attribute attr = m.op->getAttr(kConvTileAttrName);
  if (!attr)
    return std::optional<ConvTilePlan>();
  const ConvShape &s = m.shape;
  auto fail = [&](const Twine &why) {
    return linalg::GenericOp(m.op).emitError()
           << kConvTileAttrName << ": " << why;
  };
  auto dict = dyn_cast<DictionaryAttr>(attr);
  if (!dict)
    return fail("expected a dictionary");
  ConvTilePlan plan;
  bool hasMode = false;
  for (NamedAttribute field : dict) {
    StringRef name = field.getName().strref();
    Attribute value = field.getValue();
    int64_t *integer = llvm::StringSwitch<int64_t *>(name)
                           .Case("blocks", &plan.blocks)
                           .Case("pixels", &plan.pixels)
                           .Case("rows", &plan.rows)
                           .Case("cols", &plan.cols)
                           .Default(nullptr);
    if (integer) {
      auto i = dyn_cast<IntegerAttr>(value);
      if (!i || i.getValue().getSignificantBits() > 32)
        return fail(Twine("'") + name + "' must be a 32-bit integer");
      *integer = i.getValue().getSExtValue();
      continue;
    }
    if (name == "mode") {
      auto str = dyn_cast<StringAttr>(value);
      std::optional<ConvTilePlan::Mode> mode;
      for (auto candidate : {ConvTilePlan::Mode::Rows, ConvTilePlan::Mode::Flat,
                             ConvTilePlan::Mode::Rects})
        if (str && str.getValue() == modeName(candidate))
          mode = candidate;
      if (!mode)
        return fail("'mode' must be \"rows\", \"flat\" or \"rects\"");
      plan.mode = *mode;
      hasMode = true;
    } else if (name == "rects") {
      auto list = dyn_cast<DenseI64ArrayAttr>(value);
      if (!list || list.empty() || list.size() % 8 != 0)
        return fail("'rects' must be an array<i64> of 8 values per rectangle "
                    "(rows o0, o1, kh0, kh1, columns o0, o1, kw0, kw1)");
      ArrayRef<int64_t> v = list.asArrayRef();
      for (size_t i = 0; i < v.size(); i += 8)
        plan.rects.push_back({{v[i], v[i + 1], v[i + 2], v[i + 3]},
                              {v[i + 4], v[i + 5], v[i + 6], v[i + 7]}});
    } else if (name == "order") {
      auto str = dyn_cast<StringAttr>(value);
      if (!str || (str.getValue() != "spatial" && str.getValue() != "channel"))
        return fail("'order' must be \"spatial\" or \"channel\"");
      plan.spatialMajor = str.getValue() == "spatial";
    } else if (name == "read_through" || name == "parallel") {
      if (!isa<UnitAttr>(value))
        return fail(Twine("'") + name + "' must be a unit attribute");
      (name == "parallel" ? plan.parallel : plan.readThrough) = true;
    } else {
      return fail(Twine("unknown field '") + name + "'");
    }
  }
  if (!hasMode)
    return fail("no 'mode'");
  int64_t nv = s.block / vl;
  if (plan.blocks < 1 || s.fb % plan.blocks != 0)
    return fail(Twine("'blocks' must divide the ") + Twine(s.fb) +
                " channel blocks");
  if (plan.blocks != 1 && (s.depthwise || s.groupOut))
    return fail("'blocks' must be 1 for depthwise and grouped convs");
  // (Rows of a depthwise conv reading its source tile column bands by up
  // to `pixels`.)
  int64_t tilePixels = plan.mode == ConvTilePlan::Mode::Rows
                           ? std::max(plan.rows * plan.cols, plan.pixels)
                           : plan.pixels;
  if (plan.pixels < 1 || plan.rows < 1 || plan.rows > s.oh || plan.cols < 1 ||
      plan.cols > s.ow)
    return fail("tile sizes must be at least 1 and 'rows' x 'cols' at most "
                "the output map");
  if (tilePixels > kMaxTileVectors / (plan.blocks * nv))
    return fail(Twine("a tile of ") + Twine(tilePixels) + " pixels x " +
                Twine(plan.blocks * nv) + " vectors exceeds " +
                Twine(kMaxTileVectors) + " accumulators");
  if (plan.mode != ConvTilePlan::Mode::Rows && s.depthwise)
    return fail("depthwise convs are tiled in rows");
  if ((plan.mode == ConvTilePlan::Mode::Rects) != !plan.rects.empty())
    return fail("'rects' goes with mode \"rects\", and only there");
  if (plan.readThrough) {
    if (!m.padSource)
      return fail("'read_through': the input is not a pad copy whose source "
                  "the kernel may read");
    if (!(plan.mode == ConvTilePlan::Mode::Rects ||
          (s.depthwise && plan.rows == 1)))
      return fail("'read_through' needs mode \"rects\" (or a depthwise conv "
                  "in single rows)");
  }
  // The rectangles partition the map, and each reduces over every valid
  // tap of its outputs (reading the source: exactly those).
  int64_t covered = 0;
  for (auto [i, r] : llvm::enumerate(plan.rects)) {
    if (r.rows.o0 < 0 || r.rows.o0 >= r.rows.o1 || r.rows.o1 > s.oh ||
        r.cols.o0 < 0 || r.cols.o0 >= r.cols.o1 || r.cols.o1 > s.ow ||
        r.rows.k0 < 0 || r.rows.k0 > r.rows.k1 || r.rows.k1 > s.kh ||
        r.cols.k0 < 0 || r.cols.k0 > r.cols.k1 || r.cols.k1 > s.kw)
      return fail(Twine("rectangle ") + Twine(i) +
                  " is empty or outside the output map or the kernel");
    for (const Rect &other : ArrayRef(plan.rects).take_front(i))
      if (r.rows.o0 < other.rows.o1 && other.rows.o0 < r.rows.o1 &&
          r.cols.o0 < other.cols.o1 && other.cols.o0 < r.cols.o1)
        return fail(Twine("rectangle ") + Twine(i) + " overlaps another");
    covered += r.pixels();
    if (!coversValidTaps(r.rows, s.sh, s.dh, s.kh, s.pads[0],
                         s.hp - s.pads[0] - s.pads[2], plan.readThrough) ||
        !coversValidTaps(r.cols, s.sw, s.dw, s.kw, s.pads[1],
                         s.wp - s.pads[1] - s.pads[3], plan.readThrough))
      return fail(Twine("rectangle ") + Twine(i) +
                  (plan.readThrough
                       ? " does not reduce over exactly its valid taps"
                       : " skips taps that do not read padding"));
    plan.rects[i].full = r.pixels() / plan.pixels;
    plan.rects[i].rem = r.pixels() % plan.pixels;
  }
  if (!plan.rects.empty() && covered != s.oh * s.ow)
    return fail(Twine("the rectangles cover ") + Twine(covered) + " of " +
                Twine(s.oh * s.ow) + " output pixels");
  return std::optional<ConvTilePlan>(std::move(plan));
}
