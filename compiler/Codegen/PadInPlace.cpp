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
/// identity-layout function boundaries still copies; cnnc-elide-copies
/// removes that copy on buffers.)
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"

namespace cnnc {
#define GEN_PASS_DEF_CNNCPADINPLACE
#include "compiler/Codegen/Passes.h.inc"
} // namespace cnnc

using namespace mlir;

std::optional<cnnc::PadCopy> cnnc::matchPadCopy(linalg::GenericOp conv) {
  auto pads = conv->getAttrOfType<DenseI64ArrayAttr>("cnnc.conv_pads");
  if (!pads || pads.size() != 4 ||
      !(conv->hasAttr("cnnc.conv") || conv->hasAttr("cnnc.dwconv")) ||
      conv.getNumDpsInputs() < 1 || !conv.hasPureBufferSemantics())
    return std::nullopt;
  Value padded = conv.getDpsInputs()[0];
  auto type = dyn_cast<MemRefType>(padded.getType());
  if (!type || type.getRank() != 4 || !type.hasStaticShape())
    return std::nullopt;
  PadCopy m;
  for (OpOperand &use : padded.getUses()) {
    Operation *user = use.getOwner();
    if (user == conv.getOperation() && use.getOperandNumber() == 0)
      continue;
    auto fill = dyn_cast<linalg::FillOp>(user);
    if (fill && !m.fill && fill.hasPureBufferSemantics() &&
        fill.getDpsInits()[0] == padded) {
      m.fill = fill;
      continue;
    }
    auto interior = dyn_cast<memref::SubViewOp>(user);
    if (interior && !m.interior) {
      m.interior = interior;
      continue;
    }
    return std::nullopt;
  }
  if (!m.fill || !m.interior || !m.interior->hasOneUse() ||
      !matchPattern(m.fill.getDpsInputs()[0], m_AnyZeroFloat()))
    return std::nullopt;
  m.copy = dyn_cast<linalg::CopyOp>(*m.interior->user_begin());
  if (!m.copy || !m.copy.hasPureBufferSemantics() ||
      m.copy.getOutputs()[0] != m.interior.getResult())
    return std::nullopt;
  ArrayRef<int64_t> shape = type.getShape();
  SmallVector<int64_t> offsets = {0, pads[0], pads[1], 0};
  SmallVector<int64_t> sizes = {shape[0], shape[1] - pads[0] - pads[2],
                                shape[2] - pads[1] - pads[3], shape[3]};
  if (m.interior.getStaticOffsets() != ArrayRef<int64_t>(offsets) ||
      m.interior.getStaticSizes() != ArrayRef<int64_t>(sizes) ||
      !llvm::all_of(m.interior.getStaticStrides(),
                    [](int64_t v) { return v == 1; }))
    return std::nullopt;
  Block *block = conv->getBlock();
  if (m.fill->getBlock() != block || m.copy->getBlock() != block ||
      !m.fill->isBeforeInBlock(m.copy) || !m.copy->isBeforeInBlock(conv))
    return std::nullopt;
  m.source = m.copy.getInputs()[0];
  return m;
}

namespace {

/// The init operand of the op that starts the destination-passing chain
/// producing `v` from a `tensor.empty`, or null.
OpOperand *chainRoot(Value v) {
  for (int depth = 0; depth < 8; ++depth) {
    auto result = dyn_cast<OpResult>(v);
    auto dps = result ? dyn_cast<DestinationStyleOpInterface>(result.getOwner())
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

/// Whether the op owning `init` writes every element of it without reading
/// it: a fill, or a generic whose body ignores the output's value.
bool overwritesInit(OpOperand *init) {
  Operation *op = init->getOwner();
  if (isa<linalg::FillOp>(op))
    return true;
  auto generic = dyn_cast<linalg::GenericOp>(op);
  if (!generic || generic.getNumReductionLoops() != 0)
    return false;
  return !generic.payloadUsesValueFromOperand(init);
}

/// `buffer` with `value` written everywhere except the box `insert` will
/// write: one fill per slab of the box's complement (before and after it
/// along each dimension, within the box along the earlier ones), each an
/// extract / fill / insert that bufferizes to a fill of a subview.
Value fillAround(OpBuilder &b, Location loc, Value value, Value buffer,
                 tensor::InsertSliceOp insert) {
  auto type = cast<RankedTensorType>(buffer.getType());
  ArrayRef<int64_t> offsets = insert.getStaticOffsets();
  ArrayRef<int64_t> sizes = insert.getStaticSizes();
  int64_t rank = type.getRank();
  Value t = buffer;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t lo = offsets[d], hi = offsets[d] + sizes[d];
    for (auto [begin, end] :
         {std::pair<int64_t, int64_t>{0, lo},
          std::pair<int64_t, int64_t>{hi, type.getDimSize(d)}}) {
      if (begin >= end)
        continue;
      SmallVector<int64_t> off, size;
      for (int64_t e = 0; e < rank; ++e) {
        if (e < d) {
          off.push_back(offsets[e]);
          size.push_back(sizes[e]);
        } else if (e == d) {
          off.push_back(begin);
          size.push_back(end - begin);
        } else {
          off.push_back(0);
          size.push_back(type.getDimSize(e));
        }
      }
      SmallVector<int64_t> ones(rank, 1);
      auto slabType = RankedTensorType::get(size, type.getElementType());
      Value slab = tensor::ExtractSliceOp::create(
          b, loc, slabType, t, ValueRange{}, ValueRange{}, ValueRange{}, off,
          size, ones);
      Value f = linalg::FillOp::create(b, loc, value, slab).getResult(0);
      t = tensor::InsertSliceOp::create(b, loc, f, t, ValueRange{},
                                        ValueRange{}, ValueRange{}, off, size,
                                        ones);
    }
  }
  return t;
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
      for (OpOperand &use :
           llvm::make_early_inc_range(llvm::drop_begin(empty->getUses()))) {
        OpBuilder b(use.getOwner());
        use.set(tensor::EmptyOp::create(b, empty.getLoc(),
                                        empty.getType().getShape(),
                                        empty.getType().getElementType()));
      }
    });
    SmallVector<tensor::InsertSliceOp> inserts;
    getOperation().walk(
        [&](tensor::InsertSliceOp op) { inserts.push_back(op); });
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
        def && !def->isBeforeInBlock(first) &&
        def->getBlock() == first->getBlock())
      return;
    if (first->getBlock() != insert->getBlock())
      return;

    OpBuilder b(first);
    Location loc = insert.getLoc();
    auto padded = cast<RankedTensorType>(alloc.getType());
    Value buffer =
        bufferization::AllocTensorOp::create(b, loc, padded, ValueRange{});
    // Fill only around the interior when the chain's first op overwrites
    // all of it without reading it (a bias broadcast, a fill): the rest of
    // a U-Net's fills was 1.7% of its time.
    bool staticBox =
        llvm::none_of(insert.getStaticOffsets(), ShapedType::isDynamic) &&
        llvm::none_of(insert.getStaticSizes(), ShapedType::isDynamic);
    Value filled =
        staticBox && overwritesInit(root)
            ? fillAround(b, loc, fillValue, buffer, insert)
            : linalg::FillOp::create(b, loc, fillValue, buffer).getResult(0);
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
