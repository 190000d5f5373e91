//===- CnnBase.td - cnn dialect definition and base op class -*- tablegen -*-===//
//
// Part of cnnc. The `cnn` dialect models convolutional networks with ONNX
// semantics on ranked tensors in NCHW (channels-first) layout.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_DIALECTS_CNN_IR_CNNBASE_TD
#define CNNC_DIALECTS_CNN_IR_CNNBASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"

def Cnn_Dialect : Dialect {
  let name = "cnn";
  let cppNamespace = "::cnnc::cnn";
  let summary = "Convolutional-network operations with ONNX semantics";
  let description = [{
    The `cnn` dialect is the graph-level IR of cnnc. Every op works on ranked
    tensors in ONNX layout (N, C, spatial...) and follows the ONNX operator
    definitions: padding is explicit per spatial dimension as
    `[b_1 .. b_n, e_1 .. e_n]`, the output size of a
    sliding window is `floor((n + pb + pe - d(k-1) - 1) / s) + 1` (ceil with
    `ceil_mode`), elementwise ops broadcast numpy-style.

    Shape-carrying inputs that ONNX allows to be tensors (Reshape's shape,
    Resize's scales, Slice's starts, ...) are attributes here: cnnc is a
    static-shape compiler and the front ends fold them to constants.

    Result types are inferred from operands and attributes
    (`InferTypeOpInterface`); the verifier rejects a result type that does not
    agree with the inferred one, so shape errors surface where they are made.
  }];
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;
  let extraClassDeclaration = [{
    void registerAttributes();
  }];
}

class Cnn_Op<string mnemonic, list<Trait> traits = []>
    : Op<Cnn_Dialect, mnemonic, traits>;

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def Cnn_FloatTensor : RankedTensorOf<[F16, BF16, F32, F64]>;
// Arithmetic also runs on integer tensors (index computations exporters emit).
def Cnn_NumericTensor : RankedTensorOf<[F16, BF16, F32, F64, I32, I64]>;
def Cnn_IndexTensor : RankedTensorOf<[I32, I64]>;
def Cnn_I64Tensor : RankedTensorOf<[I64]>;
def Cnn_Tensor : RankedTensorOf<[AnyType]>;
// Comparison results, masks.
def Cnn_BoolTensor : RankedTensorOf<[I1]>;

#endif // CNNC_DIALECTS_CNN_IR_CNNBASE_TD
