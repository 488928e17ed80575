#include "check/answer_reader.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <optional>
#include <sstream>

#include "i18n/i18n.h"
#include "core/trace.h"
#include "io/read_file.h"

namespace bs {

namespace {

constexpr std::uintmax_t kMaxSheetBytes = 1 << 20;

std::string nodeList(const Graph& g) {
  std::string s;
  for (int i = 0; i < g.size() && i < 12; ++i) s += (i ? ", " : "") + g.node(i).name;
  if (g.size() > 12) s += ", …";
  return s;
}

// `name` is a node, or a node followed by 1-based element numbers as the trace writes
// them: y1, z12 for vectors, W12 for a matrix of at most 9 rows and columns.
// Why an element number does not name an element of n; the same words for y3 and y[3].
std::string noElement(const Node& n, Index k) {
  return fmt(tr("{} has {} elements, so there is no element {}"), n.name, n.shape.size(), k);
}
std::string noElement(const Node& n, Index r, Index c) {
  return fmt(tr("{} is {}, so there is no element [{},{}]"), n.name, n.shape.str(), r, c);
}
std::string needsRowAndColumn(const Node& n) {
  return fmt(tr("{0} is a {1} matrix: name one element by row and column, like {0}[1,2]"), n.name, n.shape.str());
}

// A node, or one element named as on paper (y2, W12). When the name is a node's and a
// number that names none of its elements, `why` says so (as y[3] would).
std::optional<AnswerTarget> findNodeOrElement(const Graph& g, const std::string& name, std::string& why) {
  if (auto id = g.find(name)) return AnswerTarget{*id};
  size_t stem = name.size();
  while (stem > 0 && std::isdigit(static_cast<unsigned char>(name[stem - 1]))) --stem;
  if (stem == 0 || stem == name.size() || name.size() - stem > 9) return std::nullopt;
  auto id = g.find(name.substr(0, stem));
  if (!id) return std::nullopt;
  const Node& n = g.node(*id);
  const Shape s = n.shape;
  const std::string digits = name.substr(stem);
  if (s.rows != 1 && s.cols != 1) {
    if (digits.size() != 2 || s.rows > 9 || s.cols > 9) {
      why = needsRowAndColumn(n);
      return std::nullopt;
    }
    const Index r = digits[0] - '1', c = digits[1] - '1';
    if (r < 0 || c < 0 || r >= s.rows || c >= s.cols) {
      why = noElement(n, r + 1, c + 1);
      return std::nullopt;
    }
    return AnswerTarget{*id, Quantity::Value, r, c};
  }
  const Index k = std::stol(digits) - 1;
  if (k < 0 || k >= s.size()) {
    why = noElement(n, k + 1);
    return std::nullopt;
  }
  return AnswerTarget{*id, Quantity::Value, s.cols == 1 ? k : 0, s.cols == 1 ? 0 : k};
}

[[noreturn]] void fail(const Token& at, const std::string& msg) { throw ParseError(at.line, at.col, msg); }

bool isPunct(const Token& t, const char* p) { return t.kind == Tok::Punct && t.text == p; }

// A comma touching a whole number on its left and digits on its right: "0,196".
bool decimalComma(const Token& left, const Token& comma, const Token& right) {
  auto digits = [](const std::string& s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos; };
  return left.kind == Tok::Number && right.kind == Tok::Number && digits(left.text) && std::isdigit(static_cast<unsigned char>(right.text[0])) &&
         right.text.find('.') == std::string::npos && left.line == comma.line && comma.line == right.line &&
         left.col + int(left.text.size()) == comma.col && comma.col + 1 == right.col;
}

}  // namespace

AnswerNames::AnswerNames(const Graph& g, std::map<std::string, AnswerTarget> shown)
    : g_(g), hasGrad_(gradientNodes(g)), shown_(std::move(shown)) {}

AnswerTarget AnswerNames::read(TokenStream& ts) const {
  const Token nameTok = ts.peek();
  if (nameTok.kind != Tok::Name)
    ts.fail(nameTok, fmt(tr("expected a name like z, dL/dz or W.grad at the start of an answer, found {}"), TokenStream::describe(nameTok)));
  ts.next();
  AnswerTarget t = resolve(nameTok);
  if (ts.isPunct("[")) index(ts, nameTok, t);
  if (t.quantity == Quantity::Grad && !hasGrad_[size_t(t.node)]) {
    const Node& n = g_.node(t.node);
    ts.fail(nameTok, n.kind == NodeKind::Const ? fmt(tr("'{}' is a constant, so it has no gradient"), n.name)
                                               : fmt(tr("no gradient flows to '{}' (the output does not depend on it through an input or param)"), n.name));
  }
  return t;
}

AnswerTarget AnswerNames::resolve(const Token& tok) const {
  const std::string& s = tok.text;
  if (auto it = shown_.find(s); it != shown_.end()) return it->second;
  if (auto id = g_.find(s)) return AnswerTarget{*id};
  std::string base = s;
  Quantity q = Quantity::Value;
  auto endsWith = [&](const std::string& suffix) {
    return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  const size_t slash = s.find("/d");
  if (endsWith(".grad")) {
    base = s.substr(0, s.size() - 5);
    q = Quantity::Grad;
  } else if (endsWith(".value")) {
    base = s.substr(0, s.size() - 6);
  } else if (s.size() > 3 && s[0] == 'd' && slash != std::string::npos && slash > 1) {
    const std::string num = s.substr(1, slash - 1);
    if (!g_.hasOutput()) fail(tok, tr("this graph has no output, so it has no gradients to write"));
    const std::string out = g_.node(g_.output()).name;
    if (num != out && !(num == "L" && !g_.find("L")))
      fail(tok, fmt(tr("gradients are of the output '{0}': write d{0}/d{1}"), out, s.substr(slash + 2)));
    base = s.substr(slash + 2);
    q = Quantity::Grad;
  }
  std::string why;
  auto t = findNodeOrElement(g_, base, why);
  if (!why.empty()) fail(tok, why);
  if (!t) {
    std::string msg = fmt(tr("unknown node '{}'"), base);
    if (base != s) msg += fmt(tr(" in '{}'"), s);
    fail(tok, msg + " " + fmt(tr("(this graph has {})"), nodeList(g_)));
  }
  t->quantity = q;
  return *t;
}

// `[i]` or `[i,j]` after a name: one element, numbered from 1 as on paper.
void AnswerNames::index(TokenStream& ts, const Token& nameTok, AnswerTarget& t) const {
  const Token open = ts.next();
  if (t.row >= 0) ts.fail(open, fmt(tr("{} already names one element"), TokenStream::describe(nameTok)));
  std::vector<Index> ix;
  for (;;) {
    const Token k = ts.peek();
    if (k.kind != Tok::Number || k.number < 1 || k.number > 1e9 || k.number != double(Index(k.number)))
      ts.fail(k, fmt(tr("expected an element number (1, 2, ...) in the brackets, found {}"), TokenStream::describe(k)));
    ts.next();
    ix.push_back(Index(k.number) - 1);
    if (ts.accept("]")) break;
    if (ix.size() == 2) ts.fail(ts.peek(), fmt(tr("expected ']' after the row and column, found {}"), TokenStream::describe(ts.peek())));
    ts.expect(",", tr("',' or ']' in the element number"));
  }
  const Node& n = g_.node(t.node);
  const Shape s = n.shape;
  if (ix.size() == 1) {
    if (s.rows != 1 && s.cols != 1) ts.fail(open, needsRowAndColumn(n));
    if (ix[0] >= s.size()) ts.fail(open, noElement(n, ix[0] + 1));
    t.row = s.cols == 1 ? ix[0] : 0;
    t.col = s.cols == 1 ? 0 : ix[0];
  } else {
    if (ix[0] >= s.rows || ix[1] >= s.cols)
      ts.fail(open, noElement(n, ix[0] + 1, ix[1] + 1));
    t.row = ix[0];
    t.col = ix[1];
  }
}

void readDecimalCommas(std::vector<Token>& toks) {
  const bool list = std::any_of(toks.begin(), toks.end(), [](const Token& t) { return isPunct(t, "["); });
  const bool semicolons = std::any_of(toks.begin(), toks.end(), [](const Token& t) { return isPunct(t, ";"); });
  std::vector<Token> out;
  for (size_t i = 0; i < toks.size(); ++i) {
    const Token& t = toks[i];
    if (isPunct(t, ",") && !out.empty() && i + 1 < toks.size() && decimalComma(out.back(), t, toks[i + 1])) {
      Token& left = out.back();
      const std::string point = left.text + "." + toks[i + 1].text;
      if (list && !semicolons)
        fail(left, fmt(tr("'{}' can be read as one number or two in a list separated by commas: write a decimal point ({}), or separate the "
                          "elements with ';' as in [0,406; 0,525]"),
                       left.text + "," + toks[i + 1].text, point));
      left.text = point;
      left.number = std::strtod(point.c_str(), nullptr);
      ++i;
    } else if (semicolons && isPunct(t, ",")) {
      fail(t, tr("this list separates its elements with ';' (for decimal commas): write ';' here too"));
    } else if (semicolons && isPunct(t, ";")) {
      out.push_back({Tok::Punct, std::string(1, ','), 0, t.line, t.col});
    } else {
      out.push_back(t);
    }
  }
  toks = std::move(out);
}

namespace {

// The names the trace shows for the nodes named by their expression ("y − t",
// "dL/d(y − t)", "(y − t)[1]"), which are not .bsg names: the target each one names.
std::map<std::string, AnswerTarget> shownNames(const Graph& g) {
  std::map<std::string, AnswerTarget> m;
  for (int i = 0; i < g.size(); ++i) {
    const Node& n = g.node(i);
    if (!n.expression) continue;
    auto add = [&](const std::string& name, Quantity q, Index r, Index c) { m.try_emplace(name, AnswerTarget{i, q, r, c}); };
    add(n.name, Quantity::Value, -1, -1);
    add(gradName(g, n.name), Quantity::Grad, -1, -1);
    if (n.shape.size() > 1 && n.shape.size() <= 64)
      for (Index r = 0; r < n.shape.rows; ++r)
        for (Index c = 0; c < n.shape.cols; ++c) {
          add(elementName(n.name, n.shape, r, c), Quantity::Value, r, c);
          add(gradName(g, elementName(n.name, n.shape, r, c)), Quantity::Grad, r, c);
        }
  }
  return m;
}

// An ASCII '-' between spaces stands for the trace's '−'.
std::string withMinusSigns(std::string s) {
  for (size_t p = 0; (p = s.find(" - ", p)) != std::string::npos;) s.replace(p, 3, " − ");
  return s;
}

// Answer lines whose left-hand side is a shown expression name get it replaced by a
// placeholder name of the same length in bytes (so columns stay right); `targets`
// holds what each placeholder names.
std::string replaceShownNames(std::string_view text, const Graph& g, std::map<std::string, AnswerTarget>& targets) {
  const auto shown = shownNames(g);
  if (shown.empty()) return std::string(text);
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    const size_t eq = line.find('=');
    if (eq != std::string::npos) {
      const size_t a = line.find_first_not_of(" \t"), b = line.find_last_not_of(" \t", eq - 1);
      if (a < eq && b != std::string::npos && b >= a) {
        const auto it = shown.find(withMinusSigns(line.substr(a, b - a + 1)));
        const std::string placeholder = "_" + std::to_string(targets.size());
        if (it != shown.end() && placeholder.size() <= b - a + 1) {
          targets[placeholder] = it->second;
          line.replace(a, b - a + 1, placeholder + std::string(b - a + 1 - placeholder.size(), ' '));
        }
      }
    }
    out += line;
    if (end < text.size()) out += '\n';
    start = end + 1;
  }
  return out;
}

class SheetReader {
 public:
  SheetReader(const Graph& g, std::map<std::string, AnswerTarget> shown) : g_(g), names_(g, std::move(shown)) {}

  // One answer: the tokens of a statement, without its terminator.
  void statement(std::vector<Token> toks, const Token& end) {
    const size_t eq = size_t(std::find_if(toks.begin(), toks.end(), [](const Token& t) { return isPunct(t, "="); }) - toks.begin());
    if (eq < toks.size()) {
      std::vector<Token> rhs(toks.begin() + long(eq) + 1, toks.end());
      readDecimalCommas(rhs);
      toks.resize(eq + 1);
      toks.insert(toks.end(), rhs.begin(), rhs.end());
    }
    std::vector<Token> all = toks;
    all.push_back({Tok::Newline, "\n", 0, end.line, end.col});
    all.push_back({Tok::End, "", 0, end.line + 1, 1});
    TokenStream ts(all);
    const Token nameTok = ts.peek();
    const AnswerTarget t = names_.read(ts);
    ts.expect("=", "'=' after " + TokenStream::describe(nameTok));
    if (ts.peek().kind == Tok::Newline) return;  // a blank left to fill in
    const Token litTok = ts.peek();
    Tensor lit = parseTensorLiteral(ts, true);
    if (ts.peek().kind != Tok::Newline)
      ts.fail(ts.peek(), fmt(tr("expected the end of the answer after the number, found {}"), TokenStream::describe(ts.peek())));
    std::vector<int> decimals;
    std::vector<std::string> texts;  // each number as written, its sign included
    for (size_t k = eq + 1; k < toks.size(); ++k)
      if (toks[k].kind == Tok::Number) {
        decimals.push_back(decimalsOf(toks[k].text));
        const bool sign = k > eq + 1 && (isPunct(toks[k - 1], "-") || isPunct(toks[k - 1], "+"));
        texts.push_back((sign ? toks[k - 1].text : "") + toks[k].text);
      } else if (isPunct(toks[k], "?")) {
        decimals.push_back(-1);
        texts.emplace_back();
      }
    store(t, nameTok, litTok, lit, decimals, texts);
  }

  AnswerSheet take() { return std::move(sheet_); }

 private:
  void store(const AnswerTarget& t, const Token& nameTok, const Token& litTok, const Tensor& lit, const std::vector<int>& decimals,
             const std::vector<std::string>& texts) {
    const Shape s = g_.node(t.node).shape;
    const Shape ls = shapeOf(lit);
    const std::string what = answerName(g_, t.node, t.quantity, t.row, t.col);
    auto count = [](Index n) { return fmt(trn("{} number", "{} numbers", (unsigned long)n), n); };
    // Positions in the node for each number of the literal, in the order written.
    std::vector<std::pair<Index, Index>> at;
    if (t.row >= 0) {
      if (ls.size() != 1) fail(litTok, fmt(tr("{} is one number, but you wrote {}"), what, count(ls.size())));
      at.push_back({t.row, t.col});
    } else if (ls == s || ((s.rows == 1 || s.cols == 1) && (ls.rows == 1 || ls.cols == 1) && ls.size() == s.size())) {
      for (Index k = 0; k < ls.size(); ++k)  // row by row as written; a vector fits either way round
        at.push_back(ls == s ? std::pair{k / ls.cols, k % ls.cols} : s.cols == 1 ? std::pair{k, Index(0)} : std::pair{Index(0), k});
    } else if (s.rows == 1 || s.cols == 1) {
      fail(litTok, fmt(tr("{} has {}, but you wrote {}"), what, count(s.size()),
                       ls.rows == 1 || ls.cols == 1 ? count(ls.size()) : fmt(tr("a {} matrix"), ls.str())));
    } else {
      std::string msg = fmt(tr("{} is {} ({} rows of {}), but you wrote {}"), what, s.str(), s.rows, s.cols, ls.str());
      if (ls.rows == s.cols && ls.cols == s.rows) msg += tr(": transposed?");
      fail(litTok, msg);
    }
    for (size_t k = 0; k < at.size(); ++k) {
      auto [r, c] = at[k];
      if (decimals.at(k) < 0) continue;  // '?': not written
      if (auto old = sheet_.find(t.node, t.quantity); old && old->written(r, c))
        fail(nameTok, fmt(tr("{} is already written on line {}"), answerName(g_, t.node, t.quantity, r, c), old->line(r, c)));
      sheet_.set(g_, t.node, t.quantity, r, c, {lit(k / ls.cols, k % ls.cols), decimals.at(k), texts.at(k)}, nameTok.line);
    }
  }

  const Graph& g_;
  AnswerNames names_;
  AnswerSheet sheet_;
};

}  // namespace

AnswerSheet parseAnswers(std::string_view text, const Graph& g) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // the byte-order mark some editors write
  std::map<std::string, AnswerTarget> shown;
  const std::string plain = replaceShownNames(text, g, shown);
  const std::vector<Token> toks = tokenize(plain, true);
  SheetReader reader(g, std::move(shown));
  std::vector<Token> stmt;
  int depth = 0;  // inside brackets, ';' separates elements, not answers
  for (const Token& t : toks) {
    if (isPunct(t, "[")) ++depth;
    if (isPunct(t, "]")) depth = std::max(0, depth - 1);
    if (t.kind == Tok::Newline) depth = 0;
    const bool end = t.kind == Tok::Newline || t.kind == Tok::End || (depth == 0 && isPunct(t, ";"));
    if (!end) {
      stmt.push_back(t);
      continue;
    }
    if (!stmt.empty()) reader.statement(stmt, t);
    stmt.clear();
  }
  return reader.take();
}

AnswerSheet loadAnswers(const std::string& path, const Graph& g) {
  const std::string text = io::readFile(path, kMaxSheetBytes, tr("an answers file"));
  try {
    return parseAnswers(text, g);
  } catch (const ParseError& e) {
    throw std::runtime_error(path + ":" + e.what());
  }
}

}  // namespace bs
