//===- ModelInterface.h - the compiled model's C interface ------*- C++ -*-===//
//
// Part of cnnc.
//
/// \file
/// What a caller of a compiled model sees: its name, the graph inputs and
/// outputs (ONNX names, element types, shapes) in entry-point order, and the
/// arena size. The header writer and the executable's glue are generated
/// from it.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_COMPILER_TARGET_MODELINTERFACE_H
#define CNNC_COMPILER_TARGET_MODELINTERFACE_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace cnnc {

struct TensorSpec {
  std::string name;
  /// numpy-style dtype name: float32, float64, float16, int64, int32, bool.
  std::string dtype;
  std::vector<int64_t> shape;
  int64_t elementBytes = 4;
};

struct ModelInterface {
  /// C identifier prefixing every symbol (`<prefix>_run`).
  std::string prefix;
  std::vector<TensorSpec> inputs, outputs;
  int64_t arenaBytes = 0;
};

/// Reads the inputs and outputs of the graph function (at the cnn or linalg
/// level, on tensors); fails with an error on an unsupported element type.
mlir::FailureOr<ModelInterface> getModelInterface(mlir::func::FuncOp graph,
                                                  llvm::StringRef prefix);

/// A C identifier from a file name ("resnet-18.so" -> "resnet_18").
std::string symbolPrefixFor(llvm::StringRef path);

/// Writes the C header declaring `<prefix>_run` and the shapes.
void writeHeader(const ModelInterface &model, llvm::raw_ostream &os);

/// Writes the C source that turns the object into an executable with the
/// runtime's main (`cnnrt_exe_main`).
void writeExecutableGlue(const ModelInterface &model,
                         llvm::StringRef headerName, llvm::raw_ostream &os);

} // namespace cnnc

#endif // CNNC_COMPILER_TARGET_MODELINTERFACE_H
