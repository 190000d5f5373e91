//===- OutlineKernels.cpp - cnnc-outline-kernels pass ---------------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/Passes.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "mlir/Transforms/RegionUtils.h"

namespace cnnc {
#define GEN_PASS_DEF_CNNCOUTLINEKERNELS
#include "compiler/Codegen/Passes.h.inc"
} // namespace cnnc

using namespace mlir;

namespace {

/// Ops cloned into a kernel instead of being passed in: they only compute
/// addresses or constants. Not the roots of those: a buffer's view of the
/// arena (at the buffer's arena offset) and a global (weights) are passed
/// in, so layers that differ only in where their buffers and weights lie
/// get identical kernels, compiled once (ResNet's repeated blocks).
bool isClonable(Operation *op) {
  return op && op->getNumRegions() == 0 &&
         !isa<memref::ViewOp, memref::GetGlobalOp>(op) &&
         (isa<ViewLikeOpInterface>(op) ||
          op->hasTrait<OpTrait::ConstantLike>());
}

/// Where a kernel argument's memory lies: a byte range of a buffer (the
/// arena) for a view of it at a constant offset, or the whole of a global or
/// of a graph argument.
struct Region {
  Value base;                  // the viewed buffer, or the graph argument
  StringRef global;            // or the global
  int64_t begin = 0, end = -1; // bytes; end -1: all of it
};

std::optional<Region> regionOf(Value v) {
  if (auto view = v.getDefiningOp<memref::ViewOp>()) {
    auto type = cast<MemRefType>(view.getType());
    APInt shift;
    if (!type.hasStaticShape() || !type.getElementType().isIntOrFloat() ||
        !matchPattern(view.getByteShift(), m_ConstantInt(&shift)))
      return std::nullopt;
    int64_t begin = shift.getSExtValue();
    return Region{view.getSource(),
                  {},
                  begin,
                  begin + type.getNumElements() *
                              int64_t(type.getElementTypeBitWidth() / 8)};
  }
  if (auto global = v.getDefiningOp<memref::GetGlobalOp>())
    return Region{{}, global.getName(), 0, -1};
  if (isa<BlockArgument>(v))
    return Region{v, {}, 0, -1};
  return std::nullopt;
}

/// Whether two distinct kernel arguments may share memory. Graph arguments
/// (the caller's buffers) may alias each other, never the arena or a global.
bool mayOverlap(Value a, Value b) {
  std::optional<Region> ra = regionOf(a), rb = regionOf(b);
  if (!ra || !rb)
    return true;
  if (!ra->global.empty() || !rb->global.empty())
    return ra->global == rb->global;
  bool argA = isa<BlockArgument>(a), argB = isa<BlockArgument>(b);
  if (argA && argB)
    return true;
  if (ra->base != rb->base)
    return false;
  if (ra->end < 0 || rb->end < 0)
    return true;
  return ra->begin < rb->end && rb->begin < ra->end;
}

struct CnncOutlineKernelsPass
    : public cnnc::impl::CnncOutlineKernelsBase<CnncOutlineKernelsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<func::FuncOp> graphs(module.getOps<func::FuncOp>());
    for (func::FuncOp graph : graphs) {
      if (graph.isExternal() || graph->hasAttr("cnnc.kernel"))
        continue;
      unsigned count = 0;
      SmallVector<Operation *> work;
      for (Operation &op : graph.getBody().front())
        if (op.getNumRegions() > 0 && op.getNumResults() == 0)
          work.push_back(&op);
      SmallVector<std::pair<func::FuncOp, func::CallOp>> kernels;
      for (Operation *op : work)
        kernels.push_back(outline(graph, op, symbols, count++));
      deduplicate(kernels, symbols);
    }
  }

  /// Kernels identical but for their names (same argument types, same body
  /// and attributes) are compiled once: calls go to the first, the others
  /// are erased.
  void deduplicate(ArrayRef<std::pair<func::FuncOp, func::CallOp>> kernels,
                   SymbolTable &symbols) {
    llvm::StringMap<func::FuncOp> seen;
    OpPrintingFlags flags;
    flags.printGenericOpForm();
    // Value numbers local to each kernel, not the module's.
    flags.useLocalScope();
    for (auto [kernel, call] : kernels) {
      std::string key;
      {
        // The kernel printed under a fixed name, without locations.
        StringAttr name = kernel.getSymNameAttr();
        kernel.setSymName("kernel");
        llvm::raw_string_ostream os(key);
        kernel->print(os, flags);
        kernel.setSymNameAttr(name);
      }
      auto [it, inserted] = seen.try_emplace(key, kernel);
      if (inserted)
        continue;
      call.setCallee(it->second.getSymName());
      symbols.erase(kernel);
    }
  }

  std::pair<func::FuncOp, func::CallOp> outline(func::FuncOp graph,
                                                Operation *op,
                                                SymbolTable &symbols,
                                                unsigned index) {
    // Everything the op reads from outside: its operands and the values its
    // regions capture. Clonable producers are followed to their roots.
    llvm::SetVector<Value> used;
    for (Value v : op->getOperands())
      used.insert(v);
    getUsedValuesDefinedAbove(op->getRegions(), used);
    llvm::SetVector<Operation *> toClone;
    llvm::SetVector<Value> arguments;
    SmallVector<Value> worklist(used.begin(), used.end());
    while (!worklist.empty()) {
      Value v = worklist.pop_back_val();
      Operation *def = v.getDefiningOp();
      if (isClonable(def)) {
        if (toClone.insert(def))
          for (Value operand : def->getOperands())
            worklist.push_back(operand);
        continue;
      }
      arguments.insert(v);
    }

    OpBuilder b(graph);
    b.setInsertionPointAfter(graph);
    SmallVector<Type> argTypes;
    for (Value v : arguments)
      argTypes.push_back(v.getType());
    std::string name =
        (graph.getSymName() + "_kernel_" + std::to_string(index)).str();
    auto kernel = func::FuncOp::create(b, op->getLoc(), name,
                                       b.getFunctionType(argTypes, {}));
    kernel.setPrivate();
    // Arguments no other argument can overlap are `llvm.noalias`: passed
    // in rather than derived from one arena pointer, LLVM could no longer
    // tell a kernel's input from its output and left loops scalar (U-Net's
    // bilinear resize ran 12x slower).
    for (auto [i, v] : llvm::enumerate(arguments))
      if (llvm::none_of(arguments, [&, v = v](Value other) {
            return other != v && mayOverlap(v, other);
          }))
        kernel.setArgAttr(i, "llvm.noalias", b.getUnitAttr());
    kernel->setAttr("cnnc.kernel", b.getUnitAttr());
    // A description for --profile: what codegen recorded, else the op and
    // the shape it writes.
    if (auto recorded = op->getAttrOfType<StringAttr>("cnnc.desc")) {
      kernel->setAttr("cnnc.desc", recorded);
      if (Attribute flops = op->getAttr("cnnc.flops"))
        kernel->setAttr("cnnc.flops", flops);
    } else {
      std::string desc = op->hasAttr("cnnc.winograd_input")
                             ? "Winograd input transform"
                         : op->hasAttr("cnnc.winograd_output")
                             ? "Winograd output transform"
                             : op->getName().getStringRef().str();
      MemRefType written;
      for (Value v : op->getOperands())
        if (auto t = dyn_cast<MemRefType>(v.getType()); t && t.getRank())
          written = t;
      if (written) {
        desc += " ";
        llvm::raw_string_ostream os(desc);
        llvm::interleave(written.getShape(), os, "x");
      }
      kernel->setAttr("cnnc.desc", b.getStringAttr(desc));
    }
    symbols.insert(kernel);
    Block *body = kernel.addEntryBlock();
    IRMapping mapping;
    for (auto [v, arg] : llvm::zip(arguments, body->getArguments()))
      mapping.map(v, arg);
    OpBuilder kb = OpBuilder::atBlockEnd(body);
    // Clone address computations in their original order.
    SmallVector<Operation *> ordered(toClone.begin(), toClone.end());
    llvm::sort(ordered, [](Operation *a, Operation *b) {
      return a->isBeforeInBlock(b);
    });
    for (Operation *c : ordered)
      kb.clone(*c, mapping);
    kb.clone(*op, mapping);
    func::ReturnOp::create(kb, op->getLoc());

    OpBuilder cb(op);
    auto call = func::CallOp::create(
        cb, op->getLoc(), kernel,
        SmallVector<Value>(arguments.begin(), arguments.end()));
    op->erase();
    return {kernel, call};
  }
};
} // namespace
