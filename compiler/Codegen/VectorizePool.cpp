//===- VectorizePool.cpp - cnnc-vectorize-pool pass -----------------------===//
//
// Part of cnnc.
//
/// Replaces each NHWC pooling generic marked `cnnc.pool` (on buffers:
/// padded input [N, Hp, Wp, C], output [N, OH, OW, C] holding the start
/// value, -inf or 0, usually from a fill right before) with vector code:
/// per output pixel and group of up to four channel vectors, the
/// accumulators start from the fill's value (the fill goes) or are loaded
/// once, are reduced over the window (max or sum) and stored once. LLVM's own
/// vectorization of the generic's loops kept the window loops outside the
/// channel loop: a load and a store of the output per window tap (SqueezeNet's
/// 3x3/2 max pools ran at 29 GB/s). A pool of a graph input (channels-last
/// I/O) reads the input itself, its windows clipped at the borders, rather
/// than a copy in a buffer filled around it (64 channels, 112x112, 3x3/2:
/// 0.137 -> 0.071 ms, the copy and fills gone).
///
/// Max-unpool gathers marked `cnnc.unpool` likewise: LLVM vectorized the
/// generic's body with the tap index in 64-bit lanes (SegNet's 2x2 unpool
/// of 64 channels at 112x112: 0.19 ms, 4.8x oneDNN's pool + unpool).
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/Support/FormatVariadic.h"

#include <limits>

namespace cnnc {
#define GEN_PASS_DEF_CNNCVECTORIZEPOOL
#include "compiler/Codegen/Passes.h.inc"
} // namespace cnnc

using namespace mlir;

namespace {

struct CnncVectorizePoolPass
    : public cnnc::impl::CnncVectorizePoolBase<CnncVectorizePoolPass> {
  using CnncVectorizePoolBase::CnncVectorizePoolBase;

  void runOnOperation() override {
    if (vectorBits < 256)
      return;
    int64_t vl = vectorBits / 32;
    SmallVector<linalg::GenericOp> pools;
    getOperation().walk([&](linalg::GenericOp op) {
      if (op->hasAttr("cnnc.pool"))
        pools.push_back(op);
    });
    for (linalg::GenericOp op : pools)
      vectorize(op, vl);
    SmallVector<linalg::GenericOp> unpools;
    getOperation().walk([&](linalg::GenericOp op) {
      if (op->hasAttr("cnnc.unpool"))
        unpools.push_back(op);
    });
    for (linalg::GenericOp op : unpools)
      vectorizeUnpool(op, vl);
  }

  /// Whether the innermost dimension of `t` is contiguous.
  static bool unitInner(MemRefType t) {
    SmallVector<int64_t> strides;
    int64_t offset;
    return succeeded(t.getStridesAndOffset(strides, offset)) &&
           strides.back() == 1;
  }

  /// The max-unpool gather (see Pooling.cpp): per output row of windows,
  /// window and channel vector, the window's taps and its pooled value are
  /// loaded once; the first tap equal to the window's maximum gets the
  /// value, the others 0.
  void vectorizeUnpool(linalg::GenericOp op, int64_t vl) {
    auto attr = op->getAttrOfType<DenseI64ArrayAttr>("cnnc.unpool");
    if (!attr || attr.size() != 2 || attr[0] < 1 || attr[1] < 1 ||
        !op.hasPureBufferSemantics() || op.getNumDpsInits() != 1 ||
        op.getNumDpsInputs() != 1 + attr[0] * attr[1])
      return;
    int64_t kh = attr[0], kw = attr[1];
    Value v = op.getDpsInputs()[0], x = op.getDpsInputs()[1],
          y = op.getDpsInits()[0];
    auto vt = dyn_cast<MemRefType>(v.getType());
    auto xt = dyn_cast<MemRefType>(x.getType());
    auto yt = dyn_cast<MemRefType>(y.getType());
    if (!vt || !xt || !yt || vt.getRank() != 4 || xt.getRank() != 6 ||
        yt.getRank() != 6 || !yt.hasStaticShape() ||
        !yt.getElementType().isF32() || !unitInner(vt) || !unitInner(xt) ||
        !unitInner(yt) ||
        llvm::any_of(ValueRange(op.getDpsInputs()).drop_front(2),
                     [&](Value in) { return in != x; }))
      return;
    int64_t n = yt.getDimSize(0), oh = yt.getDimSize(1), ow = yt.getDimSize(3),
            c = yt.getDimSize(5);
    if (c % vl != 0)
      return;
    OpBuilder b(op);
    Location loc = op.getLoc();
    auto idx = [&](int64_t i) -> Value {
      return arith::ConstantIndexOp::create(b, loc, i);
    };
    auto vecType = VectorType::get({vl}, b.getF32Type());
    auto rows = scf::ForOp::create(b, loc, idx(0), idx(n * oh), idx(1));
    if (n * oh * ow * c * kh * kw >= (1 << 14))
      rows->setAttr("cnnc.parallel", b.getUnitAttr());
    rows->setAttr("cnnc.desc", b.getStringAttr(llvm::formatv(
                                   "max unpool {0}x{1} C{2} "
                                   "{3}x{4} -> {5}x{6}",
                                   kh, kw, c, oh, ow, oh * kh, ow * kw)));
    b.setInsertionPointToStart(rows.getBody());
    Value nI = arith::DivUIOp::create(b, loc, rows.getInductionVar(), idx(oh));
    Value ohI = arith::RemUIOp::create(b, loc, rows.getInductionVar(), idx(oh));
    auto cols = scf::ForOp::create(b, loc, idx(0), idx(ow), idx(1));
    b.setInsertionPointToStart(cols.getBody());
    Value owI = cols.getInductionVar();
    auto chans = scf::ForOp::create(b, loc, idx(0), idx(c), idx(vl));
    b.setInsertionPointToStart(chans.getBody());
    Value cI = chans.getInductionVar();
    Value value = vector::LoadOp::create(b, loc, vecType, v,
                                         ValueRange{nI, ohI, owI, cI});
    SmallVector<Value> taps;
    for (int64_t r = 0; r < kh; ++r)
      for (int64_t s = 0; s < kw; ++s)
        taps.push_back(vector::LoadOp::create(
            b, loc, vecType, x, ValueRange{nI, ohI, idx(r), owI, idx(s), cI}));
    Value best;
    for (Value t : taps)
      best = best ? arith::MaximumFOp::create(b, loc, best, t).getResult() : t;
    Value zero = arith::ConstantOp::create(
        b, loc, vecType, SplatElementsAttr::get(vecType, b.getF32FloatAttr(0)));
    Value taken;
    for (int64_t i = 0; i < kh * kw; ++i) {
      Value isMax = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ,
                                          taps[i], best);
      Value mine = isMax;
      if (taken) {
        Value free = arith::XOrIOp::create(
            b, loc, taken,
            arith::ConstantOp::create(
                b, loc,
                DenseElementsAttr::get(VectorType::get({vl}, b.getI1Type()),
                                       true)));
        mine = arith::AndIOp::create(b, loc, isMax, free);
        taken = arith::OrIOp::create(b, loc, taken, isMax);
      } else {
        taken = isMax;
      }
      Value out = arith::SelectOp::create(b, loc, mine, value, zero);
      vector::StoreOp::create(
          b, loc, out, y,
          ValueRange{nI, ohI, idx(i / kw), owI, idx(i % kw), cI});
    }
    op.erase();
  }

  /// A pool's padded input made by copying a function argument (a graph
  /// input, not written until the pool) into the interior of a buffer whose
  /// borders are filled with the pool's identity (-inf for max, 0 for sum);
  /// nothing else uses the buffer. The pool may read the argument instead,
  /// its windows clipped at the borders, and the fills and the copy go.
  struct PaddedArgument {
    Value source;
    int64_t top = 0, left = 0;
    SmallVector<Operation *> ops; // fills, copy, subviews: erased after
  };
  static std::optional<PaddedArgument>
  matchPaddedArgument(linalg::GenericOp pool, Value x, bool isMax) {
    auto xt = cast<MemRefType>(x.getType());
    PaddedArgument m;
    linalg::CopyOp copy;
    SmallVector<linalg::FillOp> fills;
    // Fills with the pool's identity: the padding it reads changes nothing.
    auto isIdentityFill = [&](linalg::FillOp fill) {
      FloatAttr value;
      return fill.hasPureBufferSemantics() &&
             matchPattern(fill.getDpsInputs()[0], m_Constant(&value)) &&
             (isMax ? value.getValue().isNegInfinity()
                    : value.getValue().isZero());
    };
    for (OpOperand &use : x.getUses()) {
      Operation *user = use.getOwner();
      if (user == pool.getOperation())
        continue;
      // The whole buffer filled (zero padding keeps its whole fill).
      if (auto fill = dyn_cast<linalg::FillOp>(user)) {
        if (!isIdentityFill(fill) || fill->getBlock() != pool->getBlock())
          return std::nullopt;
        fills.push_back(fill);
        m.ops.push_back(fill);
        continue;
      }
      auto view = dyn_cast<memref::SubViewOp>(user);
      if (!view || !view->hasOneUse() || view->getBlock() != pool->getBlock() ||
          !view->isBeforeInBlock(pool))
        return std::nullopt;
      Operation *writer = *view->user_begin();
      m.ops.push_back(writer);
      m.ops.push_back(view);
      if (auto fill = dyn_cast<linalg::FillOp>(writer)) {
        if (!isIdentityFill(fill))
          return std::nullopt;
        fills.push_back(fill);
        continue;
      }
      auto c = dyn_cast<linalg::CopyOp>(writer);
      if (!c || copy || !c.hasPureBufferSemantics() ||
          c.getOutputs()[0] != view.getResult() ||
          !isa<BlockArgument>(c.getInputs()[0]) ||
          !isa<func::FuncOp>(
              cast<BlockArgument>(c.getInputs()[0]).getOwner()->getParentOp()))
        return std::nullopt;
      copy = c;
      ArrayRef<int64_t> offsets = view.getStaticOffsets();
      auto st = cast<MemRefType>(c.getInputs()[0].getType());
      if (!st.hasStaticShape() || st.getShape() != view.getType().getShape() ||
          st.getDimSize(0) != xt.getDimSize(0) ||
          st.getDimSize(3) != xt.getDimSize(3) || offsets[0] != 0 ||
          offsets[3] != 0 || ShapedType::isDynamic(offsets[1]) ||
          ShapedType::isDynamic(offsets[2]) ||
          !llvm::all_of(view.getStaticStrides(),
                        [](int64_t v) { return v == 1; }))
        return std::nullopt;
      m.source = c.getInputs()[0];
      m.top = offsets[1];
      m.left = offsets[2];
    }
    // (A fill after the copy could overwrite the interior; an input is
    // read-only, but the argument may be an output written in between.)
    if (!copy ||
        llvm::any_of(fills,
                     [&](linalg::FillOp fill) {
                       return !fill->isBeforeInBlock(copy);
                     }) ||
        !cnnc::unwrittenUntil(m.source, copy, pool.getDpsInits()[0], pool,
                              pool))
      return std::nullopt;
    return m;
  }

  /// The loop over the pool's n * oh output rows, described by `desc`,
  /// split over threads from ~64 KB of input (`perRow` elements read per
  /// row); `b` is left at the start of its body, where `nI` and `ohI` are
  /// the row's image and output row.
  static void emitRows(OpBuilder &b, Location loc, int64_t n, int64_t oh,
                       int64_t perRow, StringRef desc, Value &nI, Value &ohI) {
    auto idx = [&](int64_t v) -> Value {
      return arith::ConstantIndexOp::create(b, loc, v);
    };
    auto rows = scf::ForOp::create(b, loc, idx(0), idx(n * oh), idx(1));
    if (n * oh * perRow >= (1 << 14))
      rows->setAttr("cnnc.parallel", b.getUnitAttr());
    rows->setAttr("cnnc.desc", b.getStringAttr(desc));
    b.setInsertionPointToStart(rows.getBody());
    Value row = rows.getInductionVar();
    nI = arith::DivUIOp::create(b, loc, row, idx(oh));
    ohI = arith::RemUIOp::create(b, loc, row, idx(oh));
  }

  /// The channels of a group of `group` vectors from `c0` on (into
  /// `channel`) and their accumulators' start: `start` splatted, else the
  /// output's contents at `pixel` (n, oh, ow).
  static SmallVector<Value> startGroup(OpBuilder &b, Location loc, Value c0,
                                       int64_t group, VectorType vecType,
                                       Value start, Value y,
                                       ArrayRef<Value> pixel,
                                       SmallVectorImpl<Value> &channel) {
    SmallVector<Value> acc;
    for (int64_t j = 0; j < group; ++j) {
      channel.push_back(arith::AddIOp::create(
          b, loc, c0,
          arith::ConstantIndexOp::create(b, loc, j * vecType.getDimSize(0))));
      acc.push_back(
          start
              ? vector::BroadcastOp::create(b, loc, vecType, start).getResult()
              : vector::LoadOp::create(
                    b, loc, vecType, y,
                    ValueRange{pixel[0], pixel[1], pixel[2], channel[j]})
                    .getResult());
    }
    return acc;
  }

  /// The pool reading `pad.source` (see matchPaddedArgument): per output
  /// row the kernel rows whose input rows exist (bounds computed from the
  /// row), the columns cut at compile time into bands with the same valid
  /// kernel columns (left border, interior, right border), those unrolled.
  /// Accumulators start from `start` (else the output's contents).
  void emitClipped(linalg::GenericOp op, const PaddedArgument &pad, Value start,
                   int64_t vl, int64_t group) {
    auto attr = op->getAttrOfType<DenseI64ArrayAttr>("cnnc.pool");
    int64_t kh = attr[0], kw = attr[1], sh = attr[2], sw = attr[3],
            dh = attr[4], dw = attr[5];
    bool isMax = attr[6] != 0;
    Value src = pad.source, y = op.getDpsInits()[0];
    auto st = cast<MemRefType>(src.getType());
    auto yt = cast<MemRefType>(y.getType());
    int64_t n = yt.getDimSize(0), oh = yt.getDimSize(1), ow = yt.getDimSize(2),
            c = yt.getDimSize(3), h = st.getDimSize(1), w = st.getDimSize(2);
    OpBuilder b(op);
    Location loc = op.getLoc();
    auto idx = [&](int64_t v) -> Value {
      return arith::ConstantIndexOp::create(b, loc, v);
    };
    auto vecType = VectorType::get({vl}, b.getF32Type());
    auto maskType = VectorType::get({vl}, b.getI1Type());
    // Bands of output columns with the same valid kernel columns [s0, s1).
    struct ColBand {
      int64_t o0, o1, s0, s1;
    };
    SmallVector<ColBand> bands;
    for (int64_t o = 0; o < ow; ++o) {
      int64_t s0 = kw, s1 = 0;
      for (int64_t s = 0; s < kw; ++s) {
        int64_t iw = o * sw - pad.left + s * dw;
        if (iw >= 0 && iw < w) {
          s0 = std::min(s0, s);
          s1 = std::max(s1, s + 1);
        }
      }
      if (!bands.empty() && bands.back().s0 == s0 && bands.back().s1 == s1)
        bands.back().o1 = o + 1;
      else
        bands.push_back({o, o + 1, s0, s1});
    }
    Value nI, ohI;
    emitRows(b, loc, n, oh, ow * c * kh * kw,
             llvm::formatv("{0} pool {1}x{2}/{3} C{4} {5}x{6}, {7} vectors per "
                           "step, unpadded input",
                           isMax ? "max" : "sum", kh, kw, sh, c, oh, ow, group)
                 .str(),
             nI, ohI);
    // Input row of kernel row 0 (may be negative), and the kernel rows
    // [r0, r1) whose input rows lie in [0, h).
    Value base = arith::SubIOp::create(
        b, loc, arith::MulIOp::create(b, loc, ohI, idx(sh)), idx(pad.top));
    Value r0 = arith::MaxSIOp::create(
        b, loc, idx(0),
        arith::CeilDivSIOp::create(
            b, loc, arith::SubIOp::create(b, loc, idx(0), base), idx(dh)));
    Value r1 = arith::MinSIOp::create(
        b, loc, idx(kh),
        arith::CeilDivSIOp::create(
            b, loc, arith::SubIOp::create(b, loc, idx(h), base), idx(dh)));
    r1 = arith::MaxSIOp::create(b, loc, r0, r1);
    Value noNan = arith::ConstantOp::create(
        b, loc, maskType, DenseElementsAttr::get(maskType, false));
    Value quiet = arith::ConstantOp::create(
        b, loc, vecType,
        SplatElementsAttr::get(
            vecType,
            b.getF32FloatAttr(std::numeric_limits<float>::quiet_NaN())));
    for (const ColBand &band : bands) {
      OpBuilder::InsertionGuard guard(b);
      auto cols =
          scf::ForOp::create(b, loc, idx(band.o0), idx(band.o1), idx(1));
      b.setInsertionPointToStart(cols.getBody());
      Value owI = cols.getInductionVar();
      Value iw0 = arith::SubIOp::create(
          b, loc, arith::MulIOp::create(b, loc, owI, idx(sw)), idx(pad.left));
      auto chans = scf::ForOp::create(b, loc, idx(0), idx(c), idx(group * vl));
      b.setInsertionPointToStart(chans.getBody());
      Value c0 = chans.getInductionVar();
      SmallVector<Value> channel;
      SmallVector<Value> carried = startGroup(b, loc, c0, group, vecType, start,
                                              y, {nI, ohI, owI}, channel);
      if (isMax)
        carried.append(group, noNan);
      SmallVector<Value> result(carried);
      if (band.s0 < band.s1) {
        auto taps = scf::ForOp::create(b, loc, r0, r1, idx(1), carried);
        OpBuilder::InsertionGuard tapGuard(b);
        b.setInsertionPointToStart(taps.getBody());
        Value ih = arith::AddIOp::create(
            b, loc, base,
            arith::MulIOp::create(b, loc, taps.getInductionVar(), idx(dh)));
        SmallVector<Value> acc(taps.getRegionIterArgs());
        for (int64_t sI = band.s0; sI < band.s1; ++sI) {
          Value iw = arith::AddIOp::create(b, loc, iw0, idx(sI * dw));
          for (int64_t j = 0; j < group; ++j) {
            Value v = vector::LoadOp::create(
                b, loc, vecType, src, ValueRange{nI, ih, iw, channel[j]});
            if (!isMax) {
              acc[j] = arith::AddFOp::create(b, loc, acc[j], v);
              continue;
            }
            Value greater = arith::CmpFOp::create(
                b, loc, arith::CmpFPredicate::OGT, v, acc[j]);
            acc[j] = arith::SelectOp::create(b, loc, greater, v, acc[j]);
            Value isNan =
                arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, v, v);
            acc[group + j] =
                arith::OrIOp::create(b, loc, acc[group + j], isNan);
          }
        }
        scf::YieldOp::create(b, loc, acc);
        result.assign(taps.getResults().begin(), taps.getResults().end());
      }
      for (int64_t j = 0; j < group; ++j) {
        Value v = result[j];
        if (isMax)
          v = arith::SelectOp::create(b, loc, result[group + j], quiet, v);
        vector::StoreOp::create(b, loc, v, y,
                                ValueRange{nI, ohI, owI, channel[j]});
      }
    }
  }

  void vectorize(linalg::GenericOp op, int64_t vl) {
    auto attr = op->getAttrOfType<DenseI64ArrayAttr>("cnnc.pool");
    if (!attr || attr.size() != 7 || !op.hasPureBufferSemantics() ||
        op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1)
      return;
    Value x = op.getDpsInputs()[0], y = op.getDpsInits()[0];
    auto xt = dyn_cast<MemRefType>(x.getType());
    auto yt = dyn_cast<MemRefType>(y.getType());
    if (!xt || !yt || xt.getRank() != 4 || yt.getRank() != 4 ||
        !xt.hasStaticShape() || !yt.hasStaticShape() ||
        !xt.getElementType().isF32() || !yt.getElementType().isF32())
      return;
    int64_t c = yt.getDimSize(3);
    if (c % vl != 0 || xt.getDimSize(3) < c)
      return;
    // Vector loads along channels need unit stride there.
    for (MemRefType t : {xt, yt}) {
      SmallVector<int64_t> strides;
      int64_t offset;
      if (failed(t.getStridesAndOffset(strides, offset)) || strides.back() != 1)
        return;
    }
    int64_t kh = attr[0], kw = attr[1], sh = attr[2], sw = attr[3],
            dh = attr[4], dw = attr[5];
    bool isMax = attr[6] != 0;
    int64_t n = yt.getDimSize(0), oh = yt.getDimSize(1), ow = yt.getDimSize(2);
    // Channel vectors reduced together: independent chains for the ALUs.
    int64_t group = (c / vl) % 4 == 0 ? 4 : (c / vl) % 2 == 0 ? 2 : 1;

    // The output's start value from the fill right before (view and
    // constant ops between): splatted into the accumulators, and the fill
    // (a whole pass over the output, strided when the pool writes into a
    // concatenation) goes.
    Value start;
    linalg::FillOp init;
    for (Operation *prev = op->getPrevNode(); prev;
         prev = prev->getPrevNode()) {
      if (auto fill = dyn_cast<linalg::FillOp>(prev)) {
        if (fill.getDpsInits()[0] == y &&
            fill.getDpsInputs()[0].getType().isF32()) {
          init = fill;
          start = fill.getDpsInputs()[0];
        }
        break;
      }
      if (prev->getNumRegions() || !isMemoryEffectFree(prev))
        break;
    }
    if (std::optional<PaddedArgument> pad = matchPaddedArgument(op, x, isMax)) {
      emitClipped(op, *pad, start, vl, group);
      for (Operation *dead : pad->ops)
        dead->erase();
      op.erase();
      if (init)
        init.erase();
      return;
    }
    OpBuilder b(op);
    Location loc = op.getLoc();
    auto idx = [&](int64_t v) -> Value {
      return arith::ConstantIndexOp::create(b, loc, v);
    };
    auto vecType = VectorType::get({vl}, b.getF32Type());
    Value nI, ohI;
    emitRows(
        b, loc, n, oh, ow * c * kh * kw,
        llvm::formatv("{0} pool {1}x{2}/{3} C{4} {5}x{6}, {7} vectors per step",
                      isMax ? "max" : "sum", kh, kw, sh, c, oh, ow, group)
            .str(),
        nI, ohI);
    Value ih0 = arith::MulIOp::create(b, loc, ohI, idx(sh));
    auto cols = scf::ForOp::create(b, loc, idx(0), idx(ow), idx(1));
    b.setInsertionPointToStart(cols.getBody());
    Value owI = cols.getInductionVar();
    Value iw0 = arith::MulIOp::create(b, loc, owI, idx(sw));
    auto chans = scf::ForOp::create(b, loc, idx(0), idx(c), idx(group * vl));
    b.setInsertionPointToStart(chans.getBody());
    Value c0 = chans.getInductionVar();
    SmallVector<Value> channel;
    SmallVector<Value> acc = startGroup(b, loc, c0, group, vecType, start, y,
                                        {nI, ohI, owI}, channel);
    // The window, unrolled: a few taps (3x3, 2x2) with static offsets.
    // Max as `v > acc ? v : acc`, one vmaxps (arith.maximumf's IEEE NaN and
    // signed-zero rules took six instructions per tap on x86, in one
    // dependency chain: GoogLeNet's 3x3/1 pools ran at ~20 GB/s), with a
    // NaN seen in the window kept aside and put back at the end.
    // (From a -inf start, the first tap is the accumulator.)
    SmallVector<Value> nan(group);
    FloatAttr startValue;
    bool firstTap = isMax && start &&
                    matchPattern(start, m_Constant(&startValue)) &&
                    startValue.getValue().isNegInfinity();
    for (int64_t r = 0; r < kh; ++r) {
      Value ih = arith::AddIOp::create(b, loc, ih0, idx(r * dh));
      for (int64_t s = 0; s < kw; ++s) {
        Value iw = arith::AddIOp::create(b, loc, iw0, idx(s * dw));
        for (int64_t j = 0; j < group; ++j) {
          Value v = vector::LoadOp::create(b, loc, vecType, x,
                                           ValueRange{nI, ih, iw, channel[j]});
          if (!isMax) {
            acc[j] = arith::AddFOp::create(b, loc, acc[j], v);
            continue;
          }
          if (firstTap && r == 0 && s == 0) {
            acc[j] = v;
          } else {
            Value greater = arith::CmpFOp::create(
                b, loc, arith::CmpFPredicate::OGT, v, acc[j]);
            acc[j] = arith::SelectOp::create(b, loc, greater, v, acc[j]);
          }
          Value isNan =
              arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, v, v);
          nan[j] = nan[j]
                       ? arith::OrIOp::create(b, loc, nan[j], isNan).getResult()
                       : isNan;
        }
      }
    }
    for (int64_t j = 0; j < group; ++j) {
      if (isMax && nan[j]) {
        Value quiet = arith::ConstantOp::create(
            b, loc, vecType,
            SplatElementsAttr::get(
                vecType,
                b.getF32FloatAttr(std::numeric_limits<float>::quiet_NaN())));
        acc[j] = arith::SelectOp::create(b, loc, nan[j], quiet, acc[j]);
      }
      vector::StoreOp::create(b, loc, acc[j], y,
                              ValueRange{nI, ohI, owI, channel[j]});
    }
    op.erase();
    if (init)
      init.erase();
  }
};

} // namespace
