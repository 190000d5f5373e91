//===- Pipelines.cpp - cnnc's compilation phases --------------------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Pipelines/Pipelines.h"

#include "Cnn/Transforms/Passes.h"
#include "compiler/Codegen/Passes.h"
#include "compiler/Conversion/Passes.h"
#include "compiler/Target/Backend.h"
#include "compiler/Target/ModelInterface.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVMPass.h"
#include "mlir/Dialect/Arith/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Bufferization/Transforms/FuncBufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/Linalg/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/BufferizableOpInterfaceImpl.h"
#include "mlir/Dialect/Tensor/Transforms/BufferizableOpInterfaceImpl.h"

#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/StringSwitch.h"

namespace cnnc {

std::optional<Phase> parsePhase(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<Phase>>(name)
      .Case("input", Phase::Input)
      .Case("cnn", Phase::Cnn)
      .Case("cnn-opt", Phase::CnnOpt)
      .Case("linalg", Phase::Linalg)
      .Case("tiled", Phase::Tiled)
      .Case("vector", Phase::Vector)
      .Case("buffers", Phase::Buffers)
      .Case("llvm", Phase::Llvm)
      .Default(std::nullopt);
}

llvm::StringRef phaseName(Phase phase) {
  switch (phase) {
  case Phase::Input:
    return "input";
  case Phase::Cnn:
    return "cnn";
  case Phase::CnnOpt:
    return "cnn-opt";
  case Phase::Linalg:
    return "linalg";
  case Phase::Tiled:
    return "tiled";
  case Phase::Vector:
    return "vector";
  case Phase::Buffers:
    return "buffers";
  case Phase::Llvm:
    return "llvm";
  }
  return "";
}

llvm::ArrayRef<llvm::StringRef> optionalPasses() {
  static const llvm::StringRef names[] = {"cnn-fold-batch-norm",
                                          "cnn-decompose-conv-transpose",
                                          "cnn-fold-pad",
                                          "cnn-fuse-epilogue",
                                          "cnn-fuse-prologue",
                                          "cnnc-pad-in-place",
                                          "cnnc-elide-copies",
                                          "cnnc-vectorize-conv",
                                          "cnnc-vectorize-pool",
                                          "cnnc-tile-transposes",
                                          "cnnc-flatten-fills",
                                          "cnnc-results-in-place",
                                          "cnnc-instrument-kernels",
                                          "cnnc-winograd"};
  return names;
}

bool PipelineOptions::isDisabled(llvm::StringRef pass) const {
  return llvm::is_contained(disabledPasses, pass);
}

namespace {
/// Adds `pass` on every function (or on the module) unless the user
/// disabled it.
void addOptional(mlir::OpPassManager &pm, const PipelineOptions &options,
                 std::unique_ptr<mlir::Pass> pass) {
  assert(llvm::is_contained(optionalPasses(), pass->getArgument()) &&
         "an optional pass missing from optionalPasses()");
  if (options.isDisabled(pass->getArgument()))
    return;
  if (pass->getOpName() == mlir::func::FuncOp::getOperationName())
    pm.nest<mlir::func::FuncOp>().addPass(std::move(pass));
  else
    pm.addPass(std::move(pass));
}
} // namespace

void buildCnnCleanupPipeline(mlir::OpPassManager &pm,
                             const PipelineOptions &options) {
  if (options.channelsLastIO)
    pm.addPass(cnn::createCnnChannelsLastIO());
  pm.addPass(cnn::createCnnInferShapes());
  pm.addPass(mlir::createCanonicalizerPass());
  pm.addPass(mlir::createCSEPass());
}

void buildCnnOptPipeline(mlir::OpPassManager &pm,
                         const PipelineOptions &options) {
  if (options.optLevel == 0)
    return;
  // Batch norms fold into transposed convs before those are decomposed.
  addOptional(pm, options, cnn::createCnnFoldBatchNorm());
  addOptional(pm, options, cnn::createCnnDecomposeConvTranspose());
  addOptional(pm, options, cnn::createCnnFoldPad());
  addOptional(pm, options, cnn::createCnnFuseEpilogue());
  addOptional(pm, options, cnn::createCnnFusePrologue());
  pm.addPass(mlir::createCanonicalizerPass());
}

void buildLinalgPipeline(mlir::OpPassManager &pm,
                         const PipelineOptions &options) {
  ConvertCnnToLinalgOptions lowering;
  lowering.vectorBits = options.kernelVectorBits();
  lowering.winograd = options.winograd;
  pm.addNestedPass<mlir::func::FuncOp>(createConvertCnnToLinalg(lowering));
  pm.addPass(mlir::createCanonicalizerPass());
  pm.addPass(mlir::createCSEPass());
  if (options.optLevel)
    addOptional(pm, options, createCnncPadInPlace());
}

void buildBufferizePipeline(mlir::OpPassManager &pm,
                            const PipelineOptions &options) {
  pm.addPass(mlir::bufferization::createEmptyTensorEliminationPass());
  pm.addPass(mlir::bufferization::createEmptyTensorToAllocTensorPass());
  mlir::bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      mlir::bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(mlir::bufferization::createOneShotBufferizePass(bufferize));
  mlir::bufferization::BufferResultsToOutParamsPassOptions outParams;
  outParams.hoistStaticAllocs = true;
  outParams.modifyPublicFunctions = true;
  pm.addPass(
      mlir::bufferization::createBufferResultsToOutParamsPass(outParams));
  pm.addPass(mlir::createCanonicalizerPass());
  pm.addPass(mlir::createCSEPass());
  pm.addNestedPass<mlir::func::FuncOp>(createCnncCopyToLinalg());
  addOptional(pm, options, createCnncResultsInPlace());
  if (options.optLevel)
    addOptional(pm, options, createCnncElideCopies());
  CnncPlanMemoryOptions plan;
  plan.maxBytes = options.maxArenaBytes;
  pm.addNestedPass<mlir::func::FuncOp>(createCnncPlanMemory(plan));
  pm.addNestedPass<mlir::func::FuncOp>(createCnncLegalizeEmptyArgs());
}

void buildTilePipeline(mlir::OpPassManager &pm,
                       const PipelineOptions &options) {
  // (The plans are cnnc-vectorize-conv's: none when it is off.)
  unsigned bits = options.kernelVectorBits();
  if (!bits || options.isDisabled("cnnc-vectorize-conv"))
    return;
  CnncSelectConvTilesOptions select;
  select.vectorBits = bits;
  select.cpu = options.cpu;
  pm.addNestedPass<mlir::func::FuncOp>(createCnncSelectConvTiles(select));
}

void buildKernelPipeline(mlir::OpPassManager &pm,
                         const PipelineOptions &options) {
  if (unsigned bits = options.kernelVectorBits()) {
    CnncVectorizeConvOptions vectorize;
    vectorize.vectorBits = bits;
    vectorize.cpu = options.cpu;
    addOptional(pm, options, createCnncVectorizeConv(vectorize));
    CnncVectorizePoolOptions pool;
    pool.vectorBits = bits;
    addOptional(pm, options, createCnncVectorizePool(pool));
    CnncTileTransposesOptions transposes;
    transposes.vectorBits = bits;
    addOptional(pm, options, createCnncTileTransposes(transposes));
  }
  addOptional(pm, options, createCnncFlattenFills());
  pm.addPass(createCnncOutlineKernels());
  pm.addPass(createCnncParallelizeKernels());
  pm.addPass(mlir::createCanonicalizerPass());
}

void buildLlvmPipeline(mlir::OpPassManager &pm,
                       const PipelineOptions &options) {
  pm.addNestedPass<mlir::func::FuncOp>(mlir::createConvertLinalgToLoopsPass());
  pm.addPass(mlir::createLowerAffinePass());
  // Before vector lowering: libm calls on vectors are unrolled into
  // vector.extract/insert, which that lowering then handles.
  CnncApproximateVectorMathOptions approximate;
  approximate.scalars = options.optLevel > 0;
  pm.addPass(createCnncApproximateVectorMath(approximate));
  // LLVM intrinsics first (fma, floor, exp stay vector instructions or
  // become one call), libm for what has no intrinsic (tanh, log1p, ...).
  pm.addPass(mlir::createConvertMathToLLVMPass());
  pm.addPass(mlir::createConvertMathToLibmPass());
  pm.addPass(mlir::createSCFToControlFlowPass());
  pm.addPass(mlir::createConvertVectorToLLVMPass());
  pm.addPass(mlir::memref::createExpandStridedMetadataPass());
  pm.addPass(mlir::createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(mlir::createArithToLLVMConversionPass());
  pm.addPass(mlir::createConvertControlFlowToLLVMPass());
  mlir::ConvertFuncToLLVMPassOptions func;
  func.useBarePtrCallConv = true;
  pm.addPass(mlir::createConvertFuncToLLVMPass(func));
  pm.addPass(mlir::createConvertIndexToLLVMPass());
  pm.addPass(mlir::createReconcileUnrealizedCastsPass());
  pm.addPass(createCnncLowerParallelCalls());
  addOptional(pm, options, createCnncInstrumentKernels());
  pm.addPass(mlir::createCanonicalizerPass());
}

mlir::FailureOr<ModelInterface>
lowerToLLVMDialect(mlir::ModuleOp module, llvm::StringRef prefix,
                   const PipelineOptions &options) {
  auto run = [&](auto build) {
    mlir::PassManager pm(module.getContext());
    build(pm, options);
    return pm.run(module);
  };
  if (failed(run(buildCnnCleanupPipeline)))
    return mlir::failure();
  auto graph = module.lookupSymbol<mlir::func::FuncOp>("main");
  if (!graph)
    return module.emitError() << "no @main graph function";
  mlir::FailureOr<ModelInterface> model = getModelInterface(graph, prefix);
  if (failed(model) || failed(run(buildCnnOptPipeline)) ||
      failed(run(buildLinalgPipeline)) || failed(run(buildBufferizePipeline)) ||
      failed(run(buildTilePipeline)) || failed(run(buildKernelPipeline)))
    return mlir::failure();
  if (auto bytes = graph->getAttrOfType<mlir::IntegerAttr>("cnnc.arena_bytes"))
    model->arenaBytes = bytes.getInt();
  if (failed(run(buildLlvmPipeline)) ||
      failed(addCEntryPoint(module, "main", *model)))
    return mlir::failure();
  return model;
}

void registerPipelineDependencies(mlir::DialectRegistry &registry) {
  mlir::arith::registerBufferizableOpInterfaceExternalModels(registry);
  mlir::bufferization::func_ext::registerBufferizableOpInterfaceExternalModels(
      registry);
  mlir::linalg::registerBufferizableOpInterfaceExternalModels(registry);
  mlir::scf::registerBufferizableOpInterfaceExternalModels(registry);
  mlir::tensor::registerBufferizableOpInterfaceExternalModels(registry);
}

} // namespace cnnc
