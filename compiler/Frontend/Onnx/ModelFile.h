//===- ModelFile.h - The skeleton of an ONNX file ---------------*- C++ -*-===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//
//
// An ONNX file keeps its weights inside the protobuf (raw_data) or in
// external data files. Parsing the protobuf as it is copies every weight into
// a std::string grown by doubling, which made the parse the peak of the
// compiler's memory (VGG-16: twice its weights). Instead the importer maps the
// file, parses a skeleton of it in which each large raw_data field is replaced
// by an external-data reference to its bytes in the mapped file itself, and
// hands pages back to the kernel as the weights are consumed
// (compiler/Support/MappedFile.h).
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_FRONTEND_ONNX_MODELFILE_H
#define CNNC_FRONTEND_ONNX_MODELFILE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace cnnc::onnx_import {

/// The ModelProto in `file` with every initializer's raw_data of at least
/// `threshold` bytes replaced by external data {location: `self`, offset,
/// length} pointing at the same bytes of `file`. Returns nothing when the
/// wire format is not one this rewriter follows (a truncated field, groups):
/// the caller then parses the file as it is and protobuf reports what is
/// wrong. Initializers it cannot rewrite faithfully (several raw_data fields,
/// external data already) are kept as they are.
std::optional<std::string> skeletonOf(llvm::ArrayRef<char> file,
                                      llvm::StringRef self, size_t threshold);

} // namespace cnnc::onnx_import

#endif // CNNC_FRONTEND_ONNX_MODELFILE_H
