#include "figure/math_text.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace bs::figure {

MathNames mathNames(const Graph& g) {
  MathNames m;
  if (g.hasOutput()) m.loss = g.node(g.output()).name;
  for (const Node& n : g.nodes())
    if (!n.expression) m.nodes.push_back(n.name);
  return m;
}

namespace {

constexpr size_t npos = std::string_view::npos;
using Map = std::map<std::string_view, std::string_view>;

bool isAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool isDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool isIdent(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool allDigits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), isDigit); }
// The trace's index notation: Wij, yi, Σk, and b for a batch's sample (Σb xjb).
bool indexLetters(std::string_view s) {
  return !s.empty() && s.size() <= 3 && s.find_first_not_of("ijklb") == npos;
}
size_t utf8Length(unsigned char c) { return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2; }

const Map kSymbols = {
    {"σ", "\\sigma"},   {"Σ", "\\sum"},     {"·", "\\cdot"},      {"−", "-"},        {"⊙", "\\odot"},  {"∂", "\\partial"},
    {"⇒", "\\Rightarrow"}, {"×", "\\times"}, {"…", "\\dots"},     {"≈", "\\approx"}, {"≤", "\\le"},    {"≥", "\\ge"},
    {"≠", "\\neq"},     {"∇", "\\nabla"},   {"½", "\\tfrac{1}{2}"}, {"±", "\\pm"},   {"∈", "\\in"},    {"→", "\\to"},
    {"∞", "\\infty"},   {"‖", "\\|"},       {"′", "'"},           {"α", "\\alpha"},  {"β", "\\beta"},  {"γ", "\\gamma"},
    {"δ", "\\delta"},   {"ε", "\\varepsilon"}, {"η", "\\eta"},    {"θ", "\\theta"},  {"λ", "\\lambda"}, {"μ", "\\mu"},
    {"π", "\\pi"},      {"τ", "\\tau"},     {"φ", "\\phi"},       {"ω", "\\omega"},  {"Δ", "\\Delta"}, {"√", "\\surd"},
};
// Spanish letters (the words of a translated trace), as LaTeX text accents; in math
// through \mbox, which needs no package.
const Map kAccents = {
    {"á", "\\'a"}, {"é", "\\'e"}, {"í", "\\'{\\i}"}, {"ó", "\\'o"}, {"ú", "\\'u"}, {"ñ", "\\~n"}, {"ü", "\\\"u"},
    {"Á", "\\'A"}, {"É", "\\'E"}, {"Í", "\\'I"}, {"Ó", "\\'O"}, {"Ú", "\\'U"}, {"Ñ", "\\~N"}, {"¿", "?`"}, {"¡", "!`"},
};
const Map kSuperscripts = {{"⁰", "0"}, {"¹", "1"}, {"²", "2"}, {"³", "3"}, {"⁴", "4"}, {"⁵", "5"}, {"⁶", "6"},
                           {"⁷", "7"}, {"⁸", "8"}, {"⁹", "9"}, {"⁻", "-"}, {"⁺", "+"}, {"ᵀ", "\\top"}, {"ᵇ", "b"},
                           {"ˣ", "x"}, {"ⁿ", "n"}, {"ⁱ", "i"}};
const Map kSubscripts = {{"₀", "0"}, {"₁", "1"}, {"₂", "2"}, {"₃", "3"}, {"₄", "4"}, {"₅", "5"}, {"₆", "6"},
                         {"₇", "7"}, {"₈", "8"}, {"₉", "9"}, {"ᵢ", "i"}, {"ⱼ", "j"}, {"ₖ", "k"}, {"ₗ", "l"},
                         {"ₘ", "m"}, {"ₙ", "n"}, {"ₜ", "t"}, {"ₐ", "a"}, {"ₑ", "e"}, {"ₓ", "x"}, {"ₚ", "p"}, {"ₛ", "s"}};
const Map kFunctions = {{"log", "\\log"}, {"ln", "\\ln"}, {"exp", "\\exp"}, {"tanh", "\\tanh"}, {"max", "\\max"}, {"min", "\\min"}};
// Op names the trace writes as functions: mse(h2, t), sign(x).
const std::set<std::string_view> kOperators = {"sign", "softmax", "onehot", "mean", "relu", "elu", "leaky_relu", "sigmoid",
                                               "mse", "softmax_ce", "hinge", "sum", "sum_squares", "concat", "transpose",
                                               "square", "l1", "l2"};
const std::set<std::string_view> kGreek = {"alpha", "beta", "gamma", "delta", "epsilon", "eta", "theta",
                                           "lambda", "mu", "pi", "sigma", "tau", "phi", "omega"};

std::string escapeUnderscores(std::string_view s) {
  std::string out;
  for (char c : s) out += c == '_' ? std::string("\\_") : std::string(1, c);
  return out;
}

// The index of the bracket closing the one at s[open], or npos.
size_t closing(std::string_view s, size_t open, char o, char c) {
  int depth = 0;
  for (size_t i = open; i < s.size(); ++i) {
    if (s[i] == o) ++depth;
    else if (s[i] == c && --depth == 0) return i;
  }
  return npos;
}

// "1,12" or "3": the index of an element, as elementName writes it in brackets.
bool indexList(std::string_view s) { return !s.empty() && s.find_first_not_of("0123456789,") == npos; }

// Splits at the top-level ", " of a list body.
std::vector<std::string_view> listItems(std::string_view body) {
  std::vector<std::string_view> items;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '[') ++depth;
    else if (body[i] == ']') --depth;
    else if (depth == 0 && body.substr(i, 2) == ", ") {
      items.push_back(body.substr(start, i - start));
      start = i + 2;
    }
  }
  items.push_back(body.substr(start));
  return items;
}

enum class Target { Latex, Html };

// A piece of converted text. Prose (words that are not math) becomes \text{...};
// spaces are kept apart, since math mode drops them and prose needs them.
struct Piece {
  enum Kind { Math, Prose, Space } kind = Math;
  std::string text;
  int spaces = 0;
};

class Converter {
 public:
  Converter(std::string_view s, const MathNames& n, Target t, LatexFlavour f) : s_(s), names_(n), target_(t), flavour_(f) {}

  std::string run() {
    while (i_ < s_.size()) step();
    return join();
  }

 private:
  bool latex() const { return target_ == Target::Latex; }
  bool matrix() const { return flavour_ == LatexFlavour::Document; }
  bool amsmath() const { return flavour_ != LatexFlavour::Tikz; }
  std::string text(const std::string& s) const { return (amsmath() ? "\\text{" : "\\mbox{") + latexText(s) + "}"; }
  std::string sub(std::string_view part) const { return Converter(part, names_, target_, flavour_).run(); }
  void math(std::string s) { pieces_.push_back({Piece::Math, std::move(s)}); }

  void step() {
    const char c = s_[i_];
    if (c == ' ') {
      const size_t j = std::min(s_.find_first_not_of(' ', i_), s_.size());
      pieces_.push_back({Piece::Space, "", int(j - i_)});
      i_ = j;
      return;
    }
    if (gradient()) return;
    if (isDigit(c) || (c == '.' && i_ + 1 < s_.size() && isDigit(s_[i_ + 1]))) return number();
    if (isAlpha(c) || (static_cast<unsigned char>(c) >= 0x80 && kAccents.count(s_.substr(i_, utf8Length(static_cast<unsigned char>(c))))))
      return identifier();
    if (static_cast<unsigned char>(c) >= 0x80) return unicode();
    if (c == '[' && tensor()) return;
    if ((c == '_' || c == '^') && script()) return;
    punctuation(c);
  }

  // dL/dW12, dL/d(y − t), dL/dh1[3]: a fraction of partials in LaTeX, ∂L/∂W12 in HTML.
  bool gradient() {
    if (i_ > 0 && isIdent(s_[i_ - 1])) return false;
    for (const std::string& loss : {names_.loss, std::string("L")}) {
      const std::string prefix = "d" + loss + "/d";
      if (s_.substr(i_, prefix.size()) != prefix) continue;
      const size_t start = i_ + prefix.size();
      size_t j = start;
      if (j < s_.size() && s_[j] == '(') {
        const size_t k = closing(s_, j, '(', ')');
        if (k == npos) continue;
        j = k + 1;
      } else {
        while (j < s_.size() && isIdent(s_[j])) ++j;
      }
      if (j == start) continue;
      if (j < s_.size() && s_[j] == '[')
        if (const size_t k = closing(s_, j, '[', ']'); k != npos && indexList(s_.substr(j + 1, k - j - 1))) j = k + 1;
      const std::string l = sub(loss), x = sub(s_.substr(start, j - start));
      // A figure's small text reads ∂L/∂x better than a fraction.
      if (!latex()) math("∂" + l + "/∂" + x);
      else if (flavour_ == LatexFlavour::Tikz) math("\\partial " + l + "/\\partial " + x);
      else math("\\frac{\\partial " + l + "}{\\partial " + x + "}");
      i_ = j;
      return true;
    }
    return false;
  }

  // 0.4061, 1.2e-05 (as 1.2 × 10⁻⁵ in LaTeX).
  void number() {
    const size_t start = i_;
    size_t j = i_;
    while (j < s_.size() && (isDigit(s_[j]) || s_[j] == '.')) ++j;
    const std::string mantissa(s_.substr(start, j - start));
    int exponent = 0;
    bool scientific = false;
    if (j < s_.size() && s_[j] == 'e') {
      size_t k = j + 1;
      if (k < s_.size() && (s_[k] == '+' || s_[k] == '-')) ++k;
      if (k < s_.size() && isDigit(s_[k])) {
        while (k < s_.size() && isDigit(s_[k])) ++k;
        exponent = std::stoi(std::string(s_.substr(j + 1, k - j - 1)));
        scientific = true;
        j = k;
      }
    }
    i_ = j;
    if (!latex() || !scientific) return math(std::string(s_.substr(start, j - start)));
    const std::string n = mantissa + "\\times 10^{" + std::to_string(exponent) + "}";
    const bool squared = i_ < s_.size() && kSuperscripts.count(s_.substr(i_, utf8Length(static_cast<unsigned char>(s_[i_]))));
    math(squared ? "(" + n + ")" : n);  // (1.2 × 10⁻⁵)², not a double superscript
  }

  void identifier() {
    size_t j = i_;
    for (;;) {  // a word, Spanish letters included (contribución is one word, not contribuci ó n)
      if (j < s_.size() && isIdent(s_[j])) {
        ++j;
        continue;
      }
      const size_t len = j < s_.size() ? utf8Length(static_cast<unsigned char>(s_[j])) : 0;
      if (len > 1 && kAccents.count(s_.substr(j, len))) {
        j += len;
        continue;
      }
      break;
    }
    Piece p = identify(std::string(s_.substr(i_, j - i_)));
    i_ = j;
    elementIndex(p);
    pieces_.push_back(p);
  }

  // An element's index right after its name or expression: h1[3], (y − t)[1].
  void elementIndex(Piece& p) {
    if (i_ >= s_.size() || s_[i_] != '[') return;
    const size_t k = closing(s_, i_, '[', ']');
    if (k == npos || !indexList(s_.substr(i_ + 1, k - i_ - 1))) return;
    const std::string index(s_.substr(i_ + 1, k - i_ - 1));
    p = {Piece::Math, latex() ? withSub(asMath(p), index) : p.text + "[" + index + "]"};
    i_ = k + 1;
  }

  bool isNode(const std::string& r) const { return std::find(names_.nodes.begin(), names_.nodes.end(), r) != names_.nodes.end(); }

  // A node's name: W1 as W₁, lambda as λ, data_loss in italics.
  std::string nodeName(const std::string& n) const {
    const size_t d = n.find_last_not_of("0123456789") + 1;
    const std::string stem = n.substr(0, d), digits = n.substr(d);
    const bool letters = !stem.empty() && std::all_of(stem.begin(), stem.end(), isAlpha);
    if (!latex()) return letters && !digits.empty() ? stem + "<SUB>" + digits + "</SUB>" : n;
    if (kGreek.count(stem) && letters) return withSub("\\" + stem + " ", digits);
    if (!letters) return "\\mathit{" + escapeUnderscores(n) + "}";
    return withSub(stem.size() == 1 ? stem : "\\mathit{" + stem + "}", digits);
  }

  // base_{sub}; a base that has its own subscript is parenthesised: (W_{1})_{ij}.
  std::string withSub(const std::string& base, const std::string& subscript) const {
    if (subscript.empty()) return base;
    if (!latex()) return base + "<SUB>" + subscript + "</SUB>";
    return (base.find('_') != std::string::npos ? "(" + base + ")" : base) + "_{" + subscript + "}";
  }

  std::string asMath(const Piece& p) const {
    return p.kind == Piece::Prose && latex() ? text(p.text) : p.text;
  }

  Piece identify(const std::string& r) const {
    if (isNode(r)) return {Piece::Math, nodeName(r)};
    // An element of a node or index notation on it: W12, Wij, W1ij.
    std::string best;
    for (const std::string& n : names_.nodes) {
      if (n.size() >= r.size() || n.size() <= best.size() || r.compare(0, n.size(), n) != 0) continue;
      const std::string_view rest = std::string_view(r).substr(n.size());
      if (allDigits(rest) || indexLetters(rest)) best = n;
    }
    if (!best.empty()) return {Piece::Math, withSub(nodeName(best), r.substr(best.size()))};
    if (!latex()) return {Piece::Math, r};
    if (auto f = kFunctions.find(r); f != kFunctions.end()) return {Piece::Math, std::string(f->second) + " "};
    if (kOperators.count(r)) return {Piece::Math, (amsmath() ? "\\operatorname{" : "\\mathrm{") + escapeUnderscores(r) + "}"};
    if (kGreek.count(r)) return {Piece::Math, "\\" + r + " "};
    if (r.size() == 1) return {Piece::Math, r};
    if (isAlpha(r[0]) && (allDigits(r.substr(1)) || indexLetters(r.substr(1)))) return {Piece::Math, withSub(r.substr(0, 1), r.substr(1))};
    if (const size_t u = r.find('_'); u != std::string::npos && u > 0 && u + 1 < r.size())  // s_j, margin_j
      return {Piece::Math, withSub(asMath(identify(r.substr(0, u))), asMath(identify(r.substr(u + 1))))};
    return {Piece::Prose, r};
  }

  void unicode() {
    const size_t len = utf8Length(static_cast<unsigned char>(s_[i_]));
    const std::string_view cp = s_.substr(i_, len);
    i_ += len;
    if (!latex()) return math(std::string(cp));
    for (const auto* scripts : {&kSuperscripts, &kSubscripts})
      if (scripts->count(cp)) {  // a run of them: aᵇ⁻¹ as a^{b-1}
        std::string run(scripts->at(cp));
        while (i_ < s_.size()) {
          const std::string_view next = s_.substr(i_, utf8Length(static_cast<unsigned char>(s_[i_])));
          if (!scripts->count(next)) break;
          run += scripts->at(next);
          i_ += next.size();
        }
        return math((scripts == &kSuperscripts ? "^{" : "_{") + run + "}");
      }
    if (cp == "Σ") {  // Σi Wij: the sum's index
      size_t k = i_;
      while (k < s_.size() && isAlpha(s_[k])) ++k;
      if (indexLetters(s_.substr(i_, k - i_))) {
        math("\\sum_{" + std::string(s_.substr(i_, k - i_)) + "} ");
        i_ = k;
        return;
      }
    }
    if (cp == "½" && !amsmath()) return math("\\frac{1}{2}");
    if (const auto ac = kAccents.find(cp); ac != kAccents.end()) return math("\\mbox{" + std::string(ac->second) + "}");
    const auto it = kSymbols.find(cp);
    math(it == kSymbols.end() ? "{?}" : std::string(it->second) + " ");
  }

  // Tensor literals: [-0.38, 0.1] (a column), [[0.19, -0.6], [0.26, -0.81]], "…" for
  // what formatTensor leaves out.
  bool tensor() {
    if (!latex()) return false;
    if (i_ > 0 && (isIdent(s_[i_ - 1]) || s_[i_ - 1] == ')' || s_[i_ - 1] == ']')) return false;  // an index
    const size_t k = closing(s_, i_, '[', ']');
    if (k == npos) return false;
    const std::string_view body = s_.substr(i_ + 1, k - i_ - 1);
    std::string plain;  // the body with each "…" as a digit
    for (size_t p = 0; p < body.size(); ++p) {
      const bool dots = body.substr(p, 3) == "…";
      plain += dots ? '0' : body[p];
      p += dots ? 2 : 0;
    }
    if (plain.find_first_not_of("0123456789.-+e ,[]?nainf") != std::string::npos) return false;  // [x > 0] is Iverson's
    std::vector<std::vector<std::string>> rows;
    const bool nested = !body.empty() && body[0] == '[';
    for (std::string_view item : listItems(body)) {
      if (!nested) {
        rows.push_back({item == "…" ? (matrix() ? "\\vdots" : "\\dots") : sub(item)});
        continue;
      }
      std::vector<std::string> row;
      if (item == "…") row.push_back(matrix() ? "\\vdots" : "\\dots");
      else
        for (std::string_view e : listItems(item.substr(1, item.size() - 2))) row.push_back(e == "…" ? "\\cdots" : sub(e));
      rows.push_back(row);
    }
    auto join = [](const std::vector<std::string>& v, const std::string& sep) {
      std::string s;
      for (size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
      return s;
    };
    if (matrix()) shrink(rows);
    std::vector<std::string> lines;
    for (const auto& r : rows) lines.push_back(join(r, matrix() ? " & " : ",\\ "));
    if (matrix()) math("\\begin{bmatrix}" + join(lines, " \\\\ ") + "\\end{bmatrix}");
    else if (nested) math("[[" + join(lines, "],\\ [") + "]]");
    else math("[" + join(lines, ",\\ ") + "]");
    i_ = k + 1;
    return true;
  }

  // A matrix fits a page at up to 6 rows and 4 columns: the middle ones give way to
  // \vdots and \cdots (the trace's own literal already elides beyond 8).
  static void shrink(std::vector<std::vector<std::string>>& rows) {
    if (rows.size() > 6) {
      const std::vector<std::string> last = rows.back();
      rows.resize(4);
      rows.push_back({"\\vdots"});
      rows.push_back(last);
    }
    for (auto& r : rows)
      if (r.size() > 4) {
        const std::string last = r.back();
        r.resize(2);
        r.push_back("\\cdots");
        r.push_back(last);
      }
  }

  // softmax(z)_t, Σ_{j≠t}, e^(b ln a).
  bool script() {
    if (!latex() || i_ + 1 >= s_.size()) return false;
    const char c = s_[i_];
    size_t j = i_ + 1, end = j;
    std::string_view group;
    if (s_[j] == '{' || (c == '^' && s_[j] == '(')) {
      const bool brace = s_[j] == '{';
      end = closing(s_, j, s_[j], brace ? '}' : ')');
      if (end == npos) return false;
      group = brace ? s_.substr(j + 1, end - j - 1) : s_.substr(j, end - j + 1);
      ++end;
    } else if (isIdent(s_[j])) {
      while (end < s_.size() && isIdent(s_[end])) ++end;
      group = s_.substr(j, end - j);
    } else {
      return false;
    }
    math(std::string{c, '{'} + sub(group) + "}");
    i_ = end;
    return true;
  }

  void punctuation(char c) {
    ++i_;
    if (!latex()) {
      switch (c) {
        case '&': return math("&amp;");
        case '<': return math("&lt;");
        case '>': return math("&gt;");
        case '"': return math("&quot;");
        default: return math(std::string(1, c));
      }
    }
    switch (c) {
      case '{': return math("\\{");
      case '}': return math("\\}");
      case '#': case '%': case '&': case '$': case '_': return math(std::string{'\\', c});
      case '~': return math("\\sim ");
      case '\\': return math("\\backslash ");
      case '*': return math("\\ast ");
      case '^': return math("\\hat{}");
      case ')': {
        Piece p{Piece::Math, ")"};
        elementIndex(p);
        return pieces_.push_back(p);
      }
      default: return math(std::string(1, c));
    }
  }

  std::string join() const {
    std::string out;
    for (size_t k = 0; k < pieces_.size(); ++k) {
      const Piece& p = pieces_[k];
      if (!latex()) {
        out += p.kind == Piece::Space ? std::string(size_t(p.spaces), ' ') : p.text;
        continue;
      }
      if (p.kind == Piece::Math) {
        out += p.text;
      } else if (p.kind == Piece::Prose) {  // words one space apart share one \text{}
        std::string words = p.text;
        while (k + 2 < pieces_.size() && pieces_[k + 1].kind == Piece::Space && pieces_[k + 1].spaces == 1 &&
               pieces_[k + 2].kind == Piece::Prose) {
          words += " " + pieces_[k + 2].text;
          k += 2;
        }
        out += text(words);
      } else {
        const bool prose = (k > 0 && pieces_[k - 1].kind == Piece::Prose) ||
                           (k + 1 < pieces_.size() && pieces_[k + 1].kind == Piece::Prose);
        out += p.spaces >= 2 ? "\\quad " : prose ? "\\ " : " ";
      }
    }
    return out;
  }

  std::string_view s_;
  const MathNames& names_;
  Target target_;
  LatexFlavour flavour_;
  size_t i_ = 0;
  std::vector<Piece> pieces_;
};

}  // namespace

std::string toLatex(std::string_view text, const MathNames& names, LatexFlavour flavour) {
  return Converter(text, names, Target::Latex, flavour).run();
}

std::string toHtml(std::string_view text, const MathNames& names) {
  return Converter(text, names, Target::Html, LatexFlavour::Markdown).run();
}

size_t codePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::vector<std::string> splitOutside(const std::string& line, const std::vector<std::string>& seps, bool keep, bool parens) {
  std::vector<std::string> out;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '[' || (parens && c == '(')) ++depth;
    else if (c == ']' || (parens && c == ')')) --depth;
    else if (depth == 0)
      for (const std::string& sep : seps)
        if (line.compare(i, sep.size(), sep) == 0) {
          out.push_back(line.substr(start, i - start));
          start = keep ? i + 1 : i + sep.size();
          i += sep.size() - 1;
          break;
        }
  }
  out.push_back(line.substr(start));
  return out;
}

std::string latexText(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    const size_t len = utf8Length(static_cast<unsigned char>(c));
    const std::string_view cp = text.substr(i, len);
    i += len;
    if (len > 1) {  // symbols as math, the rest as "?"
      if (cp == "…") out += "\\ldots{}";
      else if (auto ac = kAccents.find(cp); ac != kAccents.end()) out.append("{").append(ac->second).append("}");
      else if (cp == "−") out += "-";
      else if (auto it = kSymbols.find(cp); it != kSymbols.end()) out.append("$").append(it->second).append("$");
      else if (auto sup = kSuperscripts.find(cp); sup != kSuperscripts.end()) out.append("$^{").append(sup->second).append("}$");
      else if (auto sb = kSubscripts.find(cp); sb != kSubscripts.end()) out.append("$_{").append(sb->second).append("}$");
      else out += "{?}";
      continue;
    }
    switch (c) {
      case '\\': out += "\\textbackslash{}"; break;
      case '{': case '}': case '$': case '&': case '#': case '%': case '_': out += std::string{'\\', c}; break;
      case '^': out += "\\^{}"; break;
      case '~': out += "\\~{}"; break;
      case '-': out += i < text.size() && text[i] == '-' ? "-{}" : "-"; break;  // --data, not an en dash
      case '<': out += "\\textless{}"; break;
      case '>': out += "\\textgreater{}"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace bs::figure
