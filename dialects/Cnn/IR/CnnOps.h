//===- CnnOps.h - cnn dialect operations ------------------------*- C++ -*-===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_DIALECTS_CNN_IR_CNNOPS_H
#define CNNC_DIALECTS_CNN_IR_CNNOPS_H

#include "Cnn/IR/CnnDialect.h"
#include "Cnn/IR/CnnShapeInference.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "Cnn/IR/CnnOps.h.inc"

#endif // CNNC_DIALECTS_CNN_IR_CNNOPS_H
