//===- fuzz_cnn_format.cpp - libFuzzer target: the .cnn front end ---------===//
//
// Part of cnnc.
//
/// Bytes as a .cnn network description: parse, build (generated weights),
/// verify, lower to linalg.
//
//===----------------------------------------------------------------------===//

#include "FuzzCommon.h"
#include "compiler/Frontend/Cnn/CnnImporter.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // A fresh context per input: resource blobs (weights) live as long as
  // their context, so a shared one would only grow.
  cnnc::fuzz::Context ctx;
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(
          llvm::StringRef(reinterpret_cast<const char *>(data), size),
          "fuzz.cnn"),
      llvm::SMLoc());
  // Big but valid networks are not what this target looks for (and would
  // only hit the fuzzer's memory limit): 64 MB of weights at most.
  cnnc::CnnImportOptions options;
  options.maxWeightBytes = 64 << 20;
  // Nor long ones: 10000 tiny convs take 7 s to lower without sanitizers,
  // past the fuzzer's 30 s per input with them.
  options.maxStatements = 1000;
  mlir::OwningOpRef<mlir::ModuleOp> module =
      cnnc::importCnnFile(*ctx.context, sourceMgr, options);
  if (module)
    cnnc::fuzz::lowerToLinalg(*module);
  return 0;
}
