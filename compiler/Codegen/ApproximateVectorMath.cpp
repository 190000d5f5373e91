//===- ApproximateVectorMath.cpp - cnnc-approximate-vector-math pass ------===//
//
// Part of cnnc.
//
/// `math.exp`, `math.tanh` and `math.erf` on vectors (sigmoid, SiLU, tanh,
/// GELU in fused conv epilogues) would otherwise become one libm call per
/// lane; MLIR's
/// polynomial approximations keep them in vector registers. Scalar math is
/// left to libm.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/Passes.h"

#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace cnnc {
#define GEN_PASS_DEF_CNNCAPPROXIMATEVECTORMATH
#include "compiler/Codegen/Passes.h.inc"
} // namespace cnnc

using namespace mlir;

namespace {

struct CnncApproximateVectorMathPass
    : public cnnc::impl::CnncApproximateVectorMathBase<
          CnncApproximateVectorMathPass> {
  void runOnOperation() override {
    SmallVector<Operation *> ops;
    getOperation()->walk([&](Operation *op) {
      if (isa<math::ExpOp, math::TanhOp, math::ErfOp>(op) &&
          isa<VectorType>(op->getResult(0).getType()))
        ops.push_back(op);
    });
    if (ops.empty())
      return;
    RewritePatternSet patterns(&getContext());
    populateMathPolynomialApproximationPatterns(patterns, [](StringRef name) {
      return name.consume_front("math.") &&
             (name == "exp" || name == "tanh" || name == "erf");
    });
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingAndNewOps);
    (void)applyOpPatternsGreedily(ops, std::move(patterns), config);
  }
};

} // namespace
