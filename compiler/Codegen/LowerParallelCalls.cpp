//===- LowerParallelCalls.cpp - cnnc-lower-parallel-calls pass ------------===//
//
// Part of cnnc.
//
/// On the LLVM dialect (bare-pointer calling convention), every call
/// `@K_range(p0, ..., pk, %begin, %end)` to a function marked
/// `cnnc.parallel_range` becomes
///
///   ctx = alloca [k+1 x ptr]; ctx[i] = p_i
///   cnnrt_parallel_for(@K_range_task, ctx, %end)
///
/// with `@K_range_task(ctx, begin, end)` loading the pointers back and
/// calling `@K_range(p0, ..., pk, begin, end)`. The begin of the whole
/// range is 0 (cnnc-parallelize-kernels only splits such loops).
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/SymbolTable.h"

namespace cnnc {
#define GEN_PASS_DEF_CNNCLOWERPARALLELCALLS
#include "compiler/Codegen/Passes.h.inc"
} // namespace cnnc

using namespace mlir;

namespace {

struct CnncLowerParallelCallsPass
    : public cnnc::impl::CnncLowerParallelCallsBase<
          CnncLowerParallelCallsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    SymbolTable symbols(module);
    auto ptr = LLVM::LLVMPointerType::get(ctx);
    auto i64 = IntegerType::get(ctx, 64);
    SmallVector<LLVM::CallOp> calls;
    module.walk([&](LLVM::CallOp call) {
      auto callee = call.getCallee();
      if (!callee)
        return;
      auto f = symbols.lookup<LLVM::LLVMFuncOp>(*callee);
      if (f && f->hasAttr("cnnc.parallel_range"))
        calls.push_back(call);
    });
    if (calls.empty())
      return;

    OpBuilder b(ctx);
    b.setInsertionPointToEnd(module.getBody());
    auto runtime = symbols.lookup<LLVM::LLVMFuncOp>("cnnrt_parallel_for");
    if (!runtime) {
      runtime = LLVM::LLVMFuncOp::create(
          b, module.getLoc(), "cnnrt_parallel_for",
          LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(ctx),
                                      {ptr, ptr, i64}));
      symbols.insert(runtime);
    }

    llvm::DenseMap<Operation *, LLVM::LLVMFuncOp> tasks;
    for (LLVM::CallOp call : calls) {
      auto range = symbols.lookup<LLVM::LLVMFuncOp>(*call.getCallee());
      unsigned numArgs = call.getNumOperands();
      if (numArgs < 2)
        continue;
      unsigned numPtrs = numArgs - 2;
      bool allPtrs = llvm::all_of(call.getOperands().take_front(numPtrs),
                                  [&](Value v) { return v.getType() == ptr; });
      if (!allPtrs || call.getOperand(numArgs - 1).getType() != i64 ||
          call.getOperand(numArgs - 2).getType() != i64)
        continue; // Stays a serial call.

      LLVM::LLVMFuncOp &task = tasks[range];
      if (!task) {
        OpBuilder tb(ctx);
        tb.setInsertionPointAfter(range);
        Location loc = range.getLoc();
        task = LLVM::LLVMFuncOp::create(
            tb, loc, (range.getName() + "_task").str(),
            LLVM::LLVMFunctionType::get(LLVM::LLVMVoidType::get(ctx),
                                        {ptr, i64, i64}),
            LLVM::Linkage::Internal);
        symbols.insert(task);
        Block *body = task.addEntryBlock(tb);
        tb.setInsertionPointToStart(body);
        SmallVector<Value> args;
        for (unsigned i = 0; i < numPtrs; ++i) {
          Value slot =
              LLVM::GEPOp::create(tb, loc, ptr, ptr, body->getArgument(0),
                                  ArrayRef<LLVM::GEPArg>{(int32_t)i});
          args.push_back(LLVM::LoadOp::create(tb, loc, ptr, slot));
        }
        args.push_back(body->getArgument(1));
        args.push_back(body->getArgument(2));
        LLVM::CallOp::create(tb, loc, range, args);
        LLVM::ReturnOp::create(tb, loc, ValueRange{});
      }

      OpBuilder cb(call);
      Location loc = call.getLoc();
      Value count = LLVM::ConstantOp::create(
          cb, loc, i64, cb.getI64IntegerAttr(std::max(numPtrs, 1u)));
      Value slots = LLVM::AllocaOp::create(cb, loc, ptr, ptr, count, 8);
      for (unsigned i = 0; i < numPtrs; ++i) {
        Value slot = LLVM::GEPOp::create(cb, loc, ptr, ptr, slots,
                                         ArrayRef<LLVM::GEPArg>{(int32_t)i});
        LLVM::StoreOp::create(cb, loc, call.getOperand(i), slot);
      }
      Value fn = LLVM::AddressOfOp::create(cb, loc, ptr, task.getName());
      LLVM::CallOp::create(cb, loc, runtime,
                           ValueRange{fn, slots, call.getOperand(numArgs - 1)});
      call.erase();
    }
  }
};

} // namespace
