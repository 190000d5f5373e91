//===- FuzzCommon.h - shared by cnnc's libFuzzer targets --------*- C++ -*-===//
//
// Part of cnnc.
//
/// What every front-end fuzz target does with a module it imported: the
/// same phases cnnc runs up to linalg (shape inference and clean-up, the
/// graph passes, the lowering), with diagnostics swallowed: an error is a
/// fine outcome, a crash or a sanitizer report is a bug.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_FUZZ_FUZZCOMMON_H
#define CNNC_FUZZ_FUZZCOMMON_H

#include "compiler/InitAll.h"
#include "compiler/Pipelines/Pipelines.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <set>
#include <string>
#include <unistd.h>

namespace cnnc::fuzz {

/// A context with every dialect cnnc uses and a handler that drops
/// diagnostics.
struct Context {
  mlir::DialectRegistry registry;
  std::unique_ptr<mlir::MLIRContext> context;
  std::unique_ptr<mlir::ScopedDiagnosticHandler> handler;
  Context() {
    registerAllDialects(registry);
    registerPipelineDependencies(registry);
    context = std::make_unique<mlir::MLIRContext>(registry);
    context->disableMultithreading();
    context->printOpOnDiagnostic(false);
    handler = std::make_unique<mlir::ScopedDiagnosticHandler>(
        context.get(), [](mlir::Diagnostic &) { return mlir::success(); });
  }
};

/// Verifies `module` and runs cnnc's phases on it up to linalg on tensors.
inline void lowerToLinalg(mlir::ModuleOp module) {
  if (failed(mlir::verify(module)))
    return;
  PipelineOptions options;
  for (auto build :
       {buildCnnCleanupPipeline, buildCnnOptPipeline, buildLinalgPipeline}) {
    mlir::PassManager pm(module.getContext());
    build(pm, options);
    if (failed(pm.run(module)))
      return;
  }
}

/// Writes `data` to a file of this process (the importers read paths); its
/// name ends in `suffix`.
inline std::string writeTemp(const uint8_t *data, size_t size,
                             const char *suffix) {
  std::string path = "/tmp/cnnc-fuzz-" + std::to_string(::getpid()) + suffix;
  // Removed when the run ends (not after a crash: then it is the input).
  static struct Cleanup {
    std::set<std::string> paths;
    ~Cleanup() {
      for (const std::string &p : paths)
        ::unlink(p.c_str());
    }
  } cleanup;
  cleanup.paths.insert(path);
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  os.write(reinterpret_cast<const char *>(data), size);
  return path;
}

} // namespace cnnc::fuzz

#endif // CNNC_FUZZ_FUZZCOMMON_H
