//===- InitAll.cpp - register cnnc's dialects and passes ------------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/InitAll.h"

#include "Cnn/IR/CnnDialect.h"
#include "Cnn/Transforms/Passes.h"
#include "compiler/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Transforms/Passes.h"

void cnnc::registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<cnn::CnnDialect, mlir::arith::ArithDialect,
                  mlir::func::FuncDialect, mlir::linalg::LinalgDialect,
                  mlir::math::MathDialect, mlir::scf::SCFDialect,
                  mlir::tensor::TensorDialect>();
}

void cnnc::registerAllPasses() {
  cnn::registerCnnPasses();
  registerCnncConversionPasses();
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  mlir::registerSymbolDCEPass();
}
