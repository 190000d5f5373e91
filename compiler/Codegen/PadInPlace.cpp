//===- PadInPlace.cpp - cnnc-pad-in-place pass ----------------------------===//
//
// Part of cnnc.
//
/// A conv or pool whose input needs padding reads a fresh buffer: filled,
/// then the producer's result copied into its interior - a pass over the
/// activation that does no arithmetic (12% of MobileNetV2's time). When
/// the producer's result is a chain of destination-passing ops that starts
/// from a `tensor.empty`, and its (maybe channel-blocked) result is exactly
/// the padded buffer's interior, the chain writes into the interior
/// instead: the padded buffer is allocated and filled before it, the chain
/// starts from the interior's slice, and the `tensor.insert_slice` that
/// copied becomes an in-place no-op for bufferization. (Where the
/// producer's result is also read after the insertion - ResNet's block
/// inputs, read again as residuals - one-shot bufferization with
/// identity-layout function boundaries still decides the slice is
/// out-of-place and copies: correct, as before, but not faster.)
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"

namespace cnnc {
#define GEN_PASS_DEF_CNNCPADINPLACE
#include "compiler/Codegen/Passes.h.inc"
} // namespace cnnc

using namespace mlir;

namespace {

/// The init operand of the op that starts the destination-passing chain
/// producing `v` from a `tensor.empty`, or null.
OpOperand *chainRoot(Value v) {
  for (int depth = 0; depth < 8; ++depth) {
    auto result = dyn_cast<OpResult>(v);
    auto dps = result ? dyn_cast<DestinationStyleOpInterface>(
                            result.getOwner())
                      : DestinationStyleOpInterface();
    if (!dps || !isa<linalg::LinalgOp>(result.getOwner()))
      return nullptr;
    OpOperand *init = dps.getTiedOpOperand(result);
    if (init->get().getDefiningOp<tensor::EmptyOp>())
      return init;
    v = init->get();
  }
  return nullptr;
}

struct CnncPadInPlacePass
    : public cnnc::impl::CnncPadInPlaceBase<CnncPadInPlacePass> {
  void runOnOperation() override {
    // One empty tensor per user: CSE merges the identical `tensor.empty`
    // of two convs' outputs, and bufferization then gives the second conv
    // the first one's buffer once its value is dead - which pins that
    // buffer and keeps cnnc-elide-copies from writing the first result
    // straight into a concatenation. The arena reuses memory anyway.
    getOperation().walk([](tensor::EmptyOp empty) {
      if (!empty.getType().hasStaticShape())
        return;
      for (OpOperand &use : llvm::make_early_inc_range(
               llvm::drop_begin(empty->getUses()))) {
        OpBuilder b(use.getOwner());
        use.set(tensor::EmptyOp::create(b, empty.getLoc(),
                                        empty.getType().getShape(),
                                        empty.getType().getElementType()));
      }
    });
    SmallVector<tensor::InsertSliceOp> inserts;
    getOperation().walk([&](tensor::InsertSliceOp op) { inserts.push_back(op); });
    for (tensor::InsertSliceOp insert : inserts)
      rewrite(insert);
  }

  void rewrite(tensor::InsertSliceOp insert) {
    auto fill = insert.getDest().getDefiningOp<linalg::FillOp>();
    if (!fill || !fill->hasOneUse() || !insert.hasUnitStride() ||
        !insert.getSourceType().hasStaticShape())
      return;
    Value alloc = fill.getDpsInits()[0];
    if (!alloc.getDefiningOp<bufferization::AllocTensorOp>() ||
        !alloc.hasOneUse())
      return;
    // The inserted value: the chain's result, maybe collapsed from
    // [N, H, W, F/B, B] to [N, H, W, F].
    Value produced = insert.getSource();
    auto collapse = produced.getDefiningOp<tensor::CollapseShapeOp>();
    if (collapse)
      produced = collapse.getSrc();
    OpOperand *root = chainRoot(produced);
    if (!root)
      return;
    Operation *first = root->getOwner();
    Value fillValue = fill.getDpsInputs()[0];
    if (Operation *def = fillValue.getDefiningOp();
        def && !def->isBeforeInBlock(first) && def->getBlock() == first->getBlock())
      return;
    if (first->getBlock() != insert->getBlock())
      return;

    OpBuilder b(first);
    Location loc = insert.getLoc();
    auto padded = cast<RankedTensorType>(alloc.getType());
    Value buffer = bufferization::AllocTensorOp::create(b, loc, padded,
                                                        ValueRange{});
    Value filled = linalg::FillOp::create(b, loc, fillValue, buffer)
                       .getResult(0);
    Value slot = tensor::ExtractSliceOp::create(
        b, loc, insert.getSourceType(), filled, insert.getMixedOffsets(),
        insert.getMixedSizes(), insert.getMixedStrides());
    if (collapse)
      slot = tensor::ExpandShapeOp::create(b, loc, collapse.getSrcType(), slot,
                                           collapse.getReassociationIndices());
    root->set(slot);
    insert.getDestMutable().assign(filled);
    fill.erase();
    alloc.getDefiningOp()->erase();
  }
};

} // namespace
