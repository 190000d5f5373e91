//===- CnnOpBuilder.cpp - building cnn ops from user input ----------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "Cnn/IR/CnnOpBuilder.h"
#include "Cnn/IR/CnnOps.h"

#include "mlir/IR/Verifier.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"

using namespace mlir;

namespace cnnc::cnn {

LogicalResult inferResultTypes(Operation *op, SmallVectorImpl<Type> &types) {
  // max_pool's optional second result keeps it out of InferTypeOpInterface.
  if (auto pool = dyn_cast<MaxPoolOp>(op))
    return pool.inferResultTypes(types, /*emitErrors=*/true);
  auto infer = dyn_cast<InferTypeOpInterface>(op);
  if (!infer)
    return op->emitOpError() << "has no shape rules";
  return infer.inferReturnTypes(op->getContext(), op->getLoc(),
                                op->getOperands(), op->getAttrDictionary(),
                                op->getPropertiesStorage(), op->getRegions(),
                                types);
}

Operation *createChecked(OpBuilder &builder, Location loc, StringRef name,
                         ValueRange operands,
                         ArrayRef<NamedAttribute> attributes,
                         unsigned numResults) {
  OperationState state(loc, name);
  state.addOperands(operands);
  state.addAttributes(attributes);
  // Placeholder result types; the rules replace them below.
  Type placeholder = NoneType::get(builder.getContext());
  state.addTypes(SmallVector<Type>(numResults, placeholder));
  Operation *op = builder.create(state);
  SmallVector<Type> types;
  if (!op->isRegistered()) {
    emitError(loc) << "unknown operation '" << name << "'";
    op->erase();
    return nullptr;
  }
  // ODS constraints first: the shape rules assume ranked tensor operands.
  // Result constraints fail on the placeholder, so check operands only.
  for (auto [i, v] : llvm::enumerate(operands)) {
    if (!isa<RankedTensorType>(v.getType())) {
      emitError(loc) << "'" << name << "' op operand #" << i
                     << " must be a ranked tensor, got " << v.getType();
      op->erase();
      return nullptr;
    }
  }
  if (failed(inferResultTypes(op, types)) || types.size() != numResults) {
    if (!types.empty() && types.size() != numResults)
      emitError(loc) << "'" << name << "' op produces " << types.size()
                     << " results, expected " << numResults;
    op->erase();
    return nullptr;
  }
  for (auto [r, t] : llvm::zip(op->getResults(), types)) {
    // A shape rule can multiply sizes up past what anything can hold
    // (Resize by 1e18): stop here, before any later phase loops over it.
    if (failed(checkTensorLimits(
            [&] { return emitError(loc) << "'" << name << "' op "; }, t,
            "result"))) {
      op->erase();
      return nullptr;
    }
    r.setType(t);
  }
  if (failed(verify(op, /*verifyRecursively=*/false))) {
    op->erase();
    return nullptr;
  }
  return op;
}

} // namespace cnnc::cnn
