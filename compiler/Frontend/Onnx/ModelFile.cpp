//===- ModelFile.cpp - The skeleton of an ONNX file -----------------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Frontend/Onnx/ModelFile.h"

using namespace llvm;

namespace cnnc::onnx_import {

//===----------------------------------------------------------------------===//
// Skeleton
//===----------------------------------------------------------------------===//

namespace {

/// Protobuf wire types.
enum Wire { Varint = 0, Fixed64 = 1, Bytes = 2, Fixed32 = 5 };

/// One field of a message: [begin, end) is the whole field (tag included),
/// `payload` the bytes of a length-delimited field.
struct Field {
  uint64_t number = 0;
  unsigned wire = 0;
  const char *begin = nullptr, *end = nullptr;
  StringRef payload;
  uint64_t value = 0;
};

/// Walks the fields of one message; stops (with `malformed`) on anything
/// outside the wire types a proto3 ONNX file uses.
class FieldReader {
public:
  FieldReader(StringRef message) : p(message.begin()), end(message.end()) {}

  bool next(Field &f) {
    if (p == end || malformed)
      return false;
    f.begin = p;
    uint64_t tag;
    if (!varint(tag))
      return fail();
    f.number = tag >> 3;
    f.wire = tag & 7;
    switch (f.wire) {
    case Varint:
      if (!varint(f.value))
        return fail();
      break;
    case Fixed64:
    case Fixed32: {
      size_t n = f.wire == Fixed64 ? 8 : 4;
      if (size_t(end - p) < n)
        return fail();
      p += n;
      break;
    }
    case Bytes: {
      uint64_t n;
      if (!varint(n) || n > uint64_t(end - p))
        return fail();
      f.payload = StringRef(p, n);
      p += n;
      break;
    }
    default:
      return fail();
    }
    f.end = p;
    return true;
  }

  bool malformed = false;

private:
  bool fail() {
    malformed = true;
    return false;
  }
  bool varint(uint64_t &v) {
    v = 0;
    for (unsigned shift = 0; shift < 64 && p != end; shift += 7) {
      uint8_t byte = *p++;
      v |= uint64_t(byte & 0x7f) << shift;
      if (!(byte & 0x80))
        return true;
    }
    return false;
  }

  const char *p, *end;
};

void putVarint(std::string &out, uint64_t v) {
  while (v >= 0x80) {
    out += char(v | 0x80);
    v >>= 7;
  }
  out += char(v);
}

void putBytes(std::string &out, uint64_t number, StringRef bytes) {
  putVarint(out, number << 3 | Bytes);
  putVarint(out, bytes.size());
  out += bytes;
}

// Field numbers of onnx.proto.
constexpr uint64_t kModelGraph = 7;
constexpr uint64_t kGraphInitializer = 5;
constexpr uint64_t kTensorRawData = 9;
constexpr uint64_t kTensorExternalData = 13;
constexpr uint64_t kTensorDataLocation = 14;
constexpr uint64_t kEntryKey = 1, kEntryValue = 2;
constexpr uint64_t kExternal = 1;

struct Rewriter {
  const char *fileBase;
  StringRef self;
  size_t threshold;

  bool tensor(StringRef message, std::string &out) {
    FieldReader reader(message);
    Field f;
    unsigned rawFields = 0;
    bool hasLocation = false;
    StringRef raw;
    while (reader.next(f)) {
      if (f.number == kTensorRawData && f.wire == Bytes) {
        ++rawFields;
        raw = f.payload;
      }
      if (f.number == kTensorExternalData || f.number == kTensorDataLocation)
        hasLocation = true;
    }
    if (reader.malformed)
      return false;
    if (rawFields != 1 || hasLocation || raw.size() < threshold) {
      out += message;
      return true;
    }
    FieldReader copy(message);
    while (copy.next(f))
      if (!(f.number == kTensorRawData && f.wire == Bytes))
        out.append(f.begin, f.end);
    auto entry = [&](StringRef key, StringRef value) {
      std::string e;
      putBytes(e, kEntryKey, key);
      putBytes(e, kEntryValue, value);
      putBytes(out, kTensorExternalData, e);
    };
    entry("location", self);
    entry("offset", std::to_string(raw.data() - fileBase));
    entry("length", std::to_string(raw.size()));
    putVarint(out, kTensorDataLocation << 3 | Varint);
    putVarint(out, kExternal);
    return true;
  }

  /// Copies `message` field by field, rewriting the fields `number` with
  /// `inner`.
  template <typename Inner>
  bool message(StringRef message, uint64_t number, std::string &out,
               Inner inner) {
    FieldReader reader(message);
    Field f;
    while (reader.next(f)) {
      if (f.number != number || f.wire != Bytes) {
        out.append(f.begin, f.end);
        continue;
      }
      std::string rewritten;
      if (!inner(f.payload, rewritten))
        return false;
      putBytes(out, number, rewritten);
    }
    return !reader.malformed;
  }
};

} // namespace

std::optional<std::string> skeletonOf(ArrayRef<char> file, StringRef self,
                                      size_t threshold) {
  Rewriter r{file.data(), self, threshold};
  std::string out;
  StringRef bytes(file.data(), file.size());
  bool ok =
      r.message(bytes, kModelGraph, out, [&](StringRef graph, std::string &g) {
        return r.message(
            graph, kGraphInitializer, g,
            [&](StringRef t, std::string &o) { return r.tensor(t, o); });
      });
  if (!ok)
    return std::nullopt;
  return out;
}

} // namespace cnnc::onnx_import
