//===- VectorizeConv.cpp - cnnc-vectorize-conv pass -----------------------===//
//
// Part of cnnc.
//
/// Replaces each convolution generic marked `cnnc.conv` (on buffers) with a
/// register-tiled kernel: for one output row and T consecutive output pixels
/// it keeps T x NV vector accumulators (NV registers of output channels,
/// the packed block B) across the whole (kh, c, kw) reduction. Per input
/// channel and kernel column the body loads NV weight vectors and
/// broadcasts T input scalars: T*NV FMAs per NV loads + T broadcasts,
/// which x86 folds into `vfmadd231ps zmm, zmm, [mem]{1to16}`.
///
/// T is the largest width whose accumulators take at most 24 of the 32 zmm
/// (12 of the 16 ymm) registers, balanced over the output width so no tile
/// is much narrower than the rest (56 = 4 x 14 -> 5 tiles of 12 and less).
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/Support/FormatVariadic.h"

namespace cnnc {
#define GEN_PASS_DEF_CNNCVECTORIZECONV
#include "compiler/Codegen/Passes.h.inc"
} // namespace cnnc

using namespace mlir;

namespace {

struct ConvShape {
  int64_t n, oh, ow, fb, block, kh, kw, c;
  int64_t sh, sw, dh, dw;
  /// Depthwise: weights [KH, KW, Cp], channel block fb of input and output.
  bool depthwise = false;
  /// Grouped (groupOut > 0): block fb reads the c input channels from
  /// ((fb * block) / groupOut) * groupIn on.
  int64_t groupOut = 0, groupIn = 0;
  /// The zero padding around the input (top, left, bottom, right): taps
  /// that read it may be skipped.
  int64_t pads[4] = {0, 0, 0, 0};
  int64_t hp = 0, wp = 0; // padded input extent
  /// Winograd's 16 GEMMs (`cnnc.winograd_gemm`): described as such.
  bool winogradGemm = false;
};

/// Output positions [o0, o1) along one dimension whose valid kernel taps
/// (those not reading padding) are [k0, k1).
struct Band {
  int64_t o0, o1, k0, k1;
};

/// The bands of one dimension: consecutive outputs with the same valid
/// taps; one band over all outputs and taps when `clip` is false.
SmallVector<Band> bandsOf(int64_t outs, int64_t stride, int64_t dilation,
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

/// A rectangle of output pixels that share their valid taps, tiled flat:
/// `full` tiles of the register tile's size and one of `rem` pixels.
struct Rect {
  Band rows, cols;
  int64_t full, rem;
  int64_t pixels() const { return (rows.o1 - rows.o0) * (cols.o1 - cols.o0); }
  int64_t taps() const { return (rows.k1 - rows.k0) * (cols.k1 - cols.k0); }
  int64_t tiles() const { return full + (rem ? 1 : 0); }
};

class ConvKernelBuilder {
public:
  ConvKernelBuilder(OpBuilder &b, Location loc, const ConvShape &s,
                    int64_t vectorLen, Value x, Value w, Value y,
                    linalg::GenericOp epilogue)
      : b(b), loc(loc), s(s), vl(vectorLen), nv(s.block / vectorLen), x(x),
        w(w), y(y), epilogue(epilogue),
        vecType(VectorType::get({vectorLen}, b.getF32Type())) {}

  /// Emits the whole kernel over the parallel range [lo, hi) of work items:
  /// (n, fb, oh) output rows, or (n, fb, tile) pixel tiles (see below).
  void build() {
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
    LogicalResult xLayout =
        cast<MemRefType>(x.getType()).getStridesAndOffset(xStrides, xOffset);
    bool aliased = succeeded(xLayout) && !ShapedType::isDynamic(xStrides[2]) &&
                   (xStrides[2] * s.sw * 4) % 4096 == 0 &&
                   accumulators / nv > 8;
    if (twoBlocksFit && (aliased || fill(accumulators / (2 * nv)) >
                                        fill(accumulators / nv) + 0.05))
      g = 2;
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
    bool flat = !s.depthwise && (t * 4 < maxTile * 3 || g > 1) && s.oh > 1;
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
    int64_t perImage = flat ? flatFull + (flatRem ? 1 : 0)
                            : (s.oh + blockRows - 1) / blockRows;
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
              : s.oh *
                    ((s.ow / t) * tileCost(t, nvt) + tileCost(s.ow % t, nvt)));
    bool padded = llvm::any_of(s.pads, [](int64_t v) { return v != 0; });
    // Plans that clip every padding tap never read the padding, so they
    // may read the unpadded source of a pad copy (padSource) and save its
    // fill and copy: cycles per input channel of a ~40 B/cycle fill and a
    // ~33 B/cycle copy (measured: 56x56x64, 20k and 48k cycles).
    double copySaved = padSource
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
            readThrough = clipCols && padSource;
          }
        }
      }
    }
    // Depthwise convs are memory-bound: reading the source instead of a
    // padded copy saves a pass over it and a fill (MobileNetV2's 32-channel
    // 112x112 layer standalone: the two took 43% of its time). Their rows
    // stay tiled in rows, clipped (see emitClippedRows).
    if (s.depthwise && padded && padSource && blockRows == 1 && !flat)
      readThrough = true;
    if (readThrough)
      x = padSource;
    if (!rects.empty()) {
      perImage = 0;
      for (const Rect &r : rects)
        perImage += r.tiles();
    }
    auto xt = cast<MemRefType>(x.getType());
    SmallVector<ReassociationIndices> pixelsByChannel = {{0, 1, 2}, {3}};
    if (flat && rects.empty() && s.kh == 1 && s.kw == 1 && s.sh == 1 &&
        s.sw == 1 && xt.getDimSize(1) == s.oh && xt.getDimSize(2) == s.ow &&
        memref::CollapseShapeOp::isGuaranteedCollapsible(xt, pixelsByChannel))
      xPixels = memref::CollapseShapeOp::create(b, loc, x, pixelsByChannel);
    if (!rects.empty() || (flat && !xPixels))
      flattenInput();
    Value lo = idx(0), hi = idx(s.n * (s.fb / g) * perImage);
    auto rows = scf::ForOp::create(b, loc, lo, hi, idx(1));
    // Work items are independent; below ~1 MFLOP a fork/join costs more
    // than it saves.
    double flops = 2.0 * s.n * s.oh * s.ow * s.fb * s.block * s.kh * s.kw *
                   (s.depthwise  ? 1
                    : s.groupOut ? s.groupIn
                                 : s.c);
    // (A fork/join costs ~2 us: worth it from ~4 us of work, 1 MFLOP at the
    // FMA peak, 0.2 MFLOP for memory-bound depthwise layers.)
    if (flops >= (s.depthwise ? 2e5 : 1e6))
      rows->setAttr("cnnc.parallel", b.getUnitAttr());
    // What --profile reports for this kernel.
    std::string desc =
        llvm::formatv(
            "{0} {1}x{2}/{3} C{4} F{5} {6}x{7}, tile {8}x{9}",
            s.depthwise ? "dwconv" : "conv", s.kh, s.kw, s.sh,
            s.depthwise ? s.fb * s.block : s.c, s.fb * s.block, s.oh, s.ow,
            blockRows > 1 ? llvm::formatv("{0}x{1}", blockRows, t).str()
                          : std::to_string(maxTile),
            nvt * vl)
            .str();
    if (!rects.empty())
      desc += llvm::formatv(", {0} border-clipped regions", rects.size());
    if (readThrough)
      desc += ", unpadded input";
    if (s.winogradGemm)
      desc = llvm::formatv("Winograd GEMMs {0} x C{1} F{2} on {3}x{4} tiles, "
                           "tile {5}x{6}",
                           s.groupOut ? s.fb * s.block / s.groupOut : 1, s.c,
                           s.groupOut ? s.groupOut : s.fb * s.block, s.oh, s.ow,
                           maxTile, nvt * vl)
                 .str();
    else if (s.groupOut)
      desc += llvm::formatv(", groups of {0}->{1}", s.groupIn, s.groupOut);
    if (epilogue)
      desc += ", epilogue in registers";
    rows->setAttr("cnnc.desc", b.getStringAttr(desc));
    rows->setAttr("cnnc.flops", b.getF64FloatAttr(flops));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(rows.getBody());
    Value p = rows.getInductionVar();
    Value perN = idx(s.fb / g * perImage);
    Value nI = arith::DivUIOp::create(b, loc, p, perN);
    Value rest = arith::RemUIOp::create(b, loc, p, perN);
    Value fbI, item;
    if (spatialMajor()) {
      fbI = arith::RemUIOp::create(b, loc, rest, idx(s.fb / g));
      item = arith::DivUIOp::create(b, loc, rest, idx(s.fb / g));
    } else {
      fbI = arith::DivUIOp::create(b, loc, rest, idx(perImage));
      item = arith::RemUIOp::create(b, loc, rest, idx(perImage));
    }

    if (!rects.empty()) {
      emitRects(item, nI, fbI);
      return;
    }
    if (flat) {
      auto pixelTile = [&](int64_t size) {
        Value first = mul(item, maxTile);
        SmallVector<Value> ohIdx, owIdx;
        for (int64_t i = 0; i < size; ++i) {
          Value q = add(first, idx(i));
          ohIdx.push_back(arith::DivUIOp::create(b, loc, q, idx(s.ow)));
          owIdx.push_back(arith::RemUIOp::create(b, loc, q, idx(s.ow)));
        }
        if (xPixels)
          firstPixel = add(mul(nI, s.oh * s.ow), first);
        emitTile(size, ohIdx, owIdx, nI, fbI);
      };
      if (!flatRem) {
        pixelTile(maxTile);
        return;
      }
      Value isFull = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult,
                                           item, idx(flatFull));
      auto branch = scf::IfOp::create(b, loc, isFull, /*withElse=*/true);
      b.setInsertionPointToStart(branch.thenBlock());
      pixelTile(maxTile);
      b.setInsertionPointToStart(branch.elseBlock());
      pixelTile(flatRem);
      return;
    }

    // Row mode: work item `item` is output rows [item * R, item * R + R)
    // (fewer in the last), tiled R x t.
    int64_t full = s.ow / t, rem = s.ow % t;
    Value oh0 = mul(item, blockRows);
    if (s.depthwise && readThrough) {
      emitClippedRows(oh0, nI, fbI);
      return;
    }
    auto rowTile = [&](int64_t rows, int64_t size, Value ow0) {
      SmallVector<Value> ohIdx, owIdx;
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t i = 0; i < size; ++i) {
          ohIdx.push_back(r ? add(oh0, idx(r)) : oh0);
          owIdx.push_back(add(ow0, idx(i)));
        }
      emitTile(rows * size, ohIdx, owIdx, nI, fbI);
    };
    auto rowTiles = [&](int64_t rows) {
      if (full == 1) {
        rowTile(rows, t, idx(0));
      } else {
        auto loop = scf::ForOp::create(b, loc, idx(0), idx(full * t), idx(t));
        OpBuilder::InsertionGuard g2(b);
        b.setInsertionPointToStart(loop.getBody());
        rowTile(rows, t, loop.getInductionVar());
      }
      if (rem)
        rowTile(rows, rem, idx(full * t));
    };
    int64_t lastRows = s.oh % blockRows;
    if (!lastRows) {
      rowTiles(blockRows);
      return;
    }
    Value isFull = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult,
                                         item, idx(perImage - 1));
    auto branch = scf::IfOp::create(b, loc, isFull, /*withElse=*/true);
    b.setInsertionPointToStart(branch.thenBlock());
    rowTiles(blockRows);
    b.setInsertionPointToStart(branch.elseBlock());
    rowTiles(lastRows);
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
  /// stride-2 depthwise conv: 0.83 -> 0.96 ms).
  bool spatialMajor() const {
    if (s.winogradGemm)
      return false;
    int64_t perOutput =
        s.depthwise ? 1 : (s.groupOut ? windowChannels(0) : s.c);
    int64_t outBytes = s.n * s.oh * s.ow * s.fb * s.block * 4;
    int64_t inBytes = cast<MemRefType>(x.getType()).getNumElements() * 4;
    return s.kh * s.kw * perOutput * s.fb * s.block * 4 <= kL2WeightBytes / 3 &&
           std::max(outBytes, inBytes) <= kL2ActivationBytes;
  }
  static constexpr int64_t kL2ActivationBytes = 1536 * 1024;

  /// The weight bytes a work item may stream for its pixel tiles to find
  /// them in L2 (3/4 of the 1 MB L2 of Zen 4/5 and Ice Lake; Sapphire
  /// Rapids has 2 MB).
  static constexpr int64_t kL2WeightBytes = 768 * 1024;
  /// The most pixels of a flat tile (each with its own input address).
  static constexpr int64_t kMaxTilePointers = 12;
  /// How many reduction steps ahead the kernel prefetches its weights
  /// (8 KB ahead for 32-channel blocks).
  static constexpr int64_t kWeightPrefetchChannels = 64;

private:
  /// Work item `item` of a block in rect mode: its rectangle (a switch on
  /// the item's range), then its full or remainder tile, reduced over the
  /// rectangle's valid taps.
  void emitRects(Value item, Value nI, Value fbI) {
    SmallVector<int64_t> first; // each rectangle's first item
    int64_t count = 0;
    for (const Rect &r : rects) {
      first.push_back(count);
      count += r.tiles();
    }
    // The item's rectangle, and its parameters picked by selects: one
    // copy of the tile code for all rectangles (a copy per rectangle made
    // DenseNet-121 compile 50% longer), the window loops' bounds dynamic.
    SmallVector<Value> past(rects.size());
    for (size_t r = 1; r < rects.size(); ++r)
      past[r] = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::uge, item,
                                      idx(first[r]));
    auto pick = [&](llvm::function_ref<int64_t(size_t)> field) -> Value {
      Value v = idx(field(0));
      for (size_t r = 1; r < rects.size(); ++r)
        v = arith::SelectOp::create(b, loc, past[r], idx(field(r)), v);
      return v;
    };
    Value local = arith::SubIOp::create(
        b, loc, item, pick([&](size_t r) { return first[r]; }));
    Value oh0 = pick([&](size_t r) { return rects[r].rows.o0; });
    Value ow0 = pick([&](size_t r) { return rects[r].cols.o0; });
    Value cols =
        pick([&](size_t r) { return rects[r].cols.o1 - rects[r].cols.o0; });
    Value full = pick([&](size_t r) { return rects[r].full; });
    windowBounds = {pick([&](size_t r) { return rects[r].rows.k0; }),
                    pick([&](size_t r) { return rects[r].rows.k1; }),
                    pick([&](size_t r) { return rects[r].cols.k0; }),
                    pick([&](size_t r) { return rects[r].cols.k1; })};
    auto tile = [&](int64_t size) {
      Value start = mul(local, maxTile);
      SmallVector<Value> ohIdx, owIdx;
      for (int64_t i = 0; i < size; ++i) {
        Value q = add(start, idx(i));
        ohIdx.push_back(add(arith::DivUIOp::create(b, loc, q, cols), oh0));
        owIdx.push_back(add(arith::RemUIOp::create(b, loc, q, cols), ow0));
      }
      emitTile(size, ohIdx, owIdx, nI, fbI);
    };
    // Remainder tiles: one copy per distinct size.
    SmallVector<int64_t> remSizes;
    for (const Rect &r : rects)
      if (r.rem && !llvm::is_contained(remSizes, r.rem))
        remSizes.push_back(r.rem);
    OpBuilder::InsertionGuard guard(b);
    if (remSizes.empty()) {
      tile(maxTile);
    } else {
      Value isFull =
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, local, full);
      auto branch = scf::IfOp::create(b, loc, isFull, /*withElse=*/true);
      b.setInsertionPointToStart(branch.thenBlock());
      tile(maxTile);
      b.setInsertionPointToStart(branch.elseBlock());
      if (remSizes.size() == 1) {
        tile(remSizes.front());
      } else {
        Value rem = pick([&](size_t r) { return rects[r].rem; });
        auto sw = scf::IndexSwitchOp::create(b, loc, TypeRange{}, rem, remSizes,
                                             remSizes.size());
        b.setInsertionPointToStart(&sw.getDefaultRegion().emplaceBlock());
        scf::YieldOp::create(b, loc);
        for (size_t k = 0; k < remSizes.size(); ++k) {
          b.setInsertionPointToStart(&sw.getCaseRegions()[k].emplaceBlock());
          auto yield = scf::YieldOp::create(b, loc);
          b.setInsertionPoint(yield);
          tile(remSizes[k]);
        }
      }
    }
    windowBounds = {};
  }

  /// Depthwise, reading the unpadded source: output row `oh0` reduced over
  /// the kernel rows that read the source (bounds computed from the row),
  /// its columns cut into the bands with the same valid kernel columns
  /// (left border, interior, right border), each tiled by up to maxTile
  /// pixels.
  void emitClippedRows(Value oh0, Value nI, Value fbI) {
    // Input row of kernel row 0, in the source: negative at the top.
    Value base = arith::SubIOp::create(b, loc, mul(oh0, s.sh), idx(s.pads[0]));
    int64_t h = s.hp - s.pads[0] - s.pads[2];
    // Kernel rows k with 0 <= base + k * dh < h.
    Value kh0 = arith::MaxSIOp::create(
        b, loc, idx(0),
        arith::CeilDivSIOp::create(
            b, loc, arith::SubIOp::create(b, loc, idx(0), base), idx(s.dh)));
    Value kh1 = arith::MinSIOp::create(
        b, loc, idx(s.kh),
        arith::CeilDivSIOp::create(
            b, loc, arith::SubIOp::create(b, loc, idx(h), base), idx(s.dh)));
    for (const Band &band : bandsOf(s.ow, s.sw, s.dw, s.kw, s.pads[1],
                                    s.wp - s.pads[1] - s.pads[3], true)) {
      windowBounds = {kh0, kh1, idx(band.k0), idx(band.k1)};
      int64_t n = band.o1 - band.o0;
      int64_t tiles = (n + maxTile - 1) / maxTile;
      int64_t width = (n + tiles - 1) / tiles;
      auto tile = [&](int64_t size, Value ow0) {
        SmallVector<Value> ohIdx(size, oh0), owIdx;
        for (int64_t i = 0; i < size; ++i)
          owIdx.push_back(add(ow0, idx(i)));
        emitTile(size, ohIdx, owIdx, nI, fbI);
      };
      int64_t full = n / width, rem = n % width;
      if (full == 1) {
        tile(width, idx(band.o0));
      } else if (full > 1) {
        auto loop = scf::ForOp::create(b, loc, idx(band.o0),
                                       idx(band.o0 + full * width), idx(width));
        OpBuilder::InsertionGuard g(b);
        b.setInsertionPointToStart(loop.getBody());
        tile(width, loop.getInductionVar());
      }
      if (rem)
        tile(rem, idx(band.o0 + full * width));
    }
    windowBounds = {};
  }

  Value idx(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  /// The offset of vector j within its channel block.
  Value lane(int64_t j) { return idx((j % nv) * vl); }
  Value add(Value a, Value c) { return arith::AddIOp::create(b, loc, a, c); }
  Value mul(Value a, int64_t c) {
    if (c == 1)
      return a;
    return arith::MulIOp::create(b, loc, a, idx(c));
  }

  /// One register tile: T pixels (ohIdx[i], owIdx[i]) x g blocks of B
  /// channels (vector j of a pixel: block blockOf[j], lane offset lane(j)).
  void emitTile(int64_t t, ArrayRef<Value> ohIdx, ArrayRef<Value> owIdx,
                Value nI, Value fbI) {
    blockOf.clear();
    for (int64_t j = 0; j < nvt; ++j)
      blockOf.push_back(g == 1 ? fbI : add(mul(fbI, g), idx(j / nv)));
    SmallVector<Value> acc;
    SmallVector<Value> start;
    for (int64_t j = 0; j < nvt; ++j) {
      if (bias)
        start.push_back(vector::LoadOp::create(
            b, loc, vecType, bias, ValueRange{blockOf[j], lane(j)}));
      else if (initValue)
        start.push_back(
            vector::BroadcastOp::create(b, loc, vecType, initValue));
    }
    for (int64_t i = 0; i < t; ++i)
      for (int64_t j = 0; j < nvt; ++j)
        acc.push_back(start.empty() ? vector::LoadOp::create(
                                          b, loc, vecType, y,
                                          ValueRange{nI, ohIdx[i], owIdx[i],
                                                     blockOf[j], lane(j)})
                                    : start[j]);

    // Input row and column of pixel i at kernel position (0, 0).
    SmallVector<Value> ih0, iw0;
    // (Reading the unpadded source: shifted by the padding; negative for
    // taps the rectangle's window bounds skip.)
    auto shifted = [&](Value v, int64_t pad) {
      return readThrough && pad ? arith::SubIOp::create(b, loc, v, idx(pad))
                                : v;
    };
    for (int64_t i = 0; i < t; ++i) {
      ih0.push_back(i && ohIdx[i] == ohIdx[0]
                        ? ih0[0]
                        : shifted(mul(ohIdx[i], s.sh), s.pads[0]));
      iw0.push_back(shifted(mul(owIdx[i], s.sw), s.pads[1]));
    }

    channelBase = channelCount = Value();
    if (s.groupOut) {
      Value firstGroup =
          arith::DivUIOp::create(b, loc, mul(fbI, s.block), idx(s.groupOut));
      channelBase = mul(firstGroup, s.groupIn);
      // Blocks that span fewer groups than the widest reduce over only
      // theirs (the packed window's rest is zero weights): groups of 58
      // in blocks of 16 read one group in 12 of 15 blocks, not two.
      if (llvm::any_of(llvm::seq<int64_t>(0, s.fb),
                       [&](int64_t fb) { return windowChannels(fb) < s.c; })) {
        Value lastGroup = arith::DivUIOp::create(
            b, loc, add(mul(fbI, s.block), idx(s.block - 1)), idx(s.groupOut));
        Value groups =
            add(arith::SubIOp::create(b, loc, lastGroup, firstGroup), idx(1));
        channelCount =
            arith::MinUIOp::create(b, loc, mul(groups, s.groupIn), idx(s.c));
      }
    }
    scf::ForOp khLoop = s.depthwise
                            ? emitDepthwiseReduction(t, acc, nI, fbI, ih0, iw0)
                            : emitReduction(t, acc, nI, fbI, ih0, iw0);
    SmallVector<SmallVector<Value>> indices;
    SmallVector<Value> results;
    for (int64_t i = 0; i < t; ++i)
      for (int64_t j = 0; j < nvt; ++j) {
        indices.push_back({nI, ohIdx[i], owIdx[i], blockOf[j], lane(j)});
        results.push_back(khLoop.getResult(i * nvt + j));
      }
    // Each group stored right after its epilogue: no result waits in a
    // register (or on the stack) for the others.
    for (size_t g = 0; g < results.size(); g += kEpilogueGroup) {
      size_t e = std::min(results.size(), g + kEpilogueGroup);
      MutableArrayRef<Value> group = MutableArrayRef(results).slice(g, e - g);
      ArrayRef<SmallVector<Value>> at = ArrayRef(indices).slice(g, e - g);
      if (epilogue)
        applyEpilogue(group, at);
      for (auto [v, index] : llvm::zip(group, at))
        vector::StoreOp::create(b, loc, v, y, index);
    }
  }

  /// The window loops kh and kw around `body`, which gets the kernel
  /// position, each pixel's input row and column there and the carried
  /// accumulators, and returns the updated ones.
  using WindowBody = llvm::function_ref<SmallVector<Value>(
      Value khI, Value kwI, ArrayRef<Value> ih, ArrayRef<Value> iw,
      ValueRange acc)>;
  scf::ForOp emitWindowLoops(int64_t t, ValueRange acc, ArrayRef<Value> ih0,
                             ArrayRef<Value> iw0, WindowBody body) {
    auto khLoop =
        scf::ForOp::create(b, loc, bound(0, 0), bound(1, s.kh), idx(1), acc);
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPointToStart(khLoop.getBody());
    Value khI = khLoop.getInductionVar();
    Value khOffset = mul(khI, s.dh);
    SmallVector<Value> ih;
    for (int64_t i = 0; i < t; ++i)
      ih.push_back(i && ih0[i] == ih0[0] ? ih[0] : add(ih0[i], khOffset));
    auto kwLoop = scf::ForOp::create(b, loc, bound(2, 0), bound(3, s.kw),
                                     idx(1), khLoop.getRegionIterArgs());
    {
      OpBuilder::InsertionGuard g1(b);
      b.setInsertionPointToStart(kwLoop.getBody());
      Value kwI = kwLoop.getInductionVar();
      Value kwOffset = mul(kwI, s.dw);
      SmallVector<Value> iw;
      for (int64_t i = 0; i < t; ++i)
        iw.push_back(add(iw0[i], kwOffset));
      scf::YieldOp::create(b, loc,
                           body(khI, kwI, ih, iw, kwLoop.getRegionIterArgs()));
    }
    scf::YieldOp::create(b, loc, kwLoop.getResults());
    return khLoop;
  }

  /// The conv's reduction over (kh, kw, c) from the accumulators `acc`:
  /// kh and kw as loops, c innermost. A small body (NV loads, T broadcasts,
  /// T * NV FMAs) keeps LLVM's scheduler from hoisting loads of several
  /// kernel columns and spilling accumulators (measured with kw unrolled:
  /// spills, 65% of peak).
  scf::ForOp emitReduction(int64_t t, ValueRange acc, Value nI, Value fbI,
                           ArrayRef<Value> ih0, ArrayRef<Value> iw0) {
    return emitWindowLoops(
        t, acc, ih0, iw0,
        [&](Value khI, Value kwI, ArrayRef<Value> ih, ArrayRef<Value> iw,
            ValueRange carried) -> SmallVector<Value> {
          // Each pixel's offset in the flat input, computed per tap and
          // hidden from LLVM (see flattenInput).
          pixelOffsets.clear();
          if (xFlat)
            for (int64_t i = 0; i < t; ++i)
              pixelOffsets.push_back(opaque(
                  add(add(mul(nI, xStrides1d[0]), mul(ih[i], xStrides1d[1])),
                      mul(iw[i], xStrides1d[2]))));
          auto cLoop = scf::ForOp::create(
              b, loc, idx(0), channelCount ? channelCount : idx(s.c), idx(1),
              carried);
          OpBuilder::InsertionGuard g(b);
          b.setInsertionPointToStart(cLoop.getBody());
          Value cI = cLoop.getInductionVar();
          Value xc = channelBase ? add(channelBase, cI) : cI;
          if (!pixelOffsets.empty() && xStrides1d.back() != 1)
            xc = mul(xc, xStrides1d.back());
          SmallVector<Value> a(cLoop.getRegionIterArgs());
          SmallVector<Value> wv;
          for (int64_t j = 0; j < nvt; ++j)
            wv.push_back(vector::LoadOp::create(
                b, loc, vecType, w,
                ValueRange{blockOf[j], khI, kwI, cI, lane(j)}));
          // Inside a model every layer's weights come from L3 or memory on
          // each run: the first pixel tile of a block streams them cold.
          // Prefetching kWeightPrefetchChannels steps ahead (past the last
          // channel: the next kernel column's or block's weights, which
          // follow in memory) measured RegNetX-400MF 10-15% faster,
          // MobileNetV2 3-5%, ResNet-50 4-5%, GoogLeNet 4%; standalone
          // layers, whose weights stay in L2, within +-2%. (32 steps: the
          // same to 4% slower on these models.)
          Value ahead = add(cI, idx(kWeightPrefetchChannels));
          for (int64_t j = 0; j < nvt; ++j)
            if ((j % nv) * vl * 4 % 64 == 0)
              memref::PrefetchOp::create(
                  b, loc, w, ValueRange{blockOf[j], khI, kwI, ahead, lane(j)},
                  /*isWrite=*/false, /*localityHint=*/3,
                  /*isDataCache=*/true);

          for (int64_t i = 0; i < t; ++i) {
            Value xs = !pixelOffsets.empty()
                           ? memref::LoadOp::create(b, loc, xFlat,
                                                    add(pixelOffsets[i], xc))
                       : firstPixel
                           ? memref::LoadOp::create(
                                 b, loc, xPixels,
                                 ValueRange{add(firstPixel, idx(i)), xc})
                           : memref::LoadOp::create(
                                 b, loc, x, ValueRange{nI, ih[i], iw[i], xc});
            Value xb = vector::BroadcastOp::create(b, loc, vecType, xs);
            for (int64_t j = 0; j < nvt; ++j)
              a[i * nvt + j] =
                  vector::FMAOp::create(b, loc, xb, wv[j], a[i * nvt + j]);
          }
          scf::YieldOp::create(b, loc, a);
          return SmallVector<Value>(cLoop.getResults());
        });
  }

  /// Rect and flat tiles (but pointwise ones, see xPixels): the input as
  /// one flat range (`xFlat`, with the element strides of its dimensions),
  /// when its layout is static. Such a tile's pixels lie at unrelated
  /// addresses (its rows wrap); with row and column indices, LLVM's loop
  /// strength reduction recomputed every pixel's address inside the channel
  /// loop (4 instructions per broadcast) and spilled accumulators around
  /// it, which made the kernel's speed depend on the stack's address: 2x2
  /// sub-pixel convs of a 4x4/2 transposed conv took 2.9 or 5.2 ms by
  /// process, and 2.6 with offsets LLVM cannot see through (opaque).
  void flattenInput() {
    auto type = cast<MemRefType>(x.getType());
    SmallVector<int64_t> strides;
    int64_t offset;
    if (failed(type.getStridesAndOffset(strides, offset)) ||
        ShapedType::isDynamic(offset) || !type.hasStaticShape() ||
        llvm::any_of(strides, ShapedType::isDynamic))
      return;
    int64_t extent = 1;
    for (auto [size, stride] : llvm::zip(type.getShape(), strides))
      extent += (size - 1) * stride;
    MemRefLayoutAttrInterface layout;
    if (offset != 0)
      layout = StridedLayoutAttr::get(b.getContext(), offset, {1});
    xFlat = memref::ReinterpretCastOp::create(
        b, loc, MemRefType::get({extent}, type.getElementType(), layout), x,
        offset, /*sizes=*/{extent}, /*strides=*/{1});
    xStrides1d.assign(strides.begin(), strides.end());
  }

  /// `v` through an empty inline asm: LLVM keeps it as one register and
  /// cannot rewrite the addresses built from it (see flattenInput).
  Value opaque(Value v) {
    Type i64 = b.getI64Type();
    Value cast = arith::IndexCastOp::create(b, loc, i64, v);
    Value hidden = LLVM::InlineAsmOp::create(
                       b, loc, i64, ValueRange{cast}, "", "=r,0",
                       /*has_side_effects=*/false, /*is_align_stack=*/false,
                       LLVM::tailcallkind::TailCallKind::None,
                       /*asm_dialect=*/LLVM::AsmDialectAttr(),
                       /*operand_attrs=*/ArrayAttr())
                       .getResult(0);
    return arith::IndexCastOp::create(b, loc, b.getIndexType(), hidden);
  }

  /// Depthwise: per (kh, kw), NV weight vectors of the channel block and,
  /// for each pixel, NV input vectors of the same channels.
  scf::ForOp emitDepthwiseReduction(int64_t t, ValueRange acc, Value nI,
                                    Value fbI, ArrayRef<Value> ih0,
                                    ArrayRef<Value> iw0) {
    return emitWindowLoops(
        t, acc, ih0, iw0,
        [&](Value khI, Value kwI, ArrayRef<Value> ih, ArrayRef<Value> iw,
            ValueRange carried) -> SmallVector<Value> {
          Value c0 = mul(fbI, s.block);
          SmallVector<Value> a(carried);
          for (int64_t j = 0; j < nv; ++j) {
            Value cj = add(c0, idx(j * vl));
            Value wv = vector::LoadOp::create(b, loc, vecType, w,
                                              ValueRange{khI, kwI, cj});
            for (int64_t i = 0; i < t; ++i) {
              Value xv = vector::LoadOp::create(
                  b, loc, vecType, x, ValueRange{nI, ih[i], iw[i], cj});
              a[i * nv + j] =
                  vector::FMAOp::create(b, loc, xv, wv, a[i * nv + j]);
            }
          }
          return a;
        });
  }

  /// Accumulators whose epilogues are emitted interleaved, op by op. An
  /// epilogue is a chain of dependent ops (SiLU: 17, ~60 cycles of latency
  /// per vector); emitted one vector after another, the out-of-order window
  /// overlapped too few chains. A 16 -> 96 1x1 conv with SiLU on 112x112
  /// (EfficientNet-B0's first expansion) went from 0.67-0.68 to 0.63-0.66 ms
  /// on Zen 4 (ReLU: 0.37); two chains or eight at a time measured no
  /// better (eight: spills, 24 registers hold the accumulators).
  static constexpr size_t kEpilogueGroup = 4;

  /// The epilogue generic's scalar body on vectors of the tile (`accs`,
  /// replaced by the results, at `indices`), each op emitted for every
  /// vector before the next: its inputs are read at the same index (a
  /// residual) or at its trailing dimensions (per-channel slopes),
  /// constants splat, every other op re-created with vector types.
  void applyEpilogue(MutableArrayRef<Value> accs,
                     ArrayRef<SmallVector<Value>> indices) {
    Block &body = epilogue.getRegion().front();
    SmallVector<IRMapping> maps(accs.size());
    for (auto [map, acc, index] : llvm::zip(maps, accs, indices)) {
      for (auto [arg, input] : llvm::zip(body.getArguments().drop_back(),
                                         epilogue.getDpsInputs())) {
        int64_t rank = cast<MemRefType>(input.getType()).getRank();
        map.map(arg, vector::LoadOp::create(b, loc, vecType, input,
                                            ArrayRef(index).take_back(rank)));
      }
      map.map(body.getArguments().back(), acc);
    }
    // Splats of the scalars the body uses from outside (constants hoisted
    // out of the generic by canonicalization), made once for the group.
    IRMapping splats;
    auto vectorOf = [&](IRMapping &map, Value v) -> Value {
      if (Value mapped = map.lookupOrNull(v))
        return mapped;
      if (Value splat = splats.lookupOrNull(v))
        return splat;
      auto type = VectorType::get({vl}, v.getType());
      Attribute attr;
      Value splat =
          matchPattern(v, m_Constant(&attr))
              ? arith::ConstantOp::create(b, loc, type,
                                          SplatElementsAttr::get(type, attr))
                    .getResult()
              : vector::BroadcastOp::create(b, loc, type, v).getResult();
      splats.map(v, splat);
      return splat;
    };
    for (Operation &op : body.without_terminator()) {
      if (auto c = dyn_cast<arith::ConstantOp>(op)) {
        Value splat = vectorOf(maps.front(), c.getResult());
        for (IRMapping &map : maps)
          map.map(c.getResult(), splat);
        continue;
      }
      for (IRMapping &map : maps) {
        for (Value operand : op.getOperands())
          map.map(operand, vectorOf(map, operand));
        // A clone keeps attributes and properties (fastmath flags); only
        // the result types become vectors.
        Operation *vectorOp = b.clone(op, map);
        for (OpResult r : vectorOp->getResults())
          r.setType(VectorType::get({vl}, r.getType()));
      }
    }
    for (auto [map, acc] : llvm::zip(maps, accs))
      acc = vectorOf(map, body.getTerminator()->getOperand(0));
  }

  OpBuilder &b;
  Location loc;
  ConvShape s;
  int64_t vl, nv;
  /// Channel blocks per tile, and vectors per pixel (g * nv).
  int64_t g = 1, nvt = 1;
  /// Rect mode: the map's rectangles (empty: rows or flat tiles), the
  /// register tile's pixels, and the taps [kh0, kh1) x [kw0, kw1) the tile
  /// being emitted reduces over.
  SmallVector<Rect> rects;
  int64_t maxTile = 1;
  /// Row mode: output rows per register tile.
  int64_t blockRows = 1;
  std::array<Value, 4> windowBounds;
  /// Window loop bound i (kh0, kh1, kw0, kw1): the rectangle's, else `v`.
  Value bound(int i, int64_t v) {
    return windowBounds[i] ? windowBounds[i] : idx(v);
  }
  SmallVector<Value> blockOf;
  /// Grouped: the tile's first input channel, and (null: all c) how many
  /// its block reads.
  Value channelBase, channelCount;
  /// Grouped: the input channels block `fb`'s outputs read (its groups).
  int64_t windowChannels(int64_t fb) const {
    int64_t first = fb * s.block / s.groupOut;
    int64_t last = (fb * s.block + s.block - 1) / s.groupOut;
    return std::min((last - first + 1) * s.groupIn, s.c);
  }
  /// Pointwise convs in flat tiles: the input as [pixels, C] and the
  /// tile's first pixel, so the tile's pixels are one base address plus
  /// constant offsets (twelve row/column pairs took twelve registers and
  /// spilled: RegNet's 1x1 layers on 7x7 maps ran at 68%).
  Value xPixels, firstPixel;
  /// Rect and flat tiles: the flat input, its dimensions' strides, and the
  /// pixels' offsets in it at the tap being emitted (see flattenInput).
  Value xFlat;
  SmallVector<int64_t> xStrides1d;
  SmallVector<Value> pixelOffsets;
  Value x, w, y;
  linalg::GenericOp epilogue;
  VectorType vecType;

public:
  /// Where the accumulators start: the bias blocks `[F/B, B]`, or a value
  /// the output was filled with; neither: the output's contents.
  Value bias, initValue;
  /// The unpadded source of the input's pad copy, if the kernel may read
  /// it instead (see matchPadCopy); readThrough: the plan does.
  Value padSource;
  bool readThrough = false;
};

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

struct CnncVectorizeConvPass
    : public cnnc::impl::CnncVectorizeConvBase<CnncVectorizeConvPass> {
  using CnncVectorizeConvBase::CnncVectorizeConvBase;

  void runOnOperation() override {
    if (vectorBits < 256)
      return;
    int64_t vl = vectorBits / 32;
    SmallVector<linalg::GenericOp> convs;
    getOperation().walk([&](linalg::GenericOp op) {
      if (op->hasAttr("cnnc.conv") || op->hasAttr("cnnc.dwconv"))
        convs.push_back(op);
    });
    for (linalg::GenericOp op : convs) {
      FailureOr<ConvShape> shape = matchConv(op, vl);
      if (failed(shape))
        continue; // The generic stays: loops, correct but slow.
      OpBuilder b(op);
      Location loc = op.getLoc();
      linalg::GenericOp epilogue = findEpilogue(op);
      if (epilogue)
        b.setInsertionPoint(epilogue);
      ConvKernelBuilder kernel(b, loc, *shape, vl, op.getDpsInputs()[0],
                               op.getDpsInputs()[1], op.getDpsInits()[0],
                               epilogue);
      Operation *init = findInit(op);
      if (auto fill = dyn_cast_or_null<linalg::FillOp>(init))
        kernel.initValue = fill.getDpsInputs()[0];
      else if (init)
        kernel.bias = cast<linalg::GenericOp>(init).getDpsInputs()[0];
      std::optional<cnnc::PadCopy> pad = cnnc::matchPadCopy(op);
      if (pad)
        kernel.padSource = readableSource(*pad, op, epilogue);
      kernel.build();
      if (epilogue)
        epilogue.erase();
      op.erase();
      if (init)
        init->erase();
      if (kernel.readThrough) {
        pad->copy.erase();
        pad->interior.erase();
        pad->fill.erase();
      }
    }
  }
};

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
