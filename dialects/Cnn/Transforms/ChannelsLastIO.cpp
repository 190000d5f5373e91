//===- ChannelsLastIO.cpp - cnn-channels-last-io pass ---------------------===//
//
// Part of cnnc.
//
/// Gives the graph's 4-D inputs and outputs the channels-last layout
/// (N, H, W, C) at its boundary, for callers whose data is NHWC (camera
/// frames, TensorFlow-style pipelines): each such argument is transposed to
/// the graph's NCHW right at the start and each such result back right
/// before the return. The packed lowering reads through those transposes
/// (its activations are NHWC inside), so neither costs a pass over memory
/// when the first and last layers are convolutions.
//
//===----------------------------------------------------------------------===//

#include "Cnn/IR/CnnOps.h"
#include "Cnn/Transforms/Passes.h"

namespace cnnc::cnn {
#define GEN_PASS_DEF_CNNCHANNELSLASTIO
#include "Cnn/Transforms/Passes.h.inc"
} // namespace cnnc::cnn

using namespace mlir;
using namespace cnnc::cnn;

namespace {

/// `type` with its dimensions permuted: result dimension i is perm[i].
RankedTensorType permuted(RankedTensorType type, ArrayRef<int64_t> perm) {
  SmallVector<int64_t> shape;
  for (int64_t p : perm)
    shape.push_back(type.getDimSize(p));
  return RankedTensorType::get(shape, type.getElementType());
}

bool isImage(Type t) {
  auto r = dyn_cast<RankedTensorType>(t);
  return r && r.getRank() == 4;
}

struct CnnChannelsLastIOPass
    : public cnnc::cnn::impl::CnnChannelsLastIOBase<CnnChannelsLastIOPass> {
  void runOnOperation() override {
    auto graph = getOperation().lookupSymbol<func::FuncOp>("main");
    if (!graph || graph.isExternal()) {
      getOperation().emitError("channels-last I/O: no @main graph function");
      return signalPassFailure();
    }
    static constexpr int64_t toNchw[] = {0, 3, 1, 2};
    static constexpr int64_t toNhwc[] = {0, 2, 3, 1};
    Block &entry = graph.getBody().front();
    OpBuilder b = OpBuilder::atBlockBegin(&entry);
    SmallVector<Type> inputs, results;
    for (BlockArgument arg : entry.getArguments()) {
      if (!isImage(arg.getType())) {
        inputs.push_back(arg.getType());
        continue;
      }
      auto nchw = cast<RankedTensorType>(arg.getType());
      arg.setType(permuted(nchw, toNhwc));
      auto t = TransposeOp::create(b, arg.getLoc(), nchw, arg,
                                   b.getDenseI64ArrayAttr(toNchw));
      arg.replaceAllUsesExcept(t.getResult(), t);
      inputs.push_back(arg.getType());
    }
    graph.walk([&](func::ReturnOp ret) {
      b.setInsertionPoint(ret);
      for (OpOperand &operand : ret->getOpOperands()) {
        if (!isImage(operand.get().getType()))
          continue;
        auto nchw = cast<RankedTensorType>(operand.get().getType());
        auto t =
            TransposeOp::create(b, ret.getLoc(), permuted(nchw, toNhwc),
                                operand.get(), b.getDenseI64ArrayAttr(toNhwc));
        operand.set(t.getResult());
      }
    });
    for (Type t : graph.getResultTypes())
      results.push_back(isImage(t) ? permuted(cast<RankedTensorType>(t), toNhwc)
                                   : t);
    graph.setType(b.getFunctionType(inputs, results));
  }
};

} // namespace
