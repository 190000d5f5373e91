//===- Passes.td - cnnc codegen passes ---------------------*- tablegen -*-===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_COMPILER_CODEGEN_PASSES_TD
#define CNNC_COMPILER_CODEGEN_PASSES_TD

include "mlir/Pass/PassBase.td"

def CnncPlanMemory : Pass<"cnnc-plan-memory", "::mlir::func::FuncOp"> {
  let summary = "Place every intermediate buffer in one arena at a planned offset";
  let description = [{
    Runs after bufferization on the graph function. Every `memref.alloc` in the
    function body becomes a `memref.view` into one byte buffer passed as a new
    last function argument (`memref<Nxi8>`, the arena), at an offset chosen at
    compile time. Two buffers share bytes only when their live ranges (first
    to last use, aliases such as subviews and reshapes included, in the body's
    op order) do not overlap; offsets are assigned largest buffer first, at
    the lowest 64-byte-aligned offset free over the buffer's live range.

    Contract: afterwards the function allocates nothing; its arena size in
    bytes is the `cnnc.arena_bytes` attribute. An allocation that is not in
    the function body's block (inside a loop) or has a dynamic size is
    reported and the pass fails. So is an arena over `max-bytes` (when
    non-zero; `cnnc --max-arena`) or over 2^47 bytes: the error names the
    size and the layers whose buffers are live at the plan's peak.
  }];
  let options = [
    Option<"maxBytes", "max-bytes", "int64_t", /*default=*/"0",
           "Largest arena allowed in bytes (0: no limit but 2^47)">
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect"];
}

def CnncCopyToLinalg : Pass<"cnnc-copy-to-linalg", "::mlir::func::FuncOp"> {
  let summary = "Rewrite memref.copy as linalg.copy";
  let description = [{
    Bufferization copies with `memref.copy`, which lowers to a call into MLIR's
    C runner library for non-contiguous views. Generated code must need
    nothing beyond libc, so copies become `linalg.copy` and then plain loops.
    A copy whose source and target are the same value is erased.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def CnncPadInPlace : Pass<"cnnc-pad-in-place", "::mlir::func::FuncOp"> {
  let summary = "Producers write into the interior of their consumer's padded input";
  let description = [{
    On tensors, before bufferization. `tensor.insert_slice %r into
    linalg.fill(bufferization.alloc_tensor)` (a padded conv or pool input),
    where `%r` (or the `tensor.collapse_shape` source of `%r`) is the result
    of a chain of linalg ops that starts from a `tensor.empty`, or of
    `tensor.insert_slice`s into an uninitialized
    `bufferization.alloc_tensor` of values computed in slices of it (the
    bands of a Winograd output): the padded buffer is allocated and filled
    before the chain, which starts from `tensor.extract_slice` of the
    interior (expanded back to the chain's shape) instead of the empty
    tensor. Bufferization then writes the producer's result in place and
    the insertion copies nothing. Only the border is filled when the chain
    writes the whole interior without reading it.
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect",
                           "::mlir::tensor::TensorDialect"];
}

def CnncElideCopies : Pass<"cnnc-elide-copies", "::mlir::func::FuncOp"> {
  let summary = "Producers write where a copy of their whole result would go";
  let description = [{
    On buffers, before memory planning. `linalg.copy` of a whole
    `memref.alloc` A (directly or through one collapse_shape) into a static
    unit-stride subview of another allocation D is erased when nothing
    writes A after it and D is used before the copy only by a whole fill
    and by subviews disjoint from this one: D (and its fill) move before A,
    and A is replaced by the subview (expanded back to A's shape), every
    view of A re-derived with its strided type. Concatenations and padded
    inputs then cost no copy.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def CnncResultsInPlace : Pass<"cnnc-results-in-place", "::mlir::func::FuncOp"> {
  let summary = "Write a result whose buffer is only reshaped into its out-parameter";
  let description = [{
    A `linalg.copy` of a whole allocation, seen through
    `memref.collapse_shape` / `memref.expand_shape` only, into an
    out-parameter (a block argument used by nothing else) goes away when
    nothing uses the allocation after it: the allocation is replaced by the
    out-parameter reshaped to its type. (Bufferization's own hoisting only
    handles a returned allocation itself.)
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def CnncFlattenFills : Pass<"cnnc-flatten-fills", "::mlir::func::FuncOp"> {
  let summary = "Fill contiguous buffers as one flat range";
  let description = [{
    A `linalg.map` without inputs whose body yields a value from outside
    (bufferization's fill of a padded buffer) becomes `linalg.fill`, and a
    fill of a static contiguous buffer fills its 1-D view. Lowered as a
    4-D nest, a fill of 64 channels had its channel loop unrolled by LLVM
    and the next loop vectorized with scatter stores (googlenet's padded
    max-pool input: 8 GB/s); one flat loop is a vector store stream.
    Runs after cnnc-vectorize-conv, which reads conv output fills as they
    are.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::memref::MemRefDialect"];
}

def CnncVectorizePool : Pass<"cnnc-vectorize-pool", "::mlir::func::FuncOp"> {
  let summary = "Vector kernels for NHWC max and average pooling and max-unpooling";
  let description = [{
    Runs on buffers. Each `linalg.generic` marked
    `cnnc.pool = [kh, kw, sh, sw, dh, dw, max]` by `convert-cnn-to-linalg`
    (padded input `[N, Hp, Wp, C]`, output `[N, OH, OW, C]` holding the
    start value) with C a multiple of the vector length becomes an
    `scf.for` over output rows (marked `cnnc.parallel`), pixels and groups
    of up to four channel vectors, each group's accumulators loaded once,
    reduced over the unrolled window with `arith.maximumf` / `arith.addf`
    and stored once. A pool whose padded input is a copy of a function
    argument (a graph input) in a buffer filled with the pool's identity
    (-inf for max, 0 for sum) reads the argument itself, its windows
    clipped at the borders, and the fills and the copy go. Each max-unpool
    gather marked `cnnc.unpool = [kh, kw]`
    (pooled values `[N, OH, OW, C]`, the pool's input and the output as
    `[N, OH, KH, OW, KW, C]`) becomes, per window and channel vector, the
    window's loads, its maximum, and one store per tap of the value or 0
    (masks pick the first tap holding the maximum). Other marked generics
    are left as they are.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "unsigned", /*default=*/"512",
           "Vector register width of the target in bits (256 or 512)">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

def CnncLegalizeEmptyArgs : Pass<"cnnc-legalize-empty-args", "::mlir::func::FuncOp"> {
  let summary = "Give zero-element memref arguments a one-element type";
  let description = [{
    ONNX allows tensors with a zero-sized dimension. The bare-pointer calling
    convention cannot convert a zero-element memref argument, yet the C entry
    point passes a pointer for it all the same. The argument becomes
    `memref<1xT>` and its uses see a `memref.reinterpret_cast` to the
    original (empty) shape.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def CnncOutlineKernels : Pass<"cnnc-outline-kernels", "::mlir::ModuleOp"> {
  let summary = "Move every loop nest of the graph function into its own function";
  let description = [{
    Runs on buffers, after the arena plan. Each op with regions in the body
    of a graph function (a linalg op, an scf loop) moves into a new private
    function `@<graph>_kernel_<i>` marked `cnnc.kernel`, and is replaced by a
    call. The function's arguments are the buffers the op's views start
    from (graph arguments, a buffer's `memref.view` of the arena, weight
    globals); the views on those (subview, reshapes) and constants are
    cloned into it. Kernels that come out identical but for their names are
    kept once (repeated layers compile once).

    Why: LLVM's loop passes (LoopRotate, IndVarSimplify) grow faster than
    linearly with function size, so one function holding a whole network
    (DenseNet-121: 2 minutes of -O1) compiles in seconds once split; the
    kernels stay separate (`noinline`) and are the unit later passes tile and
    parallelize.
  }];
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

def CnncSelectConvTiles
    : Pass<"cnnc-select-conv-tiles", "::mlir::func::FuncOp"> {
  let summary = "Choose each conv kernel's register tile plan (the tiled phase)";
  let description = [{
    Runs on buffers, before `cnnc-vectorize-conv`. Each generic that pass
    would turn into a register-tiled kernel (see its description) gets the
    kernel's plan as `cnnc.tile`, a dictionary:
    `mode` ("rows": work items of `rows` output rows, tiles of `rows` x
    `cols` pixels; "flat": tiles of `pixels` consecutive pixels of the
    row-major map; "rects": the map cut into `rects`, 8 values each - output
    rows [o0, o1) and the kernel rows [k0, k1) they reduce over, then the
    same for columns - each tiled by `pixels`), `blocks` (channel blocks of
    B outputs per tile), `pixels`, `order` ("channel": work items by
    channel block, then pixels; "spatial": the other way), `read_through`
    (the kernel reads the pad copy's unpadded source and skips its fill and
    copy), `parallel` (split over threads). A plan already attached (pinned
    by hand) is kept.

    `cnnc-vectorize-conv` follows an attached plan after checking that it
    computes the conv (blocks divide the channel blocks; rectangles
    partition the map and skip only taps that read padding; at most 64
    accumulators) and reports an error on the generic otherwise; without a
    plan it chooses the same one itself.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "unsigned", /*default=*/"512",
           "Vector register width of the target in bits (256 or 512)">,
    Option<"cpu", "cpu", "std::string", /*default=*/"\"\"",
           "LLVM name of the target CPU (e.g. sapphirerapids, znver4); its "
           "core decides the register tile's shape (see ConvTiles.h)">,
  ];
}

def CnncVectorizeConv : Pass<"cnnc-vectorize-conv", "::mlir::func::FuncOp"> {
  let summary = "Register-tiled vector kernels for packed NHWC convolutions";
  let description = [{
    Runs on buffers. Each `linalg.generic` marked `cnnc.conv = [sh, sw, dh,
    dw]` by `convert-cnn-to-linalg` (input `[N, Hp, Wp, C]`, packed weights
    `[F/B, KH, KW, C, B]`, output `[N, OH, OW, F/B, B]` holding the bias)
    becomes an `scf.for` nest over output rows and pixel tiles whose body
    keeps a tile of T pixels x B channels in vector registers across the
    whole (kh, c, kw) reduction: `vector.load` of weights, `vector.broadcast`
    of input scalars, `vector.fma`, one load and one store of the output.
    Grouped convs carry `[sh, sw, dh, dw, Fg, Cg]`: block fb reads its C
    window from input channel ((fb * B) floordiv Fg) * Cg on.
    `cnnc.dwconv` (depthwise, weights `[KH, KW, Cp]`) loads input vectors.
    The tile, its channel blocks and how tiles cover the map follow the
    `cnnc.tile` plan attached by `cnnc-select-conv-tiles`, or the same
    choice made here when none is attached.

    Contract: a marked generic whose buffers do not have that form is left
    unchanged (it still lowers to correct loops).
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "unsigned", /*default=*/"512",
           "Vector register width of the target in bits (256 or 512)">,
    Option<"cpu", "cpu", "std::string", /*default=*/"\"\"",
           "LLVM name of the target CPU (e.g. sapphirerapids, znver4); its "
           "core decides the register tile's shape (see ConvTiles.h)">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::LLVM::LLVMDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

def CnncTileTransposes : Pass<"cnnc-tile-transposes", "::mlir::func::FuncOp"> {
  let summary = "Transpose buffers in square blocks of the swapped dimensions";
  let description = [{
    Runs on buffers. A `linalg.transpose` that moves the innermost dimension
    (the NCHW <-> NHWC changes at the graph's boundary) becomes loops: the
    other dimensions outermost (the first one of more than one iteration
    marked `cnnc.parallel` when the transpose has at least 2^16 elements),
    then blocks of the two swapped dimensions, so reads and writes of a
    block stay in L1. Where both swapped dimensions are at least a vector
    (16 f32 lanes at 512 bits, 8 at 256) the blocks are lanes x lanes: one
    vector load per input row, log2(lanes) rounds of interleaving
    `vector.shuffle`s, one vector store per output row, with masked loads
    and stores for the blocks that the shape cuts. Otherwise, when the
    swapped dimension is short (up to 64) and the output rows are whole
    16-lane vectors, each output row is written whole from gathers; else
    16 x 16 blocks of scalar elements, the output's contiguous dimension
    innermost.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "unsigned", /*default=*/"512",
           "Vector register width of the target in bits (256 or 512)">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

def CnncApproximateVectorMath : Pass<"cnnc-approximate-vector-math", "::mlir::ModuleOp"> {
  let summary = "Polynomial approximations of exp, tanh and erf on vectors";
  let description = [{
    `math.exp`, `math.tanh` and `math.erf` with vector results (the sigmoid,
    SiLU, tanh and GELU of fused conv epilogues) become MLIR's polynomial approximations
    (relative error near float precision) instead of per-lane libm calls.
    With `scalars`, f32 scalar ones as well (so that LLVM can vectorize the
    loops around them); otherwise scalar math is not changed.
  }];
  let options = [
    Option<"scalars", "scalars", "bool", /*default=*/"false",
           "Also approximate f32 scalar exp, tanh and erf">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
}

def CnncParallelizeKernels : Pass<"cnnc-parallelize-kernels", "::mlir::ModuleOp"> {
  let summary = "Split kernels with a parallel loop into a range function";
  let description = [{
    Runs after `cnnc-outline-kernels`. A kernel whose body holds one
    `scf.for` marked `cnnc.parallel` (lower bound 0, step 1, no results;
    iterations independent, as the codegen passes that set the mark
    guarantee) gets a private `@<kernel>_range(args..., %begin, %end)`,
    marked `cnnc.parallel_range`, running iterations [begin, end); the kernel
    itself calls it once over the whole range.

    Contract: semantics unchanged; `cnnc-lower-parallel-calls` turns the
    calls into work for the runtime's thread pool.
  }];
  let dependentDialects = ["::mlir::func::FuncDialect",
                           "::mlir::scf::SCFDialect"];
}

def CnncLowerParallelCalls : Pass<"cnnc-lower-parallel-calls", "::mlir::ModuleOp"> {
  let summary = "Run calls to range functions on the runtime's thread pool";
  let description = [{
    Runs on the LLVM dialect (bare-pointer calling convention). Each call to
    an `llvm.func` marked `cnnc.parallel_range`, with pointer arguments and
    an i64 range [0, n), becomes a call
    `cnnrt_parallel_for(@<range>_task, ctx, n)`: the pointers go into a
    stack array `ctx` that the generated `@<range>_task(ctx, begin, end)`
    unpacks before calling the range function on [begin, end).

    Contract: the module then references `cnnrt_parallel_for`
    (runtime/threadpool.c), which cnnc links into every artifact.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def CnncInstrumentKernels : Pass<"cnnc-instrument-kernels", "::mlir::ModuleOp"> {
  let summary = "Bracket kernel calls with the runtime's profiling hooks";
  let description = [{
    Runs on the LLVM dialect. In every graph function, each call to a
    `cnnc.kernel` function gets `cnnrt_profile_enter(id, name, flops)` before
    and `cnnrt_profile_exit(id)` after; `name` is a constant string with the
    kernel's `cnnc.desc` and the ONNX node or .cnn line of the call's
    location, `flops` its `cnnc.flops` (0 if unknown). The runtime ignores
    the hooks unless profiling is on (`./model --profile`).
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // CNNC_COMPILER_CODEGEN_PASSES_TD
