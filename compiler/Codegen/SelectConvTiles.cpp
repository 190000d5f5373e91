//===- SelectConvTiles.cpp - cnnc-select-conv-tiles pass ------------------===//
//
// Part of cnnc.
//
/// Attaches to each conv generic that cnnc-vectorize-conv will turn into a
/// register-tiled kernel the plan that kernel follows (`cnnc.tile`, see
/// ConvTiles.h): the `tiled` phase, where the tile choices can be read, and
/// changed, before any vector code exists. A plan already attached stays.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/ConvTiles.h"

namespace cnnc {
#define GEN_PASS_DEF_CNNCSELECTCONVTILES
#include "compiler/Codegen/Passes.h.inc"
} // namespace cnnc

using namespace mlir;

namespace {
struct CnncSelectConvTilesPass
    : public cnnc::impl::CnncSelectConvTilesBase<CnncSelectConvTilesPass> {
  using CnncSelectConvTilesBase::CnncSelectConvTilesBase;

  void runOnOperation() override {
    if (vectorBits < 256)
      return;
    int64_t vl = vectorBits / 32;
    cnnc::TileTarget target = cnnc::tileTargetFor(vectorBits, cpu);
    getOperation().walk([&](linalg::GenericOp op) {
      // (A plan already attached - pinned by hand - stays.)
      if ((!op->hasAttr("cnnc.conv") && !op->hasAttr("cnnc.dwconv")) ||
          op->hasAttr(cnnc::kConvTileAttrName))
        return;
      FailureOr<cnnc::ConvMatch> m = cnnc::matchConvKernel(op, vl);
      if (failed(m))
        return; // Not a kernel cnnc-vectorize-conv makes: no plan.
      op->setAttr(
          cnnc::kConvTileAttrName,
          cnnc::convTileAttr(op.getContext(), cnnc::planConvTiles(*m, target)));
    });
  }
};
} // namespace
