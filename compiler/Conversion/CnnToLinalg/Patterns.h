//===- Patterns.h - cnn to linalg conversion patterns -----------*- C++ -*-===//
//
// Part of cnnc.
//
/// \file
/// One populate function per op family; each lives in the file of the same
/// name. CnnToLinalg.cpp holds only the pass.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_COMPILER_CONVERSION_CNNTOLINALG_PATTERNS_H
#define CNNC_COMPILER_CONVERSION_CNNTOLINALG_PATTERNS_H

#include "Cnn/IR/CnnOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

#include <optional>
#include <vector>

namespace cnnc {

/// Constants, activations, broadcasting arithmetic (Elementwise.cpp).
void populateElementwisePatterns(mlir::RewritePatternSet &patterns);
/// Concat, split, slice, pad, reshapes, transpose, expand, gathers,
/// depth/space rearrangement (DataMovement.cpp).
void populateDataMovementPatterns(mlir::RewritePatternSet &patterns);
/// Convolution and transposed convolution (Convolution.cpp).
void populateConvolutionPatterns(mlir::RewritePatternSet &patterns);
/// Max/average/global pooling and unpooling (Pooling.cpp).
void populatePoolingPatterns(mlir::RewritePatternSet &patterns);
/// Batch norm, instance norm, LRN (Normalization.cpp).
void populateNormalizationPatterns(mlir::RewritePatternSet &patterns);
/// Softmax, log-softmax, reduce_mean, matmul, gemm (Reduction.cpp).
void populateReductionPatterns(mlir::RewritePatternSet &patterns);
/// Resize in every ONNX mode (Resize.cpp).
void populateResizePatterns(mlir::RewritePatternSet &patterns);

/// The NHWC packed-weight lowering of 2-D convolutions for a target with
/// `vectorBits`-wide registers (256 or 512; anything else adds nothing).
/// Which 3x3 stride-1 convs take the Winograd F(2x2, 3x3) form: none; those
/// where it measured faster on one thread and on all (16+ channels in and
/// out, maps of 7x7 and up); every one.
enum class WinogradPolicy { off, automatic, all };

/// It takes precedence over the generic convolution lowering. `root` is the
/// op the patterns will run on (its module is scanned once for weights that
/// several ops share, which packing must not free).
void populatePackedConvolutionPatterns(mlir::RewritePatternSet &patterns,
                                       unsigned vectorBits,
                                       WinogradPolicy winograd,
                                       mlir::Operation *root);

/// `kind` applied to the float `x` (scalar here; the same ops work on
/// vectors). prelu multiplies negative values by `slope` (the channel's,
/// read by the caller; params[0] when null).
mlir::Value buildActivation(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::Value x, cnn::Activation kind,
                            llvm::ArrayRef<float> params,
                            mlir::Value slope = {});

/// An op's optional `*_params` attribute as a list (empty when absent).
inline llvm::ArrayRef<float>
activationParams(std::optional<llvm::ArrayRef<float>> params) {
  return params ? *params : llvm::ArrayRef<float>();
}

/// A fused conv's epilogue on one accumulated value (bias included):
/// post_activation(activation(acc) + residual); `residual` may be null;
/// `slope` is the output channel's PRelu slope when one of the two is prelu
/// (at most one is).
mlir::Value buildEpilogue(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value acc, mlir::Value residual,
                          cnn::FusedConvOp op, mlir::Value slope = {});

/// The PRelu slopes of a fused conv whose activation or post_activation is
/// prelu, one per output channel, zero-padded to `channels`; empty
/// otherwise.
std::vector<float> preluSlopes(cnn::FusedConvOp op, int64_t channels);

/// If `nchw` is the NCHW view (a `linalg.transpose` marked `cnnc.nchw_view`,
/// see nchwView) of an NHWC tensor `[N, H, W, Cp]`, Cp >= C, that tensor:
/// its first C channels are the values, the others finite padding (packed
/// weights give them zero weight). Null otherwise.
mlir::Value nhwcSource(mlir::Value nchw);

/// The NCHW tensor `nchw` transposed to NHWC.
mlir::Value toNhwc(mlir::OpBuilder &b, mlir::Location loc, mlir::Value nchw);

/// Whether an NCHW input that is no NHWC view pays for a transpose to NHWC
/// (toNhwc) ahead of a lowering vectorized along channels: it is 4-D with
/// a vector's worth of channels (16) and at most 8 MB, so that it and its
/// transposed copy stay in L3. The NCHW lowerings of pooling and resizing
/// are scalar loop nests: a 64-channel 112x112 3x3/2 max pool ran in 0.62-
/// 0.74 ms, 0.21 ms transposed (Zen 4, one thread, with the transposes in
/// and out). At 224x224 (12.8 MB) a 2x2/2 max pool ran in 0.86-0.97 ms
/// in NCHW, reading its input once, and 2.2-2.4 ms transposed.
bool nhwcPays(mlir::Value nchw);

/// The first `c` channels of the NHWC tensor `nhwc` (itself when it has c).
mlir::Value firstChannelsOf(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::Value nhwc, int64_t c);

/// The NCHW view of `nhwc` `[N, H, W, Cp]` as `type` (its C channels); the
/// packed lowerings of the next ops read `nhwc` itself through nhwcSource,
/// and the view dies when no other op needs NCHW.
mlir::Value nchwView(mlir::OpBuilder &b, mlir::Location loc, mlir::Value nhwc,
                     mlir::RankedTensorType type);

/// An elementwise op over `operands` (NCHW-typed, adapted values) computed
/// in NHWC when at least one operand is an NHWC view of the result's size
/// and the others are such views, per-channel `[N or 1, C, 1, 1]` tensors or
/// scalars; returns the result's NCHW view, or null when that does not
/// apply. `body` must map finite values to finite values.
mlir::Value buildNhwcElementwise(
    mlir::OpBuilder &b, mlir::Location loc, mlir::ValueRange operands,
    mlir::RankedTensorType type,
    llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location,
                                   mlir::ValueRange)>
        body);

/// A fused conv's input (`input`, converted, NCHW-typed) with its prologue
/// `input_activation(x * input_scale + input_shift)` applied; `input` itself
/// when the op has none. NHWC inputs stay NHWC (the result is an NCHW view);
/// a channel concatenation is transformed piece by piece into a fresh
/// tensor, so the concatenation itself is not needed any more.
mlir::Value applyInputPrologue(mlir::OpBuilder &b, mlir::Location loc,
                               cnn::FusedConvOp op, mlir::Value input,
                               mlir::Value scale, mlir::Value shift);

/// NHWC concatenation and batch normalization (Layout.cpp).
void populateLayoutPatterns(mlir::RewritePatternSet &patterns);

/// An `arith.constant` of a 64-byte-aligned f32 resource blob.
mlir::Value f32ResourceConstant(mlir::OpBuilder &b, mlir::Location loc,
                                llvm::ArrayRef<int64_t> shape,
                                llvm::ArrayRef<float> values,
                                llvm::StringRef name);
/// The same, its values written by `fill` into the (zeroed) blob itself:
/// no second copy of a large packed tensor.
mlir::Value f32ResourceConstant(
    mlir::OpBuilder &b, mlir::Location loc, llvm::ArrayRef<int64_t> shape,
    llvm::StringRef name,
    llvm::function_ref<void(llvm::MutableArrayRef<float>)> fill);

} // namespace cnnc

#endif // CNNC_COMPILER_CONVERSION_CNNTOLINALG_PATTERNS_H
