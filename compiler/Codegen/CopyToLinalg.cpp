//===- CopyToLinalg.cpp - cnnc-copy-to-linalg pass ------------------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/Passes.h"

#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"

namespace cnnc {
#define GEN_PASS_DEF_CNNCCOPYTOLINALG
#include "compiler/Codegen/Passes.h.inc"
} // namespace cnnc

using namespace mlir;

Value cnnc::flattenContiguous(OpBuilder &b, Location loc, Value v) {
  auto type = dyn_cast<MemRefType>(v.getType());
  if (!type || type.getRank() < 2 ||
      !memref::isStaticShapeAndContiguousRowMajor(type))
    return Value();
  SmallVector<ReassociationIndices> all(1);
  for (int64_t i = 0; i < type.getRank(); ++i)
    all[0].push_back(i);
  return memref::CollapseShapeOp::create(b, loc, v, all);
}

namespace {

struct CnncCopyToLinalgPass
    : public cnnc::impl::CnncCopyToLinalgBase<CnncCopyToLinalgPass> {
  void runOnOperation() override {
    getOperation().walk([](memref::CopyOp copy) {
      OpBuilder b(copy);
      Location loc = copy.getLoc();
      Value source = copy.getSource(), target = copy.getTarget();
      // A copy onto itself (a producer that wrote its consumer's padded
      // input in place, see cnnc-pad-in-place; CSE runs before).
      if (source == target) {
        copy.erase();
        return;
      }
      // Contiguous buffers (the copy of a result into the caller's output)
      // are copied as one flat range: one loop LLVM turns into memcpy,
      // instead of a 4-D nest of scalar moves.
      Value flatSource = cnnc::flattenContiguous(b, loc, source);
      Value flatTarget =
          flatSource ? cnnc::flattenContiguous(b, loc, target) : Value();
      if (flatSource && flatTarget) {
        source = flatSource;
        target = flatTarget;
      } else {
        if (flatSource)
          flatSource.getDefiningOp()->erase();
      }
      linalg::CopyOp::create(b, loc, source, target);
      copy.erase();
    });
  }
};
} // namespace
