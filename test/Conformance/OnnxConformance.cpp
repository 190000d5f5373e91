//===- OnnxConformance.cpp - ONNX backend tests through cnnc --------------===//
//
// Part of cnnc.
//
/// Runs the ONNX backend tests listed in a file (paths under the Debian
/// `libonnx-testdata` data folder) through cnnc's ONNX import and cnn
/// clean-up pipeline, and checks that the inferred output types equal the
/// types of each test's reference outputs (`test_data_set_0/output_N.pb`).
/// Integer graph inputs (shape tensors, indices) are frozen from the test's
/// `input_N.pb` the way a user would with `--bind`.
///
/// Tests named in the expected-failure file (one per line: `path  # reason`)
/// may fail; one that passes is reported so the file is kept honest. The run
/// ends with `N passed, M failed` and exits non-zero on unexpected results.
//
//===----------------------------------------------------------------------===//

#include "compiler/Frontend/Onnx/OnnxImporter.h"
#include "compiler/InitAll.h"
#include "compiler/Pipelines/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <onnx/onnx_pb.h>

#include <fstream>

using namespace mlir;
namespace cl = llvm::cl;

static cl::opt<std::string> dataDir("data", cl::desc("libonnx-testdata data folder"),
                                    cl::init("/usr/share/libonnx-testdata/data"));
static cl::opt<std::string> listFile("list", cl::desc("tests to run, one path per line"),
                                     cl::Required);
static cl::opt<std::string> xfailFile("xfail", cl::desc("expected failures"));
static cl::opt<std::string> filter("filter", cl::desc("run tests containing this"));
static cl::opt<bool> verbose("v", cl::desc("print every test"));

namespace {

bool readProto(const std::string &path, google::protobuf::Message &msg) {
  std::ifstream in(path, std::ios::binary);
  return in && msg.ParseFromIstream(&in);
}

/// The MLIR spelling of an ONNX element type, as cnnc maps it.
std::string elementName(int32_t dataType) {
  switch (dataType) {
  case onnx::TensorProto::FLOAT:
    return "f32";
  case onnx::TensorProto::DOUBLE:
    return "f64";
  case onnx::TensorProto::FLOAT16:
    return "f16";
  case onnx::TensorProto::INT64:
    return "i64";
  case onnx::TensorProto::INT32:
    return "i32";
  case onnx::TensorProto::BOOL:
    return "i1";
  default:
    return "type" + std::to_string(dataType);
  }
}

std::string typeString(const onnx::TensorProto &t) {
  std::string s = "tensor<";
  for (int64_t d : t.dims())
    s += std::to_string(d) + "x";
  return s + elementName(t.data_type()) + ">";
}

/// Input positions whose values decide shapes or op parameters; a graph
/// input feeding one is bound from the test data, as a user would with
/// --bind. Integer graph inputs are always bound.
bool isParameterInput(const std::string &op, int index) {
  static const llvm::StringMap<std::vector<int>> positions = {
      {"Clip", {1, 2}},     {"Pad", {1, 2, 3}},    {"Resize", {1, 2, 3}},
      {"Upsample", {1}},    {"Reshape", {1}},      {"Expand", {1}},
      {"Slice", {1, 2, 3, 4}}, {"Split", {1}},     {"Squeeze", {1}},
      {"Unsqueeze", {1}},   {"ReduceMean", {1}},   {"MaxUnpool", {2}},
      {"ConstantOfShape", {0}}, {"Dropout", {1, 2}}};
  auto it = positions.find(op);
  return it != positions.end() &&
         llvm::is_contained(it->second, index);
}

/// Runs one test; returns an empty string on success, else the reason.
std::string runTest(const std::string &dir) {
  onnx::ModelProto model;
  std::string modelPath = dir + "/model.onnx";
  if (!readProto(modelPath, model))
    return "cannot read " + modelPath;
  std::string dataSet = dir + "/test_data_set_0";

  llvm::StringSet<> initializers;
  for (const auto &t : model.graph().initializer())
    initializers.insert(t.name());
  llvm::StringSet<> parameters;
  for (const auto &node : model.graph().node())
    for (int i = 0; i < node.input_size(); ++i)
      if (isParameterInput(node.op_type(), i))
        parameters.insert(node.input(i));
  cnnc::OnnxImportOptions options;
  int index = 0;
  for (const auto &in : model.graph().input()) {
    if (initializers.contains(in.name()))
      continue;
    std::string pb = dataSet + "/input_" + std::to_string(index++) + ".pb";
    int32_t elem = in.type().tensor_type().elem_type();
    bool isFloat = elem == onnx::TensorProto::FLOAT ||
                   elem == onnx::TensorProto::DOUBLE ||
                   elem == onnx::TensorProto::FLOAT16;
    if (!isFloat || parameters.contains(in.name()))
      options.binds.emplace_back(in.name(), pb);
  }

  DialectRegistry registry;
  cnnc::registerAllDialects(registry);
  MLIRContext context(registry);
  context.printOpOnDiagnostic(false);
  std::string errors;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
    llvm::raw_string_ostream os(errors);
    if (auto name = dyn_cast<NameLoc>(d.getLocation()))
      os << "node '" << name.getName() << "': ";
    os << d.str() << "; ";
    return success();
  });
  OwningOpRef<ModuleOp> module =
      cnnc::importOnnxFile(context, modelPath, options);
  if (!module)
    return "import failed: " + errors;
  PassManager pm(&context);
  cnnc::buildCnnCleanupPipeline(pm, {});
  if (failed(pm.run(*module)))
    return "cnn pipeline failed: " + errors;

  auto func = module->lookupSymbol<func::FuncOp>("main");
  if (!func)
    return "no @main function";
  ArrayRef<Type> results = func.getResultTypes();
  std::string why;
  for (size_t i = 0;; ++i) {
    std::string pb = dataSet + "/output_" + std::to_string(i) + ".pb";
    if (!llvm::sys::fs::exists(pb)) {
      if (i != results.size())
        why += "cnnc has " + std::to_string(results.size()) +
               " outputs, the test " + std::to_string(i) + "; ";
      break;
    }
    onnx::TensorProto ref;
    if (!readProto(pb, ref))
      return "cannot read " + pb;
    if (i >= results.size())
      continue;
    std::string expected = typeString(ref);
    std::string actual;
    llvm::raw_string_ostream os(actual);
    os << results[i];
    if (actual != expected)
      why += "output " + std::to_string(i) + ": cnnc infers " + actual +
             ", the reference is " + expected + "; ";
  }
  return why;
}

} // namespace

int main(int argc, char **argv) {
  cl::ParseCommandLineOptions(argc, argv, "ONNX backend tests through cnnc\n");
  if (!llvm::sys::fs::is_directory(dataDir)) {
    llvm::outs() << "SKIP: " << dataDir
                 << " is missing (install Debian's libonnx-testdata)\n";
    return 77;
  }
  auto readLines = [](const std::string &path) {
    std::vector<std::pair<std::string, std::string>> lines;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      llvm::StringRef l(line);
      auto [item, comment] = l.split('#');
      item = item.trim();
      if (!item.empty())
        lines.emplace_back(item.str(), comment.trim().str());
    }
    return lines;
  };
  if (!llvm::sys::fs::exists(listFile)) {
    llvm::errs() << "cannot read the test list " << listFile << "\n";
    return 1;
  }
  llvm::StringMap<std::string> xfail;
  if (!xfailFile.empty())
    for (auto &[test, reason] : readLines(xfailFile))
      xfail[test] = reason;

  int passed = 0, failed = 0, xfailed = 0;
  for (auto &[test, unused] : readLines(listFile)) {
    if (!filter.empty() && test.find(filter) == std::string::npos)
      continue;
    std::string why = runTest(dataDir + "/" + test);
    bool expectedFail = xfail.count(test);
    if (why.empty() && !expectedFail) {
      ++passed;
      if (verbose)
        llvm::outs() << "PASS: " << test << "\n";
    } else if (why.empty()) {
      ++failed;
      llvm::outs() << "XPASS: " << test
                   << " (listed as an expected failure; remove it)\n";
    } else if (expectedFail) {
      ++xfailed;
      llvm::outs() << "XFAIL: " << test << ": " << why << "\n";
    } else {
      ++failed;
      llvm::outs() << "FAIL: " << test << ": " << why << "\n";
    }
  }
  if (xfailed)
    llvm::outs() << "(" << xfailed << " expected failures)\n";
  llvm::outs() << passed << " passed, " << failed << " failed\n";
  return failed ? 1 : 0;
}
