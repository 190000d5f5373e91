//===- ResultsInPlace.cpp - cnnc-results-in-place pass --------------------===//
//
// Part of cnnc.
//
/// Bufferization returns results through out-parameters and copies into
/// them, unless the returned buffer is a plain allocation. A packed conv's
/// result is a reshape of its blocked `[N, H, W, F/B, B]` buffer, so a
/// model whose last layer is a conv (a segmentation head, a single layer)
/// paid one more pass over its whole output. When the copy's source is the
/// whole of an allocation seen through reshapes only, and nothing touches
/// that allocation after the copy, the allocation becomes a reshaped view
/// of the out-parameter and the copy goes.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/Passes.h"

namespace cnnc {
#define GEN_PASS_DEF_CNNCRESULTSINPLACE
#include "compiler/Codegen/Passes.h.inc"
} // namespace cnnc

using namespace mlir;

namespace {

/// Whether any use of `root` or of a view of it comes after `op` in its
/// block (uses nested in later ops count at those ops).
bool usedAfter(Value root, Operation *op) {
  SmallVector<Value> worklist = {root};
  while (!worklist.empty()) {
    Value v = worklist.pop_back_val();
    for (Operation *user : v.getUsers()) {
      Operation *top = op->getBlock()->findAncestorOpInBlock(*user);
      if (!top || (top != op && op->isBeforeInBlock(top)))
        return true;
      if (isa<ViewLikeOpInterface>(user))
        for (Value r : user->getResults())
          worklist.push_back(r);
    }
  }
  return false;
}

struct CnncResultsInPlacePass
    : public cnnc::impl::CnncResultsInPlaceBase<CnncResultsInPlacePass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    Block &body = func.getBody().front();
    SmallVector<linalg::CopyOp> copies;
    for (auto copy : body.getOps<linalg::CopyOp>())
      copies.push_back(copy);
    for (linalg::CopyOp copy : copies) {
      // The out-parameter, maybe flattened (cnnc-copy-to-linalg).
      Value target = copy.getOutputs()[0];
      SmallVector<Operation *> outViews;
      while (auto c = target.getDefiningOp<memref::CollapseShapeOp>()) {
        if (!c->hasOneUse())
          break;
        outViews.push_back(c);
        target = c.getSrc();
      }
      auto out = dyn_cast<BlockArgument>(target);
      auto outType = dyn_cast<MemRefType>(target.getType());
      memref::AllocOp alloc = cnnc::reshapedAllocation(copy.getInputs()[0]);
      if (!out || out.getOwner() != &body || !outType || !alloc ||
          !outType.hasStaticShape() || !outType.getLayout().isIdentity() ||
          alloc->getBlock() != &body ||
          !alloc.getType().getLayout().isIdentity() ||
          alloc.getType().getNumElements() != outType.getNumElements() ||
          alloc.getType().getElementType() != outType.getElementType())
        continue;
      // The out-parameter must be written by this copy only. (Scalars, rank
      // 0, have no 1-D view to go through: they keep their copy.)
      if (!out.hasOneUse() || usedAfter(alloc.getResult(), copy) ||
          outType.getRank() == 0 || alloc.getType().getRank() == 0)
        continue;
      OpBuilder b(alloc);
      Value view = out;
      if (outType.getRank() != 1) {
        SmallVector<ReassociationIndices> all(1);
        for (int64_t i = 0; i < outType.getRank(); ++i)
          all[0].push_back(i);
        view = memref::CollapseShapeOp::create(b, alloc.getLoc(), view, all);
      }
      MemRefType allocType = alloc.getType();
      if (allocType.getRank() != 1) {
        SmallVector<ReassociationIndices> all(1);
        for (int64_t i = 0; i < allocType.getRank(); ++i)
          all[0].push_back(i);
        view = memref::ExpandShapeOp::create(b, alloc.getLoc(),
                                             allocType.getShape(), view, all);
      }
      copy.erase();
      for (Operation *v : outViews)
        v->erase();
      alloc.replaceAllUsesWith(view);
      alloc.erase();
    }
  }
};

} // namespace
