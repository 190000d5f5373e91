//===- FlattenFills.cpp - cnnc-flatten-fills pass -------------------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/Passes.h"

namespace cnnc {
#define GEN_PASS_DEF_CNNCFLATTENFILLS
#include "compiler/Codegen/Passes.h.inc"
} // namespace cnnc

using namespace mlir;

namespace {

/// The value a `linalg.map` without inputs writes everywhere, or null.
Value filledValue(linalg::MapOp map) {
  if (!map.getInputs().empty() || !map.hasPureBufferSemantics())
    return Value();
  Block &body = map.getMapper().front();
  if (body.getOperations().size() != 1)
    return Value();
  Value v = body.getTerminator()->getOperand(0);
  if (v.getParentRegion() == &map.getMapper())
    return Value();
  return v;
}

struct CnncFlattenFillsPass
    : public cnnc::impl::CnncFlattenFillsBase<CnncFlattenFillsPass> {
  void runOnOperation() override {
    getOperation().walk([](linalg::MapOp map) {
      if (Value v = filledValue(map)) {
        OpBuilder b(map);
        linalg::FillOp::create(b, map.getLoc(), v, map.getInit());
        map.erase();
      }
    });
    getOperation().walk([](linalg::FillOp fill) {
      if (!fill.hasPureBufferSemantics())
        return;
      OpBuilder b(fill);
      Value flat =
          cnnc::flattenContiguous(b, fill.getLoc(), fill.getDpsInits()[0]);
      if (!flat)
        return;
      linalg::FillOp::create(b, fill.getLoc(), fill.getDpsInputs()[0], flat);
      fill.erase();
    });
  }
};

} // namespace
