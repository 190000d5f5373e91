//===- PlanMemory.cpp - cnnc-plan-memory pass -----------------------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/Passes.h"

#include "mlir/Interfaces/ViewLikeInterface.h"

namespace cnnc {
#define GEN_PASS_DEF_CNNCPLANMEMORY
#include "compiler/Codegen/Passes.h.inc"
} // namespace cnnc

using namespace mlir;

namespace {

constexpr int64_t kAlignment = 64;

struct Buffer {
  memref::AllocOp alloc;
  int64_t bytes = 0;
  int64_t first = 0, last = 0; // live range in body op positions
  int64_t offset = 0;
};

/// Tensors are at most 2^47 bytes (cnn::kMaxTensorBytes); so is the arena.
constexpr int64_t kMaxArenaBytes = int64_t(1) << 47;

struct CnncPlanMemoryPass
    : public cnnc::impl::CnncPlanMemoryBase<CnncPlanMemoryPass> {
  using CnncPlanMemoryBase::CnncPlanMemoryBase;

  /// The arena's size against the limit, and the layers that write the
  /// buffers live at the plan's peak (the op position where the most bytes
  /// are live; the arena is at least that, more where offsets leave gaps).
  void reportPeak(func::FuncOp func, ArrayRef<Buffer> buffers,
                  int64_t arenaBytes, int64_t limit) {
    auto liveAt = [&](int64_t pos) {
      int64_t bytes = 0;
      for (const Buffer &b : buffers)
        if (b.first <= pos && pos <= b.last)
          bytes += b.bytes;
      return bytes;
    };
    int64_t peakPos = 0, peak = -1;
    for (const Buffer &b : buffers)
      if (int64_t live = liveAt(b.first); live > peak) {
        peak = live;
        peakPos = b.first;
      }
    SmallVector<std::string> layers;
    for (const Buffer &b : buffers) {
      if (b.first > peakPos || peakPos > b.last)
        continue;
      std::string where =
          cnnc::describeLocation(const_cast<Buffer &>(b).alloc.getLoc());
      if (!where.empty() && !llvm::is_contained(layers, where))
        layers.push_back(where);
    }
    InFlightDiagnostic diag = func.emitError();
    diag << "the planned arena needs " << arenaBytes << " bytes, more than "
         << (limit == kMaxArenaBytes ? "the 2^47-byte limit"
                                     : "--max-arena=" + std::to_string(limit))
         << "; at its peak " << std::max<int64_t>(peak, 0) << " bytes are live";
    if (!layers.empty()) {
      diag << ", written by ";
      llvm::interleaveComma(ArrayRef(layers).take_front(8), diag);
      if (layers.size() > 8)
        diag << " and " << layers.size() - 8 << " more";
    }
  }

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    Block &body = func.getBody().front();
    llvm::DenseMap<Operation *, int64_t> position;
    for (auto [i, op] : llvm::enumerate(body))
      position[&op] = i;

    SmallVector<Buffer> buffers;
    bool failedAny = false;
    func.walk([&](memref::AllocOp alloc) {
      MemRefType type = alloc.getType();
      if (alloc->getBlock() != &body || !type.hasStaticShape() ||
          !type.getLayout().isIdentity()) {
        alloc.emitError() << "cannot be planned into the arena (it is "
                             "inside a region or has a dynamic shape)";
        failedAny = true;
        return;
      }
      Buffer buf;
      buf.alloc = alloc;
      int64_t eltBits = type.getElementTypeBitWidth();
      buf.bytes = type.getNumElements() * std::max<int64_t>(eltBits / 8, 1);
      buf.first = buf.last = -1;
      // Walk the buffer and every view of it; a use counts at the position of
      // its top-level ancestor op.
      SmallVector<Value> worklist = {alloc.getResult()};
      while (!worklist.empty()) {
        Value v = worklist.pop_back_val();
        for (Operation *user : v.getUsers()) {
          Operation *top = body.findAncestorOpInBlock(*user);
          int64_t pos = position.lookup(top);
          buf.first = buf.first < 0 ? pos : std::min(buf.first, pos);
          buf.last = std::max(buf.last, pos);
          if (auto view = dyn_cast<ViewLikeOpInterface>(user))
            if (view.getViewSource() == v)
              for (Value r : user->getResults())
                worklist.push_back(r);
        }
      }
      if (buf.first < 0)
        buf.first = buf.last = position.lookup(alloc);
      buffers.push_back(buf);
    });
    if (failedAny)
      return signalPassFailure();
    // A conv that may read its padded input's source directly (see
    // matchPadCopy) needs that source until the conv, not just the copy.
    func.walk([&](linalg::GenericOp conv) {
      std::optional<cnnc::PadCopy> pad = cnnc::matchPadCopy(conv);
      if (!pad)
        return;
      // (The source is often the real channels of a channel-padded
      // buffer: a subview.)
      Value source = pad->source;
      if (auto slice = source.getDefiningOp<memref::SubViewOp>())
        source = slice.getSource();
      memref::AllocOp alloc = cnnc::reshapedAllocation(source);
      if (!alloc)
        return;
      int64_t pos = position.lookup(body.findAncestorOpInBlock(*conv));
      for (Buffer &buf : buffers)
        if (buf.alloc == alloc)
          buf.last = std::max(buf.last, pos);
    });

    // Largest first, each at the lowest aligned offset that does not collide
    // with an already placed buffer live at the same time.
    SmallVector<Buffer *> order;
    for (Buffer &b : buffers)
      order.push_back(&b);
    llvm::sort(order, [](Buffer *a, Buffer *b) {
      return a->bytes != b->bytes ? a->bytes > b->bytes : a->first < b->first;
    });
    SmallVector<Buffer *> placed;
    int64_t arenaBytes = 0;
    for (Buffer *buf : order) {
      SmallVector<std::pair<int64_t, int64_t>> taken;
      for (Buffer *p : placed)
        if (p->first <= buf->last && buf->first <= p->last)
          taken.push_back({p->offset, p->offset + p->bytes});
      llvm::sort(taken);
      int64_t offset = 0;
      for (auto [begin, end] : taken) {
        if (offset + buf->bytes <= begin)
          break;
        offset = std::max<int64_t>(offset, llvm::alignTo(end, kAlignment));
      }
      buf->offset = offset;
      arenaBytes = std::max(arenaBytes, offset + buf->bytes);
      placed.push_back(buf);
    }
    arenaBytes = std::max<int64_t>(
        (int64_t)llvm::alignTo(arenaBytes, kAlignment), kAlignment);
    int64_t limit = maxBytes > 0 ? std::min<int64_t>(maxBytes, kMaxArenaBytes)
                                 : kMaxArenaBytes;
    if (arenaBytes > limit) {
      reportPeak(func, buffers, arenaBytes, limit);
      return signalPassFailure();
    }

    // The arena becomes the last argument.
    MLIRContext *ctx = &getContext();
    auto arenaType = MemRefType::get({arenaBytes}, IntegerType::get(ctx, 8));
    unsigned argIndex = func.getNumArguments();
    if (failed(func.insertArgument(argIndex, arenaType,
                                   DictionaryAttr::get(ctx), func.getLoc())))
      return signalPassFailure();
    func.setArgAttr(argIndex, "cnn.name", StringAttr::get(ctx, "arena"));
    Value arena = func.getArgument(argIndex);
    for (Buffer &buf : buffers) {
      OpBuilder b(buf.alloc);
      Value offset =
          arith::ConstantIndexOp::create(b, buf.alloc.getLoc(), buf.offset);
      Value view =
          memref::ViewOp::create(b, buf.alloc.getLoc(), buf.alloc.getType(),
                                 arena, offset, ValueRange{});
      buf.alloc.replaceAllUsesWith(view);
      buf.alloc.erase();
    }
    // Deallocations (if any pass inserted them) no longer apply.
    func.walk([](memref::DeallocOp dealloc) { dealloc.erase(); });
    func->setAttr("cnnc.arena_bytes",
                  IntegerAttr::get(IntegerType::get(ctx, 64), arenaBytes));
  }
};
} // namespace
