//===- CnnOpFolders.cpp - cnn dialect folders -----------------------------===//
//
// Part of cnnc.
//
/// Folders that need no new ops: identities (a reshape to the same type, a
/// single-operand sum, ...), compositions that rewrite an op in place
/// (reshape of reshape, transpose of transpose, double negation), and the
/// in-place resolution of `auto_pad` / `output_shape` into explicit `pads`
/// once the input shape is static, so later stages see one padding form.
/// Reshape-like ops and transposes of constants fold to constants, so
/// weights an exporter stores reshaped or transposed reach the packing
/// lowerings as constants.
//
//===----------------------------------------------------------------------===//

#include "Cnn/IR/CnnOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/STLExtras.h"

#include <cstring>

using namespace mlir;
using namespace cnnc::cnn;

namespace {
InFlightDiagnostic noError() { return InFlightDiagnostic(); }

/// Constants at least this large are made resource blobs (as the importers
/// do) rather than uniqued dense attributes.
constexpr size_t kBlobBytes = 4096;

/// The bytes of a non-splat constant of whole-byte elements, or nothing.
std::optional<ArrayRef<char>> rawBytes(Attribute value) {
  if (auto dense = dyn_cast_or_null<DenseElementsAttr>(value)) {
    if (dense.isSplat() || dense.getElementType().isInteger(1))
      return std::nullopt;
    return dense.getRawData();
  }
  if (auto resource = dyn_cast_or_null<DenseResourceElementsAttr>(value))
    if (AsmResourceBlob *blob = resource.getRawHandle().getBlob())
      return blob->getData();
  return std::nullopt;
}

/// A constant of static `type` from its bytes.
Attribute constantFromBytes(ShapedType type, ArrayRef<char> bytes) {
  if (bytes.size() < kBlobBytes)
    return DenseElementsAttr::getFromRawBuffer(type, bytes);
  return DenseResourceElementsAttr::get(
      type, "folded",
      HeapAsmResourceBlob::allocateAndCopyWithAlign(bytes, alignof(double)));
}

/// A constant's value with another static shape of as many elements.
Attribute reshapeConstant(Attribute value, Type type) {
  auto shaped = dyn_cast<ShapedType>(type);
  if (!value || !shaped || !shaped.hasStaticShape())
    return {};
  if (auto dense = dyn_cast<DenseElementsAttr>(value))
    return dense.getNumElements() == shaped.getNumElements()
               ? dense.reshape(shaped)
               : Attribute();
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(value))
    if (resource.getType().getNumElements() == shaped.getNumElements() &&
        resource.getElementType() == shaped.getElementType())
      return DenseResourceElementsAttr::get(shaped, resource.getRawHandle());
  return {};
}

/// `value` transposed by `perm` (out dimension i = in dimension perm[i]).
Attribute transposeConstant(Attribute value, ArrayRef<int64_t> perm,
                            Type type) {
  auto shaped = dyn_cast<ShapedType>(type);
  auto typed = dyn_cast_or_null<TypedAttr>(value);
  if (!shaped || !shaped.hasStaticShape() || !typed)
    return {};
  if (auto dense = dyn_cast<DenseElementsAttr>(value); dense && dense.isSplat())
    return dense.resizeSplat(shaped);
  std::optional<ArrayRef<char>> bytes = rawBytes(value);
  auto inType = cast<ShapedType>(typed.getType());
  unsigned bits = shaped.getElementTypeBitWidth();
  if (!bytes || bits % 8 || !inType.hasStaticShape() ||
      bytes->size() != size_t(inType.getNumElements()) * (bits / 8))
    return {};
  size_t width = bits / 8, rank = perm.size();
  ArrayRef<int64_t> inShape = inType.getShape();
  SmallVector<int64_t> inStrides(rank, 1);
  for (int64_t d = int64_t(rank) - 2; d >= 0; --d)
    inStrides[d] = inStrides[d + 1] * inShape[d + 1];
  std::vector<char> out(bytes->size());
  SmallVector<int64_t> index(rank, 0);
  for (int64_t i = 0, e = shaped.getNumElements(); i < e; ++i) {
    int64_t src = 0;
    for (size_t d = 0; d < rank; ++d)
      src += index[d] * inStrides[perm[d]];
    std::memcpy(out.data() + i * width, bytes->data() + src * width, width);
    for (int64_t d = int64_t(rank) - 1; d >= 0; --d) {
      if (++index[d] < shaped.getDimSize(d))
        break;
      index[d] = 0;
    }
  }
  return constantFromBytes(shaped, out);
}

/// The input itself when the op provably does not change it: equal static
/// types (with a `?`, equal types do not mean equal sizes).
OpFoldResult foldIdentity(Value input, Value result) {
  auto type = dyn_cast<RankedTensorType>(input.getType());
  if (type && type.hasStaticShape() && input.getType() == result.getType())
    return input;
  return {};
}

bool hasDynamic(ArrayRef<int64_t> values) {
  return llvm::any_of(values, ShapedType::isDynamic);
}

/// Resolves auto_pad of a conv or pool op in place; true if it changed.
template <typename OpTy>
bool resolveAutoPadInPlace(OpTy op, ArrayRef<int64_t> kernel) {
  if (op.getAutoPad() == AutoPad::notset)
    return false;
  auto type = cast<RankedTensorType>(op.getInput().getType());
  ArrayRef<int64_t> spatial = type.getShape().drop_front(2);
  WindowParams params;
  if (failed(buildWindowParams(noError, spatial.size(), op.getStrides(),
                               op.getDilations(), op.getPads(), params)) ||
      kernel.size() != spatial.size() || hasDynamic(kernel))
    return false;
  params.kernel.assign(kernel.begin(), kernel.end());
  resolveAutoPad(spatial, op.getAutoPad(), params);
  if (hasDynamic(params.pads))
    return false;
  Builder b(op.getContext());
  op.setPadsAttr(b.getDenseI64ArrayAttr(params.pads));
  op.setAutoPad(AutoPad::notset);
  return true;
}
} // namespace

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

OpFoldResult ConvOp::fold(FoldAdaptor) {
  auto weight = cast<RankedTensorType>(getWeight().getType());
  if (resolveAutoPadInPlace(*this, weight.getShape().drop_front(2)))
    return getResult();
  return {};
}

OpFoldResult ConvTransposeOp::fold(FoldAdaptor) {
  if (getAutoPad() == AutoPad::notset && !getOutputShape())
    return {};
  auto input = cast<RankedTensorType>(getInput().getType());
  auto weight = cast<RankedTensorType>(getWeight().getType());
  ArrayRef<int64_t> spatial = input.getShape().drop_front(2);
  size_t n = spatial.size();
  WindowParams params;
  if (failed(buildWindowParams(noError, n, getStrides(), getDilations(),
                               getPads(), params)))
    return {};
  params.kernel.assign(weight.getShape().begin() + 2, weight.getShape().end());
  Shape outPad(n, 0);
  if (std::optional<ArrayRef<int64_t>> op = getOutputPadding())
    outPad.assign(op->begin(), op->end());
  FailureOr<ConvTransposePadding> padding = resolveConvTransposePads(
      noError, spatial, params, outPad, getOutputShape(), getAutoPad());
  if (failed(padding) || hasDynamic(padding->pads) || hasDynamic(params.kernel))
    return {};
  Builder b(getContext());
  setPadsAttr(b.getDenseI64ArrayAttr(padding->pads));
  if (llvm::any_of(padding->outputPadding, [](int64_t p) { return p != 0; }))
    setOutputPaddingAttr(b.getDenseI64ArrayAttr(padding->outputPadding));
  setAutoPad(AutoPad::notset);
  removeOutputShapeAttr();
  return getResult();
}

LogicalResult MaxPoolOp::fold(FoldAdaptor, SmallVectorImpl<OpFoldResult> &) {
  return success(resolveAutoPadInPlace(*this, getKernelShape()));
}

OpFoldResult AvgPoolOp::fold(FoldAdaptor) {
  if (resolveAutoPadInPlace(*this, getKernelShape()))
    return getResult();
  return {};
}

OpFoldResult ResizeOp::fold(FoldAdaptor) {
  if (getCoordinateTransformationMode() ==
      CoordinateTransformMode::tf_crop_and_resize)
    return {};
  // Every mode maps a scale of exactly 1 onto the input grid itself.
  if (std::optional<ArrayRef<float>> scales = getScales())
    if (!llvm::all_of(*scales, [](float s) { return s == 1.0f; }))
      return {};
  return foldIdentity(getInput(), getResult());
}

OpFoldResult ReluOp::fold(FoldAdaptor) {
  // relu is idempotent.
  if (auto inner = getInput().getDefiningOp<ReluOp>())
    return inner.getResult();
  return {};
}

OpFoldResult NegOp::fold(FoldAdaptor) {
  if (auto inner = getInput().getDefiningOp<NegOp>())
    return inner.getInput();
  return {};
}

#define CNN_VARIADIC_FOLD(OP)                                                  \
  OpFoldResult OP::fold(FoldAdaptor) {                                         \
    if (getInputs().size() == 1)                                               \
      return foldIdentity(getInputs().front(), getResult());                   \
    return {};                                                                 \
  }
CNN_VARIADIC_FOLD(MaxOp)
CNN_VARIADIC_FOLD(MinOp)
CNN_VARIADIC_FOLD(SumOp)
CNN_VARIADIC_FOLD(MeanOp)
CNN_VARIADIC_FOLD(ConcatOp)
#undef CNN_VARIADIC_FOLD

OpFoldResult SliceOp::fold(FoldAdaptor) {
  if (std::optional<ArrayRef<int64_t>> steps = getSteps())
    if (!llvm::all_of(*steps, [](int64_t s) { return s == 1; }))
      return {};
  return foldIdentity(getInput(), getResult());
}

OpFoldResult PadOp::fold(FoldAdaptor) {
  if (llvm::all_of(getPads(), [](int64_t p) { return p == 0; }))
    return foldIdentity(getInput(), getResult());
  return {};
}

/// Folds a reshape-like op that does not change its input. (Chains of
/// reshape-like ops collapse in ReshapeOp::fold.)
template <typename OpTy>
static OpFoldResult foldReshapeLike(OpTy op, Attribute input) {
  if (OpFoldResult id = foldIdentity(op.getInput(), op.getResult()))
    return id;
  return reshapeConstant(input, op.getType());
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  if (OpFoldResult id = foldIdentity(getInput(), getResult()))
    return id;
  if (Attribute folded = reshapeConstant(adaptor.getInput(), getType()))
    return folded;
  auto resultType = cast<RankedTensorType>(getType());
  Operation *producer = getInput().getDefiningOp();
  if (!resultType.hasStaticShape() || !producer ||
      !isa<ReshapeOp, FlattenOp, SqueezeOp, UnsqueezeOp>(producer))
    return {};
  // The static result shape says it all: reshape the producer's input.
  Builder b(getContext());
  getInputMutable().assign(producer->getOperand(0));
  setShapeAttr(b.getDenseI64ArrayAttr(resultType.getShape()));
  setAllowzero(true);
  return getResult();
}

OpFoldResult FlattenOp::fold(FoldAdaptor adaptor) {
  return foldReshapeLike(*this, adaptor.getInput());
}
OpFoldResult SqueezeOp::fold(FoldAdaptor adaptor) {
  return foldReshapeLike(*this, adaptor.getInput());
}
OpFoldResult UnsqueezeOp::fold(FoldAdaptor adaptor) {
  return foldReshapeLike(*this, adaptor.getInput());
}
// Expand broadcasts: only its identity folds (the constant grows).
OpFoldResult ExpandOp::fold(FoldAdaptor) {
  return foldIdentity(getInput(), getResult());
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  int64_t rank = cast<RankedTensorType>(getType()).getRank();
  auto permOf = [rank](TransposeOp op) {
    SmallVector<int64_t> perm;
    if (std::optional<ArrayRef<int64_t>> p = op.getPerm())
      perm.assign(p->begin(), p->end());
    else
      for (int64_t i = rank - 1; i >= 0; --i)
        perm.push_back(i);
    return perm;
  };
  SmallVector<int64_t> perm = permOf(*this);
  if (llvm::equal(perm, llvm::seq<int64_t>(0, rank)))
    return getInput();
  if (Attribute folded = transposeConstant(adaptor.getInput(), perm, getType()))
    return folded;
  auto inner = getInput().getDefiningOp<TransposeOp>();
  if (!inner)
    return {};
  // out[i] = mid[perm[i]] = in[innerPerm[perm[i]]].
  SmallVector<int64_t> innerPerm = permOf(inner), composed;
  for (int64_t p : perm)
    composed.push_back(innerPerm[p]);
  getInputMutable().assign(inner.getInput());
  setPermAttr(Builder(getContext()).getDenseI64ArrayAttr(composed));
  return getResult();
}
