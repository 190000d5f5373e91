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

#include "compiler/Frontend/Onnx/OnnxImporter.h"
#include "compiler/InitAll.h"
#include "compiler/Pipelines/Pipelines.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
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
             "(shapes inferred, cleaned up). Later phases (cnn-opt, linalg, "
             "tiled, vector, buffers, llvm) arrive with code generation"),
    cl::value_desc("phase"), cl::cat(cnncCategory));

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

/// Prints diagnostics as `FILE: error: node 'NAME': message` (or
/// `FILE:LINE:COL: error: ...` for text inputs).
static LogicalResult printDiagnostic(Diagnostic &diag) {
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

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(cnncCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "cnnc: ahead-of-time compiler for convolutional neural networks\n\n"
      "  INPUT is an ONNX model (.onnx) or cnn-dialect IR (.mlir).\n"
      "  Today cnnc imports and checks models (--compile-to=input|cnn);\n"
      "  native code generation is not implemented yet.\n");

  std::optional<cnnc::Phase> phase;
  if (!compileTo.empty()) {
    phase = cnnc::parsePhase(compileTo);
    if (!phase) {
      llvm::errs() << "cnnc: error: unknown phase '" << compileTo
                   << "' for --compile-to (phases: input, cnn, cnn-opt, "
                      "linalg, tiled, vector, buffers, llvm)\n";
      return 1;
    }
    if (!cnnc::isPhaseImplemented(*phase)) {
      llvm::errs() << "cnnc: error: --compile-to=" << compileTo
                   << " is not implemented yet (available: input, cnn)\n";
      return 1;
    }
  } else {
    llvm::errs() << "cnnc: error: code generation is not implemented yet; "
                    "use --compile-to=input or --compile-to=cnn\n";
    return 1;
  }

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
  OwningOpRef<ModuleOp> module;
  if (ext == ".onnx") {
    module = cnnc::importOnnxFile(context, inputFile, options);
  } else if (ext == ".mlir") {
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
    llvm::errs() << "cnnc: error: the .cnn front end is not implemented yet\n";
    return 1;
  } else {
    llvm::errs() << "cnnc: error: cannot tell the kind of '" << inputFile
                 << "' (expected .onnx, .mlir or .cnn)\n";
    return 1;
  }
  if (!module)
    return 1;
  if (failed(verify(*module)))
    return 1;

  if (*phase >= cnnc::Phase::Cnn) {
    PassManager pm(&context);
    cnnc::buildCnnCleanupPipeline(pm, {});
    if (failed(pm.run(*module)))
      return 1;
  }

  std::string error;
  auto output = openOutputFile(outputFile, &error);
  if (!output) {
    llvm::errs() << "cnnc: error: " << error << "\n";
    return 1;
  }
  OpPrintingFlags flags;
  // Weights are printed as resource blobs at the end of the file.
  module->print(output->os(), flags);
  output->os() << "\n";
  output->keep();
  return 0;
}
