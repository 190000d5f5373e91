//===- Safetensors.h - reading .safetensors weight files --------*- C++ -*-===//
//
// Part of cnnc.
//
/// \file
/// A `.safetensors` file is an 8-byte little-endian header length, a JSON
/// header `{"NAME": {"dtype": "F32", "shape": [...], "data_offsets": [b, e]},
/// "__metadata__": {...}}` and the raw little-endian data, offsets relative
/// to the end of the header. This reader checks the header and gives
/// float32 tensors by name without copying them.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_COMPILER_FRONTEND_CNN_SAFETENSORS_H
#define CNNC_COMPILER_FRONTEND_CNN_SAFETENSORS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <memory>
#include <string>

namespace cnnc {

class SafetensorsFile {
public:
  struct Tensor {
    std::string dtype;
    llvm::SmallVector<int64_t, 4> shape;
    /// The raw bytes inside the mapped file.
    llvm::ArrayRef<char> data;
  };

  /// Opens and checks `path`; the error says what is wrong with the file.
  static llvm::Expected<SafetensorsFile> open(llvm::StringRef path);

  const Tensor *lookup(llvm::StringRef name) const {
    auto it = tensors.find(name);
    return it == tensors.end() ? nullptr : &it->second;
  }
  const llvm::StringMap<Tensor> &all() const { return tensors; }
  /// The mapped file, to keep it alive as long as attributes alias it.
  std::shared_ptr<llvm::MemoryBuffer> buffer() const { return file; }

private:
  std::shared_ptr<llvm::MemoryBuffer> file;
  llvm::StringMap<Tensor> tensors;
};

} // namespace cnnc

#endif // CNNC_COMPILER_FRONTEND_CNN_SAFETENSORS_H
