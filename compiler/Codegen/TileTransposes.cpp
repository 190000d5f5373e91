//===- TileTransposes.cpp - cnnc-tile-transposes pass ---------------------===//
//
// Part of cnnc.
//
/// The layout changes at the graph's boundary (NCHW <-> NHWC) are 4-D
/// `linalg.transpose`s that swap the innermost dimension with another one.
/// Lowered as plain loops, one side walks memory with a stride of a whole
/// row or plane per element. Here they become loops over 16 x 16 blocks of
/// the two swapped dimensions, so both the lines read and the lines written
/// stay in L1 while a block is copied, the innermost loop running along the
/// output's contiguous dimension; the outermost loop of more than one
/// iteration is marked `cnnc.parallel` when the transpose is large.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

namespace cnnc {
#define GEN_PASS_DEF_CNNCTILETRANSPOSES
#include "compiler/Codegen/Passes.h.inc"
} // namespace cnnc

using namespace mlir;

namespace {

constexpr int64_t kBlock = 16;

struct CnncTileTransposesPass
    : public cnnc::impl::CnncTileTransposesBase<CnncTileTransposesPass> {
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
    int64_t total = outType.getNumElements();

    OpBuilder b(op);
    Location loc = op.getLoc();
    auto idx = [&](int64_t v) -> Value {
      return arith::ConstantIndexOp::create(b, loc, v);
    };
    SmallVector<Value> outIdx(rank);
    // Outer loops: every dimension but j and the innermost; size-1 ones are
    // index 0 (so the first real loop is the kernel's outermost).
    bool marked = false;
    Operation *outermost = nullptr;
    OpBuilder::InsertionGuard guard(b);
    for (int64_t d = 0; d < rank; ++d) {
      if (d == j || d == inner)
        continue;
      if (shape[d] == 1) {
        outIdx[d] = idx(0);
        continue;
      }
      auto loop = scf::ForOp::create(b, loc, idx(0), idx(shape[d]), idx(1));
      if (!outermost)
        outermost = loop;
      if (!marked && total >= (1 << 16)) {
        loop->setAttr("cnnc.parallel", b.getUnitAttr());
        marked = true;
      }
      b.setInsertionPointToStart(loop.getBody());
      outIdx[d] = loop.getInductionVar();
    }
    // Blocks of the two swapped dimensions, then the block's elements with
    // the output's contiguous dimension innermost.
    auto blockLoop = [&](int64_t d) {
      auto loop =
          scf::ForOp::create(b, loc, idx(0), idx(shape[d]), idx(kBlock));
      if (!outermost)
        outermost = loop;
      b.setInsertionPointToStart(loop.getBody());
      return loop.getInductionVar();
    };
    Value jStart = blockLoop(j);
    Value iStart = blockLoop(inner);
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
    std::string desc = "transpose ";
    llvm::raw_string_ostream os(desc);
    llvm::interleave(inType.getShape(), os, "x");
    os << " -> ";
    llvm::interleave(shape, os, "x");
    os << " (16x16 blocks)";
    outermost->setAttr("cnnc.desc", b.getStringAttr(desc));
    op.erase();
  }
};

} // namespace
