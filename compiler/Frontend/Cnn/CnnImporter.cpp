//===- CnnImporter.cpp - .cnn network descriptions to the cnn dialect -----===//
//
// Part of cnnc.
//
/// \file
/// Elaborates the syntax tree of a `.cnn` file into cnn ops: blocks are
/// expanded with their arguments, names are resolved in their scope, every
/// layer's shapes are inferred as it is built (so the first layer that does
/// not fit is reported at its line and column), and weights are bound by
/// layer name or generated.
//
//===----------------------------------------------------------------------===//

#include "compiler/Frontend/Cnn/CnnImporter.h"
#include "compiler/Frontend/Cnn/Parser.h"
#include "compiler/Frontend/Cnn/Safetensors.h"

#include "Cnn/IR/CnnOpBuilder.h"
#include "Cnn/IR/CnnOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/SourceMgr.h"

#include <cmath>

using namespace mlir;
namespace fmt = cnnc::cnnfmt;

namespace cnnc {
namespace {

/// Weights at least this large become resource blobs (as in the ONNX
/// importer) instead of uniqued dense attributes.
constexpr size_t kBlobThreshold = 4096;

/// Layers the format knows, for "did you mean" and the documentation.
const char *const kLayers[] = {"conv",
                               "dwconv",
                               "conv_transpose",
                               "max_pool",
                               "avg_pool",
                               "global_avg_pool",
                               "global_max_pool",
                               "upsample",
                               "max_unpool",
                               "pad",
                               "batch_norm",
                               "lrn",
                               "add",
                               "concat",
                               "flatten",
                               "dense",
                               "softmax",
                               "log_softmax",
                               "dropout",
                               "relu",
                               "relu6",
                               "leaky_relu",
                               "elu",
                               "sigmoid",
                               "tanh",
                               "hard_swish",
                               "softplus",
                               "silu"};

std::string shapeStr(Type type) {
  auto t = dyn_cast<RankedTensorType>(type);
  if (!t)
    return "?";
  std::string s = "[";
  llvm::raw_string_ostream os(s);
  llvm::interleaveComma(t.getShape(), os);
  return s + "]";
}

std::string listStr(ArrayRef<int64_t> v) {
  std::string s = "[";
  llvm::raw_string_ostream os(s);
  llvm::interleaveComma(v, os);
  return s + "]";
}

/// splitmix64: a tiny generator whose output is the same on every platform
/// (std::uniform_real_distribution is not).
struct Random {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [-1, 1).
  float symmetric() { return float(next() >> 40) * 0x1.0p-23f - 1.0f; }
};

/// FNV-1a, so a tensor's generated values depend on its name and the seed
/// only, not on the layers before it.
uint64_t hashName(StringRef s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s)
    h = (h ^ uint8_t(c)) * 0x100000001b3ULL;
  return h;
}

/// How a generated weight is filled.
struct Init {
  enum Kind { Zeros, Ones, Uniform } kind = Zeros;
  float bound = 0;
  static Init zeros() { return {Zeros, 0}; }
  static Init ones() { return {Ones, 0}; }
  /// He (Kaiming) uniform for ReLU networks: U(-sqrt(6/fanIn), sqrt(6/fanIn)).
  static Init he(int64_t fanIn) {
    return {Uniform,
            float(std::sqrt(6.0 / double(std::max<int64_t>(fanIn, 1))))};
  }
  /// Glorot (Xavier) uniform: U(+-sqrt(6/(fanIn+fanOut))).
  static Init glorot(int64_t fanIn, int64_t fanOut) {
    return {Uniform, float(std::sqrt(
                         6.0 / double(std::max<int64_t>(fanIn + fanOut, 1))))};
  }
};

/// A name's value; `pool` is set for max_pool layers (max_unpool asks them
/// for indices).
struct Tensor {
  mlir::Value value;
  Operation *pool = nullptr;
  llvm::SMLoc loc;
};

/// A naming scope: the top level, a block instance, or an iteration of a
/// named repeat.
struct Scope {
  std::string prefix;
  Scope *parent = nullptr;
  const llvm::StringMap<fmt::Value> *params = nullptr;
  mlir::Value in;       ///< A block's input (`in`).
  mlir::Value prev;     ///< The last layer's output: the next layer's input.
  std::string prevName; ///< Its full name (the default graph output's).
  llvm::StringMap<int> counters;
};

class Importer;

/// One layer statement with block parameters substituted, and the
/// bookkeeping that rejects arguments the layer does not take.
struct Call {
  const fmt::Stmt &stmt;
  Scope &scope;
  std::string name; ///< Full layer name (weights are NAME.weight, ...).
  Location loc;
  SmallVector<fmt::Value> pos;
  llvm::StringMap<fmt::Arg> kw;
  llvm::StringSet<> used;

  Call(const fmt::Stmt &stmt, Scope &scope, Location loc)
      : stmt(stmt), scope(scope), loc(loc) {}

  const fmt::Value *key(StringRef k) {
    used.insert(k);
    auto it = kw.find(k);
    return it == kw.end() ? nullptr : &it->second.value;
  }
  const fmt::Value *at(size_t i) { return i < pos.size() ? &pos[i] : nullptr; }
};

class Importer {
public:
  Importer(MLIRContext &ctx, llvm::SourceMgr &sm, const CnnImportOptions &opts)
      : ctx(ctx), sm(sm), opts(opts), b(&ctx) {
    fileName = sm.getMemoryBuffer(sm.getMainFileID())->getBufferIdentifier();
  }

  OwningOpRef<ModuleOp> run();

private:
  // Diagnostics.
  Location locOf(llvm::SMLoc l) {
    auto [line, col] = sm.getLineAndColumn(l, sm.getMainFileID());
    return FileLineColLoc::get(&ctx, fileName, line, col);
  }
  InFlightDiagnostic error(llvm::SMLoc l) {
    ++errors;
    return emitError(locOf(l));
  }

  // Statements.
  LogicalResult runBody(const std::vector<fmt::Stmt> &stmts, Scope &scope);
  LogicalResult runStmt(const fmt::Stmt &s, Scope &scope);
  LogicalResult runRepeat(const fmt::Stmt &s, Scope &scope);
  LogicalResult runLayer(const fmt::Stmt &s, Scope &scope);
  LogicalResult runBlock(const fmt::Stmt &def, Call &c);
  FailureOr<std::string> layerName(Scope &scope, const fmt::Stmt &s,
                                   StringRef kind);
  fmt::Value substitute(const fmt::Value &v, Scope &scope);
  void define(StringRef name, mlir::Value v, llvm::SMLoc loc,
              Operation *pool = nullptr) {
    tensors[name] = Tensor{v, pool, loc};
  }
  Tensor *lookup(Scope &scope, StringRef name);
  FailureOr<mlir::Value> tensorArg(Call &c, const fmt::Value &v);
  FailureOr<mlir::Value> input(Call &c, StringRef kind);
  /// input(), which must be an [N, C, spatial...] tensor.
  FailureOr<mlir::Value> imageInput(Call &c, StringRef kind);

  // Arguments.
  FailureOr<int64_t> intValue(const fmt::Value &v, StringRef what, int64_t min);
  FailureOr<int64_t> intKey(Call &c, StringRef k, int64_t dflt, int64_t min);
  FailureOr<double> floatKey(Call &c, StringRef k, double dflt);
  FailureOr<bool> boolKey(Call &c, StringRef k, bool dflt);
  FailureOr<SmallVector<int64_t>> spatial(const fmt::Value &v, int64_t rank,
                                          StringRef what);
  FailureOr<SmallVector<int64_t>> spatialKey(Call &c, StringRef k, int64_t rank,
                                             int64_t dflt);
  FailureOr<SmallVector<int64_t>>
  pads(Call &c, ArrayRef<int64_t> in, ArrayRef<int64_t> kernel,
       ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations, bool allowSame);
  LogicalResult finish(Call &c, StringRef kind, size_t maxPositional,
                       ArrayRef<StringRef> keys);

  // Building.
  Operation *create(StringRef op, ValueRange operands,
                    ArrayRef<NamedAttribute> attrs, Location loc,
                    StringRef kind, unsigned numResults = 1);
  mlir::Value weight(Call &c, StringRef suffix, ArrayRef<int64_t> shape,
                     Init init);
  FailureOr<mlir::Value> activation(mlir::Value x, StringRef act,
                                    const fmt::Value *arg, Location loc,
                                    Call &c);
  FailureOr<mlir::Value> fusedActivation(Call &c, mlir::Value x);
  LogicalResult addMaxPoolIndices(Tensor &pool);
  NamedAttribute i64s(StringRef n, ArrayRef<int64_t> v) {
    return b.getNamedAttr(n, b.getDenseI64ArrayAttr(v));
  }

  // Layers.
  FailureOr<mlir::Value> buildLayer(Call &c, StringRef kind);
  FailureOr<mlir::Value> conv(Call &c, StringRef kind);
  FailureOr<mlir::Value> convTranspose(Call &c);
  FailureOr<mlir::Value> pool(Call &c, StringRef kind, Operation *&poolOp);
  FailureOr<mlir::Value> upsample(Call &c);
  FailureOr<mlir::Value> maxUnpool(Call &c);
  FailureOr<mlir::Value> padLayer(Call &c);
  FailureOr<mlir::Value> batchNorm(Call &c);
  FailureOr<mlir::Value> join(Call &c, StringRef kind);
  FailureOr<mlir::Value> dense(Call &c);

  MLIRContext &ctx;
  llvm::SourceMgr &sm;
  const CnnImportOptions &opts;
  OpBuilder b;
  std::string fileName;
  unsigned errors = 0;
  /// Bytes of all weights so far (CnnImportOptions::maxWeightBytes).
  int64_t weightBytes = 0;
  llvm::StringMap<const fmt::Stmt *> blocks;
  llvm::StringMap<Tensor> tensors;
  SmallVector<Scope *> activeScopes;
  /// Statements run so far, repeats unrolled: a repeat count from the file
  /// (or nested repeats) could otherwise build layers for hours
  /// (CnnImportOptions::maxStatements).
  int64_t statementsRun = 0;
  SmallVector<std::pair<std::string, mlir::Value>> outputs;
  std::optional<SafetensorsFile> weights;
  llvm::StringSet<> usedWeights;
  int depth = 0;
};

//===----------------------------------------------------------------------===//
// Names and arguments
//===----------------------------------------------------------------------===//

fmt::Value Importer::substitute(const fmt::Value &v, Scope &scope) {
  if (v.kind != fmt::Value::Ident || !scope.params)
    return v;
  auto it = scope.params->find(v.ident);
  return it == scope.params->end() ? v : it->second;
}

Tensor *Importer::lookup(Scope &scope, StringRef name) {
  // Innermost scope first, then the enclosing ones.
  for (Scope *s = &scope; s; s = s->parent) {
    auto it = tensors.find(s->prefix + name.str());
    if (it != tensors.end())
      return &it->second;
  }
  return nullptr;
}

FailureOr<mlir::Value> Importer::tensorArg(Call &c, const fmt::Value &v) {
  if (v.kind != fmt::Value::Ident) {
    error(v.loc) << "expected the name of a tensor";
    return failure();
  }
  if (v.ident == "in") {
    for (Scope *s = &c.scope; s; s = s->parent)
      if (s->in)
        return s->in;
    error(v.loc) << "'in' is the input of a block; there is none here";
    return failure();
  }
  if (Tensor *t = lookup(c.scope, v.ident))
    return t->value;
  error(v.loc) << "no tensor is named '" << v.ident << "' here";
  return failure();
}

static bool isImage(mlir::Value x) {
  auto t = dyn_cast<RankedTensorType>(x.getType());
  return t && t.getRank() >= 3;
}

FailureOr<mlir::Value> Importer::imageInput(Call &c, StringRef kind) {
  FailureOr<mlir::Value> x = input(c, kind);
  if (failed(x))
    return failure();
  if (!isImage(*x)) {
    error(c.stmt.loc) << kind << " needs an [N, C, spatial...] input, got "
                      << shapeStr(x->getType());
    return failure();
  }
  return x;
}

FailureOr<mlir::Value> Importer::input(Call &c, StringRef kind) {
  if (const fmt::Value *from = c.key("from"))
    return tensorArg(c, *from);
  if (!c.scope.prev) {
    error(c.stmt.loc) << kind
                      << " has no input: declare one first with `input NAME "
                         "SHAPE`, e.g. `input image 1x3x224x224`";
    return failure();
  }
  return c.scope.prev;
}

FailureOr<std::string> Importer::layerName(Scope &scope, const fmt::Stmt &s,
                                           StringRef kind) {
  if (!s.label.empty()) {
    std::string name = scope.prefix + s.label;
    auto it = tensors.find(name);
    if (it != tensors.end()) {
      auto [line, col] = sm.getLineAndColumn(it->second.loc);
      error(s.labelLoc) << "the name '" << name << "' is already used (line "
                        << line << ")";
      return failure();
    }
    return name;
  }
  // Generated names count per kind and scope: conv_1, conv_2, ...
  while (true) {
    std::string name = scope.prefix + kind.str() + "_" +
                       std::to_string(++scope.counters[kind]);
    if (!tensors.count(name))
      return name;
  }
}

FailureOr<int64_t> Importer::intValue(const fmt::Value &v, StringRef what,
                                      int64_t min) {
  if (v.kind != fmt::Value::Int) {
    error(v.loc) << what << " must be an integer";
    return failure();
  }
  if (v.ints[0] < min) {
    error(v.loc) << what << " must be at least " << min << ", got "
                 << v.ints[0];
    return failure();
  }
  return v.ints[0];
}

FailureOr<int64_t> Importer::intKey(Call &c, StringRef k, int64_t dflt,
                                    int64_t min) {
  const fmt::Value *v = c.key(k);
  if (!v)
    return dflt;
  return intValue(*v, "'" + k.str() + "'", min);
}

FailureOr<double> Importer::floatKey(Call &c, StringRef k, double dflt) {
  const fmt::Value *v = c.key(k);
  if (!v)
    return dflt;
  if (v->kind != fmt::Value::Int && v->kind != fmt::Value::Float) {
    error(v->loc) << "'" << k << "' must be a number";
    return failure();
  }
  return v->number;
}

FailureOr<bool> Importer::boolKey(Call &c, StringRef k, bool dflt) {
  const fmt::Value *v = c.key(k);
  if (!v)
    return dflt;
  if (v->kind == fmt::Value::Ident &&
      (v->ident == "true" || v->ident == "false"))
    return v->ident == "true";
  error(v->loc) << "'" << k << "' must be true or false";
  return failure();
}

FailureOr<SmallVector<int64_t>>
Importer::spatial(const fmt::Value &v, int64_t rank, StringRef what) {
  if (v.kind == fmt::Value::Int) {
    if (v.ints[0] < 1) {
      error(v.loc) << what << " must be positive, got " << v.ints[0];
      return failure();
    }
    return SmallVector<int64_t>(rank, v.ints[0]);
  }
  if (v.kind == fmt::Value::Dims || v.kind == fmt::Value::List) {
    if (int64_t(v.ints.size()) != rank) {
      error(v.loc) << what << " has " << v.ints.size()
                   << " sizes, but the input has " << rank
                   << " spatial dimensions";
      return failure();
    }
    for (int64_t x : v.ints)
      if (x < 1) {
        error(v.loc) << what << " must be positive, got " << x;
        return failure();
      }
    return SmallVector<int64_t>(v.ints.begin(), v.ints.end());
  }
  error(v.loc) << what << " must be a size like 3 or 3x3";
  return failure();
}

FailureOr<SmallVector<int64_t>>
Importer::spatialKey(Call &c, StringRef k, int64_t rank, int64_t dflt) {
  const fmt::Value *v = c.key(k);
  if (!v)
    return SmallVector<int64_t>(rank, dflt);
  return spatial(*v, rank, "'" + k.str() + "'");
}

/// `pad=same` (output ceil(n/s), the odd element at the end, as PyTorch and
/// ONNX same_upper), `valid` (none), `1` or `1x2` (both sides), or
/// `[b1, b2, e1, e2]` (ONNX order: all begins, then all ends).
FailureOr<SmallVector<int64_t>> Importer::pads(Call &c, ArrayRef<int64_t> in,
                                               ArrayRef<int64_t> kernel,
                                               ArrayRef<int64_t> strides,
                                               ArrayRef<int64_t> dilations,
                                               bool allowSame) {
  size_t r = kernel.size();
  SmallVector<int64_t> p(2 * r, 0);
  const fmt::Value *v = c.key("pad");
  if (!v)
    return p;
  if (v->kind == fmt::Value::Ident) {
    if (v->ident == "valid")
      return p;
    if (v->ident == "same" && allowSame) {
      for (size_t i = 0; i < r; ++i) {
        int64_t out = (in[i] + strides[i] - 1) / strides[i];
        int64_t total = std::max<int64_t>(
            (out - 1) * strides[i] + dilations[i] * (kernel[i] - 1) + 1 - in[i],
            0);
        p[i] = total / 2;
        p[i + r] = total - total / 2;
      }
      return p;
    }
    error(v->loc) << "'pad' must be " << (allowSame ? "same, " : "")
                  << "valid, a size like 1 or 1x2, or a list [begins..., "
                     "ends...]";
    return failure();
  }
  if (v->kind == fmt::Value::List && v->ints.size() == 2 * r) {
    for (int64_t x : v->ints)
      if (x < 0) {
        error(v->loc) << "'pad' must not be negative";
        return failure();
      }
    return SmallVector<int64_t>(v->ints.begin(), v->ints.end());
  }
  if (v->kind == fmt::Value::Int && v->ints[0] == 0)
    return p;
  FailureOr<SmallVector<int64_t>> sym = spatial(*v, r, "'pad'");
  if (failed(sym))
    return failure();
  for (size_t i = 0; i < r; ++i)
    p[i] = p[i + r] = (*sym)[i];
  return p;
}

LogicalResult Importer::finish(Call &c, StringRef kind, size_t maxPositional,
                               ArrayRef<StringRef> keys) {
  if (c.pos.size() > maxPositional) {
    error(c.pos[maxPositional].loc)
        << kind << " takes " << maxPositional << " positional argument"
        << (maxPositional == 1 ? "" : "s") << ", this is one too many";
    return failure();
  }
  for (auto &[k, arg] : c.kw) {
    if (c.used.contains(k))
      continue;
    InFlightDiagnostic d = error(arg.keyLoc);
    d << kind << ": unknown argument '" << k << "'";
    if (keys.empty()) {
      d << " (" << kind << " takes none)";
    } else {
      d << " (" << kind << " takes ";
      llvm::interleaveComma(keys, d);
      d << ")";
    }
    return failure();
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Building ops and weights
//===----------------------------------------------------------------------===//

Operation *Importer::create(StringRef opName, ValueRange operands,
                            ArrayRef<NamedAttribute> attrs, Location loc,
                            StringRef kind, unsigned numResults) {
  // The shape rules say "'cnn.conv' op ..."; say it in the layer's terms.
  SmallVector<std::string> messages;
  Operation *op;
  {
    ScopedDiagnosticHandler capture(&ctx, [&](Diagnostic &d) {
      if (d.getSeverity() != DiagnosticSeverity::Error)
        return failure();
      messages.push_back(d.str());
      return success();
    });
    op = cnn::createChecked(b, loc, opName, operands, attrs, numResults);
  }
  std::string prefix = ("'" + opName + "' op ").str();
  for (StringRef m : messages) {
    m.consume_front(prefix);
    ++errors;
    emitError(loc) << kind << ": " << m;
  }
  return op;
}

mlir::Value Importer::weight(Call &c, StringRef suffix, ArrayRef<int64_t> shape,
                             Init init) {
  std::string name = c.name + "." + suffix.str();
  auto type = RankedTensorType::get(shape, b.getF32Type());
  int64_t count = type.getNumElements();
  weightBytes += count * int64_t(sizeof(float));
  if (opts.maxWeightBytes && weightBytes > opts.maxWeightBytes) {
    error(c.stmt.loc) << "the weights up to layer '" << c.name
                      << "' take more than " << opts.maxWeightBytes
                      << " bytes, the limit";
    return cnn::ConstantOp::create(b, c.loc, DenseElementsAttr::get(type, 0.0f))
        .getResult();
  }
  std::vector<float> values(count, 0.0f);
  if (weights) {
    const SafetensorsFile::Tensor *t = weights->lookup(name);
    if (!t) {
      error(c.stmt.loc) << "layer '" << c.name << "' needs tensor '" << name
                        << "' " << listStr(shape) << ", which "
                        << opts.weightsFile << " does not have";
    } else {
      usedWeights.insert(name);
      if (t->dtype != "F32")
        error(c.stmt.loc) << "tensor '" << name << "' in " << opts.weightsFile
                          << " is " << t->dtype << "; cnnc reads F32";
      else if (ArrayRef<int64_t>(t->shape) != shape)
        error(c.stmt.loc) << "tensor '" << name << "' in " << opts.weightsFile
                          << " has shape " << listStr(t->shape)
                          << ", but layer '" << c.name << "' needs "
                          << listStr(shape);
      else
        std::memcpy(values.data(), t->data.data(), t->data.size());
    }
  } else if (init.kind == Init::Ones) {
    std::fill(values.begin(), values.end(), 1.0f);
  } else if (init.kind == Init::Uniform) {
    Random rng{opts.seed ^ hashName(name)};
    for (float &v : values)
      v = init.bound * rng.symmetric();
  }
  ElementsAttr attr;
  if (size_t(count) * sizeof(float) < kBlobThreshold)
    attr = DenseElementsAttr::get(type, ArrayRef<float>(values));
  else
    attr = DenseResourceElementsAttr::get(
        type, name,
        HeapAsmResourceBlob::allocateAndCopyInferAlign(
            ArrayRef<float>(values)));
  return cnn::ConstantOp::create(b, c.loc, attr).getResult();
}

FailureOr<mlir::Value> Importer::activation(mlir::Value x, StringRef act,
                                            const fmt::Value *alpha,
                                            Location loc, Call &c) {
  auto unary =
      [&](StringRef op,
          ArrayRef<NamedAttribute> attrs = {}) -> FailureOr<mlir::Value> {
    Operation *o = create(op, x, attrs, loc, act);
    if (!o)
      return failure();
    return o->getResult(0);
  };
  auto alphaAttr = [&](double dflt) {
    return b.getNamedAttr("alpha",
                          b.getF32FloatAttr(alpha ? alpha->number : dflt));
  };
  if (act == "none")
    return x;
  if (act == "relu")
    return unary("cnn.relu");
  if (act == "relu6")
    return unary("cnn.clip", {b.getNamedAttr("min", b.getF32FloatAttr(0)),
                              b.getNamedAttr("max", b.getF32FloatAttr(6))});
  if (act == "sigmoid")
    return unary("cnn.sigmoid");
  if (act == "tanh")
    return unary("cnn.tanh");
  if (act == "hard_swish")
    return unary("cnn.hard_swish");
  if (act == "softplus")
    return unary("cnn.softplus");
  if (act == "leaky_relu")
    return unary("cnn.leaky_relu", {alphaAttr(0.01)});
  if (act == "elu")
    return unary("cnn.elu", {alphaAttr(1.0)});
  if (act == "silu") {
    FailureOr<mlir::Value> s = unary("cnn.sigmoid");
    if (failed(s))
      return failure();
    Operation *o = create("cnn.mul", ValueRange{x, *s}, {}, loc, act);
    if (!o)
      return failure();
    return o->getResult(0);
  }
  return failure();
}

/// `activation=NAME` on conv, dense, batch_norm, add...
FailureOr<mlir::Value> Importer::fusedActivation(Call &c, mlir::Value x) {
  const fmt::Value *v = c.key("activation");
  if (!v)
    return x;
  if (v->kind == fmt::Value::Ident) {
    FailureOr<mlir::Value> y = activation(x, v->ident, nullptr, c.loc, c);
    if (succeeded(y) || errors)
      return y;
  }
  error(v->loc) << "unknown activation"
                << (v->kind == fmt::Value::Ident ? " '" + v->ident + "'" : "")
                << " (activations: relu, relu6, leaky_relu, elu, sigmoid, "
                   "tanh, hard_swish, softplus, silu, none)";
  return failure();
}

/// max_unpool needs the argmax of its pool, which the pool only computes
/// when asked: rebuild the pool with its second result and point every name
/// and scope that held the old result at the new one.
LogicalResult Importer::addMaxPoolIndices(Tensor &pool) {
  Operation *old = pool.pool;
  if (old->getNumResults() == 2)
    return success();
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(old);
  Operation *op = create("cnn.max_pool", old->getOperands(), old->getAttrs(),
                         old->getLoc(), "max_pool", 2);
  if (!op)
    return failure();
  mlir::Value before = old->getResult(0), after = op->getResult(0);
  before.replaceAllUsesWith(after);
  for (auto &entry : tensors) {
    if (entry.second.value == before)
      entry.second.value = after;
    if (entry.second.pool == old)
      entry.second.pool = op;
  }
  for (Scope *s : activeScopes) {
    if (s->prev == before)
      s->prev = after;
    if (s->in == before)
      s->in = after;
  }
  for (auto &out : outputs)
    if (out.second == before)
      out.second = after;
  old->erase();
  return success();
}

//===----------------------------------------------------------------------===//
// Layers
//===----------------------------------------------------------------------===//

/// Checks that `x` is `[N, C, spatial...]`.

FailureOr<mlir::Value> Importer::conv(Call &c, StringRef kind) {
  bool depthwise = kind == "dwconv";
  FailureOr<mlir::Value> x = imageInput(c, kind);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  int64_t r = type.getRank() - 2, channels = type.getDimSize(1);
  size_t k = depthwise ? 0 : 1;
  const fmt::Value *outArg = depthwise ? nullptr : c.at(0);
  const fmt::Value *kernelArg = c.at(k);
  if ((!depthwise && !outArg) || !kernelArg) {
    error(c.stmt.loc) << kind << " needs "
                      << (depthwise ? "a kernel size, e.g. `dwconv 3x3`"
                                    : "output channels and a kernel size, "
                                      "e.g. `conv 64 3x3`");
    return failure();
  }
  int64_t out = channels, groups = 1;
  if (depthwise) {
    FailureOr<int64_t> mult = intKey(c, "multiplier", 1, 1);
    if (failed(mult))
      return failure();
    out = channels * *mult;
    groups = channels;
  } else {
    FailureOr<int64_t> o =
        intValue(*outArg, "the number of output channels", 1);
    FailureOr<int64_t> g = intKey(c, "groups", 1, 1);
    if (failed(o) || failed(g))
      return failure();
    out = *o;
    groups = *g;
    if (channels % groups || out % groups) {
      error(c.kw.find("groups")->second.value.loc)
          << "groups=" << groups << " must divide the input channels ("
          << channels << ") and the output channels (" << out << ")";
      return failure();
    }
  }
  auto kernel = spatial(*kernelArg, r, "the kernel");
  auto strides = spatialKey(c, "stride", r, 1);
  auto dilations = spatialKey(c, "dilation", r, 1);
  if (failed(kernel) || failed(strides) || failed(dilations))
    return failure();
  auto p = pads(c, type.getShape().drop_front(2), *kernel, *strides, *dilations,
                /*allowSame=*/true);
  FailureOr<bool> bias = boolKey(c, "bias", true);
  if (failed(p) || failed(bias))
    return failure();
  SmallVector<int64_t> wShape{out, channels / groups};
  wShape.append(kernel->begin(), kernel->end());
  int64_t fanIn = channels / groups;
  for (int64_t kk : *kernel)
    fanIn *= kk;
  c.key("activation");
  c.key("from");
  if (failed(finish(
          c, kind, depthwise ? 1 : 2,
          depthwise
              ? ArrayRef<StringRef>{"stride", "pad", "dilation", "multiplier",
                                    "bias", "activation", "from"}
              : ArrayRef<StringRef>{"stride", "pad", "dilation", "groups",
                                    "bias", "activation", "from"})))
    return failure();
  SmallVector<mlir::Value> operands{
      *x, weight(c, "weight", wShape, Init::he(fanIn))};
  if (*bias)
    operands.push_back(weight(c, "bias", {out}, Init::zeros()));
  Operation *op = create("cnn.conv", operands,
                         {i64s("strides", *strides),
                          i64s("dilations", *dilations), i64s("pads", *p),
                          b.getNamedAttr("group", b.getI64IntegerAttr(groups))},
                         c.loc, kind);
  if (!op)
    return failure();
  return fusedActivation(c, op->getResult(0));
}

FailureOr<mlir::Value> Importer::convTranspose(Call &c) {
  StringRef kind = "conv_transpose";
  FailureOr<mlir::Value> x = imageInput(c, kind);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  int64_t r = type.getRank() - 2, channels = type.getDimSize(1);
  if (!c.at(0) || !c.at(1)) {
    error(c.stmt.loc) << kind
                      << " needs output channels and a kernel size, e.g. "
                         "`conv_transpose 64 2x2 stride=2`";
    return failure();
  }
  FailureOr<int64_t> out =
      intValue(*c.at(0), "the number of output channels", 1);
  FailureOr<int64_t> groups = intKey(c, "groups", 1, 1);
  if (failed(out) || failed(groups))
    return failure();
  if (channels % *groups || *out % *groups) {
    error(c.kw.find("groups")->second.value.loc)
        << "groups=" << *groups << " must divide the input channels ("
        << channels << ") and the output channels (" << *out << ")";
    return failure();
  }
  auto kernel = spatial(*c.at(1), r, "the kernel");
  auto strides = spatialKey(c, "stride", r, 1);
  auto dilations = spatialKey(c, "dilation", r, 1);
  if (failed(kernel) || failed(strides) || failed(dilations))
    return failure();
  auto p = pads(c, type.getShape().drop_front(2), *kernel, *strides, *dilations,
                /*allowSame=*/false);
  FailureOr<SmallVector<int64_t>> outPad =
      c.kw.count("output_padding")
          ? spatial(*c.key("output_padding"), r, "'output_padding'")
          : FailureOr<SmallVector<int64_t>>(SmallVector<int64_t>(r, 0));
  FailureOr<bool> bias = boolKey(c, "bias", true);
  if (failed(p) || failed(outPad) || failed(bias))
    return failure();
  c.key("activation");
  c.key("from");
  c.key("output_padding");
  if (failed(finish(c, kind, 2,
                    {"stride", "pad", "output_padding", "dilation", "groups",
                     "bias", "activation", "from"})))
    return failure();
  SmallVector<int64_t> wShape{channels, *out / *groups};
  wShape.append(kernel->begin(), kernel->end());
  // PyTorch's fan-in for a transposed convolution: weight.size(1) * kernel.
  int64_t fanIn = *out / *groups;
  for (int64_t kk : *kernel)
    fanIn *= kk;
  SmallVector<mlir::Value> operands{
      *x, weight(c, "weight", wShape, Init::he(fanIn))};
  if (*bias)
    operands.push_back(weight(c, "bias", {*out}, Init::zeros()));
  Operation *op =
      create("cnn.conv_transpose", operands,
             {i64s("strides", *strides), i64s("dilations", *dilations),
              i64s("pads", *p), i64s("output_padding", *outPad),
              b.getNamedAttr("group", b.getI64IntegerAttr(*groups))},
             c.loc, kind);
  if (!op)
    return failure();
  return fusedActivation(c, op->getResult(0));
}

FailureOr<mlir::Value> Importer::pool(Call &c, StringRef kind,
                                      Operation *&poolOp) {
  FailureOr<mlir::Value> x = imageInput(c, kind);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  int64_t r = type.getRank() - 2;
  if (kind == "global_avg_pool" || kind == "global_max_pool") {
    c.key("from");
    if (failed(finish(c, kind, 0, {"from"})))
      return failure();
    Operation *op = create(kind == "global_avg_pool" ? "cnn.global_avg_pool"
                                                     : "cnn.global_max_pool",
                           *x, {}, c.loc, kind);
    if (!op)
      return failure();
    return op->getResult(0);
  }
  if (!c.at(0)) {
    error(c.stmt.loc) << kind << " needs a window size, e.g. `" << kind
                      << " 2x2`";
    return failure();
  }
  auto kernel = spatial(*c.at(0), r, "the window");
  if (failed(kernel))
    return failure();
  // Like PyTorch, the stride defaults to the window.
  FailureOr<SmallVector<int64_t>> strides =
      c.kw.count("stride") ? spatialKey(c, "stride", r, 1)
                           : FailureOr<SmallVector<int64_t>>(*kernel);
  auto dilations = spatialKey(c, "dilation", r, 1);
  if (failed(strides) || failed(dilations))
    return failure();
  auto p = pads(c, type.getShape().drop_front(2), *kernel, *strides, *dilations,
                /*allowSame=*/true);
  FailureOr<bool> ceil = boolKey(c, "ceil", false);
  bool isMax = kind == "max_pool";
  // PyTorch's AvgPool2d counts the padding by default.
  FailureOr<bool> countPad =
      isMax ? FailureOr<bool>(false) : boolKey(c, "count_include_pad", true);
  if (failed(p) || failed(ceil) || failed(countPad))
    return failure();
  c.key("from");
  SmallVector<StringRef> keys{"stride", "pad", "dilation", "ceil"};
  if (!isMax)
    keys.push_back("count_include_pad");
  keys.push_back("from");
  if (failed(finish(c, kind, 1, keys)))
    return failure();
  SmallVector<NamedAttribute> attrs{
      i64s("kernel_shape", *kernel), i64s("strides", *strides),
      i64s("pads", *p), b.getNamedAttr("ceil_mode", b.getBoolAttr(*ceil))};
  if (llvm::any_of(*dilations, [](int64_t d) { return d != 1; }))
    attrs.push_back(i64s("dilations", *dilations));
  if (!isMax)
    attrs.push_back(
        b.getNamedAttr("count_include_pad", b.getBoolAttr(*countPad)));
  Operation *op =
      create(isMax ? "cnn.max_pool" : "cnn.avg_pool", *x, attrs, c.loc, kind);
  if (!op)
    return failure();
  if (isMax)
    poolOp = op;
  return op->getResult(0);
}

FailureOr<mlir::Value> Importer::upsample(Call &c) {
  StringRef kind = "upsample";
  FailureOr<mlir::Value> x = imageInput(c, kind);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  int64_t r = type.getRank() - 2;
  const fmt::Value *scale = c.at(0);
  if (!scale) {
    error(c.stmt.loc) << "upsample needs a scale factor, e.g. `upsample 2`";
    return failure();
  }
  SmallVector<float> scales{1.0f, 1.0f};
  if (scale->kind == fmt::Value::Float || scale->kind == fmt::Value::Int) {
    if (scale->number <= 0) {
      error(scale->loc) << "the scale factor must be positive";
      return failure();
    }
    scales.append(r, float(scale->number));
  } else {
    auto s = spatial(*scale, r, "the scale factor");
    if (failed(s))
      return failure();
    for (int64_t v : *s)
      scales.push_back(float(v));
  }
  std::string mode = "nearest";
  if (const fmt::Value *m = c.key("mode")) {
    if (m->kind != fmt::Value::Ident ||
        (m->ident != "nearest" && m->ident != "bilinear")) {
      error(m->loc) << "'mode' must be nearest or bilinear";
      return failure();
    }
    mode = m->ident;
  }
  FailureOr<bool> alignCorners = boolKey(c, "align_corners", false);
  if (failed(alignCorners))
    return failure();
  if (*alignCorners && mode == "nearest") {
    error(c.kw.find("align_corners")->second.keyLoc)
        << "align_corners applies to bilinear upsampling only";
    return failure();
  }
  c.key("from");
  if (failed(finish(c, kind, 1, {"mode", "align_corners", "from"})))
    return failure();
  SmallVector<NamedAttribute> attrs{
      b.getNamedAttr("scales", b.getDenseF32ArrayAttr(scales))};
  // PyTorch's nn.Upsample: nearest picks floor(out * in / size); bilinear
  // maps centres (half pixel) or corners.
  if (mode == "nearest") {
    attrs.push_back(
        b.getNamedAttr("coordinate_transformation_mode",
                       cnn::CoordinateTransformModeAttr::get(
                           &ctx, cnn::CoordinateTransformMode::asymmetric)));
    attrs.push_back(b.getNamedAttr(
        "nearest_mode",
        cnn::NearestModeAttr::get(&ctx, cnn::NearestMode::floor)));
  } else {
    attrs.push_back(b.getNamedAttr(
        "mode", cnn::ResizeModeAttr::get(&ctx, cnn::ResizeMode::linear)));
    attrs.push_back(b.getNamedAttr(
        "coordinate_transformation_mode",
        cnn::CoordinateTransformModeAttr::get(
            &ctx, *alignCorners
                      ? cnn::CoordinateTransformMode::align_corners
                      : cnn::CoordinateTransformMode::pytorch_half_pixel)));
  }
  Operation *op = create("cnn.resize", *x, attrs, c.loc, kind);
  if (!op)
    return failure();
  return op->getResult(0);
}

/// `pad P [value=0] [mode=constant|edge|reflect]`: PyTorch's ZeroPad2d,
/// ConstantPad2d, ReplicationPad2d and ReflectionPad2d on the spatial
/// dimensions; P as the `pad` argument of conv (`1`, `1x2`, `[begins...,
/// ends...]`).
FailureOr<mlir::Value> Importer::padLayer(Call &c) {
  StringRef kind = "pad";
  FailureOr<mlir::Value> x = imageInput(c, kind);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  int64_t r = type.getRank() - 2;
  const fmt::Value *amount = c.at(0);
  if (!amount) {
    error(c.stmt.loc) << "pad needs the padding, e.g. `pad 1` or `pad "
                         "[0, 0, 1, 1]` (begins, then ends)";
    return failure();
  }
  // One amount (every side), one per dimension (1x2: both sides), or all
  // begins then all ends.
  SmallVector<int64_t> spatialPads(2 * r, 0);
  ArrayRef<int64_t> given = amount->ints;
  bool symmetric =
      amount->kind == fmt::Value::Int ||
      (amount->kind == fmt::Value::Dims && int64_t(given.size()) == r);
  if (!symmetric &&
      !(amount->kind == fmt::Value::List && int64_t(given.size()) == 2 * r)) {
    error(amount->loc) << "the padding must be a size like 1 or 1x2, or "
                       << 2 * r << " amounts [begins..., ends...]";
    return failure();
  }
  for (int64_t v : given)
    if (v < 0) {
      error(amount->loc) << "pad amounts must not be negative";
      return failure();
    }
  for (int64_t i = 0; i < r; ++i) {
    if (!symmetric) {
      spatialPads[i] = given[i];
      spatialPads[i + r] = given[i + r];
    } else {
      spatialPads[i] = spatialPads[i + r] =
          amount->kind == fmt::Value::Int ? given[0] : given[i];
    }
  }
  cnn::PadMode mode = cnn::PadMode::constant;
  if (const fmt::Value *m = c.key("mode")) {
    std::optional<cnn::PadMode> parsed = m->kind == fmt::Value::Ident
                                             ? cnn::symbolizePadMode(m->ident)
                                             : std::nullopt;
    if (!parsed) {
      error(m->loc) << "'mode' must be constant, edge or reflect";
      return failure();
    }
    mode = *parsed;
  }
  FailureOr<double> value = floatKey(c, "value", 0.0);
  if (failed(value))
    return failure();
  if (mode != cnn::PadMode::constant && c.kw.count("value")) {
    error(c.kw.find("value")->second.keyLoc)
        << "'value' applies to mode=constant only";
    return failure();
  }
  c.key("from");
  if (failed(finish(c, kind, 1, {"value", "mode", "from"})))
    return failure();
  // cnn.pad pads every dimension: none on batch and channels.
  SmallVector<int64_t> all(2 * (r + 2), 0);
  for (int64_t i = 0; i < r; ++i) {
    all[2 + i] = spatialPads[i];
    all[r + 4 + i] = spatialPads[r + i];
  }
  Operation *op =
      create("cnn.pad", *x,
             {b.getNamedAttr("pads", b.getDenseI64ArrayAttr(all)),
              b.getNamedAttr("mode", cnn::PadModeAttr::get(&ctx, mode)),
              b.getNamedAttr("value", b.getF32FloatAttr(float(*value)))},
             c.loc, kind);
  if (!op)
    return failure();
  return op->getResult(0);
}

FailureOr<mlir::Value> Importer::maxUnpool(Call &c) {
  StringRef kind = "max_unpool";
  const fmt::Value *poolArg = c.at(0);
  if (!poolArg || poolArg->kind != fmt::Value::Ident) {
    error(poolArg ? poolArg->loc : c.stmt.loc)
        << "max_unpool needs the name of the max_pool whose indices it "
           "uses, e.g. `max_unpool pool1`";
    return failure();
  }
  Tensor *t = lookup(c.scope, poolArg->ident);
  if (!t) {
    error(poolArg->loc) << "no layer is named '" << poolArg->ident << "' here";
    return failure();
  }
  if (!t->pool) {
    error(poolArg->loc) << "'" << poolArg->ident
                        << "' is not a max_pool layer; max_unpool needs the "
                           "indices of a max_pool";
    return failure();
  }
  if (failed(addMaxPoolIndices(*t)))
    return failure();
  auto pool = cast<cnn::MaxPoolOp>(t->pool);
  mlir::Value indices = pool->getResult(1);
  FailureOr<mlir::Value> x = input(c, kind);
  if (failed(x))
    return failure();
  c.key("from");
  if (failed(finish(c, kind, 1, {"from"})))
    return failure();
  if (x->getType() != pool.getOutput().getType()) {
    error(c.stmt.loc) << "max_unpool: the input is " << shapeStr(x->getType())
                      << ", but the indices of '" << poolArg->ident << "' are "
                      << shapeStr(indices.getType());
    return failure();
  }
  // The pool's input shape resolves the size ambiguity of strided pools.
  auto inShape = cast<RankedTensorType>(pool.getInput().getType()).getShape();
  SmallVector<NamedAttribute> attrs{i64s("kernel_shape", pool.getKernelShape()),
                                    i64s("output_shape", inShape)};
  if (auto s = pool.getStrides())
    attrs.push_back(i64s("strides", *s));
  if (auto p = pool.getPads())
    attrs.push_back(i64s("pads", *p));
  Operation *op =
      create("cnn.max_unpool", ValueRange{*x, indices}, attrs, c.loc, kind);
  if (!op)
    return failure();
  return op->getResult(0);
}

FailureOr<mlir::Value> Importer::batchNorm(Call &c) {
  StringRef kind = "batch_norm";
  FailureOr<mlir::Value> x = input(c, kind);
  if (failed(x))
    return failure();
  auto type = dyn_cast<RankedTensorType>(x->getType());
  if (!type || type.getRank() < 2) {
    error(c.stmt.loc) << "batch_norm needs an [N, C, ...] input, got "
                      << shapeStr(x->getType());
    return failure();
  }
  FailureOr<double> eps = floatKey(c, "eps", 1e-5);
  if (failed(eps))
    return failure();
  c.key("activation");
  c.key("from");
  if (failed(finish(c, kind, 0, {"eps", "activation", "from"})))
    return failure();
  int64_t ch = type.getDimSize(1);
  // PyTorch's state_dict names.
  SmallVector<mlir::Value> operands{
      *x, weight(c, "weight", {ch}, Init::ones()),
      weight(c, "bias", {ch}, Init::zeros()),
      weight(c, "running_mean", {ch}, Init::zeros()),
      weight(c, "running_var", {ch}, Init::ones())};
  Operation *op =
      create("cnn.batch_norm", operands,
             {b.getNamedAttr("epsilon", b.getF32FloatAttr(*eps))}, c.loc, kind);
  if (!op)
    return failure();
  return fusedActivation(c, op->getResult(0));
}

/// `add a, b` / `concat a, b, c`; with one name, the previous layer's output
/// comes first.
FailureOr<mlir::Value> Importer::join(Call &c, StringRef kind) {
  bool isConcat = kind == "concat";
  SmallVector<mlir::Value> values;
  SmallVector<std::string> names;
  SmallVector<llvm::SMLoc> locs;
  if (c.pos.empty()) {
    error(c.stmt.loc) << kind << " needs the tensors to join, e.g. `" << kind
                      << " shortcut` or `" << kind << " a, b`";
    return failure();
  }
  if (c.pos.size() == 1) {
    FailureOr<mlir::Value> prev = input(c, kind);
    if (failed(prev))
      return failure();
    values.push_back(*prev);
    names.push_back("the previous layer's output");
    locs.push_back(c.stmt.loc);
  }
  for (const fmt::Value &v : c.pos) {
    FailureOr<mlir::Value> t = tensorArg(c, v);
    if (failed(t))
      return failure();
    values.push_back(*t);
    names.push_back("'" + v.ident + "'");
    locs.push_back(v.loc);
  }
  FailureOr<int64_t> axis =
      isConcat ? intKey(c, "axis", 1, -8) : FailureOr<int64_t>(int64_t(0));
  if (failed(axis))
    return failure();
  c.key("activation");
  c.key("from");
  if (failed(finish(c, kind, c.pos.size(),
                    isConcat ? ArrayRef<StringRef>{"axis", "activation", "from"}
                             : ArrayRef<StringRef>{"activation", "from"})))
    return failure();
  // Check the shapes here to point at the tensor that does not fit.
  auto first = cast<RankedTensorType>(values[0].getType());
  int64_t ax = *axis < 0 ? *axis + first.getRank() : *axis;
  for (size_t i = 1; i < values.size(); ++i) {
    auto t = cast<RankedTensorType>(values[i].getType());
    bool ok = t.getRank() == first.getRank();
    for (int64_t d = 0; ok && d < t.getRank(); ++d)
      ok = (isConcat && d == ax) || t.getDimSize(d) == first.getDimSize(d);
    if (ok)
      continue;
    InFlightDiagnostic d = error(locs[i]);
    d << kind << ": " << names[i] << " is " << shapeStr(t) << ", but "
      << names[0] << " is " << shapeStr(first);
    if (isConcat)
      d << "; they must agree on every dimension but axis " << ax;
    else
      d << "; they must have the same shape";
    return failure();
  }
  if (isConcat && (ax < 0 || ax >= first.getRank())) {
    error(c.kw.find("axis")->second.value.loc)
        << "axis " << *axis << " is out of range for rank " << first.getRank();
    return failure();
  }
  mlir::Value acc = values[0];
  if (isConcat) {
    Operation *op =
        create("cnn.concat", values,
               {b.getNamedAttr("axis", b.getI64IntegerAttr(ax))}, c.loc, kind);
    if (!op)
      return failure();
    acc = op->getResult(0);
  } else {
    for (size_t i = 1; i < values.size(); ++i) {
      Operation *op =
          create("cnn.add", ValueRange{acc, values[i]}, {}, c.loc, kind);
      if (!op)
        return failure();
      acc = op->getResult(0);
    }
  }
  return fusedActivation(c, acc);
}

FailureOr<mlir::Value> Importer::dense(Call &c) {
  StringRef kind = "dense";
  FailureOr<mlir::Value> x = input(c, kind);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  if (type.getRank() != 2) {
    error(c.stmt.loc) << "dense needs an [N, features] input, got "
                      << shapeStr(type) << "; add `flatten` before it";
    return failure();
  }
  if (!c.at(0)) {
    error(c.stmt.loc) << "dense needs the number of outputs, e.g. `dense 10`";
    return failure();
  }
  FailureOr<int64_t> out = intValue(*c.at(0), "the number of outputs", 1);
  FailureOr<bool> bias = boolKey(c, "bias", true);
  if (failed(out) || failed(bias))
    return failure();
  c.key("activation");
  c.key("from");
  if (failed(finish(c, kind, 1, {"bias", "activation", "from"})))
    return failure();
  int64_t in = type.getDimSize(1);
  // [out, in] as PyTorch's nn.Linear stores it.
  SmallVector<mlir::Value> operands{
      *x, weight(c, "weight", {*out, in}, Init::glorot(in, *out))};
  if (*bias)
    operands.push_back(weight(c, "bias", {*out}, Init::zeros()));
  Operation *op =
      create("cnn.gemm", operands,
             {b.getNamedAttr("trans_b", b.getBoolAttr(true))}, c.loc, kind);
  if (!op)
    return failure();
  return fusedActivation(c, op->getResult(0));
}

FailureOr<mlir::Value> Importer::buildLayer(Call &c, StringRef kind) {
  if (kind == "conv" || kind == "dwconv")
    return conv(c, kind);
  if (kind == "conv_transpose")
    return convTranspose(c);
  if (kind == "max_pool" || kind == "avg_pool" || kind == "global_avg_pool" ||
      kind == "global_max_pool") {
    Operation *poolOp = nullptr;
    FailureOr<mlir::Value> y = pool(c, kind, poolOp);
    if (succeeded(y) && poolOp)
      tensors[c.name].pool = poolOp;
    return y;
  }
  if (kind == "upsample")
    return upsample(c);
  if (kind == "max_unpool")
    return maxUnpool(c);
  if (kind == "pad")
    return padLayer(c);
  if (kind == "batch_norm")
    return batchNorm(c);
  if (kind == "add" || kind == "concat")
    return join(c, kind);
  if (kind == "dense")
    return dense(c);
  FailureOr<mlir::Value> x = input(c, kind);
  if (failed(x))
    return failure();
  c.key("from");
  if (kind == "flatten" || kind == "softmax" || kind == "log_softmax") {
    FailureOr<int64_t> axis = intKey(c, "axis", 1, -8);
    if (failed(axis) || failed(finish(c, kind, 0, {"axis", "from"})))
      return failure();
    StringRef op = kind == "flatten"   ? "cnn.flatten"
                   : kind == "softmax" ? "cnn.softmax"
                                       : "cnn.log_softmax";
    Operation *o =
        create(op, *x, {b.getNamedAttr("axis", b.getI64IntegerAttr(*axis))},
               c.loc, kind);
    if (!o)
      return failure();
    return o->getResult(0);
  }
  if (kind == "dropout") {
    // Inference: dropout is the identity. The rate is documentation.
    if (const fmt::Value *p = c.at(0))
      if (p->kind != fmt::Value::Float && p->kind != fmt::Value::Int) {
        error(p->loc) << "dropout takes a rate, e.g. `dropout 0.5`";
        return failure();
      }
    if (failed(finish(c, kind, 1, {"from"})))
      return failure();
    return *x;
  }
  if (kind == "lrn") {
    FailureOr<int64_t> size = intKey(c, "size", 5, 1);
    FailureOr<double> alpha = floatKey(c, "alpha", 1e-4);
    FailureOr<double> beta = floatKey(c, "beta", 0.75);
    FailureOr<double> bias = floatKey(c, "k", 1.0);
    if (failed(size) || failed(alpha) || failed(beta) || failed(bias) ||
        failed(finish(c, kind, 0, {"size", "alpha", "beta", "k", "from"})))
      return failure();
    Operation *o = create("cnn.lrn", *x,
                          {b.getNamedAttr("size", b.getI64IntegerAttr(*size)),
                           b.getNamedAttr("alpha", b.getF32FloatAttr(*alpha)),
                           b.getNamedAttr("beta", b.getF32FloatAttr(*beta)),
                           b.getNamedAttr("bias", b.getF32FloatAttr(*bias))},
                          c.loc, kind);
    if (!o)
      return failure();
    return o->getResult(0);
  }
  // Activation layers.
  bool takesAlpha = kind == "leaky_relu" || kind == "elu";
  const fmt::Value *alpha = takesAlpha ? c.key("alpha") : nullptr;
  if (alpha && alpha->kind != fmt::Value::Float &&
      alpha->kind != fmt::Value::Int) {
    error(alpha->loc) << "'alpha' must be a number";
    return failure();
  }
  if (failed(finish(c, kind, 0,
                    takesAlpha ? ArrayRef<StringRef>{"alpha", "from"}
                               : ArrayRef<StringRef>{"from"})))
    return failure();
  return activation(*x, kind, alpha, c.loc, c);
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

LogicalResult Importer::runBody(const std::vector<fmt::Stmt> &stmts,
                                Scope &scope) {
  activeScopes.push_back(&scope);
  LogicalResult result = success();
  for (const fmt::Stmt &s : stmts)
    if (failed(runStmt(s, scope))) {
      result = failure();
      break;
    }
  activeScopes.pop_back();
  return result;
}

LogicalResult Importer::runStmt(const fmt::Stmt &s, Scope &scope) {
  if (++statementsRun > opts.maxStatements) {
    error(s.loc) << "the network unrolls to more than " << opts.maxStatements
                 << " statements (repeat counts too large?), cnnc's limit";
    return failure();
  }
  switch (s.kind) {
  case fmt::Stmt::BlockDef:
    return success();
  case fmt::Stmt::Input:
    scope.prev = tensors[s.label].value;
    scope.prevName = s.label;
    return success();
  case fmt::Stmt::Output:
    if (s.args.empty()) {
      error(s.loc) << "output needs the names of the graph outputs";
      return failure();
    }
    for (const fmt::Arg &a : s.args) {
      Call c(s, scope, locOf(s.loc));
      if (!a.key.empty()) {
        error(a.keyLoc) << "output takes tensor names only";
        return failure();
      }
      FailureOr<mlir::Value> v = tensorArg(c, a.value);
      if (failed(v))
        return failure();
      outputs.emplace_back(a.value.ident, *v);
    }
    return success();
  case fmt::Stmt::Repeat:
    return runRepeat(s, scope);
  case fmt::Stmt::Layer:
    return runLayer(s, scope);
  }
  return failure();
}

LogicalResult Importer::runRepeat(const fmt::Stmt &s, Scope &scope) {
  fmt::Value count = substitute(s.count, scope);
  FailureOr<int64_t> n = intValue(count, "the repeat count", 0);
  if (failed(n))
    return failure();
  if (*n > opts.maxStatements) {
    error(s.loc) << "repeat count " << *n << " is more than cnnc's limit of "
                 << opts.maxStatements;
    return failure();
  }
  if (s.label.empty()) {
    // An unnamed repeat is textual repetition in the same scope.
    for (int64_t i = 0; i < *n; ++i)
      if (failed(runBody(s.body, scope)))
        return failure();
    return success();
  }
  // A named repeat gives iteration i the scope NAME.i.
  FailureOr<std::string> name = layerName(scope, s, "repeat");
  if (failed(name))
    return failure();
  for (int64_t i = 0; i < *n; ++i) {
    Scope inner;
    inner.prefix = *name + "." + std::to_string(i) + ".";
    inner.parent = &scope;
    inner.params = scope.params;
    inner.prev = scope.prev;
    if (failed(runBody(s.body, inner)))
      return failure();
    scope.prev = inner.prev;
  }
  if (scope.prev)
    define(*name, scope.prev, s.labelLoc);
  scope.prevName = *name;
  return success();
}

LogicalResult Importer::runLayer(const fmt::Stmt &s, Scope &scope) {
  bool builtin = llvm::is_contained(kLayers, StringRef(s.op));
  auto block = blocks.find(s.op);
  if (!builtin && block == blocks.end()) {
    InFlightDiagnostic d = error(s.loc);
    d << "unknown layer '" << s.op << "'";
    StringRef best;
    unsigned bestDist = 3;
    auto consider = [&](StringRef cand) {
      unsigned dist = StringRef(s.op).edit_distance(cand, true, bestDist);
      if (dist < bestDist) {
        bestDist = dist;
        best = cand;
      }
    };
    for (const char *l : kLayers)
      consider(l);
    for (auto &bl : blocks)
      consider(bl.first());
    if (!best.empty())
      d << "; did you mean '" << best << "'?";
    else
      d << " (see docs/cnn-format.md for the layers)";
    return failure();
  }
  FailureOr<std::string> name = layerName(scope, s, s.op);
  if (failed(name))
    return failure();
  Call c(s, scope, locOf(s.loc));
  c.name = *name;
  for (const fmt::Arg &a : s.args) {
    fmt::Value v = substitute(a.value, scope);
    if (a.key.empty()) {
      c.pos.push_back(std::move(v));
      continue;
    }
    if (c.kw.count(a.key)) {
      error(a.keyLoc) << "'" << a.key << "' is given twice";
      return failure();
    }
    c.kw[a.key] = fmt::Arg{a.key, a.keyLoc, std::move(v)};
  }
  if (!builtin)
    return runBlock(*block->second, c);
  FailureOr<mlir::Value> y = buildLayer(c, s.op);
  if (failed(y))
    return failure();
  // A max_pool registered its op already; keep it.
  Operation *poolOp = nullptr;
  if (auto it = tensors.find(c.name); it != tensors.end())
    poolOp = it->second.pool;
  define(c.name, *y, s.labelLoc.isValid() ? s.labelLoc : s.loc, poolOp);
  scope.prev = *y;
  scope.prevName = c.name;
  return success();
}

LogicalResult Importer::runBlock(const fmt::Stmt &def, Call &c) {
  if (depth > 64) {
    error(c.stmt.loc) << "blocks nest more than 64 deep (does '" << def.label
                      << "' call itself?)";
    return failure();
  }
  llvm::StringMap<fmt::Value> params;
  if (c.pos.size() > def.params.size()) {
    error(c.pos[def.params.size()].loc)
        << "block '" << def.label << "' takes " << def.params.size()
        << " argument" << (def.params.size() == 1 ? "" : "s")
        << ", this is one too many";
    return failure();
  }
  for (auto [i, v] : llvm::enumerate(c.pos))
    params[def.params[i].name] = v;
  mlir::Value in;
  for (auto &entry : c.kw) {
    StringRef k = entry.first();
    const fmt::Arg &arg = entry.second;
    if (k == "from") {
      FailureOr<mlir::Value> v = tensorArg(c, arg.value);
      if (failed(v))
        return failure();
      in = *v;
      continue;
    }
    if (!llvm::any_of(def.params,
                      [&](const fmt::Param &p) { return p.name == k; })) {
      error(arg.keyLoc) << "block '" << def.label << "' has no parameter '" << k
                        << "'";
      return failure();
    }
    if (params.count(k)) {
      error(arg.keyLoc) << "'" << k << "' is given twice";
      return failure();
    }
    params[k] = arg.value;
  }
  for (const fmt::Param &p : def.params) {
    if (params.count(p.name))
      continue;
    if (!p.hasDefault) {
      auto [line, col] = sm.getLineAndColumn(p.loc);
      error(c.stmt.loc) << "block '" << def.label << "' needs a value for '"
                        << p.name << "' (line " << line << ")";
      return failure();
    }
    params[p.name] = p.defaultValue;
  }
  if (!in)
    in = c.scope.prev;
  if (!in) {
    error(c.stmt.loc) << "block '" << def.label
                      << "' has no input: declare one first with `input NAME "
                         "SHAPE`";
    return failure();
  }
  Scope inner;
  inner.prefix = c.name + ".";
  inner.parent = &c.scope;
  inner.params = &params;
  inner.in = in;
  inner.prev = in;
  ++depth;
  LogicalResult result = runBody(def.body, inner);
  --depth;
  if (failed(result))
    return failure();
  define(c.name, inner.prev,
         c.stmt.labelLoc.isValid() ? c.stmt.labelLoc : c.stmt.loc);
  c.scope.prev = inner.prev;
  c.scope.prevName = c.name;
  return success();
}

OwningOpRef<ModuleOp> Importer::run() {
  std::vector<fmt::Stmt> stmts;
  auto report = [&](llvm::SMLoc l, const llvm::Twine &m) {
    ++errors;
    emitError(locOf(l)) << m;
  };
  if (failed(fmt::parseFile(sm, stmts, report)))
    return nullptr;

  Location fileLoc = FileLineColLoc::get(&ctx, fileName, 1, 1);
  if (!opts.weightsFile.empty()) {
    llvm::Expected<SafetensorsFile> file =
        SafetensorsFile::open(opts.weightsFile);
    if (!file) {
      emitError(FileLineColLoc::get(&ctx, opts.weightsFile, 0, 0))
          << llvm::toString(file.takeError());
      return nullptr;
    }
    weights = std::move(*file);
  }

  // Blocks may be used before their definition; inputs become arguments.
  SmallVector<Type> argTypes;
  SmallVector<const fmt::Stmt *> inputs;
  for (const fmt::Stmt &s : stmts) {
    if (s.kind == fmt::Stmt::BlockDef) {
      if (llvm::is_contained(kLayers, StringRef(s.label))) {
        error(s.labelLoc) << "'" << s.label
                          << "' is a layer; a block needs another name";
        continue;
      }
      if (!blocks.try_emplace(s.label, &s).second) {
        error(s.labelLoc) << "block '" << s.label << "' is defined twice";
        continue;
      }
      llvm::StringSet<> seen;
      for (const fmt::Param &p : s.params)
        if (!seen.insert(p.name).second || p.name == "in" || p.name == "from")
          error(p.loc) << "parameter '" << p.name
                       << (p.name == "in" || p.name == "from"
                               ? "' is a reserved word"
                               : "' is listed twice");
    }
    if (s.kind != fmt::Stmt::Input)
      continue;
    const fmt::Value *shape = s.args.empty() ? nullptr : &s.args[0].value;
    if (!shape || s.args.size() != 1 || !s.args[0].key.empty() ||
        (shape->kind != fmt::Value::Dims && shape->kind != fmt::Value::List &&
         shape->kind != fmt::Value::Int)) {
      error(shape ? shape->loc : s.loc)
          << "an input needs a name and a shape, e.g. `input image "
             "1x3x224x224`";
      continue;
    }
    if (llvm::any_of(shape->ints, [](int64_t d) { return d < 1; })) {
      error(shape->loc) << "input sizes must be positive";
      continue;
    }
    if (tensors.count(s.label)) {
      error(s.labelLoc) << "input '" << s.label << "' is declared twice";
      continue;
    }
    auto inputType = RankedTensorType::get(
        SmallVector<int64_t>(shape->ints.begin(), shape->ints.end()),
        b.getF32Type());
    if (failed(cnn::checkTensorLimits([&] { return error(shape->loc); },
                                      inputType, "input")))
      continue;
    argTypes.push_back(inputType);
    inputs.push_back(&s);
    define(s.label, {}, s.labelLoc);
  }
  if (errors)
    return nullptr;
  if (inputs.empty()) {
    error(stmts.empty()
              ? llvm::SMLoc::getFromPointer(
                    sm.getMemoryBuffer(sm.getMainFileID())->getBufferStart())
              : stmts.front().loc)
        << "the network has no input; declare one with `input NAME SHAPE`, "
           "e.g. `input image 1x3x224x224`";
    return nullptr;
  }

  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  b.setInsertionPointToEnd(module->getBody());
  auto func =
      func::FuncOp::create(b, fileLoc, "main", b.getFunctionType(argTypes, {}));
  Block *body = func.addEntryBlock();
  for (auto [i, s] : llvm::enumerate(inputs)) {
    tensors[s->label].value = body->getArgument(i);
    func.setArgAttr(i, "cnn.name", b.getStringAttr(s->label));
  }
  b.setInsertionPointToEnd(body);

  Scope top;
  if (failed(runBody(stmts, top)) || errors)
    return nullptr;
  // Without `output`, the last layer's output, named after it.
  if (outputs.empty())
    outputs.emplace_back(top.prevName, top.prev);
  if (weights) {
    SmallVector<StringRef> extra;
    for (auto &entry : weights->all())
      if (!usedWeights.contains(entry.first()) &&
          !entry.first().ends_with(".num_batches_tracked"))
        extra.push_back(entry.first());
    if (!extra.empty()) {
      llvm::sort(extra);
      InFlightDiagnostic d =
          emitError(FileLineColLoc::get(&ctx, opts.weightsFile, 0, 0));
      d << "tensors no layer uses: ";
      llvm::interleaveComma(extra, d);
      d << " (a layer NAME reads NAME.weight, NAME.bias, ...)";
      return nullptr;
    }
  }
  SmallVector<mlir::Value> results;
  SmallVector<Type> resultTypes;
  for (auto &[name, v] : outputs) {
    results.push_back(v);
    resultTypes.push_back(v.getType());
  }
  func::ReturnOp::create(b, fileLoc, results);
  func.setType(b.getFunctionType(argTypes, resultTypes));
  for (auto [i, out] : llvm::enumerate(outputs))
    func.setResultAttr(i, "cnn.name", b.getStringAttr(out.first));
  return module;
}

} // namespace

OwningOpRef<ModuleOp> importCnnFile(MLIRContext &context,
                                    llvm::SourceMgr &sourceMgr,
                                    const CnnImportOptions &options) {
  context.loadDialect<cnn::CnnDialect, func::FuncDialect>();
  return Importer(context, sourceMgr, options).run();
}

} // namespace cnnc
