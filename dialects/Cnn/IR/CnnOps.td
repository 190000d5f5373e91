//===- CnnOps.td - cnn dialect operations ------------------*- tablegen -*-===//
//
// Part of cnnc. Every op follows the ONNX operator of the same name; where
// ONNX takes a shape-like value as a tensor input, the op takes an attribute.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_DIALECTS_CNN_IR_CNNOPS_TD
#define CNNC_DIALECTS_CNN_IR_CNNOPS_TD

include "CnnBase.td"
include "CnnAttrs.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"

//===----------------------------------------------------------------------===//
// Op classes
//===----------------------------------------------------------------------===//

/// An op whose result types are computed from its operands and attributes by
/// `inferReturnTypes` (defined in CnnOps.cpp). A declared result with dynamic
/// dimensions is compatible with a static inferred one, so IR written before
/// shape inference still verifies; `cnn-infer-shapes` then refines it.
class Cnn_InferOp<string mnemonic, list<Trait> traits = []>
    : Cnn_Op<mnemonic, traits # [Pure, InferTypeOpAdaptorWithIsCompatible]> {
  // The interface's own check runs after the op verifier and adds a generic
  // "failed to infer" line; running the rules here first gives one error.
  let hasVerifier = 1;
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::verify() {
      return ::cnnc::cnn::verifyInferredTypes(
          getOperation(), [&](::llvm::SmallVectorImpl<::mlir::Type> &types) {
            return inferReturnTypes(getContext(), getLoc(), Adaptor(*this),
                                    types);
          });
    }
    bool $cppClass::isCompatibleReturnTypes(::mlir::TypeRange l,
                                            ::mlir::TypeRange r) {
      return ::cnnc::cnn::areCompatibleResultTypes(l, r);
    }
  }];
}

/// A float elementwise op of one operand whose result has the operand's type.
class Cnn_UnaryOp<string mnemonic, string onnxName, string formula,
                  list<Trait> traits = []>
    : Cnn_Op<mnemonic, traits # [Pure, SameOperandsAndResultType,
                                 InferTypeOpInterface]> {
  let summary = "ONNX " # onnxName # ": y = " # formula;
  let description = "Elementwise `" # formula # "` (ONNX `" # onnxName #
      "`). The result has the operand's type.\n\n"
      "Example:\n\n```mlir\n%y = cnn." # mnemonic #
      " %x : tensor<1x16x8x8xf32>\n```";
  let results = (outs Cnn_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

class Cnn_SimpleUnaryOp<string mnemonic, string onnxName, string formula>
    : Cnn_UnaryOp<mnemonic, onnxName, formula> {
  let arguments = (ins Cnn_FloatTensor:$input);
}

/// A binary elementwise op with numpy (multidirectional) broadcasting.
class Cnn_BinaryOp<string mnemonic, string onnxName, string formula>
    : Cnn_InferOp<mnemonic> {
  let summary = "ONNX " # onnxName # " with numpy broadcasting: " # formula;
  let description = "Elementwise `" # formula # "` (ONNX `" # onnxName #
      "`). The operand shapes broadcast numpy-style: aligned from the last "
      "dimension, each pair of sizes is equal or one of them is 1. Integer "
      "operands are allowed (index arithmetic); integer division truncates "
      "toward zero.\n\n"
      "Example:\n\n```mlir\n%z = cnn." # mnemonic # " %a, %b : "
      "(tensor<1x16x8x8xf32>, tensor<16x1x1xf32>) -> tensor<1x16x8x8xf32>\n```";
  let arguments = (ins Cnn_NumericTensor:$lhs, Cnn_NumericTensor:$rhs);
  let results = (outs Cnn_NumericTensor:$output);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}

/// A variadic elementwise op with numpy broadcasting over all operands.
class Cnn_VariadicOp<string mnemonic, string onnxName, string formula>
    : Cnn_InferOp<mnemonic> {
  let summary = "ONNX " # onnxName # " of one or more tensors: " # formula;
  let description = "Elementwise `" # formula # "` over all operands (ONNX `" #
      onnxName # "`), which broadcast numpy-style to a common shape.\n\n"
      "Example:\n\n```mlir\n%y = cnn." # mnemonic # " %a, %b, %c : "
      "(tensor<2x3xf32>, tensor<3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>\n```";
  let arguments = (ins Variadic<Cnn_NumericTensor>:$inputs);
  let results = (outs Cnn_NumericTensor:$output);
  let assemblyFormat =
      "$inputs attr-dict `:` functional-type($inputs, results)";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Constant
//===----------------------------------------------------------------------===//

def Cnn_ConstantOp : Cnn_InferOp<"constant", [ConstantLike]> {
  let summary = "A constant tensor (weights, biases, folded shapes)";
  let description = [{
    Holds a tensor value; the result type is the type of the attribute. Large
    weights use `dense_resource` so they are not copied into the context.

    ```mlir
    %w = cnn.constant dense<0.5> : tensor<16x3x3x3xf32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Cnn_Tensor:$output);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Convolution
//===----------------------------------------------------------------------===//

def Cnn_ConvOp : Cnn_InferOp<"conv"> {
  let summary = "N-d convolution (ONNX Conv), grouped and depthwise included";
  let description = [{
    `input` is `[N, C, D1..Dn]`, `weight` is `[M, C/group, k1..kn]`, the
    optional `bias` is `[M]`; the result is `[N, M, O1..On]` with
    `Oi = floor((Di + pb_i + pe_i - d_i (k_i - 1) - 1) / s_i) + 1`.
    `pads` lists all begins, then all ends. `strides` and `dilations` default
    to 1, `pads` to 0. With `auto_pad` = `same_upper`/`same_lower` the output is
    `ceil(Di / s_i)` and the total padding is split with the extra element at
    the end (upper) or the beginning (lower); `valid` means no padding.
    `auto_pad` other than `notset` excludes `pads`; canonicalization replaces
    it with explicit `pads` once the input shape is static.
    Depthwise convolution is `group = C` (with `M` a multiple of `C`).

    ```mlir
    %y = cnn.conv %x, %w, %b {pads = array<i64: 1, 1, 1, 1>,
                              strides = array<i64: 2, 2>}
        : (tensor<1x3x32x32xf32>, tensor<16x3x3x3xf32>, tensor<16xf32>)
        -> tensor<1x16x16x16xf32>
    ```
  }];
  let arguments = (ins Cnn_FloatTensor:$input, Cnn_FloatTensor:$weight,
                       Optional<Cnn_FloatTensor>:$bias,
                       OptionalAttr<DenseI64ArrayAttr>:$strides,
                       OptionalAttr<DenseI64ArrayAttr>:$dilations,
                       OptionalAttr<DenseI64ArrayAttr>:$pads,
                       DefaultValuedAttr<I64Attr, "1">:$group,
                       DefaultValuedAttr<Cnn_AutoPadAttr,
                                         "::cnnc::cnn::AutoPad::notset">:$auto_pad);
  let results = (outs Cnn_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasFolder = 1;
}

def Cnn_FusedConvOp : Cnn_InferOp<"fused_conv", [AttrSizedOperandSegments]> {
  let summary = "2-D convolution with its epilogue (made by cnn-fuse-epilogue)";
  let description = [{
    `y = post_activation(activation(conv(x, weight) + bias) + residual)`,
    with the convolution of `cnn.conv` (explicit `pads`, no `auto_pad`;
    input `[N, C, H, W]`). `residual`, when present, has the result's type.
    `x` is the input, or with an input prologue (`input_scale` and
    `input_shift`, both `[C]`, made by cnn-fuse-prologue from a batch norm
    and activation in front of the conv)
    `x = input_activation(input * input_scale[c] + input_shift[c])`; the
    conv's zero padding surrounds `x`.
    Activations and their `*_params`: `relu`; `leaky_relu` [alpha]; `clip`
    [min, max]; `sigmoid`; `tanh`; `hard_sigmoid` [alpha, beta];
    `hard_swish`; `silu` (x * sigmoid(x)); `none`.

    Code generation applies the whole epilogue to the output tile in
    registers before its one store, so the intermediate tensors of the
    unfused graph never reach memory. The prologue is applied while the
    conv's input is gathered (per piece when the input is a channel
    concatenation, which is then never materialised).

    ```mlir
    %y = cnn.fused_conv %x, %w, %b, %skip {pads = array<i64: 1, 1, 1, 1>,
        post_activation = #cnn.activation<relu>}
        : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>,
           tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
    ```
  }];
  let arguments = (ins Cnn_FloatTensor:$input, Cnn_FloatTensor:$weight,
                       Optional<Cnn_FloatTensor>:$bias,
                       Optional<Cnn_FloatTensor>:$residual,
                       Optional<Cnn_FloatTensor>:$input_scale,
                       Optional<Cnn_FloatTensor>:$input_shift,
                       OptionalAttr<DenseI64ArrayAttr>:$strides,
                       OptionalAttr<DenseI64ArrayAttr>:$dilations,
                       OptionalAttr<DenseI64ArrayAttr>:$pads,
                       DefaultValuedAttr<I64Attr, "1">:$group,
                       DefaultValuedAttr<Cnn_ActivationAttr,
                           "::cnnc::cnn::Activation::none">:$activation,
                       OptionalAttr<DenseF32ArrayAttr>:$activation_params,
                       DefaultValuedAttr<Cnn_ActivationAttr,
                           "::cnnc::cnn::Activation::none">:$post_activation,
                       OptionalAttr<DenseF32ArrayAttr>:$post_activation_params,
                       DefaultValuedAttr<Cnn_ActivationAttr,
                           "::cnnc::cnn::Activation::none">:$input_activation,
                       OptionalAttr<DenseF32ArrayAttr>:$input_activation_params);
  let results = (outs Cnn_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? (`residual` $residual^)?
    (`input_scale` $input_scale^)? (`input_shift` $input_shift^)? attr-dict
    `:` functional-type(operands, results)
  }];
}

def Cnn_ConvTransposeOp : Cnn_InferOp<"conv_transpose"> {
  let summary = "N-d transposed convolution (ONNX ConvTranspose)";
  let description = [{
    `input` is `[N, C, D1..Dn]`, `weight` is `[C, M/group, k1..kn]`, the
    optional `bias` is `[M]`; the result is `[N, M, O1..On]` with
    `Oi = s_i (Di - 1) + output_padding_i + d_i (k_i - 1) + 1 - pb_i - pe_i`.
    If `output_shape` (spatial sizes) is given, the pads are derived from it as
    ONNX specifies (extra padding at the beginning unless `auto_pad` is
    `same_upper`). With `same_upper`/`same_lower` the output is `Di * s_i`.

    ```mlir
    %y = cnn.conv_transpose %x, %w {strides = array<i64: 2, 2>}
        : (tensor<4x128x10x8xf32>, tensor<128x32x3x3xf32>)
        -> tensor<4x32x21x17xf32>
    ```
  }];
  let arguments = (ins Cnn_FloatTensor:$input, Cnn_FloatTensor:$weight,
                       Optional<Cnn_FloatTensor>:$bias,
                       OptionalAttr<DenseI64ArrayAttr>:$strides,
                       OptionalAttr<DenseI64ArrayAttr>:$dilations,
                       OptionalAttr<DenseI64ArrayAttr>:$pads,
                       OptionalAttr<DenseI64ArrayAttr>:$output_padding,
                       OptionalAttr<DenseI64ArrayAttr>:$output_shape,
                       DefaultValuedAttr<I64Attr, "1">:$group,
                       DefaultValuedAttr<Cnn_AutoPadAttr,
                                         "::cnnc::cnn::AutoPad::notset">:$auto_pad);
  let results = (outs Cnn_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

def Cnn_MaxPoolOp : Cnn_Op<"max_pool", [Pure]> {
  let summary = "N-d max pooling (ONNX MaxPool), optionally with argmax indices";
  let description = [{
    Slides a `kernel_shape` window over the spatial dimensions of
    `[N, C, D1..Dn]`; padded positions never win. The output size follows the
    convolution rule, with `ceil` instead of `floor` when `ceil_mode` is set (a
    window that would start in the end padding is dropped). When a second
    result is present it holds, for each output, the flat index of the
    maximum in the unpadded input (`((n*C + c)*D1 + i1)*D2 + i2 ...`, ONNX
    `storage_order = 0`; with `storage_order = 1` the spatial dimensions count
    column-major).

    ```mlir
    %y = cnn.max_pool %x {kernel_shape = array<i64: 2, 2>,
                          strides = array<i64: 2, 2>}
        : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
    %v, %i = cnn.max_pool %x {kernel_shape = array<i64: 2, 2>}
        : (tensor<1x1x4x4xf32>) -> (tensor<1x1x3x3xf32>, tensor<1x1x3x3xi64>)
    ```
  }];
  let arguments = (ins Cnn_FloatTensor:$input,
                       DenseI64ArrayAttr:$kernel_shape,
                       OptionalAttr<DenseI64ArrayAttr>:$strides,
                       OptionalAttr<DenseI64ArrayAttr>:$dilations,
                       OptionalAttr<DenseI64ArrayAttr>:$pads,
                       DefaultValuedAttr<BoolAttr, "false">:$ceil_mode,
                       DefaultValuedAttr<I64Attr, "0">:$storage_order,
                       DefaultValuedAttr<Cnn_AutoPadAttr,
                                         "::cnnc::cnn::AutoPad::notset">:$auto_pad);
  let results = (outs Cnn_FloatTensor:$output,
                      Optional<Cnn_I64Tensor>:$indices);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let builders = [
    // Infers the result types; `withIndices` adds the argmax result.
    OpBuilder<(ins "::mlir::Value":$input,
                   "::llvm::ArrayRef<int64_t>":$kernelShape,
                   "::llvm::ArrayRef<int64_t>":$strides,
                   "::llvm::ArrayRef<int64_t>":$dilations,
                   "::llvm::ArrayRef<int64_t>":$pads, "bool":$ceilMode,
                   "bool":$withIndices)>
  ];
  let extraClassDeclaration = [{
    /// The result types the shape rules give for the current operand and
    /// attributes (one or two, as the op has); errors are reported at the op
    /// if `emitErrors`. Used by the verifier, cnn-infer-shapes and front ends.
    ::llvm::LogicalResult
    inferResultTypes(::llvm::SmallVectorImpl<::mlir::Type> &types,
                     bool emitErrors);
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Cnn_AvgPoolOp : Cnn_InferOp<"avg_pool"> {
  let summary = "N-d average pooling (ONNX AveragePool)";
  let description = [{
    Averages a `kernel_shape` window over the spatial dimensions of
    `[N, C, D1..Dn]`. Output sizes follow max_pool. With `count_include_pad`
    the divisor is the window size clipped to the padded input; otherwise it
    is the number of input elements in the window.

    ```mlir
    %y = cnn.avg_pool %x {kernel_shape = array<i64: 3, 3>,
                          pads = array<i64: 1, 1, 1, 1>,
                          count_include_pad = true}
        : (tensor<1x8x7x7xf32>) -> tensor<1x8x7x7xf32>
    ```
  }];
  let arguments = (ins Cnn_FloatTensor:$input,
                       DenseI64ArrayAttr:$kernel_shape,
                       OptionalAttr<DenseI64ArrayAttr>:$strides,
                       OptionalAttr<DenseI64ArrayAttr>:$dilations,
                       OptionalAttr<DenseI64ArrayAttr>:$pads,
                       DefaultValuedAttr<BoolAttr, "false">:$ceil_mode,
                       DefaultValuedAttr<BoolAttr, "false">:$count_include_pad,
                       DefaultValuedAttr<Cnn_AutoPadAttr,
                                         "::cnnc::cnn::AutoPad::notset">:$auto_pad);
  let results = (outs Cnn_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Cnn_MaxUnpoolOp : Cnn_InferOp<"max_unpool"> {
  let summary = "Partial inverse of max pooling (ONNX MaxUnpool)";
  let description = [{
    Scatters `input` values to the positions given by `indices` (as produced
    by `max_pool`'s second result) in a zero tensor. The default spatial output
    size is `(Di - 1) * s_i + k_i - pb_i - pe_i`; `output_shape` (the full
    result shape, with `N` and `C` of the input) overrides it, which resolves
    the size ambiguity of a strided pool.

    ```mlir
    %y = cnn.max_unpool %v, %i {kernel_shape = array<i64: 2, 2>,
                                strides = array<i64: 2, 2>}
        : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>) -> tensor<1x1x4x4xf32>
    ```
  }];
  let arguments = (ins Cnn_FloatTensor:$input, Cnn_I64Tensor:$indices,
                       DenseI64ArrayAttr:$kernel_shape,
                       OptionalAttr<DenseI64ArrayAttr>:$strides,
                       OptionalAttr<DenseI64ArrayAttr>:$pads,
                       OptionalAttr<DenseI64ArrayAttr>:$output_shape);
  let results = (outs Cnn_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $indices attr-dict `:` functional-type(operands, results)
  }];
}

def Cnn_GlobalAvgPoolOp : Cnn_InferOp<"global_avg_pool"> {
  let summary = "Mean over all spatial dimensions (ONNX GlobalAveragePool)";
  let description = [{
    `[N, C, D1..Dn]` to `[N, C, 1..1]`.

    With an input prologue (made by cnn-fuse-prologue from a batch norm and
    activation in front of the pool, DenseNet's head): `input_affine`
    `[2, C]` holds a scale and a shift per channel and the pool averages
    `input_activation(input * input_affine[0][c] + input_affine[1][c])`.

    ```mlir
    %y = cnn.global_avg_pool %x : (tensor<1x512x7x7xf32>) -> tensor<1x512x1x1xf32>
    %z = cnn.global_avg_pool %x affine %k {input_activation = #cnn.activation<relu>}
        : (tensor<1x512x7x7xf32>, tensor<2x512xf32>) -> tensor<1x512x1x1xf32>
    ```
  }];
  let arguments = (ins Cnn_FloatTensor:$input,
                       Optional<Cnn_FloatTensor>:$input_affine,
                       DefaultValuedAttr<Cnn_ActivationAttr,
                           "::cnnc::cnn::Activation::none">:$input_activation,
                       OptionalAttr<DenseF32ArrayAttr>:$input_activation_params);
  let results = (outs Cnn_FloatTensor:$output);
  let assemblyFormat = [{
    $input (`affine` $input_affine^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Cnn_GlobalMaxPoolOp : Cnn_InferOp<"global_max_pool"> {
  let summary = "Maximum over all spatial dimensions (ONNX GlobalMaxPool)";
  let description = [{
    `[N, C, D1..Dn]` to `[N, C, 1..1]`.

    ```mlir
    %y = cnn.global_max_pool %x : (tensor<1x64x7x7xf32>) -> tensor<1x64x1x1xf32>
    ```
  }];
  let arguments = (ins Cnn_FloatTensor:$input);
  let results = (outs Cnn_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Resize
//===----------------------------------------------------------------------===//

def Cnn_ResizeOp : Cnn_InferOp<"resize"> {
  let summary = "Up- or down-sampling by interpolation (ONNX Resize/Upsample)";
  let description = [{
    Resizes every dimension of `input`. The output size is `sizes` if given,
    else `floor(D_i * scales_i)` (for `tf_crop_and_resize`,
    `floor(D_i * (roi_end_i - roi_start_i) * scales_i)`). The coordinate
    mapping uses `scales` when present, else `sizes_i / D_i`. `mode` is
    nearest, linear (n-linear) or cubic (with `cubic_coeff_a`,
    `exclude_outside`); `coordinate_transformation_mode` and `nearest_mode`
    take every ONNX value. `roi` (`[starts..., ends...]`, normalised) is used
    only by `tf_crop_and_resize`, with `extrapolation_value` outside the input.
    With `antialias` (ONNX opset 18), linear and cubic downsampling stretch
    their filter by 1 / scale (more taps, weights normalised to sum 1).

    ```mlir
    %y = cnn.resize %x {mode = #cnn.resize_mode<linear>,
                        scales = array<f32: 1.0, 1.0, 2.0, 2.0>}
        : (tensor<1x8x16x16xf32>) -> tensor<1x8x32x32xf32>
    ```
  }];
  let arguments = (ins Cnn_FloatTensor:$input,
      DefaultValuedAttr<Cnn_ResizeModeAttr,
                        "::cnnc::cnn::ResizeMode::nearest">:$mode,
      DefaultValuedAttr<Cnn_CoordinateTransformModeAttr,
          "::cnnc::cnn::CoordinateTransformMode::half_pixel">:$coordinate_transformation_mode,
      DefaultValuedAttr<Cnn_NearestModeAttr,
          "::cnnc::cnn::NearestMode::round_prefer_floor">:$nearest_mode,
      DefaultValuedAttr<F32Attr, "-0.75">:$cubic_coeff_a,
      DefaultValuedAttr<BoolAttr, "false">:$exclude_outside,
      DefaultValuedAttr<F32Attr, "0.0">:$extrapolation_value,
      DefaultValuedAttr<BoolAttr, "false">:$antialias,
      OptionalAttr<DenseF32ArrayAttr>:$scales,
      OptionalAttr<DenseI64ArrayAttr>:$sizes,
      OptionalAttr<DenseF32ArrayAttr>:$roi);
  let results = (outs Cnn_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

def Cnn_BatchNormOp : Cnn_InferOp<"batch_norm"> {
  let summary = "Inference-mode batch normalization (ONNX BatchNormalization)";
  let description = [{
    `y = scale * (x - mean) / sqrt(var + epsilon) + bias` per channel (dim 1)
    of `[N, C, ...]`; `scale`, `bias`, `mean`, `var` are `[C]`. With
    `activation` (made by cnn-fuse-epilogue from a following activation op;
    parameters in `activation_params` as for `cnn.fused_conv`) the result is
    `activation(y)`.

    ```mlir
    %y = cnn.batch_norm %x, %s, %b, %m, %v {epsilon = 1.0e-05 : f32}
        : (tensor<1x16x8x8xf32>, tensor<16xf32>, tensor<16xf32>,
           tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
    ```
  }];
  let arguments = (ins Cnn_FloatTensor:$input, Cnn_FloatTensor:$scale,
                       Cnn_FloatTensor:$bias, Cnn_FloatTensor:$mean,
                       Cnn_FloatTensor:$variance,
                       DefaultValuedAttr<F32Attr, "1.0e-5">:$epsilon,
                       DefaultValuedAttr<Cnn_ActivationAttr,
                           "::cnnc::cnn::Activation::none">:$activation,
                       OptionalAttr<DenseF32ArrayAttr>:$activation_params);
  let results = (outs Cnn_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $scale `,` $bias `,` $mean `,` $variance attr-dict `:`
    functional-type(operands, results)
  }];
}

def Cnn_InstanceNormOp : Cnn_InferOp<"instance_norm"> {
  let summary = "Instance normalization (ONNX InstanceNormalization)";
  let description = [{
    Normalizes each `(n, c)` plane of `[N, C, D...]` by its own mean and
    variance: `y = scale * (x - mean) / sqrt(var + epsilon) + bias`, with
    `scale` and `bias` of shape `[C]`.

    ```mlir
    %y = cnn.instance_norm %x, %s, %b {epsilon = 1.0e-05 : f32}
        : (tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x5xf32>
    ```
  }];
  let arguments = (ins Cnn_FloatTensor:$input, Cnn_FloatTensor:$scale,
                       Cnn_FloatTensor:$bias,
                       DefaultValuedAttr<F32Attr, "1.0e-5">:$epsilon);
  let results = (outs Cnn_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $scale `,` $bias attr-dict `:` functional-type(operands, results)
  }];
}

def Cnn_LayerNormOp : Cnn_InferOp<"layer_norm"> {
  let summary = "Layer normalization (ONNX LayerNormalization, opset 17)";
  let description = [{
    Normalizes over the dimensions `[axis, rank)` of `input`:
    `y = (x - mean) * inv_std_dev * scale + bias` with
    `inv_std_dev = 1 / sqrt(var + epsilon)` (population variance); `scale`
    and the optional `bias` broadcast unidirectionally to the normalized
    shape. The second and third results are `mean` and `inv_std_dev`,
    shaped like `input` with the normalized dimensions 1.

    ```mlir
    %y, %m, %i = cnn.layer_norm %x, %s, %b {axis = -1 : i64}
        : (tensor<1x56x56x96xf32>, tensor<96xf32>, tensor<96xf32>)
        -> (tensor<1x56x56x96xf32>, tensor<1x56x56x1xf32>, tensor<1x56x56x1xf32>)
    ```
  }];
  let arguments = (ins Cnn_FloatTensor:$input, Cnn_FloatTensor:$scale,
                       Optional<Cnn_FloatTensor>:$bias,
                       DefaultValuedAttr<I64Attr, "-1">:$axis,
                       DefaultValuedAttr<F32Attr, "1.0e-5">:$epsilon);
  let results = (outs Cnn_FloatTensor:$output, Cnn_FloatTensor:$mean,
                      Cnn_FloatTensor:$inv_std_dev);
  let assemblyFormat = [{
    $input `,` $scale (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Cnn_LrnOp : Cnn_InferOp<"lrn"> {
  let summary = "Local response normalization across channels (ONNX LRN)";
  let description = [{
    `y = x / (bias + alpha / size * sum(x^2 over the size neighbouring
    channels))^beta`, the window running from `c - floor((size-1)/2)` to
    `c + ceil((size-1)/2)`. Input is `[N, C, D...]`.

    ```mlir
    %y = cnn.lrn %x {size = 5 : i64, alpha = 1.0e-4 : f32, beta = 0.75 : f32}
        : (tensor<1x96x55x55xf32>) -> tensor<1x96x55x55xf32>
    ```
  }];
  let arguments = (ins Cnn_FloatTensor:$input, I64Attr:$size,
                       DefaultValuedAttr<F32Attr, "1.0e-4">:$alpha,
                       DefaultValuedAttr<F32Attr, "0.75">:$beta,
                       DefaultValuedAttr<F32Attr, "1.0">:$bias);
  let results = (outs Cnn_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Activations
//===----------------------------------------------------------------------===//

def Cnn_ReluOp : Cnn_SimpleUnaryOp<"relu", "Relu", "max(x, 0)"> {
  let hasFolder = 1;
}
def Cnn_SigmoidOp : Cnn_SimpleUnaryOp<"sigmoid", "Sigmoid", "1 / (1 + exp(-x))">;
def Cnn_TanhOp : Cnn_SimpleUnaryOp<"tanh", "Tanh", "tanh(x)">;
def Cnn_HardSwishOp : Cnn_SimpleUnaryOp<"hard_swish", "HardSwish",
                                        "x * max(0, min(1, x / 6 + 1 / 2))">;
def Cnn_SoftplusOp : Cnn_SimpleUnaryOp<"softplus", "Softplus", "log(exp(x) + 1)">;
def Cnn_SoftsignOp : Cnn_SimpleUnaryOp<"softsign", "Softsign", "x / (1 + |x|)">;
def Cnn_ExpOp : Cnn_SimpleUnaryOp<"exp", "Exp", "exp(x)">;
def Cnn_ErfOp : Cnn_SimpleUnaryOp<"erf", "Erf", "erf(x), the error function">;
def Cnn_ReciprocalOp : Cnn_SimpleUnaryOp<"reciprocal", "Reciprocal", "1 / x">;
def Cnn_FloorOp : Cnn_SimpleUnaryOp<"floor", "Floor", "floor(x)">;
def Cnn_CeilOp : Cnn_SimpleUnaryOp<"ceil", "Ceil", "ceil(x)">;
def Cnn_RoundOp : Cnn_SimpleUnaryOp<"round", "Round",
                                    "x rounded to the nearest integer, halves to even">;
def Cnn_MishOp : Cnn_SimpleUnaryOp<"mish", "Mish", "x * tanh(log(1 + exp(x)))">;
def Cnn_LogOp : Cnn_SimpleUnaryOp<"log", "Log", "log(x)">;
def Cnn_SqrtOp : Cnn_SimpleUnaryOp<"sqrt", "Sqrt", "sqrt(x)">;
def Cnn_AbsOp : Cnn_SimpleUnaryOp<"abs", "Abs", "|x|">;
def Cnn_NegOp : Cnn_SimpleUnaryOp<"neg", "Neg", "-x"> {
  let hasFolder = 1;
}

def Cnn_LeakyReluOp : Cnn_UnaryOp<"leaky_relu", "LeakyRelu",
                                  "x >= 0 ? x : alpha * x"> {
  let arguments = (ins Cnn_FloatTensor:$input,
                       DefaultValuedAttr<F32Attr, "0.01">:$alpha);
}

def Cnn_EluOp : Cnn_UnaryOp<"elu", "Elu", "x >= 0 ? x : alpha * (exp(x) - 1)"> {
  let arguments = (ins Cnn_FloatTensor:$input,
                       DefaultValuedAttr<F32Attr, "1.0">:$alpha);
}

def Cnn_SeluOp : Cnn_UnaryOp<"selu", "Selu",
    "gamma * (x > 0 ? x : alpha * (exp(x) - 1))"> {
  let arguments = (ins Cnn_FloatTensor:$input,
      DefaultValuedAttr<F32Attr, "1.67326319217681884765625">:$alpha,
      DefaultValuedAttr<F32Attr, "1.05070102214813232421875">:$gamma);
}

def Cnn_HardSigmoidOp : Cnn_UnaryOp<"hard_sigmoid", "HardSigmoid",
                                    "max(0, min(1, alpha * x + beta))"> {
  let arguments = (ins Cnn_FloatTensor:$input,
                       DefaultValuedAttr<F32Attr, "0.2">:$alpha,
                       DefaultValuedAttr<F32Attr, "0.5">:$beta);
}

def Cnn_ClipOp : Cnn_UnaryOp<"clip", "Clip", "min(max(x, min), max)"> {
  let arguments = (ins Cnn_FloatTensor:$input, OptionalAttr<F32Attr>:$min,
                       OptionalAttr<F32Attr>:$max);
}

def Cnn_PReluOp : Cnn_InferOp<"prelu"> {
  let summary = "Parametric ReLU (ONNX PRelu): x >= 0 ? x : slope * x";
  let description = [{
    `slope` broadcasts unidirectionally to `input` (numpy-style, the result
    always has the input's shape), e.g. one slope per channel `[C, 1, 1]`.

    ```mlir
    %y = cnn.prelu %x, %s : (tensor<1x16x8x8xf32>, tensor<16x1x1xf32>)
        -> tensor<1x16x8x8xf32>
    ```
  }];
  let arguments = (ins Cnn_FloatTensor:$input, Cnn_FloatTensor:$slope);
  let results = (outs Cnn_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $slope attr-dict `:` functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Elementwise arithmetic with broadcasting
//===----------------------------------------------------------------------===//

def Cnn_AddOp : Cnn_BinaryOp<"add", "Add", "lhs + rhs">;
def Cnn_SubOp : Cnn_BinaryOp<"sub", "Sub", "lhs - rhs">;
def Cnn_MulOp : Cnn_BinaryOp<"mul", "Mul", "lhs * rhs">;
def Cnn_DivOp : Cnn_BinaryOp<"div", "Div", "lhs / rhs">;
def Cnn_PowOp : Cnn_BinaryOp<"pow", "Pow", "lhs ^ rhs">;

/// A comparison with numpy broadcasting: a bool (i1) tensor.
class Cnn_CompareOp<string mnemonic, string onnxName, string formula>
    : Cnn_InferOp<mnemonic> {
  let summary = "ONNX " # onnxName # " with numpy broadcasting: " # formula;
  let description = "Elementwise `" # formula # "` (ONNX `" # onnxName #
      "`) as an `i1` tensor; operands broadcast numpy-style. Floats compare "
      "ordered (NaN is unequal to everything).";
  let arguments = (ins Cnn_NumericTensor:$lhs, Cnn_NumericTensor:$rhs);
  let results = (outs Cnn_BoolTensor:$output);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}
def Cnn_EqualOp : Cnn_CompareOp<"equal", "Equal", "lhs == rhs">;
def Cnn_LessOp : Cnn_CompareOp<"less", "Less", "lhs < rhs">;
def Cnn_LessOrEqualOp : Cnn_CompareOp<"less_or_equal", "LessOrEqual", "lhs <= rhs">;
def Cnn_GreaterOp : Cnn_CompareOp<"greater", "Greater", "lhs > rhs">;
def Cnn_GreaterOrEqualOp : Cnn_CompareOp<"greater_or_equal", "GreaterOrEqual",
                                         "lhs >= rhs">;

/// A logical op on bool tensors with numpy broadcasting.
class Cnn_LogicalOp<string mnemonic, string onnxName, string formula>
    : Cnn_InferOp<mnemonic> {
  let summary = "ONNX " # onnxName # " on bool tensors: " # formula;
  let description = "Elementwise `" # formula # "` (ONNX `" # onnxName #
      "`) of `i1` tensors, broadcast numpy-style.";
  let arguments = (ins Cnn_BoolTensor:$lhs, Cnn_BoolTensor:$rhs);
  let results = (outs Cnn_BoolTensor:$output);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
}
def Cnn_AndOp : Cnn_LogicalOp<"and", "And", "lhs and rhs">;
def Cnn_OrOp : Cnn_LogicalOp<"or", "Or", "lhs or rhs">;
def Cnn_XorOp : Cnn_LogicalOp<"xor", "Xor", "lhs xor rhs">;

def Cnn_NotOp : Cnn_InferOp<"not"> {
  let summary = "ONNX Not: logical negation of a bool tensor";
  let arguments = (ins Cnn_BoolTensor:$input);
  let results = (outs Cnn_BoolTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Cnn_WhereOp : Cnn_InferOp<"where"> {
  let summary = "ONNX Where: condition ? x : y, numpy broadcasting";
  let description = [{
    Elementwise select; the three operands broadcast numpy-style, `x` and
    `y` have one element type, the result's.

    ```mlir
    %z = cnn.where %c, %x, %y : (tensor<4xi1>, tensor<4xf32>, tensor<f32>)
        -> tensor<4xf32>
    ```
  }];
  let arguments = (ins Cnn_BoolTensor:$condition, Cnn_Tensor:$x,
                       Cnn_Tensor:$y);
  let results = (outs Cnn_Tensor:$output);
  let assemblyFormat = [{
    $condition `,` $x `,` $y attr-dict `:` functional-type(operands, results)
  }];
}

def Cnn_CastOp : Cnn_InferOp<"cast"> {
  let summary = "ONNX Cast / CastLike at run time";
  let description = [{
    Converts every element to `to`: floats to integers truncate toward zero,
    anything to `i1` is `x != 0`, `i1` to numbers is 0 or 1, integers widen
    with their sign, floats round to nearest when narrowing. (Casts of
    compile-time values are folded by the importer.)

    ```mlir
    %y = cnn.cast %x {to = i64} : (tensor<4xf32>) -> tensor<4xi64>
    ```
  }];
  let arguments = (ins Cnn_Tensor:$input, TypeAttr:$to);
  let results = (outs Cnn_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}
def Cnn_MaxOp : Cnn_VariadicOp<"max", "Max", "max(x0, x1, ...)">;
def Cnn_MinOp : Cnn_VariadicOp<"min", "Min", "min(x0, x1, ...)">;
def Cnn_SumOp : Cnn_VariadicOp<"sum", "Sum", "x0 + x1 + ...">;
def Cnn_MeanOp : Cnn_VariadicOp<"mean", "Mean", "(x0 + x1 + ...) / n">;

//===----------------------------------------------------------------------===//
// Softmax and reductions
//===----------------------------------------------------------------------===//

def Cnn_SoftmaxOp : Cnn_InferOp<"softmax"> {
  let summary = "Softmax along one axis (ONNX Softmax, opset 13 semantics)";
  let description = [{
    `y = exp(x - max) / sum(exp(x - max))` along `axis` (negative counts
    from the end).

    ```mlir
    %y = cnn.softmax %x {axis = 1 : i64} : (tensor<1x1000xf32>) -> tensor<1x1000xf32>
    ```
  }];
  let arguments = (ins Cnn_FloatTensor:$input,
                       DefaultValuedAttr<I64Attr, "-1">:$axis);
  let results = (outs Cnn_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Cnn_LogSoftmaxOp : Cnn_InferOp<"log_softmax"> {
  let summary = "Log of softmax along one axis (ONNX LogSoftmax, opset 13)";
  let description = [{
    `y = x - max - log(sum(exp(x - max)))` along `axis`.

    ```mlir
    %y = cnn.log_softmax %x {axis = -1 : i64} : (tensor<3x4xf32>) -> tensor<3x4xf32>
    ```
  }];
  let arguments = (ins Cnn_FloatTensor:$input,
                       DefaultValuedAttr<I64Attr, "-1">:$axis);
  let results = (outs Cnn_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Cnn_ReduceMeanOp : Cnn_InferOp<"reduce_mean"> {
  let summary = "Mean over the given axes (ONNX ReduceMean)";
  let description = [{
    Averages over `axes` (all axes when empty or absent). With `keepdims`
    the reduced dimensions stay as 1.

    ```mlir
    %y = cnn.reduce_mean %x {axes = array<i64: 2, 3>, keepdims = true}
        : (tensor<1x64x7x7xf32>) -> tensor<1x64x1x1xf32>
    ```
  }];
  let arguments = (ins Cnn_FloatTensor:$input,
                       OptionalAttr<DenseI64ArrayAttr>:$axes,
                       DefaultValuedAttr<BoolAttr, "true">:$keepdims);
  let results = (outs Cnn_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Cnn_ReduceOp : Cnn_InferOp<"reduce"> {
  let summary = "ONNX ReduceMax/Min/Sum/Prod/L1/L2/LogSum/LogSumExp/SumSquare";
  let description = [{
    Reduces over `axes` (all axes when empty or absent) with `kind`; with
    `keepdims` the reduced dimensions stay as 1 (the shape rules of
    `cnn.reduce_mean`). Reducing an empty set of elements gives the
    reduction's identity (max: -inf, min: +inf, prod: 1, the others 0;
    log_sum and log_sum_exp: -inf).

    ```mlir
    %y = cnn.reduce %x {kind = #cnn.reduction<max>, axes = array<i64: 1>,
        keepdims = false} : (tensor<1x64x7x7xf32>) -> tensor<1x7x7xf32>
    ```
  }];
  let arguments = (ins Cnn_FloatTensor:$input, Cnn_ReductionAttr:$kind,
                       OptionalAttr<DenseI64ArrayAttr>:$axes,
                       DefaultValuedAttr<BoolAttr, "true">:$keepdims);
  let results = (outs Cnn_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Linear algebra
//===----------------------------------------------------------------------===//

def Cnn_MatMulOp : Cnn_InferOp<"matmul"> {
  let summary = "numpy matmul (ONNX MatMul) with batch broadcasting";
  let description = [{
    Matrix product of the last two dimensions; leading dimensions broadcast.
    A 1-D `lhs` is treated as `[1, K]` and a 1-D `rhs` as `[K, 1]`, and the
    added dimension is removed from the result.

    ```mlir
    %y = cnn.matmul %a, %b : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
    ```
  }];
  let arguments = (ins Cnn_NumericTensor:$lhs, Cnn_NumericTensor:$rhs);
  let results = (outs Cnn_NumericTensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
}

def Cnn_GemmOp : Cnn_InferOp<"gemm"> {
  let summary = "General matrix multiply (ONNX Gemm), the dense layer";
  let description = [{
    `y = alpha * A' * B' + beta * C` with `A'` = `A` or its transpose
    (`trans_a`), likewise `B'`; `A'` is `[M, K]`, `B'` is `[K, N]`, and the
    optional `C` broadcasts unidirectionally to `[M, N]`. With `activation`
    (made by cnn-fuse-epilogue from a following activation op; parameters in
    `activation_params` as for `cnn.fused_conv`) the result is
    `activation(y)`.

    ```mlir
    %y = cnn.gemm %x, %w, %b {trans_b = true}
        : (tensor<1x512xf32>, tensor<1000x512xf32>, tensor<1000xf32>) -> tensor<1x1000xf32>
    ```
  }];
  let arguments = (ins Cnn_FloatTensor:$a, Cnn_FloatTensor:$b,
                       Optional<Cnn_FloatTensor>:$c,
                       DefaultValuedAttr<F32Attr, "1.0">:$alpha,
                       DefaultValuedAttr<F32Attr, "1.0">:$beta,
                       DefaultValuedAttr<BoolAttr, "false">:$trans_a,
                       DefaultValuedAttr<BoolAttr, "false">:$trans_b,
                       DefaultValuedAttr<Cnn_ActivationAttr,
                           "::cnnc::cnn::Activation::none">:$activation,
                       OptionalAttr<DenseF32ArrayAttr>:$activation_params);
  let results = (outs Cnn_FloatTensor:$output);
  let assemblyFormat = [{
    $a `,` $b (`,` $c^)? attr-dict `:` functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

def Cnn_ConcatOp : Cnn_InferOp<"concat"> {
  let summary = "Concatenation along one axis (ONNX Concat)";
  let description = [{
    All operands have the same rank and element type and agree on every
    dimension except `axis` (negative counts from the end).

    ```mlir
    %y = cnn.concat %a, %b {axis = 1 : i64}
        : (tensor<1x16x8x8xf32>, tensor<1x32x8x8xf32>) -> tensor<1x48x8x8xf32>
    ```
  }];
  let arguments = (ins Variadic<Cnn_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs Cnn_Tensor:$output);
  let assemblyFormat = "$inputs attr-dict `:` functional-type($inputs, results)";
  let hasFolder = 1;
}

def Cnn_SplitOp : Cnn_InferOp<"split"> {
  let summary = "Split into consecutive parts along one axis (ONNX Split)";
  let description = [{
    `split` gives the size of each part along `axis` (it sums to that
    dimension; zero sizes are allowed); there is one result per part.

    ```mlir
    %a, %b = cnn.split %x {axis = 1 : i64, split = array<i64: 2, 4>}
        : (tensor<1x6x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<1x4x4x4xf32>)
    ```
  }];
  let arguments = (ins Cnn_Tensor:$input, I64Attr:$axis,
                       DenseI64ArrayAttr:$split);
  let results = (outs Variadic<Cnn_Tensor>:$outputs);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Cnn_SliceOp : Cnn_InferOp<"slice"> {
  let summary = "Strided slice (ONNX Slice)";
  let description = [{
    For each listed axis (all axes, in order, when `axes` is absent) takes
    `starts[i]` to `ends[i]` (exclusive) with step `steps[i]` (default 1,
    never 0). Negative starts/ends count from the end; out-of-range values are
    clamped as ONNX specifies, also for negative steps.

    ```mlir
    %y = cnn.slice %x {starts = array<i64: 1>, ends = array<i64: 3>,
                       axes = array<i64: 1>}
        : (tensor<2x4xf32>) -> tensor<2x2xf32>
    ```
  }];
  let arguments = (ins Cnn_Tensor:$input, DenseI64ArrayAttr:$starts,
                       DenseI64ArrayAttr:$ends,
                       OptionalAttr<DenseI64ArrayAttr>:$axes,
                       OptionalAttr<DenseI64ArrayAttr>:$steps);
  let results = (outs Cnn_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Cnn_PadOp : Cnn_InferOp<"pad"> {
  let summary = "Padding with a constant, edge or reflection (ONNX Pad)";
  let description = [{
    `pads` lists the begin amounts of every dimension, then the end amounts;
    negative amounts crop. `mode` is constant (fill with `value`), edge
    (repeat the border) or reflect (mirror without repeating the border; the
    pad must be smaller than the dimension).

    ```mlir
    %y = cnn.pad %x {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>,
                     mode = #cnn.pad_mode<reflect>}
        : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x10xf32>
    ```
  }];
  let arguments = (ins Cnn_Tensor:$input, DenseI64ArrayAttr:$pads,
                       DefaultValuedAttr<Cnn_PadModeAttr,
                                         "::cnnc::cnn::PadMode::constant">:$mode,
                       DefaultValuedAttr<F32Attr, "0.0">:$value);
  let results = (outs Cnn_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Cnn_ReshapeOp : Cnn_InferOp<"reshape"> {
  let summary = "Reshape (ONNX Reshape)";
  let description = [{
    `shape` follows ONNX: `-1` (at most once) is inferred from the element
    count, `0` copies the input dimension at that index unless `allowzero` is
    set (then it means an empty dimension).

    ```mlir
    %y = cnn.reshape %x {shape = array<i64: 0, -1>}
        : (tensor<1x512x1x1xf32>) -> tensor<1x512xf32>
    ```
  }];
  let arguments = (ins Cnn_Tensor:$input, DenseI64ArrayAttr:$shape,
                       DefaultValuedAttr<BoolAttr, "false">:$allowzero);
  let results = (outs Cnn_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Cnn_FlattenOp : Cnn_InferOp<"flatten"> {
  let summary = "Flatten to 2-D around an axis (ONNX Flatten)";
  let description = [{
    `[d0..dn-1]` to `[d0 * .. * d(axis-1), d(axis) * .. * d(n-1)]`; `axis` is
    in `[-r, r]`.

    ```mlir
    %y = cnn.flatten %x {axis = 1 : i64} : (tensor<1x16x5x5xf32>) -> tensor<1x400xf32>
    ```
  }];
  let arguments = (ins Cnn_Tensor:$input, DefaultValuedAttr<I64Attr, "1">:$axis);
  let results = (outs Cnn_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Cnn_TransposeOp : Cnn_InferOp<"transpose"> {
  let summary = "Permute dimensions (ONNX Transpose)";
  let description = [{
    Result dimension `i` is input dimension `perm[i]`; without `perm` the
    dimensions are reversed.

    ```mlir
    %y = cnn.transpose %x {perm = array<i64: 0, 2, 3, 1>}
        : (tensor<1x3x4x5xf32>) -> tensor<1x4x5x3xf32>
    ```
  }];
  let arguments = (ins Cnn_Tensor:$input, OptionalAttr<DenseI64ArrayAttr>:$perm);
  let results = (outs Cnn_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Cnn_SqueezeOp : Cnn_InferOp<"squeeze"> {
  let summary = "Remove size-1 dimensions (ONNX Squeeze)";
  let description = [{
    Removes the listed `axes`, each of which must have size 1; without `axes`
    every size-1 dimension goes.

    ```mlir
    %y = cnn.squeeze %x {axes = array<i64: 2, 3>}
        : (tensor<1x512x1x1xf32>) -> tensor<1x512xf32>
    ```
  }];
  let arguments = (ins Cnn_Tensor:$input, OptionalAttr<DenseI64ArrayAttr>:$axes);
  let results = (outs Cnn_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Cnn_UnsqueezeOp : Cnn_InferOp<"unsqueeze"> {
  let summary = "Insert size-1 dimensions (ONNX Unsqueeze)";
  let description = [{
    `axes` index the result (rank `r + len(axes)`; negative counts from its
    end) and must be distinct.

    ```mlir
    %y = cnn.unsqueeze %x {axes = array<i64: 0>} : (tensor<3x4xf32>) -> tensor<1x3x4xf32>
    ```
  }];
  let arguments = (ins Cnn_Tensor:$input, DenseI64ArrayAttr:$axes);
  let results = (outs Cnn_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Cnn_ExpandOp : Cnn_InferOp<"expand"> {
  let summary = "Broadcast to a shape (ONNX Expand)";
  let description = [{
    The result shape is the numpy broadcast of the input shape and `shape`
    (so a 1 in `shape` keeps the input dimension).

    ```mlir
    %y = cnn.expand %x {shape = array<i64: 2, 1, 6>}
        : (tensor<3x1xf32>) -> tensor<2x3x6xf32>
    ```
  }];
  let arguments = (ins Cnn_Tensor:$input, DenseI64ArrayAttr:$shape);
  let results = (outs Cnn_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Cnn_GatherOp : Cnn_InferOp<"gather"> {
  let summary = "Gather slices along one axis (ONNX Gather)";
  let description = [{
    The result shape is `data.shape[:axis] + indices.shape +
    data.shape[axis+1:]`; negative indices count from the end.

    ```mlir
    %y = cnn.gather %x, %i {axis = 0 : i64}
        : (tensor<5x4xf32>, tensor<2x3xi64>) -> tensor<2x3x4xf32>
    ```
  }];
  let arguments = (ins Cnn_Tensor:$data, Cnn_IndexTensor:$indices,
                       DefaultValuedAttr<I64Attr, "0">:$axis);
  let results = (outs Cnn_Tensor:$output);
  let assemblyFormat = [{
    $data `,` $indices attr-dict `:` functional-type(operands, results)
  }];
}

def Cnn_GatherElementsOp : Cnn_InferOp<"gather_elements"> {
  let summary = "Gather single elements along one axis (ONNX GatherElements)";
  let description = [{
    `indices` has the rank of `data`; the result has the shape of `indices`
    and `out[i][j] = data[indices[i][j]][j]` for `axis = 0`.

    ```mlir
    %y = cnn.gather_elements %x, %i {axis = 1 : i64}
        : (tensor<2x2xf32>, tensor<2x2xi64>) -> tensor<2x2xf32>
    ```
  }];
  let arguments = (ins Cnn_Tensor:$data, Cnn_IndexTensor:$indices,
                       DefaultValuedAttr<I64Attr, "0">:$axis);
  let results = (outs Cnn_Tensor:$output);
  let assemblyFormat = [{
    $data `,` $indices attr-dict `:` functional-type(operands, results)
  }];
}

def Cnn_DepthToSpaceOp : Cnn_InferOp<"depth_to_space"> {
  let summary = "Move channel blocks into space (ONNX DepthToSpace)";
  let description = [{
    `[N, C, H, W]` to `[N, C / b^2, H * b, W * b]` with `b = blocksize`;
    `mode` is `dcr` (depth-column-row) or `crd` (PyTorch PixelShuffle).

    ```mlir
    %y = cnn.depth_to_space %x {blocksize = 2 : i64, mode = #cnn.depth_to_space_mode<crd>}
        : (tensor<1x8x2x3xf32>) -> tensor<1x2x4x6xf32>
    ```
  }];
  let arguments = (ins Cnn_Tensor:$input, I64Attr:$blocksize,
                       DefaultValuedAttr<Cnn_DepthToSpaceModeAttr,
                           "::cnnc::cnn::DepthToSpaceMode::dcr">:$mode);
  let results = (outs Cnn_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Cnn_TileOp : Cnn_InferOp<"tile"> {
  let summary = "Repeat the input along each dimension (ONNX Tile)";
  let description = [{
    Dimension `i` of the result is `repeats[i]` copies of dimension `i` of
    the input, one after the other.

    ```mlir
    %y = cnn.tile %x {repeats = array<i64: 1, 1, 2, 3>}
        : (tensor<1x8x4x4xf32>) -> tensor<1x8x8x12xf32>
    ```
  }];
  let arguments = (ins Cnn_Tensor:$input, DenseI64ArrayAttr:$repeats);
  let results = (outs Cnn_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

def Cnn_SpaceToDepthOp : Cnn_InferOp<"space_to_depth"> {
  let summary = "Move spatial blocks into channels (ONNX SpaceToDepth)";
  let description = [{
    `[N, C, H, W]` to `[N, C * b^2, H / b, W / b]`; `H` and `W` must be
    multiples of `b = blocksize`. `mode` (ONNX opset 28) orders the output
    channels: `dcr` (the default, all earlier opsets) `(by * b + bx) * C + c`,
    `crd` `c * b^2 + by * b + bx`.

    ```mlir
    %y = cnn.space_to_depth %x {blocksize = 2 : i64}
        : (tensor<1x2x4x6xf32>) -> tensor<1x8x2x3xf32>
    ```
  }];
  let arguments = (ins Cnn_Tensor:$input, I64Attr:$blocksize,
                       DefaultValuedAttr<Cnn_DepthToSpaceModeAttr,
                           "::cnnc::cnn::DepthToSpaceMode::dcr">:$mode);
  let results = (outs Cnn_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
}

#endif // CNNC_DIALECTS_CNN_IR_CNNOPS_TD
