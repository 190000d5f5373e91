//===- Npy.cpp - NumPy .npy files for the compiler ------------------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Support/Npy.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace cnnc {

int64_t NpyArray::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

size_t NpyArray::elementSize(NpyDType dtype) {
  switch (dtype) {
  case NpyDType::F32:
  case NpyDType::I32:
    return 4;
  case NpyDType::F64:
  case NpyDType::I64:
    return 8;
  case NpyDType::Bool:
    return 1;
  }
  return 0;
}

StringRef npyDescr(NpyDType dtype) {
  switch (dtype) {
  case NpyDType::F32:
    return "<f4";
  case NpyDType::F64:
    return "<f8";
  case NpyDType::I32:
    return "<i4";
  case NpyDType::I64:
    return "<i8";
  case NpyDType::Bool:
    return "|b1";
  }
  return "";
}

static Error npyError(StringRef what, const Twine &msg) {
  return createStringError(inconvertibleErrorCode(), what + ": " + msg);
}

/// Finds the value text of `'key':` in the header dictionary.
static std::optional<StringRef> headerValue(StringRef header, StringRef key) {
  std::string quoted = ("'" + key + "'").str();
  size_t pos = header.find(quoted);
  if (pos == StringRef::npos)
    return std::nullopt;
  StringRef rest = header.drop_front(pos + quoted.size()).ltrim();
  if (!rest.consume_front(":"))
    return std::nullopt;
  return rest.ltrim();
}

Expected<NpyArray> parseNpy(StringRef bytes, StringRef what) {
  if (!bytes.starts_with("\x93NUMPY") || bytes.size() < 10)
    return npyError(what, "not a .npy file (missing \\x93NUMPY magic)");
  uint8_t major = bytes[6];
  size_t headerLen, offset;
  if (major == 1) {
    headerLen = uint8_t(bytes[8]) | (uint8_t(bytes[9]) << 8);
    offset = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      return npyError(what, "truncated header");
    headerLen = uint32_t(uint8_t(bytes[8])) |
                (uint32_t(uint8_t(bytes[9])) << 8) |
                (uint32_t(uint8_t(bytes[10])) << 16) |
                (uint32_t(uint8_t(bytes[11])) << 24);
    offset = 12;
  } else {
    return npyError(what, "unsupported .npy version " + Twine(int(major)));
  }
  if (bytes.size() < offset + headerLen)
    return npyError(what, "truncated header");
  StringRef header = bytes.substr(offset, headerLen);

  NpyArray array;
  std::optional<StringRef> descr = headerValue(header, "descr");
  if (!descr || descr->size() < 2 || (*descr)[0] != '\'')
    return npyError(what, "header has no 'descr'");
  StringRef d = descr->drop_front().split('\'').first;
  if (d == "<f4")
    array.dtype = NpyDType::F32;
  else if (d == "<f8")
    array.dtype = NpyDType::F64;
  else if (d == "<i4")
    array.dtype = NpyDType::I32;
  else if (d == "<i8")
    array.dtype = NpyDType::I64;
  else if (d == "|b1")
    array.dtype = NpyDType::Bool;
  else
    return npyError(what, "unsupported dtype '" + d +
                              "' (expected float32 <f4, float64 <f8, int32 "
                              "<i4, int64 <i8 or bool |b1)");

  std::optional<StringRef> fortran = headerValue(header, "fortran_order");
  if (!fortran)
    return npyError(what, "header has no 'fortran_order'");
  if (fortran->starts_with("True"))
    return npyError(what, "Fortran-order arrays are not supported; save with "
                          "numpy.ascontiguousarray");

  std::optional<StringRef> shape = headerValue(header, "shape");
  if (!shape || !shape->starts_with("("))
    return npyError(what, "header has no 'shape'");
  StringRef dims = shape->drop_front().split(')').first;
  SmallVector<StringRef> parts;
  dims.split(parts, ',', -1, /*KeepEmpty=*/false);
  for (StringRef p : parts) {
    p = p.trim();
    if (p.empty())
      continue;
    int64_t v;
    if (p.getAsInteger(10, v) || v < 0)
      return npyError(what, "bad dimension '" + p + "' in shape");
    array.shape.push_back(v);
  }
  // The product of the sizes must not overflow, and must fit the data.
  int64_t elements = 1;
  for (int64_t d : array.shape) {
    std::optional<int64_t> product = checkedMul(elements, d);
    if (!product || *product > (int64_t(1) << 47))
      return npyError(what, "the shape in the header holds more than 2^47 "
                            "elements");
    elements = *product;
  }

  size_t dataBytes = size_t(elements) * NpyArray::elementSize(array.dtype);
  StringRef data = bytes.drop_front(offset + headerLen);
  if (data.size() != dataBytes)
    return npyError(what, "expected " + Twine(dataBytes) +
                              " bytes of data for the shape in the header, "
                              "found " +
                              Twine(data.size()));
  array.data.assign(data.begin(), data.end());
  return array;
}

Expected<NpyArray> readNpy(StringRef path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer =
      MemoryBuffer::getFile(path, /*IsText=*/false,
                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return npyError(path, "cannot read: " + buffer.getError().message());
  return parseNpy((*buffer)->getBuffer(), path);
}

Error writeNpy(StringRef path, const NpyArray &array) {
  std::string header = "{'descr': '" + npyDescr(array.dtype).str() +
                       "', 'fortran_order': False, 'shape': (";
  for (int64_t d : array.shape)
    header += std::to_string(d) + ", ";
  if (array.shape.size() > 1)
    header.resize(header.size() - 1), header.back() = ')';
  else if (array.shape.size() == 1)
    header.resize(header.size() - 1), header += ")";
  else
    header += ")";
  header += ", }";
  // Pad so the data starts at a multiple of 64 bytes, newline-terminated.
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::error_code ec;
  raw_fd_ostream os(path, ec);
  if (ec)
    return npyError(path, "cannot write: " + ec.message());
  os << "\x93NUMPY" << char(1) << char(0) << char(header.size() & 0xff)
     << char(header.size() >> 8) << header;
  os.write(array.data.data(), array.data.size());
  return Error::success();
}

} // namespace cnnc
