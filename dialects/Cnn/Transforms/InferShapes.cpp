//===- InferShapes.cpp - cnn-infer-shapes pass ----------------------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "Cnn/IR/CnnOpBuilder.h"
#include "Cnn/IR/CnnOps.h"
#include "Cnn/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

namespace cnnc::cnn {
#define GEN_PASS_DEF_CNNINFERSHAPES
#include "Cnn/Transforms/Passes.h.inc"
} // namespace cnnc::cnn

using namespace mlir;
using namespace cnnc::cnn;

namespace {

struct CnnInferShapesPass
    : public cnnc::cnn::impl::CnnInferShapesBase<CnnInferShapesPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      if (failed(refineFunction(func, module)))
        return signalPassFailure();
    }
  }

  LogicalResult refineFunction(func::FuncOp func, ModuleOp module) {
    for (BlockArgument arg : func.getArguments())
      if (failed(checkTensorLimits([&] { return emitError(func.getLoc()); },
                                   arg.getType(), "argument")))
        return failure();
    WalkResult walk = func.walk([&](Operation *op) {
      if (!isa<CnnDialect>(op->getDialect()))
        return WalkResult::advance();
      SmallVector<Type> types;
      if (failed(inferResultTypes(op, types)))
        return WalkResult::interrupt();
      for (Type type : types)
        if (failed(checkTensorLimits([&] { return op->emitOpError(); }, type,
                                     "result")))
          return WalkResult::interrupt();
      for (auto [result, type] : llvm::zip(op->getResults(), types))
        refineResult(result, type);
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return failure();

    auto ret = cast<func::ReturnOp>(func.getBody().back().getTerminator());
    SmallVector<Type> resultTypes(ret.getOperandTypes());
    if (resultTypes == func.getResultTypes())
      return success();
    if (SymbolTable::symbolKnownUseEmpty(func, module)) {
      func.setType(FunctionType::get(func.getContext(), func.getArgumentTypes(),
                                     resultTypes));
      return success();
    }
    // A called function keeps its signature.
    OpBuilder b(ret);
    for (auto [operand, type] :
         llvm::zip(ret->getOpOperands(), func.getResultTypes()))
      if (operand.get().getType() != type)
        operand.set(
            tensor::CastOp::create(b, ret.getLoc(), type, operand.get()));
    return success();
  }

  /// Sets `result` to `type`; users outside the cnn dialect (other than the
  /// return) keep the old type through a cast.
  void refineResult(Value result, Type inferred) {
    Type old = result.getType();
    // Keep what the old type knew where the rules could not tell.
    Type type = inferred;
    auto oldT = dyn_cast<RankedTensorType>(old);
    auto newT = dyn_cast<RankedTensorType>(inferred);
    if (oldT && newT && oldT.getRank() == newT.getRank()) {
      SmallVector<int64_t> shape(newT.getShape());
      for (auto [i, d] : llvm::enumerate(shape))
        if (ShapedType::isDynamic(d))
          d = oldT.getDimSize(i);
      type = newT.clone(shape);
    }
    if (old == type)
      return;
    result.setType(type);
    for (OpOperand &use : llvm::make_early_inc_range(result.getUses())) {
      Operation *user = use.getOwner();
      if (isa<CnnDialect>(user->getDialect()) || isa<func::ReturnOp>(user))
        continue;
      OpBuilder b(user);
      use.set(tensor::CastOp::create(b, user->getLoc(), old, result));
    }
  }
};
} // namespace
