//===- MappedFile.h - Read-only file maps whose pages can be handed back -===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//
//
// Model weights are read from memory-mapped files (the ONNX file itself,
// external data). Mapped pages that were read count in the compiler's
// resident memory until unmapped; weight packing reads each source tensor
// once, so it hands the pages it has consumed back as it goes, and the peak
// stays near one copy of the weights (VGG-16's fc6 alone is 411 MB).
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_SUPPORT_MAPPEDFILE_H
#define CNNC_SUPPORT_MAPPEDFILE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <memory>
#include <string>

namespace cnnc {

/// A read-only private memory map of a whole file.
class MappedFile {
public:
  /// Maps `path`; on failure returns null and sets `error`.
  static std::shared_ptr<MappedFile> open(llvm::StringRef path,
                                          std::string &error);
  ~MappedFile();
  MappedFile(const MappedFile &) = delete;
  MappedFile &operator=(const MappedFile &) = delete;

  llvm::ArrayRef<char> bytes() const { return {base, size}; }

  /// Drops the whole pages inside `range` from this process's memory: the
  /// caller has consumed them. They are read from the file again if touched.
  void release(llvm::ArrayRef<char> range) const;

  /// release() for whatever live MappedFile holds `range`; nothing when the
  /// bytes are not in one (heap memory must never be dropped).
  static void releaseConsumed(llvm::ArrayRef<char> range);

private:
  MappedFile(char *base, size_t size) : base(base), size(size) {}
  char *base;
  size_t size;
};

} // namespace cnnc

#endif // CNNC_SUPPORT_MAPPEDFILE_H
