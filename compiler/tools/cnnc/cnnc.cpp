//===- cnnc.cpp - the cnnc compiler driver --------------------------------===//
//
// Part of cnnc.
//
/// `cnnc INPUT [-o OUTPUT] [--compile-to=PHASE] [--bind NAME=FILE]...`
/// Reads an ONNX model (or cnn-dialect MLIR), runs the pipeline up to the
/// requested phase and writes the result. Every problem in the input is
/// reported as `FILE: error: node 'NAME': ...` and the exit code is 1.
//
//===----------------------------------------------------------------------===//

#include "compiler/Codegen/Passes.h"
#include "compiler/Frontend/Cnn/CnnImporter.h"
#include "compiler/Frontend/Onnx/OnnxImporter.h"
#include "compiler/InitAll.h"
#include "compiler/Pipelines/FusionReport.h"
#include "compiler/Pipelines/Pipelines.h"
#include "compiler/Target/Backend.h"
#include "compiler/Target/ModelInterface.h"
#include "compiler/Target/Weights.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/FileSystem.h"

#include "mlir/Bytecode/BytecodeWriter.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
namespace cl = llvm::cl;

static cl::OptionCategory cnncCategory("cnnc options");

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<input>"),
                                      cl::Required, cl::cat(cnncCategory));

static cl::opt<std::string>
    outputFile("o", cl::desc("Output file (default: stdout for text output)"),
               cl::value_desc("file"), cl::init("-"), cl::cat(cnncCategory));

static cl::opt<std::string> compileTo(
    "compile-to",
    cl::desc("Stop after this phase and print its IR: input (raw import), cnn "
             "(shapes inferred, cleaned up), linalg (lowered to linalg on "
             "tensors), buffers (bufferized, arena planned), tiled (each "
             "conv's register tile plan attached as cnnc.tile), vector "
             "(register-tiled vector kernels, outlined, split over threads), "
             "llvm (LLVM dialect); cnn-opt: after the graph passes (-O1 and "
             "up)"),
    cl::value_desc("phase"), cl::cat(cnncCategory));

static cl::opt<std::string> emitKind(
    "emit",
    cl::desc("What to write: exe (default without a suffix), shared (.so + "
             ".h), object (.o + .h), static (.a + .h), mlir (.mlir text, "
             ".mlirbc bytecode), llvm (.ll), asm (.s); by default taken from "
             "the output suffix. Executables and "
             "shared libraries are linked with Debian's clang-22 (override "
             "with CNNC_CLANG); the runtime is libcnnrt.a"),
    cl::value_desc("kind"), cl::cat(cnncCategory));

static cl::opt<std::string>
    targetName("target",
               cl::desc("Target: host (default: this CPU, with AVX-512 or "
                        "AVX2 when present; its core chooses the kernels' "
                        "register tiles), x86-64-v4, x86-64-v3, x86-64"),
               cl::value_desc("target"), cl::init("host"),
               cl::cat(cnncCategory));

static cl::opt<bool> elideWeights(
    "elide-weights",
    cl::desc("When printing MLIR, replace large constants by "
             "__elided__ (readable dumps of big models; not parseable back)"),
    cl::cat(cnncCategory));

static cl::opt<std::string> explainFormat(
    "explain", cl::ValueOptional,
    cl::desc("Print, without running the model, the kernels it compiles to "
             "in run order: what each computes (strategy, shape, register "
             "tile), how it is split over threads, its GFLOP and the ONNX "
             "node(s) / .cnn line it came from, then what the graph "
             "optimizer left unfused and why; --explain=json for tools"),
    cl::value_desc("json"), cl::cat(cnncCategory));

static cl::opt<unsigned> optLevel("O", cl::desc("Optimization level 0-3"),
                                  cl::Prefix, cl::init(3),
                                  cl::cat(cnncCategory));

static cl::opt<std::string> ioLayout(
    "io-layout",
    cl::desc("Layout of the model's 4-D inputs and outputs at its C entry "
             "point, --info and .npy files: nchw (the model's own, default) "
             "or nhwc (channels-last: no layout conversion at the boundary "
             "when the first and last layers are convolutions)"),
    cl::value_desc("nchw|nhwc"), cl::init("nchw"), cl::cat(cnncCategory));

static cl::opt<std::string> winograd(
    "winograd",
    cl::desc("Winograd for 3x3 convolutions, within 1e-3 of the direct "
             "result: F(2x2, 3x3) for stride 1, dilated too (2.25x fewer "
             "multiplications), F(2x2, 2x2) on the even pixels plus the "
             "odd ones for stride 2 (1.44x): auto (default: those with 16+ "
             "channels in and out on maps of 7x7 and up; stride-2 ones "
             "computing at most 9/8 of the map's outputs, dilated ones at "
             "most 3/2 with the dilation below half the map; the "
             "fastest on every model measured, see benchmarks/README.md), "
             "all (any channel count and map), or off (the direct kernel)"),
    cl::value_desc("auto|all|off"), cl::init("auto"), cl::cat(cnncCategory));

static cl::list<std::string> disabledPasses(
    "disable-pass",
    cl::desc(
        "Leave out an optimization pass (when bisecting a wrong result "
        "or measuring what one step buys); repeat or separate by "
        "commas. Graph: cnn-fold-batch-norm, cnn-decompose-conv-transpose, "
        "cnn-fold-pad, "
        "cnn-fuse-epilogue, cnn-fuse-prologue; code: cnnc-pad-in-place, "
        "cnnc-elide-copies, "
        "cnnc-results-in-place, cnnc-vectorize-conv, "
        "cnnc-vectorize-pool, cnnc-tile-transposes, cnnc-flatten-fills; "
        "cnnc-instrument-kernels (the artifact's --profile hooks)"),
    cl::value_desc("pass"), cl::CommaSeparated, cl::cat(cnncCategory));

static cl::opt<uint64_t> maxArena(
    "max-arena",
    cl::desc("Refuse to compile a model whose planned arena (all "
             "intermediate tensors, reused where lifetimes allow) is larger "
             "than this many bytes; the error names the size needed and the "
             "layers at the plan's peak (0: no limit but 2^47)"),
    cl::value_desc("bytes"), cl::init(0), cl::cat(cnncCategory));

static cl::opt<bool> printFusion(
    "print-fusion",
    cl::desc("Print to stderr what the graph optimizer did: ops of each kind "
             "before and after it, the change of each pass, the fused "
             "convolutions' epilogues, and why each activation, batch norm, "
             "add or pad left standalone was not fused"),
    cl::init(false), cl::cat(cnncCategory));

static cl::opt<unsigned> jobs(
    "jobs",
    cl::desc("Threads for LLVM's optimization and code generation (the "
             "model is split by kernel into that many parts); 0: all cores"),
    cl::init(0), cl::cat(cnncCategory));

static cl::opt<bool> timing(
    "timing",
    cl::desc("Print to stderr where compile time goes (wall clock): each "
             "pass of each phase, LLVM's translation and optimization, "
             "machine code generation, the weights object and linking"),
    cl::init(false), cl::cat(cnncCategory));

static cl::list<std::string>
    binds("bind",
          cl::desc("Freeze a graph input to a constant: NAME=FILE with FILE a "
                   ".npy file or an ONNX TensorProto .pb file. ONNX lets "
                   "shapes (Reshape, Resize, Slice, Pad...) be inputs; cnnc "
                   "compiles static shapes and needs their values"),
          cl::value_desc("name=file"), cl::cat(cnncCategory));

static cl::list<std::string>
    dims("dim",
         cl::desc("Size of a symbolic input dimension (ONNX dim_param), e.g. "
                  "--dim batch=1"),
         cl::value_desc("name=size"), cl::cat(cnncCategory));

static cl::opt<std::string> weightsFile(
    "weights",
    cl::desc(".cnn inputs: bind every layer's tensors by name from a "
             ".safetensors file (layer NAME reads NAME.weight, NAME.bias, "
             "NAME.running_mean, ...: PyTorch's state_dict names). Without "
             "it the weights are generated (He/Glorot uniform, see --seed)"),
    cl::value_desc("file.safetensors"), cl::cat(cnncCategory));

static cl::opt<uint64_t>
    weightSeed("seed",
               cl::desc(".cnn inputs without --weights: seed of the generated "
                        "weights (the same seed gives the same weights)"),
               cl::value_desc("n"), cl::init(0), cl::cat(cnncCategory));

static cl::opt<bool>
    quiet("quiet",
          cl::desc("No progress line (shown on a terminal only: the phase, "
                   "and the share of the code generated); errors and "
                   "warnings are still printed"),
          cl::init(false), cl::cat(cnncCategory));

/// The progress line: one line on stderr, rewritten in place, when it is a
/// terminal and not --quiet; cleared before any other output.
static bool progressEnabled = false, progressShown = false;
static void showProgress(const llvm::Twine &text) {
  if (!progressEnabled)
    return;
  llvm::errs() << "\r\x1b[Kcnnc: " << text;
  llvm::errs().flush();
  progressShown = true;
}
static void clearProgress() {
  if (!progressShown)
    return;
  llvm::errs() << "\r\x1b[K";
  llvm::errs().flush();
  progressShown = false;
}

/// Prints diagnostics as `FILE: error: node 'NAME': message` (or
/// `FILE:LINE:COL: error: ...` for text inputs).
static LogicalResult printDiagnostic(Diagnostic &diag) {
  clearProgress();
  std::string where;
  Location loc = diag.getLocation();
  std::string node;
  if (auto name = dyn_cast<NameLoc>(loc)) {
    node = name.getName().str();
    loc = name.getChildLoc();
  }
  if (auto file = dyn_cast<FileLineColLoc>(loc)) {
    where = file.getFilename().str();
    if (file.getLine() != 0)
      where += ":" + std::to_string(file.getLine()) + ":" +
               std::to_string(file.getColumn());
  } else {
    where = "cnnc";
  }
  llvm::raw_ostream &os = llvm::errs();
  os << where << ": ";
  switch (diag.getSeverity()) {
  case DiagnosticSeverity::Error:
    llvm::WithColor(os, llvm::HighlightColor::Error) << "error: ";
    break;
  case DiagnosticSeverity::Warning:
    llvm::WithColor(os, llvm::HighlightColor::Warning) << "warning: ";
    break;
  default:
    llvm::WithColor(os, llvm::HighlightColor::Note) << "note: ";
    break;
  }
  if (!node.empty())
    os << "node '" << node << "': ";
  os << diag.str() << "\n";
  for (Diagnostic &note : diag.getNotes())
    (void)printDiagnostic(note);
  return success();
}

static bool parseNameValue(StringRef arg, StringRef flag, std::string &name,
                           std::string &value) {
  auto [n, v] = arg.split('=');
  if (n.empty() || v.empty()) {
    llvm::errs() << "cnnc: error: --" << flag << " expects NAME=VALUE, got '"
                 << arg << "'\n";
    return false;
  }
  name = n.str();
  value = v.str();
  return true;
}

/// --explain: the kernels of the graph function after bufferization (where
/// codegen has chosen them), in run order.
static int explainKernels(ModuleOp module, const cnnc::TargetInfo &target,
                          bool json, StringRef input, StringRef layout,
                          ArrayRef<cnnc::FusionReport::Unfused> unfused) {
  auto graph = module.lookupSymbol<func::FuncOp>("main");
  if (!graph) {
    llvm::errs() << "cnnc: error: the input has no @main function\n";
    return 1;
  }
  std::string isa = target.vectorBits >= 512   ? "AVX-512"
                    : target.vectorBits >= 256 ? "AVX2"
                                               : "no packed kernels";
  struct Row {
    std::string what, where;
    int64_t items = 0;
    double gflop = 0;
  };
  std::vector<Row> rows;
  graph.walk([&](func::CallOp call) {
    auto kernel = module.lookupSymbol<func::FuncOp>(call.getCallee());
    if (!kernel || !kernel->hasAttr("cnnc.kernel"))
      return;
    Row row;
    if (auto desc = kernel->getAttrOfType<StringAttr>("cnnc.desc"))
      row.what = desc.str();
    if (auto flops = kernel->getAttrOfType<FloatAttr>("cnnc.flops"))
      row.gflop = flops.getValueAsDouble() / 1e9;
    row.where = cnnc::describeLocation(call.getLoc());
    kernel.walk([&](func::CallOp inner) {
      auto range = module.lookupSymbol<func::FuncOp>(inner.getCallee());
      IntegerAttr hi;
      if (range && range->hasAttr("cnnc.parallel_range") &&
          matchPattern(inner.getOperands().back(), m_Constant(&hi)))
        row.items = hi.getInt();
    });
    rows.push_back(std::move(row));
  });
  llvm::raw_ostream &os = llvm::outs();
  if (json) {
    os << "{\"input\":" << '"';
    llvm::printEscapedString(input, os);
    os << "\",\"cpu\":\"" << target.cpu
       << "\",\"vector_bits\":" << target.vectorBits << ",\"layout\":\"";
    llvm::printEscapedString(layout, os);
    os << "\",\"kernels\":[";
    for (auto [i, r] : llvm::enumerate(rows)) {
      os << (i ? "," : "") << "{\"index\":" << i << ",\"what\":\"";
      llvm::printEscapedString(r.what, os);
      os << "\",\"where\":\"";
      llvm::printEscapedString(r.where, os);
      os << "\",\"parallel_items\":" << r.items
         << ",\"gflop\":" << llvm::format("%.6f", r.gflop) << "}";
    }
    os << "],\"unfused\":[";
    for (auto [i, u] : llvm::enumerate(unfused)) {
      os << (i ? "," : "") << "{\"op\":\"";
      llvm::printEscapedString(u.kind, os);
      os << "\",\"count\":" << u.count << ",\"why\":\"";
      llvm::printEscapedString(u.why, os);
      os << "\",\"first_at\":\"";
      llvm::printEscapedString(u.firstAt, os);
      os << "\"}";
    }
    os << "]}\n";
    return 0;
  }
  os << input << ": " << rows.size() << " kernels for " << target.cpu << " ("
     << isa << ", " << target.vectorBits
     << "-bit vectors); threads: the runtime's pool, all cores by default\n";
  os << "  layout: " << layout << "\n";
  os << "  #   GFLOP  threads        kernel (what, where)\n";
  for (auto [i, r] : llvm::enumerate(rows)) {
    std::string split =
        r.items ? ("split: " + std::to_string(r.items) + " items") : "serial";
    os << llvm::format("%3d %7.3f  %-14s ", (int)i, r.gflop, split.c_str())
       << (r.what.empty() ? "?" : r.what);
    if (!r.where.empty())
      os << "  @ " << r.where;
    os << "\n";
  }
  if (unfused.empty()) {
    os << "  left unfused by the graph optimizer: none\n";
    return 0;
  }
  os << "  left unfused by the graph optimizer (why; first at):\n";
  for (const cnnc::FusionReport::Unfused &u : unfused) {
    os << "    " << u.count << " x " << u.kind << ": " << u.why;
    if (!u.firstAt.empty())
      os << "; first at " << u.firstAt;
    os << "\n";
  }
  return 0;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(cnncCategory);
  cl::SetVersionPrinter([](llvm::raw_ostream &os) {
    os << "cnnc " CNNC_VERSION " (LLVM " LLVM_VERSION_STRING ")\n";
  });
  cl::ParseCommandLineOptions(
      argc, argv,
      "cnnc: ahead-of-time compiler for convolutional neural networks\n\n"
      "  INPUT is an ONNX model (.onnx), a network description (.cnn, see\n"
      "  docs/cnn-format.md) or cnn-dialect IR (.mlir).\n"
      "  It writes a native executable, a shared or static library or an\n"
      "  object with a C header; the code is vectorized for --target and\n"
      "  runs on all cores (./model --threads N, env CNNC_NUM_THREADS).\n"
      "  -O0 keeps the simple loop lowering (for debugging).\n");

  std::optional<cnnc::Phase> phase;
  if (!compileTo.empty()) {
    phase = cnnc::parsePhase(compileTo);
    if (!phase) {
      llvm::errs() << "cnnc: error: unknown phase '" << compileTo
                   << "' for --compile-to (phases: input, cnn, cnn-opt, "
                      "linalg, buffers, tiled, vector, llvm)\n";
      return 1;
    }
  }
  if (ioLayout != "nchw" && ioLayout != "nhwc") {
    llvm::errs() << "cnnc: error: --io-layout=" << ioLayout
                 << " is not a layout (nchw or nhwc)\n";
    return 1;
  }
  if (winograd != "auto" && winograd != "all" && winograd != "off") {
    llvm::errs() << "cnnc: error: --winograd=" << winograd
                 << " is not a choice (auto, all or off)\n";
    return 1;
  }
  for (const std::string &pass : disabledPasses)
    if (!llvm::is_contained(cnnc::optionalPasses(), pass)) {
      llvm::errs() << "cnnc: error: --disable-pass=" << pass
                   << " is not an optional pass (";
      llvm::interleaveComma(cnnc::optionalPasses(), llvm::errs());
      llvm::errs() << ")\n";
      return 1;
    }
  if (optLevel > 3) {
    llvm::errs() << "cnnc: error: -O" << optLevel << " is not a level (0-3)\n";
    return 1;
  }

  // What to write: --emit, else the output's suffix, else an executable.
  std::string kind = emitKind;
  StringRef outExt = llvm::sys::path::extension(outputFile);
  if (kind.empty()) {
    if (phase)
      kind = "mlir";
    else if (outExt == ".so")
      kind = "shared";
    else if (outExt == ".o")
      kind = "object";
    else if (outExt == ".a")
      kind = "static";
    else if (outExt == ".mlir" || outExt == ".mlirbc")
      kind = "mlir";
    else if (outExt == ".ll")
      kind = "llvm";
    else if (outExt == ".s")
      kind = "asm";
    else if (outExt == ".ptx") {
      llvm::errs() << "cnnc: error: the GPU target (.ptx) is not implemented "
                      "yet\n";
      return 1;
    } else
      kind = "exe";
  }
  static const char *kinds[] = {"exe",  "shared", "object", "static",
                                "mlir", "llvm",   "asm"};
  if (!llvm::is_contained(kinds, kind)) {
    llvm::errs() << "cnnc: error: unknown --emit=" << kind
                 << " (exe, shared, object, static, mlir, llvm, asm)\n";
    return 1;
  }
  bool binary =
      kind == "exe" || kind == "shared" || kind == "object" || kind == "static";
  if (binary && outputFile == "-") {
    if (kind != "exe") {
      llvm::errs() << "cnnc: error: --emit=" << kind << " needs -o FILE\n";
      return 1;
    }
    outputFile = llvm::sys::path::stem(inputFile).str();
  }
  // Before any work: a binary's folder must exist (else only the linker
  // would say so, after the whole compile).
  if (binary) {
    StringRef folder = llvm::sys::path::parent_path(outputFile);
    if (!folder.empty() && !llvm::sys::fs::is_directory(folder)) {
      llvm::errs() << "cnnc: error: cannot write " << outputFile
                   << ": no folder '" << folder << "'\n";
      return 1;
    }
  }
  if (phase && kind != "mlir") {
    llvm::errs() << "cnnc: error: --compile-to prints MLIR; it cannot be "
                    "combined with --emit="
                 << kind << "\n";
    return 1;
  }
  if (kind == "mlir" && !phase)
    phase = cnnc::Phase::Llvm;

  DialectRegistry registry;
  cnnc::registerAllDialects(registry);
  MLIRContext context(registry);
  context.printOpOnDiagnostic(false);
  ScopedDiagnosticHandler handler(&context, printDiagnostic);

  cnnc::OnnxImportOptions options;
  for (const std::string &b : binds) {
    std::string name, file;
    if (!parseNameValue(b, "bind", name, file))
      return 1;
    options.binds.emplace_back(name, file);
  }
  for (const std::string &d : dims) {
    std::string name, value;
    int64_t size;
    if (!parseNameValue(d, "dim", name, value))
      return 1;
    if (StringRef(value).getAsInteger(10, size) || size <= 0) {
      llvm::errs() << "cnnc: error: --dim " << name
                   << " needs a positive size, got '" << value << "'\n";
      return 1;
    }
    options.dims[name] = size;
  }

  StringRef ext = llvm::sys::path::extension(inputFile);
  if (ext != ".cnn" &&
      (!weightsFile.empty() || weightSeed.getNumOccurrences())) {
    llvm::errs() << "cnnc: error: --weights and --seed apply to .cnn inputs\n";
    return 1;
  }
  OwningOpRef<ModuleOp> module;
  // .cnn inputs keep their source so import errors show the line and a
  // caret.
  llvm::SourceMgr sourceMgr;
  std::unique_ptr<SourceMgrDiagnosticHandler> sourceHandler;
  if (ext == ".onnx") {
    module = cnnc::importOnnxFile(context, inputFile, options);
  } else if (ext == ".mlir" || ext == ".mlirbc") {
    if (!binds.empty() || !dims.empty()) {
      llvm::errs() << "cnnc: error: --bind and --dim apply to ONNX inputs\n";
      return 1;
    }
    llvm::SourceMgr sourceMgr;
    std::string error;
    auto file = openInputFile(inputFile, &error);
    if (!file) {
      llvm::errs() << "cnnc: error: " << error << "\n";
      return 1;
    }
    sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
    SourceMgrDiagnosticHandler sourceHandler(sourceMgr, &context);
    module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  } else if (ext == ".cnn") {
    if (!binds.empty() || !dims.empty()) {
      llvm::errs() << "cnnc: error: --bind and --dim apply to ONNX inputs\n";
      return 1;
    }
    std::string error;
    auto file = openInputFile(inputFile, &error);
    if (!file) {
      llvm::errs() << "cnnc: error: " << error << "\n";
      return 1;
    }
    sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
    sourceHandler =
        std::make_unique<SourceMgrDiagnosticHandler>(sourceMgr, &context);
    cnnc::CnnImportOptions cnnOptions;
    cnnOptions.weightsFile = weightsFile;
    cnnOptions.seed = weightSeed;
    module = cnnc::importCnnFile(context, sourceMgr, cnnOptions);
    // Later phases report through printDiagnostic, as for ONNX inputs (the
    // caret handler would also echo the LLVM translation's warnings).
    sourceHandler.reset();
  } else {
    llvm::errs() << "cnnc: error: cannot tell the kind of '" << inputFile
                 << "' (expected .onnx, .mlir, .mlirbc or .cnn)\n";
    return 1;
  }
  if (!module)
    return 1;
  if (failed(verify(*module)))
    return 1;

  auto writeText = [&](auto print) -> int {
    clearProgress();
    std::string error;
    auto output = openOutputFile(outputFile, &error);
    if (!output) {
      llvm::errs() << "cnnc: error: " << error << "\n";
      return 1;
    }
    print(output->os());
    output->keep();
    return 0;
  };
  auto printModule = [&]() {
    return writeText([&](llvm::raw_ostream &os) {
      // MLIR bytecode keeps weights as raw bytes: far smaller and faster to
      // write than the hex text form for big models.
      if (llvm::sys::path::extension(outputFile) == ".mlirbc") {
        (void)writeBytecodeToFile(*module, os);
        return;
      }
      OpPrintingFlags flags;
      if (elideWeights) {
        flags.elideLargeElementsAttrs(16);
        flags.elideLargeResourceString(64);
      }
      module->print(os, flags);
      os << "\n";
    });
  };
  // The target decides vector widths and tiles from the first lowering on.
  Location loc = FileLineColLoc::get(&context, inputFile, 0, 0);
  FailureOr<cnnc::TargetInfo> target = cnnc::resolveTarget(targetName, loc);
  if (failed(target))
    return 1;
  cnnc::PipelineOptions pipelineOptions;
  pipelineOptions.optLevel = optLevel;
  pipelineOptions.vectorBits = target->vectorBits;
  pipelineOptions.cpu = target->cpu;
  pipelineOptions.channelsLastIO = ioLayout == "nhwc";
  pipelineOptions.winograd = winograd;
  pipelineOptions.maxArenaBytes =
      int64_t(std::min<uint64_t>(maxArena, uint64_t(1) << 62));
  pipelineOptions.disabledPasses.assign(disabledPasses.begin(),
                                        disabledPasses.end());
  progressEnabled = !quiet && llvm::errs().is_displayed();
  // --timing: one report, printed when the manager goes out of scope.
  mlir::DefaultTimingManager timingManager;
  timingManager.setEnabled(timing);
  mlir::TimingScope rootTimer = timingManager.getRootScope();
  // (Declared after the timers: the line goes before their report.)
  llvm::scope_exit endProgress(clearProgress);
  auto runPipeline = [&](auto build, StringRef phaseName,
                         std::unique_ptr<PassInstrumentation> report = {}) {
    PassManager pm(&context);
    build(pm, pipelineOptions);
    if (report)
      pm.addInstrumentation(std::move(report));
    showProgress(phaseName);
    // Each phase under its own name (the pipelines share pass names).
    mlir::TimingScope scope = rootTimer.nest(phaseName);
    if (timing)
      pm.enableTiming(scope);
    return pm.run(*module);
  };
  cnnc::Phase stop = phase.value_or(cnnc::Phase::Llvm);
  if (stop == cnnc::Phase::Input)
    return printModule();
  if (failed(runPipeline(cnnc::buildCnnCleanupPipeline, "import clean-up")))
    return 1;
  if (stop == cnnc::Phase::Cnn)
    return printModule();

  // The interface is read before lowering, while types are tensors.
  auto graph = module->lookupSymbol<func::FuncOp>("main");
  if (!graph) {
    llvm::errs() << "cnnc: error: the input has no @main function\n";
    return 1;
  }
  FailureOr<cnnc::ModelInterface> model = cnnc::getModelInterface(
      graph, cnnc::symbolPrefixFor(binary ? outputFile : inputFile));
  if (failed(model))
    return 1;
  bool explain = explainFormat.getNumOccurrences() > 0;
  std::vector<cnnc::FusionReport::Unfused> unfused;
  {
    std::optional<cnnc::FusionReport> report;
    if (printFusion || explain)
      report.emplace(*module, pipelineOptions.disabledPasses);
    if (failed(runPipeline(cnnc::buildCnnOptPipeline, "graph passes",
                           report ? report->instrument() : nullptr)))
      return 1;
    if (report && printFusion) {
      clearProgress();
      report->print(llvm::errs(), inputFile);
    }
    // --explain lists what the graph optimizer left standalone, and why.
    if (report && explain)
      unfused = report->unfused();
  }
  if (stop == cnnc::Phase::CnnOpt)
    return printModule();
  // The weights as imported are dead once lowering has packed them.
  llvm::StringSet<> importedWeights = cnnc::residentWeights(*module);
  if (failed(runPipeline(cnnc::buildLinalgPipeline, "lowering to linalg")))
    return 1;
  cnnc::releaseDeadWeights(*module, importedWeights);
  if (stop == cnnc::Phase::Linalg)
    return printModule();
  if (failed(
          runPipeline(cnnc::buildBufferizePipeline, "bufferization and arena")))
    return 1;
  if (auto bytes = graph->getAttrOfType<IntegerAttr>("cnnc.arena_bytes"))
    model->arenaBytes = bytes.getInt();
  if (stop == cnnc::Phase::Buffers)
    return printModule();
  if (failed(runPipeline(cnnc::buildTilePipeline, "tile plans")))
    return 1;
  if (stop == cnnc::Phase::Tiled)
    return printModule();
  if (failed(runPipeline(cnnc::buildKernelPipeline, "kernels")))
    return 1;
  if (stop == cnnc::Phase::Vector)
    return printModule();
  if (explainFormat.getNumOccurrences()) {
    if (!explainFormat.empty() && explainFormat != "json") {
      llvm::errs() << "cnnc: error: --explain=" << explainFormat
                   << " is not a format (text by default, or json)\n";
      return 1;
    }
    clearProgress();
    std::string layout =
        optLevel == 0 || target->vectorBits < 256
            ? "NCHW throughout (simple loops)"
            : std::string("activations NHWC between kernels (channels "
                          "padded to the vector block), ") +
                  (ioLayout == "nhwc" ? "NHWC" : "NCHW (converted once)") +
                  " at the entry point; conv weights packed at compile "
                  "time as [F/B][KH][KW][C][B], B = " +
                  std::to_string(2 * target->vectorBits / 32) + " channels (" +
                  std::to_string(target->vectorBits / 32) +
                  " where that pads F less)";
    return explainKernels(*module, *target, explainFormat == "json", inputFile,
                          layout, unfused);
  }
  if (failed(
          runPipeline(cnnc::buildLlvmPipeline, "lowering to the LLVM dialect")))
    return 1;
  if (failed(cnnc::addCEntryPoint(*module, "main", *model)))
    return 1;
  if (kind == "mlir")
    return printModule();
  // Binaries: the weights bypass LLVM IR, written from the resource blobs
  // into an object of their own (see compiler/Target/Weights.h); .ll and .s
  // output keeps them inline, to stand alone.
  cnnc::WeightTable weights;
  if (kind != "llvm" && kind != "asm")
    weights = cnnc::extractWeights(*module, model->prefix);

  if (kind == "llvm" || kind == "asm") {
    llvm::LLVMContext llvmContext;
    std::unique_ptr<llvm::Module> llvmModule =
        cnnc::translateAndOptimize(*module, llvmContext, *target, optLevel);
    if (!llvmModule)
      return 1;
    if (kind == "llvm")
      return writeText(
          [&](llvm::raw_ostream &os) { llvmModule->print(os, nullptr); });
    std::error_code ec;
    llvm::raw_fd_ostream os(outputFile, ec);
    if (ec) {
      llvm::errs() << "cnnc: error: " << outputFile << ": " << ec.message()
                   << "\n";
      return 1;
    }
    return failed(cnnc::emitMachineCode(*llvmModule, *target, optLevel,
                                        /*assembly=*/true, os, loc));
  }

  // Binaries: an object first, then the header, archive or link.
  SmallString<128> base(outputFile);
  llvm::sys::path::replace_extension(base, "");
  std::string header = (base + ".h").str();
  // The generated code calls the runtime's thread pool; every artifact
  // carries it (runtime/threadpool.c from libcnnrt.a).
  std::string runtime = cnnc::runtimeLibraryPath();
  if (!llvm::sys::fs::exists(runtime)) {
    llvm::errs() << "cnnc: error: the runtime library " << runtime
                 << " is missing\n";
    return 1;
  }
  // Temporary files, removed however cnnc leaves.
  std::vector<std::string> temporaries;
  llvm::scope_exit cleanup([&] {
    for (const std::string &path : temporaries)
      llvm::sys::fs::remove(path);
  });
  auto temporary = [&]() -> std::optional<std::string> {
    SmallString<128> path;
    if (std::error_code ec = llvm::sys::fs::createTemporaryFile(
            "cnnc-" + model->prefix, "o", path)) {
      llvm::errs() << "cnnc: error: cannot create a temporary file: "
                   << ec.message() << "\n";
      return std::nullopt;
    }
    temporaries.push_back(std::string(path));
    return temporaries.back();
  };
  std::optional<std::string> mergedPath = temporary(),
                             weightsPath = temporary();
  if (!mergedPath || !weightsPath)
    return 1;
  // The objects every link takes: the code (one per part compiled in
  // parallel), and the weights when any.
  std::vector<std::string> objects;
  {
    mlir::TimingScope codegenTimer =
        rootTimer.nest("LLVM: translation, -O and machine code");
    std::vector<SmallVector<char, 0>> code;
    unsigned threads =
        jobs ? unsigned(jobs)
             : llvm::hardware_concurrency().compute_thread_count();
    showProgress("code generation");
    if (failed(cnnc::compileToObjects(
            *module, *target, optLevel, model->prefix, weights.large(), threads,
            code, [](unsigned done, unsigned parts) {
              showProgress("code generation: " + llvm::Twine(done) + " of " +
                           llvm::Twine(parts) + " parts");
            })))
      return 1;
    for (const SmallVector<char, 0> &bytes : code) {
      std::optional<std::string> path = temporary();
      if (!path)
        return 1;
      std::error_code ec;
      llvm::raw_fd_ostream os(*path, ec);
      if (!ec)
        os.write(bytes.data(), bytes.size());
      if (ec || os.has_error()) {
        llvm::errs() << "cnnc: error: cannot write " << *path << "\n";
        return 1;
      }
      objects.push_back(*path);
    }
  }
  if (!weights.blobs.empty()) {
    mlir::TimingScope weightsTimer = rootTimer.nest("weights object");
    if (failed(cnnc::writeWeightsObject(weights, *weightsPath, loc)))
      return 1;
    objects.push_back(*weightsPath);
  }
  // The link steps below are timed as one.
  mlir::TimingScope linkTimer = rootTimer.nest("link");
  showProgress("linking");
  auto writeHeaderFile = [&](StringRef path) -> int {
    std::error_code ec;
    llvm::raw_fd_ostream os(path, ec);
    if (ec) {
      llvm::errs() << "cnnc: error: " << path << ": " << ec.message() << "\n";
      return 1;
    }
    cnnc::writeHeader(*model, os);
    return 0;
  };
  // cnnrt.h's thread-count calls are part of every library's interface,
  // also when the model is too small to use the pool.
  const std::vector<std::string> kThreadApi = {
      "-Wl,--undefined=cnnrt_set_num_threads",
      "-Wl,--undefined=cnnrt_get_num_threads"};
  // Objects and archives: one relocatable object of the model and the
  // runtime members it needs (the thread pool).
  if (kind == "object" || kind == "static") {
    std::string merged = kind == "object" ? outputFile : *mergedPath;
    std::vector<std::string> args = {"-r", "-nostdlib", "-o", merged};
    llvm::append_range(args, kThreadApi);
    llvm::append_range(args, objects);
    args.push_back(runtime);
    if (failed(cnnc::runLinker(args, loc)))
      return 1;
    if (kind == "static" &&
        failed(cnnc::writeStaticLibrary(outputFile, merged, loc)))
      return 1;
    return writeHeaderFile(header);
  }
  if (kind == "shared") {
    std::vector<std::string> args = {"-shared", "-o", outputFile};
    llvm::append_range(args, kThreadApi);
    llvm::append_range(args, objects);
    llvm::append_range(args,
                       std::vector<std::string>{runtime, "-lm", "-lpthread"});
    return failed(cnnc::runLinker(args, loc)) || writeHeaderFile(header);
  }

  // Executable: the header and the runtime's main glue in a temporary
  // folder, compiled and linked with the object and libcnnrt.a.
  SmallString<128> dir;
  if (std::error_code ec =
          llvm::sys::fs::createUniqueDirectory("cnnc-link", dir)) {
    llvm::errs() << "cnnc: error: cannot create a temporary folder: "
                 << ec.message() << "\n";
    return 1;
  }
  llvm::scope_exit removeDir([&] { llvm::sys::fs::remove_directories(dir); });
  std::string tmpHeader = (dir + "/" + model->prefix + ".h").str();
  std::string glue = (dir + "/main.c").str();
  if (writeHeaderFile(tmpHeader))
    return 1;
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(glue, ec);
    if (ec) {
      llvm::errs() << "cnnc: error: " << glue << ": " << ec.message() << "\n";
      return 1;
    }
    cnnc::writeExecutableGlue(*model, model->prefix + ".h", os);
  }
  std::vector<std::string> args = {"-O2", "-std=c11",
                                   "-I",  std::string(dir),
                                   "-I",  cnnc::runtimeIncludeDir(),
                                   glue};
  llvm::append_range(args, objects);
  llvm::append_range(args, std::vector<std::string>{runtime, "-lm", "-lpthread",
                                                    "-o", outputFile});
  return failed(cnnc::runLinker(args, loc));
}
