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
  static cnnc::fuzz::Context ctx;
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(
          llvm::StringRef(reinterpret_cast<const char *>(data), size),
          "fuzz.cnn"),
      llvm::SMLoc());
  mlir::OwningOpRef<mlir::ModuleOp> module =
      cnnc::importCnnFile(*ctx.context, sourceMgr, cnnc::CnnImportOptions());
  if (module)
    cnnc::fuzz::lowerToLinalg(*module);
  return 0;
}
