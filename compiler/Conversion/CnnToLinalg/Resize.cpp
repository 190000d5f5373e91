//===- Resize.cpp - ONNX Resize in every mode -----------------------------===//
//
// Part of cnnc.
//
/// Shapes are static, so the whole coordinate mapping of every resized
/// dimension is evaluated here, in double precision like the ONNX reference
/// (onnx/backend/test/case/node/resize.py): for each output position the
/// source coordinate, its neighbours in the edge-padded input, their
/// coefficients (nearest, linear or cubic, with the ratio == 0 special case
/// and exclude_outside renormalisation) and, for tf_crop_and_resize, whether
/// the position lies outside the input. The result per dimension is a table
/// of taps (source index, weight) per output position, stored as constant
/// 1-D tensors (one per tap) that a single `linalg.generic` over the output
/// reads with the identity-like map `(d...) -> (d_k)`. Its body reads the
/// input with `tensor.extract` and combines the taps dimension by dimension,
/// innermost first, like the reference. Dimensions the mapping leaves
/// unchanged read `linalg.index` directly and have no tables; nearest
/// sampling has one tap of weight 1 and so no weight table.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/CnnToLinalg/Patterns.h"
#include "compiler/Conversion/CnnToLinalg/Utils.h"

#include "Cnn/IR/CnnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

using namespace mlir;
using namespace cnnc::cnn;

namespace cnnc {
namespace {

/// What one output position of a resized dimension reads.
struct Position {
  bool outside = false; // tf_crop_and_resize: extrapolation_value.
  SmallVector<std::pair<int64_t, double>, 4> taps; // (source index, weight)
};

/// The mapping of one dimension, as the reference's interpolate_1d_with_x
/// computes it for every output position `x`.
struct DimMapping {
  int64_t in = 0, out = 0;
  ResizeMode mode;
  CoordinateTransformMode coord;
  NearestMode nearest;
  double cubicA = -0.75;
  bool excludeOutside = false, antialias = false;
  double scale = 1.0;       // scale_factor
  double outputWidth = 1.0; // scale_factor * input_width, maybe fractional
  float roiStart = 0.0f, roiEnd = 1.0f;

  /// The source coordinate of output position `x`; sets `outside` for
  /// tf_crop_and_resize positions beyond the input.
  double sourceCoordinate(int64_t x, bool &outside) const {
    double xd = double(x);
    switch (coord) {
    case CoordinateTransformMode::align_corners:
      if (outputWidth == 1.0)
        return 0.0;
      return double(x * (in - 1)) / (outputWidth - 1.0);
    case CoordinateTransformMode::asymmetric:
      return xd / scale;
    case CoordinateTransformMode::tf_crop_and_resize: {
      // The reference takes the roi extent in float32 (a float32 roi), the
      // rest in double.
      double extent = double(roiEnd - roiStart);
      double xo;
      if (outputWidth == 1.0)
        xo = extent * double(in - 1) / 2.0;
      else
        xo = xd * extent * double(in - 1) / (outputWidth - 1.0);
      xo += double(roiStart) * double(in - 1);
      outside = xo < 0.0 || xo > double(in - 1);
      return xo;
    }
    case CoordinateTransformMode::pytorch_half_pixel:
      if (outputWidth == 1.0)
        return -0.5;
      return (xd + 0.5) / scale - 0.5;
    case CoordinateTransformMode::half_pixel:
      return (xd + 0.5) / scale - 0.5;
    case CoordinateTransformMode::half_pixel_symmetric: {
      double adjustment = double(out) / outputWidth;
      double center = double(in) / 2.0;
      double offset = center * (1.0 - adjustment);
      return offset + (xd + 0.5) / scale - 0.5;
    }
    case CoordinateTransformMode::tf_half_pixel_for_nn:
      return (xd + 0.5) / scale;
    }
    llvm_unreachable("unknown coordinate_transformation_mode");
  }

  SmallVector<double, 4> coefficients(double ratio) const {
    if (antialias && mode != ResizeMode::nearest)
      return antialiasCoefficients(ratio);
    switch (mode) {
    case ResizeMode::nearest: {
      if (ratio == 1.0)
        return {0.0, 1.0};
      bool upper = false;
      switch (nearest) {
      case NearestMode::round_prefer_floor:
        upper = ratio > 0.5;
        break;
      case NearestMode::round_prefer_ceil:
        upper = ratio >= 0.5;
        break;
      case NearestMode::floor:
        upper = false;
        break;
      case NearestMode::ceil:
        upper = true;
        break;
      }
      return {upper ? 0.0 : 1.0, upper ? 1.0 : 0.0};
    }
    case ResizeMode::linear:
      return {1.0 - ratio, ratio};
    case ResizeMode::cubic: {
      double a = cubicA, r = ratio, s = 1.0 - ratio;
      return {((a * (r + 1) - 5 * a) * (r + 1) + 8 * a) * (r + 1) - 4 * a,
              ((a + 2) * r - (a + 3)) * r * r + 1,
              ((a + 2) * s - (a + 3)) * s * s + 1,
              ((a * (s + 1) - 5 * a) * (s + 1) + 8 * a) * (s + 1) - 4 * a};
    }
    }
    llvm_unreachable("unknown resize mode");
  }

  /// The reference's _linear_coeffs_antialias / _cubic_coeffs_antialias:
  /// the filter stretched by 1 / scale when downsampling, over
  /// 2 * ceil(support / scale) taps, normalised.
  SmallVector<double, 4> antialiasCoefficients(double ratio) const {
    double s = std::min(scale, 1.0);
    SmallVector<double, 4> c;
    if (mode == ResizeMode::linear) {
      int64_t start = int64_t(std::floor(-1.0 / s) + 1);
      for (int64_t i = start; i < start + 2 - 2 * start; ++i)
        c.push_back(
            std::clamp(1.0 - std::fabs((double(i) - ratio) * s), 0.0, 1.0));
    } else {
      double a = cubicA;
      auto kernel = [&](double t) {
        t = std::fabs(t);
        double t2 = t * t, t3 = t2 * t;
        if (t <= 1)
          return (a + 2) * t3 - (a + 3) * t2 + 1;
        if (t < 2)
          return a * t3 - 5 * a * t2 + 8 * a * t - 4 * a;
        return 0.0;
      };
      int64_t start = int64_t(std::floor(-2.0 / s) + 1);
      for (int64_t i = start; i < 2 - start; ++i)
        c.push_back(kernel(s * (double(i) - ratio)));
    }
    double sum = 0.0;
    for (double v : c)
      sum += v;
    for (double &v : c)
      v /= sum;
    return c;
  }

  Position position(int64_t x) const {
    Position p;
    double xo = sourceCoordinate(x, p.outside);
    if (p.outside)
      return p;
    // ratio in (0, 1]: an integral coordinate takes the left neighbour's
    // slot of weight 1.
    double ratio = xo == std::floor(xo) ? 1.0 : xo - std::floor(xo);
    SmallVector<double, 4> coeffs = coefficients(ratio);
    int64_t n = coeffs.size();
    // get_neighbor: the n indices of the edge-padded input nearest to the
    // coordinate, ties preferring the smaller index.
    int64_t pad = (n + 1) / 2, limit = in + 2 * pad;
    double xp = xo + double(pad);
    // They lie within n + 1 of the coordinate clamped into the padded input.
    int64_t center =
        (int64_t)std::clamp(std::floor(xp), 0.0, double(limit - 1));
    SmallVector<int64_t, 16> candidates;
    for (int64_t i = std::max<int64_t>(0, center - n - 1),
                 e = std::min<int64_t>(limit, center + n + 2);
         i < e; ++i)
      candidates.push_back(i);
    auto closer = [&](int64_t a, int64_t b) {
      double da = std::fabs(xp - double(a)), db = std::fabs(xp - double(b));
      return da < db || (da == db && a < b);
    };
    std::partial_sort(candidates.begin(), candidates.begin() + n,
                      candidates.end(), closer);
    SmallVector<int64_t, 4> idxes(candidates.begin(), candidates.begin() + n);
    llvm::sort(idxes);
    for (int64_t &i : idxes)
      i -= pad;
    if (excludeOutside) {
      double sum = 0.0;
      for (int64_t i = 0; i < n; ++i) {
        if (idxes[i] < 0 || idxes[i] >= in)
          coeffs[i] = 0.0;
        sum += coeffs[i];
      }
      for (double &c : coeffs)
        c /= sum;
    }
    // Taps on the same (edge-clamped) element merge; zero weights vanish.
    for (int64_t i = 0; i < n; ++i) {
      int64_t src = std::clamp<int64_t>(idxes[i], 0, in - 1);
      if (coeffs[i] == 0.0)
        continue;
      auto *it = llvm::find_if(p.taps, [&](auto &t) { return t.first == src; });
      if (it != p.taps.end())
        it->second += coeffs[i];
      else
        p.taps.push_back({src, coeffs[i]});
    }
    return p;
  }
};

/// The tables of one resized dimension.
struct DimTables {
  int64_t dim;
  int64_t numTaps = 1;
  bool weighted = false, anyOutside = false;
  SmallVector<SmallVector<int32_t>> index; // [tap][position]
  SmallVector<SmallVector<double>> weight; // [tap][position], if weighted
  SmallVector<int8_t> outside;             // [position], if anyOutside
};

/// The tables of `m`, or nothing when the mapping is the identity.
std::optional<DimTables> buildTables(const DimMapping &m, int64_t dim) {
  SmallVector<Position> positions;
  for (int64_t x = 0; x < m.out; ++x)
    positions.push_back(m.position(x));
  DimTables t;
  t.dim = dim;
  bool identity = m.in == m.out;
  for (auto [x, p] : llvm::enumerate(positions)) {
    t.anyOutside |= p.outside;
    t.numTaps = std::max<int64_t>(t.numTaps, p.taps.size());
    if (p.outside)
      continue;
    if (p.taps.size() != 1 || p.taps[0].second != 1.0)
      t.weighted = true;
    if (p.taps.size() != 1 || p.taps[0].second != 1.0 ||
        p.taps[0].first != (int64_t)x)
      identity = false;
  }
  if (identity && !t.anyOutside)
    return std::nullopt;
  t.index.assign(t.numTaps, SmallVector<int32_t>(m.out, 0));
  if (t.weighted)
    t.weight.assign(t.numTaps, SmallVector<double>(m.out, 0.0));
  if (t.anyOutside)
    t.outside.assign(m.out, 0);
  for (auto [x, p] : llvm::enumerate(positions)) {
    if (p.outside)
      t.outside[x] = 1;
    for (auto [k, tap] : llvm::enumerate(p.taps)) {
      t.index[k][x] = (int32_t)tap.first;
      if (t.weighted)
        t.weight[k][x] = tap.second;
    }
  }
  return t;
}

struct ResizeLowering : OpConversionPattern<ResizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ResizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    RankedTensorType inType = tensorType(input);
    auto outType = cast<RankedTensorType>(op.getType());
    if (!inType.hasStaticShape() || !outType.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic shape");
    int64_t rank = inType.getRank();
    std::optional<ArrayRef<float>> scales = op.getScales();
    std::optional<ArrayRef<float>> roi = op.getRoi();
    bool crop = op.getCoordinateTransformationMode() ==
                CoordinateTransformMode::tf_crop_and_resize;
    if (crop && !roi)
      return rewriter.notifyMatchFailure(op, "tf_crop_and_resize without roi");

    SmallVector<DimTables> tables;
    for (int64_t d = 0; d < rank; ++d) {
      DimMapping m;
      m.in = inType.getDimSize(d);
      m.out = outType.getDimSize(d);
      if (m.in == 0 && m.out != 0)
        return rewriter.notifyMatchFailure(op, "resizes an empty dimension");
      if (m.in >= std::numeric_limits<int32_t>::max())
        return rewriter.notifyMatchFailure(op, "dimension too large");
      m.mode = op.getMode();
      m.coord = op.getCoordinateTransformationMode();
      m.nearest = op.getNearestMode();
      m.cubicA = double(op.getCubicCoeffA().convertToFloat());
      m.excludeOutside = op.getExcludeOutside();
      m.antialias = op.getAntialias();
      // The float32 scale (else sizes / in) and the possibly fractional
      // output width scale * in, both in double like the reference (numpy 1
      // promotes a float32 scalar times an int to double).
      m.scale = scales ? double((*scales)[d]) : double(m.out) / double(m.in);
      m.outputWidth = m.scale * double(m.in);
      if (roi) {
        m.roiStart = (*roi)[d];
        m.roiEnd = (*roi)[rank + d];
      }
      if (m.out == 0)
        continue;
      if (std::optional<DimTables> t = buildTables(m, d))
        tables.push_back(std::move(*t));
    }
    if (tables.empty() && inType == outType) {
      rewriter.replaceOp(op, input);
      return success();
    }
    // An NHWC input (a packed op's result, see nhwcSource) whose batch and
    // channels are not resized is resized in NHWC: dimension d of NCHW is
    // pos[d] there, the channel loop innermost and contiguous. So is an
    // NCHW one with a vector of channels, transposed (nhwcPays: the NCHW
    // loops compute one element at a time; a 64-channel 56x56 bilinear 2x
    // up-sampling took 0.80 ms, 0.09 in NHWC).
    SmallVector<int64_t> pos = {0, 1, 2, 3};
    RankedTensorType genericType = outType;
    bool nhwc = false;
    bool spatial = rank == 4 && llvm::all_of(tables, [](const DimTables &t) {
                     return t.dim >= 2;
                   });
    Value source = nhwcSource(input);
    if (!source && spatial && nhwcPays(input))
      source = toNhwc(rewriter, loc, input);
    if (source && spatial) {
      input = source;
      nhwc = true;
      pos = {0, 3, 1, 2};
      RankedTensorType st = tensorType(source);
      genericType =
          RankedTensorType::get({outType.getDimSize(0), outType.getDimSize(2),
                                 outType.getDimSize(3), st.getDimSize(3)},
                                outType.getElementType());
    } else {
      pos.resize(rank);
      for (int64_t d = 0; d < rank; ++d)
        pos[d] = d;
    }

    // Interpolate in f32 (f64 for f64 data).
    Type elt = outType.getElementType();
    Type computeType =
        elt.isF64() ? (Type)rewriter.getF64Type() : (Type)rewriter.getF32Type();
    MLIRContext *ctx = rewriter.getContext();
    SmallVector<Value> inputs;
    SmallVector<AffineMap> maps;
    auto addTable = [&](int64_t dim, DenseElementsAttr attr) {
      inputs.push_back(arith::ConstantOp::create(rewriter, loc, attr));
      maps.push_back(
          AffineMap::get(rank, 0, {getAffineDimExpr(pos[dim], ctx)}, ctx));
      return (unsigned)inputs.size() - 1;
    };
    // Operand numbers of each table in the body's arguments.
    struct Operands {
      SmallVector<unsigned> index, weight;
      std::optional<unsigned> outside;
    };
    SmallVector<Operands> operands(tables.size());
    for (auto [t, ops] : llvm::zip(tables, operands)) {
      int64_t out = outType.getDimSize(t.dim);
      auto indexType = RankedTensorType::get({out}, rewriter.getI32Type());
      auto weightType = RankedTensorType::get({out}, computeType);
      for (int64_t k = 0; k < t.numTaps; ++k) {
        ops.index.push_back(addTable(
            t.dim, DenseElementsAttr::get(indexType, ArrayRef(t.index[k]))));
        if (!t.weighted)
          continue;
        SmallVector<Attribute> ws;
        for (double w : t.weight[k])
          ws.push_back(rewriter.getFloatAttr(computeType, w));
        ops.weight.push_back(
            addTable(t.dim, DenseElementsAttr::get(weightType, ws)));
      }
      if (t.anyOutside) {
        auto flagType = RankedTensorType::get({out}, rewriter.getI8Type());
        ops.outside = addTable(
            t.dim, DenseElementsAttr::get(flagType, ArrayRef(t.outside)));
      }
    }
    maps.push_back(AffineMap::getMultiDimIdentityMap(rank, ctx));
    double extrapolation = double(op.getExtrapolationValue().convertToFloat());

    Value init = emptyTensor(rewriter, loc, genericType);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{genericType}, inputs, ValueRange{init}, maps,
        parallelIterators(rank),
        [&](OpBuilder &b, Location l, ValueRange args) {
          SmallVector<Value> coords;
          for (int64_t d = 0; d < rank; ++d)
            coords.push_back(linalg::IndexOp::create(b, l, d));
          // Combines the taps of tables[k..], innermost dimension first.
          std::function<Value(size_t)> combine = [&](size_t k) -> Value {
            if (k == tables.size()) {
              Value v = tensor::ExtractOp::create(b, l, input, coords);
              if (v.getType() != computeType)
                v = arith::ExtFOp::create(b, l, computeType, v);
              return v;
            }
            const DimTables &t = tables[k];
            Value acc;
            for (int64_t tap = 0; tap < t.numTaps; ++tap) {
              coords[pos[t.dim]] = arith::IndexCastOp::create(
                  b, l, b.getIndexType(), args[operands[k].index[tap]]);
              Value v = combine(k + 1);
              if (t.weighted)
                v = arith::MulFOp::create(b, l, v,
                                          args[operands[k].weight[tap]]);
              acc = acc ? arith::AddFOp::create(b, l, acc, v).getResult() : v;
            }
            return acc;
          };
          Value result = combine(0);
          Value outside;
          for (const Operands &ops : operands) {
            if (!ops.outside)
              continue;
            Value zero = arith::ConstantIntOp::create(b, l, b.getI8Type(), 0);
            Value flag = arith::CmpIOp::create(b, l, arith::CmpIPredicate::ne,
                                               args[*ops.outside], zero);
            outside =
                outside ? arith::OrIOp::create(b, l, outside, flag).getResult()
                        : flag;
          }
          if (outside)
            result = arith::SelectOp::create(
                b, l, outside, floatConst(b, l, computeType, extrapolation),
                result);
          if (result.getType() != elt)
            result = arith::TruncFOp::create(b, l, elt, result);
          linalg::YieldOp::create(b, l, result);
        });
    Value result = generic.getResult(0);
    // (Compare layouts, not types: [1, 32, 32, 32] is both.)
    if (nhwc)
      result = nchwView(rewriter, loc, result, outType);
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void populateResizePatterns(RewritePatternSet &patterns) {
  patterns.add<ResizeLowering>(patterns.getContext());
}

} // namespace cnnc
