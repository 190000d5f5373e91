//===- InstrumentKernels.cpp - cnnc-instrument-kernels pass ---------------===//
//
// Part of cnnc.
//
/// Every kernel call of a graph function is bracketed by
/// `cnnrt_profile_enter(id, name, flops)` and `cnnrt_profile_exit(id)`
/// (runtime/profile.c), `name` a constant string: the kernel's description
/// (`cnnc.desc`) and where in the model it came from (the ONNX node or the
/// .cnn line of the call's location). The runtime ignores both calls unless
/// profiling was switched on (`./model --profile`), so they cost a call and
/// a branch per kernel.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/SymbolTable.h"

namespace cnnc {
#define GEN_PASS_DEF_CNNCINSTRUMENTKERNELS
#include "compiler/Codegen/Passes.h.inc"
} // namespace cnnc

using namespace mlir;

std::string cnnc::describeLocation(Location loc) {
  if (auto name = dyn_cast<NameLoc>(loc))
    return name.getName().str();
  if (auto file = dyn_cast<FileLineColLoc>(loc))
    return (file.getFilename().getValue() + ":" + Twine(file.getLine())).str();
  if (auto fused = dyn_cast<FusedLoc>(loc)) {
    std::string out;
    for (Location l : fused.getLocations()) {
      std::string part = describeLocation(l);
      if (!part.empty())
        out += (out.empty() ? "" : "+") + part;
    }
    return out;
  }
  if (auto callSite = dyn_cast<CallSiteLoc>(loc))
    return describeLocation(callSite.getCallee());
  return "";
}

namespace {

struct CnncInstrumentKernelsPass
    : public cnnc::impl::CnncInstrumentKernelsBase<CnncInstrumentKernelsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    SymbolTable symbols(module);
    auto ptr = LLVM::LLVMPointerType::get(ctx);
    auto i32 = IntegerType::get(ctx, 32);
    auto f64 = Float64Type::get(ctx);
    auto voidType = LLVM::LLVMVoidType::get(ctx);
    SmallVector<LLVM::CallOp> calls;
    for (auto f : module.getOps<LLVM::LLVMFuncOp>()) {
      if (f->hasAttr("cnnc.kernel") || f.isExternal())
        continue;
      f.walk([&](LLVM::CallOp call) {
        if (auto callee = call.getCallee())
          // (A range function's calls come from the thread pool's task;
          // its kernel is timed as a whole.)
          if (auto k = symbols.lookup<LLVM::LLVMFuncOp>(*callee);
              k && k->hasAttr("cnnc.kernel") &&
              !k->hasAttr("cnnc.parallel_range"))
            calls.push_back(call);
      });
    }
    if (calls.empty())
      return;
    OpBuilder b(ctx);
    b.setInsertionPointToEnd(module.getBody());
    auto declare = [&](StringRef name, ArrayRef<Type> args) {
      if (auto f = symbols.lookup<LLVM::LLVMFuncOp>(name))
        return f;
      auto f =
          LLVM::LLVMFuncOp::create(b, module.getLoc(), name,
                                   LLVM::LLVMFunctionType::get(voidType, args));
      symbols.insert(f);
      return f;
    };
    LLVM::LLVMFuncOp enter = declare("cnnrt_profile_enter", {i32, ptr, f64});
    LLVM::LLVMFuncOp exit = declare("cnnrt_profile_exit", {i32});
    for (auto [id, call] : llvm::enumerate(calls)) {
      auto kernel = symbols.lookup<LLVM::LLVMFuncOp>(*call.getCallee());
      std::string text;
      if (auto desc = kernel->getAttrOfType<StringAttr>("cnnc.desc"))
        text = desc.str();
      std::string where = cnnc::describeLocation(call.getLoc());
      if (!where.empty())
        text += "  @ " + where;
      double flops = 0;
      if (auto f = kernel->getAttrOfType<FloatAttr>("cnnc.flops"))
        flops = f.getValueAsDouble();
      text.push_back('\0');
      OpBuilder gb(ctx);
      gb.setInsertionPointToStart(module.getBody());
      auto global = LLVM::GlobalOp::create(
          gb, call.getLoc(),
          LLVM::LLVMArrayType::get(IntegerType::get(ctx, 8), text.size()),
          /*isConstant=*/true, LLVM::Linkage::Internal,
          ("cnnc_kernel_name_" + Twine(id)).str(), gb.getStringAttr(text));
      symbols.insert(global);
      OpBuilder cb(call);
      Location loc = call.getLoc();
      Value idValue =
          LLVM::ConstantOp::create(cb, loc, i32, cb.getI32IntegerAttr(id));
      Value name = LLVM::AddressOfOp::create(cb, loc, global);
      Value flopsValue =
          LLVM::ConstantOp::create(cb, loc, f64, cb.getF64FloatAttr(flops));
      LLVM::CallOp::create(cb, loc, enter,
                           ValueRange{idValue, name, flopsValue});
      cb.setInsertionPointAfter(call);
      LLVM::CallOp::create(cb, loc, exit, ValueRange{idValue});
    }
  }
};

} // namespace
