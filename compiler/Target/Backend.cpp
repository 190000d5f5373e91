//===- Backend.cpp - from LLVM-dialect MLIR to objects and binaries -------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/Backend.h"
#include "compiler/Target/Weights.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Object/ArchiveWriter.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/Transforms/Utils/SplitModule.h"

#include <mutex>

#ifndef CNNC_CLANG_PATH
#define CNNC_CLANG_PATH "/usr/lib/llvm-22/bin/clang"
#endif

using namespace mlir;

namespace cnnc {

FailureOr<TargetInfo> resolveTarget(StringRef name, Location loc) {
  TargetInfo info;
  info.triple = llvm::sys::getDefaultTargetTriple();
  if (name == "host" || name.empty()) {
    info.cpu = llvm::sys::getHostCPUName().str();
    std::vector<std::string> features;
    for (const auto &f : llvm::sys::getHostCPUFeatures())
      features.push_back((f.second ? "+" : "-") + f.getKey().str());
    info.features = llvm::join(features, ",");
    auto has = [&](StringRef f) {
      return llvm::is_contained(features, ("+" + f).str());
    };
    info.vectorBits = has("avx512f") ? 512 : has("avx2") ? 256 : 128;
  } else if (name == "x86-64-v4") {
    info.cpu = "x86-64-v4";
    info.vectorBits = 512;
  } else if (name == "x86-64-v3") {
    info.cpu = "x86-64-v3";
    info.vectorBits = 256;
  } else if (name == "x86-64") {
    info.cpu = "x86-64";
    info.vectorBits = 128;
  } else {
    return emitError(loc) << "unknown --target '" << name
                          << "' (expected host, x86-64-v4, x86-64-v3 or "
                             "x86-64)";
  }
  if (!StringRef(info.triple).starts_with("x86_64"))
    return emitError(loc) << "cnnc generates x86-64 code; this machine is "
                          << info.triple;
  return info;
}

LogicalResult addCEntryPoint(ModuleOp module, StringRef graphName,
                             const ModelInterface &model) {
  auto graph = module.lookupSymbol<LLVM::LLVMFuncOp>(graphName);
  if (!graph)
    return module.emitError() << "no lowered graph function @" << graphName;
  MLIRContext *ctx = module.getContext();
  OpBuilder b(ctx);
  b.setInsertionPointToEnd(module.getBody());
  Location loc = graph.getLoc();
  auto ptr = LLVM::LLVMPointerType::get(ctx);
  auto i32 = IntegerType::get(ctx, 32);
  auto fnType = LLVM::LLVMFunctionType::get(i32, {ptr, ptr, ptr});
  auto entry = LLVM::LLVMFuncOp::create(b, loc, model.prefix + "_run", fnType);
  Block *body = entry.addEntryBlock(b);
  b.setInsertionPointToStart(body);
  SmallVector<Value> args;
  auto load = [&](Value base, int64_t i) {
    Value p = LLVM::GEPOp::create(b, loc, ptr, ptr, base,
                                  ArrayRef<LLVM::GEPArg>{(int32_t)i});
    return LLVM::LoadOp::create(b, loc, ptr, p).getResult();
  };
  for (size_t i = 0; i < model.inputs.size(); ++i)
    args.push_back(load(body->getArgument(0), i));
  for (size_t i = 0; i < model.outputs.size(); ++i)
    args.push_back(load(body->getArgument(1), i));
  args.push_back(body->getArgument(2));
  if (graph.getNumArguments() != args.size())
    return graph.emitError()
           << "lowered graph takes " << graph.getNumArguments()
           << " pointers, the interface has " << args.size();
  LLVM::CallOp::create(b, loc, graph, args);
  Value zero = LLVM::ConstantOp::create(b, loc, i32, b.getI32IntegerAttr(0));
  LLVM::ReturnOp::create(b, loc, zero);
  // Only the entry point is exported; the graph's argument names (cnn.name)
  // mean nothing to LLVM.
  graph.setLinkage(LLVM::Linkage::Internal);
  for (unsigned i = 0; i < graph.getNumArguments(); ++i)
    graph.setArgAttrs(i, ArrayRef<NamedAttribute>{});
  // Kernels stay separate functions: LLVM's loop passes scale badly with
  // function size (see cnnc-outline-kernels).
  module.walk([&](LLVM::LLVMFuncOp f) {
    if (!f->hasAttr("cnnc.kernel"))
      return;
    f.setPassthroughAttr(b.getArrayAttr({b.getStringAttr("noinline")}));
    f.setLinkage(LLVM::Linkage::Internal);
  });
  return success();
}

static void initializeTargets() {
  static bool done = [] {
    LLVMInitializeX86TargetInfo();
    LLVMInitializeX86Target();
    LLVMInitializeX86TargetMC();
    LLVMInitializeX86AsmPrinter();
    LLVMInitializeX86AsmParser();
    return true;
  }();
  (void)done;
}

static std::unique_ptr<llvm::TargetMachine>
createTargetMachine(const TargetInfo &target, unsigned optLevel,
                    std::string &error) {
  initializeTargets();
  llvm::Triple triple(target.triple);
  const llvm::Target *t = llvm::TargetRegistry::lookupTarget(triple, error);
  if (!t)
    return nullptr;
  llvm::TargetOptions options;
  // Contraction into FMA is what the kernels are written for.
  options.AllowFPOpFusion = llvm::FPOpFusion::Fast;
  llvm::CodeGenOptLevel level = optLevel == 0   ? llvm::CodeGenOptLevel::None
                                : optLevel == 1 ? llvm::CodeGenOptLevel::Less
                                : optLevel == 2
                                    ? llvm::CodeGenOptLevel::Default
                                    : llvm::CodeGenOptLevel::Aggressive;
  return std::unique_ptr<llvm::TargetMachine>(
      t->createTargetMachine(triple, target.cpu, target.features, options,
                             llvm::Reloc::PIC_, std::nullopt, level));
}

/// Translates to LLVM IR for `target` (triple, data layout, CPU and features
/// on every function); null after reporting an error.
static std::unique_ptr<llvm::Module> translate(ModuleOp module,
                                               llvm::LLVMContext &context,
                                               const TargetInfo &target,
                                               unsigned optLevel) {
  registerBuiltinDialectTranslation(*module.getContext());
  registerLLVMDialectTranslation(*module.getContext());
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, context, "cnnc");
  if (!llvmModule)
    return nullptr;
  std::string error;
  std::unique_ptr<llvm::TargetMachine> tm =
      createTargetMachine(target, optLevel, error);
  if (!tm) {
    module.emitError() << "cannot create the LLVM target: " << error;
    return nullptr;
  }
  llvmModule->setTargetTriple(llvm::Triple(target.triple));
  llvmModule->setDataLayout(tm->createDataLayout());
  for (llvm::Function &f : *llvmModule) {
    if (f.isDeclaration())
      continue;
    f.addFnAttr("target-cpu", target.cpu);
    // Divisions marked arcp + ninf (the logistic function of sigmoid and
    // SiLU) as reciprocal estimate + one Newton step: ~2^-23 relative.
    f.addFnAttr("reciprocal-estimates", "divf:1,vec-divf:1");
    if (!target.features.empty())
      f.addFnAttr("target-features", target.features);
  }
  return llvmModule;
}

/// LLVM's -O<optLevel> pipeline for `target` (nothing at -O0).
static void optimize(llvm::Module &llvmModule, const TargetInfo &target,
                     unsigned optLevel) {
  if (optLevel == 0)
    return;
  std::string error;
  std::unique_ptr<llvm::TargetMachine> tm =
      createTargetMachine(target, optLevel, error);
  if (!tm)
    return; // translate() made one for the same target already
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PipelineTuningOptions tuning;
  tuning.LoopVectorization = true;
  tuning.SLPVectorization = true;
  llvm::PassBuilder pb(tm.get(), tuning);
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  // -O3 runs LLVM's O2 pipeline: the kernels arrive tiled, unrolled and
  // vectorized, and O3's extra unrolling and loop passes only cost time
  // (DenseNet-121 compiled in 24 s with O3, 14 s with O2, and ran 3%
  // faster; ResNet-50, MobileNetV2, EfficientNet, ShuffleNet and GoogLeNet
  // ran as fast or faster).
  llvm::OptimizationLevel level =
      optLevel == 1 ? llvm::OptimizationLevel::O1 : llvm::OptimizationLevel::O2;
  llvm::ModulePassManager mpm = pb.buildPerModuleDefaultPipeline(level);
  mpm.run(llvmModule, mam);
}

std::unique_ptr<llvm::Module> translateAndOptimize(ModuleOp module,
                                                   llvm::LLVMContext &context,
                                                   const TargetInfo &target,
                                                   unsigned optLevel) {
  std::unique_ptr<llvm::Module> llvmModule =
      translate(module, context, target, optLevel);
  if (llvmModule)
    optimize(*llvmModule, target, optLevel);
  return llvmModule;
}

LogicalResult
compileToObjects(ModuleOp module, const TargetInfo &target, unsigned optLevel,
                 StringRef prefix, bool largeWeights, unsigned threads,
                 std::vector<SmallVector<char, 0>> &objects,
                 std::function<void(unsigned, unsigned)> progress) {
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> whole =
      translate(module, context, target, optLevel);
  if (!whole)
    return failure();
  // Weights in a large section: reached through 64-bit GOT-relative
  // offsets (see WeightTable::large).
  if (largeWeights)
    for (llvm::GlobalVariable &gv : whole->globals())
      if (gv.isDeclaration() && isWeightSymbol(prefix, gv.getName()))
        gv.setCodeModel(llvm::CodeModel::Large);
  unsigned functions = 0;
  for (llvm::Function &f : *whole)
    functions += !f.isDeclaration();
  // Four parts per thread: finer progress, and a thread that finishes a
  // part early takes the next one (parts differ in cost however balanced).
  unsigned parts =
      threads > 1 ? std::max(1u, std::min(4 * threads, functions)) : 1;
  // Parts reach each other's functions by symbol: the module's local
  // symbols become hidden globals, so they carry the model's prefix (two
  // models linked into one program must not clash).
  if (parts > 1)
    for (llvm::GlobalValue &gv : whole->global_values())
      if (gv.hasLocalLinkage() && gv.hasName())
        gv.setName("__" + prefix + "_" + gv.getName());
  // Each part as bitcode, re-read in a context of its own on its thread
  // (an LLVMContext is not shared between threads).
  std::vector<SmallVector<char, 0>> bitcode;
  if (parts > 1) {
    llvm::SplitModule(
        *whole, parts,
        [&](std::unique_ptr<llvm::Module> part) {
          SmallVector<char, 0> &buffer = bitcode.emplace_back();
          llvm::raw_svector_ostream os(buffer);
          llvm::WriteBitcodeToFile(*part, os);
        },
        /*PreserveLocals=*/false, /*RoundRobin=*/true);
  } else {
    llvm::raw_svector_ostream os(bitcode.emplace_back());
    llvm::WriteBitcodeToFile(*whole, os);
  }
  whole.reset();
  objects.assign(bitcode.size(), {});
  std::vector<std::string> errors(bitcode.size());
  std::mutex progressMutex;
  unsigned finished = 0;
  {
    llvm::DefaultThreadPool pool(
        llvm::hardware_concurrency(std::min(threads, parts)));
    for (size_t i = 0; i < bitcode.size(); ++i)
      pool.async([&, i] {
        llvm::LLVMContext partContext;
        llvm::Expected<std::unique_ptr<llvm::Module>> part =
            llvm::parseBitcodeFile(
                llvm::MemoryBufferRef(
                    StringRef(bitcode[i].data(), bitcode[i].size()), "part"),
                partContext);
        if (!part) {
          errors[i] = llvm::toString(part.takeError());
          return;
        }
        optimize(**part, target, optLevel);
        std::unique_ptr<llvm::TargetMachine> tm =
            createTargetMachine(target, optLevel, errors[i]);
        if (!tm)
          return;
        llvm::raw_svector_ostream os(objects[i]);
        llvm::legacy::PassManager pm;
        if (tm->addPassesToEmitFile(pm, os, nullptr,
                                    llvm::CodeGenFileType::ObjectFile)) {
          errors[i] = "the target cannot emit objects";
          return;
        }
        pm.run(**part);
        if (progress) {
          std::lock_guard<std::mutex> lock(progressMutex);
          progress(++finished, bitcode.size());
        }
      });
    pool.wait();
  }
  for (const std::string &e : errors)
    if (!e.empty())
      return module.emitError() << "code generation failed: " << e;
  return success();
}

LogicalResult emitMachineCode(llvm::Module &module, const TargetInfo &target,
                              unsigned optLevel, bool assembly,
                              llvm::raw_pwrite_stream &os, Location loc) {
  std::string error;
  std::unique_ptr<llvm::TargetMachine> tm =
      createTargetMachine(target, optLevel, error);
  if (!tm)
    return emitError(loc) << "cannot create the LLVM target: " << error;
  llvm::legacy::PassManager pm;
  if (tm->addPassesToEmitFile(pm, os, nullptr,
                              assembly ? llvm::CodeGenFileType::AssemblyFile
                                       : llvm::CodeGenFileType::ObjectFile))
    return emitError(loc) << "the target cannot emit this file type";
  pm.run(module);
  return success();
}

static std::string besideExecutable(StringRef relative) {
  std::string exe = llvm::sys::fs::getMainExecutable(
      nullptr, reinterpret_cast<void *>(&besideExecutable));
  SmallString<256> path(llvm::sys::path::parent_path(exe));
  llvm::sys::path::append(path, relative);
  return std::string(path);
}

std::string linkerPath() {
  if (const char *env = getenv("CNNC_CLANG"))
    return env;
  return CNNC_CLANG_PATH;
}

std::string runtimeLibraryPath() {
  return besideExecutable("../lib/libcnnrt.a");
}

std::string runtimeIncludeDir() { return besideExecutable("../include"); }

LogicalResult runLinker(ArrayRef<std::string> args, Location loc) {
  std::string clang = linkerPath();
  if (!llvm::sys::fs::can_execute(clang))
    return emitError(loc) << "the linker driver '" << clang
                          << "' is missing (install clang-22 or set "
                             "CNNC_CLANG)";
  SmallVector<StringRef> argv = {clang};
#ifdef CNNC_SANITIZED_ARTIFACTS
  // This cnnc's runtime is built with ASan + UBSan (CNNC_SANITIZE): what it
  // links gets the sanitizer runtimes; relocatable objects are linked later.
  if (!llvm::is_contained(args, "-r"))
    argv.push_back("-fsanitize=address,undefined");
#endif
  for (const std::string &a : args)
    argv.push_back(a);
  SmallString<128> log;
  llvm::sys::fs::createTemporaryFile("cnnc-link", "log", log);
  std::optional<StringRef> redirects[] = {std::nullopt, StringRef(log),
                                          StringRef(log)};
  std::string error;
  int rc = llvm::sys::ExecuteAndWait(clang, argv, std::nullopt, redirects, 0, 0,
                                     &error);
  auto output = llvm::MemoryBuffer::getFile(log);
  llvm::sys::fs::remove(log);
  if (rc != 0) {
    InFlightDiagnostic diag = emitError(loc);
    diag << "linking failed (" << clang << ", exit " << rc << ")";
    if (!error.empty())
      diag << ": " << error;
    if (output && (*output)->getBufferSize())
      diag << ":\n" << (*output)->getBuffer().rtrim();
    return failure();
  }
  return success();
}

LogicalResult writeStaticLibrary(StringRef archivePath, StringRef objectFile,
                                 Location loc) {
  llvm::Expected<llvm::NewArchiveMember> member =
      llvm::NewArchiveMember::getFile(objectFile, /*Deterministic=*/true);
  if (!member)
    return emitError(loc) << "cannot read " << objectFile << ": "
                          << llvm::toString(member.takeError());
  std::vector<llvm::NewArchiveMember> members;
  members.push_back(std::move(*member));
  if (llvm::Error e = llvm::writeArchive(
          archivePath, members, llvm::SymtabWritingMode::NormalSymtab,
          llvm::object::Archive::K_GNU, /*Deterministic=*/true,
          /*Thin=*/false))
    return emitError(loc) << "cannot write " << archivePath << ": "
                          << llvm::toString(std::move(e));
  return success();
}

} // namespace cnnc
