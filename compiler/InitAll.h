//===- InitAll.h - register cnnc's dialects and passes ----------*- C++ -*-===//
//
// Part of cnnc.
//
/// \file
/// The one place that says which dialects and passes cnnc's tools know. Only
/// what a tool parses or a pipeline runs is registered (no
/// registerAllPasses()), which keeps link times and binaries small.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_COMPILER_INITALL_H
#define CNNC_COMPILER_INITALL_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace cnnc {

/// Adds the cnn dialect and the upstream dialects cnnc's IR uses.
void registerAllDialects(mlir::DialectRegistry &registry);

/// Registers cnnc's passes and the upstream passes its pipelines run, for
/// command-line use.
void registerAllPasses();

} // namespace cnnc

#endif // CNNC_COMPILER_INITALL_H
