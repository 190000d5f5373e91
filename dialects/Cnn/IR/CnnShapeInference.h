//===- CnnShapeInference.h - shape rules of the cnn ops ---------*- C++ -*-===//
//
// Part of cnnc.
//
/// \file
/// The shape rules of ONNX, as plain functions on dimension lists. The ops'
/// `inferReturnTypes` call them (so verification and builders agree), and the
/// front ends can call them to check a layer before building it. A dimension
/// may be `kDynamic`; rules propagate it and skip checks that need its value.
/// Every function reports a failure through `emitError`, which returns an
/// inactive diagnostic when no location is at hand.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_DIALECTS_CNN_IR_CNNSHAPEINFERENCE_H
#define CNNC_DIALECTS_CNN_IR_CNNSHAPEINFERENCE_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/TypeRange.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <functional>
#include <optional>

namespace cnnc::cnn {

enum class AutoPad : uint32_t;

using EmitErrorFn = llvm::function_ref<mlir::InFlightDiagnostic()>;
using Shape = llvm::SmallVector<int64_t, 6>;
inline constexpr int64_t kDynamic = mlir::ShapedType::kDynamic;

/// Limits on what a model may ask for: any dimension (and window attribute)
/// at most 2^31, any tensor at most 2^47 bytes. Within them no size, product
/// or offset the compiler computes overflows int64.
inline constexpr int64_t kMaxDimension = int64_t(1) << 31;
inline constexpr int64_t kMaxTensorBytes = int64_t(1) << 47;

/// Checks `type` (a tensor; other types pass) against the limits above,
/// reporting "<what> ... exceeds ..." through `emitError`.
mlir::LogicalResult checkTensorLimits(EmitErrorFn emitError, mlir::Type type,
                                      llvm::StringRef what);

/// Returns an error emitter for `loc` that prefixes "'<opName>' op ", like an
/// op verifier; without a location it returns inactive diagnostics.
std::function<mlir::InFlightDiagnostic()>
makeOpErrorFn(std::optional<mlir::Location> loc, llvm::StringRef opName);

/// Result types are compatible when they agree except where either side has a
/// dynamic dimension (used by every shape-inferring op's verifier).
bool areCompatibleResultTypes(mlir::TypeRange lhs, mlir::TypeRange rhs);

/// Runs `infer` (which reports its own errors) and checks the op's result
/// types against the inferred ones, with one error either way.
mlir::LogicalResult verifyInferredTypes(
    mlir::Operation *op,
    llvm::function_ref<mlir::LogicalResult(llvm::SmallVectorImpl<mlir::Type> &)>
        infer);

/// Maps `axis` in [-rank, rank) (or [-rank, rank] with `inclusiveEnd`) to a
/// non-negative axis.
mlir::FailureOr<int64_t> normalizeAxis(EmitErrorFn emitError, int64_t axis,
                                       int64_t rank, llvm::StringRef what,
                                       bool inclusiveEnd = false);

/// Sliding-window attributes of conv and pooling ops over `n` spatial dims,
/// with ONNX defaults filled in (strides and dilations 1, pads 0).
struct WindowParams {
  Shape kernel;
  Shape strides;
  Shape dilations;
  /// Begins of every spatial dimension, then the ends.
  Shape pads;
  bool ceilMode = false;
};

/// Fills defaults and checks the sizes and values of the window attributes.
mlir::LogicalResult
buildWindowParams(EmitErrorFn emitError, size_t n,
                  std::optional<llvm::ArrayRef<int64_t>> strides,
                  std::optional<llvm::ArrayRef<int64_t>> dilations,
                  std::optional<llvm::ArrayRef<int64_t>> pads,
                  WindowParams &params);

/// Resolves `autoPad` into explicit `params.pads` for the spatial sizes `in`
/// (ONNX Conv/Pool rule: output ceil(in / stride), the odd element of the
/// total padding at the end for same_upper, at the beginning for same_lower).
/// Pads stay unknown (kDynamic) for a dynamic input size.
void resolveAutoPad(llvm::ArrayRef<int64_t> in, AutoPad autoPad,
                    WindowParams &params);

/// Padding of a transposed convolution over spatial input `in` (ONNX
/// ConvTranspose): from `outputShape` (spatial sizes) or `same_*` auto_pad the
/// total padding `s(in-1) + output_padding + d(k-1) + 1 - out` is split with
/// the odd element at the beginning, except for same_upper; otherwise
/// `params.pads` (zeros for valid). A negative total (an output larger than
/// the full transposed convolution, which ONNX allows) becomes extra
/// `outputPadding` at the end.
struct ConvTransposePadding {
  Shape pads;
  Shape outputPadding;
};
mlir::FailureOr<ConvTransposePadding> resolveConvTransposePads(
    EmitErrorFn emitError, llvm::ArrayRef<int64_t> in,
    const WindowParams &params, llvm::ArrayRef<int64_t> outputPadding,
    std::optional<llvm::ArrayRef<int64_t>> outputShape, AutoPad autoPad);

/// Output size of each window dimension:
/// floor((in + pb + pe - d(k-1) - 1) / s) + 1 (ceil with `ceilMode`, dropping
/// a last window that starts in the end padding). Fails when the dilated
/// kernel does not fit in the padded input. With `isPool`, also rejects pads
/// that are not smaller than the dilated kernel (windows of padding only).
mlir::FailureOr<Shape> inferWindowOutput(EmitErrorFn emitError,
                                         llvm::ArrayRef<int64_t> in,
                                         const WindowParams &params,
                                         bool isPool);

/// Numpy (multidirectional) broadcast of all `shapes`.
mlir::FailureOr<Shape>
broadcastShapes(EmitErrorFn emitError,
                llvm::ArrayRef<llvm::ArrayRef<int64_t>> shapes);

/// Checks that `from` broadcasts to `to` without changing `to`.
mlir::LogicalResult checkUnidirectionalBroadcast(EmitErrorFn emitError,
                                                 llvm::ArrayRef<int64_t> from,
                                                 llvm::ArrayRef<int64_t> to,
                                                 llvm::StringRef what);

/// ONNX Reshape: `0` copies the input dimension (unless `allowZero`), `-1`
/// is inferred.
mlir::FailureOr<Shape> inferReshape(EmitErrorFn emitError,
                                    llvm::ArrayRef<int64_t> in,
                                    llvm::ArrayRef<int64_t> shape,
                                    bool allowZero);

/// ONNX Slice with clamping; `axes`/`steps` may be empty for the defaults.
mlir::FailureOr<Shape> inferSlice(EmitErrorFn emitError,
                                  llvm::ArrayRef<int64_t> in,
                                  llvm::ArrayRef<int64_t> starts,
                                  llvm::ArrayRef<int64_t> ends,
                                  std::optional<llvm::ArrayRef<int64_t>> axes,
                                  std::optional<llvm::ArrayRef<int64_t>> steps);

/// Element count of a static shape, or kDynamic.
int64_t numElements(llvm::ArrayRef<int64_t> shape);

} // namespace cnnc::cnn

#endif // CNNC_DIALECTS_CNN_IR_CNNSHAPEINFERENCE_H
