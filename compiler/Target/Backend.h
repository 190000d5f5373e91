//===- Backend.h - from LLVM-dialect MLIR to objects and binaries -*- C++
//-*-===//
//
// Part of cnnc.
//
/// \file
/// TargetInfo (what `--target` names), the C entry point, translation to
/// LLVM IR with LLVM's optimization pipeline, object/assembly emission with
/// LLVM's TargetMachine, and linking with the clang driver.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_COMPILER_TARGET_BACKEND_H
#define CNNC_COMPILER_TARGET_BACKEND_H

#include "compiler/Target/ModelInterface.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/IR/Module.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace cnnc {

struct TargetInfo {
  std::string triple;
  std::string cpu;
  std::string features;
  /// Widest vector register in bits (512 with AVX-512, 256 with AVX2).
  unsigned vectorBits = 128;
};

/// Resolves `--target`: host (detects the CPU), x86-64-v4, x86-64-v3,
/// x86-64. Reports unknown names.
mlir::FailureOr<TargetInfo> resolveTarget(llvm::StringRef name,
                                          mlir::Location loc);

/// Adds `int <prefix>_run(const void *const *inputs, void *const *outputs,
/// void *arena)` calling the lowered graph function `graphName` (bare-pointer
/// convention: inputs, outputs, arena).
mlir::LogicalResult addCEntryPoint(mlir::ModuleOp module,
                                   llvm::StringRef graphName,
                                   const ModelInterface &model);

/// Translates to LLVM IR and runs LLVM's -O<optLevel> pipeline for `target`.
std::unique_ptr<llvm::Module> translateAndOptimize(mlir::ModuleOp module,
                                                   llvm::LLVMContext &context,
                                                   const TargetInfo &target,
                                                   unsigned optLevel);

/// Translates `module` to LLVM IR and compiles it into `objects` (object
/// file contents) on up to `threads` threads: the module is split by
/// function into that many parts (LLVM's SplitModule, balanced by size),
/// each optimized (-O<optLevel>) and compiled to an object on a thread of
/// its own. Local symbols get the model's `prefix` (they become hidden
/// globals shared between the parts). With `largeWeights` the weight blobs
/// (see Weights.h) are addressed as large data. `progress`, when set, is
/// called (from the worker threads, one at a time) with the parts done and
/// their number as each part is compiled.
mlir::LogicalResult
compileToObjects(mlir::ModuleOp module, const TargetInfo &target,
                 unsigned optLevel, llvm::StringRef prefix, bool largeWeights,
                 unsigned threads,
                 std::vector<llvm::SmallVector<char, 0>> &objects,
                 std::function<void(unsigned, unsigned)> progress = {});

/// Emits an object file (or assembly text) of `module` for `target`.
mlir::LogicalResult emitMachineCode(llvm::Module &module,
                                    const TargetInfo &target, unsigned optLevel,
                                    bool assembly, llvm::raw_pwrite_stream &os,
                                    mlir::Location loc);

/// Runs the linker driver (Debian's clang-22) with `args`; reports failure
/// at `loc` with its output.
mlir::LogicalResult runLinker(llvm::ArrayRef<std::string> args,
                              mlir::Location loc);

/// The clang driver used for linking, and the runtime library and header
/// folder, found next to the cnnc executable (build tree or install).
std::string linkerPath();
std::string runtimeLibraryPath();
std::string runtimeIncludeDir();

/// Writes a static library holding `objectFile`.
mlir::LogicalResult writeStaticLibrary(llvm::StringRef archivePath,
                                       llvm::StringRef objectFile,
                                       mlir::Location loc);

} // namespace cnnc

#endif // CNNC_COMPILER_TARGET_BACKEND_H
