//===- OnnxConformance.cpp - ONNX backend tests through cnnc --------------===//
//
// Part of cnnc.
//
/// Runs the ONNX backend tests listed in a file (paths under the Debian
/// `libonnx-testdata` data folder) through cnnc: each model is imported,
/// compiled through the whole pipeline to a shared library (object emitted
/// with LLVM, linked by the clang driver), loaded, run on every
/// `test_data_set_*/input_N.pb`, and its outputs compared with
/// `output_N.pb` (|got - want| <= atol + rtol |want|; exact for integers).
/// With --shapes-only it stops after import and compares output types.
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
#include "compiler/Target/Backend.h"
#include "compiler/Target/ModelInterface.h"

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

#include <cmath>
#include <dlfcn.h>
#include <fstream>

using namespace mlir;
namespace cl = llvm::cl;

static cl::opt<std::string>
    dataDir("data", cl::desc("libonnx-testdata data folder"),
            cl::init("/usr/share/libonnx-testdata/data"));
static cl::opt<std::string>
    listFile("list", cl::desc("tests to run, one path per line"), cl::Required);
static cl::opt<std::string> xfailFile("xfail", cl::desc("expected failures"));
static cl::opt<std::string> filter("filter",
                                   cl::desc("run tests containing this"));
static cl::opt<bool> verbose("v", cl::desc("print every test"));
static cl::opt<bool>
    shapesOnly("shapes-only", cl::desc("only import and compare output types"));
static cl::opt<double> relTol("rtol", cl::init(1e-3));
static cl::opt<double> absTol("atol", cl::init(1e-5));
static cl::opt<std::string>
    workDir("work", cl::desc("folder for the compiled libraries"),
            cl::init(""));

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
      {"Clip", {1, 2}},         {"Pad", {1, 2, 3}},  {"Resize", {1, 2, 3}},
      {"Upsample", {1}},        {"Reshape", {1}},    {"Expand", {1}},
      {"Slice", {1, 2, 3, 4}},  {"Split", {1}},      {"Squeeze", {1}},
      {"Unsqueeze", {1}},       {"ReduceMean", {1}}, {"MaxUnpool", {2}},
      {"ConstantOfShape", {0}}, {"Dropout", {1, 2}}};
  auto it = positions.find(op);
  return it != positions.end() && llvm::is_contained(it->second, index);
}

/// The raw little-endian bytes of a TensorProto (raw_data or typed fields).
std::vector<char> tensorBytes(const onnx::TensorProto &t) {
  if (!t.raw_data().empty())
    return std::vector<char>(t.raw_data().begin(), t.raw_data().end());
  std::vector<char> bytes;
  auto append = [&](const void *p, size_t n) {
    const char *c = static_cast<const char *>(p);
    bytes.insert(bytes.end(), c, c + n);
  };
  switch (t.data_type()) {
  case onnx::TensorProto::FLOAT:
    append(t.float_data().data(), t.float_data_size() * 4);
    break;
  case onnx::TensorProto::DOUBLE:
    append(t.double_data().data(), t.double_data_size() * 8);
    break;
  case onnx::TensorProto::INT64:
    append(t.int64_data().data(), t.int64_data_size() * 8);
    break;
  case onnx::TensorProto::INT32:
    append(t.int32_data().data(), t.int32_data_size() * 4);
    break;
  case onnx::TensorProto::BOOL:
    for (int32_t v : t.int32_data())
      bytes.push_back(v ? 1 : 0);
    break;
  default:
    break;
  }
  return bytes;
}

/// Compares `got` with the reference; returns the first mismatch or "".
std::string compare(const cnnc::TensorSpec &spec, const char *got,
                    const onnx::TensorProto &want) {
  std::vector<char> ref = tensorBytes(want);
  int64_t count = 1;
  for (int64_t d : spec.shape)
    count *= d;
  if ((int64_t)ref.size() != count * spec.elementBytes)
    return "reference has " + std::to_string(ref.size()) + " bytes, expected " +
           std::to_string(count * spec.elementBytes);
  auto mismatch = [&](int64_t i, double g, double w) {
    return "element " + std::to_string(i) + ": got " + std::to_string(g) +
           ", want " + std::to_string(w);
  };
  for (int64_t i = 0; i < count; ++i) {
    double g, w;
    if (spec.dtype == "float32") {
      g = reinterpret_cast<const float *>(got)[i];
      w = reinterpret_cast<const float *>(ref.data())[i];
    } else if (spec.dtype == "float64") {
      g = reinterpret_cast<const double *>(got)[i];
      w = reinterpret_cast<const double *>(ref.data())[i];
    } else if (spec.dtype == "int64") {
      int64_t a = reinterpret_cast<const int64_t *>(got)[i];
      int64_t b = reinterpret_cast<const int64_t *>(ref.data())[i];
      if (a != b)
        return mismatch(i, a, b);
      continue;
    } else if (spec.dtype == "int32") {
      int32_t a = reinterpret_cast<const int32_t *>(got)[i];
      int32_t b = reinterpret_cast<const int32_t *>(ref.data())[i];
      if (a != b)
        return mismatch(i, a, b);
      continue;
    } else if (spec.dtype == "bool") {
      if ((got[i] != 0) != (ref[i] != 0))
        return mismatch(i, got[i], ref[i]);
      continue;
    } else {
      return "cannot compare " + spec.dtype;
    }
    if (std::isnan(w) && std::isnan(g))
      continue;
    if (std::isinf(w) && g == w)
      continue;
    if (!(std::fabs(g - w) <= absTol + relTol * std::fabs(w)))
      return mismatch(i, g, w);
  }
  return "";
}

/// Compiles `module` to a shared library, runs it on every data set of the
/// test and compares; returns the reason of a failure or "".
std::string runNumerics(ModuleOp module, const std::string &dir,
                        const std::string &name, const llvm::StringSet<> &bound,
                        const onnx::ModelProto &model, std::string &errors) {
  Location loc = module.getLoc();
  FailureOr<cnnc::TargetInfo> target = cnnc::resolveTarget("host", loc);
  if (failed(target))
    return "no target: " + errors;
  cnnc::PipelineOptions options;
  options.optLevel = 2;
  options.vectorBits = target->vectorBits;
  options.cpu = target->cpu;
  FailureOr<cnnc::ModelInterface> iface =
      cnnc::lowerToLLVMDialect(module, "model", options);
  if (failed(iface))
    return "lowering failed: " + errors;
  llvm::LLVMContext llvmContext;
  auto llvmModule = cnnc::translateAndOptimize(module, llvmContext, *target, 2);
  if (!llvmModule)
    return "translation failed: " + errors;
  std::string base = workDir + "/" + name;
  std::string object = base + ".o", library = base + ".so";
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(object, ec);
    if (ec)
      return "cannot write " + object;
    if (failed(cnnc::emitMachineCode(*llvmModule, *target, 2, false, os, loc)))
      return "code generation failed: " + errors;
  }
  if (failed(cnnc::runLinker({"-shared", "-o", library, object,
                              cnnc::runtimeLibraryPath(), "-lm", "-lpthread"},
                             loc)))
    return "link failed: " + errors;
  llvm::sys::fs::remove(object);
  void *handle = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  llvm::sys::fs::remove(library);
  if (!handle)
    return std::string("dlopen failed: ") + dlerror();
  using RunFn = int (*)(const void *const *, void *const *, void *);
  auto run = reinterpret_cast<RunFn>(dlsym(handle, "model_run"));
  std::string why;
  if (!run)
    why = "model_run not found";
  std::vector<char> arena(iface->arenaBytes + 64);
  void *arenaPtr = reinterpret_cast<void *>(
      (reinterpret_cast<uintptr_t>(arena.data()) + 63) & ~uintptr_t(63));
  for (int set = 0; why.empty(); ++set) {
    std::string dataSet = dir + "/test_data_set_" + std::to_string(set);
    if (!llvm::sys::fs::is_directory(dataSet))
      break;
    // Graph inputs in order; bound ones are compiled in.
    std::vector<std::vector<char>> inputs;
    int index = 0;
    for (const auto &in : model.graph().input()) {
      bool isInit = false;
      for (const auto &t : model.graph().initializer())
        isInit |= t.name() == in.name();
      if (isInit)
        continue;
      std::string pb = dataSet + "/input_" + std::to_string(index++) + ".pb";
      if (bound.contains(in.name()))
        continue;
      onnx::TensorProto t;
      if (!readProto(pb, t)) {
        why = "cannot read " + pb;
        break;
      }
      inputs.push_back(tensorBytes(t));
    }
    if (!why.empty())
      break;
    if (inputs.size() != iface->inputs.size()) {
      why = "the test has " + std::to_string(inputs.size()) +
            " run-time inputs, the model " +
            std::to_string(iface->inputs.size());
      break;
    }
    std::vector<const void *> inPtrs;
    for (size_t i = 0; i < inputs.size(); ++i) {
      int64_t count = 1;
      for (int64_t d : iface->inputs[i].shape)
        count *= d;
      if ((int64_t)inputs[i].size() != count * iface->inputs[i].elementBytes) {
        why = "input " + std::to_string(i) + " has the wrong size";
        break;
      }
      inPtrs.push_back(inputs[i].data());
    }
    if (!why.empty())
      break;
    std::vector<std::vector<char>> outputs;
    std::vector<void *> outPtrs;
    for (const cnnc::TensorSpec &spec : iface->outputs) {
      int64_t count = 1;
      for (int64_t d : spec.shape)
        count *= d;
      outputs.emplace_back(std::max<int64_t>(count * spec.elementBytes, 1));
    }
    for (auto &o : outputs)
      outPtrs.push_back(o.data());
    run(inPtrs.data(), outPtrs.data(), arenaPtr);
    for (size_t i = 0; i < outputs.size(); ++i) {
      onnx::TensorProto want;
      std::string pb = dataSet + "/output_" + std::to_string(i) + ".pb";
      if (!readProto(pb, want)) {
        why = "cannot read " + pb;
        break;
      }
      std::string diff = compare(iface->outputs[i], outputs[i].data(), want);
      if (!diff.empty()) {
        why = "data set " + std::to_string(set) + " output " +
              std::to_string(i) + ": " + diff;
        break;
      }
    }
  }
  dlclose(handle);
  return why;
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
  if (!shapesOnly) {
    llvm::StringSet<> bound;
    for (const auto &b : options.binds)
      bound.insert(b.first);
    std::string name = llvm::sys::path::filename(dir).str();
    return runNumerics(*module, dir, name, bound, model, errors);
  }
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
  llvm::SmallString<128> tmp;
  if (workDir.empty()) {
    if (llvm::sys::fs::createUniqueDirectory("cnnc-conformance", tmp)) {
      llvm::errs() << "cannot create a work folder\n";
      return 1;
    }
    workDir = std::string(tmp);
  }
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
  if (!tmp.empty())
    llvm::sys::fs::remove_directories(tmp);
  llvm::outs() << passed << " passed, " << failed << " failed\n";
  return failed ? 1 : 0;
}
