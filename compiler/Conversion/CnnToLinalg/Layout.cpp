//===- Layout.cpp - NHWC between packed ops -------------------------------===//
//
// Part of cnnc.
//
/// The packed lowerings (convolutions, pooling) produce NHWC tensors
/// `[N, H, W, Cp]` (Cp >= C channels, the ones past C finite padding) and
/// hand the rest of the graph an NCHW view: a `linalg.transpose` marked
/// `cnnc.nchw_view`. The lowerings here, and the packed ones, read through
/// that view (nhwcSource) so a chain of such ops never transposes; a view
/// nothing reads any more is dead code.
///
/// Elementwise ops, inference batch normalization and channel concatenation
/// of NHWC operands stay NHWC here. Elementwise ops only when they map
/// finite values to finite values (not exp, log, sqrt, div): the padding
/// channels must stay finite, since the next conv multiplies them by zero.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/CnnToLinalg/Patterns.h"
#include "compiler/Conversion/CnnToLinalg/Utils.h"

#include "Cnn/IR/CnnConstants.h"
#include "Cnn/IR/CnnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/MapVector.h"

#include <cmath>

using namespace mlir;
using namespace cnnc::cnn;

namespace cnnc {

Value nhwcSource(Value nchw) {
  auto transpose = nchw.getDefiningOp<linalg::TransposeOp>();
  if (!transpose || !transpose->hasAttr("cnnc.nchw_view"))
    return Value();
  Value src = transpose.getInput();
  // Look through the channel prefix nchwView takes (firstChannelsOf), not
  // through a spatial slice (a cropped tensor is the source itself).
  if (auto slice = src.getDefiningOp<tensor::ExtractSliceOp>()) {
    RankedTensorType whole = slice.getSourceType();
    ArrayRef<int64_t> offsets = slice.getStaticOffsets(),
                      sizes = slice.getStaticSizes();
    if (whole.getRank() == 4 && slice.hasUnitStride() &&
        llvm::all_of(offsets, [](int64_t o) { return o == 0; }) &&
        sizes.take_front(3) == whole.getShape().take_front(3))
      src = slice.getSource();
  }
  return src;
}

bool nhwcPays(Value nchw) {
  auto t = dyn_cast<RankedTensorType>(nchw.getType());
  if (!t || t.getRank() != 4 || !t.hasStaticShape() || t.getDimSize(1) < 16 ||
      !t.getElementType().isIntOrFloat())
    return false;
  int64_t bytes = t.getNumElements() *
                  ((t.getElementType().getIntOrFloatBitWidth() + 7) / 8);
  return bytes <= (int64_t(8) << 20);
}

Value toNhwc(OpBuilder &b, Location loc, Value nchw) {
  RankedTensorType t = tensorType(nchw);
  auto nhwc = RankedTensorType::get(
      {t.getDimSize(0), t.getDimSize(2), t.getDimSize(3), t.getDimSize(1)},
      t.getElementType());
  return linalg::TransposeOp::create(b, loc, nchw, emptyTensor(b, loc, nhwc),
                                     ArrayRef<int64_t>{0, 2, 3, 1})
      .getResult()[0];
}

Value firstChannelsOf(OpBuilder &b, Location loc, Value nhwc, int64_t c) {
  RankedTensorType t = tensorType(nhwc);
  if (t.getDimSize(3) == c)
    return nhwc;
  SmallVector<OpFoldResult> zeros(4, b.getIndexAttr(0));
  SmallVector<OpFoldResult> ones(4, b.getIndexAttr(1));
  SmallVector<OpFoldResult> sizes = {
      b.getIndexAttr(t.getDimSize(0)), b.getIndexAttr(t.getDimSize(1)),
      b.getIndexAttr(t.getDimSize(2)), b.getIndexAttr(c)};
  return tensor::ExtractSliceOp::create(
      b, loc,
      RankedTensorType::get(
          {t.getDimSize(0), t.getDimSize(1), t.getDimSize(2), c},
          t.getElementType()),
      nhwc, zeros, sizes, ones);
}

Value nchwView(OpBuilder &b, Location loc, Value nhwc, RankedTensorType type) {
  nhwc = firstChannelsOf(b, loc, nhwc, type.getDimSize(1));
  auto back = linalg::TransposeOp::create(
      b, loc, nhwc, emptyTensor(b, loc, type), ArrayRef<int64_t>{0, 3, 1, 2});
  back->setAttr("cnnc.nchw_view", b.getUnitAttr());
  return back.getResult()[0];
}

Value buildNhwcElementwise(OpBuilder &b, Location loc, ValueRange operands,
                           RankedTensorType type, BodyBuilder body) {
  if (type.getRank() != 4 || !type.hasStaticShape() ||
      !type.getElementType().isF32())
    return Value();
  int64_t n = type.getDimSize(0), c = type.getDimSize(1),
          h = type.getDimSize(2), w = type.getDimSize(3);
  int64_t cp = 0;
  for (Value v : operands)
    if (Value src = nhwcSource(v)) {
      ArrayRef<int64_t> s = tensorType(src).getShape();
      if (s[0] == n && s[1] == h && s[2] == w) {
        cp = s[3];
        break;
      }
    }
  if (!cp)
    return Value();
  MLIRContext *ctx = b.getContext();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  AffineExpr zero = getAffineConstantExpr(0, ctx);
  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;
  for (Value v : operands) {
    auto t = dyn_cast<RankedTensorType>(v.getType());
    if (!t || !t.hasStaticShape() || !t.getElementType().isF32())
      return Value();
    Value src = nhwcSource(v);
    ArrayRef<int64_t> s = t.getShape();
    if (src && tensorType(src).getShape() == ArrayRef<int64_t>{n, h, w, cp}) {
      inputs.push_back(src);
      maps.push_back(AffineMap::getMultiDimIdentityMap(4, ctx));
      continue;
    }
    if (t.getNumElements() == 1) {
      // A scalar, whatever its rank.
      inputs.push_back(v);
      maps.push_back(AffineMap::get(
          4, 0, SmallVector<AffineExpr>(t.getRank(), zero), ctx));
      continue;
    }
    // [N or 1, C, 1, 1]: one value per channel (squeeze-and-excite scales).
    if (t.getRank() != 4 || s[1] != c || s[2] != 1 || s[3] != 1 ||
        (s[0] != 1 && s[0] != n))
      return Value();
    AffineExpr batch = s[0] == 1 ? zero : d(0);
    if (src && tensorType(src).getDimSize(3) == cp) {
      inputs.push_back(src);
    } else {
      // [N', C, 1, 1] and [N', 1, 1, C] share their memory layout; pad C
      // with zeros to the channels of the NHWC operands.
      auto flat = RankedTensorType::get({s[0], c}, t.getElementType());
      Value x = tensor::CollapseShapeOp::create(
          b, loc, flat, v, ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}});
      x = tensor::ExpandShapeOp::create(
          b, loc, RankedTensorType::get({s[0], 1, 1, c}, t.getElementType()), x,
          ArrayRef<ReassociationIndices>{{0, 1, 2}, {3}});
      x = padConstant(b, loc, x, {0, 0, 0, 0}, {0, 0, 0, cp - c},
                      floatConst(b, loc, t.getElementType(), 0));
      inputs.push_back(x);
    }
    maps.push_back(AffineMap::get(4, 0, {batch, zero, zero, d(3)}, ctx));
  }
  auto yType = RankedTensorType::get({n, h, w, cp}, type.getElementType());
  maps.push_back(AffineMap::getMultiDimIdentityMap(4, ctx));
  Value y =
      linalg::GenericOp::create(
          b, loc, TypeRange{yType}, inputs,
          ValueRange{emptyTensor(b, loc, yType)}, maps, parallelIterators(4),
          [&](OpBuilder &nb, Location l, ValueRange args) {
            linalg::YieldOp::create(nb, l, body(nb, l, args.drop_back()));
          })
          .getResult(0);
  return nchwView(b, loc, y, type);
}

namespace {

/// One piece of a channel concatenation: `value` ([N, H, W, size]) at
/// channel `offset`.
struct ConcatPiece {
  Value value;
  int64_t offset, size;
};

/// The pieces of an NHWC channel concatenation as NhwcConcatLowering builds
/// it (insert_slices into a tensor.empty covering every channel once), or
/// nothing if `v` is not one.
SmallVector<ConcatPiece> concatPieces(Value v) {
  SmallVector<ConcatPiece> pieces;
  RankedTensorType t = tensorType(v);
  if (t.getRank() != 4 || !t.hasStaticShape())
    return {};
  while (auto insert = v.getDefiningOp<tensor::InsertSliceOp>()) {
    ArrayRef<int64_t> offsets = insert.getStaticOffsets(),
                      sizes = insert.getStaticSizes();
    if (!insert.hasUnitStride() || ShapedType::isDynamicShape(offsets) ||
        ShapedType::isDynamicShape(sizes) || offsets[0] || offsets[1] ||
        offsets[2] || sizes.take_front(3) != t.getShape().take_front(3))
      return {};
    pieces.push_back({insert.getSource(), offsets[3], sizes[3]});
    v = insert.getDest();
  }
  if (!v.getDefiningOp<tensor::EmptyOp>() || pieces.empty())
    return {};
  int64_t covered = 0;
  llvm::sort(pieces, [](const ConcatPiece &a, const ConcatPiece &b) {
    return a.offset < b.offset;
  });
  for (const ConcatPiece &p : pieces) {
    if (p.offset != covered)
      return {};
    covered += p.size;
  }
  if (covered != t.getDimSize(3))
    return {};
  return pieces;
}

} // namespace

Value applyInputPrologue(OpBuilder &b, Location loc, FusedConvOp op,
                         Value input, Value scale, Value shift) {
  if (!op.getInputScale())
    return input;
  MLIRContext *ctx = b.getContext();
  RankedTensorType in = tensorType(input);
  Type elt = in.getElementType();
  int64_t c = in.getDimSize(1);
  Activation kind = op.getInputActivation();
  ArrayRef<float> params = activationParams(op.getInputActivationParams());
  auto body = [&](OpBuilder &nb, Location l, ValueRange a) {
    Value y = arith::MulFOp::create(nb, l, a[0], a[1]);
    y = arith::AddFOp::create(nb, l, y, a[2]);
    linalg::YieldOp::create(nb, l, buildActivation(nb, l, y, kind, params));
  };
  // x [.., channel dim `cdim`, ..] * scale + shift into a fresh tensor.
  auto transform = [&](Value x, Value s, Value t, unsigned cdim) {
    RankedTensorType xt = tensorType(x);
    AffineMap id = AffineMap::getMultiDimIdentityMap(xt.getRank(), ctx);
    AffineMap channel =
        AffineMap::get(xt.getRank(), 0, {getAffineDimExpr(cdim, ctx)}, ctx);
    return linalg::GenericOp::create(b, loc, TypeRange{xt}, ValueRange{x, s, t},
                                     ValueRange{emptyTensor(b, loc, xt)},
                                     {id, channel, channel, id},
                                     parallelIterators(xt.getRank()), body)
        .getResult(0);
  };
  auto channels = [&](Value v, int64_t offset, int64_t size) -> Value {
    if (offset == 0 && size == tensorType(v).getDimSize(0))
      return v;
    return tensor::ExtractSliceOp::create(
        b, loc, RankedTensorType::get({size}, elt), v,
        ArrayRef<OpFoldResult>{b.getIndexAttr(offset)},
        ArrayRef<OpFoldResult>{b.getIndexAttr(size)},
        ArrayRef<OpFoldResult>{b.getIndexAttr(1)});
  };
  Value src = nhwcSource(input);
  if (!src || in.getRank() != 4)
    return transform(input, scale, shift, 1);
  RankedTensorType st = tensorType(src);
  int64_t cp = st.getDimSize(3);
  if (cp > c) {
    // Padding channels: scale and shift 0 keep them finite (act(0)).
    Value zero = floatConst(b, loc, elt, 0);
    scale = padConstant(b, loc, scale, {0}, {cp - c}, zero);
    shift = padConstant(b, loc, shift, {0}, {cp - c}, zero);
  }
  SmallVector<ConcatPiece> pieces = concatPieces(src);
  if (pieces.empty())
    return nchwView(b, loc, transform(src, scale, shift, 3), in);
  Value y = emptyTensor(b, loc, st);
  // Puts a transformed piece into y's channels from `offset`.
  auto insert = [&](Value part, int64_t offset) {
    SmallVector<OpFoldResult> offsets = {b.getIndexAttr(0), b.getIndexAttr(0),
                                         b.getIndexAttr(0),
                                         b.getIndexAttr(offset)};
    SmallVector<OpFoldResult> sizes, ones(4, b.getIndexAttr(1));
    for (int64_t d : tensorType(part).getShape())
      sizes.push_back(b.getIndexAttr(d));
    y = tensor::InsertSliceOp::create(b, loc, part, y, offsets, sizes, ones);
  };
  // Pieces too small for cnnc-parallelize-kernels to split (under 2^16
  // elements) are transformed, per width, by one generic with an input and
  // an output per piece: one kernel that is split. (One per piece made
  // DenseNet-121's 58 gathers 585 kernels of 1-15 us, 10% of its time on
  // 2 threads, where each ran on one core and read data the other had
  // written. Grouped, DenseNet-121 ran 2.4% faster on 2 threads; grouping
  // large pieces too made it 1% slower on 1 thread.)
  llvm::MapVector<int64_t, SmallVector<ConcatPiece>> byWidth;
  for (const ConcatPiece &p : pieces) {
    if (tensorType(p.value).getNumElements() < (1 << 16)) {
      byWidth[p.size].push_back(p);
      continue;
    }
    insert(transform(p.value, channels(scale, p.offset, p.size),
                     channels(shift, p.offset, p.size), 3),
           p.offset);
  }
  for (auto &[width, group] : byWidth) {
    auto pt = tensorType(group.front().value);
    if (llvm::any_of(group, [&](const ConcatPiece &p) {
          return tensorType(p.value) != pt;
        })) {
      // (Never from NhwcConcatLowering: its pieces share N, H and W.)
      return nchwView(b, loc, transform(src, scale, shift, 3), in);
    }
    int64_t k = group.size();
    SmallVector<Value> ins, inits;
    for (const ConcatPiece &p : group)
      ins.push_back(p.value);
    for (const ConcatPiece &p : group)
      ins.push_back(channels(scale, p.offset, p.size));
    for (const ConcatPiece &p : group)
      ins.push_back(channels(shift, p.offset, p.size));
    for (int64_t i = 0; i < k; ++i)
      inits.push_back(emptyTensor(b, loc, pt));
    AffineMap id = AffineMap::getMultiDimIdentityMap(4, ctx);
    AffineMap channel = AffineMap::get(4, 0, {getAffineDimExpr(3, ctx)}, ctx);
    SmallVector<AffineMap> maps(k, id);
    maps.append(2 * k, channel);
    maps.append(k, id);
    auto parts = linalg::GenericOp::create(
        b, loc, SmallVector<Type>(k, pt), ins, inits, maps,
        parallelIterators(4), [&](OpBuilder &nb, Location l, ValueRange a) {
          SmallVector<Value> ys;
          for (int64_t i = 0; i < k; ++i) {
            Value v = arith::MulFOp::create(nb, l, a[i], a[k + i]);
            v = arith::AddFOp::create(nb, l, v, a[2 * k + i]);
            ys.push_back(buildActivation(nb, l, v, kind, params));
          }
          linalg::YieldOp::create(nb, l, ys);
        });
    for (auto [p, part] : llvm::zip(group, parts.getResults()))
      insert(part, p.offset);
  }
  return nchwView(b, loc, y, in);
}

namespace {

/// Channel concatenation of NHWC operands: each one's real channels copied
/// into its slice of an NHWC result.
struct NhwcConcatLowering : OpConversionPattern<ConcatOp> {
  NhwcConcatLowering(MLIRContext *ctx)
      : OpConversionPattern(ctx, /*benefit=*/2) {}
  LogicalResult
  matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    int64_t axis = op.getAxis();
    if (type.getRank() != 4 || (axis != 1 && axis != -3) ||
        !type.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "not a channel concat");
    SmallVector<Value> sources;
    for (Value v : adaptor.getInputs()) {
      Value src = nhwcSource(v);
      if (!src)
        return rewriter.notifyMatchFailure(op, "an operand is not NHWC");
      sources.push_back(src);
    }
    Location loc = op.getLoc();
    int64_t n = type.getDimSize(0), c = type.getDimSize(1),
            h = type.getDimSize(2), w = type.getDimSize(3);
    auto yType = RankedTensorType::get({n, h, w, c}, type.getElementType());
    Value y = emptyTensor(rewriter, loc, yType);
    int64_t offset = 0;
    for (auto [v, src] : llvm::zip(adaptor.getInputs(), sources)) {
      int64_t ci = tensorType(v).getDimSize(1);
      if (ci == 0)
        continue;
      Value part = firstChannelsOf(rewriter, loc, src, ci);
      SmallVector<OpFoldResult> offsets = {
          rewriter.getIndexAttr(0), rewriter.getIndexAttr(0),
          rewriter.getIndexAttr(0), rewriter.getIndexAttr(offset)};
      SmallVector<OpFoldResult> sizes = {
          rewriter.getIndexAttr(n), rewriter.getIndexAttr(h),
          rewriter.getIndexAttr(w), rewriter.getIndexAttr(ci)};
      SmallVector<OpFoldResult> ones(4, rewriter.getIndexAttr(1));
      y = tensor::InsertSliceOp::create(rewriter, loc, part, y, offsets, sizes,
                                        ones);
      offset += ci;
    }
    rewriter.replaceOp(op, nchwView(rewriter, loc, y, type));
    return success();
  }
};

/// Inference batch normalization of an NHWC operand with constant
/// statistics: y = x * k + shift per channel, k and shift computed at
/// compile time (zero for the padding channels).
struct NhwcBatchNormLowering : OpConversionPattern<BatchNormOp> {
  NhwcBatchNormLowering(MLIRContext *ctx)
      : OpConversionPattern(ctx, /*benefit=*/2) {}
  LogicalResult
  matchAndRewrite(BatchNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value src = nhwcSource(adaptor.getInput());
    auto type = cast<RankedTensorType>(op.getType());
    if (!src || type.getRank() != 4 || !type.getElementType().isF32())
      return rewriter.notifyMatchFailure(op, "input is not NHWC");
    std::optional<ChannelAffine> affine = batchNormAffine(op);
    if (!affine)
      return rewriter.notifyMatchFailure(op, "statistics are not constant");
    int64_t c = type.getDimSize(1), cp = tensorType(src).getDimSize(3);
    std::vector<float> k(cp, 0.0f), shift(cp, 0.0f);
    for (int64_t i = 0; i < c; ++i) {
      k[i] = float(affine->scale[i]);
      shift[i] = float(affine->shift[i]);
    }
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value kv = f32ResourceConstant(rewriter, loc, {cp}, k, "bn_scale");
    Value sv = f32ResourceConstant(rewriter, loc, {cp}, shift, "bn_shift");
    RankedTensorType st = tensorType(src);
    AffineMap id = AffineMap::getMultiDimIdentityMap(4, ctx);
    AffineMap channel = AffineMap::get(4, 0, {getAffineDimExpr(3, ctx)}, ctx);
    Value y =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{st}, ValueRange{src, kv, sv},
            ValueRange{emptyTensor(rewriter, loc, st)},
            {id, channel, channel, id}, parallelIterators(4),
            [&](OpBuilder &b, Location l, ValueRange a) {
              Value m = arith::MulFOp::create(b, l, a[0], a[1]);
              m = arith::AddFOp::create(b, l, m, a[2]);
              linalg::YieldOp::create(
                  b, l,
                  buildActivation(b, l, m, op.getActivation(),
                                  activationParams(op.getActivationParams())));
            })
            .getResult(0);
    rewriter.replaceOp(op, nchwView(rewriter, loc, y, type));
    return success();
  }
};

/// DepthToSpace (DCR) of an NHWC operand: [N, H, W, b, b, C] ->
/// [N, H, b, W, b, C], whole channel vectors moved (the sub-pixel
/// transposed convolutions' interleave).
struct NhwcDepthToSpaceLowering : OpConversionPattern<DepthToSpaceOp> {
  NhwcDepthToSpaceLowering(MLIRContext *ctx)
      : OpConversionPattern(ctx, /*benefit=*/2) {}
  LogicalResult
  matchAndRewrite(DepthToSpaceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value src = nhwcSource(adaptor.getInput());
    auto out = cast<RankedTensorType>(op.getType());
    if (!src || op.getMode() != DepthToSpaceMode::dcr || out.getRank() != 4 ||
        !out.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "not an NHWC DCR operand");
    Location loc = op.getLoc();
    RankedTensorType in = tensorType(adaptor.getInput());
    int64_t b = op.getBlocksize(), n = in.getDimSize(0), c = out.getDimSize(1),
            h = in.getDimSize(2), w = in.getDimSize(3);
    Type elt = out.getElementType();
    Value x = firstChannelsOf(rewriter, loc, src, in.getDimSize(1));
    x = tensor::ExpandShapeOp::create(
        rewriter, loc, RankedTensorType::get({n, h, w, b, b, c}, elt), x,
        ArrayRef<ReassociationIndices>{{0}, {1}, {2}, {3, 4, 5}});
    auto tType = RankedTensorType::get({n, h, b, w, b, c}, elt);
    Value t = linalg::TransposeOp::create(rewriter, loc, x,
                                          emptyTensor(rewriter, loc, tType),
                                          ArrayRef<int64_t>{0, 1, 3, 2, 4, 5})
                  .getResult()[0];
    Value y = tensor::CollapseShapeOp::create(
        rewriter, loc, RankedTensorType::get({n, h * b, w * b, c}, elt), t,
        ArrayRef<ReassociationIndices>{{0}, {1, 2}, {3, 4}, {5}});
    rewriter.replaceOp(op, nchwView(rewriter, loc, y, out));
    return success();
  }
};

/// A slice of the spatial and channel dimensions of an NHWC operand (unit
/// steps): the same window of the NHWC tensor, all its channels when the
/// slice keeps them (padding included), else just the sliced ones
/// (ShuffleNet's split halves).
struct NhwcSpatialSliceLowering : OpConversionPattern<SliceOp> {
  NhwcSpatialSliceLowering(MLIRContext *ctx)
      : OpConversionPattern(ctx, /*benefit=*/2) {}
  LogicalResult
  matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value src = nhwcSource(adaptor.getInput());
    auto out = cast<RankedTensorType>(op.getType());
    RankedTensorType in = tensorType(adaptor.getInput());
    if (!src || out.getRank() != 4 || !out.hasStaticShape() ||
        out.getNumElements() == 0 || out.getDimSize(0) != in.getDimSize(0))
      return rewriter.notifyMatchFailure(op, "not an NHWC slice");
    SmallVector<int64_t> start(4, 0);
    ArrayRef<int64_t> starts = op.getStarts();
    for (size_t i = 0; i < starts.size(); ++i) {
      int64_t axis = op.getAxes() ? (*op.getAxes())[i] : int64_t(i);
      if (axis < 0)
        axis += 4;
      int64_t step = op.getSteps() ? (*op.getSteps())[i] : 1;
      int64_t d = in.getDimSize(axis);
      int64_t first = starts[i] < 0 ? starts[i] + d : starts[i];
      if (step != 1 || axis < 1)
        return rewriter.notifyMatchFailure(op, "steps or the batch axis");
      start[axis] = std::clamp<int64_t>(first, 0, d);
    }
    Location loc = op.getLoc();
    RankedTensorType st = tensorType(src);
    int64_t channels = out.getDimSize(1) == in.getDimSize(1)
                           ? st.getDimSize(3)
                           : out.getDimSize(1);
    SmallVector<OpFoldResult> offsets = {
        rewriter.getIndexAttr(0), rewriter.getIndexAttr(start[2]),
        rewriter.getIndexAttr(start[3]), rewriter.getIndexAttr(start[1])};
    SmallVector<OpFoldResult> sizes = {rewriter.getIndexAttr(out.getDimSize(0)),
                                       rewriter.getIndexAttr(out.getDimSize(2)),
                                       rewriter.getIndexAttr(out.getDimSize(3)),
                                       rewriter.getIndexAttr(channels)};
    SmallVector<OpFoldResult> ones(4, rewriter.getIndexAttr(1));
    Value window = tensor::ExtractSliceOp::create(
        rewriter, loc,
        RankedTensorType::get(
            {out.getDimSize(0), out.getDimSize(2), out.getDimSize(3), channels},
            st.getElementType()),
        src, offsets, sizes, ones);
    rewriter.replaceOp(op, nchwView(rewriter, loc, window, out));
    return success();
  }
};

/// A channel shuffle (ShuffleNet): reshape [N, C, H, W] -> [N, G, C/G, H, W],
/// transpose (0, 2, 1, 3, 4), reshape back, of an NHWC operand: one pass
/// that interleaves each pixel's G channel groups, out[k] = x[(k mod G) *
/// C/G + k / G], instead of three through NCHW (ShuffleNetV2's 16 shuffles: 52
/// transposes and copies, a fifth of its time).
struct NhwcChannelShuffleLowering : OpConversionPattern<ReshapeOp> {
  NhwcChannelShuffleLowering(MLIRContext *ctx)
      : OpConversionPattern(ctx, /*benefit=*/2) {}
  LogicalResult
  matchAndRewrite(ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    auto transpose = op.getInput().getDefiningOp<TransposeOp>();
    auto split = transpose ? transpose.getInput().getDefiningOp<ReshapeOp>()
                           : ReshapeOp();
    if (type.getRank() != 4 || !type.hasStaticShape() || !split ||
        !transpose.getPerm() ||
        *transpose.getPerm() != ArrayRef<int64_t>{0, 2, 1, 3, 4})
      return rewriter.notifyMatchFailure(op, "not a channel shuffle");
    Value x = split.getInput();
    auto xType = dyn_cast<RankedTensorType>(x.getType());
    auto splitType = cast<RankedTensorType>(split.getType());
    int64_t c = type.getDimSize(1);
    if (!xType || xType != type || splitType.getRank() != 5 ||
        splitType.getDimSize(0) != type.getDimSize(0) ||
        splitType.getDimSize(3) != type.getDimSize(2) ||
        splitType.getDimSize(4) != type.getDimSize(3) ||
        splitType.getDimSize(1) * splitType.getDimSize(2) != c)
      return rewriter.notifyMatchFailure(op, "not a channel shuffle");
    Value src = nhwcSource(rewriter.getRemappedValue(x));
    if (!src)
      return rewriter.notifyMatchFailure(op, "operand not NHWC");
    int64_t groups = splitType.getDimSize(1), per = splitType.getDimSize(2);
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    auto yType = RankedTensorType::get(
        {type.getDimSize(0), type.getDimSize(2), type.getDimSize(3), c},
        type.getElementType());
    // y seen as [N, H, W, C/G, G]: y[.., j, g] = x[.., g * C/G + j], over
    // iterations [N, H, W, C/G, G] with the G innermost: LLVM unrolls that
    // loop, and the one over C/G then loads G contiguous streams and stores
    // them interleaved, which it vectorizes with shuffles. (Over [N, H, W,
    // C] with the source channel (k mod G) * C/G + k / G it stayed scalar:
    // a fifth of ShuffleNetV2's time on 2 threads with the copies below.)
    // Of a concatenation of G pieces of C/G channels each (ShuffleNetV2's
    // blocks) the pieces are read directly, so the concatenation is never
    // built (it was two copies per block).
    int64_t n = type.getDimSize(0), h = type.getDimSize(2),
            w = type.getDimSize(3);
    auto y5Type =
        RankedTensorType::get({n, h, w, per, groups}, type.getElementType());
    SmallVector<Value> ins;
    SmallVector<AffineMap> maps;
    SmallVector<ConcatPiece> pieces = concatPieces(src);
    if (int64_t(pieces.size()) == groups &&
        llvm::all_of(llvm::enumerate(pieces), [&](auto p) {
          return p.value().size == per &&
                 p.value().offset == int64_t(p.index()) * per;
        })) {
      for (const ConcatPiece &p : pieces) {
        ins.push_back(p.value);
        maps.push_back(AffineMap::get(5, 0, {d(0), d(1), d(2), d(3)}, ctx));
      }
    } else {
      ins.push_back(src);
      maps.push_back(
          AffineMap::get(5, 0, {d(0), d(1), d(2), d(4) * per + d(3)}, ctx));
    }
    maps.push_back(AffineMap::getMultiDimIdentityMap(5, ctx));
    Value y5 = linalg::GenericOp::create(
                   rewriter, loc, TypeRange{y5Type}, ins,
                   ValueRange{emptyTensor(rewriter, loc, y5Type)}, maps,
                   parallelIterators(5),
                   [&](OpBuilder &b, Location l, ValueRange a) {
                     // Piece g for iteration g (a chain of selects LLVM folds
                     // once it unrolls the loop over g).
                     Value v = a[0];
                     if (ins.size() > 1) {
                       Value g = linalg::IndexOp::create(b, l, 4);
                       for (int64_t i = 1; i < groups; ++i) {
                         Value isI = arith::CmpIOp::create(
                             b, l, arith::CmpIPredicate::eq, g,
                             arith::ConstantIndexOp::create(b, l, i));
                         v = arith::SelectOp::create(b, l, isI, a[i], v);
                       }
                     }
                     linalg::YieldOp::create(b, l, v);
                   })
                   .getResult(0);
    Value y = tensor::CollapseShapeOp::create(
        rewriter, loc, yType, y5,
        ArrayRef<ReassociationIndices>{{0}, {1}, {2}, {3, 4}});
    rewriter.replaceOp(op, nchwView(rewriter, loc, y, type));
    return success();
  }
};

} // namespace

void populateLayoutPatterns(RewritePatternSet &patterns) {
  patterns
      .add<NhwcConcatLowering, NhwcBatchNormLowering, NhwcDepthToSpaceLowering,
           NhwcSpatialSliceLowering, NhwcChannelShuffleLowering>(
          patterns.getContext());
}

} // namespace cnnc
