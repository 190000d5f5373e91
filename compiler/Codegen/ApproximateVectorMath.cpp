//===- ApproximateVectorMath.cpp - cnnc-approximate-vector-math pass ------===//
//
// Part of cnnc.
//
/// `math.exp`, `math.tanh` and `math.erf` on vectors (sigmoid, SiLU, tanh,
/// GELU in fused conv epilogues) would otherwise become one libm call per
/// lane; MLIR's polynomial approximations keep them in vector registers.
/// With `scalars` (cnnc at -O1 and up) f32 scalar ones too: the loops LLVM
/// vectorizes (softmax, standalone activations) then have no libm call that
/// keeps them scalar - FCN's softmax over 21 x 224 x 224 took 1.5 ms with
/// expf. At -O0 scalar math stays libm's.
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
  using CnncApproximateVectorMathBase::CnncApproximateVectorMathBase;
  void runOnOperation() override {
    SmallVector<Operation *> ops;
    getOperation()->walk([&](Operation *op) {
      if (isa<math::ExpOp, math::TanhOp, math::ErfOp>(op) &&
          (isa<VectorType>(op->getResult(0).getType()) ||
           (scalars && op->getResult(0).getType().isF32())))
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
