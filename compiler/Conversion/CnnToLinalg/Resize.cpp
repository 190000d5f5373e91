//===- Resize.cpp ---------------------------------------------------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/CnnToLinalg/Patterns.h"

using namespace mlir;

namespace cnnc {

void populateResizePatterns(RewritePatternSet &patterns) {}

} // namespace cnnc
