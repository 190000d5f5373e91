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

#include "mlir/IR/PatternMatch.h"

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

} // namespace cnnc

#endif // CNNC_COMPILER_CONVERSION_CNNTOLINALG_PATTERNS_H
