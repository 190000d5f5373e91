//===- Weights.cpp - weights written straight into an object --------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/Weights.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Support/EndianStream.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <cstring>

using namespace mlir;

namespace cnnc {
namespace {

constexpr uint64_t kAlign = 64;
constexpr size_t kMinBytes = 64;

uint64_t alignTo(uint64_t v) { return (v + kAlign - 1) / kAlign * kAlign; }

/// The bytes of a constant global's value as they lie in memory, or an empty
/// array when they are not at hand as one block (splats, packed i1).
ArrayRef<char> constantBytes(Attribute value) {
  if (auto resource = dyn_cast_or_null<DenseResourceElementsAttr>(value)) {
    if (AsmResourceBlob *blob = resource.getRawHandle().getBlob())
      return blob->getData();
    return {};
  }
  if (auto dense = dyn_cast_or_null<DenseElementsAttr>(value)) {
    Type elt = dense.getElementType();
    if (dense.isSplat() || !elt.isIntOrFloat() ||
        elt.getIntOrFloatBitWidth() % 8 != 0)
      return {};
    return dense.getRawData();
  }
  return {};
}

} // namespace

std::string weightSymbol(StringRef prefix, size_t index) {
  return (prefix + "_weight_" + llvm::Twine(index)).str();
}

bool isWeightSymbol(StringRef prefix, StringRef name) {
  return name.consume_front(prefix) && name.consume_front("_weight_") &&
         !name.empty() && llvm::all_of(name, llvm::isDigit);
}

WeightTable extractWeights(ModuleOp module, StringRef prefix) {
  WeightTable table;
  llvm::StringMap<std::string> renamed;
  // Identical constants (by hash, then bytes) share one blob.
  llvm::DenseMap<uint64_t, SmallVector<size_t, 1>> byHash;
  SmallVector<LLVM::GlobalOp> duplicates;
  for (auto global : module.getOps<LLVM::GlobalOp>()) {
    if (!global.getConstant() ||
        global.getInitializerRegion().getBlocks().size())
      continue;
    ArrayRef<char> bytes = constantBytes(global.getValueOrNull());
    if (bytes.size() < kMinBytes)
      continue;
    uint64_t hash = llvm::xxh3_64bits(ArrayRef<uint8_t>(
        reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size()));
    std::string symbol;
    for (size_t i : byHash[hash]) {
      const WeightBlob &other = table.blobs[i];
      if (other.bytes.size() == bytes.size() &&
          std::memcmp(other.bytes.data(), bytes.data(), bytes.size()) == 0) {
        symbol = other.symbol;
        break;
      }
    }
    if (!symbol.empty()) {
      renamed[global.getSymName()] = symbol;
      duplicates.push_back(global);
      ++table.shared;
      continue;
    }
    symbol = weightSymbol(prefix, table.blobs.size());
    byHash[hash].push_back(table.blobs.size());
    table.blobs.push_back({symbol, bytes});
    table.sectionBytes = alignTo(table.sectionBytes) + bytes.size();
    renamed[global.getSymName()] = symbol;
    // A declaration of the blob: hidden (not exported from shared
    // libraries), dso_local (addressed PC-relative, not through the GOT).
    global.setSymName(symbol);
    global.removeValueAttr();
    global.setLinkage(LLVM::Linkage::External);
    global.setVisibility_(LLVM::Visibility::Hidden);
    global.setDsoLocal(true);
    global.setUnnamedAddr(std::nullopt);
  }
  for (LLVM::GlobalOp g : duplicates)
    g.erase();
  if (renamed.empty())
    return table;
  module.walk([&](LLVM::AddressOfOp op) {
    auto it = renamed.find(op.getGlobalName());
    if (it != renamed.end())
      op.setGlobalName(it->second);
  });
  return table;
}

llvm::StringSet<> residentWeights(ModuleOp module) {
  llvm::StringSet<> keys;
  module.walk([&](Operation *op) {
    op->getAttrDictionary().walk([&](DenseResourceElementsAttr r) {
      keys.insert(r.getRawHandle().getKey());
    });
  });
  return keys;
}

void releaseDeadWeights(ModuleOp module, const llvm::StringSet<> &keys) {
  llvm::StringSet<> live = residentWeights(module);
  DialectResourceBlobManager &blobs =
      DenseResourceElementsHandle::getManagerInterface(module.getContext())
          .getBlobManager();
  for (const auto &key : keys)
    if (!live.contains(key.getKey()))
      if (DialectResourceBlobManager::BlobEntry *entry =
              blobs.lookup(key.getKey()))
        entry->setBlob(AsmResourceBlob());
}

LogicalResult writeWeightsObject(const WeightTable &table, StringRef path,
                                 Location loc) {
  namespace ELF = llvm::ELF;
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (ec)
    return emitError(loc) << "cannot write " << path << ": " << ec.message();
  llvm::support::endian::Writer w(os, llvm::endianness::little);

  // Sections: null, data, symbols, their names, section names, GNU-stack.
  enum { kNull, kData, kSymtab, kStrtab, kShstrtab, kStack, kSections };
  const char *sectionNames[kSections] = {
      "",
      table.large() ? ".lrodata.cnnc_weights" : ".rodata.cnnc_weights",
      ".symtab",
      ".strtab",
      ".shstrtab",
      ".note.GNU-stack"};
  std::string shstrtab(1, '\0');
  uint32_t nameOffset[kSections] = {0};
  for (int s = 1; s < kSections; ++s) {
    nameOffset[s] = shstrtab.size();
    shstrtab += sectionNames[s];
    shstrtab += '\0';
  }
  std::string strtab(1, '\0');
  std::vector<uint32_t> symbolName;
  for (const WeightBlob &b : table.blobs) {
    symbolName.push_back(strtab.size());
    strtab += b.symbol;
    strtab += '\0';
  }

  uint64_t dataOffset = kAlign; // after the 64-byte header
  uint64_t symtabOffset = alignTo(dataOffset + table.sectionBytes);
  uint64_t symtabSize = (table.blobs.size() + 1) * sizeof(ELF::Elf64_Sym);
  uint64_t strtabOffset = symtabOffset + symtabSize;
  uint64_t shstrtabOffset = strtabOffset + strtab.size();
  uint64_t sectionHeaders = alignTo(shstrtabOffset + shstrtab.size());

  // ELF header.
  uint8_t ident[ELF::EI_NIDENT] = {
      0x7f, 'E', 'L', 'F', ELF::ELFCLASS64, ELF::ELFDATA2LSB, ELF::EV_CURRENT};
  os.write(reinterpret_cast<const char *>(ident), sizeof(ident));
  w.write<uint16_t>(ELF::ET_REL);
  w.write<uint16_t>(ELF::EM_X86_64);
  w.write<uint32_t>(ELF::EV_CURRENT);
  w.write<uint64_t>(0); // entry
  w.write<uint64_t>(0); // program headers
  w.write<uint64_t>(sectionHeaders);
  w.write<uint32_t>(0); // flags
  w.write<uint16_t>(sizeof(ELF::Elf64_Ehdr));
  w.write<uint16_t>(0);
  w.write<uint16_t>(0);
  w.write<uint16_t>(sizeof(ELF::Elf64_Shdr));
  w.write<uint16_t>(kSections);
  w.write<uint16_t>(kShstrtab);
  auto padTo = [&](uint64_t offset) { os.write_zeros(offset - os.tell()); };

  // The blobs, straight from the resource blobs.
  std::vector<uint64_t> blobOffset;
  uint64_t at = 0;
  for (const WeightBlob &b : table.blobs) {
    at = alignTo(at);
    padTo(dataOffset + at);
    blobOffset.push_back(at);
    os.write(b.bytes.data(), b.bytes.size());
    at += b.bytes.size();
  }
  padTo(symtabOffset);
  // The null symbol, then one global hidden object per blob.
  os.write_zeros(sizeof(ELF::Elf64_Sym));
  for (size_t i = 0; i < table.blobs.size(); ++i) {
    w.write<uint32_t>(symbolName[i]);
    os << char((ELF::STB_GLOBAL << 4) | ELF::STT_OBJECT);
    os << char(ELF::STV_HIDDEN);
    w.write<uint16_t>(kData);
    w.write<uint64_t>(blobOffset[i]);
    w.write<uint64_t>(table.blobs[i].bytes.size());
  }
  os << strtab << shstrtab;
  padTo(sectionHeaders);

  auto header = [&](uint32_t name, uint32_t type, uint64_t flags,
                    uint64_t offset, uint64_t size, uint32_t link,
                    uint32_t info, uint64_t align, uint64_t entsize) {
    w.write<uint32_t>(name);
    w.write<uint32_t>(type);
    w.write<uint64_t>(flags);
    w.write<uint64_t>(0); // address
    w.write<uint64_t>(offset);
    w.write<uint64_t>(size);
    w.write<uint32_t>(link);
    w.write<uint32_t>(info);
    w.write<uint64_t>(align);
    w.write<uint64_t>(entsize);
  };
  header(0, ELF::SHT_NULL, 0, 0, 0, 0, 0, 0, 0);
  header(nameOffset[kData], ELF::SHT_PROGBITS,
         uint64_t(ELF::SHF_ALLOC) |
             (table.large() ? uint64_t(ELF::SHF_X86_64_LARGE) : 0),
         dataOffset, table.sectionBytes, 0, 0, kAlign, 0);
  // sh_info: the index of the first non-local symbol.
  header(nameOffset[kSymtab], ELF::SHT_SYMTAB, 0, symtabOffset, symtabSize,
         kStrtab, 1, 8, sizeof(ELF::Elf64_Sym));
  header(nameOffset[kStrtab], ELF::SHT_STRTAB, 0, strtabOffset, strtab.size(),
         0, 0, 1, 0);
  header(nameOffset[kShstrtab], ELF::SHT_STRTAB, 0, shstrtabOffset,
         shstrtab.size(), 0, 0, 1, 0);
  header(nameOffset[kStack], ELF::SHT_PROGBITS, 0, sectionHeaders, 0, 0, 0, 1,
         0);
  os.close();
  if (os.has_error())
    return emitError(loc) << "cannot write " << path << ": "
                          << os.error().message();
  return success();
}

} // namespace cnnc
