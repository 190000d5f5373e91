//===- Pooling.cpp - max/avg/global pooling and unpooling to linalg -------===//
//
// Part of cnnc.
//
/// Windowed pools are one `linalg.generic` over (n, c, o..., k...) reading
/// the padded input at `o*s + k*d` with the k loops as reductions; a
/// `tensor.empty` of the kernel shape gives the k loops their bounds (as the
/// named linalg pooling ops do). The input is padded by the explicit pads plus,
/// in ceil mode, whatever end padding makes the last window fit.
///
///  * max_pool pads with -inf and reduces with `maximumf`. With the indices
///    result the reduction carries (value, row-major flat index) and keeps the
///    larger value, the smaller index on ties, so the first maximum in window
///    order wins however the loop is run; padded positions are masked out.
///    For storage_order = 1 a second generic re-encodes the spatial part of
///    the index column-major.
///  * avg_pool pads with zeros, sums, and divides by a divisor precomputed
///    per output position (shapes are static): the window positions inside
///    the input padded by the explicit pads with count_include_pad, the ones
///    inside the input otherwise.
///  * global pools reduce the spatial dimensions into [N, C, 1...].
///  * max_unpool scatters into a flat zero tensor of the default output size
///    with `tensor.insert` in an `scf.for` (in place after bufferization;
///    out-of-range indices are skipped), which is then placed at the origin of
///    a zero tensor of `output_shape` when that is given (the ONNX reference).
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/CnnToLinalg/Patterns.h"
#include "compiler/Conversion/CnnToLinalg/Utils.h"

#include "Cnn/IR/CnnOps.h"
#include "Cnn/IR/CnnShapeInference.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include <limits>

using namespace mlir;
using namespace cnnc::cnn;

namespace cnnc {
namespace {

SmallVector<int64_t> valuesOr(std::optional<ArrayRef<int64_t>> values, size_t n,
                              int64_t dflt) {
  if (values)
    return SmallVector<int64_t>(values->begin(), values->end());
  return SmallVector<int64_t>(n, dflt);
}

/// The largest window (taps) an unpool re-reads to find its maximum.
constexpr int64_t kMaxRecomputedWindow = 16;
constexpr llvm::StringLiteral kRecomputedIndices = "cnnc.recomputed_indices";

Value negInfinity(OpBuilder &b, Location loc, Type type) {
  auto ft = cast<FloatType>(type);
  APFloat v = APFloat::getInf(ft.getFloatSemantics(), /*Negative=*/true);
  return arith::ConstantOp::create(b, loc, type, b.getFloatAttr(type, v));
}

Value i64Const(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIntOp::create(b, loc, b.getI64Type(), value);
}

/// `v * c` on indices, `v` itself for c = 1.
Value mulConst(OpBuilder &b, Location loc, Value v, int64_t c) {
  if (c == 1)
    return v;
  return arith::MulIOp::create(b, loc, v, indexConst(b, loc, c));
}

/// The window attributes of a pool op over `n` spatial dimensions, defaults
/// filled in.
struct Window {
  SmallVector<int64_t> kernel, strides, dilations, pads;
  size_t rank() const { return kernel.size(); }
  int64_t padBegin(size_t i) const { return pads[i]; }
  int64_t padEnd(size_t i) const { return pads[rank() + i]; }
};

template <typename OpTy> Window windowOf(OpTy op) {
  Window w;
  w.kernel.assign(op.getKernelShape().begin(), op.getKernelShape().end());
  size_t n = w.kernel.size();
  w.strides = valuesOr(op.getStrides(), n, 1);
  w.dilations = valuesOr(op.getDilations(), n, 1);
  w.pads = valuesOr(op.getPads(), 2 * n, 0);
  return w;
}

/// Common checks of the windowed pools.
template <typename OpTy>
LogicalResult checkPool(OpTy op, ConversionPatternRewriter &rewriter) {
  if (op.getAutoPad() != AutoPad::notset)
    return rewriter.notifyMatchFailure(op, "auto_pad not resolved");
  for (Value v : op->getOperands())
    if (!cast<RankedTensorType>(v.getType()).hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic shape");
  for (Type t : op->getResultTypes())
    if (!cast<RankedTensorType>(t).hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic shape");
  return success();
}

/// Whether the max-unpools reading `pool`'s indices can find each window's
/// maximum again in the pool's input instead: windows that tile the input
/// exactly (kernel = stride, no padding, dilation or ceil mode, sizes
/// divisible), so every index lies in its own window, and every reader an
/// unpool of the same window back to the input's shape. The indices (8
/// bytes per window) are then never built, and the unpool is a gather:
/// each input position gets its window's value where it holds the
/// window's first maximum, else 0 (SegNet's decoders).
bool unpoolRecomputesIndices(MaxPoolOp pool) {
  Value indices = pool.getIndices();
  if (!indices || indices.use_empty() || pool.getCeilMode() ||
      pool.getStorageOrder() != 0 || pool.getAutoPad() != AutoPad::notset)
    return false;
  auto in = dyn_cast<RankedTensorType>(pool.getInput().getType());
  Window w = windowOf(pool);
  if (!in || !in.hasStaticShape() || in.getRank() != 4 || w.rank() != 2 ||
      w.kernel[0] * w.kernel[1] > kMaxRecomputedWindow)
    return false;
  for (size_t i = 0; i < 2; ++i)
    if (w.kernel[i] != w.strides[i] || w.dilations[i] != 1 ||
        w.padBegin(i) != 0 || w.padEnd(i) != 0 ||
        in.getDimSize(2 + i) % w.strides[i] != 0)
      return false;
  for (OpOperand &use : indices.getUses()) {
    auto unpool = dyn_cast<MaxUnpoolOp>(use.getOwner());
    if (!unpool || use.getOperandNumber() != 1 ||
        unpool.getKernelShape() != ArrayRef<int64_t>(w.kernel) ||
        valuesOr(unpool.getStrides(), 2, 1) != w.strides ||
        llvm::any_of(valuesOr(unpool.getPads(), 4, 0),
                     [](int64_t p) { return p != 0; }) ||
        unpool.getType() != in)
      return false;
  }
  return true;
}

/// Pads `input` by the explicit pads, and at the end by whatever more the
/// windows of an `out`-shaped result need (ceil mode).
Value padForWindows(OpBuilder &b, Location loc, Value input,
                    RankedTensorType out, const Window &w, Value padValue) {
  RankedTensorType in = tensorType(input);
  size_t n = w.rank();
  SmallVector<int64_t> low(2, 0), high(2, 0);
  for (size_t i = 0; i < n; ++i) {
    int64_t size = in.getDimSize(2 + i);
    int64_t needed = (out.getDimSize(2 + i) - 1) * w.strides[i] +
                     w.dilations[i] * (w.kernel[i] - 1) + 1;
    low.push_back(w.padBegin(i));
    high.push_back(
        std::max<int64_t>(w.padEnd(i), needed - size - w.padBegin(i)));
  }
  return padConstant(b, loc, input, low, high, padValue);
}

/// Maps and iterators of a window reduction over loops (n, c, o..., k...):
/// the padded input at o*s + k*d, the window (k...), then `numOutputs`
/// identity maps on (n, c, o...).
void windowMaps(MLIRContext *ctx, const Window &w, unsigned numOutputs,
                SmallVectorImpl<AffineMap> &maps,
                SmallVectorImpl<utils::IteratorType> &iterators) {
  int64_t n = w.rank();
  int64_t numLoops = 2 + 2 * n;
  SmallVector<AffineExpr> xExprs = {getAffineDimExpr(0, ctx),
                                    getAffineDimExpr(1, ctx)};
  SmallVector<AffineExpr> kExprs, oExprs = xExprs;
  for (int64_t i = 0; i < n; ++i) {
    AffineExpr o = getAffineDimExpr(2 + i, ctx);
    AffineExpr k = getAffineDimExpr(2 + n + i, ctx);
    xExprs.push_back(o * w.strides[i] + k * w.dilations[i]);
    kExprs.push_back(k);
    oExprs.push_back(o);
  }
  maps.push_back(AffineMap::get(numLoops, 0, xExprs, ctx));
  maps.push_back(AffineMap::get(numLoops, 0, kExprs, ctx));
  for (unsigned i = 0; i < numOutputs; ++i)
    maps.push_back(AffineMap::get(numLoops, 0, oExprs, ctx));
  SmallVector<utils::IteratorType> all = parallelIterators(numLoops);
  iterators.assign(all.begin(), all.end());
  for (int64_t i = 2 + n; i < numLoops; ++i)
    iterators[i] = utils::IteratorType::reduction;
}

/// The unused operand that bounds the k loops.
Value windowTensor(OpBuilder &b, Location loc, const Window &w, Type elt) {
  return emptyTensor(b, loc, RankedTensorType::get(w.kernel, elt));
}

/// Reduces the padded input over each window into `init` (of type `out`)
/// with `combine(acc, x)`.
Value reduceWindows(
    OpBuilder &b, Location loc, Value padded, RankedTensorType out,
    const Window &w, Value init,
    function_ref<Value(OpBuilder &, Location, Value, Value)> combine) {
  SmallVector<AffineMap> maps;
  SmallVector<utils::IteratorType> iterators;
  windowMaps(b.getContext(), w, 1, maps, iterators);
  Value window = windowTensor(b, loc, w, out.getElementType());
  return linalg::GenericOp::create(
             b, loc, TypeRange{out}, ValueRange{padded, window},
             ValueRange{init}, maps, iterators,
             [&](OpBuilder &nb, Location l, ValueRange args) {
               linalg::YieldOp::create(nb, l, combine(nb, l, args[2], args[0]));
             })
      .getResult(0);
}

/// Max pooling with argmax: (value, index) per window where the index is
/// the row-major flat index ((n*C + c)*D1 + i1)*D2 + ... of the maximum in
/// the unpadded input, the smallest one on ties.
std::pair<Value, Value> maxPoolWithIndices(OpBuilder &b, Location loc,
                                           Value input, RankedTensorType out,
                                           const Window &w) {
  RankedTensorType in = tensorType(input);
  Type elt = in.getElementType();
  int64_t n = w.rank();
  Value padded = padForWindows(b, loc, input, out, w, negInfinity(b, loc, elt));
  auto idxType = RankedTensorType::get(out.getShape(), b.getI64Type());
  Value initV = filledTensor(b, loc, out, negInfinity(b, loc, elt));
  Value initI = filledTensor(
      b, loc, idxType, i64Const(b, loc, std::numeric_limits<int64_t>::max()));
  SmallVector<AffineMap> maps;
  SmallVector<utils::IteratorType> iterators;
  windowMaps(b.getContext(), w, 2, maps, iterators);
  Value window = windowTensor(b, loc, w, elt);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{out, idxType}, ValueRange{padded, window},
      ValueRange{initV, initI}, maps, iterators,
      [&](OpBuilder &nb, Location l, ValueRange args) {
        Value x = args[0], accV = args[2], accI = args[3];
        Value zero = indexConst(nb, l, 0);
        Value valid;
        // Flat index, accumulated from (n, c) over the spatial positions.
        Value key = arith::AddIOp::create(
            nb, l,
            mulConst(nb, l, linalg::IndexOp::create(nb, l, 0),
                     in.getDimSize(1)),
            linalg::IndexOp::create(nb, l, 1));
        for (int64_t i = 0; i < n; ++i) {
          // Position in the unpadded input: o*s + k*d - pad_begin.
          Value o = linalg::IndexOp::create(nb, l, 2 + i);
          Value k = linalg::IndexOp::create(nb, l, 2 + n + i);
          Value pos =
              arith::AddIOp::create(nb, l, mulConst(nb, l, o, w.strides[i]),
                                    mulConst(nb, l, k, w.dilations[i]));
          if (w.padBegin(i))
            pos = arith::SubIOp::create(nb, l, pos,
                                        indexConst(nb, l, w.padBegin(i)));
          int64_t size = in.getDimSize(2 + i);
          Value inside = arith::AndIOp::create(
              nb, l,
              arith::CmpIOp::create(nb, l, arith::CmpIPredicate::sge, pos,
                                    zero),
              arith::CmpIOp::create(nb, l, arith::CmpIPredicate::slt, pos,
                                    indexConst(nb, l, size)));
          valid = valid
                      ? arith::AndIOp::create(nb, l, valid, inside).getResult()
                      : inside;
          key = arith::AddIOp::create(nb, l, mulConst(nb, l, key, size), pos);
        }
        key = arith::IndexCastOp::create(nb, l, nb.getI64Type(), key);
        // (x, key) beats (accV, accI) when x is larger, or equal with a
        // smaller index; NaN never wins.
        Value greater =
            arith::CmpFOp::create(nb, l, arith::CmpFPredicate::OGT, x, accV);
        Value equal =
            arith::CmpFOp::create(nb, l, arith::CmpFPredicate::OEQ, x, accV);
        Value earlier =
            arith::CmpIOp::create(nb, l, arith::CmpIPredicate::slt, key, accI);
        Value better = arith::OrIOp::create(
            nb, l, greater, arith::AndIOp::create(nb, l, equal, earlier));
        Value take = arith::AndIOp::create(nb, l, valid, better);
        Value v = arith::SelectOp::create(nb, l, take, x, accV);
        Value i = arith::SelectOp::create(nb, l, take, key, accI);
        linalg::YieldOp::create(nb, l, ValueRange{v, i});
      });
  return {generic.getResult(0), generic.getResult(1)};
}

/// Re-encodes row-major flat indices into [N, C, D1..Dn] with the spatial
/// part column-major: (n*C + c)*S + i1 + D1*(i2 + D2*(...)).
Value toColumnMajor(OpBuilder &b, Location loc, Value indices,
                    ArrayRef<int64_t> inShape) {
  ArrayRef<int64_t> spatial = inShape.drop_front(2);
  int64_t total = 1;
  for (int64_t d : spatial)
    total *= d;
  return buildElementwise(
      b, loc, {indices}, tensorType(indices),
      [&](OpBuilder &nb, Location l, ValueRange args) {
        Value r = args[0];
        Value s = i64Const(nb, l, total);
        Value base = arith::MulIOp::create(
            nb, l, arith::DivSIOp::create(nb, l, r, s), s);
        Value rest = arith::RemSIOp::create(nb, l, r, s);
        // Row-major digits, last dimension first.
        SmallVector<Value> coords(spatial.size());
        for (int64_t i = spatial.size() - 1; i >= 0; --i) {
          Value d = i64Const(nb, l, spatial[i]);
          coords[i] = arith::RemSIOp::create(nb, l, rest, d);
          rest = arith::DivSIOp::create(nb, l, rest, d);
        }
        Value col = coords.back();
        for (int64_t i = spatial.size() - 2; i >= 0; --i)
          col = arith::AddIOp::create(
              nb, l, coords[i],
              arith::MulIOp::create(nb, l, col, i64Const(nb, l, spatial[i])));
        return arith::AddIOp::create(nb, l, base, col).getResult();
      });
}

struct MaxPoolLowering : OpConversionPattern<MaxPoolOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MaxPoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (failed(checkPool(op, rewriter)))
      return failure();
    Location loc = op.getLoc();
    Window w = windowOf(op);
    Value input = adaptor.getInput();
    auto out = cast<RankedTensorType>(op.getOutput().getType());
    Type elt = out.getElementType();
    Value indices = op.getIndices();
    if (!indices || indices.use_empty()) {
      Value padded = padForWindows(rewriter, loc, input, out, w,
                                   negInfinity(rewriter, loc, elt));
      Value init =
          filledTensor(rewriter, loc, out, negInfinity(rewriter, loc, elt));
      Value result = reduceWindows(
          rewriter, loc, padded, out, w, init,
          [](OpBuilder &b, Location l, Value acc, Value x) {
            return arith::MaximumFOp::create(b, l, acc, x).getResult();
          });
      SmallVector<Value> results = {result};
      if (indices)
        results.push_back(emptyTensor(
            rewriter, loc, cast<RankedTensorType>(indices.getType())));
      rewriter.replaceOp(op, results);
      return success();
    }
    auto [values, flat] = maxPoolWithIndices(rewriter, loc, input, out, w);
    if (op.getStorageOrder() == 1)
      flat = toColumnMajor(rewriter, loc, flat, tensorType(input).getShape());
    rewriter.replaceOp(op, ValueRange{values, flat});
    return success();
  }
};

/// Number of positions start, start + d, ..., start + (k-1)d in [lo, hi).
int64_t countInside(int64_t start, int64_t k, int64_t d, int64_t lo,
                    int64_t hi) {
  int64_t count = 0;
  for (int64_t j = 0; j < k; ++j) {
    int64_t p = start + j * d;
    count += p >= lo && p < hi;
  }
  return count;
}

struct AvgPoolLowering : OpConversionPattern<AvgPoolOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AvgPoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (failed(checkPool(op, rewriter)))
      return failure();
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Window w = windowOf(op);
    size_t n = w.rank();
    Value input = adaptor.getInput();
    RankedTensorType in = tensorType(input);
    auto out = cast<RankedTensorType>(op.getType());
    Type elt = out.getElementType();
    Value zero = floatConst(rewriter, loc, elt, 0);
    Value padded = padForWindows(rewriter, loc, input, out, w, zero);
    Value sum = reduceWindows(
        rewriter, loc, padded, out, w, filledTensor(rewriter, loc, out, zero),
        [](OpBuilder &b, Location l, Value acc, Value x) {
          return arith::AddFOp::create(b, l, acc, x).getResult();
        });

    // Divisors per output position: a product of per-dimension counts.
    bool includePad = op.getCountIncludePad();
    SmallVector<SmallVector<int64_t>> counts(n);
    for (size_t i = 0; i < n; ++i) {
      int64_t size = in.getDimSize(2 + i);
      int64_t lo = includePad ? -w.padBegin(i) : 0;
      int64_t hi = includePad ? size + w.padEnd(i) : size;
      for (int64_t o = 0; o < out.getDimSize(2 + i); ++o)
        counts[i].push_back(std::max<int64_t>(
            1, countInside(o * w.strides[i] - w.padBegin(i), w.kernel[i],
                           w.dilations[i], lo, hi)));
    }
    ArrayRef<int64_t> spatial = out.getShape().drop_front(2);
    SmallVector<Attribute> divisors;
    for (int64_t flat = 0, e = numElements(spatial); flat < e; ++flat) {
      int64_t rest = flat, product = 1;
      for (int64_t i = n - 1; i >= 0; --i) {
        product *= counts[i][rest % spatial[i]];
        rest /= spatial[i];
      }
      divisors.push_back(rewriter.getFloatAttr(elt, double(product)));
    }
    Value result;
    if (llvm::all_equal(divisors)) {
      Value d = arith::ConstantOp::create(rewriter, loc, elt,
                                          cast<TypedAttr>(divisors.front()));
      result = buildElementwise(
          rewriter, loc, {sum}, out,
          [&](OpBuilder &b, Location l, ValueRange a) {
            return arith::DivFOp::create(b, l, a[0], d).getResult();
          });
    } else {
      auto divType = RankedTensorType::get(spatial, elt);
      Value d = arith::ConstantOp::create(
          rewriter, loc, DenseElementsAttr::get(divType, divisors));
      int64_t rank = out.getRank();
      SmallVector<AffineExpr> exprs;
      for (int64_t i = 2; i < rank; ++i)
        exprs.push_back(getAffineDimExpr(i, ctx));
      SmallVector<AffineMap> maps = {
          AffineMap::getMultiDimIdentityMap(rank, ctx),
          AffineMap::get(rank, 0, exprs, ctx),
          AffineMap::getMultiDimIdentityMap(rank, ctx)};
      result =
          linalg::GenericOp::create(
              rewriter, loc, TypeRange{out}, ValueRange{sum, d},
              ValueRange{emptyTensor(rewriter, loc, out)}, maps,
              parallelIterators(rank),
              [](OpBuilder &b, Location l, ValueRange args) {
                linalg::YieldOp::create(
                    b, l,
                    arith::DivFOp::create(b, l, args[0], args[1]).getResult());
              })
              .getResult(0);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Reduces all spatial dimensions of [N, C, D...] into `out` = [N, C, 1...]
/// starting from `initValue`.
Value reduceSpatial(
    OpBuilder &b, Location loc, Value input, RankedTensorType out,
    Value initValue,
    function_ref<Value(OpBuilder &, Location, Value, Value)> combine) {
  MLIRContext *ctx = b.getContext();
  int64_t rank = out.getRank();
  SmallVector<AffineExpr> outExprs = {getAffineDimExpr(0, ctx),
                                      getAffineDimExpr(1, ctx)};
  for (int64_t i = 2; i < rank; ++i)
    outExprs.push_back(getAffineConstantExpr(0, ctx));
  SmallVector<AffineMap> maps = {AffineMap::getMultiDimIdentityMap(rank, ctx),
                                 AffineMap::get(rank, 0, outExprs, ctx)};
  SmallVector<utils::IteratorType> iterators = parallelIterators(rank);
  for (int64_t i = 2; i < rank; ++i)
    iterators[i] = utils::IteratorType::reduction;
  Value init = filledTensor(b, loc, out, initValue);
  return linalg::GenericOp::create(
             b, loc, TypeRange{out}, ValueRange{input}, ValueRange{init}, maps,
             iterators,
             [&](OpBuilder &nb, Location l, ValueRange args) {
               linalg::YieldOp::create(nb, l, combine(nb, l, args[1], args[0]));
             })
      .getResult(0);
}

/// Max and average pooling of an NHWC tensor (the result of a packed conv,
/// see nhwcSource): one generic over (n, oh, ow, kh, kw, c) with the
/// channel loop innermost, so LLVM vectorizes it along contiguous channels;
/// the result stays NHWC for the next packed op. Average pooling only where
/// every window's divisor is kh*kw (no padding, or count_include_pad).
template <typename OpTy> struct NhwcPoolLowering : OpConversionPattern<OpTy> {
  NhwcPoolLowering(MLIRContext *ctx)
      : OpConversionPattern<OpTy>(ctx, /*benefit=*/2) {}
  using Adaptor = typename OpTy::Adaptor;
  static constexpr bool isMax = std::is_same_v<OpTy, MaxPoolOp>;

  LogicalResult
  matchAndRewrite(OpTy op, Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value source = nhwcSource(adaptor.getInput());
    // An NCHW input is transposed (below, once the op is known to lower
    // here) when it holds a vector of channels, or for a max pool whose
    // indices the unpools recompute (the NCHW lowering builds them).
    bool transposeIn = false;
    if (!source) {
      transposeIn = nhwcPays(adaptor.getInput());
      if constexpr (isMax)
        transposeIn = transposeIn || unpoolRecomputesIndices(op);
    }
    if (!source && !transposeIn)
      return rewriter.notifyMatchFailure(op, "input is not NHWC");
    if (failed(checkPool(op, rewriter)))
      return failure();
    Window w = windowOf(op);
    auto out = cast<RankedTensorType>(op->getResult(0).getType());
    if (w.rank() != 2)
      return rewriter.notifyMatchFailure(op, "not 2-D");
    if constexpr (isMax) {
      if (Value indices = op.getIndices();
          indices && !indices.use_empty() && !unpoolRecomputesIndices(op))
        return rewriter.notifyMatchFailure(op, "indices are used");
    } else {
      bool padded = llvm::any_of(w.pads, [](int64_t p) { return p != 0; }) ||
                    op.getCeilMode();
      if (padded && !op.getCountIncludePad())
        return rewriter.notifyMatchFailure(op, "divisor varies");
      if (op.getCeilMode())
        return rewriter.notifyMatchFailure(op, "ceil_mode");
    }
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    if (transposeIn)
      source = toNhwc(rewriter, loc, adaptor.getInput());
    RankedTensorType st = tensorType(source);
    Type elt = st.getElementType();
    int64_t n = st.getDimSize(0), h = st.getDimSize(1), wd = st.getDimSize(2),
            cp = st.getDimSize(3);
    int64_t oh = out.getDimSize(2), ow = out.getDimSize(3);
    // Padding: the explicit pads, and what ceil mode's last window needs.
    SmallVector<int64_t> low = {0}, high = {0};
    int64_t sizes[2] = {h, wd}, outs[2] = {oh, ow};
    for (int i = 0; i < 2; ++i) {
      int64_t needed =
          (outs[i] - 1) * w.strides[i] + w.dilations[i] * (w.kernel[i] - 1) + 1;
      low.push_back(w.padBegin(i));
      high.push_back(
          std::max<int64_t>(w.padEnd(i), needed - sizes[i] - w.padBegin(i)));
    }
    low.push_back(0);
    high.push_back(0);
    Value padValue = isMax ? negInfinity(rewriter, loc, elt)
                           : floatConst(rewriter, loc, elt, 0);
    Value x = paddedBuffer(rewriter, loc, source, low, high, padValue);
    auto yType = RankedTensorType::get({n, oh, ow, cp}, elt);
    Value init = filledTensor(rewriter, loc, yType, padValue);
    // The window operand (shape only) makes the loops (kh, kw) invertible.
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    SmallVector<AffineMap> maps = {
        AffineMap::get(6, 0,
                       {d(0), d(1) * w.strides[0] + d(3) * w.dilations[0],
                        d(2) * w.strides[1] + d(4) * w.dilations[1], d(5)},
                       ctx),
        AffineMap::get(6, 0, {d(3), d(4)}, ctx),
        AffineMap::get(6, 0, {d(0), d(1), d(2), d(5)}, ctx)};
    Value window = emptyTensor(
        rewriter, loc, RankedTensorType::get({w.kernel[0], w.kernel[1]}, elt));
    SmallVector<utils::IteratorType> iterators = parallelIterators(6);
    iterators[3] = iterators[4] = utils::IteratorType::reduction;
    auto pool = linalg::GenericOp::create(
        rewriter, loc, TypeRange{yType}, ValueRange{x, window},
        ValueRange{init}, maps, iterators,
        [](OpBuilder &b, Location l, ValueRange args) {
          Value r =
              isMax ? arith::MaximumFOp::create(b, l, args[2], args[0])
                          .getResult()
                    : arith::AddFOp::create(b, l, args[2], args[0]).getResult();
          linalg::YieldOp::create(b, l, r);
        });
    // For cnnc-vectorize-pool: [kh, kw, sh, sw, dh, dw, max (1) or sum (0)].
    pool->setAttr("cnnc.pool",
                  rewriter.getDenseI64ArrayAttr(
                      {w.kernel[0], w.kernel[1], w.strides[0], w.strides[1],
                       w.dilations[0], w.dilations[1], isMax ? 1 : 0}));
    Value y = pool.getResult(0);
    if constexpr (!isMax) {
      Value count =
          floatConst(rewriter, loc, elt, double(w.kernel[0] * w.kernel[1]));
      y = buildElementwise(
          rewriter, loc, {y}, yType,
          [&](OpBuilder &b, Location l, ValueRange a) {
            return arith::DivFOp::create(b, l, a[0], count).getResult();
          });
    }
    SmallVector<Value> results = {nchwView(rewriter, loc, y, out)};
    if constexpr (isMax) {
      if (Value indices = op.getIndices()) {
        auto indicesType = cast<RankedTensorType>(indices.getType());
        if (indices.use_empty()) {
          results.push_back(emptyTensor(rewriter, loc, indicesType));
        } else {
          // Read only by unpools that find the maxima again in this
          // pool's NHWC input (see unpoolRecomputesIndices); the mark
          // tells them this lowering ran.
          Value marked = emptyTensor(rewriter, loc, indicesType);
          marked.getDefiningOp()->setAttr(kRecomputedIndices,
                                          rewriter.getUnitAttr());
          results.push_back(marked);
        }
      }
    }
    rewriter.replaceOp(op, results);
    return success();
  }
};

struct GlobalAvgPoolLowering : OpConversionPattern<GlobalAvgPoolOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GlobalAvgPoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType in = tensorType(adaptor.getInput());
    auto out = cast<RankedTensorType>(op.getType());
    if (!in.hasStaticShape() || !out.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic shape");
    Type elt = out.getElementType();
    Value affine = adaptor.getInputAffine();
    // The input prologue on one element of channel c: act(x * k + s), with
    // k = affine[0][c] and s = affine[1][c].
    auto prologue = [&](OpBuilder &b, Location l, Value x, Value k, Value s) {
      Value v = arith::AddFOp::create(
          b, l, arith::MulFOp::create(b, l, x, k).getResult(), s);
      return buildActivation(b, l, v, op.getInputActivation(),
                             activationParams(op.getInputActivationParams()));
    };
    MLIRContext *ctx = rewriter.getContext();
    // (d0, ..., d[rank-1]) -> (row, d[channelDim]): the affine row of an
    // element's channel.
    auto affineRow = [&](unsigned rank, int64_t row, unsigned channelDim) {
      return AffineMap::get(
          rank, 0,
          {getAffineConstantExpr(row, ctx), getAffineDimExpr(channelDim, ctx)},
          ctx);
    };
    if (Value source = nhwcSource(adaptor.getInput());
        source && in.getRank() == 4) {
      // NHWC (a packed conv's result): sum over (h, w) with the channel loop
      // innermost; [N, C, 1, 1] has the memory layout of [N, 1, 1, C].
      auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
      AffineExpr zero = getAffineConstantExpr(0, ctx);
      SmallVector<AffineMap> maps = {
          AffineMap::get(4, 0, {d(0), d(1), d(2), d(3)}, ctx),
          AffineMap::get(4, 0, {d(0), d(3), zero, zero}, ctx)};
      SmallVector<utils::IteratorType> iterators = parallelIterators(4);
      iterators[1] = iterators[2] = utils::IteratorType::reduction;
      RankedTensorType st = tensorType(source);
      double scale = 1.0 / double(st.getDimSize(1) * st.getDimSize(2));
      // Channels past C (padding) are not summed: slice them off.
      if (st.getDimSize(3) != out.getDimSize(1)) {
        SmallVector<OpFoldResult> zeros(4, rewriter.getIndexAttr(0));
        SmallVector<OpFoldResult> ones(4, rewriter.getIndexAttr(1));
        SmallVector<OpFoldResult> sizes = {
            rewriter.getIndexAttr(st.getDimSize(0)),
            rewriter.getIndexAttr(st.getDimSize(1)),
            rewriter.getIndexAttr(st.getDimSize(2)),
            rewriter.getIndexAttr(out.getDimSize(1))};
        source = tensor::ExtractSliceOp::create(
            rewriter, loc,
            RankedTensorType::get({st.getDimSize(0), st.getDimSize(1),
                                   st.getDimSize(2), out.getDimSize(1)},
                                  elt),
            source, zeros, sizes, ones);
      }
      SmallVector<Value> inputs = {source};
      if (affine) {
        inputs.append({affine, affine});
        maps.insert(maps.begin() + 1, {affineRow(4, 0, 3), affineRow(4, 1, 3)});
      }
      Value init =
          filledTensor(rewriter, loc, out, floatConst(rewriter, loc, elt, 0));
      Value sum =
          linalg::GenericOp::create(
              rewriter, loc, TypeRange{out}, inputs, ValueRange{init}, maps,
              iterators,
              [&](OpBuilder &b, Location l, ValueRange args) {
                Value x = affine ? prologue(b, l, args[0], args[1], args[2])
                                 : args[0];
                linalg::YieldOp::create(
                    b, l,
                    arith::AddFOp::create(b, l, args.back(), x).getResult());
              })
              .getResult(0);
      rewriter.replaceOp(
          op, buildElementwise(rewriter, loc, {sum}, out,
                               [&](OpBuilder &b, Location l, ValueRange a) {
                                 return arith::MulFOp::create(
                                            b, l, a[0],
                                            floatConst(b, l, elt, scale))
                                     .getResult();
                               }));
      return success();
    }
    Value input = adaptor.getInput();
    if (affine) {
      unsigned rank = in.getRank();
      SmallVector<AffineMap> maps = {
          AffineMap::getMultiDimIdentityMap(rank, ctx), affineRow(rank, 0, 1),
          affineRow(rank, 1, 1), AffineMap::getMultiDimIdentityMap(rank, ctx)};
      input =
          linalg::GenericOp::create(
              rewriter, loc, TypeRange{in}, ValueRange{input, affine, affine},
              ValueRange{emptyTensor(rewriter, loc, in)}, maps,
              parallelIterators(rank),
              [&](OpBuilder &b, Location l, ValueRange args) {
                linalg::YieldOp::create(
                    b, l, prologue(b, l, args[0], args[1], args[2]));
              })
              .getResult(0);
    }
    Value sum = reduceSpatial(
        rewriter, loc, input, out, floatConst(rewriter, loc, elt, 0),
        [](OpBuilder &b, Location l, Value acc, Value x) {
          return arith::AddFOp::create(b, l, acc, x).getResult();
        });
    Value count = floatConst(rewriter, loc, elt,
                             double(numElements(in.getShape().drop_front(2))));
    rewriter.replaceOp(
        op, buildElementwise(
                rewriter, loc, {sum}, out,
                [&](OpBuilder &b, Location l, ValueRange a) {
                  return arith::DivFOp::create(b, l, a[0], count).getResult();
                }));
    return success();
  }
};

struct GlobalMaxPoolLowering : OpConversionPattern<GlobalMaxPoolOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GlobalMaxPoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType in = tensorType(adaptor.getInput());
    auto out = cast<RankedTensorType>(op.getType());
    if (!in.hasStaticShape() || !out.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic shape");
    rewriter.replaceOp(
        op, reduceSpatial(
                rewriter, loc, adaptor.getInput(), out,
                negInfinity(rewriter, loc, out.getElementType()),
                [](OpBuilder &b, Location l, Value acc, Value x) {
                  return arith::MaximumFOp::create(b, l, acc, x).getResult();
                }));
    return success();
  }
};

struct MaxUnpoolLowering : OpConversionPattern<MaxUnpoolOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MaxUnpoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput(), indices = adaptor.getIndices();
    RankedTensorType in = tensorType(input);
    auto out = cast<RankedTensorType>(op.getType());
    if (!in.hasStaticShape() || !out.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic shape");
    if (Operation *def = indices.getDefiningOp();
        def && def->hasAttr(kRecomputedIndices)) {
      // The pool (not yet erased: the conversion replaces ops at its end)
      // and its input as lowered, which its NHWC lowering found NHWC.
      auto pool = op.getIndices().getDefiningOp<MaxPoolOp>();
      if (!pool)
        return op.emitOpError("lost the input of its max pool");
      Value poolInput = rewriter.getRemappedValue(pool.getInput());
      Value source = nhwcSource(poolInput);
      if (!source)
        source = toNhwc(rewriter, loc, poolInput);
      rewriter.replaceOp(op, gatherFromWindows(rewriter, op, input, source));
      return success();
    }
    Type elt = out.getElementType();
    size_t n = in.getRank() - 2;
    SmallVector<int64_t> kernel(op.getKernelShape());
    SmallVector<int64_t> strides = valuesOr(op.getStrides(), n, 1);
    SmallVector<int64_t> pads = valuesOr(op.getPads(), 2 * n, 0);

    // The default output shape, which the indices address.
    SmallVector<int64_t> dflt = {in.getDimSize(0), in.getDimSize(1)};
    for (size_t i = 0; i < n; ++i)
      dflt.push_back((in.getDimSize(2 + i) - 1) * strides[i] + kernel[i] -
                     pads[i] - pads[n + i]);
    int64_t count = in.getNumElements(), size = numElements(dflt);

    auto flatIn = RankedTensorType::get({count}, elt);
    auto flatIdx = RankedTensorType::get({count}, rewriter.getI64Type());
    auto flatOut = RankedTensorType::get({size}, elt);
    Value x = reshapeTensor(rewriter, loc, input, flatIn);
    Value idx = reshapeTensor(rewriter, loc, indices, flatIdx);
    Value zeros =
        filledTensor(rewriter, loc, flatOut, floatConst(rewriter, loc, elt, 0));
    Value lb = indexConst(rewriter, loc, 0),
          ub = indexConst(rewriter, loc, count),
          step = indexConst(rewriter, loc, 1);
    auto loop = scf::ForOp::create(
        rewriter, loc, lb, ub, step, ValueRange{zeros},
        [&](OpBuilder &b, Location l, Value iv, ValueRange iterArgs) {
          Value acc = iterArgs[0];
          Value v = tensor::ExtractOp::create(b, l, x, ValueRange{iv});
          Value raw = tensor::ExtractOp::create(b, l, idx, ValueRange{iv});
          Value target =
              arith::IndexCastOp::create(b, l, b.getIndexType(), raw);
          Value inRange = arith::AndIOp::create(
              b, l,
              arith::CmpIOp::create(b, l, arith::CmpIPredicate::sge, target,
                                    indexConst(b, l, 0)),
              arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt, target,
                                    indexConst(b, l, size)));
          auto ifOp = scf::IfOp::create(
              b, l, inRange,
              [&](OpBuilder &tb, Location tl) {
                Value r = tensor::InsertOp::create(tb, tl, v, acc,
                                                   ValueRange{target});
                scf::YieldOp::create(tb, tl, r);
              },
              [&](OpBuilder &eb, Location el) {
                scf::YieldOp::create(eb, el, acc);
              });
          scf::YieldOp::create(b, l, ifOp.getResult(0));
        });
    auto dfltType = RankedTensorType::get(dflt, elt);
    Value result = reshapeTensor(rewriter, loc, loop.getResult(0), dfltType);
    if (dfltType != out) {
      // output_shape: the default result at the origin of a zero tensor
      // (cropped where output_shape is smaller).
      SmallVector<int64_t> box;
      for (auto [a, b] : llvm::zip(dflt, out.getShape()))
        box.push_back(std::min(a, b));
      SmallVector<OpFoldResult> zerosOfr(box.size(), rewriter.getIndexAttr(0)),
          ones(box.size(), rewriter.getIndexAttr(1)), sizes;
      for (int64_t d : box)
        sizes.push_back(rewriter.getIndexAttr(d));
      if (ArrayRef<int64_t>(box) != ArrayRef<int64_t>(dflt))
        result = tensor::ExtractSliceOp::create(rewriter, loc,
                                                RankedTensorType::get(box, elt),
                                                result, zerosOfr, sizes, ones);
      Value outZeros =
          filledTensor(rewriter, loc, out, floatConst(rewriter, loc, elt, 0));
      result = tensor::InsertSliceOp::create(rewriter, loc, result, outZeros,
                                             zerosOfr, sizes, ones);
    }
    rewriter.replaceOp(op, result);
    return success();
  }

  /// The unpool of non-overlapping windows as a gather (see
  /// unpoolRecomputesIndices), NHWC: over the input viewed as
  /// [N, OH, KH, OW, KW, C], each position reads its own value, all its
  /// window's values (one operand per tap) and the window's pooled value,
  /// and keeps the latter where it is the window's first maximum. Channels
  /// are innermost and contiguous: LLVM vectorizes it.
  static Value gatherFromWindows(ConversionPatternRewriter &rewriter,
                                 MaxUnpoolOp op, Value values, Value source) {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    auto out = cast<RankedTensorType>(op.getType());
    Type elt = out.getElementType();
    int64_t n = out.getDimSize(0), c = out.getDimSize(1), h = out.getDimSize(2),
            w = out.getDimSize(3);
    int64_t kh = op.getKernelShape()[0], kw = op.getKernelShape()[1];
    int64_t oh = h / kh, ow = w / kw;
    // Real channels only (the pool's input may carry padding channels).
    Value x = firstChannelsOf(rewriter, loc, source, c);
    SmallVector<ReassociationIndices> split = {{0}, {1, 2}, {3, 4}, {5}};
    auto windows = RankedTensorType::get({n, oh, kh, ow, kw, c}, elt);
    x = tensor::ExpandShapeOp::create(rewriter, loc, windows, x, split);
    Value v = nhwcSource(values);
    if (v && tensorType(v).getShape().take_front(3) ==
                 ArrayRef<int64_t>{n, oh, ow}) {
      v = firstChannelsOf(rewriter, loc, v, c);
    } else {
      v = toNhwc(rewriter, loc, values);
    }
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    auto k = [&](int64_t v) { return getAffineConstantExpr(v, ctx); };
    SmallVector<Value> inputs = {v};
    SmallVector<AffineMap> maps = {
        AffineMap::get(6, 0, {d(0), d(1), d(3), d(5)}, ctx)};
    for (int64_t r = 0; r < kh; ++r)
      for (int64_t s = 0; s < kw; ++s) {
        inputs.push_back(x);
        maps.push_back(
            AffineMap::get(6, 0, {d(0), d(1), k(r), d(3), k(s), d(5)}, ctx));
      }
    maps.push_back(AffineMap::getMultiDimIdentityMap(6, ctx));
    auto gather = linalg::GenericOp::create(
        rewriter, loc, TypeRange{windows}, inputs,
        ValueRange{emptyTensor(rewriter, loc, windows)}, maps,
        parallelIterators(6), [&](OpBuilder &b, Location l, ValueRange a) {
          // The first tap holding the window's maximum (ties: the first in
          // window order, as the pool's indices).
          ValueRange taps = a.slice(1, kh * kw);
          Value best = taps[0];
          for (Value t : taps.drop_front())
            best = arith::MaximumFOp::create(b, l, best, t);
          Value first = indexConst(b, l, kh * kw - 1);
          for (int64_t i = kh * kw - 2; i >= 0; --i) {
            Value isMax = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OEQ,
                                                taps[i], best);
            first = arith::SelectOp::create(b, l, isMax, indexConst(b, l, i),
                                            first);
          }
          // (One op per statement: argument order is unspecified, and the
          // IR must not depend on the host compiler.)
          Value row = linalg::IndexOp::create(b, l, 2);
          Value col = linalg::IndexOp::create(b, l, 4);
          Value rowStart =
              arith::MulIOp::create(b, l, row, indexConst(b, l, kw));
          Value self = arith::AddIOp::create(b, l, rowStart, col);
          Value mine = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq,
                                             self, first);
          Value r = arith::SelectOp::create(b, l, mine, a[0],
                                            floatConst(b, l, elt, 0));
          linalg::YieldOp::create(b, l, r);
        });
    // For cnnc-vectorize-pool: [kh, kw].
    gather->setAttr("cnnc.unpool", rewriter.getDenseI64ArrayAttr({kh, kw}));
    auto nhwc = RankedTensorType::get({n, h, w, c}, elt);
    Value y = tensor::CollapseShapeOp::create(rewriter, loc, nhwc,
                                              gather.getResult(0), split);
    return nchwView(rewriter, loc, y, out);
  }
};

} // namespace

void populatePoolingPatterns(RewritePatternSet &patterns) {
  patterns.add<MaxPoolLowering, AvgPoolLowering, GlobalAvgPoolLowering,
               GlobalMaxPoolLowering, MaxUnpoolLowering,
               NhwcPoolLowering<MaxPoolOp>, NhwcPoolLowering<AvgPoolOp>>(
      patterns.getContext());
}

} // namespace cnnc
