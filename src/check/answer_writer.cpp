#include "check/answer_writer.h"

#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "io/atomic_file.h"

namespace bs {

namespace {

std::string literal(const Answer& a) {
  return writeLiteral(a.value.rows(), a.value.cols(),
                      [&](Index r, Index c) { return writeNumber({a.value(r, c), a.decimals(r, c), a.textAt(r, c)}); });
}

void writeAnswer(const Graph& g, const Answer& a, std::string& out) {
  if (a.complete()) {
    out += answerName(g, a.node, a.quantity) + " = " + literal(a) + "\n";
    return;
  }
  for (Index r = 0; r < a.value.rows(); ++r)
    for (Index c = 0; c < a.value.cols(); ++c)
      if (a.written(r, c))
        out += answerName(g, a.node, a.quantity, r, c) + " = " + writeNumber({a.value(r, c), a.decimals(r, c), a.textAt(r, c)}) + "\n";
}

}  // namespace

std::string writeLiteral(Index rows, Index cols, const std::function<std::string(Index, Index)>& num) {
  if (rows * cols == 1) return num(0, 0);
  std::string s = "[";
  if (rows == 1 || cols == 1) {  // a vector is written flat, as on paper
    for (Index k = 0; k < rows * cols; ++k) s += (k ? ", " : "") + (cols == 1 ? num(k, 0) : num(0, k));
    return s + "]";
  }
  for (Index r = 0; r < rows; ++r) {
    s += r ? ", [" : "[";
    for (Index c = 0; c < cols; ++c) s += (c ? ", " : "") + num(r, c);
    s += "]";
  }
  return s + "]";
}

std::string formatAnswers(const Graph& g, const AnswerSheet& sheet) {
  std::string out = "# answers for a graph of " + std::to_string(g.size()) + " nodes; a number's decimals set its tolerance\n";
  for (int i = 0; i < g.size(); ++i)
    if (const Answer* a = sheet.find(i, Quantity::Value)) writeAnswer(g, *a, out);
  for (int i = g.size() - 1; i >= 0; --i)  // the backward pass goes from the output down
    if (const Answer* a = sheet.find(i, Quantity::Grad)) writeAnswer(g, *a, out);
  return out;
}

void saveAnswers(const std::string& path, const Graph& g, const AnswerSheet& sheet) {
  const std::string text = formatAnswers(g, sheet);
  io::writeFileAtomically(path, text);
}

}  // namespace bs
