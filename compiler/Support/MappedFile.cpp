//===- MappedFile.cpp - Read-only file maps whose pages can be handed back
//-===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Support/MappedFile.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace llvm;

namespace cnnc {

namespace {
/// The live mappings by start address, for releaseConsumed.
struct Registry {
  std::mutex mutex;
  std::map<const char *, const MappedFile *> maps;
};
Registry &registry() {
  static Registry r;
  return r;
}
} // namespace

std::shared_ptr<MappedFile> MappedFile::open(StringRef path,
                                             std::string &error) {
  std::string name = path.str();
  int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = strerror(errno);
    return nullptr;
  }
  struct stat st;
  bool statted = ::fstat(fd, &st) == 0;
  if (!statted || !S_ISREG(st.st_mode)) {
    error = statted ? "not a regular file" : strerror(errno);
    ::close(fd);
    return nullptr;
  }
  size_t size = st.st_size;
  char *base = nullptr;
  if (size) {
    void *p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      error = strerror(errno);
      ::close(fd);
      return nullptr;
    }
    base = static_cast<char *>(p);
  }
  ::close(fd);
  std::shared_ptr<MappedFile> file(new MappedFile(base, size));
  if (base) {
    std::lock_guard<std::mutex> lock(registry().mutex);
    registry().maps[base] = file.get();
  }
  return file;
}

MappedFile::~MappedFile() {
  if (!base)
    return;
  {
    std::lock_guard<std::mutex> lock(registry().mutex);
    registry().maps.erase(base);
  }
  ::munmap(base, size);
}

void MappedFile::release(ArrayRef<char> range) const {
  static const uintptr_t page = ::sysconf(_SC_PAGESIZE);
  uintptr_t begin = reinterpret_cast<uintptr_t>(range.data());
  uintptr_t end = begin + range.size();
  uintptr_t mapBegin = reinterpret_cast<uintptr_t>(base);
  begin = std::max(begin, mapBegin);
  end = std::min(end, mapBegin + size);
  // Whole pages only: the others hold bytes of neighbouring fields.
  begin = (begin + page - 1) / page * page;
  end = end / page * page;
  if (begin < end)
    ::madvise(reinterpret_cast<void *>(begin), end - begin, MADV_DONTNEED);
}

void MappedFile::releaseConsumed(ArrayRef<char> range) {
  if (range.empty())
    return;
  std::lock_guard<std::mutex> lock(registry().mutex);
  auto &maps = registry().maps;
  auto it = maps.upper_bound(range.data());
  if (it == maps.begin())
    return;
  const MappedFile *file = std::prev(it)->second;
  if (range.data() < file->base + file->size)
    file->release(range);
}

} // namespace cnnc
