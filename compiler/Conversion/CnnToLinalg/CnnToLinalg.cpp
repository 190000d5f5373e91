//===- CnnToLinalg.cpp - convert-cnn-to-linalg pass -----------------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/CnnToLinalg/Patterns.h"
#include "compiler/Conversion/Passes.h"

#include "Cnn/IR/CnnDialect.h"

#include "mlir/Transforms/DialectConversion.h"

namespace cnnc {
#define GEN_PASS_DEF_CONVERTCNNTOLINALG
#include "compiler/Conversion/Passes.h.inc"
} // namespace cnnc

using namespace mlir;

namespace {
struct ConvertCnnToLinalgPass
    : public cnnc::impl::ConvertCnnToLinalgBase<ConvertCnnToLinalgPass> {
  using ConvertCnnToLinalgBase::ConvertCnnToLinalgBase;
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    ConversionTarget target(*ctx);
    target.addIllegalDialect<cnnc::cnn::CnnDialect>();
    target.addLegalDialect<arith::ArithDialect,
                           bufferization::BufferizationDialect,
                           linalg::LinalgDialect, math::MathDialect,
                           scf::SCFDialect, tensor::TensorDialect>();
    RewritePatternSet patterns(ctx);
    cnnc::populateElementwisePatterns(patterns);
    cnnc::populateDataMovementPatterns(patterns);
    cnnc::populateConvolutionPatterns(patterns);
    if (winograd != "off" && winograd != "auto" && winograd != "all") {
      emitError(getOperation().getLoc())
          << "winograd=" << winograd << " is not off, auto or all";
      return signalPassFailure();
    }
    cnnc::populatePackedConvolutionPatterns(
        patterns, vectorBits,
        winograd == "all"    ? cnnc::WinogradPolicy::all
        : winograd == "auto" ? cnnc::WinogradPolicy::automatic
                             : cnnc::WinogradPolicy::off,
        getOperation());
    cnnc::populateLayoutPatterns(patterns);
    cnnc::populatePoolingPatterns(patterns);
    cnnc::populateNormalizationPatterns(patterns);
    cnnc::populateReductionPatterns(patterns);
    cnnc::populateResizePatterns(patterns);
    // Name every op that has no lowering at all, not just the first one the
    // driver trips on.
    llvm::DenseSet<OperationName> lowered;
    for (const auto &pattern : patterns.getNativePatterns())
      if (std::optional<OperationName> root = pattern->getRootKind())
        lowered.insert(*root);
    bool missing = false;
    getOperation().walk([&](Operation *op) {
      if (isa<cnnc::cnn::CnnDialect>(op->getDialect()) &&
          !lowered.contains(op->getName())) {
        op->emitError() << "has no lowering to linalg yet";
        missing = true;
      }
    });
    if (missing)
      return signalPassFailure();
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
