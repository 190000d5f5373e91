//===- Safetensors.cpp - reading .safetensors weight files ----------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Frontend/Cnn/Safetensors.h"

#include "llvm/Support/Endian.h"
#include "llvm/Support/JSON.h"

using namespace llvm;

namespace cnnc {

static Error fail(StringRef path, const Twine &message) {
  return createStringError(inconvertibleErrorCode(),
                           path + ": " + message.str());
}

/// Bytes per element of a safetensors dtype; 0 for names it does not know.
static int64_t dtypeBytes(StringRef dtype) {
  if (dtype == "F64" || dtype == "I64" || dtype == "U64")
    return 8;
  if (dtype == "F32" || dtype == "I32" || dtype == "U32")
    return 4;
  if (dtype == "F16" || dtype == "BF16" || dtype == "I16" || dtype == "U16")
    return 2;
  if (dtype == "I8" || dtype == "U8" || dtype == "BOOL")
    return 1;
  return 0;
}

Expected<SafetensorsFile> SafetensorsFile::open(StringRef path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> buf =
      MemoryBuffer::getFile(path, /*IsText=*/false,
                            /*RequiresNullTerminator=*/false);
  if (!buf)
    return fail(path, "cannot read the file: " + buf.getError().message());
  SafetensorsFile result;
  result.file = std::move(*buf);
  StringRef bytes = result.file->getBuffer();
  if (bytes.size() < 8)
    return fail(path, "not a safetensors file (shorter than its 8-byte "
                      "header length)");
  uint64_t headerLen = support::endian::read64le(
      reinterpret_cast<const uint8_t *>(bytes.data()));
  if (headerLen > bytes.size() - 8)
    return fail(path, "not a safetensors file (header length " +
                          Twine(headerLen) + " exceeds the file size " +
                          Twine(bytes.size()) + ")");
  StringRef header = bytes.substr(8, headerLen);
  StringRef data = bytes.substr(8 + headerLen);
  Expected<json::Value> parsed = json::parse(header);
  if (!parsed)
    return fail(path, "the header is not valid JSON: " +
                          toString(parsed.takeError()));
  const json::Object *root = parsed->getAsObject();
  if (!root)
    return fail(path, "the header is not a JSON object");
  for (const auto &kv : *root) {
    StringRef key = kv.first;
    const json::Value &value = kv.second;
    if (key == "__metadata__")
      continue;
    const json::Object *entry = value.getAsObject();
    auto bad = [&](const Twine &what) {
      return fail(path, "tensor '" + key.str() + "': " + what);
    };
    if (!entry)
      return bad("the header entry is not an object");
    Tensor t;
    std::optional<StringRef> dtype = entry->getString("dtype");
    const json::Array *shape = entry->getArray("shape");
    const json::Array *offsets = entry->getArray("data_offsets");
    if (!dtype || !shape || !offsets || offsets->size() != 2)
      return bad("needs \"dtype\", \"shape\" and two \"data_offsets\"");
    t.dtype = dtype->str();
    int64_t count = 1;
    for (const json::Value &d : *shape) {
      std::optional<int64_t> v = d.getAsInteger();
      if (!v || *v < 0)
        return bad("the shape has an entry that is not a size");
      t.shape.push_back(*v);
      count *= *v;
    }
    std::optional<int64_t> begin = (*offsets)[0].getAsInteger();
    std::optional<int64_t> end = (*offsets)[1].getAsInteger();
    if (!begin || !end || *begin < 0 || *end < *begin ||
        uint64_t(*end) > data.size())
      return bad("data_offsets are outside the file's " + Twine(data.size()) +
                 " data bytes");
    int64_t elem = dtypeBytes(t.dtype);
    if (elem && *end - *begin != count * elem)
      return bad("holds " + Twine(*end - *begin) + " bytes, but " + t.dtype +
                 " with its shape needs " + Twine(count * elem));
    t.data = ArrayRef<char>(data.data() + *begin, *end - *begin);
    result.tensors[key] = std::move(t);
  }
  return std::move(result);
}

} // namespace cnnc
