//===- Utils.h - helpers shared by the cnn to linalg patterns ---*- C++ -*-===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_COMPILER_CONVERSION_CNNTOLINALG_UTILS_H
#define CNNC_COMPILER_CONVERSION_CNNTOLINALG_UTILS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

namespace cnnc {

using BodyBuilder = llvm::function_ref<mlir::Value(
    mlir::OpBuilder &, mlir::Location, mlir::ValueRange)>;

inline mlir::RankedTensorType tensorType(mlir::Value v) {
  return llvm::cast<mlir::RankedTensorType>(v.getType());
}

/// A float constant of `type` (scalar float type).
mlir::Value floatConst(mlir::OpBuilder &b, mlir::Location loc, mlir::Type type,
                       double value);
mlir::Value indexConst(mlir::OpBuilder &b, mlir::Location loc, int64_t value);

/// tensor.empty of `type`.
mlir::Value emptyTensor(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::RankedTensorType type);
/// tensor.empty of `type` filled with `value` (linalg.fill).
mlir::Value filledTensor(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::RankedTensorType type, mlir::Value value);

/// The indexing map reading an operand of shape `in` for a loop nest over
/// `out` with numpy broadcasting (aligned right, size-1 dims read index 0).
mlir::AffineMap broadcastMap(mlir::MLIRContext *ctx, llvm::ArrayRef<int64_t> in,
                             llvm::ArrayRef<int64_t> out);

llvm::SmallVector<mlir::utils::IteratorType> parallelIterators(unsigned count);

/// Elementwise linalg.generic over `resultType` reading `inputs` with numpy
/// broadcasting; `body` maps the scalar inputs to the scalar result.
mlir::Value buildElementwise(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::ValueRange inputs,
                             mlir::RankedTensorType resultType,
                             BodyBuilder body);

/// tensor.pad of `input` with constant `value`, `low`/`high` per dimension
/// (all of them). Returns `input` when nothing is padded.
mlir::Value padConstant(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::Value input, llvm::ArrayRef<int64_t> low,
                        llvm::ArrayRef<int64_t> high, mlir::Value value);

/// `input` padded by `low`/`high` with `value` as a fresh buffer
/// (`bufferization.alloc_tensor`, filled, the input inserted): the form
/// cnnc-pad-in-place lets the producer write straight into. `input` unchanged
/// when every pad is zero.
mlir::Value paddedBuffer(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value input, llvm::ArrayRef<int64_t> low,
                         llvm::ArrayRef<int64_t> high, mlir::Value value);

/// Reshapes a static tensor by collapsing it to 1-D and expanding to `type`
/// (any reshape of equal element count).
mlir::Value reshapeTensor(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value input, mlir::RankedTensorType type);

/// The most negative finite value of a float type (initial value of max
/// reductions).
/// A tensor of `type` whose element at index i is `input` at
/// `inputMap(i)` (transposes, packings, broadcasts as one copying generic).
mlir::Value mappedCopy(mlir::OpBuilder &b, mlir::Location loc,
                       mlir::Value input, mlir::AffineMap inputMap,
                       mlir::RankedTensorType type);

mlir::Value lowestFloat(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::Type type);

} // namespace cnnc

#endif // CNNC_COMPILER_CONVERSION_CNNTOLINALG_UTILS_H
