//===- ParallelizeKernels.cpp - cnnc-parallelize-kernels pass -------------===//
//
// Part of cnnc.
//
/// A kernel whose loop nest is marked `cnnc.parallel` (an `scf.for` from 0
/// with step 1 whose iterations are independent) is split in two:
/// `@K_range(args..., %begin, %end)` runs the iterations [begin, end), and
/// `@K` calls it once over the whole range. `cnnc-lower-parallel-calls`
/// later turns that call into `cnnrt_parallel_for`, which runs the range in
/// chunks on the runtime's thread pool.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"

namespace cnnc {
#define GEN_PASS_DEF_CNNCPARALLELIZEKERNELS
#include "compiler/Codegen/Passes.h.inc"
} // namespace cnnc

using namespace mlir;

namespace {

struct CnncParallelizeKernelsPass
    : public cnnc::impl::CnncParallelizeKernelsBase<
          CnncParallelizeKernelsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<func::FuncOp> kernels;
    for (func::FuncOp f : module.getOps<func::FuncOp>())
      if (f->hasAttr("cnnc.kernel") && !f.isExternal())
        kernels.push_back(f);
    for (func::FuncOp kernel : kernels) {
      SmallVector<scf::ForOp> loops;
      for (Operation &op : kernel.getBody().front())
        if (auto loop = dyn_cast<scf::ForOp>(op))
          if (loop->hasAttr("cnnc.parallel") && loop.getNumResults() == 0 &&
              matchPattern(loop.getLowerBound(), m_Zero()) &&
              matchPattern(loop.getStep(), m_One()))
            loops.push_back(loop);
      if (loops.empty())
        if (scf::ForOp loop = lowerLinalgKernel(kernel))
          loops.push_back(loop);
      // One range function per kernel: outlining leaves one loop nest each.
      if (loops.size() != 1)
        continue;
      split(kernel, loops.front(), symbols);
    }
  }

  /// The marked loop of the kernel's single linalg op lowered to loops, or
  /// null.
  scf::ForOp lowerLinalgKernel(func::FuncOp kernel) {
    linalg::LinalgOp op;
    for (Operation &o : kernel.getBody().front()) {
      if (o.getNumRegions() == 0)
        continue;
      auto l = dyn_cast<linalg::LinalgOp>(o);
      if (!l || op)
        return {};
      op = l;
    }
    if (!op || !op.hasPureBufferSemantics())
      return {};
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    if (llvm::any_of(ranges, ShapedType::isDynamic))
      return {};
    int64_t total = 1;
    for (int64_t r : ranges)
      total *= r;
    auto dim = llvm::find_if(ranges, [](int64_t r) { return r > 1; });
    // Winograd's transforms do 16 (stride 2: 25) elements' work per
    // iteration, a generic with several outputs (a conv's prologue on the
    // pieces of a concatenation) one per output.
    if (op->hasAttr("cnnc.winograd_input") ||
        op->hasAttr("cnnc.winograd_output"))
      total *= 16;
    else
      total *= op.getNumDpsInits();
    if (total < (1 << 16) || dim == ranges.end())
      return {};
    size_t d = dim - ranges.begin();
    if (op.getIteratorTypesArray()[d] != utils::IteratorType::parallel)
      return {};
    IRRewriter rewriter(op);
    FailureOr<linalg::LinalgLoops> loops =
        linalg::linalgOpToLoops(rewriter, op);
    if (failed(loops) || loops->size() != ranges.size())
      return {};
    rewriter.eraseOp(op);
    // The outer loops of one iteration disappear; loop d becomes the body's.
    for (size_t i = 0; i < d; ++i)
      (void)cast<scf::ForOp>((*loops)[i]).promoteIfSingleIteration(rewriter);
    auto loop = cast<scf::ForOp>((*loops)[d]);
    loop->setAttr("cnnc.parallel", rewriter.getUnitAttr());
    return loop->getParentOp() == kernel.getOperation() ? loop : scf::ForOp();
  }

  void split(func::FuncOp kernel, scf::ForOp loop, SymbolTable &symbols) {
    OpBuilder b(kernel);
    b.setInsertionPointAfter(kernel);
    Location loc = kernel.getLoc();
    SmallVector<Type> types(kernel.getArgumentTypes());
    types.push_back(b.getIndexType());
    types.push_back(b.getIndexType());
    auto range = func::FuncOp::create(b, loc, kernel.getName().str() + "_range",
                                      b.getFunctionType(types, {}));
    range.setPrivate();
    // (The kernel's noalias arguments stay noalias: the same buffers.)
    for (unsigned i = 0; i < kernel.getNumArguments(); ++i)
      if (DictionaryAttr attrs = kernel.getArgAttrDict(i))
        range.setArgAttrs(i, attrs);
    range->setAttr("cnnc.kernel", b.getUnitAttr());
    range->setAttr("cnnc.parallel_range", b.getUnitAttr());
    symbols.insert(range);
    Block *body = range.addEntryBlock();
    IRMapping mapping;
    for (auto [from, to] :
         llvm::zip(kernel.getArguments(), body->getArguments()))
      mapping.map(from, to);
    OpBuilder rb = OpBuilder::atBlockEnd(body);
    for (Operation &op : kernel.getBody().front()) {
      Operation *copy = rb.clone(op, mapping);
      if (&op == loop.getOperation()) {
        auto newLoop = cast<scf::ForOp>(copy);
        newLoop.setLowerBound(body->getArgument(types.size() - 2));
        newLoop.setUpperBound(body->getArgument(types.size() - 1));
        newLoop->removeAttr("cnnc.parallel");
      }
    }

    // The kernel calls the range function over the whole range.
    OpBuilder kb(loop);
    SmallVector<Value> args(kernel.getArguments());
    args.push_back(loop.getLowerBound());
    args.push_back(loop.getUpperBound());
    func::CallOp::create(kb, loop.getLoc(), range, args);
    loop.erase();
  }
};

} // namespace
