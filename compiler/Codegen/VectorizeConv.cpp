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
/// T, the channel blocks per tile and how the tiles cover the map are the
/// conv's plan: attached as `cnnc.tile` by cnnc-select-conv-tiles (the
/// `tiled` phase) and checked here, or chosen here the same way when none
/// is attached (see ConvTiles.h).
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/ConvTiles.h"

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
using cnnc::Band;
using cnnc::bandsOf;
using cnnc::Rect;

namespace {

class ConvKernelBuilder {
public:
  ConvKernelBuilder(OpBuilder &b, Location loc, const cnnc::ConvShape &s,
                    int64_t vectorLen, Value x, Value w, Value y,
                    linalg::GenericOp epilogue)
      : b(b), loc(loc), s(s), vl(vectorLen), nv(s.block / vectorLen), x(x),
        w(w), y(y), epilogue(epilogue),
        vecType(VectorType::get({vectorLen}, b.getF32Type())) {}

  /// Emits the whole kernel over the parallel range [lo, hi) of work items:
  /// (n, fb, oh) output rows, or (n, fb, tile) pixel tiles (see below).
  void build(const cnnc::ConvTilePlan &plan) {
    g = plan.blocks;
    nvt = g * nv;
    maxTile = plan.pixels;
    blockRows = plan.rows;
    int64_t t = plan.cols;
    bool flat = plan.mode == cnnc::ConvTilePlan::Mode::Flat;
    if (plan.mode == cnnc::ConvTilePlan::Mode::Rects)
      rects = plan.rects;
    readThrough = plan.readThrough && padSource;
    if (readThrough)
      x = padSource;
    int64_t pixels = s.oh * s.ow;
    int64_t flatFull = pixels / maxTile, flatRem = pixels % maxTile;
    int64_t perImage = flat ? flatFull + (flatRem ? 1 : 0)
                            : (s.oh + blockRows - 1) / blockRows;
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
    double flops = s.flops();
    if (plan.parallel)
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
    if (plan.spatialMajor) {
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
      if (llvm::any_of(llvm::seq<int64_t>(0, s.fb), [&](int64_t fb) {
            return s.windowChannels(fb) < s.c;
          })) {
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
  cnnc::ConvShape s;
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
      FailureOr<cnnc::ConvMatch> m = cnnc::matchConvKernel(op, vl);
      if (failed(m))
        continue; // The generic stays: loops, correct but slow.
      FailureOr<std::optional<cnnc::ConvTilePlan>> attached =
          cnnc::attachedConvTiles(*m, vl);
      if (failed(attached))
        return signalPassFailure();
      cnnc::ConvTilePlan plan =
          *attached
              ? **attached
              : cnnc::planConvTiles(*m, cnnc::tileTargetFor(vectorBits, cpu));
      OpBuilder b(op);
      if (m->epilogue)
        b.setInsertionPoint(m->epilogue);
      ConvKernelBuilder kernel(b, op.getLoc(), m->shape, vl,
                               op.getDpsInputs()[0], op.getDpsInputs()[1],
                               op.getDpsInits()[0], m->epilogue);
      if (auto fill = dyn_cast_or_null<linalg::FillOp>(m->init))
        kernel.initValue = fill.getDpsInputs()[0];
      else if (m->init)
        kernel.bias = cast<linalg::GenericOp>(m->init).getDpsInputs()[0];
      kernel.padSource = m->padSource;
      kernel.build(plan);
      if (m->epilogue)
        m->epilogue.erase();
      op.erase();
      if (m->init)
        m->init->erase();
      if (kernel.readThrough) {
        m->pad->copy.erase();
        m->pad->interior.erase();
        m->pad->fill.erase();
      }
    }
  }
};

} // namespace
