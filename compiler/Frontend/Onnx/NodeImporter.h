//===- NodeImporter.h - what an ONNX op converter sees ----------*- C++ -*-===//
//
// Part of cnnc.
//
/// \file
/// The interface between the graph importer and the per-op converters (one
/// file per op family). A converter reads the node's inputs and attributes
/// through a NodeImporter, builds cnn ops with `create` (which runs the shape
/// rules and reports failures at the node) and sets the node's outputs.
///
/// Values known at compile time (initializers, Constant nodes, bound inputs
/// and everything computed from them by small integer subgraphs such as
/// Shape -> Gather -> Unsqueeze -> Concat) are kept as attributes
/// ("literals") and only materialised as `cnn.constant` when a real op
/// consumes them, so shape computations fold during import.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_COMPILER_FRONTEND_ONNX_NODEIMPORTER_H
#define CNNC_COMPILER_FRONTEND_ONNX_NODEIMPORTER_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringMap.h"

#include <onnx/onnx_pb.h>

#include <optional>
#include <string>

namespace cnnc::onnx_import {

class GraphImporter;

/// An imported ONNX value: an SSA value, a compile-time literal, or both.
struct ImportedValue {
  mlir::Value value;
  mlir::ElementsAttr literal;
  /// Set when the producing node failed; dependents stay silent.
  bool poisoned = false;
};

class NodeImporter {
public:
  NodeImporter(GraphImporter &graph, const onnx::NodeProto &node,
               mlir::Location loc);

  const onnx::NodeProto &node() const { return nodeProto; }
  mlir::Location getLoc() const { return loc; }
  mlir::OpBuilder &builder();
  mlir::MLIRContext *getContext();
  /// The opset the converters see (the model's, converted).
  int64_t opset() const;
  /// The opset the model was written in.
  int64_t originalOpset() const;

  /// Reports an error at the node ("<OpType>: ..."); returns failure when
  /// converted, so converters can `return error() << ...`.
  mlir::InFlightDiagnostic error();

  //===--- Inputs ---------------------------------------------------------===//

  /// Whether input `i` is present (optional inputs may be absent or "").
  bool hasInput(size_t i) const;
  size_t numInputs() const { return nodeProto.input_size(); }
  /// The type of input `i` (present inputs only).
  mlir::RankedTensorType inputType(size_t i);
  /// Input `i` as an SSA value (a literal is materialised as cnn.constant).
  mlir::Value input(size_t i);
  /// Input `i`'s compile-time value, if known.
  mlir::ElementsAttr literal(size_t i);
  /// Input `i` as integers; `what` names it in the error when it is not known
  /// at compile time (suggesting --bind for graph inputs).
  mlir::FailureOr<llvm::SmallVector<int64_t>> intsInput(size_t i,
                                                        llvm::StringRef what);
  /// Input `i` as floats (float literal of any width), like intsInput.
  mlir::FailureOr<llvm::SmallVector<float>> floatsInput(size_t i,
                                                        llvm::StringRef what);

  //===--- Attributes -----------------------------------------------------===//

  /// A TensorProto attribute (Constant's value, ConstantOfShape's value) as
  /// an attribute; reports malformed tensors.
  mlir::FailureOr<mlir::ElementsAttr> tensorAttr(const onnx::TensorProto &t);

  const onnx::AttributeProto *attr(llvm::StringRef name) const;
  int64_t attrInt(llvm::StringRef name, int64_t dflt) const;
  float attrFloat(llvm::StringRef name, float dflt) const;
  std::string attrString(llvm::StringRef name, llvm::StringRef dflt) const;
  std::optional<llvm::SmallVector<int64_t>>
  attrInts(llvm::StringRef name) const;

  //===--- Outputs --------------------------------------------------------===//

  size_t numOutputs() const { return nodeProto.output_size(); }
  /// Whether output `i` is consumed or a graph output (non-empty name).
  bool hasOutput(size_t i) const;
  void setOutput(size_t i, mlir::Value value);
  void setLiteral(size_t i, mlir::ElementsAttr literal);

  /// Builds the cnn op `name` with shape-checked result types; on failure the
  /// rules' error is reported at the node and nullptr returned.
  mlir::Operation *create(llvm::StringRef name, mlir::ValueRange operands,
                          llvm::ArrayRef<mlir::NamedAttribute> attributes = {},
                          unsigned numResults = 1);
  /// create() with one result whose value becomes output 0.
  mlir::LogicalResult
  createAsOutput(llvm::StringRef name, mlir::ValueRange operands,
                 llvm::ArrayRef<mlir::NamedAttribute> attributes = {});

  /// Named attribute helpers.
  mlir::NamedAttribute named(llvm::StringRef name, mlir::Attribute value);
  mlir::NamedAttribute namedI64(llvm::StringRef name, int64_t value);
  mlir::NamedAttribute namedF32(llvm::StringRef name, float value);
  mlir::NamedAttribute namedBool(llvm::StringRef name, bool value);
  mlir::NamedAttribute namedI64s(llvm::StringRef name,
                                 llvm::ArrayRef<int64_t> values);

private:
  const ImportedValue *lookup(size_t i) const;

  GraphImporter &graph;
  const onnx::NodeProto &nodeProto;
  mlir::Location loc;
};

using ConvertFn = mlir::LogicalResult (*)(NodeImporter &);
using ConverterTable = llvm::StringMap<ConvertFn>;

/// Registration, one function per op family file.
void registerConvPoolConverters(ConverterTable &table);
void registerElementwiseConverters(ConverterTable &table);
void registerShapeConverters(ConverterTable &table);
void registerResizeConverters(ConverterTable &table);

/// Literal helpers shared by the converters.
mlir::DenseElementsAttr makeI64Literal(mlir::MLIRContext *ctx,
                                       llvm::ArrayRef<int64_t> shape,
                                       llvm::ArrayRef<int64_t> values);
/// Integer contents of an integer literal, or std::nullopt.
std::optional<llvm::SmallVector<int64_t>> literalInts(mlir::ElementsAttr attr);

} // namespace cnnc::onnx_import

#endif // CNNC_COMPILER_FRONTEND_ONNX_NODEIMPORTER_H
