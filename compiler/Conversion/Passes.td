//===- Passes.td - cnnc conversion passes ------------------*- tablegen -*-===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_COMPILER_CONVERSION_PASSES_TD
#define CNNC_COMPILER_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertCnnToLinalg : Pass<"convert-cnn-to-linalg", "::mlir::func::FuncOp"> {
  let summary = "Lower cnn ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Rewrites every cnn op into destination-passing linalg ops on tensors
    (named ops where they fit, `linalg.generic` otherwise), with `tensor`
    ops for padding, slicing and reshaping. Layout stays ONNX's (N, C,
    spatial...); all shapes must be static.

    With `vector-bits` 256 or 512, 2-D convolutions (any group count) take
    the fast form instead: NHWC input, weights packed at compile time to
    `[F/B, KH, KW, C, B]` (B = two vector registers of output channels, or
    one where that pads F less; zero-padded), and one `linalg.generic`
    marked `cnnc.conv` that `cnnc-vectorize-conv` turns into a
    register-tiled kernel. Depthwise and
    grouped convs: see PackedConvolution.cpp. With `winograd`, eligible
    3x3 convs take the Winograd F(2x2, 3x3) form (PackedConvolution.cpp,
    lowerWinograd).

    Contract: no cnn op is left; an op that cannot be lowered is reported at
    its location (which names the ONNX node) and the pass fails.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
  let options = [
    Option<"vectorBits", "vector-bits", "unsigned", /*default=*/"0",
           "Vector register width of the target in bits (0: generic loops only)">,
    Option<"winograd", "winograd", "std::string", /*default=*/"\"off\"",
           "3x3 stride-1 convs as Winograd F(2x2, 3x3) (16 packed 1x1 convs "
           "between an input and an output transform): off, auto (64+ "
           "channels in and out, maps of 36+ 2x2 tiles; cnnc's default) or "
           "all (any channel count and map)">,
  ];
}

#endif // CNNC_COMPILER_CONVERSION_PASSES_TD
