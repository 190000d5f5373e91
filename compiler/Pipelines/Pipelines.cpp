//===- Pipelines.cpp - cnnc's compilation phases --------------------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Pipelines/Pipelines.h"

#include "Cnn/Transforms/Passes.h"

#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/StringSwitch.h"

namespace cnnc {

std::optional<Phase> parsePhase(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<Phase>>(name)
      .Case("input", Phase::Input)
      .Case("cnn", Phase::Cnn)
      .Case("cnn-opt", Phase::CnnOpt)
      .Case("linalg", Phase::Linalg)
      .Case("tiled", Phase::Tiled)
      .Case("vector", Phase::Vector)
      .Case("buffers", Phase::Buffers)
      .Case("llvm", Phase::Llvm)
      .Default(std::nullopt);
}

llvm::StringRef phaseName(Phase phase) {
  switch (phase) {
  case Phase::Input:
    return "input";
  case Phase::Cnn:
    return "cnn";
  case Phase::CnnOpt:
    return "cnn-opt";
  case Phase::Linalg:
    return "linalg";
  case Phase::Tiled:
    return "tiled";
  case Phase::Vector:
    return "vector";
  case Phase::Buffers:
    return "buffers";
  case Phase::Llvm:
    return "llvm";
  }
  return "";
}

bool isPhaseImplemented(Phase phase) { return phase <= Phase::Cnn; }

void buildCnnCleanupPipeline(mlir::OpPassManager &pm, const PipelineOptions &) {
  pm.addPass(cnn::createCnnInferShapes());
  pm.addPass(mlir::createCanonicalizerPass());
  pm.addPass(mlir::createCSEPass());
}

} // namespace cnnc
