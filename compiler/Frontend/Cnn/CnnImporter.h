//===- CnnImporter.h - .cnn network descriptions to the cnn dialect -*- C++
//-*-===//
//
// Part of cnnc.
//
/// \file
/// Imports a `.cnn` network description (docs/cnn-format.md) into a module
/// holding one function, `@main`, in the cnn dialect, with the conventions
/// of the ONNX importer: graph inputs and outputs carry `cnn.name`. Every op
/// is located at `file:line:col` of the layer that made it. Weights come
/// from a `.safetensors` file bound by layer name, or are initialised
/// deterministically (He for convolutions, Glorot for dense layers).
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_COMPILER_FRONTEND_CNN_CNNIMPORTER_H
#define CNNC_COMPILER_FRONTEND_CNN_CNNIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <cstdint>
#include <string>

namespace llvm {
class SourceMgr;
} // namespace llvm

namespace cnnc {

struct CnnImportOptions {
  /// A `.safetensors` file with every layer's tensors (`--weights`); empty
  /// for generated weights.
  std::string weightsFile;
  /// Seed of the generated weights (`--seed`).
  uint64_t seed = 0;
  /// An error once the layers' weights together exceed this many bytes
  /// (0: no limit). The fuzz target bounds its memory with it.
  int64_t maxWeightBytes = 0;
  /// An error once the file unrolls (repeats multiplied out, blocks per
  /// use) to more statements than this. The fuzz target lowers it to keep
  /// each input fast.
  int64_t maxStatements = 100000;
};

/// Imports the main buffer of `sourceMgr` (its identifier is the file name
/// used in locations). Problems are reported through the context's
/// diagnostic engine at `file:line:col`; returns null if there was any.
mlir::OwningOpRef<mlir::ModuleOp>
importCnnFile(mlir::MLIRContext &context, llvm::SourceMgr &sourceMgr,
              const CnnImportOptions &options);

} // namespace cnnc

#endif // CNNC_COMPILER_FRONTEND_CNN_CNNIMPORTER_H
