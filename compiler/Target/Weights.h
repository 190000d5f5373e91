//===- Weights.h - weights written straight into an object ------*- C++ -*-===//
//
// Part of cnnc.
//
/// \file
/// The model's constant tensors (packed weights, biases, folded batch-norm
/// parameters) bypass LLVM IR: they are taken out of the LLVM-dialect module
/// before translation, the globals left as hidden external declarations, and
/// their bytes written from the MLIR resource blobs straight into the
/// read-only data section of a relocatable ELF object that is linked with the
/// code. Translating them to LLVM constants copied every weight byte twice
/// more (LLVM's uniqued constant data, then the MC section) and hashed it.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_COMPILER_TARGET_WEIGHTS_H
#define CNNC_COMPILER_TARGET_WEIGHTS_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"

#include <string>
#include <vector>

namespace cnnc {

/// One weight tensor: the symbol the code refers to and its bytes (owned by
/// the MLIR context's resource blobs or attributes: valid while it lives).
struct WeightBlob {
  std::string symbol;
  llvm::ArrayRef<char> bytes;
};

struct WeightTable {
  std::vector<WeightBlob> blobs;
  /// Bytes of the data section (blobs at 64-byte boundaries).
  uint64_t sectionBytes = 0;
  /// Constants that were identical to an earlier one and now share it.
  unsigned shared = 0;
  /// Past what 32-bit PC-relative references can safely reach (1 GiB, with
  /// the code and the rest of the program around it): the section is a
  /// large one (`.lrodata`, SHF_X86_64_LARGE, placed apart by the linker)
  /// and the code addresses the blobs with 64-bit offsets (LLVM's per-global
  /// large code model), so models of any size link with the default small
  /// code model for everything else.
  bool large() const { return sectionBytes > (uint64_t(1) << 30); }
};

/// The symbol of weight blob `index` of the model whose C prefix is `prefix`.
std::string weightSymbol(llvm::StringRef prefix, size_t index);
/// Whether `name` is one of those symbols.
bool isWeightSymbol(llvm::StringRef prefix, llvm::StringRef name);

/// Takes every constant global of at least 64 bytes out of the
/// LLVM-dialect `module`: it becomes a hidden external declaration named
/// `<prefix>_weight_<i>` (identical constants share one), its bytes an
/// entry of the returned table.
WeightTable extractWeights(mlir::ModuleOp module, llvm::StringRef prefix);

/// The keys of the resource blobs (dense_resource) the constants of `module`
/// hold.
llvm::StringSet<> residentWeights(mlir::ModuleOp module);

/// Frees the blobs among `keys` that no constant of `module` refers to any
/// more: the weights as imported, once lowering has packed them into blobs
/// of their own, so compile memory holds each weight once.
void releaseDeadWeights(mlir::ModuleOp module, const llvm::StringSet<> &keys);

/// Writes `table` as an x86-64 ELF relocatable object: one read-only data
/// section `.rodata.cnnc_weights` (`.lrodata.cnnc_weights` when large;
/// 64-byte aligned blobs), a global hidden object symbol per blob, and an
/// empty `.note.GNU-stack`.
mlir::LogicalResult writeWeightsObject(const WeightTable &table,
                                       llvm::StringRef path,
                                       mlir::Location loc);

} // namespace cnnc

#endif // CNNC_COMPILER_TARGET_WEIGHTS_H
