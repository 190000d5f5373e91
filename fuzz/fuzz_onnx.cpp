//===- fuzz_onnx.cpp - libFuzzer target: the ONNX front end ---------------===//
//
// Part of cnnc.
//
/// Bytes as an ONNX ModelProto: parse, check, import, verify, lower to
/// linalg. Seeds: test/Frontend/Onnx/Inputs and test/models.
//
//===----------------------------------------------------------------------===//

#include "FuzzCommon.h"
#include "compiler/Frontend/Onnx/OnnxImporter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // A fresh context per input: resource blobs (weights) live as long as
  // their context, so a shared one would only grow.
  cnnc::fuzz::Context ctx;
  std::string path = cnnc::fuzz::writeTemp(data, size, ".onnx");
  mlir::OwningOpRef<mlir::ModuleOp> module =
      cnnc::importOnnxFile(*ctx.context, path, cnnc::OnnxImportOptions());
  if (module)
    cnnc::fuzz::lowerToLinalg(*module);
  return 0;
}
