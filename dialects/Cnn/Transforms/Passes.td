//===- Passes.td - cnn dialect passes ----------------------*- tablegen -*-===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_DIALECTS_CNN_TRANSFORMS_PASSES_TD
#define CNNC_DIALECTS_CNN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def CnnInferShapes : Pass<"cnn-infer-shapes", "::mlir::ModuleOp"> {
  let summary = "Refine the result types of cnn ops from their operands";
  let description = [{
    Walks every function in order and replaces each cnn op's result types by
    the types its shape rules infer from the (already refined) operands, so
    dynamic dimensions (`?`) written by a front end or left after `--bind`
    become static. Function result types follow the refined return values;
    a function that is called from elsewhere keeps its signature and gets a
    `tensor.cast` before the return instead. A non-cnn user of a refined value
    likewise sees a `tensor.cast` to the type it had.

    Contract: after the pass every cnn result type is exactly the inferred
    type. An op whose shape rules fail, or whose result (or a function
    argument) is past cnnc's size limits (a dimension over 2^31, a tensor
    over 2^47 bytes), is reported with its error and the pass fails.
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def CnnChannelsLastIO : Pass<"cnn-channels-last-io", "::mlir::ModuleOp"> {
  let summary = "Channels-last (NHWC) inputs and outputs for the @main graph";
  let description = [{
    Every 4-D argument of `@main` becomes (N, H, W, C), followed by a
    `cnn.transpose` to the graph's (N, C, H, W); every 4-D result is
    transposed to (N, H, W, C) before the return. Selected by
    `cnnc --io-layout=nhwc`.

    Contract: the graph computes the same values; only the layout of its
    4-D inputs and outputs changes (in the C header, `--info` and `.npy`).
  }];
}

def CnnFoldBatchNorm : Pass<"cnn-fold-batch-norm", "::mlir::func::FuncOp"> {
  let summary = "Fold inference batch normalization into the conv, transposed conv or gemm before it";
  let description = [{
    `batch_norm(conv(x, w, b))`, where the conv's result has no other user
    and its weights, bias and the normalization's statistics are constant,
    becomes `conv(x, w * k, (b - mean) * k + beta)` with
    `k = scale / sqrt(var + epsilon)` per output channel, computed at compile
    time (in double precision). Likewise after a `cnn.conv_transpose`
    (weights `[C, M/g, ...]`: output channel `group * M/g + j`) and after a
    `cnn.gemm` (the columns of `b`, or its rows with `trans_b`; `beta * c`,
    per feature or a scalar, becomes the new `c` and `beta` 1). Runs before
    cnn-decompose-conv-transpose.

    Contract: semantics unchanged up to rounding; a batch normalization that
    does not follow such a conv (DenseNet's BN -> ReLU -> Conv) is left for
    cnn-fuse-prologue.
  }];
}

def CnnFoldPad : Pass<"cnn-fold-pad", "::mlir::func::FuncOp"> {
  let summary = "Fold explicit spatial padding into the conv or pool that reads it";
  let description = [{
    A constant `cnn.pad` of the spatial dimensions only (non-negative
    amounts) in front of a `cnn.conv`/`cnn.fused_conv` (value 0), a
    `cnn.avg_pool` (value 0; the pool then counts the pads, which it must
    already do if it has pads of its own; not with ceil_mode) or a
    `cnn.max_pool` (value -inf, or 0 when the padded data is provably
    non-negative - after relu, sigmoid, clip at >= 0 - and no window can be
    all padding; no argmax result, no ceil_mode) becomes part of the op's
    own `pads`.

    Contract: results unchanged bit for bit; the pad stays while it has
    other users.
  }];
}

def CnnFuseEpilogue : Pass<"cnn-fuse-epilogue", "::mlir::func::FuncOp"> {
  let summary = "Fuse activations and residual adds into 2-D convolutions";
  let description = [{
    A 2-D `cnn.conv` (explicit pads) followed by a chain of
    activation (Relu, LeakyRelu, Clip/Relu6, Sigmoid, Tanh, HardSigmoid,
    HardSwish, SiLU as x * sigmoid(x)), `cnn.add` of a residual of the same
    shape, and one more activation becomes one `cnn.fused_conv` carrying that
    epilogue. Each step requires the intermediate value to have no other
    user, so nothing another op reads is fused away. A `cnn.batch_norm`
    followed by an activation takes it as its `activation` attribute, and
    so does a `cnn.gemm` (dense layers of classifier heads). An
    activation after a `cnn.depth_to_space` or `cnn.slice` of a conv's
    result (a decomposed transposed conv) moves in front of it first.

    Contract: semantics unchanged; the fused ops replace the chain's last op.
  }];
}

def CnnFusePrologue : Pass<"cnn-fuse-prologue", "::mlir::func::FuncOp"> {
  let summary = "Fuse a batch norm (and activation) into the conv that reads it";
  let description = [{
    `conv(activation(batch_norm(x)))` - a batch norm with constant
    statistics that cnn-fold-batch-norm could not fold backwards, optionally
    followed by one activation, each used only by the next - becomes
    `cnn.fused_conv(x)` with `input_scale`, `input_shift` (the batch norm as
    one multiply-add per channel, computed at compile time) and
    `input_activation`. Runs after cnn-fuse-epilogue so the conv may already
    carry an epilogue.

    Contract: semantics unchanged up to rounding (the normalization is one
    fused multiply-add instead of subtract, divide, multiply, add).
  }];
}

def CnnDecomposeConvTranspose
    : Pass<"cnn-decompose-conv-transpose", "::mlir::func::FuncOp"> {
  let summary = "Transposed convolutions as sub-pixel convolutions";
  let description = [{
    A 2-D `cnn.conv_transpose` (group 1, no dilation, equal strides s,
    constant weights) becomes a stride-1 `cnn.conv` with s*s*F outputs and
    a ceil(k/s)-sized kernel (one output phase per s*s block of output
    channels, weights rearranged and flipped at compile time),
    `cnn.depth_to_space` (DCR, block s) interleaving the phases, and a
    `cnn.slice` for the pads. No zero-inserted input is built, and the conv
    takes the packed path.

    Contract: results unchanged up to rounding (the same products, summed
    in another order).
  }];
}

#endif // CNNC_DIALECTS_CNN_TRANSFORMS_PASSES_TD
