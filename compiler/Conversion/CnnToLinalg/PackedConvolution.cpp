//===- PackedConvolution.cpp - 2-D conv in NHWC with packed weights -------===//
//
// Part of cnnc.
//
/// The fast lowering of a 2-D convolution (groups = 1, f32, static shapes):
///
///   x NCHW --pad+transpose--> xp [N, H+pt+pb, W+pl+pr, C]          (NHWC)
///   w [F, C, KH, KW] --packed at compile time--> [F/B, KH, KW, C, B]
///   y [N, OH, OW, F/B, B] = bias; y += xp (*) w   (linalg.generic, marked)
///   y --collapse, slice F, transpose--> NCHW
///
/// B is the output-channel block of the register tile (two vector registers
/// of the target); F is zero-padded to a multiple of B so the kernel never
/// masks. The marked generic (`cnnc.conv = [sh, sw, dh, dw]`) has exact
/// linalg semantics, so any later path (loops at -O0, tiling) stays correct;
/// `cnnc-vectorize-conv` replaces it with a register-tiled kernel after
/// bufferization.
///
/// The layout changes at the conv's boundary are memory-bound copies; the
/// graph-level layout pass will remove them between consecutive layers.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/CnnToLinalg/Patterns.h"
#include "compiler/Conversion/CnnToLinalg/Utils.h"

#include "Cnn/IR/CnnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace cnnc::cnn;

namespace cnnc {

std::optional<std::vector<float>> readF32Constant(Value v) {
  Attribute attr;
  if (!v || !matchPattern(v, m_Constant(&attr)))
    return std::nullopt;
  auto type = dyn_cast<RankedTensorType>(v.getType());
  if (!type || !type.getElementType().isF32() || !type.hasStaticShape())
    return std::nullopt;
  size_t count = type.getNumElements();
  if (auto dense = dyn_cast<DenseElementsAttr>(attr)) {
    auto values = dense.getValues<float>();
    return std::vector<float>(values.begin(), values.end());
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return std::nullopt;
    ArrayRef<char> data = blob->getData();
    if (data.size() != count * sizeof(float))
      return std::nullopt;
    std::vector<float> values(count);
    std::memcpy(values.data(), data.data(), data.size());
    return values;
  }
  return std::nullopt;
}

Value f32ResourceConstant(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                          ArrayRef<float> values, StringRef name) {
  auto type = RankedTensorType::get(shape, b.getF32Type());
  // 64-byte alignment: the kernels read whole cache lines of weights.
  AsmResourceBlob blob = HeapAsmResourceBlob::allocateAndCopyWithAlign(
      ArrayRef<char>(reinterpret_cast<const char *>(values.data()),
                     values.size() * sizeof(float)),
      64);
  auto attr = DenseResourceElementsAttr::get(type, name, std::move(blob));
  return arith::ConstantOp::create(b, loc, type, attr);
}

namespace {

struct PackedConvLowering : OpConversionPattern<ConvOp> {
  PackedConvLowering(MLIRContext *ctx, unsigned vectorBits)
      : OpConversionPattern(ctx, /*benefit=*/2), vectorBits(vectorBits) {}

  LogicalResult
  matchAndRewrite(ConvOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (op.getAutoPad() != AutoPad::notset)
      return rewriter.notifyMatchFailure(op, "auto_pad not resolved");
    Value input = adaptor.getInput(), weight = adaptor.getWeight();
    auto in = cast<RankedTensorType>(input.getType());
    auto wt = cast<RankedTensorType>(weight.getType());
    auto out = cast<RankedTensorType>(op.getType());
    if (in.getRank() != 4 || op.getGroup() != 1 ||
        !in.getElementType().isF32() || !in.hasStaticShape() ||
        !out.hasStaticShape() || !wt.hasStaticShape() ||
        out.getNumElements() == 0 || in.getNumElements() == 0)
      return rewriter.notifyMatchFailure(op, "not a static 2-D f32 conv");
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type f32 = rewriter.getF32Type();
    int64_t n = in.getDimSize(0), c = in.getDimSize(1), h = in.getDimSize(2),
            w = in.getDimSize(3);
    int64_t f = wt.getDimSize(0), kh = wt.getDimSize(2),
            kw = wt.getDimSize(3);
    int64_t oh = out.getDimSize(2), ow = out.getDimSize(3);
    int64_t block = 2 * (vectorBits / 32);
    int64_t fb = (f + block - 1) / block, fp = fb * block;
    SmallVector<int64_t> pads(4, 0), strides(2, 1), dilations(2, 1);
    if (auto p = op.getPads())
      pads.assign(p->begin(), p->end());
    if (auto s = op.getStrides())
      strides.assign(s->begin(), s->end());
    if (auto d = op.getDilations())
      dilations.assign(d->begin(), d->end());
    // Negative pads crop; the generic path handles those.
    if (llvm::any_of(pads, [](int64_t p) { return p < 0; }))
      return rewriter.notifyMatchFailure(op, "negative pads");
    int64_t hp = h + pads[0] + pads[2], wp = w + pads[1] + pads[3];

    // Input: zero-filled NHWC buffer, the transposed input in its interior.
    auto xpType = RankedTensorType::get({n, hp, wp, c}, f32);
    Value zero = floatConst(rewriter, loc, f32, 0);
    Value xp = filledTensor(rewriter, loc, xpType, zero);
    SmallVector<OpFoldResult> offsets = {
        rewriter.getIndexAttr(0), rewriter.getIndexAttr(pads[0]),
        rewriter.getIndexAttr(pads[1]), rewriter.getIndexAttr(0)};
    SmallVector<OpFoldResult> sizes = {
        rewriter.getIndexAttr(n), rewriter.getIndexAttr(h),
        rewriter.getIndexAttr(w), rewriter.getIndexAttr(c)};
    SmallVector<OpFoldResult> ones(4, rewriter.getIndexAttr(1));
    auto interiorType = RankedTensorType::get({n, h, w, c}, f32);
    Value interior = tensor::ExtractSliceOp::create(
        rewriter, loc, interiorType, xp, offsets, sizes, ones);
    Value transposed =
        linalg::TransposeOp::create(rewriter, loc, input, interior,
                                    ArrayRef<int64_t>{0, 2, 3, 1})
            .getResult()[0];
    xp = tensor::InsertSliceOp::create(rewriter, loc, transposed, xp, offsets,
                                       sizes, ones);

    // Weights [F, C, KH, KW] -> [F/B, KH, KW, C, B], zero-padded in F.
    SmallVector<int64_t> packedShape = {fb, kh, kw, c, block};
    auto packedType = RankedTensorType::get(packedShape, f32);
    Value packed;
    if (std::optional<std::vector<float>> values =
            readF32Constant(op.getWeight())) {
      std::vector<float> p(fp * kh * kw * c, 0.0f);
      const std::vector<float> &src = *values;
      for (int64_t m = 0; m < f; ++m)
        for (int64_t ci = 0; ci < c; ++ci)
          for (int64_t y = 0; y < kh; ++y)
            for (int64_t x = 0; x < kw; ++x)
              p[((((m / block) * kh + y) * kw + x) * c + ci) * block +
                m % block] = src[((m * c + ci) * kh + y) * kw + x];
      packed = f32ResourceConstant(rewriter, loc, packedShape, p,
                                   "conv_packed");
    } else {
      // Weights computed at run time (a graph input): pack them there.
      Value padded =
          padConstant(rewriter, loc, weight, {0, 0, 0, 0},
                      {fp - f, 0, 0, 0}, zero);
      AffineExpr dFb = getAffineDimExpr(0, ctx), dKh = getAffineDimExpr(1, ctx),
                 dKw = getAffineDimExpr(2, ctx), dC = getAffineDimExpr(3, ctx),
                 dB = getAffineDimExpr(4, ctx);
      SmallVector<AffineMap> maps = {
          AffineMap::get(5, 0, {dFb * block + dB, dC, dKh, dKw}, ctx),
          AffineMap::getMultiDimIdentityMap(5, ctx)};
      packed = linalg::GenericOp::create(
                   rewriter, loc, TypeRange{packedType}, ValueRange{padded},
                   ValueRange{emptyTensor(rewriter, loc, packedType)}, maps,
                   parallelIterators(5),
                   [](OpBuilder &b, Location l, ValueRange args) {
                     linalg::YieldOp::create(b, l, args[0]);
                   })
                   .getResult(0);
    }

    // Output [N, OH, OW, F/B, B] starting from the bias.
    auto yType = RankedTensorType::get({n, oh, ow, fb, block}, f32);
    Value init;
    if (Value bias = adaptor.getBias()) {
      Value biasBlocks;
      if (std::optional<std::vector<float>> values =
              readF32Constant(op.getBias())) {
        std::vector<float> p(fp, 0.0f);
        std::copy(values->begin(), values->end(), p.begin());
        biasBlocks = f32ResourceConstant(rewriter, loc, {fb, block}, p,
                                         "conv_bias");
      } else {
        Value padded = padConstant(rewriter, loc, bias, {0}, {fp - f}, zero);
        biasBlocks = tensor::ExpandShapeOp::create(
            rewriter, loc, RankedTensorType::get({fb, block}, f32), padded,
            ArrayRef<ReassociationIndices>{{0, 1}});
      }
      SmallVector<AffineMap> maps = {
          AffineMap::get(5, 0,
                         {getAffineDimExpr(3, ctx), getAffineDimExpr(4, ctx)},
                         ctx),
          AffineMap::getMultiDimIdentityMap(5, ctx)};
      init = linalg::GenericOp::create(
                 rewriter, loc, TypeRange{yType}, ValueRange{biasBlocks},
                 ValueRange{emptyTensor(rewriter, loc, yType)}, maps,
                 parallelIterators(5),
                 [](OpBuilder &b, Location l, ValueRange args) {
                   linalg::YieldOp::create(b, l, args[0]);
                 })
                 .getResult(0);
    } else {
      init = filledTensor(rewriter, loc, yType, zero);
    }

    // The convolution: loops (n, oh, ow, fb, b, kh, kw, c).
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    SmallVector<AffineMap> maps = {
        AffineMap::get(8, 0,
                       {d(0), d(1) * strides[0] + d(5) * dilations[0],
                        d(2) * strides[1] + d(6) * dilations[1], d(7)},
                       ctx),
        AffineMap::get(8, 0, {d(3), d(5), d(6), d(7), d(4)}, ctx),
        AffineMap::get(8, 0, {d(0), d(1), d(2), d(3), d(4)}, ctx)};
    SmallVector<utils::IteratorType> iterators = parallelIterators(8);
    for (int i = 5; i < 8; ++i)
      iterators[i] = utils::IteratorType::reduction;
    auto conv = linalg::GenericOp::create(
        rewriter, loc, TypeRange{yType}, ValueRange{xp, packed},
        ValueRange{init}, maps, iterators,
        [](OpBuilder &b, Location l, ValueRange args) {
          Value p = arith::MulFOp::create(b, l, args[0], args[1]);
          linalg::YieldOp::create(
              b, l, arith::AddFOp::create(b, l, args[2], p).getResult());
        });
    conv->setAttr("cnnc.conv",
                  rewriter.getDenseI64ArrayAttr({strides[0], strides[1],
                                                 dilations[0], dilations[1]}));

    // Back to NCHW.
    Value y = tensor::CollapseShapeOp::create(
        rewriter, loc, RankedTensorType::get({n, oh, ow, fp}, f32),
        conv.getResult(0), ArrayRef<ReassociationIndices>{{0}, {1}, {2}, {3, 4}});
    if (fp != f) {
      SmallVector<OpFoldResult> zeros(4, rewriter.getIndexAttr(0));
      SmallVector<OpFoldResult> sz = {
          rewriter.getIndexAttr(n), rewriter.getIndexAttr(oh),
          rewriter.getIndexAttr(ow), rewriter.getIndexAttr(f)};
      y = tensor::ExtractSliceOp::create(
          rewriter, loc, RankedTensorType::get({n, oh, ow, f}, f32), y, zeros,
          sz, ones);
    }
    Value result = linalg::TransposeOp::create(rewriter, loc, y,
                                               emptyTensor(rewriter, loc, out),
                                               ArrayRef<int64_t>{0, 3, 1, 2})
                       .getResult()[0];
    rewriter.replaceOp(op, result);
    return success();
  }

  unsigned vectorBits;
};

} // namespace

void populatePackedConvolutionPatterns(RewritePatternSet &patterns,
                                       unsigned vectorBits) {
  if (vectorBits < 256)
    return;
  patterns.add<PackedConvLowering>(patterns.getContext(), vectorBits);
}

} // namespace cnnc
