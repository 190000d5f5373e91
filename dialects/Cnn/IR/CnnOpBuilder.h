//===- CnnOpBuilder.h - building cnn ops from user input --------*- C++ -*-===//
//
// Part of cnnc.
//
/// \file
/// Front ends build cnn ops from user-controlled input. The generated
/// type-inferring builders abort when the shape rules fail; these helpers run
/// the rules first, report the failure at the op's location and return
/// failure instead, so a bad model gets an error, not a crash.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_DIALECTS_CNN_IR_CNNOPBUILDER_H
#define CNNC_DIALECTS_CNN_IR_CNNOPBUILDER_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Operation.h"

namespace cnnc::cnn {

/// Result types of a cnn op from its shape rules for its current operands and
/// attributes; reports the rule's error at the op on failure.
mlir::LogicalResult inferResultTypes(mlir::Operation *op,
                                     llvm::SmallVectorImpl<mlir::Type> &types);

/// Creates the cnn op `name` with `numResults` results whose types come from
/// the shape rules, and verifies it (attribute and type constraints). On
/// failure the error is reported at `loc`, nothing is left in the IR and
/// nullptr is returned.
mlir::Operation *createChecked(mlir::OpBuilder &builder, mlir::Location loc,
                               llvm::StringRef name, mlir::ValueRange operands,
                               llvm::ArrayRef<mlir::NamedAttribute> attributes,
                               unsigned numResults = 1);

} // namespace cnnc::cnn

#endif // CNNC_DIALECTS_CNN_IR_CNNOPBUILDER_H
