//===- Parser.cpp - lexer and parser of the .cnn format -------------------===//
//
// Part of cnnc.
//
/// \file
/// A line-oriented recursive-descent parser. Lines end statements (a `\` at
/// the end of a line continues it, and so does an open `[`); `#` starts a
/// comment. `block` and `repeat` bodies run to a matching `end`, so
/// indentation is free.
//
//===----------------------------------------------------------------------===//

#include "compiler/Frontend/Cnn/Parser.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SourceMgr.h"

#include <cstdlib>

using namespace llvm;

namespace cnnc::cnnfmt {
namespace {

struct Token {
  enum Kind {
    Eof,
    Newline,
    Ident,
    Int,
    Float,
    Dims,
    Colon,
    Comma,
    Equal,
    LBracket,
    RBracket,
    LParen,
    RParen,
    Error
  };
  Kind kind = Eof;
  StringRef text;
  SmallVector<int64_t, 4> ints;
  double number = 0;
  SMLoc loc() const { return SMLoc::getFromPointer(text.data()); }
};

using ErrorFn = std::function<void(SMLoc, const Twine &)>;

/// Splits the buffer into tokens. `3x3` and `1x3x224x224` are one Dims
/// token, so kernels and shapes read as they are written in papers.
class Lexer {
public:
  Lexer(StringRef buffer, const ErrorFn &error) : buf(buffer), error(error) {}

  Token next() {
    skipSpace();
    Token t;
    if (pos >= buf.size()) {
      t.kind = Token::Eof;
      t.text = buf.substr(buf.size());
      return t;
    }
    size_t start = pos;
    char c = buf[pos];
    auto single = [&](Token::Kind k) {
      ++pos;
      t.kind = k;
      t.text = buf.substr(start, 1);
      return t;
    };
    switch (c) {
    case '\n':
      return single(Token::Newline);
    case ':':
      return single(Token::Colon);
    case ',':
      return single(Token::Comma);
    case '=':
      return single(Token::Equal);
    case '[':
      return single(Token::LBracket);
    case ']':
      return single(Token::RBracket);
    case '(':
      return single(Token::LParen);
    case ')':
      return single(Token::RParen);
    default:
      break;
    }
    if (isAlpha(c) || c == '_') {
      while (pos < buf.size() &&
             (isAlnum(buf[pos]) || buf[pos] == '_' || buf[pos] == '.'))
        ++pos;
      // A trailing dot belongs to no name.
      while (buf[pos - 1] == '.')
        --pos;
      t.kind = Token::Ident;
      t.text = buf.slice(start, pos);
      return t;
    }
    if (isDigit(c) || c == '-' || c == '.')
      return lexNumber();
    ++pos;
    t.kind = Token::Error;
    t.text = buf.substr(start, 1);
    error(t.loc(), "unexpected character '" + t.text + "'");
    return t;
  }

private:
  void skipSpace() {
    while (pos < buf.size()) {
      char c = buf[pos];
      if (c == ' ' || c == '\t' || c == '\r') {
        ++pos;
      } else if (c == '#') {
        while (pos < buf.size() && buf[pos] != '\n')
          ++pos;
      } else if (c == '\\' &&
                 buf.substr(pos + 1).ltrim(" \t\r").starts_with("\n")) {
        // Line continuation.
        pos = buf.find('\n', pos) + 1;
      } else {
        break;
      }
    }
  }

  /// INT, FLOAT (`0.5`, `1e-5`, `-2`) or DIMS (`3x3`).
  Token lexNumber() {
    size_t start = pos;
    Token t;
    if (buf[pos] == '-')
      ++pos;
    auto digits = [&] {
      size_t s = pos;
      while (pos < buf.size() && isDigit(buf[pos]))
        ++pos;
      return pos - s;
    };
    size_t intDigits = digits();
    bool isFloat = false;
    if (pos < buf.size() && buf[pos] == '.' && pos + 1 < buf.size() &&
        isDigit(buf[pos + 1])) {
      ++pos;
      digits();
      isFloat = true;
    }
    if (pos < buf.size() && (buf[pos] == 'e' || buf[pos] == 'E') &&
        (intDigits || isFloat)) {
      size_t save = pos++;
      if (pos < buf.size() && (buf[pos] == '-' || buf[pos] == '+'))
        ++pos;
      if (digits())
        isFloat = true;
      else
        pos = save;
    }
    if (!intDigits && !isFloat) {
      t.kind = Token::Error;
      t.text = buf.slice(start, std::max(pos, start + 1));
      error(t.loc(), "expected a number");
      pos = start + 1;
      return t;
    }
    if (isFloat) {
      t.kind = Token::Float;
      t.text = buf.slice(start, pos);
      t.number = std::strtod(t.text.str().c_str(), nullptr);
      return t;
    }
    // getAsInteger fails (true) past int64: one error, not a garbage size.
    int64_t v = 0;
    bool tooBig = buf.slice(start, pos).getAsInteger(10, v);
    t.ints.push_back(v);
    // `3x3`, `1x3x224x224`: an `x` between digits joins dimensions.
    while (pos + 1 < buf.size() && (buf[pos] == 'x' || buf[pos] == 'X') &&
           isDigit(buf[pos + 1])) {
      size_t s = ++pos;
      digits();
      tooBig |= buf.slice(s, pos).getAsInteger(10, v);
      t.ints.push_back(v);
    }
    if (tooBig) {
      t.kind = Token::Error;
      t.text = buf.slice(start, pos);
      error(t.loc(), "number '" + t.text + "' is too large");
      return t;
    }
    t.kind = t.ints.size() > 1 ? Token::Dims : Token::Int;
    t.number = double(t.ints[0]);
    if (pos < buf.size() && (isAlpha(buf[pos]) || buf[pos] == '_')) {
      while (pos < buf.size() && isAlnum(buf[pos]))
        ++pos;
      t.kind = Token::Error;
      t.text = buf.slice(start, pos);
      error(t.loc(), "malformed number '" + t.text +
                         "' (dimensions are written like 3x3)");
      return t;
    }
    t.text = buf.slice(start, pos);
    return t;
  }

  StringRef buf;
  size_t pos = 0;
  ErrorFn error;
};

class Parser {
public:
  Parser(StringRef buffer, const ErrorFn &error)
      : lexer(buffer,
              [this, &error](SMLoc l, const Twine &m) {
                failed = true;
                error(l, m);
              }),
        error(error) {
    advance();
  }

  LogicalResult parseAll(std::vector<Stmt> &stmts) {
    while (tok.kind != Token::Eof) {
      if (tok.kind == Token::Ident && tok.text == "end") {
        emit(tok.loc(), "'end' without a 'block' or 'repeat' to close");
        skipLine();
        continue;
      }
      parseLine(stmts, /*inBlock=*/false);
    }
    return failure(failed);
  }

private:
  void advance() {
    tok = lexer.next();
    // Inside brackets lines continue.
    while (tok.kind == Token::Newline && bracketDepth > 0)
      tok = lexer.next();
  }
  void emit(SMLoc loc, const Twine &message) {
    failed = true;
    error(loc, message);
  }
  void skipLine() {
    bracketDepth = 0;
    while (tok.kind != Token::Newline && tok.kind != Token::Eof)
      advance();
    if (tok.kind == Token::Newline)
      advance();
  }
  bool atLineEnd() const {
    return tok.kind == Token::Newline || tok.kind == Token::Eof;
  }
  /// Ends a statement: the line must be over.
  bool expectLineEnd() {
    if (atLineEnd()) {
      if (tok.kind == Token::Newline)
        advance();
      return true;
    }
    emit(tok.loc(), "unexpected '" + tok.text + "' at the end of the line");
    skipLine();
    return false;
  }

  /// Parses statements up to `end` (consumed).
  void parseBody(std::vector<Stmt> &body, SMLoc openLoc, StringRef what) {
    while (true) {
      if (tok.kind == Token::Eof) {
        emit(openLoc, "this " + what + " has no 'end'");
        return;
      }
      if (tok.kind == Token::Ident && tok.text == "end") {
        advance();
        expectLineEnd();
        return;
      }
      parseLine(body, /*inBlock=*/true);
    }
  }

  bool parseValue(Value &v) {
    v.loc = tok.loc();
    switch (tok.kind) {
    case Token::Int:
      v.kind = Value::Int;
      v.ints = tok.ints;
      v.number = tok.number;
      advance();
      return true;
    case Token::Dims:
      v.kind = Value::Dims;
      v.ints = tok.ints;
      advance();
      return true;
    case Token::Float:
      v.kind = Value::Float;
      v.number = tok.number;
      advance();
      return true;
    case Token::Ident:
      v.kind = Value::Ident;
      v.ident = tok.text.str();
      advance();
      return true;
    case Token::LBracket: {
      v.kind = Value::List;
      ++bracketDepth;
      advance();
      while (tok.kind != Token::RBracket) {
        if (tok.kind != Token::Int) {
          emit(tok.loc(),
               "expected an integer in the list, got '" + tok.text + "'");
          return false;
        }
        v.ints.push_back(tok.ints[0]);
        advance();
        if (tok.kind == Token::Comma)
          advance();
        else if (tok.kind != Token::RBracket) {
          emit(tok.loc(), "expected ',' or ']' in the list");
          return false;
        }
      }
      --bracketDepth;
      advance();
      return true;
    }
    default:
      if (tok.kind != Token::Error)
        emit(tok.loc(),
             "expected a value, got '" +
                 (atLineEnd() ? StringRef("end of line") : tok.text) + "'");
      return false;
    }
  }

  /// `value` or `key=value` items, optionally separated by commas.
  bool parseArgs(std::vector<Arg> &args) {
    while (!atLineEnd()) {
      if (tok.kind == Token::Comma) {
        advance();
        continue;
      }
      Arg arg;
      Token first = tok;
      if (!parseValue(arg.value))
        return false;
      if (tok.kind == Token::Equal) {
        if (first.kind != Token::Ident) {
          emit(first.loc(),
               "an argument name must be a word, got '" + first.text + "'");
          return false;
        }
        arg.key = first.text.str();
        arg.keyLoc = first.loc();
        advance();
        if (!parseValue(arg.value))
          return false;
      }
      args.push_back(std::move(arg));
    }
    return true;
  }

  void parseLine(std::vector<Stmt> &stmts, bool inBlock) {
    if (tok.kind == Token::Newline) {
      advance();
      return;
    }
    if (tok.kind == Token::Eof)
      return;
    if (tok.kind != Token::Ident) {
      if (tok.kind != Token::Error)
        emit(tok.loc(), "expected a layer, got '" + tok.text + "'");
      skipLine();
      return;
    }
    Stmt s;
    StringRef word = tok.text;
    SMLoc wordLoc = tok.loc();
    advance();
    if (word == "input" || word == "output") {
      if (inBlock) {
        emit(wordLoc, "'" + word + "' is only allowed at the top level");
        skipLine();
        return;
      }
      s.kind = word == "input" ? Stmt::Input : Stmt::Output;
      s.loc = wordLoc;
      if (s.kind == Stmt::Input) {
        if (tok.kind != Token::Ident) {
          emit(tok.loc(), "expected the input's name after 'input'");
          skipLine();
          return;
        }
        s.label = tok.text.str();
        s.labelLoc = tok.loc();
        advance();
        if (tok.kind == Token::Colon)
          advance();
      }
      if (!parseArgs(s.args)) {
        skipLine();
        return;
      }
      expectLineEnd();
      stmts.push_back(std::move(s));
      return;
    }
    if (word == "block") {
      parseBlock(stmts, wordLoc, inBlock);
      return;
    }
    // `NAME:` labels the statement.
    if (tok.kind == Token::Colon) {
      s.label = word.str();
      s.labelLoc = wordLoc;
      advance();
      if (atLineEnd()) {
        emit(tok.loc(), "expected a layer after '" + word + ":'");
        skipLine();
        return;
      }
      if (tok.kind != Token::Ident) {
        emit(tok.loc(), "expected a layer, got '" + tok.text + "'");
        skipLine();
        return;
      }
      word = tok.text;
      wordLoc = tok.loc();
      advance();
    }
    s.loc = wordLoc;
    if (word == "repeat") {
      s.kind = Stmt::Repeat;
      if (!parseValue(s.count)) {
        skipLine();
        return;
      }
      if (tok.kind != Token::Colon) {
        emit(tok.loc(),
             "expected ':' after 'repeat " +
                 StringRef(s.count.loc.getPointer(),
                           tok.text.data() - s.count.loc.getPointer())
                     .rtrim() +
                 "'");
        skipLine();
        return;
      }
      advance();
      if (!expectLineEnd())
        return;
      parseBody(s.body, wordLoc, "repeat");
      stmts.push_back(std::move(s));
      return;
    }
    s.kind = Stmt::Layer;
    s.op = word.str();
    if (!parseArgs(s.args)) {
      skipLine();
      return;
    }
    expectLineEnd();
    stmts.push_back(std::move(s));
  }

  /// `block NAME(p1, p2=default):` body `end`.
  void parseBlock(std::vector<Stmt> &stmts, SMLoc loc, bool inBlock) {
    if (inBlock) {
      emit(loc, "blocks are defined at the top level only");
      skipLine();
      return;
    }
    Stmt s;
    s.kind = Stmt::BlockDef;
    s.loc = loc;
    if (tok.kind != Token::Ident) {
      emit(tok.loc(), "expected the block's name after 'block'");
      skipLine();
      return;
    }
    s.label = tok.text.str();
    s.labelLoc = tok.loc();
    advance();
    if (tok.kind == Token::LParen) {
      advance();
      while (tok.kind != Token::RParen) {
        if (tok.kind != Token::Ident) {
          emit(tok.loc(), "expected a parameter name, got '" + tok.text + "'");
          skipLine();
          return;
        }
        Param p;
        p.name = tok.text.str();
        p.loc = tok.loc();
        advance();
        if (tok.kind == Token::Equal) {
          advance();
          p.hasDefault = true;
          if (!parseValue(p.defaultValue)) {
            skipLine();
            return;
          }
        }
        s.params.push_back(std::move(p));
        if (tok.kind == Token::Comma)
          advance();
        else if (tok.kind != Token::RParen) {
          emit(tok.loc(), "expected ',' or ')' after a parameter");
          skipLine();
          return;
        }
      }
      advance();
    }
    if (tok.kind != Token::Colon) {
      emit(tok.loc(), "expected ':' after the block's parameters");
      skipLine();
      return;
    }
    advance();
    if (!expectLineEnd())
      return;
    parseBody(s.body, loc, "block");
    stmts.push_back(std::move(s));
  }

  Lexer lexer;
  const ErrorFn &error;
  Token tok;
  int bracketDepth = 0;
  bool failed = false;
};

} // namespace

LogicalResult parseFile(SourceMgr &sourceMgr, std::vector<Stmt> &stmts,
                        const ErrorFn &error) {
  StringRef buffer =
      sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID())->getBuffer();
  Parser parser(buffer, error);
  return parser.parseAll(stmts);
}

} // namespace cnnc::cnnfmt
