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

#include "compiler/Target/ModelInterface.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace cnnc {

/// Where `--compile-to` may stop, in pipeline order.
enum class Phase { Input, Cnn, CnnOpt, Linalg, Buffers, Tiled, Vector, Llvm };

std::optional<Phase> parsePhase(llvm::StringRef name);
llvm::StringRef phaseName(Phase phase);

/// The passes a user may turn off (`--disable-pass=NAME`) when bisecting a
/// wrong result or measuring what one step buys: the graph optimizer's and
/// the code generator's optimizations. Everything else is needed to compile.
llvm::ArrayRef<llvm::StringRef> optionalPasses();

struct PipelineOptions {
  /// -O level: 0 keeps the simple loop lowering (for debugging).
  unsigned optLevel = 3;
  /// Widest vector register of the target in bits (TargetInfo::vectorBits);
  /// below 256 the convolution kernels stay generic loops.
  unsigned vectorBits = 512;
  /// LLVM name of the target CPU (TargetInfo::cpu): the conv kernels'
  /// register tiles follow its core (cnnc::tileTargetFor).
  std::string cpu;
  /// --io-layout=nhwc: the graph's 4-D inputs and outputs are channels-last.
  bool channelsLastIO = false;
  /// --winograd: which 3x3 convs take Winograd F(2x2, 3x3) (auto, all, off).
  std::string winograd = "auto";
  /// --max-arena: largest planned arena in bytes (0: no limit but 2^47).
  int64_t maxArenaBytes = 0;
  /// --disable-pass: optional passes (see optionalPasses()) left out.
  std::vector<std::string> disabledPasses;

  bool isDisabled(llvm::StringRef pass) const;

  unsigned kernelVectorBits() const { return optLevel ? vectorBits : 0; }
};

/// input -> cnn: shape inference and clean-up of the imported graph
/// (`cnn-infer-shapes`, canonicalization with the cnn folders, CSE).
/// Contract: every cnn result type is the inferred one; `auto_pad` and
/// `output_shape` are resolved into explicit pads; dead constants are gone.
void buildCnnCleanupPipeline(mlir::OpPassManager &pm,
                             const PipelineOptions &options);

/// cnn -> linalg: `convert-cnn-to-linalg` and clean-up.
/// Contract: no cnn op is left (the conversion names any it cannot lower).
/// Graph optimisation (-O1 and up): batch-norm folding, epilogue fusion.
void buildCnnOptPipeline(mlir::OpPassManager &pm,
                         const PipelineOptions &options);

void buildLinalgPipeline(mlir::OpPassManager &pm,
                         const PipelineOptions &options);

/// linalg on tensors -> buffers: one-shot bufferization with identity
/// layouts at the function boundary, results turned into out-parameters,
/// copies as linalg.copy, and every intermediate buffer planned into one
/// arena (`cnnc-plan-memory`). Contract: the graph function takes
/// (inputs..., outputs..., arena) memrefs and allocates nothing.
void buildBufferizePipeline(mlir::OpPassManager &pm,
                            const PipelineOptions &options);

/// buffers -> tiled: each conv generic that becomes a register-tiled kernel
/// carries that kernel's plan (`cnnc-select-conv-tiles`: tile, channel
/// blocks per tile, rows / flat / border rectangles, thread split).
/// Contract: IR otherwise unchanged; the next phase follows the plans.
void buildTilePipeline(mlir::OpPassManager &pm, const PipelineOptions &options);

/// tiled -> vector: register-tiled vector kernels for convs (as planned)
/// and pools, blocked transposes, flat fills; every top-level loop nest
/// outlined as a kernel function, parallel ones split into `_range`
/// functions. Contract: the graph function is a sequence of kernel calls.
void buildKernelPipeline(mlir::OpPassManager &pm,
                         const PipelineOptions &options);

/// vector -> LLVM dialect: loops, then the upstream conversions to LLVM
/// with the bare-pointer calling convention (plain pointers at the C
/// boundary). Contract: only the llvm dialect is left.
void buildLlvmPipeline(mlir::OpPassManager &pm, const PipelineOptions &options);

/// Runs every phase from `cnn` (imported IR) down to the LLVM dialect on the
/// graph function `@main` and adds the C entry point; returns the model's
/// interface (with the planned arena size). Errors are reported through the
/// context.
mlir::FailureOr<ModelInterface>
lowerToLLVMDialect(mlir::ModuleOp module, llvm::StringRef prefix,
                   const PipelineOptions &options);

/// Registers what the pipelines need in the context's registry (bufferization
/// models of the dialects, LLVM translation interfaces).
void registerPipelineDependencies(mlir::DialectRegistry &registry);

} // namespace cnnc

#endif // CNNC_COMPILER_PIPELINES_PIPELINES_H
