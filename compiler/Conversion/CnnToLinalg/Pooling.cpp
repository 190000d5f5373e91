//===- Pooling.cpp ---------------------------------------------------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/CnnToLinalg/Patterns.h"

using namespace mlir;

namespace cnnc {

void populatePoolingPatterns(RewritePatternSet &patterns) {}

} // namespace cnnc
