// Arithmetic written as on paper: the pieces op records use to write one element of a
// step (a sum of products with its names, its numbers and its products), and the one
// number format of the program.
#pragma once
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/tensor.h"

namespace bs {

struct ArithFormat {
  int precision = 4;  // decimals
  Index maxTerms = 6; // a sum of more terms shows its first ones, "…" and how many more
};

// A number as a student writes it (formatNumber), parenthesised when negative so that it
// can stand as a factor: (-0.35) · 2.8.
std::string factorText(double v, const ArithFormat& f);
// A node name as an operand of an infix or postfix op: "(y − t)" for a name that is an
// expression, else the name itself.
std::string operandText(const std::string& name);

// Operands as they stand in an op's text: an expression or a negative number in
// parentheses, unless the op delimits its operands itself (f(x), |x|).
std::vector<std::string> wrapOperands(std::vector<std::string> operands, bool delimits);

// One factor of a product: its name (or a number written as its own name) and value.
struct Factor {
  std::string name;
  double value = 0;
};

// One term of a sum, written with names and with numbers: "W12·x2" and "(-0.2)·(-3.1)",
// worth 0.62. `operation`: the term computes something, so its value is worth writing.
struct Term {
  std::string name, numbers;
  double value = 0;
  bool operation = false;
};
Term product(const std::vector<Factor>& factors, const ArithFormat& f);
Term single(const Factor& x, const ArithFormat& f);

// The successive equal forms of a sum, after its left-hand side:
// {"W11·x1 + W12·x2", "(-4)·1 + (-0.2)·(-3.1)", "-4 + 0.62"}. The terms' values are a
// form of their own only where some term computes something and there are several.
// `shown` are the first terms (at most shownTerms(total, f) of them) of `total`.
std::vector<std::string> sumForms(const std::vector<Term>& shown, Index total, const ArithFormat& f);
Index shownTerms(Index total, const ArithFormat& f);
// "a + b − c" from written terms ("-"/"−" leading a term makes it a subtraction).
std::string joinSum(std::vector<std::string> terms, Index total);

// What an op writes for one element of a step: the forms that follow "name =", in order
// (the trace appends the result), and a note where a convention decided the value.
struct ElementText {
  std::vector<std::string> forms;
  std::string note;
};

// What an op is given to write one element: its operands' names and values, its
// output, and for backward steps the upstream gradient dL/d(output).
struct ElementCtx {
  std::span<const std::string> names;     // the operands' node names, as shown
  std::span<const Tensor* const> values;  // the operands' values
  Attrs attrs;
  const Tensor* out = nullptr;            // the op's value
  const Tensor* up = nullptr;             // backward: dL/d(output)
  const Tensor* local = nullptr;          // backward, ops with a local derivative: d(output)/d(input i)
  std::string outName;                    // the op node's name
  std::string lossName = "L";             // the graph's output, for gradient names
  ArithFormat fmt;

  const Tensor& operator[](size_t k) const { return *values[k]; }
  Shape shape(size_t k) const { return shapeOf(*values[k]); }
  // Operand k's element at (r, c) of a result it is broadcast to: its name and value.
  Factor at(size_t k, Index r, Index c) const;
  // The output's element and its upstream gradient: "y12", "dL/dy12".
  Factor outAt(Index r, Index c) const;
  Factor upAt(Index r, Index c) const;
  std::string grad(const std::string& name) const;  // "dL/d" + name
};

// A line of arithmetic broken to fit `maxWidth` as on paper: at " = " (the next line
// starts with "    = "), a long sum also before its " + " and " − ", a long tensor after
// its commas, prose between its words; never inside a number. `width` measures a piece
// of text.
std::vector<std::string> wrapArithmetic(const std::string& line, const std::function<float(const std::string&)>& width,
                                        float maxWidth);

}  // namespace bs
