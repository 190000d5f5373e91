//===- Npy.h - NumPy .npy files for the compiler ----------------*- C++ -*-===//
//
// Part of cnnc.
//
/// \file
/// Reads and writes version 1.0/2.0/3.0 `.npy` files (little-endian, C order)
/// for `--bind` and the test tools. The generated executables have their own C
/// reader in runtime/.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_COMPILER_SUPPORT_NPY_H
#define CNNC_COMPILER_SUPPORT_NPY_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cnnc {

/// Element types cnnc reads and writes.
enum class NpyDType { F32, F64, I32, I64, Bool };

struct NpyArray {
  NpyDType dtype = NpyDType::F32;
  std::vector<int64_t> shape;
  /// Raw little-endian element data, C order.
  std::vector<char> data;

  int64_t numElements() const;
  static size_t elementSize(NpyDType dtype);
};

/// Returns the numpy descr string ("<f4", "|b1", ...) of `dtype`.
llvm::StringRef npyDescr(NpyDType dtype);

/// Parses a .npy file; the error names the file and what is wrong with it.
llvm::Expected<NpyArray> readNpy(llvm::StringRef path);

/// Parses .npy bytes (`what` names them in errors).
llvm::Expected<NpyArray> parseNpy(llvm::StringRef bytes, llvm::StringRef what);

/// Writes `array` as a version 1.0 .npy file.
llvm::Error writeNpy(llvm::StringRef path, const NpyArray &array);

} // namespace cnnc

#endif // CNNC_COMPILER_SUPPORT_NPY_H
