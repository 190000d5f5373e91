//===- LegalizeEmptyArgs.cpp - cnnc-legalize-empty-args pass --------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/Passes.h"

namespace cnnc {
#define GEN_PASS_DEF_CNNCLEGALIZEEMPTYARGS
#include "compiler/Codegen/Passes.h.inc"
} // namespace cnnc

using namespace mlir;

namespace {
struct CnncLegalizeEmptyArgsPass
    : public cnnc::impl::CnncLegalizeEmptyArgsBase<CnncLegalizeEmptyArgsPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    Block &entry = func.getBody().front();
    SmallVector<Type> inputs(func.getArgumentTypes());
    for (auto [i, arg] : llvm::enumerate(entry.getArguments())) {
      auto type = dyn_cast<MemRefType>(arg.getType());
      if (!type || !type.hasStaticShape() || type.getNumElements() != 0)
        continue;
      auto one = MemRefType::get({1}, type.getElementType());
      arg.setType(one);
      inputs[i] = one;
      OpBuilder b(&entry, entry.begin());
      SmallVector<int64_t> strides(type.getRank(), 1);
      for (int64_t d = type.getRank() - 2; d >= 0; --d)
        strides[d] =
            strides[d + 1] * std::max<int64_t>(type.getDimSize(d + 1), 1);
      auto cast = memref::ReinterpretCastOp::create(
          b, func.getLoc(), type, arg, /*offset=*/0, type.getShape(), strides);
      arg.replaceAllUsesExcept(cast.getResult(), cast);
    }
    func.setType(
        FunctionType::get(&getContext(), inputs, func.getResultTypes()));
  }
};
} // namespace
