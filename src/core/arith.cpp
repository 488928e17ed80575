#include "core/arith.h"

#include "i18n/i18n.h"
#include <algorithm>

namespace bs {

std::string factorText(double v, const ArithFormat& f) {
  std::string s = formatNumber(v, f.precision);
  return s[0] == '-' ? "(" + s + ")" : s;
}

std::string operandText(const std::string& name) {
  // "(y − t)", and "((y − t)^2)" so that dL/d((y − t)^2) is not read as (dL/d(y − t))^2.
  const bool power = name.find('^') != std::string::npos;
  return isCompoundName(name) || power ? "(" + name + ")" : name;
}

std::vector<std::string> wrapOperands(std::vector<std::string> o, bool delimits) {
  if (!delimits)
    for (auto& s : o)
      if (isCompoundName(s) || s.rfind("-", 0) == 0) s = "(" + s + ")";
  return o;
}

std::string joinSum(std::vector<std::string> terms, Index total) {
  std::string s;
  for (size_t i = 0; i < terms.size(); ++i) {
    std::string t = terms[i];
    // A negative number after the first term is written as a subtraction: 0.62 − 0.3.
    if (i > 0 && t.rfind("(-", 0) == 0 && t.back() == ')' && t.find(')') == t.size() - 1) t = "-" + t.substr(2, t.size() - 3);
    if (i == 0) s = t;
    else if (t.rfind("-", 0) == 0) s += " − " + t.substr(1);
    else if (t.rfind("−", 0) == 0) s += " − " + t.substr(std::string("−").size());
    else s += " + " + t;
  }
  if (total > Index(terms.size())) s += " + … " + fmt(tr("({} more terms)"), total - Index(terms.size()));
  return s;
}

Term product(const std::vector<Factor>& factors, const ArithFormat& f) {
  if (factors.size() == 1) return single(factors[0], f);
  Term t;
  t.value = 1;
  for (size_t k = 0; k < factors.size(); ++k) {
    t.name += (k ? "·" : "") + operandText(factors[k].name);
    t.numbers += (k ? "·" : "") + factorText(factors[k].value, f);
    t.value *= factors[k].value;
  }
  t.operation = true;
  return t;
}

Term single(const Factor& x, const ArithFormat& f) { return {x.name, factorText(x.value, f), x.value, false}; }

Index shownTerms(Index total, const ArithFormat& f) { return std::min(total, std::max<Index>(f.maxTerms, 1)); }

std::vector<std::string> sumForms(const std::vector<Term>& terms, Index total, const ArithFormat& f) {
  std::vector<std::string> names, numbers, values;
  bool operations = false;
  for (size_t i = 0; i < terms.size(); ++i) {
    names.push_back(terms[i].name);
    // A lone negative number first needs no parentheses: -4 + 0.62.
    numbers.push_back(i == 0 && !terms[i].operation ? formatNumber(terms[i].value, f.precision) : terms[i].numbers);
    values.push_back(formatNumber(terms[i].value, f.precision));
    operations |= terms[i].operation;
  }
  // One product alone is written with spaces, dL/dy1 · x1; in a sum tightly, W11·x1 + W12·x2.
  if (total == 1) {
    auto spaced = [](std::string s) {
      for (size_t p = 0; (p = s.find("·", p)) != std::string::npos; p += std::string(" · ").size()) s.replace(p, std::string("·").size(), " · ");
      return s;
    };
    return {spaced(names[0]), spaced(numbers[0])};
  }
  std::vector<std::string> forms{joinSum(names, total), joinSum(numbers, total)};
  if (operations) forms.push_back(joinSum(values, total));
  return forms;
}

Factor ElementCtx::at(size_t k, Index r, Index c) const {
  const Tensor& t = *values[k];
  const Index rr = t.rows() == 1 ? 0 : r, cc = t.cols() == 1 ? 0 : c;
  return {elementName(names[k], shapeOf(t), rr, cc), t(rr, cc)};
}

Factor ElementCtx::outAt(Index r, Index c) const { return {elementName(outName, shapeOf(*out), r, c), (*out)(r, c)}; }

Factor ElementCtx::upAt(Index r, Index c) const {
  const Index rr = up->rows() == 1 ? 0 : r, cc = up->cols() == 1 ? 0 : c;
  return {grad(elementName(outName, shapeOf(*up), rr, cc)), (*up)(rr, cc)};
}

std::string ElementCtx::grad(const std::string& name) const { return "d" + lossName + "/d" + operandText(name); }

namespace {
// Splits `s` before each occurrence of `sep` (the separator stays at the start of its piece).
std::vector<std::string> splitBefore(const std::string& s, const std::string& sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t p = s.find(sep, 1); p != std::string::npos; p = s.find(sep, p + sep.size())) {
    parts.push_back(s.substr(start, p - start));
    start = p;
  }
  parts.push_back(s.substr(start));
  return parts;
}

// A word wider than a whole line (an address, a path) is cut rather than clipped at the
// panel's edge: after its slashes, else between its characters (UTF-8 kept whole).
std::vector<std::string> breakWord(const std::string& word, const std::function<float(const std::string&)>& width,
                                   float maxWidth) {
  std::vector<std::string> parts;
  std::string cur;
  for (size_t i = 0; i < word.size();) {
    size_t n = 1;
    while (i + n < word.size() && (static_cast<unsigned char>(word[i + n]) & 0xC0) == 0x80) ++n;
    const std::string ch = word.substr(i, n);
    i += n;
    if (!cur.empty() && width(cur + ch) > maxWidth) {
      const size_t slash = cur.rfind('/');
      const size_t keep = slash != std::string::npos && slash > 0 ? slash + 1 : cur.size();
      parts.push_back(cur.substr(0, keep));
      cur = cur.substr(keep);
    }
    cur += ch;
  }
  if (!cur.empty()) parts.push_back(cur);
  return parts;
}
}  // namespace

std::vector<std::string> wrapArithmetic(const std::string& line, const std::function<float(const std::string&)>& width,
                                        float maxWidth) {
  const std::string indent = "    ";
  std::vector<std::string> pieces;
  for (const std::string& form : splitBefore(line, " = ")) {
    if (width(indent + form) <= maxWidth) { pieces.push_back(form); continue; }
    // A long form: before its + and − too, and a long tensor after its commas.
    for (const std::string& plus : splitBefore(form, " + "))
      for (const std::string& minus : splitBefore(plus, " − ")) {
        if (width(indent + minus) <= maxWidth) { pieces.push_back(minus); continue; }
        std::vector<std::string> commas = splitBefore(minus, ", ");
        for (size_t k = 1; k < commas.size(); ++k) {  // the comma stays with the piece before it
          commas[k - 1] += ",";
          commas[k] = commas[k].substr(1);
        }
        // Prose (a checker's explanation) last, between its words: a number has no spaces.
        for (const std::string& comma : commas) {
          if (width(indent + comma) <= maxWidth) { pieces.push_back(comma); continue; }
          for (const std::string& word : splitBefore(comma, " ")) {
            if (width(indent + word) <= maxWidth) { pieces.push_back(word); continue; }
            const bool spaced = word[0] == ' ';
            std::vector<std::string> cut = breakWord(word.substr(spaced ? 1 : 0), width, maxWidth - width(indent));
            if (spaced) cut[0].insert(0, 1, ' ');
            pieces.insert(pieces.end(), cut.begin(), cut.end());
          }
        }
      }
  }
  std::vector<std::string> lines;
  std::string cur;
  for (const std::string& p : pieces) {
    if (!cur.empty() && width(cur + p) > maxWidth) {
      const size_t text = p.find_first_not_of(' ');
      if (text == std::string::npos) continue;  // spaces between words end the line
      lines.push_back(cur);
      cur = indent + p.substr(text);
      continue;
    }
    cur += p;
  }
  if (!cur.empty()) lines.push_back(cur);
  return lines;
}

}  // namespace bs
