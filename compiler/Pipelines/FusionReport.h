//===- FusionReport.h - what the graph passes did ---------------*- C++ -*-===//
//
// Part of cnnc.
//
/// `cnnc --print-fusion`: the number of ops of each kind before and after
/// the graph optimizer, what each of its passes changed, the epilogues the
/// fused convolutions carry, and - for every activation, batch norm or add
/// left standalone - why it was not fused.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_COMPILER_PIPELINES_FUSIONREPORT_H
#define CNNC_COMPILER_PIPELINES_FUSIONREPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassInstrumentation.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

#include <string>
#include <vector>

namespace cnnc {

/// Op counts per kind (op name without `cnn.`; constants left out).
using OpCounts = std::map<std::string, int64_t>;

OpCounts countGraphOps(mlir::Operation *root);

/// Records the counts around every pass of the pass managers it
/// instruments (which own only a forwarder, so the report outlives them);
/// `print` writes the report.
class FusionReport {
public:
  /// `disabledPasses` (--disable-pass) name the reason for what they leave.
  FusionReport(mlir::ModuleOp module,
               llvm::ArrayRef<std::string> disabledPasses);
  std::unique_ptr<mlir::PassInstrumentation> instrument();
  void runBeforePass(mlir::Pass *pass, mlir::Operation *op);
  void runAfterPass(mlir::Pass *pass, mlir::Operation *op);
  /// Writes the report for the module as it is now.
  void print(llvm::raw_ostream &os, llvm::StringRef input);

  /// The activations, batch norms, adds and pads left standalone, grouped
  /// by kind and reason: how many, and where the first one came from.
  struct Unfused {
    std::string kind, why, firstAt;
    int64_t count = 0;
  };
  std::vector<Unfused> unfused();

private:
  mlir::ModuleOp module;
  std::vector<std::string> disabled;
  OpCounts initial, beforePass;
  struct PassChange {
    std::string pass;
    OpCounts before, after;
  };
  std::vector<PassChange> changes;
};

} // namespace cnnc

#endif // CNNC_COMPILER_PIPELINES_FUSIONREPORT_H
