// Tokens of the .bsg graph format and of answer sheets: names, numbers, punctuation,
// line ends; `#` starts a comment. Every token knows its line and column.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/tensor.h"

namespace bs {

struct ParseError : std::runtime_error {
  int line, col;
  std::string message;
  ParseError(int l, int c, const std::string& m)
      : std::runtime_error(std::to_string(l) + ":" + std::to_string(c) + ": " + m), line(l), col(c), message(m) {}
};

enum class Tok { Name, Number, Punct, Newline, End };

struct Token {
  Tok kind;
  std::string text;   // the name, the punctuation, or the number as written
  double number = 0;
  int line = 1, col = 1;
};

// Throws ParseError on a character that cannot start a token. A name may contain
// letters, digits, `_` and `.` after its first letter. Answer sheets also put `/` in
// names (dL/dy) and write `?` for a number left blank.
std::vector<Token> tokenize(std::string_view text, bool answerSheet = false);

// Walks a token list; shared by the graph parser and the answers parser.
class TokenStream {
 public:
  explicit TokenStream(std::vector<Token> t) : toks_(std::move(t)) {}
  const Token& peek(size_t ahead = 0) const { return toks_[std::min(pos_ + ahead, toks_.size() - 1)]; }
  const Token& next() { const Token& t = peek(); if (pos_ < toks_.size() - 1) ++pos_; return t; }
  bool isPunct(const char* p, size_t ahead = 0) const { return peek(ahead).kind == Tok::Punct && peek(ahead).text == p; }
  bool accept(const char* p) { if (isPunct(p)) { next(); return true; } return false; }
  const Token& expect(const char* p, const std::string& what);
  [[noreturn]] void fail(const Token& at, const std::string& msg) const;
  static std::string describe(const Token& t);  // "'x'", "end of line"

 private:
  std::vector<Token> toks_;
  size_t pos_ = 0;
};

// A number, `-number`, a vector `[1, -3.1, 1.5]` (a column) or a matrix
// `[[1, 2], [3, 4]]` (rows). Ragged or empty literals are errors at their position.
// With `blanks`, a `?` stands for a number not written and reads as NaN.
Tensor parseTensorLiteral(TokenStream& ts, bool blanks = false);

}  // namespace bs
