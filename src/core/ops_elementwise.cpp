// Arithmetic, element by element, with broadcasting: + - * / ^, negate, exp, log, square.
#include <cstdlib>

#include "i18n/i18n.h"
#include "core/op_kit.h"

namespace bs {
namespace {

struct Add {
  static constexpr const char *name = "add", *infix = "+", *symbol = "+";
  static constexpr const char* formula = "∂(a + b)/∂a = 1,  ∂(a + b)/∂b = 1";
  static constexpr const char* magnitudeOp = "add";
  static constexpr const char* derivation =
      trNoop("yi = ai + bi  ⇒  ∂yi/∂ai = 1, ∂yi/∂bi = 1\n"
      "⇒ ∂L/∂ai = ∂L/∂yi, ∂L/∂bi = ∂L/∂yi: a sum passes its gradient unchanged to both inputs\n"
      "Broadcast b (a bias added to every column of a batch): b is used once per column, so\n"
      "∂L/∂bi = Σ_b ∂L/∂yi_b, the sum of the gradient over the columns.");
  static std::string text(const std::string& a, const std::string& b) { return a + " + " + b; }
  static std::string localText(int, const std::string&, const std::string&) { return "1"; }
  static bool passes(int) { return true; }
  template <class T> static T f(T a, T b) { return a + b; }
  template <class T> static T da(T, T, T) { return 1; }
  template <class T> static T db(T, T, T) { return 1; }
};

struct Sub {
  static constexpr const char *name = "sub", *infix = "-", *symbol = "−";
  static constexpr const char* formula = "∂(a − b)/∂a = 1,  ∂(a − b)/∂b = −1";
  static constexpr const char* magnitudeOp = "add";
  static constexpr const char* derivation =
      trNoop("yi = ai − bi  ⇒  ∂yi/∂ai = 1, ∂yi/∂bi = −1\n"
      "⇒ ∂L/∂ai = ∂L/∂yi, ∂L/∂bi = −∂L/∂yi\n"
      "A broadcast operand sums its gradient over the positions it was copied to.");
  static std::string text(const std::string& a, const std::string& b) { return a + " − " + b; }
  static std::string localText(int i, const std::string&, const std::string&) { return i == 0 ? "1" : "(−1)"; }
  static bool passes(int i) { return i == 0; }
  template <class T> static T f(T a, T b) { return a - b; }
  template <class T> static T da(T, T, T) { return 1; }
  template <class T> static T db(T, T, T) { return -1; }
};

struct Mul {
  static constexpr const char *name = "mul", *infix = "*", *symbol = "*";
  static constexpr const char* formula = "∂(a·b)/∂a = b,  ∂(a·b)/∂b = a";
  static constexpr const char* derivation =
      trNoop("yi = ai·bi  ⇒  ∂yi/∂ai = bi, ∂yi/∂bi = ai\n"
      "⇒ ∂L/∂ai = ∂L/∂yi · bi, ∂L/∂bi = ∂L/∂yi · ai: each input gets the upstream gradient times the other input\n"
      "⇒ ∇a L = ∇y L ⊙ b, ∇_bL = ∇y L ⊙ a (summed over the broadcast for a broadcast operand)");
  static std::string text(const std::string& a, const std::string& b) { return a + " · " + b; }
  static std::string localText(int i, const std::string& a, const std::string& b) { return i == 0 ? b : a; }
  template <class T> static T f(T a, T b) { return a * b; }
  template <class T> static T da(T, T b, T) { return b; }
  template <class T> static T db(T a, T, T) { return a; }
};

struct Div {
  static constexpr const char *name = "div", *infix = "/", *symbol = "/";
  static constexpr const char* formula = "∂(a/b)/∂a = 1/b,  ∂(a/b)/∂b = −a/b²";
  static constexpr const char* derivation =
      trNoop("yi = ai/bi = ai·bi⁻¹  ⇒  ∂yi/∂ai = 1/bi, ∂yi/∂bi = −ai/bi²\n"
      "⇒ ∂L/∂ai = ∂L/∂yi / bi, ∂L/∂bi = −∂L/∂yi · ai/bi²");
  static std::string text(const std::string& a, const std::string& b) { return a + " / " + b; }
  static std::string localText(int i, const std::string& a, const std::string& b) {
    return i == 0 ? "(1/" + b + ")" : "(−" + a + "/" + b + "²)";
  }
  template <class T> static T f(T a, T b) { return a / b; }
  template <class T> static T da(T, T b, T) { return T(1) / b; }
  template <class T> static T db(T a, T b, T) { return -a / (b * b); }
};

struct Pow {
  static constexpr const char *name = "pow", *infix = "^", *symbol = "^";
  static constexpr const char* formula = "∂(aᵇ)/∂a = b·aᵇ⁻¹,  ∂(aᵇ)/∂b = aᵇ·ln a";
  static constexpr const char* derivation =
      trNoop("yi = ai^bi  ⇒  ∂yi/∂ai = bi·ai^(bi−1) (the power rule), ∂yi/∂bi = ai^bi·ln ai (as aᵇ = e^(b ln a))\n"
      "⇒ ∂L/∂ai = ∂L/∂yi · bi·ai^(bi−1), ∂L/∂bi = ∂L/∂yi · yi·ln ai");
  static std::string text(const std::string& a, const std::string& b) { return a + "^" + b; }
  static std::string localText(int i, const std::string& a, const std::string& b) {
    if (i == 1) return "(" + a + "^" + b + "·ln " + a + ")";
    // A number exponent is lowered as on paper: 2·a for a², 3·a^2 for a³.
    char* end = nullptr;
    const double n = std::strtod(b.c_str(), &end);
    if (!b.empty() && *end == '\0') return n == 2 ? "2·" + a : b + "·" + a + "^" + formatNumber(n - 1, 6);
    return "(" + b + "·" + a + "^(" + b + "−1))";
  }
  template <class T> static T f(T a, T b) { return std::pow(a, b); }
  template <class T> static T da(T a, T b, T) { return b * std::pow(a, b - 1); }
  template <class T> static T db(T a, T, T y) { return y * std::log(a); }
};

struct Neg {
  static constexpr const char *name = "neg", *symbol = "−";
  static constexpr const char* formula = "∂(−x)/∂x = −1";
  static constexpr bool delimits = false;
  static constexpr const char* derivation = trNoop("yi = −xi  ⇒  ∂yi/∂xi = −1  ⇒  ∂L/∂xi = −∂L/∂yi");
  static std::vector<AttrSpec> attrs() { return {}; }
  static std::string text(const std::string& x, Attrs) { return "−" + x; }
  static std::string localText(const std::string&, Attrs) { return "(−1)"; }
  template <class A> static auto f(const A& x, Attrs) { return -x; }
  template <class A, class B> static auto df(const A& x, const B&, Attrs) { return A::PlainObject::Constant(x.rows(), x.cols(), -1); }
};

struct Exp {
  static constexpr const char *name = "exp", *symbol = "exp";
  static constexpr const char* formula = "exp'(x) = exp(x)";
  static constexpr bool delimits = true;
  static constexpr const char* derivation = trNoop("yi = e^xi  ⇒  ∂yi/∂xi = e^xi = yi  ⇒  ∂L/∂xi = ∂L/∂yi · yi");
  static std::vector<AttrSpec> attrs() { return {}; }
  static std::string text(const std::string& x, Attrs) { return "exp(" + x + ")"; }
  static std::string localText(const std::string& x, Attrs) { return "exp(" + x + ")"; }
  template <class A> static auto f(const A& x, Attrs) { return x.exp(); }
  template <class A, class B> static auto df(const A&, const B& y, Attrs) { return y; }
};

struct Log {
  static constexpr const char *name = "log", *symbol = "log";
  static constexpr const char* formula = "log'(x) = 1/x";
  static constexpr bool delimits = true;
  static constexpr const char* derivation = trNoop("yi = ln xi  ⇒  ∂yi/∂xi = 1/xi  ⇒  ∂L/∂xi = ∂L/∂yi / xi");
  static std::vector<AttrSpec> attrs() { return {}; }
  static std::string text(const std::string& x, Attrs) { return "log(" + x + ")"; }
  static std::string localText(const std::string& x, Attrs) { return "(1/" + x + ")"; }
  template <class A> static auto f(const A& x, Attrs) { return x.log(); }
  template <class A, class B> static auto df(const A& x, const B&, Attrs) { return x.inverse(); }
};

struct Square {
  static constexpr const char *name = "square", *symbol = "²";
  static constexpr const char* formula = "∂(x²)/∂x = 2x";
  static constexpr bool delimits = false;
  static constexpr const char* derivation = trNoop("yi = xi²  ⇒  ∂yi/∂xi = 2xi  ⇒  ∂L/∂xi = ∂L/∂yi · 2xi");
  static std::vector<AttrSpec> attrs() { return {}; }
  static std::string text(const std::string& x, Attrs) { return x + "²"; }
  static std::string localText(const std::string& x, Attrs) { return "2·" + x; }
  static std::vector<LocalFactor> localFactors(int, std::span<const Shape>) { return {{"2", 2}}; }
  template <class A> static auto f(const A& x, Attrs) { return x.square(); }
  template <class A, class B> static auto df(const A& x, const B&, Attrs) { return typename A::Scalar(2) * x; }
};

}  // namespace

std::vector<OpDef> elementwiseOps() {
  return {kit::binaryOp<Add>(), kit::binaryOp<Sub>(), kit::binaryOp<Mul>(), kit::binaryOp<Div>(),
          kit::binaryOp<Pow>(), kit::unaryOp<Neg>(), kit::unaryOp<Exp>(), kit::unaryOp<Log>(),
          kit::unaryOp<Square>()};
}

}  // namespace bs
