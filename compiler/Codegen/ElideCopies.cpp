//===- ElideCopies.cpp - cnnc-elide-copies pass ---------------------------===//
//
// Part of cnnc.
//
/// After bufferization a concatenation is a buffer its operands are copied
/// into, and a padded conv input whose producer could not write it in place
/// on tensors (cnnc-pad-in-place) is a filled buffer the producer's result
/// is copied into. Each such `linalg.copy` of a whole allocation `A` (seen
/// through reshapes) into a slice of another allocation `D` goes away when
/// nothing writes `A` after the copy: `A` becomes that slice of `D` (views
/// of it re-derived with their strided types), `D` is allocated - and, if
/// it is filled whole, filled - before `A`'s first writer, and the producer
/// writes its result where the copy would have put it. DenseNet, GoogLeNet,
/// SqueezeNet and U-Net concatenate every block's outputs this way.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/Passes.h"

namespace cnnc {
#define GEN_PASS_DEF_CNNCELIDECOPIES
#include "compiler/Codegen/Passes.h.inc"
} // namespace cnnc

using namespace mlir;

memref::AllocOp cnnc::reshapedAllocation(Value v,
                                         SmallVectorImpl<Operation *> *chain) {
  SmallVector<Operation *> reshapes;
  while (true) {
    if (auto alloc = v.getDefiningOp<memref::AllocOp>()) {
      if (chain)
        chain->assign(reshapes.rbegin(), reshapes.rend());
      return alloc;
    }
    Operation *op = v.getDefiningOp();
    if (!isa_and_nonnull<memref::CollapseShapeOp, memref::ExpandShapeOp>(op))
      return {};
    reshapes.push_back(op);
    v = op->getOperand(0);
  }
}

namespace {

/// Whether `op` may write through its operand `operand`.
bool mayWrite(OpOperand &operand) {
  Operation *op = operand.getOwner();
  if (auto dps = dyn_cast<DestinationStyleOpInterface>(op))
    return dps.isDpsInit(&operand);
  if (isa<memref::LoadOp, vector::LoadOp>(op))
    return false;
  return true;
}

bool retypeCheck(Value old, MemRefType type);

/// Replaces `old` by `repl` (same shape, maybe another layout): plain users
/// take it as it is, view users are re-created on it with the type they
/// now infer (`retypeCheck` says beforehand whether that works).
void retype(Value old, Value repl) {
  for (OpOperand &use : llvm::make_early_inc_range(old.getUses())) {
    Operation *user = use.getOwner();
    OpBuilder b(user);
    Value derived;
    if (auto c = dyn_cast<memref::CollapseShapeOp>(user)) {
      derived = memref::CollapseShapeOp::create(b, c.getLoc(), repl,
                                                c.getReassociationIndices());
    } else if (auto e = dyn_cast<memref::ExpandShapeOp>(user)) {
      MemRefType type = *memref::ExpandShapeOp::computeExpandedType(
          cast<MemRefType>(repl.getType()), e.getResultType().getShape(),
          e.getReassociationIndices());
      derived = memref::ExpandShapeOp::create(b, e.getLoc(), type, repl,
                                              e.getReassociationIndices(),
                                              e.getMixedOutputShape());
    } else if (auto s = dyn_cast<memref::SubViewOp>(user)) {
      derived =
          memref::SubViewOp::create(b, s.getLoc(), repl, s.getMixedOffsets(),
                                    s.getMixedSizes(), s.getMixedStrides());
    } else {
      use.set(repl);
      continue;
    }
    retype(user->getResult(0), derived);
    user->erase();
  }
}

/// Dry run of `retype` for a view whose new type would be `type`.
bool retypeCheck(Value old, MemRefType type) {
  for (OpOperand &use : old.getUses()) {
    Operation *user = use.getOwner();
    if (auto c = dyn_cast<memref::CollapseShapeOp>(user)) {
      if (!memref::CollapseShapeOp::isGuaranteedCollapsible(
              type, c.getReassociationIndices()) ||
          !retypeCheck(c.getResult(),
                       memref::CollapseShapeOp::computeCollapsedType(
                           type, c.getReassociationIndices())))
        return false;
    } else if (auto e = dyn_cast<memref::ExpandShapeOp>(user)) {
      FailureOr<MemRefType> t = memref::ExpandShapeOp::computeExpandedType(
          type, e.getResultType().getShape(), e.getReassociationIndices());
      if (failed(t) || !retypeCheck(e.getResult(), *t))
        return false;
    } else if (auto s = dyn_cast<memref::SubViewOp>(user)) {
      if (s.getType().getRank() != type.getRank())
        return false;
    } else if (isa<ViewLikeOpInterface>(user) || isa<CallOpInterface>(user) ||
               isa<func::ReturnOp>(user)) {
      return false;
    }
  }
  return true;
}

struct CnncElideCopiesPass
    : public cnnc::impl::CnncElideCopiesBase<CnncElideCopiesPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    Block &body = func.getBody().front();
    SmallVector<linalg::CopyOp> copies;
    for (auto copy : body.getOps<linalg::CopyOp>())
      copies.push_back(copy);
    for (linalg::CopyOp copy : copies)
      elide(copy, body);
  }

  void elide(linalg::CopyOp copy, Block &body) {
    SmallVector<Operation *> chain;
    memref::AllocOp a = cnnc::reshapedAllocation(copy.getInputs()[0], &chain);
    auto slice = copy.getOutputs()[0].getDefiningOp<memref::SubViewOp>();
    auto d = slice ? slice.getSource().getDefiningOp<memref::AllocOp>()
                   : memref::AllocOp();
    if (!a || !d || a == d || a->getBlock() != &body ||
        d->getBlock() != &body || !a.getType().hasStaticShape() ||
        !a.getType().getLayout().isIdentity() || !slice->hasOneUse() ||
        !llvm::all_of(slice.getStaticOffsets(),
                      [](int64_t v) { return !ShapedType::isDynamic(v); }) ||
        !llvm::all_of(slice.getStaticStrides(),
                      [](int64_t v) { return v == 1; }))
      return;
    // Nothing may write A (or a view of it) after the copy.
    SmallVector<Value> worklist = {a.getResult()};
    Operation *firstUse = nullptr;
    while (!worklist.empty()) {
      Value v = worklist.pop_back_val();
      for (OpOperand &use : v.getUses()) {
        Operation *top = body.findAncestorOpInBlock(*use.getOwner());
        if (!top)
          return;
        if (isa<ViewLikeOpInterface>(use.getOwner())) {
          for (Value r : use.getOwner()->getResults())
            worklist.push_back(r);
          continue;
        }
        if (top != copy && copy->isBeforeInBlock(top) && mayWrite(use))
          return;
        if (!firstUse || top->isBeforeInBlock(firstUse))
          firstUse = top;
      }
    }
    if (!firstUse)
      return;
    // D before A's first writer: only its whole fill and disjoint slices
    // written by other copies (a concatenation's parts) may come earlier.
    linalg::FillOp fill;
    for (OpOperand &use : d->getUses()) {
      Operation *user = use.getOwner();
      if (user == slice || copy->isBeforeInBlock(user))
        continue;
      if (auto f = dyn_cast<linalg::FillOp>(user)) {
        if (fill)
          return;
        fill = f;
        continue;
      }
      auto other = dyn_cast<memref::SubViewOp>(user);
      if (!other || !disjoint(other, slice))
        return;
    }
    // The reshapes from A to the copy's source, undone on the slice.
    if (chain.size() > 1)
      return;
    auto collapse = chain.empty()
                        ? memref::CollapseShapeOp()
                        : dyn_cast<memref::CollapseShapeOp>(chain.front());
    if (!chain.empty() && !collapse)
      return;
    MemRefType rootType = slice.getType();
    if (collapse) {
      FailureOr<MemRefType> t = memref::ExpandShapeOp::computeExpandedType(
          slice.getType(), a.getType().getShape(),
          collapse.getReassociationIndices());
      if (failed(t))
        return;
      rootType = *t;
    }
    if (!retypeCheck(a.getResult(), rootType))
      return;

    // Move D, its fill and the slice before A (uses come after it).
    Operation *anchor = a;
    if (anchor->isBeforeInBlock(d))
      d->moveBefore(anchor);
    if (fill && anchor->isBeforeInBlock(fill)) {
      for (Value v : fill.getDpsInputs())
        if (Operation *def = v.getDefiningOp();
            def && def->getBlock() == &body && anchor->isBeforeInBlock(def))
          def->moveBefore(anchor);
      fill->moveBefore(anchor);
    }
    OpBuilder b(anchor);
    Value view = memref::SubViewOp::create(
        b, slice.getLoc(), d.getResult(), slice.getMixedOffsets(),
        slice.getMixedSizes(), slice.getMixedStrides());
    if (collapse)
      view = memref::ExpandShapeOp::create(
          b, collapse.getLoc(), rootType, view,
          collapse.getReassociationIndices(),
          getAsIndexOpFoldResult(b.getContext(), a.getType().getShape()));
    copy.erase();
    if (slice->use_empty())
      slice.erase();
    retype(a.getResult(), view);
    a.erase();
  }

  /// Whether two static unit-stride subviews of one buffer do not overlap.
  static bool disjoint(memref::SubViewOp x, memref::SubViewOp y) {
    ArrayRef<int64_t> xo = x.getStaticOffsets(), xs = x.getStaticSizes(),
                      yo = y.getStaticOffsets(), ys = y.getStaticSizes();
    if (xo.size() != yo.size())
      return false;
    for (size_t i = 0; i < xo.size(); ++i) {
      if (ShapedType::isDynamic(xo[i]) || ShapedType::isDynamic(xs[i]) ||
          ShapedType::isDynamic(yo[i]) || ShapedType::isDynamic(ys[i]))
        return false;
      if (xo[i] + xs[i] <= yo[i] || yo[i] + ys[i] <= xo[i])
        return true;
    }
    return false;
  }
};

} // namespace
