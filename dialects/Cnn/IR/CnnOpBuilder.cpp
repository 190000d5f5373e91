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
  if (auto pool = dyn_cast<MaxPoolOp>(op)) {
    // max_pool's optional second result keeps it out of
    // InferTypeOpInterface; its builder applies the same rules.
    OpBuilder b(op->getContext());
    OperationState state(op->getLoc(), op->getName());
    MaxPoolOp::build(b, state, pool.getInput(), pool.getKernelShape(),
                     pool.getStrides().value_or(ArrayRef<int64_t>{}),
                     pool.getDilations().value_or(ArrayRef<int64_t>{}),
                     pool.getPads().value_or(ArrayRef<int64_t>{}),
                     pool.getCeilMode(), op->getNumResults() == 2);
    types.append(state.types.begin(), state.types.end());
    // The builder cannot fail; it leaves unknown sizes where the rules do.
    return pool.verify();
  }
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
  // The max_pool rules run inside its verifier, which reads the result types.
  if (auto pool = dyn_cast<MaxPoolOp>(op)) {
    OperationState st(loc, name);
    MaxPoolOp::build(builder, st, pool.getInput(), pool.getKernelShape(),
                     pool.getStrides().value_or(ArrayRef<int64_t>{}),
                     pool.getDilations().value_or(ArrayRef<int64_t>{}),
                     pool.getPads().value_or(ArrayRef<int64_t>{}),
                     pool.getCeilMode(), numResults == 2);
    for (auto [r, t] : llvm::zip(op->getResults(), st.types))
      r.setType(t);
  } else if (failed(inferResultTypes(op, types)) ||
             types.size() != numResults) {
    if (!types.empty() && types.size() != numResults)
      emitError(loc) << "'" << name << "' op produces " << types.size()
                     << " results, expected " << numResults;
    op->erase();
    return nullptr;
  } else {
    for (auto [r, t] : llvm::zip(op->getResults(), types))
      r.setType(t);
  }
  if (failed(verify(op, /*verifyRecursively=*/false))) {
    op->erase();
    return nullptr;
  }
  return op;
}

} // namespace cnnc::cnn
