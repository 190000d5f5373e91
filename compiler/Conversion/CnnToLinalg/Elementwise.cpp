//===- Elementwise.cpp - constants, activations, broadcasting arithmetic --===//
//
// Part of cnnc.
//
/// Every elementwise cnn op becomes one `linalg.generic` whose body is the
/// ONNX formula in arith/math ops; operands broadcast numpy-style through
/// their indexing maps, so no broadcast is materialised.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/CnnToLinalg/Patterns.h"
#include "compiler/Conversion/CnnToLinalg/Utils.h"

#include "Cnn/IR/CnnConstants.h"
#include "Cnn/IR/CnnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Transforms/DialectConversion.h"

#include <cmath>

using namespace mlir;
using namespace cnnc::cnn;

namespace cnnc {
namespace {

struct ConstantLowering : OpConversionPattern<ConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConstantOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, cast<TypedAttr>(op.getValue()));
    return success();
  }
};

/// Shorthands for scalar code in generic bodies.
struct Scalar {
  OpBuilder &b;
  Location loc;
  Type type;
  Value c(double v) { return floatConst(b, loc, type, v); }
  bool isInt() const { return isa<IntegerType>(type); }
  Value add(Value x, Value y) {
    if (isInt())
      return arith::AddIOp::create(b, loc, x, y);
    return arith::AddFOp::create(b, loc, x, y);
  }
  Value sub(Value x, Value y) {
    if (isInt())
      return arith::SubIOp::create(b, loc, x, y);
    return arith::SubFOp::create(b, loc, x, y);
  }
  Value mul(Value x, Value y) {
    if (isInt())
      return arith::MulIOp::create(b, loc, x, y);
    return arith::MulFOp::create(b, loc, x, y);
  }
  Value div(Value x, Value y) {
    if (isInt())
      return arith::DivSIOp::create(b, loc, x, y);
    return arith::DivFOp::create(b, loc, x, y);
  }
  Value max(Value x, Value y) {
    if (isInt())
      return arith::MaxSIOp::create(b, loc, x, y);
    return arith::MaximumFOp::create(b, loc, x, y);
  }
  Value min(Value x, Value y) {
    if (isInt())
      return arith::MinSIOp::create(b, loc, x, y);
    return arith::MinimumFOp::create(b, loc, x, y);
  }
  /// max(x, lo) and min(x, hi) for constant bounds, NaN in x kept: as
  /// `x < lo ? lo : x`, one vmaxps / vminps on x86 (arith.maximumf's IEEE
  /// NaN and signed-zero rules take three instructions per vector there:
  /// ReLU and Clip epilogues of every conv). Only -0 vs +0 may differ.
  Value atLeast(Value x, Value lo) {
    if (isInt())
      return max(x, lo);
    return select(
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x, lo), lo, x);
  }
  Value atMost(Value x, Value hi) {
    if (isInt())
      return min(x, hi);
    return select(
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, hi), hi, x);
  }
  Value count(int64_t n) {
    if (isInt())
      return arith::ConstantOp::create(b, loc, type, b.getIntegerAttr(type, n));
    return c(double(n));
  }
  Value exp(Value x) { return math::ExpOp::create(b, loc, x); }
  /// 1 / (1 + exp(-x)), the logistic function. x is clamped to [-80, 87]
  /// so that every value is finite, and the division is marked `arcp ninf`
  /// (true here): LLVM then uses the reciprocal estimate and one Newton
  /// step (vrcp14ps / vrcpps, Backend.cpp's "reciprocal-estimates") instead
  /// of a divide. In a conv epilogue this is the cost: a 16 -> 96 1x1 conv
  /// with SiLU took 1.9x the time of the same conv with ReLU (EfficientNet-B0's
  /// expansions), so every vector op counts: 17 per vector here, against 21
  /// with a degree-6 Taylor polynomial, round, convert and add (2-3% faster).
  Value logistic(Value x) {
    if (!type.isF32())
      return div(c(1), add(c(1), exp(neg(x))));
    Value t = add(c(1), expOfNegated(max(min(x, c(87)), c(-80))));
    return arith::DivFOp::create(b, loc, c(1), t,
                                 arith::FastMathFlags::arcp |
                                     arith::FastMathFlags::ninf);
  }
  /// e^-x for f32 x in [-80, 87] (the caller clamps): 2^n p(r) with
  /// n = round(-x log2 e), r = -x - n ln 2 in two steps (Cody-Waite: n ln2_hi
  /// is exact), p a degree-5 minimax polynomial for e^r on |r| <= ln 2 / 2.
  /// Relative error below 2.1e-7 over the whole range (checked against
  /// double exp on 4M points). n is rounded by adding 1.5 * 2^23 + 127: the
  /// sum's low mantissa bits are then n + 127, which shifted into the
  /// exponent field give 2^n, with no round / convert / add steps. The
  /// negation folds into the FMAs (vfnmsub). 11 vector ops.
  Value expOfNegated(Value x) {
    auto fma = [&](Value p, Value q, Value r) {
      return math::FmaOp::create(b, loc, p, q, r).getResult();
    };
    constexpr double magic = 12582912.0 + 127; // 1.5 * 2^23, exponent bias
    Value t = fma(x, c(-M_LOG2E), c(magic));
    Value n = sub(t, c(magic));
    Value r = fma(n, c(-0.693145751953125), neg(x)); // ln 2, high bits
    r = fma(n, c(-1.428606820309417e-06), r);        // ln 2, the rest
    // Relative-error minimax fit of e^r on [-ln 2 / 2, ln 2 / 2].
    Value p = c(0.008297654800117016);
    for (double k :
         {0.04191538318991661, 0.16667574644088745, 0.49998894333839417,
          0.9999997019767761, 1.0000001192092896})
      p = fma(p, r, c(k));
    Type i32 = b.getI32Type();
    Value bits = arith::ShLIOp::create(
        b, loc, arith::BitcastOp::create(b, loc, i32, t),
        arith::ConstantOp::create(b, loc, i32, b.getI32IntegerAttr(23)));
    return mul(p, arith::BitcastOp::create(b, loc, type, bits));
  }
  Value abs(Value x) { return math::AbsFOp::create(b, loc, x); }
  Value neg(Value x) { return arith::NegFOp::create(b, loc, x); }
  Value lt0(Value x) {
    return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x, c(0));
  }
  Value select(Value cond, Value x, Value y) {
    return arith::SelectOp::create(b, loc, cond, x, y);
  }
};

/// Ops whose results may be infinite or NaN for finite operands stay NCHW
/// (see buildNhwcElementwise).
template <typename OpTy> constexpr bool keepsFinite() {
  // (Comparisons, logic, select and casts change or mix element types: the
  // NHWC path is for float-to-float ops.)
  return !llvm::is_one_of<OpTy, ExpOp, LogOp, SqrtOp, DivOp, EqualOp, LessOp,
                          LessOrEqualOp, GreaterOp, GreaterOrEqualOp, AndOp,
                          OrOp, XorOp, NotOp, WhereOp, CastOp>::value;
}

/// `lhs pred rhs` of two scalars of one type.
Value compare(OpBuilder &b, Location loc, arith::CmpFPredicate fp,
              arith::CmpIPredicate ip, Value lhs, Value rhs) {
  if (isa<FloatType>(lhs.getType()))
    return arith::CmpFOp::create(b, loc, fp, lhs, rhs);
  return arith::CmpIOp::create(b, loc, ip, lhs, rhs);
}

/// `x` converted to `to` (cnn.cast's rules).
Value castScalar(OpBuilder &b, Location loc, Value x, Type to) {
  Type from = x.getType();
  if (from == to)
    return x;
  auto fromF = dyn_cast<FloatType>(from), toF = dyn_cast<FloatType>(to);
  if (to.isInteger(1)) {
    Value zero = arith::ConstantOp::create(b, loc, from, b.getZeroAttr(from));
    return fromF ? arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, x,
                                         zero)
                       .getResult()
                 : arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, x,
                                         zero)
                       .getResult();
  }
  if (fromF && toF)
    return fromF.getWidth() < toF.getWidth()
               ? arith::ExtFOp::create(b, loc, to, x).getResult()
               : arith::TruncFOp::create(b, loc, to, x).getResult();
  if (fromF)
    return arith::FPToSIOp::create(b, loc, to, x);
  if (toF)
    return from.isInteger(1)
               ? arith::UIToFPOp::create(b, loc, to, x).getResult()
               : arith::SIToFPOp::create(b, loc, to, x).getResult();
  unsigned fw = from.getIntOrFloatBitWidth(), tw = to.getIntOrFloatBitWidth();
  if (fw < tw)
    return from.isInteger(1)
               ? arith::ExtUIOp::create(b, loc, to, x).getResult()
               : arith::ExtSIOp::create(b, loc, to, x).getResult();
  return arith::TruncIOp::create(b, loc, to, x);
}

/// Lowers a one-operand op with `fn(scalar, op, x)`.
template <typename OpTy> struct UnaryLowering : OpConversionPattern<OpTy> {
  using Fn = Value (*)(Scalar &, OpTy, Value);
  UnaryLowering(MLIRContext *ctx, Fn fn)
      : OpConversionPattern<OpTy>(ctx), fn(fn) {}
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    if constexpr (keepsFinite<OpTy>())
      if (Value nhwc = buildNhwcElementwise(
              rewriter, op.getLoc(), {adaptor.getInput()}, type,
              [&](OpBuilder &b, Location loc, ValueRange args) {
                Scalar s{b, loc, type.getElementType()};
                return fn(s, op, args[0]);
              })) {
        rewriter.replaceOp(op, nhwc);
        return success();
      }
    Value result =
        buildElementwise(rewriter, op.getLoc(), {adaptor.getInput()}, type,
                         [&](OpBuilder &b, Location loc, ValueRange args) {
                           Scalar s{b, loc, type.getElementType()};
                           return fn(s, op, args[0]);
                         });
    rewriter.replaceOp(op, result);
    return success();
  }
  Fn fn;
};

template <typename OpTy>
void addUnary(RewritePatternSet &patterns,
              typename UnaryLowering<OpTy>::Fn fn) {
  patterns.add<UnaryLowering<OpTy>>(patterns.getContext(), fn);
}

/// Lowers an op over all its operands (binary and variadic) with
/// `fn(scalar, op, args)`.
template <typename OpTy> struct NaryLowering : OpConversionPattern<OpTy> {
  using Fn = Value (*)(Scalar &, OpTy, ValueRange);
  NaryLowering(MLIRContext *ctx, Fn fn)
      : OpConversionPattern<OpTy>(ctx), fn(fn) {}
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op->getResult(0).getType());
    if constexpr (keepsFinite<OpTy>())
      if (Value nhwc = buildNhwcElementwise(
              rewriter, op.getLoc(), adaptor.getOperands(), type,
              [&](OpBuilder &b, Location loc, ValueRange args) {
                Scalar s{b, loc, type.getElementType()};
                return fn(s, op, args);
              })) {
        rewriter.replaceOp(op, nhwc);
        return success();
      }
    Value result =
        buildElementwise(rewriter, op.getLoc(), adaptor.getOperands(), type,
                         [&](OpBuilder &b, Location loc, ValueRange args) {
                           Scalar s{b, loc, type.getElementType()};
                           return fn(s, op, args);
                         });
    rewriter.replaceOp(op, result);
    return success();
  }
  Fn fn;
};

template <typename OpTy>
void addNary(RewritePatternSet &patterns, typename NaryLowering<OpTy>::Fn fn) {
  patterns.add<NaryLowering<OpTy>>(patterns.getContext(), fn);
}

double f(APFloat v) { return v.convertToDouble(); }

/// Folds `args` left to right with `op`.
template <typename Fn> Value reduceArgs(ValueRange args, Fn op) {
  Value acc = args.front();
  for (Value v : args.drop_front())
    acc = op(acc, v);
  return acc;
}

} // namespace

Value buildActivation(OpBuilder &b, Location loc, Value x, Activation kind,
                      ArrayRef<float> params, Value slope) {
  Scalar s{b, loc, x.getType()};
  switch (kind) {
  case Activation::none:
    return x;
  case Activation::relu:
    return s.atLeast(x, s.c(0));
  case Activation::leaky_relu:
    return s.select(s.lt0(x), s.mul(x, s.c(params[0])), x);
  case Activation::clip:
    return s.atMost(s.atLeast(x, s.c(params[0])), s.c(params[1]));
  case Activation::sigmoid:
    return s.logistic(x);
  case Activation::tanh:
    return math::TanhOp::create(b, loc, x);
  case Activation::hard_sigmoid: {
    Value t = s.add(s.mul(x, s.c(params[0])), s.c(params[1]));
    return s.atLeast(s.atMost(t, s.c(1)), s.c(0));
  }
  case Activation::hard_swish: {
    Value t = s.add(s.mul(x, s.c(1.0 / 6.0)), s.c(0.5));
    return s.mul(x, s.atLeast(s.atMost(t, s.c(1)), s.c(0)));
  }
  case Activation::silu:
    return s.mul(x, s.logistic(x));
  case Activation::prelu:
    // The channel's slope comes from the caller (an input of its generic).
    return s.select(s.lt0(x), s.mul(x, slope ? slope : s.c(params[0])), x);
  case Activation::gelu: {
    Value e = math::ErfOp::create(b, loc, s.mul(x, s.c(M_SQRT1_2)));
    return s.mul(s.mul(x, s.c(0.5)), s.add(s.c(1), e));
  }
  }
  return x;
}

Value buildEpilogue(OpBuilder &b, Location loc, Value acc, Value residual,
                    FusedConvOp op, Value slope) {
  Value v = buildActivation(b, loc, acc, op.getActivation(),
                            activationParams(op.getActivationParams()), slope);
  if (residual)
    v = arith::AddFOp::create(b, loc, v, residual);
  return buildActivation(b, loc, v, op.getPostActivation(),
                         activationParams(op.getPostActivationParams()), slope);
}

std::vector<float> preluSlopes(FusedConvOp op, int64_t channels) {
  std::optional<ArrayRef<float>> params;
  if (op.getActivation() == Activation::prelu)
    params = op.getActivationParams();
  else if (op.getPostActivation() == Activation::prelu)
    params = op.getPostActivationParams();
  if (!params)
    return {};
  std::vector<float> slopes(channels, 0.0f);
  llvm::copy(params->take_front(channels), slopes.begin());
  return slopes;
}

void populateElementwisePatterns(RewritePatternSet &patterns) {
  patterns.add<ConstantLowering>(patterns.getContext());

  addUnary<ReluOp>(patterns, [](Scalar &s, ReluOp, Value x) {
    return s.atLeast(x, s.c(0));
  });
  addUnary<SigmoidOp>(
      patterns, [](Scalar &s, SigmoidOp, Value x) { return s.logistic(x); });
  addUnary<TanhOp>(patterns, [](Scalar &s, TanhOp, Value x) -> Value {
    return math::TanhOp::create(s.b, s.loc, x);
  });
  addUnary<HardSwishOp>(patterns, [](Scalar &s, HardSwishOp, Value x) {
    Value t = s.add(s.mul(x, s.c(1.0 / 6.0)), s.c(0.5));
    return s.mul(x, s.atLeast(s.atMost(t, s.c(1)), s.c(0)));
  });
  addUnary<ReciprocalOp>(patterns, [](Scalar &s, ReciprocalOp, Value x) {
    return s.div(s.c(1), x);
  });
  addUnary<FloorOp>(patterns, [](Scalar &s, FloorOp, Value x) -> Value {
    return math::FloorOp::create(s.b, s.loc, x);
  });
  addUnary<CeilOp>(patterns, [](Scalar &s, CeilOp, Value x) -> Value {
    return math::CeilOp::create(s.b, s.loc, x);
  });
  addUnary<RoundOp>(patterns, [](Scalar &s, RoundOp, Value x) -> Value {
    return math::RoundEvenOp::create(s.b, s.loc, x);
  });
  addUnary<MishOp>(patterns, [](Scalar &s, MishOp, Value x) -> Value {
    // softplus as below, without overflow.
    Value e = s.exp(s.neg(s.abs(x)));
    Value softplus = s.add(s.max(x, s.c(0)),
                           math::Log1pOp::create(s.b, s.loc, e).getResult());
    return s.mul(x, math::TanhOp::create(s.b, s.loc, softplus));
  });
  addUnary<SoftplusOp>(patterns, [](Scalar &s, SoftplusOp, Value x) {
    // log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)), without overflow.
    Value e = s.exp(s.neg(s.abs(x)));
    return s.add(s.max(x, s.c(0)),
                 math::Log1pOp::create(s.b, s.loc, e).getResult());
  });
  addUnary<ErfOp>(patterns, [](Scalar &s, ErfOp, Value x) -> Value {
    return math::ErfOp::create(s.b, s.loc, x);
  });
  addUnary<SoftsignOp>(patterns, [](Scalar &s, SoftsignOp, Value x) {
    return s.div(x, s.add(s.c(1), s.abs(x)));
  });
  addUnary<ExpOp>(patterns, [](Scalar &s, ExpOp, Value x) { return s.exp(x); });
  addUnary<LogOp>(patterns, [](Scalar &s, LogOp, Value x) -> Value {
    return math::LogOp::create(s.b, s.loc, x);
  });
  addUnary<SqrtOp>(patterns, [](Scalar &s, SqrtOp, Value x) -> Value {
    return math::SqrtOp::create(s.b, s.loc, x);
  });
  addUnary<AbsOp>(patterns, [](Scalar &s, AbsOp, Value x) { return s.abs(x); });
  addUnary<NegOp>(patterns, [](Scalar &s, NegOp, Value x) { return s.neg(x); });
  addUnary<LeakyReluOp>(patterns, [](Scalar &s, LeakyReluOp op, Value x) {
    return s.select(s.lt0(x), s.mul(x, s.c(f(op.getAlpha()))), x);
  });
  addUnary<EluOp>(patterns, [](Scalar &s, EluOp op, Value x) {
    Value neg = s.mul(s.c(f(op.getAlpha())), s.sub(s.exp(x), s.c(1)));
    return s.select(s.lt0(x), neg, x);
  });
  addUnary<SeluOp>(patterns, [](Scalar &s, SeluOp op, Value x) {
    Value neg = s.mul(s.c(f(op.getAlpha())), s.sub(s.exp(x), s.c(1)));
    Value pos =
        arith::CmpFOp::create(s.b, s.loc, arith::CmpFPredicate::OGT, x, s.c(0));
    return s.mul(s.c(f(op.getGamma())), s.select(pos, x, neg));
  });
  addUnary<HardSigmoidOp>(patterns, [](Scalar &s, HardSigmoidOp op, Value x) {
    Value t = s.add(s.mul(x, s.c(f(op.getAlpha()))), s.c(f(op.getBeta())));
    return s.atLeast(s.atMost(t, s.c(1)), s.c(0));
  });
  addUnary<ClipOp>(patterns, [](Scalar &s, ClipOp op, Value x) {
    // ONNX: min(max(x, lo), hi); with lo > hi everything becomes hi.
    if (op.getMin())
      x = s.atLeast(x, s.c(f(*op.getMin())));
    if (op.getMax())
      x = s.atMost(x, s.c(f(*op.getMax())));
    return x;
  });

  addNary<PReluOp>(patterns, [](Scalar &s, PReluOp, ValueRange a) {
    return s.select(s.lt0(a[0]), s.mul(a[0], a[1]), a[0]);
  });
  addNary<AddOp>(patterns, [](Scalar &s, AddOp, ValueRange a) {
    return s.add(a[0], a[1]);
  });
  addNary<SubOp>(patterns, [](Scalar &s, SubOp, ValueRange a) {
    return s.sub(a[0], a[1]);
  });
  addNary<MulOp>(patterns, [](Scalar &s, MulOp, ValueRange a) {
    return s.mul(a[0], a[1]);
  });
  addNary<DivOp>(patterns, [](Scalar &s, DivOp, ValueRange a) {
    return s.div(a[0], a[1]);
  });
  addNary<PowOp>(patterns, [](Scalar &s, PowOp op, ValueRange a) -> Value {
    // Exponents the graph fixes: squares and square roots exactly (the
    // general powf is a libm call per element).
    if (std::optional<std::vector<float>> e = cnn::readF32Values(op.getRhs());
        e && e->size() == 1 && !s.isInt()) {
      if ((*e)[0] == 2.0f)
        return s.mul(a[0], a[0]);
      if ((*e)[0] == 1.0f)
        return a[0];
      if ((*e)[0] == 0.5f)
        return math::SqrtOp::create(s.b, s.loc, a[0]);
    }
    if (s.isInt())
      return math::IPowIOp::create(s.b, s.loc, a[0], a[1]);
    return math::PowFOp::create(s.b, s.loc, a[0], a[1]);
  });
  using FP = arith::CmpFPredicate;
  using IP = arith::CmpIPredicate;
  addNary<EqualOp>(patterns, [](Scalar &s, EqualOp, ValueRange a) {
    return compare(s.b, s.loc, FP::OEQ, IP::eq, a[0], a[1]);
  });
  addNary<LessOp>(patterns, [](Scalar &s, LessOp, ValueRange a) {
    return compare(s.b, s.loc, FP::OLT, IP::slt, a[0], a[1]);
  });
  addNary<LessOrEqualOp>(patterns, [](Scalar &s, LessOrEqualOp, ValueRange a) {
    return compare(s.b, s.loc, FP::OLE, IP::sle, a[0], a[1]);
  });
  addNary<GreaterOp>(patterns, [](Scalar &s, GreaterOp, ValueRange a) {
    return compare(s.b, s.loc, FP::OGT, IP::sgt, a[0], a[1]);
  });
  addNary<GreaterOrEqualOp>(
      patterns, [](Scalar &s, GreaterOrEqualOp, ValueRange a) {
        return compare(s.b, s.loc, FP::OGE, IP::sge, a[0], a[1]);
      });
  addNary<AndOp>(patterns, [](Scalar &s, AndOp, ValueRange a) -> Value {
    return arith::AndIOp::create(s.b, s.loc, a[0], a[1]);
  });
  addNary<OrOp>(patterns, [](Scalar &s, OrOp, ValueRange a) -> Value {
    return arith::OrIOp::create(s.b, s.loc, a[0], a[1]);
  });
  addNary<XorOp>(patterns, [](Scalar &s, XorOp, ValueRange a) -> Value {
    return arith::XOrIOp::create(s.b, s.loc, a[0], a[1]);
  });
  addNary<NotOp>(patterns, [](Scalar &s, NotOp, ValueRange a) -> Value {
    Value one = arith::ConstantOp::create(s.b, s.loc, s.b.getBoolAttr(true));
    return arith::XOrIOp::create(s.b, s.loc, a[0], one);
  });
  addNary<WhereOp>(patterns, [](Scalar &s, WhereOp, ValueRange a) -> Value {
    return arith::SelectOp::create(s.b, s.loc, a[0], a[1], a[2]);
  });
  addNary<CastOp>(patterns, [](Scalar &s, CastOp op, ValueRange a) {
    return castScalar(s.b, s.loc, a[0], op.getTo());
  });
  addNary<MaxOp>(patterns, [](Scalar &s, MaxOp, ValueRange a) {
    return reduceArgs(a, [&](Value x, Value y) { return s.max(x, y); });
  });
  addNary<MinOp>(patterns, [](Scalar &s, MinOp, ValueRange a) {
    return reduceArgs(a, [&](Value x, Value y) { return s.min(x, y); });
  });
  addNary<SumOp>(patterns, [](Scalar &s, SumOp, ValueRange a) {
    return reduceArgs(a, [&](Value x, Value y) { return s.add(x, y); });
  });
  addNary<MeanOp>(patterns, [](Scalar &s, MeanOp, ValueRange a) {
    Value sum = reduceArgs(a, [&](Value x, Value y) { return s.add(x, y); });
    return s.div(sum, s.count(a.size()));
  });
}

} // namespace cnnc
