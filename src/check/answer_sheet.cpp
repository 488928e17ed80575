#include "check/answer_sheet.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "i18n/i18n.h"
#include "check/answer_reader.h"
#include "core/stepper.h"
#include "core/trace.h"
#include "lang/lexer.h"

namespace bs {

const char* quantityName(Quantity q) { return q == Quantity::Value ? tr("value") : tr("gradient"); }

int decimalsOf(std::string_view s) {
  const size_t e = s.find_first_of("eE");
  const std::string_view mantissa = s.substr(0, e);
  const size_t dot = mantissa.find('.');
  long d = dot == std::string_view::npos ? 0 : long(mantissa.size() - dot - 1);
  if (e != std::string_view::npos) {
    long exp = 0;
    bool neg = false;
    for (size_t i = e + 1; i < s.size(); ++i) {
      if (s[i] == '-') neg = true;
      else if (s[i] >= '0' && s[i] <= '9') exp = std::min(exp * 10 + (s[i] - '0'), 100000L);
    }
    d += neg ? exp : -exp;
  }
  return int(std::clamp(d, 0L, 400L));  // beyond 400 decimals a double has nothing left
}

WrittenNumber parseWrittenNumber(std::string_view text) {
  std::vector<Token> toks = tokenize(text);
  readDecimalCommas(toks);  // "0,196" typed in a field is one number
  TokenStream ts(std::move(toks));
  bool neg = ts.accept("-");
  if (!neg) ts.accept("+");
  const Token t = ts.peek();
  if (t.kind != Tok::Number) ts.fail(t, "expected a number, found " + TokenStream::describe(t));
  ts.next();
  if (ts.peek().kind != Tok::Newline) ts.fail(ts.peek(), "expected one number, found " + TokenStream::describe(ts.peek()) + " after it");
  return {neg ? -t.number : t.number, decimalsOf(t.text), (neg ? "-" : "") + t.text};
}

std::string writeNumber(WrittenNumber n) {
  if (!n.text.empty()) return n.text;
  const int d = std::max(0, n.decimals);
  const int len = std::snprintf(nullptr, 0, "%.*f", d, n.value);
  std::string s(size_t(len) + 1, '\0');
  std::snprintf(s.data(), s.size(), "%.*f", d, n.value);
  s.pop_back();
  return s;
}

const Answer* AnswerSheet::find(int node, Quantity q) const {
  for (const Answer& a : answers_)
    if (a.node == node && a.quantity == q) return &a;
  return nullptr;
}

std::optional<WrittenNumber> AnswerSheet::get(int node, Quantity q, Index r, Index c) const {
  const Answer* a = find(node, q);
  if (!a || r < 0 || c < 0 || r >= a->value.rows() || c >= a->value.cols() || !a->written(r, c)) return std::nullopt;
  return WrittenNumber{a->value(r, c), a->decimals(r, c), a->textAt(r, c)};
}

void AnswerSheet::set(const Graph& g, int node, Quantity q, Index r, Index c, WrittenNumber n, int line) {
  if (node < 0 || node >= g.size()) throw std::out_of_range("no node " + std::to_string(node) + " in the graph");
  const Shape s = g.node(node).shape;
  if (r < 0 || c < 0 || r >= s.rows || c >= s.cols)
    throw std::out_of_range(g.node(node).name + " (" + s.str() + ") has no element (" + std::to_string(r + 1) + "," +
                            std::to_string(c + 1) + ")");
  if (q == Quantity::Grad && !hasGradient(g, node))
    throw std::invalid_argument(g.node(node).name + " gets no gradient");
  auto it = std::find_if(answers_.begin(), answers_.end(), [&](const Answer& a) { return a.node == node && a.quantity == q; });
  if (it == answers_.end()) {
    Answer a;
    a.node = node;
    a.quantity = q;
    a.value = Tensor::Zero(s.rows, s.cols);
    a.decimals = Eigen::MatrixXi::Constant(s.rows, s.cols, -1);
    a.line = Eigen::MatrixXi::Zero(s.rows, s.cols);
    a.text.assign(size_t(s.size()), "");
    answers_.push_back(std::move(a));
    it = answers_.end() - 1;
  }
  it->value(r, c) = n.value;
  it->decimals(r, c) = std::max(0, n.decimals);
  it->line(r, c) = line;
  it->text[size_t(r * s.cols + c)] = n.text;
}

void AnswerSheet::erase(int node, Quantity q, Index r, Index c) {
  auto it = std::find_if(answers_.begin(), answers_.end(), [&](const Answer& a) { return a.node == node && a.quantity == q; });
  if (it == answers_.end() || r < 0 || c < 0 || r >= it->value.rows() || c >= it->value.cols()) return;
  it->decimals(r, c) = -1;
  it->line(r, c) = 0;
  it->text[size_t(r * it->value.cols() + c)].clear();
  if (it->count() == 0) answers_.erase(it);
}

std::vector<char> gradientNodes(const Graph& g) {
  std::vector<char> has(size_t(g.size()), 0);
  if (g.hasOutput()) has[size_t(g.output())] = 1;
  for (const GradientEdge& e : gradientEdges(g)) has[size_t(g.node(e.node).inputs[size_t(e.input)])] = 1;
  return has;
}

bool hasGradient(const Graph& g, int node) {
  return node >= 0 && node < g.size() && gradientNodes(g)[size_t(node)];
}

std::vector<std::pair<int, Quantity>> workedQuantities(const Graph& g) {
  std::vector<std::pair<int, Quantity>> q;
  for (int i = 0; i < g.size(); ++i)
    if (!g.node(i).isLeaf()) q.push_back({i, Quantity::Value});
  const std::vector<char> grads = gradientNodes(g);
  for (int i = g.size() - 1; i >= 0; --i)
    if (grads[size_t(i)]) q.push_back({i, Quantity::Grad});
  return q;
}

std::string answerName(const Graph& g, int node, Quantity q, Index r, Index c) {
  const Node& n = g.node(node);
  const std::string name = r < 0 ? n.name : elementName(n.name, n.shape, r, c);
  return q == Quantity::Value ? name : gradName(g, name);
}

}  // namespace bs
