//===- OnnxImporter.h - ONNX models to the cnn dialect ----------*- C++ -*-===//
//
// Part of cnnc.
//
/// \file
/// Imports an ONNX model file into a module holding one function, `@main`, in
/// the cnn dialect. The model is read with Debian's libonnx/protobuf, checked
/// with `onnx::checker`, and normalised to one opset with
/// `onnx::version_conversion` (so every converter sees opset-17 semantics:
/// Upsample is Resize, attribute-to-input moves are done). Each node's name
/// becomes its op's location, so every later error names the ONNX node.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_COMPILER_FRONTEND_ONNX_ONNXIMPORTER_H
#define CNNC_COMPILER_FRONTEND_ONNX_ONNXIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringMap.h"

#include <string>
#include <vector>

namespace cnnc {

struct OnnxImportOptions {
  /// Graph inputs frozen to constants: name -> `.npy` or ONNX TensorProto
  /// `.pb` file (`--bind`).
  std::vector<std::pair<std::string, std::string>> binds;
  /// Values of symbolic dimensions (`dim_param`) of graph inputs (`--dim`).
  llvm::StringMap<int64_t> dims;
  /// The opset every model is converted to before import.
  int64_t targetOpset = 17;
};

/// Imports the ONNX model at `path`. Problems are reported through the
/// context's diagnostic engine, every unsupported or invalid node with its
/// own error; returns null if there was any.
mlir::OwningOpRef<mlir::ModuleOp>
importOnnxFile(mlir::MLIRContext &context, llvm::StringRef path,
               const OnnxImportOptions &options);

} // namespace cnnc

#endif // CNNC_COMPILER_FRONTEND_ONNX_ONNXIMPORTER_H
