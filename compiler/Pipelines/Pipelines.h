//===- Pipelines.h - cnnc's compilation phases ------------------*- C++ -*-===//
//
// Part of cnnc.
//
/// \file
/// The phases of DESIGN.md's data flow and the pass pipelines between them.
/// The driver and the tests build the same pipelines through these functions.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_COMPILER_PIPELINES_PIPELINES_H
#define CNNC_COMPILER_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace cnnc {

/// Where `--compile-to` may stop, in pipeline order.
enum class Phase { Input, Cnn, CnnOpt, Linalg, Tiled, Vector, Buffers, Llvm };

std::optional<Phase> parsePhase(llvm::StringRef name);
llvm::StringRef phaseName(Phase phase);
/// Whether cnnc can run up to `phase` yet.
bool isPhaseImplemented(Phase phase);

struct PipelineOptions {};

/// input -> cnn: shape inference and clean-up of the imported graph
/// (`cnn-infer-shapes`, canonicalization with the cnn folders, CSE).
/// Contract: every cnn result type is the inferred one; `auto_pad` and
/// `output_shape` are resolved into explicit pads; dead constants are gone.
void buildCnnCleanupPipeline(mlir::OpPassManager &pm,
                             const PipelineOptions &options);

} // namespace cnnc

#endif // CNNC_COMPILER_PIPELINES_PIPELINES_H
