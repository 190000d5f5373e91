//===- Normalization.cpp ---------------------------------------------------------===//
//
// Part of cnnc.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/CnnToLinalg/Patterns.h"

using namespace mlir;

namespace cnnc {

void populateNormalizationPatterns(RewritePatternSet &patterns) {}

} // namespace cnnc
