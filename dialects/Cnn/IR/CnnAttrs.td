//===- CnnAttrs.td - cnn dialect enums and attributes ------*- tablegen -*-===//
//
// Part of cnnc. Enumerations mirror the string attributes of the ONNX ops.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_DIALECTS_CNN_IR_CNNATTRS_TD
#define CNNC_DIALECTS_CNN_IR_CNNATTRS_TD

include "CnnBase.td"
include "mlir/IR/EnumAttr.td"

class Cnn_EnumAttr<EnumAttrInfo enumInfo, string mnemonic>
    : EnumAttr<Cnn_Dialect, enumInfo, mnemonic> {
  let assemblyFormat = "`<` $value `>`";
}

def Cnn_AutoPad : I32EnumAttr<"AutoPad", "ONNX auto_pad", [
    I32EnumAttrCase<"notset", 0>,
    I32EnumAttrCase<"same_upper", 1>,
    I32EnumAttrCase<"same_lower", 2>,
    I32EnumAttrCase<"valid", 3>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::cnnc::cnn";
}
def Cnn_AutoPadAttr : Cnn_EnumAttr<Cnn_AutoPad, "auto_pad">;

def Cnn_Activation : I32EnumAttr<"Activation",
    "an activation applied in a fused op's epilogue", [
    I32EnumAttrCase<"none", 0>,
    I32EnumAttrCase<"relu", 1>,
    // params: [alpha]
    I32EnumAttrCase<"leaky_relu", 2>,
    // params: [min, max]
    I32EnumAttrCase<"clip", 3>,
    I32EnumAttrCase<"sigmoid", 4>,
    I32EnumAttrCase<"tanh", 5>,
    // params: [alpha, beta]
    I32EnumAttrCase<"hard_sigmoid", 6>,
    I32EnumAttrCase<"hard_swish", 7>,
    // x * sigmoid(x)
    I32EnumAttrCase<"silu", 8>,
    // params: one slope per output channel (ONNX PRelu with a per-channel
    // slope; a single slope is leaky_relu)
    I32EnumAttrCase<"prelu", 9>,
    // x * (1 + erf(x / sqrt(2))) / 2 (ONNX Gelu, approximate = "none")
    I32EnumAttrCase<"gelu", 10>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::cnnc::cnn";
}
def Cnn_ActivationAttr : Cnn_EnumAttr<Cnn_Activation, "activation">;

def Cnn_Reduction : I32EnumAttr<"Reduction",
    "what cnn.reduce computes over its axes (the ONNX Reduce* ops)", [
    I32EnumAttrCase<"max", 0>,
    I32EnumAttrCase<"min", 1>,
    I32EnumAttrCase<"sum", 2>,
    I32EnumAttrCase<"prod", 3>,
    // sum |x|
    I32EnumAttrCase<"l1", 4>,
    // sqrt(sum x^2)
    I32EnumAttrCase<"l2", 5>,
    // log(sum x)
    I32EnumAttrCase<"log_sum", 6>,
    // log(sum exp(x)), computed as max + log(sum exp(x - max))
    I32EnumAttrCase<"log_sum_exp", 7>,
    // sum x^2
    I32EnumAttrCase<"sum_square", 8>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::cnnc::cnn";
}
def Cnn_ReductionAttr : Cnn_EnumAttr<Cnn_Reduction, "reduction">;

def Cnn_ResizeMode : I32EnumAttr<"ResizeMode", "ONNX Resize mode", [
    I32EnumAttrCase<"nearest", 0>,
    I32EnumAttrCase<"linear", 1>,
    I32EnumAttrCase<"cubic", 2>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::cnnc::cnn";
}
def Cnn_ResizeModeAttr : Cnn_EnumAttr<Cnn_ResizeMode, "resize_mode">;

def Cnn_CoordinateTransformMode
    : I32EnumAttr<"CoordinateTransformMode",
                  "ONNX Resize coordinate_transformation_mode", [
    I32EnumAttrCase<"half_pixel", 0>,
    I32EnumAttrCase<"half_pixel_symmetric", 1>,
    I32EnumAttrCase<"pytorch_half_pixel", 2>,
    I32EnumAttrCase<"align_corners", 3>,
    I32EnumAttrCase<"asymmetric", 4>,
    I32EnumAttrCase<"tf_crop_and_resize", 5>,
    // Opsets 11-12: x_in = (x_out + 0.5) / scale.
    I32EnumAttrCase<"tf_half_pixel_for_nn", 6>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::cnnc::cnn";
}
def Cnn_CoordinateTransformModeAttr
    : Cnn_EnumAttr<Cnn_CoordinateTransformMode, "coord_mode">;

def Cnn_NearestMode : I32EnumAttr<"NearestMode", "ONNX Resize nearest_mode", [
    I32EnumAttrCase<"round_prefer_floor", 0>,
    I32EnumAttrCase<"round_prefer_ceil", 1>,
    I32EnumAttrCase<"floor", 2>,
    I32EnumAttrCase<"ceil", 3>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::cnnc::cnn";
}
def Cnn_NearestModeAttr : Cnn_EnumAttr<Cnn_NearestMode, "nearest_mode">;

def Cnn_PadMode : I32EnumAttr<"PadMode", "ONNX Pad mode", [
    I32EnumAttrCase<"constant", 0>,
    I32EnumAttrCase<"edge", 1>,
    I32EnumAttrCase<"reflect", 2>,
    // ONNX opset 19: the input repeated as on a torus
    I32EnumAttrCase<"wrap", 3>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::cnnc::cnn";
}
def Cnn_PadModeAttr : Cnn_EnumAttr<Cnn_PadMode, "pad_mode">;

def Cnn_DepthToSpaceMode
    : I32EnumAttr<"DepthToSpaceMode", "ONNX DepthToSpace mode", [
    I32EnumAttrCase<"dcr", 0>,
    I32EnumAttrCase<"crd", 1>]> {
  let genSpecializedAttr = 0;
  let cppNamespace = "::cnnc::cnn";
}
def Cnn_DepthToSpaceModeAttr
    : Cnn_EnumAttr<Cnn_DepthToSpaceMode, "depth_to_space_mode">;

#endif // CNNC_DIALECTS_CNN_IR_CNNATTRS_TD
