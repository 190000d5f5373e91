//===- CnnDialect.cpp - cnn dialect registration --------------------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "Cnn/IR/CnnDialect.h"
#include "Cnn/IR/CnnOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace cnnc::cnn;

#include "Cnn/IR/CnnDialect.cpp.inc"
#include "Cnn/IR/CnnEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "Cnn/IR/CnnAttrs.cpp.inc"

void CnnDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "Cnn/IR/CnnOps.cpp.inc"
      >();
  registerAttributes();
}

void CnnDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "Cnn/IR/CnnAttrs.cpp.inc"
      >();
}

Operation *CnnDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                           Type type, Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return ConstantOp::create(builder, loc, elements);
}
