// An answer sheet: the numbers a student wrote by hand for node values and gradients,
// each with the number of decimals it was written with (that sets its tolerance).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/graph.h"

namespace bs {

enum class Quantity { Value, Grad };
const char* quantityName(Quantity q);  // "value", "gradient"

// A number as written: "0.406" is {0.406, 3}; "1.5e-3" is {0.0015, 4}; "4" is {4, 0}.
struct WrittenNumber {
  double value = 0;
  int decimals = 0;
  std::string text;  // as the student wrote it ("-3.80e-1", ".5"); empty for a number made here
};
// Decimals of a number's text: digits after the point, less the exponent (never below 0).
int decimalsOf(std::string_view numberText);
// One number typed on its own ("-0.38", or "-0,38" with a decimal comma); throws
// ParseError (line 1, column in `text`).
WrittenNumber parseWrittenNumber(std::string_view text);
// The number as it is written back: as the student wrote it, else with `decimals`
// decimals, trailing zeros kept ("0.50").
std::string writeNumber(WrittenNumber n);

// Everything written for one quantity (a node's value or gradient), element by element.
struct Answer {
  int node = -1;
  Quantity quantity = Quantity::Value;
  Tensor value;              // shaped like the node
  Eigen::MatrixXi decimals;  // shaped like the node; -1 where nothing is written
  Eigen::MatrixXi line;      // the sheet line of each written element (0 when typed in a window)
  std::vector<std::string> text;  // each element as written, row by row ("" where not)
  const std::string& textAt(Index r, Index c) const { return text[size_t(r * value.cols() + c)]; }
  bool written(Index r, Index c) const { return decimals(r, c) >= 0; }
  Index count() const { return (decimals.array() >= 0).count(); }
  bool complete() const { return count() == decimals.size(); }
};

// The sheet: at most one Answer per (node, quantity), in the order they were first written.
class AnswerSheet {
 public:
  const std::vector<Answer>& answers() const { return answers_; }
  bool empty() const { return answers_.empty(); }
  const Answer* find(int node, Quantity q) const;
  std::optional<WrittenNumber> get(int node, Quantity q, Index r, Index c) const;
  // Writes one element (r, c from 0) of a node's value or gradient, replacing what was
  // there. Throws std::out_of_range for a bad node or element, std::invalid_argument
  // for the gradient of a node that gets none (see hasGradient).
  void set(const Graph& g, int node, Quantity q, Index r, Index c, WrittenNumber n, int line = 0);
  void erase(int node, Quantity q, Index r, Index c);  // nothing happens if it is not there
  void clear() { answers_.clear(); }

 private:
  std::vector<Answer> answers_;
};

// Nodes that receive a gradient in the backward pass (inputs, params and the ops between
// them and the output); only these can have a gradient answer.
std::vector<char> gradientNodes(const Graph& g);
bool hasGradient(const Graph& g, int node);

// What a hand calculation works out, in the order answers files write it: the value of
// every op node (node order), then every gradient from the output down (dL/dL = 1 too).
std::vector<std::pair<int, Quantity>> workedQuantities(const Graph& g);

// The name a student writes: "z", "z1", "dL/dz", "dL/dW[1,2]" (r, c from 0; -1 for the
// whole tensor). The reader accepts every name this gives, and W.grad for dL/dW.
std::string answerName(const Graph& g, int node, Quantity q, Index r = -1, Index c = -1);

}  // namespace bs
