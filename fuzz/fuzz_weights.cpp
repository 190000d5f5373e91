//===- fuzz_weights.cpp - libFuzzer target: .npy and .safetensors readers -===//
//
// Part of cnnc.
//
/// The first byte picks the reader: the compiler's .npy parser (--bind),
/// the runtime's .npy reader (./model --input; expects float32
/// [1, 3, 4, 4]) or the .safetensors reader (--weights); the rest is the
/// file.
//
//===----------------------------------------------------------------------===//

#include "FuzzCommon.h"
#include "compiler/Frontend/Cnn/Safetensors.h"
#include "compiler/Support/Npy.h"

#include "runtime/cnnrt.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  uint8_t which = data[0] % 3;
  ++data;
  --size;
  if (which == 0) {
    llvm::Expected<cnnc::NpyArray> array = cnnc::parseNpy(
        llvm::StringRef(reinterpret_cast<const char *>(data), size), "fuzz");
    if (!array)
      llvm::consumeError(array.takeError());
    return 0;
  }
  std::string path =
      cnnc::fuzz::writeTemp(data, size, which == 1 ? ".npy" : ".safetensors");
  if (which == 1) {
    int64_t shape[] = {1, 3, 4, 4};
    cnnrt_tensor_desc desc = {};
    desc.dtype = CNNRT_FLOAT32;
    desc.rank = 4;
    desc.shape = shape;
    void *out = nullptr;
    if (cnnrt_npy_read(path.c_str(), &desc, &out) == CNNRT_OK)
      cnnrt_free(out);
    return 0;
  }
  llvm::Expected<cnnc::SafetensorsFile> file =
      cnnc::SafetensorsFile::open(path);
  if (!file)
    llvm::consumeError(file.takeError());
  return 0;
}
