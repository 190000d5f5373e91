//===- CnnDialect.h - cnn dialect declaration -------------------*- C++ -*-===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_DIALECTS_CNN_IR_CNNDIALECT_H
#define CNNC_DIALECTS_CNN_IR_CNNDIALECT_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectImplementation.h"

#include "Cnn/IR/CnnDialect.h.inc"
#include "Cnn/IR/CnnEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "Cnn/IR/CnnAttrs.h.inc"

#endif // CNNC_DIALECTS_CNN_IR_CNNDIALECT_H
