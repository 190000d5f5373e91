//===- cnn-opt.cpp - cnnc's optimizer driver for lit tests ----------------===//
//
// Part of cnnc. Parses IR in the cnn dialect (and the upstream dialects cnnc
// uses), runs passes by flag and prints the result, like mlir-opt.
//
//===----------------------------------------------------------------------===//

#include "compiler/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  cnnc::registerAllDialects(registry);
  cnnc::registerAllPasses();
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "cnnc optimizer driver (cnn dialect)\n", registry));
}
