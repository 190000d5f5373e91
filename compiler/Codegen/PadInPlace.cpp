//===- PadInPlace.cpp - cnnc-pad-in-place pass ----------------------------===//
//
// Part of cnnc.
//
/// A conv or pool whose input needs padding reads a fresh buffer: filled,
/// then the producer's result copied into its interior - a pass over the
/// activation that does no arithmetic (12% of MobileNetV2's time). When
/// the producer's result is a chain of destination-passing ops that starts
/// from a `tensor.empty` (or of insertions into an uninitialized buffer of
/// values computed in slices of it: a Winograd output's bands of rows),
/// and its (maybe channel-blocked) result is exactly
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
#include "mlir/IR/IRMapping.h"
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

/// Whether the op owning `init` writes every element of it without reading
/// it: a linalg op without reductions whose body ignores the output's value
/// (a fill, a generic, the transpose of the graph's NCHW input into a
/// stem conv's padded NHWC buffer: filling all of that cost 0.03-0.05 ms
/// per model, 1% of ShuffleNetV2's time).
bool overwritesInit(OpOperand *init) {
  auto op = dyn_cast<linalg::LinalgOp>(init->getOwner());
  if (!op || op.getNumReductionLoops() != 0)
    return false;
  return !op.payloadUsesValueFromOperand(init);
}

/// Whether `inserts` write every element of their (common) destination:
/// static unit-stride boxes, pairwise disjoint and together as large as it.
bool tileDestination(MutableArrayRef<tensor::InsertSliceOp> inserts) {
  auto type = inserts.front().getDestType();
  if (!type.hasStaticShape())
    return false;
  int64_t covered = 0;
  for (auto [i, insert] : llvm::enumerate(inserts)) {
    if (!insert.hasUnitStride() ||
        llvm::any_of(insert.getStaticOffsets(), ShapedType::isDynamic) ||
        llvm::any_of(insert.getStaticSizes(), ShapedType::isDynamic))
      return false;
    int64_t volume = 1;
    for (int64_t size : insert.getStaticSizes())
      volume *= size;
    covered += volume;
    for (tensor::InsertSliceOp other : inserts.take_front(i)) {
      bool apart = false;
      for (int64_t d = 0; d < type.getRank(); ++d) {
        int64_t lo = insert.getStaticOffsets()[d],
                hi = lo + insert.getStaticSizes()[d];
        int64_t otherLo = other.getStaticOffsets()[d],
                otherHi = otherLo + other.getStaticSizes()[d];
        apart |= hi <= otherLo || otherHi <= lo;
      }
      if (!apart)
        return false;
    }
  }
  return covered == type.getNumElements();
}

/// Whether `insert` puts back the result of a linalg op that computed it in
/// a slice of the insertion's destination or of the chain's `start` (the
/// bands of a Winograd output): bufferization then writes it in place. (A
/// concatenation's operands are computed in buffers of their own;
/// cnnc-elide-copies writes them into the concatenation on buffers, which it
/// cannot do once that is the interior of a padded one.)
bool computedInPlace(tensor::InsertSliceOp insert, Value start) {
  auto result = dyn_cast<OpResult>(insert.getSource());
  auto dps = result ? dyn_cast<DestinationStyleOpInterface>(result.getOwner())
                    : DestinationStyleOpInterface();
  if (!dps || !isa<linalg::LinalgOp>(result.getOwner()))
    return false;
  auto slice = dps.getTiedOpOperand(result)
                   ->get()
                   .getDefiningOp<tensor::ExtractSliceOp>();
  return slice &&
         (slice.getSource() == insert.getDest() || slice.getSource() == start);
}

/// The start of the chain that produces a value: the `tensor.empty` or
/// uninitialized `bufferization.alloc_tensor` it grows from, the operand
/// of the chain's first op that reads it, and whether the chain writes all
/// of it before anything reads it.
struct Chain {
  Value start;
  OpOperand *root = nullptr;
  bool overwrites = false;
};

/// The chain of destination-passing ops producing `v`: linalg ops through
/// their tied inits, and `tensor.insert_slice` chains through their
/// destinations, back to an empty tensor (`root` null when there is none).
Chain chainOf(Value v) {
  Chain chain;
  SmallVector<tensor::InsertSliceOp> inserts;
  for (int depth = 0; depth < 32; ++depth) {
    OpOperand *init = nullptr;
    if (auto insert = v.getDefiningOp<tensor::InsertSliceOp>()) {
      inserts.push_back(insert);
      init = &insert.getDestMutable();
    } else {
      // (Linalg ops may follow the insertions, not precede them.)
      if (!inserts.empty())
        return chain;
      auto result = dyn_cast<OpResult>(v);
      auto dps = result
                     ? dyn_cast<DestinationStyleOpInterface>(result.getOwner())
                     : DestinationStyleOpInterface();
      if (!dps || !isa<linalg::LinalgOp>(result.getOwner()))
        return chain;
      init = dps.getTiedOpOperand(result);
    }
    Value start = init->get();
    auto alloc = start.getDefiningOp<bufferization::AllocTensorOp>();
    if (start.getDefiningOp<tensor::EmptyOp>() ||
        (alloc && !alloc.getCopy() && alloc.getDynamicSizes().empty())) {
      if (llvm::any_of(inserts, [&](tensor::InsertSliceOp insert) {
            return !computedInPlace(insert, start);
          }))
        return chain;
      chain.start = start;
      chain.root = init;
      // (An empty start's values are undefined: where insertions cover it
      // all, what filled the interior before them is never seen.)
      chain.overwrites =
          inserts.empty() ? overwritesInit(init) : tileDestination(inserts);
      return chain;
    }
    v = start;
  }
  return chain;
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
    // Likewise one fill per destination: CSE merges two pools' identical
    // -inf fills (GoogLeNet's 3x3/2 max pool and the 3x3/1 max pool of the
    // inception branch after it), and bufferization then fills one buffer
    // and copies it into the other (0.06 ms of GoogLeNet's 20).
    // Each copy goes right before its user, where cnnc-vectorize-pool finds
    // it and replaces it by the accumulators' start value.
    SmallVector<linalg::FillOp> fills;
    getOperation().walk([&](linalg::FillOp fill) {
      if (fill.hasPureTensorSemantics() && !fill->hasOneUse())
        fills.push_back(fill);
    });
    for (linalg::FillOp fill : fills) {
      for (OpOperand &use : llvm::make_early_inc_range(fill->getUses())) {
        auto user = dyn_cast<DestinationStyleOpInterface>(use.getOwner());
        if (!user || !user.isDpsInit(&use))
          continue;
        OpBuilder b(use.getOwner());
        IRMapping map;
        if (auto empty = fill.getDpsInits()[0].getDefiningOp<tensor::EmptyOp>())
          map.map(empty.getResult(), b.clone(*empty)->getResult(0));
        Operation *copy = b.clone(*fill, map);
        use.set(copy->getResult(0));
      }
      if (fill->use_empty()) {
        Operation *init = fill.getDpsInits()[0].getDefiningOp();
        fill.erase();
        if (init && isa<tensor::EmptyOp>(init) && init->use_empty())
          init->erase();
      }
    }
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

  /// Where the inserted value is no chain that can write the interior (a
  /// function argument: a one-layer NHWC model's input into its max pool's
  /// -inf border; 0.174 -> 0.143 ms), the insertion still copies it over
  /// the whole interior: the buffer is filled around it only. Not zero
  /// padding: a conv reads such a copy's source instead, dropping the whole
  /// fill and the copy (matchPadCopy).
  static void fillAroundCopy(tensor::InsertSliceOp insert, linalg::FillOp fill,
                             Value alloc) {
    if (llvm::any_of(insert.getStaticOffsets(), ShapedType::isDynamic) ||
        llvm::any_of(insert.getStaticSizes(), ShapedType::isDynamic) ||
        matchPattern(fill.getDpsInputs()[0], m_AnyZeroFloat()))
      return;
    OpBuilder b(fill);
    insert.getDestMutable().assign(
        fillAround(b, fill.getLoc(), fill.getDpsInputs()[0], alloc, insert));
    fill.erase();
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
    Chain chain = chainOf(produced);
    if (!chain.root)
      return fillAroundCopy(insert, fill, alloc);
    // The padded buffer replaces the chain's start; it is made just before
    // the start's first user (an alloc_tensor start may have several: the
    // bands of a Winograd output each write a slice of it).
    Operation *start = chain.start.getDefiningOp();
    if (start->getBlock() != insert->getBlock() ||
        llvm::any_of(chain.start.getUsers(), [&](Operation *user) {
          return user->getBlock() != start->getBlock();
        }))
      return fillAroundCopy(insert, fill, alloc);
    Operation *first = *chain.start.getUsers().begin();
    for (Operation *user : chain.start.getUsers())
      if (user->isBeforeInBlock(first))
        first = user;
    Value fillValue = fill.getDpsInputs()[0];
    if (Operation *def = fillValue.getDefiningOp();
        def && def->getBlock() == first->getBlock() &&
        !def->isBeforeInBlock(first))
      return fillAroundCopy(insert, fill, alloc);

    OpBuilder b(first);
    Location loc = insert.getLoc();
    auto padded = cast<RankedTensorType>(alloc.getType());
    Value buffer =
        bufferization::AllocTensorOp::create(b, loc, padded, ValueRange{});
    // Fill only around the interior when the chain writes all of it
    // without reading it (a bias broadcast, a fill, the bands of a
    // Winograd output): the rest of a U-Net's fills was 1.7% of its time.
    bool staticBox =
        llvm::none_of(insert.getStaticOffsets(), ShapedType::isDynamic) &&
        llvm::none_of(insert.getStaticSizes(), ShapedType::isDynamic);
    Value filled =
        staticBox && chain.overwrites
            ? fillAround(b, loc, fillValue, buffer, insert)
            : linalg::FillOp::create(b, loc, fillValue, buffer).getResult(0);
    Value slot = tensor::ExtractSliceOp::create(
        b, loc, insert.getSourceType(), filled, insert.getMixedOffsets(),
        insert.getMixedSizes(), insert.getMixedStrides());
    if (collapse)
      slot = tensor::ExpandShapeOp::create(b, loc, collapse.getSrcType(), slot,
                                           collapse.getReassociationIndices());
    chain.start.replaceAllUsesWith(slot);
    start->erase();
    insert.getDestMutable().assign(filled);
    fill.erase();
    alloc.getDefiningOp()->erase();
  }
};

} // namespace
