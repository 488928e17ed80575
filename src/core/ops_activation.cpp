// Activation functions: sigmoid, tanh, ReLU, leaky ReLU, ELU (element by element) and
// softmax (per column, i.e. per sample).
#include <cmath>

#include "i18n/i18n.h"
#include "core/op_kit.h"

namespace bs {
namespace {

// Where the input sits exactly on a kink (after rounding residue is dropped), the
// convention taken there, said in the step.
std::string kinkNote(const char* fn, const Factor& x, const std::string& value) {
  return x.value == 0 ? fmt(tr("{0} = 0 is on the kink: {1}'(0) is taken as {2}"), x.name, fn, value) : "";
}

struct Sigmoid {
  static constexpr const char *name = "sigmoid", *symbol = "σ";
  static constexpr bool delimits = true;
  static constexpr const char* formula = "σ'(x) = σ(x)(1 − σ(x))";
  static constexpr const char* derivation =
      trNoop("yi = σ(xi) = 1/(1 + e^−xi)\n"
      "∂yi/∂xi = e^−xi/(1 + e^−xi)² = σ(xi)·(1 − σ(xi)) = yi(1 − yi), and ∂yi/∂xj = 0 for j ≠ i\n"
      "⇒ ∂L/∂xi = ∂L/∂yi · yi(1 − yi)\n"
      "⇒ ∇x L = ∇y L ⊙ y ⊙ (1 − y)");
  static kit::LocalForms localForms(const Factor& x, double y, Attrs, const ArithFormat& f) {
    return {{"σ(" + x.name + ")(1 − σ(" + x.name + "))"}, factorText(y, f) + " · " + factorText(1 - y, f), ""};
  }
  static constexpr const char* saturation = "σ < 0.01 or > 0.99, so σ' < 0.01";
  static bool saturated(double y, Attrs) { return y < 0.01 || y > 0.99; }
  static std::vector<AttrSpec> attrs() { return {}; }
  static std::string text(const std::string& x, Attrs) { return "σ(" + x + ")"; }
  static std::string localText(const std::string& x, Attrs) { return "σ'(" + x + ")"; }
  template <class A> static auto f(const A& x, Attrs) {
    using S = typename A::Scalar;
    return (S(1) + (-x).exp()).inverse();
  }
  template <class A, class B> static auto df(const A&, const B& y, Attrs) {
    using S = typename A::Scalar;
    return y * (S(1) - y);
  }
};

struct Tanh {
  static constexpr const char *name = "tanh", *symbol = "tanh";
  static constexpr bool delimits = true;
  static constexpr const char* formula = "tanh'(x) = 1 − tanh²(x)";
  static constexpr const char* derivation =
      trNoop("yi = tanh(xi) = (e^xi − e^−xi)/(e^xi + e^−xi)\n"
      "∂yi/∂xi = 1 − tanh²(xi) = 1 − yi², and ∂yi/∂xj = 0 for j ≠ i\n"
      "⇒ ∂L/∂xi = ∂L/∂yi · (1 − yi²)\n"
      "⇒ ∇x L = ∇y L ⊙ (1 − y²)");
  static kit::LocalForms localForms(const Factor& x, double y, Attrs, const ArithFormat& f) {
    return {{"(1 − tanh²(" + x.name + "))"}, "(1 − " + factorText(y, f) + "²)", ""};
  }
  static constexpr const char* saturation = "|tanh| > 0.99, so tanh' < 0.02";
  static bool saturated(double y, Attrs) { return std::abs(y) > 0.99; }
  static std::vector<AttrSpec> attrs() { return {}; }
  static std::string text(const std::string& x, Attrs) { return "tanh(" + x + ")"; }
  static std::string localText(const std::string& x, Attrs) { return "tanh'(" + x + ")"; }
  template <class A> static auto f(const A& x, Attrs) { return x.tanh(); }
  template <class A, class B> static auto df(const A&, const B& y, Attrs) {
    using S = typename A::Scalar;
    return S(1) - y.square();
  }
};

struct Relu {
  static constexpr const char *name = "relu", *symbol = "ReLU";
  static constexpr double kink = 0;
  static constexpr bool delimits = true;
  static constexpr const char* formula = "ReLU'(x) = 1 if x > 0, else 0 (0 at x = 0 by convention)";
  static constexpr const char* derivation =
      trNoop("yi = max(0, xi)\n"
      "∂yi/∂xi = 1 if xi > 0, 0 if xi < 0 (at xi = 0 there is no derivative; 0 is the convention)\n"
      "⇒ ∂L/∂xi = ∂L/∂yi · [xi > 0]\n"
      "⇒ ∇x L = ∇y L ⊙ [x > 0]");
  static kit::LocalForms localForms(const Factor& x, double, Attrs, const ArithFormat& f) {
    return {{}, "", x.value == 0 ? kinkNote("ReLU", x, "0") : x.name + " = " + formatNumber(x.value, f.precision) + (x.value > 0 ? " > 0" : " < 0")};
  }
  static constexpr const char* saturation = "ReLU = 0: no gradient passes";
  static bool saturated(double y, Attrs) { return y <= 0; }
  static std::vector<AttrSpec> attrs() { return {}; }
  static std::string text(const std::string& x, Attrs) { return "ReLU(" + x + ")"; }
  static std::string localText(const std::string& x, Attrs) { return "ReLU'(" + x + ")"; }
  template <class A> static auto f(const A& x, Attrs) { return x.cwiseMax(typename A::Scalar(0)); }
  template <class A, class B> static auto df(const A& x, const B&, Attrs) {
    return (x > typename A::Scalar(0)).template cast<typename A::Scalar>();
  }
};

struct LeakyRelu {
  static constexpr const char *name = "leaky_relu", *symbol = "LReLU";
  static constexpr double kink = 0;
  static constexpr bool delimits = true;
  static constexpr const char* formula = trNoop("LReLU'(x) = 1 if x > 0, else slope (the slope at x = 0 by convention)");
  static constexpr const char* derivation =
      trNoop("yi = xi if xi > 0, else a·xi (a: the slope)\n"
      "∂yi/∂xi = 1 if xi > 0, a if xi < 0 (at xi = 0, a by convention)\n"
      "⇒ ∂L/∂xi = ∂L/∂yi · (1 or a)\n"
      "⇒ ∇x L = ∇y L ⊙ ([x > 0] + a·[x ≤ 0])");
  static kit::LocalForms localForms(const Factor& x, double, Attrs a, const ArithFormat& f) {
    if (x.value == 0) return {{}, "", kinkNote("LReLU", x, fmt(tr("the slope {}"), formatNumber(a[0], f.precision)))};
    if (x.value > 0) return {{}, "", x.name + " = " + formatNumber(x.value, f.precision) + " > 0"};
    return {{"slope"}, "", x.name + " = " + formatNumber(x.value, f.precision) + " < 0"};
  }
  static constexpr const char* saturation = "x ≤ 0: only the slope passes";
  static bool saturated(double y, Attrs) { return y <= 0; }
  static std::vector<AttrSpec> attrs() { return {{"slope", 0.01}}; }
  static std::string text(const std::string& x, Attrs) { return "LReLU(" + x + ")"; }
  static std::string localText(const std::string& x, Attrs) { return "LReLU'(" + x + ")"; }
  template <class A> static auto f(const A& x, Attrs a) {
    using S = typename A::Scalar;
    S slope = S(a[0]);
    return x.unaryExpr([slope](S v) { return v > 0 ? v : slope * v; });
  }
  template <class A, class B> static auto df(const A& x, const B&, Attrs a) {
    using S = typename A::Scalar;
    S slope = S(a[0]);
    return x.unaryExpr([slope](S v) { return v > 0 ? S(1) : slope; });
  }
};

struct Elu {
  static constexpr const char *name = "elu", *symbol = "ELU";
  static constexpr double kink = 0;
  static constexpr bool delimits = true;
  static constexpr const char* formula = "ELU'(x) = 1 if x ≥ 0, else α·eˣ";
  static constexpr const char* derivation =
      trNoop("yi = xi if xi ≥ 0, else α(e^xi − 1)\n"
      "∂yi/∂xi = 1 if xi ≥ 0, α·e^xi = yi + α if xi < 0\n"
      "⇒ ∂L/∂xi = ∂L/∂yi · (1 or α·e^xi)\n"
      "⇒ ∇x L = ∇y L ⊙ ELU'(x)");
  static kit::LocalForms localForms(const Factor& x, double, Attrs a, const ArithFormat& f) {
    if (x.value >= 0) return {{}, "", x.value == 0 ? kinkNote("ELU", x, "1") : x.name + " = " + formatNumber(x.value, f.precision) + " ≥ 0"};
    return {{"α·e^" + operandText(x.name)}, factorText(a[0], f) + "·e^" + factorText(x.value, f), ""};
  }
  static constexpr const char* saturation = "ELU < −0.99α, so ELU' < 0.01α";
  static bool saturated(double y, Attrs a) { return y < -0.99 * a[0]; }
  static std::vector<AttrSpec> attrs() { return {{"alpha", 1.0}}; }
  static std::string text(const std::string& x, Attrs) { return "ELU(" + x + ")"; }
  static std::string localText(const std::string& x, Attrs) { return "ELU'(" + x + ")"; }
  template <class A> static auto f(const A& x, Attrs a) {
    using S = typename A::Scalar;
    S alpha = S(a[0]);
    return x.unaryExpr([alpha](S v) { return v >= 0 ? v : alpha * (std::exp(v) - S(1)); });
  }
  template <class A, class B> static auto df(const A& x, const B&, Attrs a) {
    using S = typename A::Scalar;
    S alpha = S(a[0]);
    return x.unaryExpr([alpha](S v) { return v >= 0 ? S(1) : alpha * std::exp(v); });
  }
};

// softmax per column: y = exp(x − max) / Σ exp(x − max).
template <class T> void softmaxColumns(const Mat<T>& x, Mat<T>& y) {
  y = (x.rowwise() - x.colwise().maxCoeff()).array().exp().matrix();
  y.array().rowwise() /= y.colwise().sum().array();
}

template <class T> Kernels<T> softmaxKernels() {
  Kernels<T> k;
  k.forward = [](Args<T> a, Mat<T>& out) { softmaxColumns(a[0], out); };
  // dL/dx = y ⊙ (up − Σ_k up_k y_k), per column.
  k.vjp = [](int, Args<T> a, const Mat<T>& y, const Mat<T>& up, Mat<T>& g) {
    (void)a;
    Eigen::Matrix<T, 1, Eigen::Dynamic> dots = up.cwiseProduct(y).colwise().sum();
    g = up;
    g.rowwise() -= dots;
    g = g.cwiseProduct(y);
  };
  return k;
}

// yᵣ = exp(xᵣ) / Σk exp(xk) in column c: the numerator, the denominator's terms, their sum.
ElementText softmaxForward(const ElementCtx& e, Index r, Index c) {
  const Tensor& x = e[0];
  const ArithFormat& f = e.fmt;
  const Index K = x.rows(), shown = shownTerms(K, f);
  std::vector<std::string> names, numbers, values;
  double sum = 0;
  for (Index k = 0; k < K; ++k) sum += std::exp(x(k, c));
  for (Index k = 0; k < shown; ++k) {
    const Factor xk = e.at(0, k, c);
    names.push_back("exp(" + xk.name + ")");
    numbers.push_back("exp(" + formatNumber(xk.value, f.precision) + ")");
    values.push_back(formatNumber(std::exp(xk.value), f.precision));
  }
  const Factor xr = e.at(0, r, c);
  const std::string er = formatNumber(std::exp(xr.value), f.precision);
  return {{"exp(" + xr.name + ") / (" + joinSum(names, K) + ")",
           "exp(" + formatNumber(xr.value, f.precision) + ") / (" + joinSum(numbers, K) + ")",
           er + " / (" + joinSum(values, K) + ")", er + " / " + formatNumber(sum, f.precision)},
          ""};
}

// dL/dxᵣ = yᵣ·(dL/dyᵣ − Σk dL/dyk·yk) in column c.
ElementText softmaxGrad(const ElementCtx& e, int, Index r, Index c) {
  const Tensor& y = *e.out;
  const ArithFormat& f = e.fmt;
  const Index K = y.rows();
  std::vector<Term> terms;
  double dot = 0;
  for (Index k = 0; k < K; ++k) {
    dot += (*e.up)(k, c) * y(k, c);
    if (k < shownTerms(K, f)) terms.push_back(product({e.upAt(k, c), e.outAt(k, c)}, f));
  }
  const std::vector<std::string> sum = sumForms(terms, K, f);
  const Factor yr = e.outAt(r, c), ur = e.upAt(r, c);
  const std::string y_ = factorText(yr.value, f), u_ = factorText(ur.value, f);
  ElementText t;
  t.forms.push_back(yr.name + "·(" + ur.name + " − (" + sum[0] + "))");
  for (size_t k = 1; k < sum.size(); ++k) t.forms.push_back(y_ + "·(" + u_ + " − (" + sum[k] + "))");
  t.forms.push_back(y_ + "·(" + u_ + " − " + factorText(dot, f) + ")");
  t.forms.push_back(y_ + " · " + factorText(ur.value - dot, f));
  return t;
}

OpDef softmaxOp() {
  OpDef op;
  op.name = "softmax";
  op.symbol = "softmax";
  op.delimitsOperands = true;
  op.derivation =
      trNoop("yi = e^xi / Σk e^xk (in each column)\n"
      "∂yi/∂xj = yi(δij − yj): yi(1 − yi) on the diagonal, −yiyj off it\n"
      "⇒ ∂L/∂xj = Σi ∂L/∂yi · yi(δij − yj) = yj·(∂L/∂yj − Σi ∂L/∂yi·yi)\n"
      "⇒ ∇x L = y ⊙ (∇y L − (∇y L · y)), the dot product taken per column");
  op.forwardElement = &softmaxForward;
  op.gradElement = &softmaxGrad;
  op.gradIndexText = [](const ElementCtx& e, int) {
    const std::string x = operandText(e.names[0]), y = operandText(e.outName);
    return e.grad(x + "j") + " = " + y + "j·(" + e.grad(y + "j") + " − Σi " + e.grad(y + "i") + "·" + y + "i)";
  };
  op.formula = trNoop("∂yᵢ/∂xⱼ = yᵢ(δᵢⱼ − yⱼ), so dL/dx = y ⊙ (dL/dy − Σₖ dL/dyₖ·yₖ) per column");
  op.shape = [](std::span<const Shape> s, Attrs) { return s[0]; };
  op.text = [](std::span<const std::string> o, Attrs) { return "softmax(" + o[0] + ")"; };
  op.gradText = [](int, std::span<const std::string>, const std::string& y, const std::string& up) {
    return y + " ⊙ (" + up + " − Σ " + up + "·" + y + ")";
  };
  return kit::tensorOp(op, softmaxKernels<double>(), softmaxKernels<float>());
}

}  // namespace

std::vector<OpDef> activationOps() {
  std::vector<OpDef> ops{kit::unaryOp<Sigmoid>(), kit::unaryOp<Tanh>(), kit::unaryOp<Relu>(),
                         kit::unaryOp<LeakyRelu>(), kit::unaryOp<Elu>(), softmaxOp()};
  for (OpDef& op : ops) op.activation = true;
  return ops;
}

}  // namespace bs
