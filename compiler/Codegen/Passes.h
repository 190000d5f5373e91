//===- Passes.h - cnnc codegen passes ---------------------------*- C++ -*-===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_COMPILER_CODEGEN_PASSES_H
#define CNNC_COMPILER_CODEGEN_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace cnnc {

#define GEN_PASS_DECL
#include "compiler/Codegen/Passes.h.inc"

/// The part of a location a user recognises: ONNX node names (joined with
/// '+' for fused ops) or file:line of a .cnn layer; "" if none.
std::string describeLocation(mlir::Location loc);

/// `v` as a 1-D memref when it is a static, contiguous row-major memref of
/// rank >= 2 (a memref.collapse_shape created at b), else null.
mlir::Value flattenContiguous(mlir::OpBuilder &b, mlir::Location loc,
                              mlir::Value v);

/// The `memref.alloc` that `v` is a whole reshape of (collapse_shape /
/// expand_shape only), or null; `chain`, if given, gets the reshapes from
/// the allocation to `v` in order.
mlir::memref::AllocOp
reshapedAllocation(mlir::Value v,
                   llvm::SmallVectorImpl<mlir::Operation *> *chain = nullptr);

/// A conv's zero-padded input made by copying: `fill` zeroes the padded
/// buffer, `copy` writes `source` into its `interior`, and nothing but the
/// conv (a generic marked `cnnc.conv` or `cnnc.dwconv` with
/// `cnnc.conv_pads`, reading it as
/// its first input) uses the buffer. cnnc-vectorize-conv may read `source`
/// directly instead, skipping the padding taps; cnnc-plan-memory keeps
/// `source` live until the conv so that it can.
struct PadCopy {
  mlir::linalg::FillOp fill;
  mlir::memref::SubViewOp interior;
  mlir::linalg::CopyOp copy;
  mlir::Value source;
};
std::optional<PadCopy> matchPadCopy(mlir::linalg::GenericOp conv);

/// Whether a kernel that writes `output` may read `source` in place of the
/// copy `from` made of it: `output` does not overlap it and no op after
/// `from` up to `end` (`skip`, the kernel itself, excepted) may write its
/// bytes (function arguments, which the generated interface keeps apart,
/// and static ranges of the arena; anything else is assumed to overlap).
bool unwrittenUntil(mlir::Value source, mlir::Operation *from,
                    mlir::Value output, mlir::Operation *end,
                    mlir::Operation *skip);

#define GEN_PASS_REGISTRATION
#include "compiler/Codegen/Passes.h.inc"

} // namespace cnnc

#endif // CNNC_COMPILER_CODEGEN_PASSES_H
