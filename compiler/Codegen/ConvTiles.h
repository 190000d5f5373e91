//===- ConvTiles.h - register tile plans of conv kernels --------*- C++ -*-===//
//
// Part of cnnc.
//
/// \file
/// The `tiled` phase of a convolution: which generic is a conv kernel, and
/// the plan its kernel follows (register tile, work items, border
/// rectangles, thread split). `cnnc-select-conv-tiles` attaches the plan to
/// the generic as `cnnc.tile`; `cnnc-vectorize-conv` emits the kernel the
/// attached plan describes (after checking it), or plans itself when none
/// is attached.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_COMPILER_CODEGEN_CONVTILES_H
#define CNNC_COMPILER_CODEGEN_CONVTILES_H

#include "compiler/Codegen/Passes.h"

#include "mlir/IR/BuiltinAttributes.h"

#include <optional>

namespace cnnc {

struct ConvShape {
  int64_t n, oh, ow, fb, block, kh, kw, c;
  int64_t sh, sw, dh, dw;
  /// Depthwise: weights [KH, KW, Cp], channel block fb of input and output.
  bool depthwise = false;
  /// Grouped (groupOut > 0): block fb reads the c input channels from
  /// ((fb * block) / groupOut) * groupIn on.
  int64_t groupOut = 0, groupIn = 0;
  /// The zero padding around the input (top, left, bottom, right): taps
  /// that read it may be skipped.
  int64_t pads[4] = {0, 0, 0, 0};
  int64_t hp = 0, wp = 0; // padded input extent
  /// Winograd's 16 GEMMs (`cnnc.winograd_gemm`): described as such.
  bool winogradGemm = false;

  bool padded() const { return pads[0] || pads[1] || pads[2] || pads[3]; }
  /// Grouped: the input channels block `b`'s outputs read (its groups).
  int64_t windowChannels(int64_t b) const {
    int64_t first = b * block / groupOut;
    int64_t last = (b * block + block - 1) / groupOut;
    return std::min((last - first + 1) * groupIn, c);
  }
  /// The multiply-adds' FLOPs.
  double flops() const {
    return 2.0 * n * oh * ow * fb * block * kh * kw *
           (depthwise  ? 1
            : groupOut ? groupIn
                       : c);
  }
};

/// Output positions [o0, o1) along one dimension whose valid kernel taps
/// (those not reading padding) are [k0, k1).
struct Band {
  int64_t o0, o1, k0, k1;
};

/// The bands of one dimension: consecutive outputs with the same valid
/// taps; one band over all outputs and taps when `clip` is false.
llvm::SmallVector<Band> bandsOf(int64_t outs, int64_t stride, int64_t dilation,
                                int64_t k, int64_t padBegin, int64_t size,
                                bool clip);

/// A rectangle of output pixels that share their valid taps, tiled flat:
/// `full` tiles of the register tile's size and one of `rem` pixels.
struct Rect {
  Band rows, cols;
  int64_t full = 0, rem = 0;
  int64_t pixels() const { return (rows.o1 - rows.o0) * (cols.o1 - cols.o0); }
  int64_t taps() const { return (rows.k1 - rows.k0) * (cols.k1 - cols.k0); }
  int64_t tiles() const { return full + (rem ? 1 : 0); }
};

/// A conv generic on buffers and the ops its kernel absorbs.
struct ConvMatch {
  mlir::linalg::GenericOp op;
  ConvShape shape;
  /// The elementwise generic updating the output in place right after it.
  mlir::linalg::GenericOp epilogue;
  /// The bias broadcast or fill that initialises the output, if any.
  mlir::Operation *init = nullptr;
  /// The input's pad copy, and its source if the kernel may read that
  /// instead (nothing writes it before the kernel).
  std::optional<PadCopy> pad;
  mlir::Value padSource;
};

/// The generic marked `cnnc.conv` (input `[N, Hp, Wp, C]`, weights
/// `[F/B, KH, KW, C, B]`) or `cnnc.dwconv` (input `[N, Hp, Wp, Cp]`,
/// weights `[KH, KW, Cp]`), output `[N, OH, OW, F/B, B]`, with B a multiple
/// of `vectorLen`; failure when its buffers do not have that form.
mlir::FailureOr<ConvMatch> matchConvKernel(mlir::linalg::GenericOp op,
                                           int64_t vectorLen);

/// How a conv kernel covers its output. Work items are, per image and
/// group of `blocks` channel blocks: output rows in blocks of `rows`
/// (Rows), tiles of `pixels` consecutive pixels of the row-major map
/// (Flat), or the tiles of `pixels` of each rectangle in turn (Rects).
struct ConvTilePlan {
  enum class Mode { Rows, Flat, Rects };
  Mode mode = Mode::Rows;
  /// Channel blocks per register tile (vectors per pixel: blocks * B / VL).
  int64_t blocks = 1;
  /// Pixels per register tile (Flat, Rects; Rows of a depthwise conv
  /// reading its unpadded source: the widest tile of a column band).
  int64_t pixels = 1;
  /// Rows: a register tile is `rows` x `cols` pixels.
  int64_t rows = 1, cols = 1;
  /// Rects: rectangles with the kernel taps each reduces over.
  llvm::SmallVector<Rect> rects;
  /// The kernel reads the unpadded source of the input's pad copy.
  bool readThrough = false;
  /// Work items ordered (n, pixels, block) rather than (n, block, pixels).
  bool spatialMajor = false;
  /// Work items split over threads.
  bool parallel = false;
};

/// What of the target's core the planner weighs besides the vector length.
struct TileTarget {
  int64_t vectorLen = 16;
  /// Tiles of 4 vectors x 6 pixels rather than 2 x 12 where the weights
  /// allow: Intel's AVX-512 cores (two 512-bit FMA ports). Measured on an
  /// Emerald Rapids VM, alternating runs: ResNet's 1x1 64 -> 256 and
  /// 256 -> 64 convs on 56x56 7-13% faster (0.70 -> 0.65 ms, 0.80 -> 0.69),
  /// VGG's 3x3 64-channel conv on 224x224 (direct) 7%, ResNet-50 and
  /// DenseNet-121 2%; 14x14 and 28x28 layers the same. AMD's cores (Zen 4
  /// and 5) ran the 2 x 12 tiles at 95-98% of peak and keep them.
  bool wideTiles = false;
};

/// The TileTarget of a CPU named as LLVM names it (`sys::getHostCPUName`,
/// `--target`), with vectors of `vectorBits`.
TileTarget tileTargetFor(unsigned vectorBits, llvm::StringRef cpu);

/// The plan cnnc picks for `m` (see the rationale in ConvTiles.cpp).
ConvTilePlan planConvTiles(const ConvMatch &m, const TileTarget &target);

/// The attribute holding a conv's plan on its generic.
inline constexpr llvm::StringLiteral kConvTileAttrName = "cnnc.tile";
mlir::DictionaryAttr convTileAttr(mlir::MLIRContext *ctx,
                                  const ConvTilePlan &plan);
/// The plan attached to `m.op` (nullopt: none), checked against the conv:
/// an error on the op when it could not be followed or would compute
/// something else.
mlir::FailureOr<std::optional<ConvTilePlan>>
attachedConvTiles(const ConvMatch &m, int64_t vectorLen);

} // namespace cnnc

#endif // CNNC_COMPILER_CODEGEN_CONVTILES_H
