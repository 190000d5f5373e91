//===- FusionReport.cpp - what the graph passes did -----------------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Pipelines/FusionReport.h"

#include "Cnn/IR/CnnOps.h"
#include "compiler/Codegen/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"
#include "llvm/Support/Format.h"

#include <map>

using namespace mlir;

namespace cnnc {

OpCounts countGraphOps(Operation *root) {
  OpCounts counts;
  root->walk([&](Operation *op) {
    if (op->getDialect() && op->getDialect()->getNamespace() == "cnn" &&
        !isa<cnn::ConstantOp>(op))
      ++counts[op->getName().stripDialect().str()];
  });
  return counts;
}

FusionReport::FusionReport(ModuleOp module,
                           ArrayRef<std::string> disabledPasses)
    : module(module), disabled(disabledPasses), initial(countGraphOps(module)) {
}

std::unique_ptr<PassInstrumentation> FusionReport::instrument() {
  struct Forward : PassInstrumentation {
    FusionReport &report;
    explicit Forward(FusionReport &report) : report(report) {}
    void runBeforePass(Pass *pass, Operation *op) override {
      report.runBeforePass(pass, op);
    }
    void runAfterPass(Pass *pass, Operation *op) override {
      report.runAfterPass(pass, op);
    }
  };
  return std::make_unique<Forward>(*this);
}

void FusionReport::runBeforePass(Pass *pass, Operation *op) {
  if (!pass->getArgument().empty())
    beforePass = countGraphOps(op);
}

void FusionReport::runAfterPass(Pass *pass, Operation *op) {
  if (pass->getArgument().empty())
    return;
  OpCounts after = countGraphOps(op);
  bool same =
      after.size() == beforePass.size() && llvm::all_of(after, [&](auto &kv) {
        auto it = beforePass.find(kv.first);
        return it != beforePass.end() && it->second == kv.second;
      });
  if (!same)
    changes.push_back({pass->getArgument().str(), beforePass, after});
}

namespace {

std::string epilogueOf(cnn::FusedConvOp op) {
  std::string s;
  auto add = [&](StringRef part) { s += (s.empty() ? "" : "+") + part.str(); };
  if (op.getInputScale()) {
    add("input scale/shift");
    if (op.getInputActivation() != cnn::Activation::none)
      add("input " + cnn::stringifyActivation(op.getInputActivation()).str());
    add("conv");
  }
  if (op.getActivation() != cnn::Activation::none)
    add(cnn::stringifyActivation(op.getActivation()));
  if (op.getResidual())
    add("residual add");
  if (op.getPostActivation() != cnn::Activation::none)
    add(cnn::stringifyActivation(op.getPostActivation()));
  return s.empty() ? "bias only" : s;
}

/// Why `op`, an activation, batch norm, add or pad the graph passes could
/// fuse or fold in some graphs, is still standalone; "" when it is not a
/// candidate at all.
std::string whyUnfused(Operation *op, ArrayRef<std::string> disabled) {
  bool activation =
      isa<cnn::ReluOp, cnn::LeakyReluOp, cnn::ClipOp, cnn::SigmoidOp,
          cnn::TanhOp, cnn::HardSigmoidOp, cnn::HardSwishOp, cnn::PReluOp>(op);
  if (!activation && !isa<cnn::BatchNormOp, cnn::AddOp, cnn::PadOp>(op))
    return "";
  auto off = [&](StringRef pass) {
    return llvm::is_contained(disabled, pass.str());
  };
  if (auto pad = dyn_cast<cnn::PadOp>(op)) {
    if (off("cnn-fold-pad"))
      return "cnn-fold-pad is disabled";
    if (pad.getMode() != cnn::PadMode::constant)
      return "not a constant pad (" +
             cnn::stringifyPadMode(pad.getMode()).str() + ")";
    ArrayRef<int64_t> pads = pad.getPads();
    size_t rank = pads.size() / 2;
    for (auto [i, p] : llvm::enumerate(pads))
      if (p < 0 || (i % rank < 2 && p))
        return "it crops, or pads the batch or channel dimension";
    for (Operation *user : pad->getUsers()) {
      if (!isa<cnn::ConvOp, cnn::FusedConvOp, cnn::MaxPoolOp, cnn::AvgPoolOp>(
              user))
        return "read by cnn." + user->getName().stripDialect().str() +
               ", which has no pads of its own";
      if (isa<cnn::ConvOp, cnn::FusedConvOp>(user))
        return "a convolution pads with 0, this pad with " +
               std::to_string(pad.getValue().convertToFloat());
    }
    return "the pool's padding would differ (max: a zero that could win, "
           "argmax indices; avg: divisor; ceil_mode; pads >= kernel)";
  }
  if (isa<cnn::BatchNormOp>(op) && off("cnn-fold-batch-norm") &&
      off("cnn-fuse-prologue"))
    return "cnn-fold-batch-norm and cnn-fuse-prologue are disabled";
  if (isa<cnn::BatchNormOp>(op)) {
    // Folded backwards into a conv, or forwards as the next conv's prologue.
    Value x = op->getResult(0);
    if (x.hasOneUse() &&
        isa<cnn::ReluOp, cnn::LeakyReluOp, cnn::ClipOp, cnn::SigmoidOp,
            cnn::TanhOp, cnn::HardSigmoidOp, cnn::HardSwishOp>(
            *x.getUsers().begin()))
      x = (*x.getUsers().begin())->getResult(0);
    bool convAfter = x.hasOneUse() &&
                     isa<cnn::ConvOp, cnn::FusedConvOp>(*x.getUsers().begin());
    Operation *def = op->getOperand(0).getDefiningOp();
    bool convBefore = def && isa<cnn::ConvOp, cnn::FusedConvOp>(def);
    if (!convAfter && !convBefore)
      return "no conv before it (to fold into) or reading it (to fuse as "
             "its input prologue)";
    if (convAfter && off("cnn-fuse-prologue"))
      return "cnn-fuse-prologue is disabled";
  }
  if (!isa<cnn::BatchNormOp>(op) && off("cnn-fuse-epilogue"))
    return "cnn-fuse-epilogue is disabled";
  SmallVector<Value> inputs{op->getOperand(0)};
  if (isa<cnn::AddOp>(op))
    inputs.push_back(op->getOperand(1));
  std::string producers;
  for (Value input : inputs) {
    Operation *def = input.getDefiningOp();
    if (!def)
      return "its input is a graph input";
    if (isa<cnn::ConvOp, cnn::FusedConvOp>(def)) {
      if (!def->getResult(0).hasOneUse())
        return "the convolution's result has other users (" +
               std::to_string(std::distance(def->getResult(0).use_begin(),
                                            def->getResult(0).use_end())) +
               ")";
      if (auto fused = dyn_cast<cnn::FusedConvOp>(def))
        if (fused.getPostActivation() != cnn::Activation::none ||
            (!activation && fused.getResidual()))
          return "the convolution's epilogue is full (" + epilogueOf(fused) +
                 ")";
      if (isa<cnn::BatchNormOp>(op))
        return "the weights or statistics are not constants";
      if (auto conv = dyn_cast<cnn::ConvOp>(def);
          conv && cast<ShapedType>(conv.getType()).getRank() != 4)
        return "the convolution is not 2-D";
      if (isa<cnn::AddOp>(op))
        return "the other operand's shape differs (broadcast)";
      return "the activation kind or its parameters have no epilogue form";
    }
    producers += (producers.empty() ? "" : ", ") + std::string("cnn.") +
                 def->getName().stripDialect().str();
  }
  return "produced by " + producers + ", not by a convolution";
}

} // namespace

void FusionReport::print(llvm::raw_ostream &os, StringRef input) {
  OpCounts final = countGraphOps(module);
  std::map<std::string, std::pair<int64_t, int64_t>> rows;
  for (auto &[kind, n] : initial)
    rows[kind].first = n;
  for (auto &[kind, n] : final)
    rows[kind].second = n;
  int64_t totalBefore = 0, totalAfter = 0;
  for (auto &[kind, ba] : rows) {
    totalBefore += ba.first;
    totalAfter += ba.second;
  }
  os << input << ": graph optimizer (cnn -> cnn-opt), ops without constants: "
     << totalBefore << " -> " << totalAfter << "\n";
  os << llvm::format("  %-22s %7s %7s\n", "op", "before", "after");
  for (auto &[kind, ba] : rows)
    os << llvm::format("  %-22s %7lld %7lld\n", ("cnn." + kind).c_str(),
                       (long long)ba.first, (long long)ba.second);
  os << "  by pass:\n";
  if (changes.empty())
    os << "    (no pass changed the graph)\n";
  for (PassChange &c : changes) {
    os << "    " << c.pass << ":";
    std::map<std::string, std::pair<int64_t, int64_t>> diff;
    for (auto &[kind, n] : c.before)
      diff[kind].first = n;
    for (auto &[kind, n] : c.after)
      diff[kind].second = n;
    for (auto &[kind, ba] : diff)
      if (ba.first != ba.second)
        os << " " << kind << " " << ba.first << " -> " << ba.second << ";";
    os << "\n";
  }
  std::map<std::string, int64_t> epilogues;
  module.walk([&](cnn::FusedConvOp fused) { ++epilogues[epilogueOf(fused)]; });
  if (!epilogues.empty()) {
    os << "  fused convolutions by epilogue:";
    for (auto &[e, n] : epilogues)
      os << " " << e << " " << n << ";";
    os << "\n";
  }
  std::vector<Unfused> left = unfused();
  if (left.empty()) {
    os << "  left unfused: none\n";
    return;
  }
  os << "  left unfused (why; first at):\n";
  for (const Unfused &u : left) {
    os << "    " << u.count << " x " << u.kind << ": " << u.why;
    if (!u.firstAt.empty())
      os << "; first at " << u.firstAt;
    os << "\n";
  }
}

std::vector<FusionReport::Unfused> FusionReport::unfused() {
  std::map<std::pair<std::string, std::string>, std::pair<int64_t, std::string>>
      groups;
  module.walk([&](Operation *op) {
    if (isa<cnn::FusedConvOp>(op))
      return;
    std::string why = whyUnfused(op, disabled);
    if (why.empty())
      return;
    std::string kind = "cnn." + op->getName().stripDialect().str();
    if (auto bn = dyn_cast<cnn::BatchNormOp>(op);
        bn && bn.getActivation() != cnn::Activation::none)
      kind += " (with its " +
              cnn::stringifyActivation(bn.getActivation()).str() + ")";
    auto &entry = groups[{kind, std::move(why)}];
    if (entry.first++ == 0)
      entry.second = describeLocation(op->getLoc());
  });
  std::vector<Unfused> result;
  for (auto &[key, entry] : groups)
    result.push_back({key.first, key.second, entry.second, entry.first});
  return result;
}

} // namespace cnnc
