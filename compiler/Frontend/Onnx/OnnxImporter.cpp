//===- OnnxImporter.cpp - ONNX models to the cnn dialect ------------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Frontend/Onnx/OnnxImporter.h"
#include "compiler/Frontend/Onnx/ModelFile.h"
#include "compiler/Frontend/Onnx/NodeImporter.h"
#include "compiler/Support/MappedFile.h"
#include "compiler/Support/Npy.h"

#include "Cnn/IR/CnnOpBuilder.h"
#include "Cnn/IR/CnnOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <onnx/checker.h>
#include <onnx/shape_inference/implementation.h>
#include <onnx/version_converter/convert.h>

#include <google/protobuf/io/coded_stream.h>

#include <climits>
#include <memory>

using namespace mlir;

namespace cnnc::onnx_import {

//===----------------------------------------------------------------------===//
// Tensors
//===----------------------------------------------------------------------===//

/// The MLIR element type of an ONNX data type, or null if cnnc has none.
static Type elementTypeOf(MLIRContext *ctx, int32_t dataType) {
  switch (dataType) {
  case onnx::TensorProto::FLOAT:
    return Float32Type::get(ctx);
  case onnx::TensorProto::DOUBLE:
    return Float64Type::get(ctx);
  case onnx::TensorProto::FLOAT16:
    return Float16Type::get(ctx);
  case onnx::TensorProto::BFLOAT16:
    return BFloat16Type::get(ctx);
  case onnx::TensorProto::INT64:
    return IntegerType::get(ctx, 64);
  case onnx::TensorProto::INT32:
    return IntegerType::get(ctx, 32);
  case onnx::TensorProto::BOOL:
    return IntegerType::get(ctx, 1);
  default:
    return nullptr;
  }
}

static std::string dataTypeName(int32_t dataType) {
  if (onnx::TensorProto::DataType_IsValid(dataType))
    return onnx::TensorProto::DataType_Name(
        static_cast<onnx::TensorProto::DataType>(dataType));
  // Types newer than Debian's libonnx (onnx 1.14-1.23) by their ONNX names.
  static const char *const newer[] = {
      "FLOAT8E4M3FN", "FLOAT8E4M3FNUZ", "FLOAT8E5M2", "FLOAT8E5M2FNUZ", "UINT4",
      "INT4",         "FLOAT4E2M1",     "FLOAT8E8M0", "UINT2",          "INT2"};
  if (dataType >= 17 && dataType < 17 + int32_t(std::size(newer)))
    return std::string(newer[dataType - 17]) + " (data type " +
           std::to_string(dataType) + ")";
  return "data type " + std::to_string(dataType);
}

/// Shared, memory-mapped external data files of one model (and the model
/// file itself, whose skeleton refers to its own raw_data as external data).
class ExternalData {
public:
  explicit ExternalData(std::string modelDir) : modelDir(std::move(modelDir)) {}

  void add(StringRef location, std::shared_ptr<MappedFile> file) {
    files[location] = std::move(file);
  }

  FailureOr<std::shared_ptr<MappedFile>> file(StringRef location,
                                              Location loc) {
    auto it = files.find(location);
    if (it != files.end())
      return it->second;
    if (llvm::sys::path::is_absolute(location) || location.contains("..")) {
      emitError(loc) << "external data location '" << location
                     << "' must be a relative path inside the model's folder";
      return failure();
    }
    SmallString<256> path(modelDir);
    llvm::sys::path::append(path, location);
    std::string error;
    std::shared_ptr<MappedFile> mapped = MappedFile::open(path, error);
    if (!mapped) {
      emitError(loc) << "cannot read external data file '" << path
                     << "': " << error;
      return failure();
    }
    files[location] = mapped;
    return mapped;
  }

private:
  std::string modelDir;
  llvm::StringMap<std::shared_ptr<MappedFile>> files;
};

/// Tensors at least this large become resource blobs that alias the loaded
/// bytes instead of being copied into a uniqued attribute.
static constexpr size_t kBlobThreshold = 4096;

/// The newest default-domain opset cnnc imports: onnx 1.23's. Models newer
/// than libonnx's converter (17) are imported as written; the converters
/// follow each op's later versions (attributes that became inputs, new
/// attributes and modes; versions that only add types change nothing for
/// float32), and test/Conformance/run-onnx-node-tests.sh runs onnx 1.23's
/// node tests.
static constexpr int64_t kNewestOpset = 28;

/// Converts an ONNX tensor (an initializer, a Constant's value, a bound
/// input) to an attribute. `tensor` may be modified: large raw data is moved
/// out of it into the attribute.
static FailureOr<ElementsAttr> tensorToAttr(MLIRContext *ctx,
                                            onnx::TensorProto &tensor,
                                            ExternalData *external,
                                            Location loc) {
  Type elementType = elementTypeOf(ctx, tensor.data_type());
  if (!elementType) {
    emitError(loc) << "tensor '" << tensor.name() << "' has unsupported "
                   << dataTypeName(tensor.data_type());
    return failure();
  }
  SmallVector<int64_t> shape;
  int64_t count = 1;
  for (int64_t d : tensor.dims()) {
    if (d < 0) {
      emitError(loc) << "tensor '" << tensor.name()
                     << "' has negative dimension " << d;
      return failure();
    }
    shape.push_back(d);
    count *= d;
  }
  auto type = RankedTensorType::get(shape, elementType);
  size_t elemBytes =
      elementType.isInteger(1) ? 1 : elementType.getIntOrFloatBitWidth() / 8;
  size_t bytes = count * elemBytes;

  auto fromBytes = [&](ArrayRef<char> data) -> FailureOr<ElementsAttr> {
    if (data.size() != bytes) {
      emitError(loc) << "tensor '" << tensor.name() << "' holds " << data.size()
                     << " bytes, but its shape and type need " << bytes;
      return failure();
    }
    if (elementType.isInteger(1)) {
      SmallVector<bool> values(data.begin(), data.end());
      return ElementsAttr(DenseElementsAttr::get(type, values));
    }
    return ElementsAttr(DenseElementsAttr::getFromRawBuffer(type, data));
  };

  if (tensor.data_location() == onnx::TensorProto::EXTERNAL) {
    std::string location;
    int64_t offset = 0, length = -1;
    for (const auto &kv : tensor.external_data()) {
      if (kv.key() == "location") {
        location = kv.value();
        continue;
      }
      if (kv.key() != "offset" && kv.key() != "length")
        continue;
      int64_t &field = kv.key() == "offset" ? offset : length;
      if (StringRef(kv.value()).getAsInteger(10, field) || field < 0) {
        emitError(loc) << "tensor '" << tensor.name() << "': external data "
                       << kv.key() << " '" << kv.value()
                       << "' is not a non-negative integer";
        return failure();
      }
    }
    if (location.empty() || !external) {
      emitError(loc) << "tensor '" << tensor.name()
                     << "' has external data without a location";
      return failure();
    }
    FailureOr<std::shared_ptr<MappedFile>> file = external->file(location, loc);
    if (failed(file))
      return failure();
    size_t size = (*file)->bytes().size();
    if (length < 0)
      length = size - offset;
    if (offset < 0 || size_t(offset) > size || size_t(length) > size - offset) {
      emitError(loc) << "tensor '" << tensor.name() << "' reads bytes ["
                     << offset << ", " << offset + length << ") of '"
                     << location << "', which has " << size;
      return failure();
    }
    ArrayRef<char> data = (*file)->bytes().slice(offset, length);
    if (data.size() < kBlobThreshold || elementType.isInteger(1) ||
        data.size() != bytes)
      return fromBytes(data); // (reports a size mismatch)
    std::shared_ptr<MappedFile> keep = *file;
    if (reinterpret_cast<uintptr_t>(data.data()) % elemBytes == 0) {
      // Alias the mapped bytes; their pages go back to the kernel when the
      // blob dies (packing frees the unpacked weights as it goes).
      AsmResourceBlob blob(
          data, elemBytes,
          [keep, data](void *, size_t, size_t) mutable {
            keep->release(data);
            keep.reset();
          },
          /*dataIsMutable=*/false);
      return ElementsAttr(
          DenseResourceElementsAttr::get(type, tensor.name(), std::move(blob)));
    }
    // Misaligned (raw_data inside a protobuf sits anywhere): one aligned copy,
    // and the source pages are dropped right away.
    AsmResourceBlob blob = HeapAsmResourceBlob::allocateAndCopyWithAlign(
        data, elemBytes, /*dataIsMutable=*/false);
    keep->release(data);
    return ElementsAttr(
        DenseResourceElementsAttr::get(type, tensor.name(), std::move(blob)));
  }

  if (!tensor.raw_data().empty()) {
    const std::string &raw = tensor.raw_data();
    if (raw.size() < kBlobThreshold || elementType.isInteger(1) ||
        raw.size() != bytes)
      return fromBytes(ArrayRef<char>(raw.data(), raw.size()));
    // Take the bytes over without copying them.
    auto owned = std::make_unique<std::string>();
    owned->swap(*tensor.mutable_raw_data());
    ArrayRef<char> data(owned->data(), owned->size());
    std::string *holder = owned.release();
    AsmResourceBlob blob(
        data, elemBytes, [holder](void *, size_t, size_t) { delete holder; },
        /*dataIsMutable=*/false);
    return ElementsAttr(
        DenseResourceElementsAttr::get(type, tensor.name(), std::move(blob)));
  }

  // Typed repeated fields.
  auto checkCount = [&](int64_t have) -> LogicalResult {
    if (have == count)
      return success();
    return emitError(loc) << "tensor '" << tensor.name() << "' has " << have
                          << " values, but its shape needs " << count;
  };
  // A repeated field holding the elements as they are.
  auto fromField = [&](const auto &field) -> FailureOr<ElementsAttr> {
    if (failed(checkCount(field.size())))
      return failure();
    using T = std::decay_t<decltype(*field.data())>;
    return ElementsAttr(
        DenseElementsAttr::get(type, ArrayRef<T>(field.data(), count)));
  };
  switch (tensor.data_type()) {
  case onnx::TensorProto::FLOAT:
    return fromField(tensor.float_data());
  case onnx::TensorProto::DOUBLE:
    return fromField(tensor.double_data());
  case onnx::TensorProto::INT64:
    return fromField(tensor.int64_data());
  case onnx::TensorProto::INT32:
    return fromField(tensor.int32_data());
  case onnx::TensorProto::BOOL: {
    if (failed(checkCount(tensor.int32_data_size())))
      return failure();
    SmallVector<bool> values(tensor.int32_data().begin(),
                             tensor.int32_data().end());
    return ElementsAttr(DenseElementsAttr::get(type, values));
  }
  case onnx::TensorProto::FLOAT16:
  case onnx::TensorProto::BFLOAT16: {
    if (failed(checkCount(tensor.int32_data_size())))
      return failure();
    SmallVector<APInt> bits;
    for (int32_t v : tensor.int32_data())
      bits.push_back(APInt(16, uint16_t(v)));
    SmallVector<APFloat> values;
    const llvm::fltSemantics &sem =
        cast<FloatType>(elementType).getFloatSemantics();
    for (const APInt &b : bits)
      values.push_back(APFloat(sem, b));
    return ElementsAttr(DenseElementsAttr::get(type, values));
  }
  default:
    break;
  }
  emitError(loc) << "tensor '" << tensor.name() << "' has no data";
  return failure();
}

DenseElementsAttr makeI64Literal(MLIRContext *ctx, ArrayRef<int64_t> shape,
                                 ArrayRef<int64_t> values) {
  return DenseElementsAttr::get(
      RankedTensorType::get(shape, IntegerType::get(ctx, 64)), values);
}

std::optional<SmallVector<int64_t>> literalInts(ElementsAttr attr) {
  auto dense = dyn_cast_or_null<DenseIntElementsAttr>(attr);
  if (!dense)
    return std::nullopt;
  SmallVector<int64_t> values;
  if (dense.getElementType().isInteger(1)) {
    for (bool b : dense.getValues<bool>())
      values.push_back(b);
    return values;
  }
  for (const APInt &v : dense.getValues<APInt>())
    values.push_back(v.getSExtValue());
  return values;
}

//===----------------------------------------------------------------------===//
// GraphImporter
//===----------------------------------------------------------------------===//

class GraphImporter {
public:
  GraphImporter(MLIRContext &ctx, StringRef path,
                const OnnxImportOptions &options)
      : ctx(ctx), path(path.str()), options(options), builder(&ctx),
        fileLoc(FileLineColLoc::get(&ctx, path, 0, 0)) {
    registerConvPoolConverters(converters);
    registerElementwiseConverters(converters);
    registerShapeConverters(converters);
    registerResizeConverters(converters);
  }

  OwningOpRef<ModuleOp> run();

  MLIRContext &ctx;
  std::string path;
  const OnnxImportOptions &options;
  OpBuilder builder;
  Location fileLoc;
  int64_t opsetVersion = 0;
  /// The model's own opset before conversion (a few legacy rules need it).
  int64_t originalOpset = 0;
  llvm::StringMap<ImportedValue> values;
  /// cnn.constant ops already made for literals, by value name.
  llvm::StringMap<Value> materialized;
  ConverterTable converters;
  std::unique_ptr<ExternalData> external;
  unsigned errorCount = 0;
  func::FuncOp func;

  Value materialize(StringRef name, const ImportedValue &v, Location loc);

private:
  LogicalResult load(onnx::ModelProto &model);
  LogicalResult normalize(onnx::ModelProto &model);
  LogicalResult importGraph(onnx::GraphProto &graph, ModuleOp module);
  FailureOr<RankedTensorType> inputType(const onnx::ValueInfoProto &info);
  FailureOr<ElementsAttr> loadBinding(StringRef name, StringRef file,
                                      Location loc);
  void importNode(const onnx::NodeProto &node, size_t index);
  Location nodeLoc(const onnx::NodeProto &node, size_t index);
  LogicalResult checkStructure(const onnx::GraphProto &graph);
};

LogicalResult GraphImporter::load(onnx::ModelProto &model) {
  std::string error;
  std::shared_ptr<MappedFile> file = MappedFile::open(path, error);
  if (!file)
    return emitError(fileLoc) << "cannot open ONNX model: " << error;
  external =
      std::make_unique<ExternalData>(llvm::sys::path::parent_path(path).str());
  // Parse a skeleton whose large raw_data fields refer to the mapped file as
  // external data (ModelFile.h says why). The location is the file's own
  // name, which libonnx's checker resolves in the model's folder; a symlink
  // (refused there) or an odd name takes the plain parse.
  StringRef self = llvm::sys::path::filename(path);
  std::optional<std::string> skeleton;
  if (!llvm::sys::fs::is_symlink_file(path) && !self.empty() &&
      !self.contains(".."))
    skeleton = skeletonOf(file->bytes(), self, kBlobThreshold);
  ArrayRef<char> bytes =
      skeleton ? ArrayRef<char>(skeleton->data(), skeleton->size())
               : file->bytes();
  bool ok = false;
  if (bytes.size() <= size_t(INT_MAX)) {
    google::protobuf::io::CodedInputStream coded(
        reinterpret_cast<const uint8_t *>(bytes.data()), int(bytes.size()));
    coded.SetTotalBytesLimit(INT_MAX);
    ok = model.ParseFromCodedStream(&coded) && coded.ConsumedEntireMessage();
  }
  if (!ok)
    return emitError(fileLoc)
           << "cannot parse the file as an ONNX model (truncated, corrupt, or "
              "not a protobuf ModelProto"
           << (bytes.size() > size_t(INT_MAX)
                   ? "; a model over 2 GB keeps its weights as external data"
                   : "")
           << ")";
  if (skeleton)
    external->add(self, std::move(file));
  if (!model.has_graph())
    return emitError(fileLoc) << "the model has no graph";
  return success();
}

/// One-line form of a libonnx message.
static std::string oneLine(StringRef text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space)
      out += ' ';
    space = false;
    out += c;
  }
  return out;
}

/// The type every ONNX operator gives an attribute of this name (the CNN
/// ops' attributes; names whose type differs between ops, like Constant's
/// and Pad-2's `value`, are not listed). The importer reads attributes by
/// name, so a wrong type would read as a default.
static std::optional<onnx::AttributeProto::AttributeType>
expectedAttributeType(StringRef name) {
  using A = onnx::AttributeProto;
  return llvm::StringSwitch<std::optional<A::AttributeType>>(name)
      .Cases({"strides", "dilations", "pads", "kernel_shape", "output_padding",
              "output_shape", "axes", "perm", "split", "starts", "ends"},
             A::INTS)
      .Cases({"group", "axis", "keepdims", "ceil_mode", "count_include_pad",
              "storage_order", "transA", "transB", "blocksize", "size", "to",
              "num_outputs", "allowzero", "exclude_outside", "spatial"},
             A::INT)
      .Cases({"alpha", "beta", "gamma", "epsilon", "momentum", "bias", "lambd",
              "cubic_coeff_a", "extrapolation_value"},
             A::FLOAT)
      .Cases({"auto_pad", "mode", "coordinate_transformation_mode",
              "nearest_mode"},
             A::STRING)
      .Default(std::nullopt);
}

static std::string attributeTypeName(onnx::AttributeProto::AttributeType type) {
  switch (type) {
  case onnx::AttributeProto::INT:
    return "an int";
  case onnx::AttributeProto::INTS:
    return "a list of ints";
  case onnx::AttributeProto::FLOAT:
    return "a float";
  case onnx::AttributeProto::FLOATS:
    return "a list of floats";
  case onnx::AttributeProto::STRING:
    return "a string";
  case onnx::AttributeProto::STRINGS:
    return "a list of strings";
  case onnx::AttributeProto::TENSOR:
    return "a tensor";
  case onnx::AttributeProto::GRAPH:
    return "a graph";
  case onnx::AttributeProto::UNDEFINED:
    return "an attribute without a type";
  default:
    return "attribute type " + std::to_string(type);
  }
}

LogicalResult GraphImporter::checkStructure(const onnx::GraphProto &graph) {
  // cnnc's own check first: it names the node, where libonnx's checker
  // prints the whole NodeProto.
  llvm::StringSet<> known;
  for (const auto &t : graph.initializer())
    known.insert(t.name());
  for (const auto &in : graph.input())
    known.insert(in.name());
  llvm::StringSet<> producedLater;
  for (const auto &node : graph.node())
    for (const std::string &out : node.output())
      producedLater.insert(out);
  bool ok = true;
  // Sizes first: libonnx's version converter keeps dimensions as int and
  // would wrap 2^33 to 0 before cnnc's own checks see it.
  for (const auto &in : graph.input()) {
    if (!in.type().has_tensor_type())
      continue;
    for (auto [d, dim] : llvm::enumerate(in.type().tensor_type().shape().dim()))
      if (dim.has_dim_value() && dim.dim_value() > cnn::kMaxDimension) {
        emitError(NameLoc::get(StringAttr::get(&ctx, in.name()), fileLoc))
            << "graph input '" << in.name() << "': dimension " << d << " is "
            << dim.dim_value() << ", more than cnnc's limit of 2^31";
        ++errorCount;
        ok = false;
      }
  }
  // Ranks known before shape inference (graph inputs, initializers):
  // libonnx's Conv inference reads the weight's dimensions by the input's
  // rank and crashes when they differ.
  llvm::StringMap<int> knownRank;
  for (const auto &in : graph.input())
    if (in.type().has_tensor_type() && in.type().tensor_type().has_shape())
      knownRank[in.name()] = in.type().tensor_type().shape().dim_size();
  for (const auto &t : graph.initializer())
    knownRank[t.name()] = t.dims_size();
  for (auto [i, node] : llvm::enumerate(graph.node())) {
    if ((node.op_type() == "Conv" || node.op_type() == "ConvTranspose") &&
        node.input_size() >= 2) {
      auto x = knownRank.find(node.input(0)), w = knownRank.find(node.input(1));
      if (x != knownRank.end() && w != knownRank.end() &&
          x->second != w->second) {
        emitError(nodeLoc(node, i))
            << node.op_type() << ": the input has rank " << x->second
            << " but the weight has rank " << w->second;
        ++errorCount;
        ok = false;
      }
    }
    for (const std::string &in : node.input()) {
      if (in.empty() || known.contains(in))
        continue;
      Location loc = nodeLoc(node, i);
      InFlightDiagnostic diag = emitError(loc);
      diag << node.op_type() << ": input '" << in << "' ";
      if (producedLater.contains(in))
        diag << "is produced by a later node (the graph is cyclic or not "
                "topologically sorted)";
      else
        diag << "is not produced by any node, initializer or graph input";
      ++errorCount;
      ok = false;
    }
    for (const std::string &out : node.output())
      if (!out.empty())
        known.insert(out);
    // Window attributes libonnx's shape inference divides by or multiplies
    // (it runs before cnnc's own rules and crashes on a zero stride).
    for (const onnx::AttributeProto &a : node.attribute()) {
      StringRef name = a.name();
      if (std::optional<onnx::AttributeProto::AttributeType> expected =
              expectedAttributeType(name);
          expected && *expected != a.type()) {
        emitError(nodeLoc(node, i))
            << node.op_type() << ": attribute '" << name << "' must be "
            << attributeTypeName(*expected) << ", got "
            << attributeTypeName(a.type());
        ++errorCount;
        ok = false;
        continue;
      }
      bool positive = name == "strides" || name == "dilations" ||
                      name == "kernel_shape" || name == "group" ||
                      name == "blocksize";
      bool bounded = positive || name == "pads" || name == "output_padding" ||
                     name == "output_shape";
      if (!bounded)
        continue;
      SmallVector<int64_t> values(a.ints().begin(), a.ints().end());
      if (a.type() == onnx::AttributeProto::INT)
        values.push_back(a.i());
      for (int64_t v : values) {
        if ((positive && v < 1) || v > cnn::kMaxDimension ||
            v < -cnn::kMaxDimension) {
          InFlightDiagnostic diag = emitError(nodeLoc(node, i));
          diag << node.op_type() << ": attribute '" << name << "' ";
          if (positive && v < 1)
            diag << "must be positive, got " << v;
          else
            diag << "of " << v << " is beyond cnnc's limit of 2^31";
          ++errorCount;
          ok = false;
          break;
        }
      }
    }
  }
  // libonnx's version converter dereferences the producer of every graph
  // output: one that nothing produces crashes it.
  for (const auto &out : graph.output())
    if (!known.contains(out.name())) {
      emitError(fileLoc) << "graph output '" << out.name()
                         << "' is not produced by any node";
      ++errorCount;
      ok = false;
    }
  return success(ok);
}

LogicalResult GraphImporter::normalize(onnx::ModelProto &model) {
  for (const auto &opset : model.opset_import())
    if (opset.domain().empty() || opset.domain() == "ai.onnx")
      opsetVersion = opset.version();
  bool imported = llvm::any_of(model.opset_import(), [](const auto &opset) {
    return opset.domain().empty() || opset.domain() == "ai.onnx";
  });
  if (!imported)
    return emitError(fileLoc) << "the model imports no default-domain opset";
  if (opsetVersion < 1)
    return emitError(fileLoc) << "opset " << opsetVersion
                              << " is not an ONNX opset (cnnc supports 1 to "
                              << kNewestOpset << ")";
  originalOpset = opsetVersion;
  if (opsetVersion > kNewestOpset)
    return emitError(fileLoc)
           << "opset " << opsetVersion << " is newer than cnnc supports (up to "
           << kNewestOpset << ")";
  if (failed(checkStructure(model.graph())))
    return failure();

  // libonnx knows opsets up to 17; newer models are imported as they are
  // (each op's converter knows its later versions: see kNewestOpset).
  if (opsetVersion > options.targetOpset)
    return success();
  {
    // The checker looks for external data relative to the working directory.
    SmallString<256> cwd;
    llvm::sys::fs::current_path(cwd);
    StringRef dir = llvm::sys::path::parent_path(path);
    if (!dir.empty())
      (void)llvm::sys::fs::set_current_path(dir);
    std::string error;
    try {
      onnx::checker::check_model(model);
    } catch (const std::exception &e) {
      error = oneLine(e.what());
    }
    (void)llvm::sys::fs::set_current_path(cwd);
    if (!error.empty())
      return emitError(fileLoc) << "invalid ONNX model: " << error;
  }
  if (opsetVersion == options.targetOpset)
    return success();

  // Conversion copies the whole model and drops external-data references:
  // park the data of large and external initializers outside it meanwhile
  // (conversion never reads weights) and put it back after.
  struct Parked {
    std::string raw;
    google::protobuf::RepeatedPtrField<onnx::StringStringEntryProto> external;
    onnx::TensorProto::DataLocation location;
  };
  llvm::StringMap<Parked> parked;
  for (onnx::TensorProto &t : *model.mutable_graph()->mutable_initializer()) {
    if (t.raw_data().size() < kBlobThreshold &&
        t.data_location() != onnx::TensorProto::EXTERNAL)
      continue;
    Parked &p = parked[t.name()];
    p.raw.swap(*t.mutable_raw_data());
    p.external.Swap(t.mutable_external_data());
    p.location = t.data_location();
    t.set_data_location(onnx::TensorProto::DEFAULT);
  }
  // Resize-10 and Upsample map coordinates "asymmetric" (nearest: floor);
  // libonnx's 10->11 adapter leaves opset 11's defaults, so note them.
  llvm::StringSet<> legacyResize;
  if (opsetVersion < 11)
    for (const auto &node : model.graph().node())
      if (node.op_type() == "Upsample" || node.op_type() == "Resize")
        legacyResize.insert(node.output(0));
  try {
    // Old-opset adapters (e.g. Softmax 12->13) need known input shapes. A
    // failure here is left for cnnc's own rules to report by node.
    try {
      onnx::shape_inference::InferShapes(model);
    } catch (const std::exception &) {
    }
    model =
        onnx::version_conversion::ConvertVersion(model, options.targetOpset);
  } catch (const std::exception &e) {
    return emitError(fileLoc)
           << "cannot convert the model from opset " << opsetVersion << " to "
           << options.targetOpset << ": " << oneLine(e.what());
  }
  for (onnx::TensorProto &t : *model.mutable_graph()->mutable_initializer()) {
    auto it = parked.find(t.name());
    if (it == parked.end())
      continue;
    t.mutable_raw_data()->swap(it->second.raw);
    t.mutable_external_data()->Swap(&it->second.external);
    t.set_data_location(it->second.location);
  }
  for (onnx::NodeProto &node : *model.mutable_graph()->mutable_node()) {
    if (node.op_type() != "Resize" || node.output_size() == 0 ||
        !legacyResize.contains(node.output(0)))
      continue;
    bool nearest = true;
    for (const auto &a : node.attribute())
      if (a.name() == "mode")
        nearest = a.s() == "nearest";
    auto setString = [&](StringRef name, StringRef value) {
      for (auto &a : *node.mutable_attribute())
        if (a.name() == name) {
          a.set_s(value.str());
          return;
        }
      onnx::AttributeProto *a = node.add_attribute();
      a->set_name(name.str());
      a->set_type(onnx::AttributeProto::STRING);
      a->set_s(value.str());
    };
    setString("coordinate_transformation_mode", "asymmetric");
    if (nearest)
      setString("nearest_mode", "floor");
  }
  opsetVersion = options.targetOpset;
  return success();
}

FailureOr<RankedTensorType>
GraphImporter::inputType(const onnx::ValueInfoProto &info) {
  auto error = [&]() {
    return emitError(NameLoc::get(StringAttr::get(&ctx, info.name()), fileLoc))
           << "graph input '" << info.name() << "': ";
  };
  if (!info.type().has_tensor_type())
    return error() << "only tensor inputs are supported", failure();
  const auto &tt = info.type().tensor_type();
  Type elementType = elementTypeOf(&ctx, tt.elem_type());
  if (!elementType)
    return error() << "unsupported " << dataTypeName(tt.elem_type()), failure();
  if (!tt.has_shape())
    return error() << "has no shape; cnnc compiles static shapes", failure();
  SmallVector<int64_t> shape;
  for (const auto &dim : tt.shape().dim()) {
    if (dim.has_dim_value()) {
      // Zero is a valid (empty) size in ONNX.
      if (dim.dim_value() < 0)
        return error() << "dimension " << shape.size() << " is "
                       << dim.dim_value() << "; sizes must be non-negative",
               failure();
      if (dim.dim_value() > cnn::kMaxDimension)
        return error() << "dimension " << shape.size() << " is "
                       << dim.dim_value() << ", more than cnnc's limit of 2^31",
               failure();
      shape.push_back(dim.dim_value());
      continue;
    }
    if (dim.has_dim_param()) {
      auto it = options.dims.find(dim.dim_param());
      if (it != options.dims.end()) {
        shape.push_back(it->second);
        continue;
      }
      return error() << "dimension " << shape.size() << " is the symbol '"
                     << dim.dim_param() << "'; give it a size with --dim "
                     << dim.dim_param() << "=<size>",
             failure();
    }
    return error() << "dimension " << shape.size()
                   << " has no size; cnnc compiles static shapes",
           failure();
  }
  auto type = RankedTensorType::get(shape, elementType);
  if (failed(cnn::checkTensorLimits(error, type, "the tensor")))
    return failure();
  return type;
}

FailureOr<ElementsAttr>
GraphImporter::loadBinding(StringRef name, StringRef file, Location loc) {
  if (file.ends_with(".pb")) {
    onnx::TensorProto tensor;
    auto buffer = llvm::MemoryBuffer::getFile(file);
    if (!buffer)
      return emitError(loc) << "--bind " << name << ": cannot read '" << file
                            << "': " << buffer.getError().message(),
             failure();
    if (!tensor.ParseFromArray((*buffer)->getBufferStart(),
                               (*buffer)->getBufferSize()))
      return emitError(loc) << "--bind " << name << ": '" << file
                            << "' is not an ONNX TensorProto",
             failure();
    return tensorToAttr(&ctx, tensor, nullptr, loc);
  }
  llvm::Expected<NpyArray> array = readNpy(file);
  if (!array)
    return emitError(loc) << "--bind " << name << ": "
                          << llvm::toString(array.takeError()),
           failure();
  Type elementType;
  switch (array->dtype) {
  case NpyDType::F32:
    elementType = builder.getF32Type();
    break;
  case NpyDType::F64:
    elementType = builder.getF64Type();
    break;
  case NpyDType::I32:
    elementType = builder.getI32Type();
    break;
  case NpyDType::I64:
    elementType = builder.getI64Type();
    break;
  case NpyDType::Bool:
    elementType = builder.getI1Type();
    break;
  }
  auto type = RankedTensorType::get(array->shape, elementType);
  if (array->dtype == NpyDType::Bool) {
    SmallVector<bool> values(array->data.begin(), array->data.end());
    return ElementsAttr(DenseElementsAttr::get(type, values));
  }
  return ElementsAttr(DenseElementsAttr::getFromRawBuffer(type, array->data));
}

Value GraphImporter::materialize(StringRef name, const ImportedValue &v,
                                 Location loc) {
  if (v.value)
    return v.value;
  auto it = materialized.find(name);
  if (it != materialized.end())
    return it->second;
  // Constants go to the top of the function so any later node can use them.
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(&func.getBody().front());
  Value c = cnn::ConstantOp::create(builder, loc, v.literal).getResult();
  materialized[name] = c;
  return c;
}

Location GraphImporter::nodeLoc(const onnx::NodeProto &node, size_t index) {
  std::string name = node.name();
  if (name.empty())
    name = node.output_size() && !node.output(0).empty()
               ? node.output(0)
               : node.op_type() + "_" + std::to_string(index);
  return NameLoc::get(StringAttr::get(&ctx, name), fileLoc);
}

void GraphImporter::importNode(const onnx::NodeProto &node, size_t index) {
  Location loc = nodeLoc(node, index);

  auto poison = [&]() {
    for (const std::string &out : node.output())
      if (!out.empty())
        values[out].poisoned = true;
  };
  for (const std::string &in : node.input()) {
    if (in.empty())
      continue;
    auto it = values.find(in);
    if (it == values.end()) {
      emitError(loc) << node.op_type() << ": input '" << in
                     << "' is not produced by any earlier node, initializer "
                        "or graph input (is the graph cyclic or unsorted?)";
      ++errorCount;
      return poison();
    }
    if (it->second.poisoned)
      return poison();
  }

  NodeImporter importer(*this, node, loc);
  bool knownDomain = node.domain().empty() || node.domain() == "ai.onnx";
  auto it = knownDomain ? converters.find(node.op_type()) : converters.end();
  if (it == converters.end()) {
    importer.error() << "unsupported operator '"
                     << (node.domain().empty() ? "" : node.domain() + ".")
                     << node.op_type() << "' (opset " << originalOpset << ")";
    return poison();
  }
  unsigned before = errorCount;
  if (failed(it->second(importer))) {
    if (errorCount == before) {
      importer.error() << "could not be imported";
    }
    return poison();
  }
  for (size_t i = 0; i < (size_t)node.output_size(); ++i) {
    const std::string &out = node.output(i);
    if (out.empty())
      continue;
    auto v = values.find(out);
    if (v == values.end() || (!v->second.value && !v->second.literal)) {
      importer.error() << "output " << i << " ('" << out
                       << "') is not supported";
      return poison();
    }
  }
}

LogicalResult GraphImporter::importGraph(onnx::GraphProto &graph,
                                         ModuleOp module) {
  llvm::StringSet<> initializerNames;
  for (onnx::TensorProto &t : *graph.mutable_initializer()) {
    Location loc = NameLoc::get(StringAttr::get(&ctx, t.name()), fileLoc);
    FailureOr<ElementsAttr> attr = tensorToAttr(&ctx, t, external.get(), loc);
    if (failed(attr)) {
      ++errorCount;
      values[t.name()].poisoned = true;
    } else {
      values[t.name()].literal = *attr;
    }
    initializerNames.insert(t.name());
  }

  // Bindings must name graph inputs.
  llvm::StringMap<std::string> binds;
  for (const auto &bind : options.binds) {
    const std::string &name = bind.first;
    bool found = llvm::any_of(
        graph.input(), [&](const auto &in) { return in.name() == name; });
    if (!found) {
      std::string names;
      for (const auto &in : graph.input())
        if (!initializerNames.contains(in.name()))
          names += (names.empty() ? "" : ", ") + in.name();
      emitError(fileLoc) << "--bind " << name
                         << ": the model has no graph input of that name "
                            "(inputs: "
                         << names << ")";
      ++errorCount;
      continue;
    }
    binds[name] = bind.second;
  }

  // --dim must name symbols the inputs use.
  llvm::StringSet<> symbols;
  for (const onnx::ValueInfoProto &in : graph.input())
    for (const auto &dim : in.type().tensor_type().shape().dim())
      if (dim.has_dim_param())
        symbols.insert(dim.dim_param());
  for (const auto &entry : options.dims) {
    if (symbols.contains(entry.getKey()))
      continue;
    std::string names;
    for (const auto &sym : symbols)
      names += (names.empty() ? "" : ", ") + sym.getKey().str();
    emitError(fileLoc) << "--dim " << entry.getKey()
                       << ": no graph input has a dimension of that name"
                       << (names.empty() ? " (the inputs have none)"
                                         : " (symbols: " + names + ")");
    ++errorCount;
  }

  SmallVector<Type> argTypes;
  SmallVector<std::string> argNames;
  for (const onnx::ValueInfoProto &in : graph.input()) {
    Location loc = NameLoc::get(StringAttr::get(&ctx, in.name()), fileLoc);
    auto bind = binds.find(in.name());
    if (bind != binds.end()) {
      FailureOr<ElementsAttr> attr = loadBinding(in.name(), bind->second, loc);
      if (failed(attr)) {
        ++errorCount;
        values[in.name()].poisoned = true;
        continue;
      }
      // The bound value must fit the declared input.
      FailureOr<RankedTensorType> declared = inputType(in);
      auto boundType = cast<RankedTensorType>(attr->getType());
      if (succeeded(declared) &&
          (declared->getElementType() != boundType.getElementType() ||
           declared->getShape() != boundType.getShape())) {
        emitError(loc) << "--bind " << in.name() << ": the file holds "
                       << boundType << ", the graph input is " << *declared;
        ++errorCount;
        values[in.name()].poisoned = true;
        continue;
      }
      values[in.name()] = ImportedValue{Value(), *attr, false};
      continue;
    }
    if (initializerNames.contains(in.name()))
      continue; // IR < 4 lists initializers among the inputs.
    FailureOr<RankedTensorType> type = inputType(in);
    if (failed(type)) {
      ++errorCount;
      values[in.name()].poisoned = true;
      continue;
    }
    argTypes.push_back(*type);
    argNames.push_back(in.name());
  }

  builder.setInsertionPointToEnd(module.getBody());
  func = func::FuncOp::create(builder, fileLoc, "main",
                              builder.getFunctionType(argTypes, {}));
  Block *body = func.addEntryBlock();
  for (auto [i, name] : llvm::enumerate(argNames)) {
    values[name].value = body->getArgument(i);
    func.setArgAttr(i, "cnn.name", builder.getStringAttr(name));
  }
  builder.setInsertionPointToEnd(body);

  for (auto [i, node] : llvm::enumerate(graph.node()))
    importNode(node, i);

  SmallVector<Value> results;
  SmallVector<Type> resultTypes;
  for (const onnx::ValueInfoProto &out : graph.output()) {
    auto it = values.find(out.name());
    if (it == values.end()) {
      emitError(fileLoc) << "graph output '" << out.name()
                         << "' is not produced by any node";
      ++errorCount;
      continue;
    }
    if (it->second.poisoned)
      continue;
    Location loc = NameLoc::get(StringAttr::get(&ctx, out.name()), fileLoc);
    Value v = materialize(out.name(), it->second, loc);
    // Where the model declares a complete output shape, it must agree.
    const auto &tt = out.type().tensor_type();
    auto type = cast<RankedTensorType>(v.getType());
    if (tt.has_shape()) {
      bool complete = true;
      SmallVector<int64_t> declared;
      for (const auto &dim : tt.shape().dim()) {
        complete &= dim.has_dim_value();
        declared.push_back(dim.dim_value());
      }
      // An error: the model and cnnc disagree on what it computes. Only a
      // --bind (new values for shape inputs) may legitimately change an
      // output's shape: then a warning.
      if (complete && ArrayRef<int64_t>(declared) != type.getShape()) {
        bool bound = !options.binds.empty();
        InFlightDiagnostic diag = bound ? emitWarning(loc) : emitError(loc);
        diag << "graph output '" << out.name()
             << "': the model declares shape [";
        llvm::interleaveComma(declared, diag);
        diag << "], but the graph computes " << type;
        if (!bound)
          ++errorCount;
      }
    }
    results.push_back(v);
    resultTypes.push_back(v.getType());
  }
  if (errorCount)
    return failure();
  func::ReturnOp::create(builder, fileLoc, results);
  func.setType(builder.getFunctionType(argTypes, resultTypes));
  for (auto [i, out] : llvm::enumerate(graph.output()))
    func.setResultAttr(i, "cnn.name", builder.getStringAttr(out.name()));
  return success();
}

OwningOpRef<ModuleOp> GraphImporter::run() {
  onnx::ModelProto model;
  if (failed(load(model)) || failed(normalize(model)))
    return nullptr;
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  if (failed(importGraph(*model.mutable_graph(), *module))) {
    if (errorCount > 1)
      emitError(fileLoc) << errorCount
                         << " problems found; the model was not imported";
    return nullptr;
  }
  return module;
}

//===----------------------------------------------------------------------===//
// NodeImporter
//===----------------------------------------------------------------------===//

NodeImporter::NodeImporter(GraphImporter &graph, const onnx::NodeProto &node,
                           Location loc)
    : graph(graph), nodeProto(node), loc(loc) {}

OpBuilder &NodeImporter::builder() { return graph.builder; }
MLIRContext *NodeImporter::getContext() { return &graph.ctx; }
int64_t NodeImporter::opset() const { return graph.opsetVersion; }
int64_t NodeImporter::originalOpset() const { return graph.originalOpset; }

InFlightDiagnostic NodeImporter::error() {
  ++graph.errorCount;
  InFlightDiagnostic diag = emitError(loc);
  diag << nodeProto.op_type() << ": ";
  return diag;
}

bool NodeImporter::hasInput(size_t i) const {
  return i < (size_t)nodeProto.input_size() && !nodeProto.input(i).empty();
}

const ImportedValue *NodeImporter::lookup(size_t i) const {
  if (!hasInput(i))
    return nullptr;
  auto it = graph.values.find(nodeProto.input(i));
  return it == graph.values.end() ? nullptr : &it->second;
}

RankedTensorType NodeImporter::inputType(size_t i) {
  const ImportedValue *v = lookup(i);
  if (!v)
    return nullptr;
  if (v->value)
    return dyn_cast<RankedTensorType>(v->value.getType());
  return cast<RankedTensorType>(v->literal.getType());
}

Value NodeImporter::input(size_t i) {
  const ImportedValue *v = lookup(i);
  if (!v)
    return nullptr;
  return graph.materialize(nodeProto.input(i), *v, loc);
}

ElementsAttr NodeImporter::literal(size_t i) {
  const ImportedValue *v = lookup(i);
  return v ? v->literal : nullptr;
}

/// The error for a shape-like input that is not known at compile time.
static InFlightDiagnostic notConstant(NodeImporter &node, size_t i,
                                      StringRef what, bool isGraphInput) {
  InFlightDiagnostic diag = node.error();
  diag << what << " (input " << i << ", '" << node.node().input(i)
       << "') must be known at compile time";
  if (isGraphInput)
    diag << "; it is a graph input: freeze it with --bind "
         << node.node().input(i) << "=FILE.npy";
  return diag;
}

FailureOr<SmallVector<int64_t>> NodeImporter::intsInput(size_t i,
                                                        StringRef what) {
  ElementsAttr lit = literal(i);
  const ImportedValue *v = lookup(i);
  if (!lit) {
    bool isArg = v && v->value && isa<BlockArgument>(v->value);
    return notConstant(*this, i, what, isArg), failure();
  }
  std::optional<SmallVector<int64_t>> ints = literalInts(lit);
  if (!ints)
    return error() << what << " must be an integer tensor, got "
                   << lit.getType(),
           failure();
  return *ints;
}

FailureOr<SmallVector<float>> NodeImporter::floatsInput(size_t i,
                                                        StringRef what) {
  ElementsAttr lit = literal(i);
  const ImportedValue *v = lookup(i);
  if (!lit) {
    bool isArg = v && v->value && isa<BlockArgument>(v->value);
    return notConstant(*this, i, what, isArg), failure();
  }
  auto dense = dyn_cast<DenseFPElementsAttr>(lit);
  if (!dense)
    return error() << what << " must be a float tensor, got " << lit.getType(),
           failure();
  SmallVector<float> values;
  for (const APFloat &f : dense.getValues<APFloat>())
    values.push_back(f.convertToDouble());
  return values;
}

FailureOr<ElementsAttr> NodeImporter::tensorAttr(const onnx::TensorProto &t) {
  onnx::TensorProto copy = t;
  unsigned before = 0;
  ScopedDiagnosticHandler counter(getContext(), [&](Diagnostic &d) {
    if (d.getSeverity() == DiagnosticSeverity::Error)
      ++before;
    return failure();
  });
  FailureOr<ElementsAttr> attr =
      tensorToAttr(getContext(), copy, graph.external.get(), loc);
  graph.errorCount += before;
  return attr;
}

const onnx::AttributeProto *NodeImporter::attr(StringRef name) const {
  for (const auto &a : nodeProto.attribute())
    if (a.name() == name)
      return &a;
  return nullptr;
}

int64_t NodeImporter::attrInt(StringRef name, int64_t dflt) const {
  const onnx::AttributeProto *a = attr(name);
  return a ? a->i() : dflt;
}

float NodeImporter::attrFloat(StringRef name, float dflt) const {
  const onnx::AttributeProto *a = attr(name);
  return a ? a->f() : dflt;
}

std::string NodeImporter::attrString(StringRef name, StringRef dflt) const {
  const onnx::AttributeProto *a = attr(name);
  return a ? a->s() : dflt.str();
}

std::optional<SmallVector<int64_t>>
NodeImporter::attrInts(StringRef name) const {
  const onnx::AttributeProto *a = attr(name);
  if (!a)
    return std::nullopt;
  return SmallVector<int64_t>(a->ints().begin(), a->ints().end());
}

bool NodeImporter::hasOutput(size_t i) const {
  return i < (size_t)nodeProto.output_size() && !nodeProto.output(i).empty();
}

void NodeImporter::setOutput(size_t i, Value value) {
  if (!hasOutput(i))
    return;
  ImportedValue &v = graph.values[nodeProto.output(i)];
  v.value = value;
  v.literal = nullptr;
  // A literal that flows through (Identity, Dropout) stays a literal.
  if (auto c = value.getDefiningOp<cnn::ConstantOp>())
    v.literal = c.getValue();
}

void NodeImporter::setLiteral(size_t i, ElementsAttr literal) {
  if (!hasOutput(i))
    return;
  ImportedValue &v = graph.values[nodeProto.output(i)];
  v.value = nullptr;
  v.literal = literal;
}

Operation *NodeImporter::create(StringRef name, ValueRange operands,
                                ArrayRef<NamedAttribute> attributes,
                                unsigned numResults) {
  // The shape rules report "'cnn.x' op ..."; say it as this node's error in
  // the ONNX op's terms instead.
  SmallVector<std::string> messages;
  Operation *op;
  {
    ScopedDiagnosticHandler capture(getContext(), [&](Diagnostic &d) {
      if (d.getSeverity() != DiagnosticSeverity::Error)
        return failure();
      messages.push_back(d.str());
      return success();
    });
    op = cnn::createChecked(builder(), loc, name, operands, attributes,
                            numResults);
  }
  std::string prefix = ("'" + name + "' op ").str();
  for (StringRef m : messages) {
    m.consume_front(prefix);
    error() << m;
  }
  return op;
}

LogicalResult
NodeImporter::createAsOutput(StringRef name, ValueRange operands,
                             ArrayRef<NamedAttribute> attributes) {
  Operation *op = create(name, operands, attributes, 1);
  if (!op)
    return failure();
  setOutput(0, op->getResult(0));
  return success();
}

NamedAttribute NodeImporter::named(StringRef name, Attribute value) {
  return builder().getNamedAttr(name, value);
}
NamedAttribute NodeImporter::namedI64(StringRef name, int64_t value) {
  return named(name, builder().getI64IntegerAttr(value));
}
NamedAttribute NodeImporter::namedF32(StringRef name, float value) {
  return named(name, builder().getF32FloatAttr(value));
}
NamedAttribute NodeImporter::namedBool(StringRef name, bool value) {
  return named(name, builder().getBoolAttr(value));
}
NamedAttribute NodeImporter::namedI64s(StringRef name,
                                       ArrayRef<int64_t> values) {
  return named(name, builder().getDenseI64ArrayAttr(values));
}

} // namespace cnnc::onnx_import

mlir::OwningOpRef<mlir::ModuleOp>
cnnc::importOnnxFile(mlir::MLIRContext &context, llvm::StringRef path,
                     const OnnxImportOptions &options) {
  context.loadDialect<cnn::CnnDialect, mlir::func::FuncDialect>();
  onnx_import::GraphImporter importer(context, path, options);
  return importer.run();
}
