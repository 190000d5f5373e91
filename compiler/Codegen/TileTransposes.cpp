//===- TileTransposes.cpp - cnnc-tile-transposes pass ---------------------===//
//
// Part of cnnc.
//
/// The layout changes at the graph's boundary (NCHW <-> NHWC) are 4-D
/// `linalg.transpose`s that swap the innermost dimension with another one.
/// Lowered as plain loops, one side walks memory with a stride of a whole
/// row or plane per element. Here they become loops over square blocks of
/// the two swapped dimensions, so both the lines read and the lines written
/// stay in L1 while a block is copied: one vector per row of the block,
/// transposed in registers by shuffles, where both dimensions hold a
/// vector; otherwise gathers (a few output rows) or scalar elements (a few
/// channels in the output's contiguous dimension, such as an RGB input).
/// The outermost loop of more than one iteration is marked `cnnc.parallel`
/// when the transpose is large.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "llvm/Support/FormatVariadic.h"

namespace cnnc {
#define GEN_PASS_DEF_CNNCTILETRANSPOSES
#include "compiler/Codegen/Passes.h.inc"
} // namespace cnnc

using namespace mlir;

namespace {

constexpr int64_t kBlock = 16;
/// gatherRows: lanes per gather, and the most rows (swapped-dimension size)
/// and elements between lanes for which one output row's input pixels stay
/// in L1 across all of them.
constexpr int64_t kLanes = 16;
constexpr int64_t kMaxGatherRows = 64;

struct CnncTileTransposesPass
    : public cnnc::impl::CnncTileTransposesBase<CnncTileTransposesPass> {
  using CnncTileTransposesBase::CnncTileTransposesBase;

  void runOnOperation() override {
    SmallVector<linalg::TransposeOp> transposes;
    getOperation().walk([&](linalg::TransposeOp op) {
      if (op.hasPureBufferSemantics())
        transposes.push_back(op);
    });
    for (linalg::TransposeOp op : transposes)
      rewrite(op);
  }

  void rewrite(linalg::TransposeOp op) {
    auto inType = dyn_cast<MemRefType>(op.getInput().getType());
    auto outType = dyn_cast<MemRefType>(op.getInit().getType());
    ArrayRef<int64_t> perm = op.getPermutation();
    if (!inType || !outType || !outType.hasStaticShape() ||
        outType.getRank() < 2)
      return;
    int64_t rank = outType.getRank();
    // Output dimension i reads input dimension perm[i]; `j` is the output
    // dimension that walks the input's contiguous one.
    int64_t inner = rank - 1;
    int64_t j = llvm::find(perm, inner) - perm.begin();
    if (j == inner)
      return; // The innermost dimension stays: plain loops are fine.
    ArrayRef<int64_t> shape = outType.getShape();
    if (vectorBlocks(op, j) || gatherRows(op, j))
      return;

    OpBuilder b(op);
    Location loc = op.getLoc();
    auto idx = [&](int64_t v) { return constIndex(b, loc, v); };
    SmallVector<Value> outIdx(rank);
    // Blocks of the two swapped dimensions, then the block's elements with
    // the output's contiguous dimension innermost.
    Operation *outermost = nullptr;
    Value jStart, iStart;
    std::tie(jStart, iStart) =
        blockNest(b, loc, outType, j, kBlock,
                  /*innerFirst=*/false, outIdx, outermost);
    auto elementLoop = [&](int64_t d, Value start) {
      Value end = arith::MinSIOp::create(
          b, loc, arith::AddIOp::create(b, loc, start, idx(kBlock)),
          idx(shape[d]));
      auto loop = scf::ForOp::create(b, loc, start, end, idx(1));
      b.setInsertionPointToStart(loop.getBody());
      return loop.getInductionVar();
    };
    outIdx[j] = elementLoop(j, jStart);
    outIdx[inner] = elementLoop(inner, iStart);
    SmallVector<Value> inIdx(rank);
    for (int64_t d = 0; d < rank; ++d)
      inIdx[perm[d]] = outIdx[d];
    Value v = memref::LoadOp::create(b, loc, op.getInput(), inIdx);
    memref::StoreOp::create(b, loc, v, op.getInit(), outIdx);
    // What --profile and --explain show for this kernel.
    describe(outermost, inType.getShape(), shape, "16x16 blocks");
    op.erase();
  }

  int64_t lanes() const { return vectorBits / 32; }

  /// The transpose as lanes x lanes blocks of the two swapped dimensions
  /// moved through registers: `lanes` vector loads along the input's
  /// contiguous dimension, log2(lanes) rounds of interleaving shuffles, and
  /// `lanes` vector stores along the output's. The scalar blocks above move
  /// one element per load and store (NCHW -> NHWC of 64x112x112: 0.8-1.4
  /// ms on Zen 4, against 0.14-0.19 here); blocks not inside the shape use
  /// masked loads and stores. Needs 32-bit elements, contiguous innermost
  /// dimensions and at least one whole block.
  bool vectorBlocks(linalg::TransposeOp op, int64_t j) {
    auto inType = cast<MemRefType>(op.getInput().getType());
    auto outType = cast<MemRefType>(op.getInit().getType());
    Type elType = outType.getElementType();
    ArrayRef<int64_t> shape = outType.getShape(), perm = op.getPermutation();
    int64_t rank = outType.getRank(), inner = rank - 1, n = lanes();
    SmallVector<int64_t> inStrides, outStrides;
    int64_t inOffset, outOffset;
    if (!elType.isIntOrFloat() || elType.getIntOrFloatBitWidth() != 32 ||
        n < 4 || !llvm::isPowerOf2_64(n) || shape[j] < n || shape[inner] < n ||
        failed(inType.getStridesAndOffset(inStrides, inOffset)) ||
        failed(outType.getStridesAndOffset(outStrides, outOffset)) ||
        inStrides.back() != 1 || outStrides.back() != 1)
      return false;

    OpBuilder b(op);
    Location loc = op.getLoc();
    auto idx = [&](int64_t v) { return constIndex(b, loc, v); };
    SmallVector<Value> outIdx(rank);
    // The output's contiguous dimension's blocks outside j's: NCHW -> NHWC
    // then reads n channel planes along a row at a time, not all of them
    // (64x112x112 in 0.14 ms, against 0.28 with the blocks of j outside).
    Operation *outermost = nullptr;
    Value jStart, iStart;
    std::tie(jStart, iStart) =
        blockNest(b, loc, outType, j, n,
                  /*innerFirst=*/true, outIdx, outermost);
    auto vecType = VectorType::get({n}, elType);
    // Input row r of the block: output indices (j: jStart .. + n, inner: r).
    auto inIndices = [&](Value r) {
      SmallVector<Value> in(rank);
      outIdx[j] = jStart;
      outIdx[inner] = r;
      for (int64_t d = 0; d < rank; ++d)
        in[perm[d]] = outIdx[d];
      return in;
    };
    // Output row a of the block: (j: a, inner: iStart .. + n).
    auto outIndices = [&](Value a) {
      outIdx[j] = a;
      outIdx[inner] = iStart;
      return SmallVector<Value>(outIdx);
    };
    auto add = [&](Value v, int64_t c) -> Value {
      return arith::AddIOp::create(b, loc, v, idx(c));
    };
    auto whole = [&]() {
      SmallVector<Value> rows;
      for (int64_t r = 0; r < n; ++r)
        rows.push_back(vector::LoadOp::create(b, loc, vecType, op.getInput(),
                                              inIndices(add(iStart, r))));
      rows = transposeRows(b, loc, rows);
      for (int64_t a = 0; a < n; ++a)
        vector::StoreOp::create(b, loc, rows[a], op.getInit(),
                                outIndices(add(jStart, a)));
    };
    // A block past the shape's end: `nj` valid elements per input row
    // (masked loads), rows past the end read the last one again, and
    // `ni` valid elements in each of the first nj output rows.
    auto partial = [&]() {
      auto left = [&](int64_t d, Value start) -> Value {
        return arith::MinSIOp::create(
            b, loc, arith::SubIOp::create(b, loc, idx(shape[d]), start),
            idx(n));
      };
      Value nj = left(j, jStart), ni = left(inner, iStart);
      auto maskType = VectorType::get({n}, b.getI1Type());
      Value jMask = vector::CreateMaskOp::create(b, loc, maskType, nj);
      Value iMask = vector::CreateMaskOp::create(b, loc, maskType, ni);
      Value zero =
          arith::ConstantOp::create(b, loc, vecType, b.getZeroAttr(vecType));
      Value lastRow = idx(shape[inner] - 1);
      SmallVector<Value> rows;
      for (int64_t r = 0; r < n; ++r) {
        Value row = arith::MinSIOp::create(b, loc, add(iStart, r), lastRow);
        rows.push_back(vector::MaskedLoadOp::create(
            b, loc, vecType, op.getInput(), inIndices(row), jMask, zero));
      }
      rows = transposeRows(b, loc, rows);
      for (int64_t a = 0; a < n; ++a) {
        Value valid = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                                            idx(a), nj);
        auto inside = scf::IfOp::create(b, loc, valid, /*else=*/false);
        OpBuilder::InsertionGuard g(b);
        b.setInsertionPointToStart(inside.thenBlock());
        vector::MaskedStoreOp::create(
            b, loc, op.getInit(), outIndices(add(jStart, a)), iMask, rows[a]);
      }
    };
    if (shape[j] % n == 0 && shape[inner] % n == 0) {
      whole();
    } else {
      auto fits = [&](int64_t d, Value start) -> Value {
        return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sle,
                                     add(start, n), idx(shape[d]));
      };
      Value isWhole =
          arith::AndIOp::create(b, loc, fits(j, jStart), fits(inner, iStart));
      auto branch = scf::IfOp::create(b, loc, isWhole, /*else=*/true);
      b.setInsertionPointToStart(branch.thenBlock());
      whole();
      b.setInsertionPointToStart(branch.elseBlock());
      partial();
    }
    describe(outermost, inType.getShape(), shape,
             llvm::formatv("{0}x{0} vector blocks", n).str());
    op.erase();
    return true;
  }

  /// Transposes the square block held in `rows` (n vectors of n lanes, n a
  /// power of two): log2(n) rounds that interleave row i with row i + n/2,
  /// the low halves into row 2i and the high halves into row 2i + 1.
  static SmallVector<Value> transposeRows(OpBuilder &b, Location loc,
                                          SmallVector<Value> rows) {
    int64_t n = rows.size(), half = n / 2;
    SmallVector<int64_t> lo, hi;
    for (int64_t k = 0; k < half; ++k) {
      lo.append({k, n + k});
      hi.append({half + k, n + half + k});
    }
    for (int64_t round = 1; round < n; round *= 2) {
      SmallVector<Value> next(n);
      for (int64_t i = 0; i < half; ++i) {
        next[2 * i] =
            vector::ShuffleOp::create(b, loc, rows[i], rows[i + half], lo);
        next[2 * i + 1] =
            vector::ShuffleOp::create(b, loc, rows[i], rows[i + half], hi);
      }
      rows = std::move(next);
    }
    return rows;
  }

  /// What --profile and --explain show for the transpose's loop nest.
  static void describe(Operation *outermost, ArrayRef<int64_t> in,
                       ArrayRef<int64_t> out, StringRef how) {
    std::string desc = "transpose ";
    llvm::raw_string_ostream os(desc);
    llvm::interleave(in, os, "x");
    os << " -> ";
    llvm::interleave(out, os, "x");
    os << " (" << how << ")";
    outermost->setAttr("cnnc.desc",
                       StringAttr::get(outermost->getContext(), desc));
  }

  /// Loops over the output dimensions `dims` (size-1 ones are index 0),
  /// outermost first, the first one with more than one iteration marked
  /// `cnnc.parallel` when `parallel`; sets `outIdx` and `outermost`.
  static void outerLoops(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                         ArrayRef<int64_t> dims, bool parallel,
                         SmallVectorImpl<Value> &outIdx,
                         Operation *&outermost) {
    auto idx = [&](int64_t v) -> Value {
      return arith::ConstantIndexOp::create(b, loc, v);
    };
    for (int64_t d : dims) {
      if (shape[d] == 1) {
        outIdx[d] = idx(0);
        continue;
      }
      auto loop = scf::ForOp::create(b, loc, idx(0), idx(shape[d]), idx(1));
      if (!outermost)
        outermost = loop;
      if (parallel) {
        loop->setAttr("cnnc.parallel", b.getUnitAttr());
        parallel = false;
      }
      b.setInsertionPointToStart(loop.getBody());
      outIdx[d] = loop.getInductionVar();
    }
  }

  /// outerLoops over every dimension but j and the innermost one.
  static void otherDimLoops(OpBuilder &b, Location loc, MemRefType outType,
                            int64_t j, SmallVectorImpl<Value> &outIdx,
                            Operation *&outermost) {
    SmallVector<int64_t> dims;
    for (int64_t d = 0; d < outType.getRank(); ++d)
      if (d != j && d != outType.getRank() - 1)
        dims.push_back(d);
    outerLoops(b, loc, outType.getShape(), dims,
               outType.getNumElements() >= (1 << 16), outIdx, outermost);
  }

  /// otherDimLoops, then loops over blocks of `step` of dimensions j and
  /// the innermost one (that one outside when `innerFirst`); returns the
  /// blocks' starts (j's, the innermost's). Size-1 dimensions are index 0,
  /// so the first real loop is the kernel's outermost.
  static std::pair<Value, Value> blockNest(OpBuilder &b, Location loc,
                                           MemRefType outType, int64_t j,
                                           int64_t step, bool innerFirst,
                                           SmallVectorImpl<Value> &outIdx,
                                           Operation *&outermost) {
    otherDimLoops(b, loc, outType, j, outIdx, outermost);
    int64_t inner = outType.getRank() - 1;
    ArrayRef<int64_t> shape = outType.getShape();
    if (innerFirst) {
      Value iStart = blockLoop(b, loc, shape[inner], step, outermost);
      return {blockLoop(b, loc, shape[j], step, outermost), iStart};
    }
    Value jStart = blockLoop(b, loc, shape[j], step, outermost);
    return {jStart, blockLoop(b, loc, shape[inner], step, outermost)};
  }

  /// A loop over [0, size) by `step`, the body's start the insertion point;
  /// sets `outermost` if it is still null.
  static Value blockLoop(OpBuilder &b, Location loc, int64_t size, int64_t step,
                         Operation *&outermost) {
    auto loop =
        scf::ForOp::create(b, loc, constIndex(b, loc, 0),
                           constIndex(b, loc, size), constIndex(b, loc, step));
    if (!outermost)
      outermost = loop;
    b.setInsertionPointToStart(loop.getBody());
    return loop.getInductionVar();
  }

  static Value constIndex(OpBuilder &b, Location loc, int64_t v) {
    return arith::ConstantIndexOp::create(b, loc, v);
  }

  /// A transpose whose swapped dimension j is shorter than a vector (an
  /// image-to-image net's 3 output channels), whose lanes lie close
  /// together in the input (a pixel's channels apart, not planes) and whose
  /// output rows are whole vectors: per output row, vectors gathered from
  /// the input with its stride, one row after the other. The scalar blocks
  /// store to 16 rows a plane apart at once - the same L1 set, a multiple
  /// of 4 KiB apart - and ran at 0.6 elements/ns; here the input pixels of
  /// a row stay in L1 while all j rows are written. (For 21 classes at
  /// 224x224 the vector blocks took 0.30 ms, these gathers 0.76.)
  bool gatherRows(linalg::TransposeOp op, int64_t j) {
    auto inType = cast<MemRefType>(op.getInput().getType());
    auto outType = cast<MemRefType>(op.getInit().getType());
    ArrayRef<int64_t> shape = outType.getShape(), perm = op.getPermutation();
    int64_t rank = outType.getRank(), inner = rank - 1;
    SmallVector<int64_t> inStrides, outStrides;
    int64_t inOffset, outOffset;
    if (shape[j] > kMaxGatherRows || shape[inner] % kLanes != 0 ||
        !inType.hasStaticShape() ||
        failed(inType.getStridesAndOffset(inStrides, inOffset)) ||
        failed(outType.getStridesAndOffset(outStrides, outOffset)) ||
        outStrides[inner] != 1 || inStrides.back() != 1 ||
        ShapedType::isDynamic(inStrides[perm[inner]]) ||
        inStrides[perm[inner]] > kMaxGatherRows)
      return false;
    int64_t stride = inStrides[perm[inner]];
    OpBuilder b(op);
    Location loc = op.getLoc();
    SmallVector<Value> outIdx(rank);
    Operation *outermost = nullptr;
    // Every dimension but the innermost as loops, j just outside them (not
    // split over threads: its rows share their input pixels).
    otherDimLoops(b, loc, outType, j, outIdx, outermost);
    outerLoops(b, loc, shape, {j}, false, outIdx, outermost);
    outIdx[inner] = blockLoop(b, loc, shape[inner], kLanes, outermost);
    SmallVector<Value> inIdx(rank);
    for (int64_t d = 0; d < rank; ++d)
      inIdx[perm[d]] = outIdx[d];
    // Lane k reads `stride` elements further along the input's memory (past
    // the innermost dimension, into the next pixels: the LLVM lowering
    // computes lane addresses flat from the base element's).
    SmallVector<int32_t> offsets;
    for (int64_t k = 0; k < kLanes; ++k)
      offsets.push_back(static_cast<int32_t>(k * stride));
    auto vecType = VectorType::get({kLanes}, outType.getElementType());
    Value offsetVec = arith::ConstantOp::create(
        b, loc,
        DenseIntElementsAttr::get(VectorType::get({kLanes}, b.getI32Type()),
                                  offsets));
    Value mask = arith::ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(VectorType::get({kLanes}, b.getI1Type()), true));
    Value passThru =
        arith::ConstantOp::create(b, loc, vecType, b.getZeroAttr(vecType));
    Value v = vector::GatherOp::create(b, loc, vecType, op.getInput(), inIdx,
                                       offsetVec, mask, passThru);
    vector::StoreOp::create(b, loc, v, op.getInit(), outIdx);
    describe(outermost, inType.getShape(), shape,
             llvm::formatv("rows of {0}-lane gathers", kLanes).str());
    op.erase();
    return true;
  }
};

} // namespace
