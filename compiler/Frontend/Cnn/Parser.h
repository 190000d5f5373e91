//===- Parser.h - lexer and parser of the .cnn format -----------*- C++ -*-===//
//
// Part of cnnc.
//
/// \file
/// The syntax tree of a `.cnn` file (docs/cnn-format.md) and the hand-written
/// lexer/parser that builds it. The parser only checks the syntax; names,
/// shapes and arguments are checked when the tree is elaborated into cnn ops
/// (CnnImporter.cpp), because blocks are expanded with their arguments
/// first. Every node keeps its source position for `line:col` errors.
//
//===----------------------------------------------------------------------===//

#ifndef CNNC_COMPILER_FRONTEND_CNN_PARSER_H
#define CNNC_COMPILER_FRONTEND_CNN_PARSER_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/LogicalResult.h"
#include "llvm/Support/SMLoc.h"

#include <functional>
#include <string>
#include <vector>

namespace llvm {
class SourceMgr;
} // namespace llvm

namespace cnnc::cnnfmt {

/// An argument value: `64`, `0.5`, `3x3`, `[1, 1, 2, 2]`, `relu`.
struct Value {
  enum Kind { Int, Float, Dims, List, Ident };
  Kind kind = Int;
  /// Int: one element; Dims (`3x3`) and List (`[..]`): the elements.
  llvm::SmallVector<int64_t, 4> ints;
  double number = 0; ///< Float (and Int, converted).
  std::string ident;
  llvm::SMLoc loc;
};

/// `key=value` or a positional value (empty key).
struct Arg {
  std::string key;
  llvm::SMLoc keyLoc;
  Value value;
};

/// A block parameter with an optional default.
struct Param {
  std::string name;
  llvm::SMLoc loc;
  bool hasDefault = false;
  Value defaultValue;
};

/// One statement: a line, or a `block`/`repeat` with its body.
struct Stmt {
  enum Kind { Input, Output, Layer, Repeat, BlockDef };
  Kind kind = Layer;
  /// `NAME:` before a layer, block call or repeat; the input's or block's
  /// name for Input/BlockDef.
  std::string label;
  llvm::SMLoc labelLoc;
  /// The layer or block being called (Layer); empty otherwise.
  std::string op;
  llvm::SMLoc loc; ///< The statement's keyword or layer name.
  std::vector<Arg> args;
  std::vector<Param> params; ///< BlockDef.
  std::vector<Stmt> body;    ///< Repeat, BlockDef.
  Value count;               ///< Repeat.
};

/// Parses the main buffer of `sourceMgr`. Errors are reported through
/// `error(loc, message)`; returns failure if there was any.
llvm::LogicalResult
parseFile(llvm::SourceMgr &sourceMgr, std::vector<Stmt> &stmts,
          const std::function<void(llvm::SMLoc, const llvm::Twine &)> &error);

} // namespace cnnc::cnnfmt

#endif // CNNC_COMPILER_FRONTEND_CNN_PARSER_H
