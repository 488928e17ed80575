// Activation functions: sigmoid, tanh, ReLU, leaky ReLU, ELU (element by element) and
// softmax (per column, i.e. per sample).
#include "core/op_kit.h"

namespace bs {
namespace {

struct Sigmoid {
  static constexpr const char *name = "sigmoid", *symbol = "σ";
  static constexpr const char* formula = "σ'(x) = σ(x)(1 − σ(x))";
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
  static constexpr const char* formula = "tanh'(x) = 1 − tanh²(x)";
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
  static constexpr const char* formula = "ReLU'(x) = 1 if x > 0, else 0";
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
  static constexpr const char* formula = "LReLU'(x) = 1 if x > 0, else slope";
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
  static constexpr const char* formula = "ELU'(x) = 1 if x ≥ 0, else α·eˣ";
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

OpDef softmaxOp() {
  OpDef op;
  op.name = "softmax";
  op.symbol = "softmax";
  op.formula = "∂yᵢ/∂xⱼ = yᵢ(δᵢⱼ − yⱼ), so dL/dx = y ⊙ (dL/dy − Σₖ dL/dyₖ·yₖ) per column";
  op.style = GradStyle::Tensor;
  op.shape = [](std::span<const Shape> s, Attrs) { return s[0]; };
  op.d = softmaxKernels<double>();
  op.f = softmaxKernels<float>();
  op.text = [](std::span<const std::string> o, Attrs) { return "softmax(" + o[0] + ")"; };
  op.gradText = [](int, std::span<const std::string>, const std::string& y, const std::string& up) {
    return y + " ⊙ (" + up + " − Σ " + up + "·" + y + ")";
  };
  return op;
}

}  // namespace

std::vector<OpDef> activationOps() {
  return {kit::unaryOp<Sigmoid>(), kit::unaryOp<Tanh>(), kit::unaryOp<Relu>(),
          kit::unaryOp<LeakyRelu>(), kit::unaryOp<Elu>(), softmaxOp()};
}

}  // namespace bs
