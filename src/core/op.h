// An op is one record holding everything about an operation: how it is written,
// its shape rule, forward and backward kernels (for double and float), and the text
// a student writes for it. Each op family defines its records in one file
// (ops_elementwise.cpp, ops_linalg.cpp, ops_activation.cpp, ops_loss.cpp).
#pragma once
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/arith.h"
#include "core/tensor.h"

namespace bs {

class ThreadPool;

// The inputs of one op application, and the threads it may use (none: one thread).
template <class T> struct Args {
  std::span<const Mat<T>* const> in;
  Attrs attrs;
  ThreadPool* pool = nullptr;
  const Mat<T>& operator[](size_t i) const { return *in[i]; }
};

template <class T> struct Kernels {
  // out = op(inputs)
  void (*forward)(Args<T> a, Mat<T>& out) = nullptr;
  // grad = the contribution of this op to dL/d(input i), given up = dL/d(out); same shape as input i.
  void (*vjp)(int i, Args<T> a, const Mat<T>& out, const Mat<T>& up, Mat<T>& grad) = nullptr;
  // Elementwise-style ops only: the local derivative d(out)/d(input i) element by element,
  // shaped like the larger of input i and out (the contribution is up ⊙ local, summed
  // down to the input's shape).
  void (*local)(int i, Args<T> a, const Mat<T>& out, Mat<T>& loc) = nullptr;
};

// How a backward step is written out.
enum class GradStyle {
  Elementwise,  // dL/dx_k = dL/dy_k · (local)_k, one line per element for small tensors
  Tensor,       // one line for the whole tensor: dL/dx = Wᵀ · dL/dy
};

// Thrown by shape rules. `$0`, `$1`... in the message stand for the operands; the
// graph replaces them by "name (shape)".
struct ShapeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A constant factor of an op's local derivative (the 2 of 2x, the 1/n of a mean), the
// kind students leave out: the checker tries the derivative without it.
struct LocalFactor {
  std::string text;  // "2", "1/n = 1/3"
  double value = 1;
};

struct AttrSpec {
  std::string name;
  double defaultValue;
};

struct OpDef {
  std::string name;     // the function name in .bsg files: "sigmoid", "matmul"
  std::string infix;    // the operator if written infix ("+", "@"), else ""
  std::string symbol;   // drawn in the graph node: "+", "σ", "@"
  int arity = 1;        // number of tensor inputs; -1: one or more
  std::vector<AttrSpec> attrs;  // numeric parameters after the inputs: leaky_relu(x, 0.1)
  std::string formula;  // the local derivative as a student writes it
  GradStyle style = GradStyle::Elementwise;
  // The index-notation argument a student writes for the backward step
  // (`backstep explain OP`, the inspector's "Why?").
  std::string derivation;
  // Operands sit inside the op's own delimiters, f(x) or |x|: an operand that is an
  // expression or a negative number needs no parentheses of its own.
  bool delimitsOperands = false;
  // Ops whose elements are sums of signed terms (add, sub, matmul, sum, mean): the op
  // that, run on the absolute values, gives the size of the terms, so that a result
  // within rounding of zero is written 0 (0.5 − 0.6 + 0.1 = 0, not 2.776e-17).
  const char* magnitudeOp = nullptr;

  Shape (*shape)(std::span<const Shape> in, Attrs attrs) = nullptr;
  // False where an input carries no gradient (class labels of a loss).
  bool (*differentiable)(int i) = [](int) { return true; };
  // True where the op passes its upstream gradient to input i unchanged (its local
  // derivative is 1: a sum's inputs), written dL/dx = dL/dy.
  bool (*passesGradient)(int i) = [](int) { return false; };
  Kernels<double> d;
  Kernels<float> f;

  // Text, given the operands' names (or numbers): the forward expression, the local
  // derivative of Elementwise-style ops, and the whole-tensor backward of Tensor-style ops.
  std::string (*text)(std::span<const std::string> operands, Attrs attrs) = nullptr;  // "σ(y)"
  std::string (*localText)(int i, std::span<const std::string> operands, Attrs attrs) = nullptr;  // "σ'(y)"
  std::string (*gradText)(int i, std::span<const std::string> operands, const std::string& y, const std::string& up) = nullptr;  // "Wᵀ · dL/dy"

  // One element as on paper: of the value at (r, c), and of the contribution to
  // dL/d(input i) at (r, c) of input i. The trace writes "name = forms... = result".
  // Null: the step is written as a whole tensor.
  ElementText (*forwardElement)(const ElementCtx& e, Index r, Index c) = nullptr;
  ElementText (*gradElement)(const ElementCtx& e, int i, Index r, Index c) = nullptr;
  // The backward step in index notation, "dL/dWij = dL/dyi · xj" (Tensor-style ops).
  std::string (*gradIndexText)(const ElementCtx& e, int i) = nullptr;

  // An activation function (a network's dense layer may end in it).
  bool activation = false;
  // The constant factors of the local derivative d(out)/d(input i), given the inputs'
  // shapes; null: none.
  std::vector<LocalFactor> (*localFactors)(int i, std::span<const Shape> in) = nullptr;

  // Elementwise ops whose formula changes branch at an input value (ReLU's 0): a
  // worksheet keeps its numbers away from them, where rounding could cross the kink.
  std::vector<double> kinks;

  // Activations: when an output element is saturated (its unit barely passes a
  // gradient back), and how to say it; the window shows the share of such units.
  bool (*saturated)(double y, Attrs attrs) = nullptr;
  std::string saturation;  // "σ < 0.01 or > 0.99"

  template <class T> const Kernels<T>& kernels() const {
    if constexpr (std::is_same_v<T, double>) return d; else return f;
  }
};

// The op applied to operands written as names or numbers, parenthesising an operand
// that is an expression or a negative number where the op does not delimit it:
// "(y − t)^2", "(-0.35) · 2.8", but "σ(-0.38)".
std::string expressionText(const OpDef& op, std::span<const std::string> operands, Attrs attrs);

// All ops, looked up by their .bsg name or infix operator. The table is built once and
// never changes.
const std::vector<const OpDef*>& allOps();
const OpDef* findOp(const std::string& name);
const OpDef* findInfixOp(const std::string& op);

// The op families (defined in their own files).
std::vector<OpDef> elementwiseOps();
std::vector<OpDef> activationOps();
std::vector<OpDef> linalgOps();
std::vector<OpDef> lossOps();

}  // namespace bs
