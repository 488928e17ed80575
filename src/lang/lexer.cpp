#include "i18n/i18n.h"
#include "lang/lexer.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace bs {

namespace {
bool nameStart(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool nameChar(unsigned char c, bool slash) {
  return std::isalnum(c) || c == '_' || c == '.' || c >= 0x80 || (slash && c == '/');
}
}  // namespace

std::vector<Token> tokenize(std::string_view s, bool answerSheet) {
  std::vector<Token> out;
  int line = 1;
  size_t lineStart = 0;
  size_t i = 0;
  auto col = [&](size_t at) { return int(at - lineStart) + 1; };
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '#') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '\n') {
      out.push_back({Tok::Newline, "\n", 0, line, col(i)});
      ++i;
      ++line;
      lineStart = i;
    } else if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
    } else if (std::isdigit(c) || (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      size_t b = i;
      while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
      if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        size_t e = i + 1;
        if (e < s.size() && (s[e] == '+' || s[e] == '-')) ++e;
        if (e < s.size() && std::isdigit(static_cast<unsigned char>(s[e]))) {
          i = e;
          while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
        }
      }
      Token t{Tok::Number, std::string(s.substr(b, i - b)), 0, line, col(b)};
      auto [p, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), t.number);
      if (ec == std::errc::result_out_of_range) throw ParseError(line, col(b), fmt(tr("the number {} is out of range"), t.text));
      if (ec != std::errc() || p != t.text.data() + t.text.size())
        throw ParseError(line, col(b), fmt(tr("'{}' is not a number"), t.text));
      out.push_back(std::move(t));
    } else if (nameStart(c)) {
      size_t b = i;
      while (i < s.size() && nameChar(static_cast<unsigned char>(s[i]), answerSheet)) ++i;
      out.push_back({Tok::Name, std::string(s.substr(b, i - b)), 0, line, col(b)});
    } else if (std::string_view("=+-*/^@()[],;:").find(char(c)) != std::string_view::npos || (answerSheet && c == '?')) {
      out.push_back({Tok::Punct, std::string(1, char(c)), 0, line, col(i)});
      ++i;
    } else {
      char buf[64];
      if (std::isprint(c)) std::snprintf(buf, sizeof buf, tr("unexpected character '%c'"), c);
      else std::snprintf(buf, sizeof buf, tr("unexpected byte 0x%02x (is this a text file?)"), c);
      throw ParseError(line, col(i), buf);
    }
  }
  out.push_back({Tok::Newline, "\n", 0, line, col(i)});
  out.push_back({Tok::End, "", 0, line, 1});
  return out;
}

std::string TokenStream::describe(const Token& t) {
  switch (t.kind) {
    case Tok::Newline: return tr("the end of the line");
    case Tok::End: return tr("the end of the file");
    default: return "'" + t.text + "'";
  }
}

void TokenStream::fail(const Token& at, const std::string& msg) const { throw ParseError(at.line, at.col, msg); }

const Token& TokenStream::expect(const char* p, const std::string& what) {
  if (!isPunct(p)) fail(peek(), fmt(tr("expected {}, found {}"), what, describe(peek())));
  return next();
}

namespace {
double parseSignedNumber(TokenStream& ts, bool blanks) {
  if (blanks && ts.accept("?")) return std::nan("");
  bool neg = ts.accept("-");
  if (!neg) ts.accept("+");
  const Token& t = ts.peek();
  if (t.kind != Tok::Number) ts.fail(t, "expected a number, found " + TokenStream::describe(t));
  ts.next();
  return neg ? -t.number : t.number;
}

// A literal is typed by hand; a million numbers is far beyond that and keeps memory bounded.
constexpr size_t kMaxLiteralNumbers = 1000000;

std::vector<double> parseRow(TokenStream& ts, size_t& total, bool blanks) {
  const Token& open = ts.expect("[", "'['");
  std::vector<double> row;
  if (ts.isPunct("]")) ts.fail(ts.peek(), tr("empty brackets: a vector needs at least one number"));
  for (;;) {
    if (++total > kMaxLiteralNumbers)
      ts.fail(ts.peek(), fmt(tr("the literal has more than {} numbers"), kMaxLiteralNumbers));
    row.push_back(parseSignedNumber(ts, blanks));
    if (ts.accept("]")) break;
    if (!ts.isPunct(",")) ts.fail(ts.peek(), fmt(tr("expected ',' or ']' in the list opened at column {}, found {}"), open.col, TokenStream::describe(ts.peek())));
    ts.next();
  }
  return row;
}
}  // namespace

Tensor parseTensorLiteral(TokenStream& ts, bool blanks) {
  if (!ts.isPunct("[")) {
    Tensor t(1, 1);
    t(0, 0) = parseSignedNumber(ts, blanks);
    return t;
  }
  if (!ts.isPunct("[", 1)) {  // a vector: a column
    size_t total = 0;
    std::vector<double> v = parseRow(ts, total, blanks);
    Tensor t(Index(v.size()), 1);
    for (size_t i = 0; i < v.size(); ++i) t(Index(i), 0) = v[i];
    return t;
  }
  ts.next();  // the outer '['
  std::vector<std::vector<double>> rows;
  size_t total = 0;
  for (;;) {
    const Token& at = ts.peek();
    rows.push_back(parseRow(ts, total, blanks));
    if (rows.size() > 1 && rows.back().size() != rows[0].size())
      ts.fail(at, fmt(tr("row {} has {} numbers but row 1 has {} (a matrix must be rectangular)"), rows.size(), rows.back().size(),
                      rows[0].size()));
    if (ts.accept("]")) break;
    ts.expect(",", tr("',' or ']' after a row"));
  }
  Tensor t(Index(rows.size()), Index(rows[0].size()));
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < rows[r].size(); ++c) t(Index(r), Index(c)) = rows[r][c];
  return t;
}

}  // namespace bs
