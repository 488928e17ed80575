// Losses and penalties, each reducing to a scalar: sum of squares, L1, L2, MSE,
// softmax cross-entropy and the multiclass hinge (SVM). Losses compare per column
// (one sample per column) and average over the samples.
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <limits>

#include "i18n/i18n.h"
#include "core/op_kit.h"

namespace bs {
namespace {

struct SumSquares {
  static constexpr const char *name = "sum_squares", *symbol = "Σx²";
  static constexpr const char* formula = "∂(Σ xᵢ²)/∂xᵢ = 2xᵢ";
  static constexpr bool delimits = false;
  static constexpr const char* derivation = trNoop("L = Σk xk²  ⇒  ∂L/∂xi = 2xi (only the term xi² depends on xi)  ⇒  ∇x L = 2x");
  static constexpr const char* magnitudeOp = "sum_squares";  // its terms xk² are never negative
  static Term term(const Factor& x, const ArithFormat& f) {
    return {operandText(x.name) + "²", factorText(x.value, f) + "²", x.value * x.value, true};
  }
  static std::string text(const std::string& x) { return "Σ " + x + "²"; }
  static std::string localText(const std::string& x) { return "2·" + x; }
  static std::vector<LocalFactor> localFactors(int, std::span<const Shape>) { return {{"2", 2}}; }
  template <class A> static auto f(const A& x) { return x.square().sum(); }
  template <class A> static auto df(const A& x) { return typename A::Scalar(2) * x; }
};

struct L1 {
  static constexpr const char *name = "l1", *symbol = "L1";
  static constexpr double kink = 0;
  static constexpr const char* formula = "∂(Σ |xᵢ|)/∂xᵢ = sign(xᵢ) (0 at xᵢ = 0 by convention)";
  static constexpr bool delimits = true;
  static constexpr const char* derivation = trNoop("L = Σk |xk|  ⇒  ∂L/∂xi = sign(xi): 1 if xi > 0, −1 if xi < 0, 0 at xi = 0 (the convention)");
  static Term term(const Factor& x, const ArithFormat& f) {
    return {"|" + x.name + "|", "|" + formatNumber(x.value, f.precision) + "|", std::abs(x.value), true};
  }
  static std::string text(const std::string& x) { return "Σ |" + x + "|"; }
  static std::string localText(const std::string& x) { return "sign(" + x + ")"; }
  template <class A> static auto f(const A& x) { return x.abs().sum(); }
  template <class A> static auto df(const A& x) { return x.sign(); }
};

// Half the squared norm, so that its gradient is the weight itself (weight decay).
struct L2 {
  static constexpr const char *name = "l2", *symbol = "L2";
  static constexpr const char* formula = "∂(½ Σ xᵢ²)/∂xᵢ = xᵢ";
  static constexpr bool delimits = false;
  static constexpr const char* derivation = trNoop("L = ½ Σk xk²  ⇒  ∂L/∂xi = ½·2xi = xi  ⇒  ∇x L = x (weight decay)");
  static Term term(const Factor& x, const ArithFormat& f) { return SumSquares::term(x, f); }
  static std::vector<std::string> wrap(std::vector<std::string> forms, double half, Index, const ArithFormat& f) {
    for (auto& s : forms) s = "½·(" + s + ")";
    forms.push_back("½ · " + formatNumber(2 * half, f.precision));
    return forms;
  }
  static std::string text(const std::string& x) { return "½ Σ " + x + "²"; }
  static std::string localText(const std::string& x) { return x; }
  template <class A> static auto f(const A& x) { return typename A::Scalar(0.5) * x.square().sum(); }
  template <class A> static auto df(const A& x) { return x; }
};

// ---- losses of (prediction, target) -----------------------------------------------

// The class of sample `col`: a row of class indices, or the argmax of a one-hot column.
template <class T> Index classOf(const Mat<T>& t, Index col, Index classes) {
  Index k;
  if (t.rows() == 1 && classes > 1) {
    T v = t(0, col);
    k = static_cast<Index>(v);
    if (!(v >= 0 && v < T(classes)) || T(k) != v)
      throw std::domain_error(fmt(tr("class index {} is not one of 0..{}"), formatNumber(double(v), 4), classes - 1));
  } else {
    t.col(col).maxCoeff(&k);
  }
  return k;
}

template <class T> Kernels<T> mseKernels() {
  Kernels<T> k;
  k.forward = [](Args<T> a, Mat<T>& out) {
    out.resize(1, 1);
    out(0, 0) = (a[0] - a[1]).squaredNorm() / T(a[0].size());
  };
  k.local = [](int i, Args<T> a, const Mat<T>&, Mat<T>& loc) {
    loc = (T(i == 0 ? 2 : -2) / T(a[0].size())) * (a[0] - a[1]);
  };
  k.vjp = [](int i, Args<T> a, const Mat<T>&, const Mat<T>& up, Mat<T>& g) {
    g = (up(0, 0) * T(i == 0 ? 2 : -2) / T(a[0].size())) * (a[0] - a[1]);
  };
  return k;
}

// "(…)/n" around every form of a sum of n terms, then the sum's value over n.
std::vector<std::string> overN(std::vector<std::string> forms, double sum, Index n, const std::string& by, const ArithFormat& f) {
  if (n == 1) return forms;
  for (auto& s : forms) s = "(" + s + ")/" + by;
  forms.push_back(formatNumber(sum, f.precision) + "/" + by);
  return forms;
}

// p − t at (R, C), written with names and with numbers.
std::pair<std::string, std::string> difference(const ElementCtx& e, Index R, Index C) {
  const Factor p = e.at(0, R, C), t = e.at(1, R, C);
  return {operandText(p.name) + " − " + operandText(t.name),
          formatNumber(p.value, e.fmt.precision) + " − " + factorText(t.value, e.fmt)};
}

ElementText mseForward(const ElementCtx& e, Index, Index) {
  const Tensor &p = e[0], &t = e[1];
  const Index n = p.size();
  std::vector<Term> terms;
  for (Index k = 0; k < shownTerms(n, e.fmt); ++k) {
    const Index R = k / p.cols(), C = k % p.cols();
    const auto [names, numbers] = difference(e, R, C);
    const double d = p(R, C) - t(R, C);
    terms.push_back({"(" + names + ")²", "(" + numbers + ")²", d * d, true});
  }
  return {overN(sumForms(terms, n, e.fmt), (p - t).squaredNorm(), n, std::to_string(n), e.fmt), ""};
}

ElementText mseGrad(const ElementCtx& e, int i, Index r, Index c) {
  const Index n = e[0].size();
  const std::string sign = i == 0 ? "2·(" : "−2·(", by = n == 1 ? ")" : ")/" + std::to_string(n);
  return kit::elementwiseGrad(
      e, i, r, c, false, [&](Index R, Index C) { return sign + difference(e, R, C).first + by; },
      [&](Index R, Index C) { return kit::LocalForms{{}, sign + difference(e, R, C).second + by, ""}; });
}

OpDef mseOp() {
  OpDef op;
  op.name = "mse";
  op.symbol = "MSE";
  op.formula = "MSE = (1/n) Σ (pᵢ − tᵢ)²:  ∂/∂pᵢ = 2(pᵢ − tᵢ)/n";
  op.derivation =
      trNoop("L = (1/n) Σk (pk − tk)² over all n elements\n"
      "∂L/∂pi = (1/n)·2(pi − ti) (only the term k = i depends on pi; the chain rule gives the 2 and the inner 1)\n"
      "⇒ ∇p L = 2(p − t)/n, and ∇t L = −2(p − t)/n");
  op.forwardElement = &mseForward;
  op.gradElement = &mseGrad;
  op.text = [](std::span<const std::string> o, Attrs) { return "mse(" + o[0] + ", " + o[1] + ")"; };
  op.localFactors = [](int, std::span<const Shape> in) {
    std::vector<LocalFactor> f{{"2", 2}};
    if (in[0].size() > 1) f.push_back({"1/n = 1/" + std::to_string(in[0].size()), 1.0 / double(in[0].size())});
    return f;
  };
  op.localText = [](int i, std::span<const std::string> o, Attrs) {
    return std::string(i == 0 ? "" : "−") + "2(" + o[0] + " − " + o[1] + ")/n";
  };
  return kit::lossOp(op, mseKernels<double>(), mseKernels<float>(), false);
}

// The 1/B of a loss averaged over B samples (one per column).
std::vector<LocalFactor> perSample(int, std::span<const Shape> in) {
  if (in[0].cols == 1) return {};
  return {{"1/B = 1/" + std::to_string(in[0].cols), 1.0 / double(in[0].cols)}};
}

// A target with a NaN gives a NaN loss and gradient (picking a class from it would give
// a finite, meaningless number). True when it did.
template <class T> bool nanTarget(const Mat<T>& t, Index K, Index B, T& loss, Mat<T>* grad) {
  if (!t.hasNaN()) return false;
  loss = std::numeric_limits<T>::quiet_NaN();
  if (grad) grad->setConstant(K, B, loss);
  return true;
}

// dL/dz = (softmax(z) − onehot(t)) / B, per column; the loss is the mean of −log p_t.
template <class T> T softmaxCe(const Mat<T>& z, const Mat<T>& t, Mat<T>* grad) {
  const Index B = z.cols(), K = z.rows();
  T loss = 0;
  if (nanTarget(t, K, B, loss, grad)) return loss;
  if (grad) grad->resize(K, B);
  for (Index c = 0; c < B; ++c) {
    T m = z.col(c).maxCoeff();
    auto e = (z.col(c).array() - m).exp();
    T s = e.sum();
    T logS = std::log(s);
    if (t.rows() == 1 && K > 1) {
      Index y = classOf(t, c, K);
      loss += logS - (z(y, c) - m);
      if (grad) {
        grad->col(c) = (e / s).matrix();
        (*grad)(y, c) -= 1;
      }
    } else {
      loss -= (t.col(c).array() * ((z.col(c).array() - m) - logS)).sum();
      if (grad) grad->col(c) = (e / s).matrix() * t.col(c).sum() - t.col(c);
    }
  }
  if (grad) *grad /= T(B);
  return loss / T(B);
}

template <class T> Kernels<T> softmaxCeKernels() {
  Kernels<T> k;
  k.forward = [](Args<T> a, Mat<T>& out) {
    out.resize(1, 1);
    out(0, 0) = softmaxCe<T>(a[0], a[1], nullptr);
  };
  k.local = [](int, Args<T> a, const Mat<T>&, Mat<T>& loc) { softmaxCe<T>(a[0], a[1], &loc); };
  k.vjp = [](int, Args<T> a, const Mat<T>&, const Mat<T>& up, Mat<T>& g) {
    softmaxCe<T>(a[0], a[1], &g);
    g *= up(0, 0);
  };
  return k;
}

// The target weight of class k in column c: 1 or 0 for class indices, else the target's entry.
double targetAt(const Tensor& t, Index k, Index c, Index classes) {
  if (t.rows() == 1 && classes > 1) return classOf(t, c, classes) == k ? 1 : 0;
  return t(k, c);
}

Tensor softmaxColumn(const Tensor& z, Index c) {
  Eigen::ArrayXd e = (z.col(c).array() - z.col(c).maxCoeff()).exp();
  return (e / e.sum()).matrix();
}

std::string softmaxName(const ElementCtx& e, Index k, Index c) { return elementName("softmax(" + e.names[0] + ")", e.shape(0), k, c); }

// L = (1/B) Σ_b −Σk tk_b log softmax(z)k_b: one term per target weight that is not 0.
ElementText softmaxCeForward(const ElementCtx& e, Index, Index) {
  const Tensor &z = e[0], &t = e[1];
  const Index K = z.rows(), B = z.cols();
  std::vector<Term> terms;
  Index total = 0;
  double sum = 0;
  for (Index c = 0; c < B; ++c) {
    const Tensor p = softmaxColumn(z, c);
    for (Index k = 0; k < K; ++k) {
      const double w = targetAt(t, k, c, K);
      if (w == 0) continue;
      ++total;
      sum -= w * std::log(p(k));
      if (Index(terms.size()) >= e.fmt.maxTerms) continue;
      const std::string weight = w == 1 ? "" : formatNumber(w, e.fmt.precision) + "·";
      terms.push_back({"−" + weight + "log " + softmaxName(e, k, c), "−" + weight + "log " + formatNumber(p(k), e.fmt.precision),
                       -w * std::log(p(k)), true});
    }
  }
  ElementText out{overN(sumForms(terms, total, e.fmt), sum, B, std::to_string(B), e.fmt), ""};
  return out;
}

ElementText softmaxCeGrad(const ElementCtx& e, int i, Index r, Index c) {
  const Tensor &z = e[0], &t = e[1];
  const Index B = z.cols();
  const std::string by = B == 1 ? "" : "/" + std::to_string(B);
  const bool indices = t.rows() == 1 && z.rows() > 1;
  auto target = [&](Index R, Index C, bool numbers) {
    const double w = targetAt(t, R, C, z.rows());
    return indices || numbers ? formatNumber(w, e.fmt.precision) : elementName(e.names[1], e.shape(1), R, C);
  };
  return kit::elementwiseGrad(
      e, i, r, c, false, [&](Index R, Index C) { return "(" + softmaxName(e, R, C) + " − " + target(R, C, false) + ")" + by; },
      [&](Index R, Index C) {
        return kit::LocalForms{{}, "(" + formatNumber(softmaxColumn(z, C)(R), e.fmt.precision) + " − " + target(R, C, true) + ")" + by, ""};
      });
}

OpDef softmaxCeOp() {
  OpDef op;
  op.name = "softmax_ce";
  op.symbol = "CE";
  op.formula = "CE = −(1/B) Σ log softmax(z)_t:  ∂/∂z = (softmax(z) − onehot(t))/B";
  op.derivation =
      trNoop("One column: L = −Σk tk log pk with p = softmax(z), pk = e^zk / Σj e^zj, and Σk tk = 1\n"
      "log pk = zk − log Σj e^zj  ⇒  ∂(log pk)/∂zi = δki − pi\n"
      "⇒ ∂L/∂zi = −Σk tk(δki − pi) = pi·Σk tk − ti = pi − ti\n"
      "A batch of B columns averages: ∇_z L = (softmax(z) − onehot(t))/B");
  op.forwardElement = &softmaxCeForward;
  op.gradElement = &softmaxCeGrad;
  op.text = [](std::span<const std::string> o, Attrs) { return "softmax_ce(" + o[0] + ", " + o[1] + ")"; };
  op.localFactors = &perSample;
  op.localText = [](int, std::span<const std::string> o, Attrs) {
    return "(softmax(" + o[0] + ") − onehot(" + o[1] + "))/B";
  };
  return kit::lossOp(op, softmaxCeKernels<double>(), softmaxCeKernels<float>(), true);
}

// Multiclass SVM: per column Σ_{j≠y} max(0, s_j − s_y + 1), averaged over columns.
template <class T> T hinge(const Mat<T>& s, const Mat<T>& t, Mat<T>* grad) {
  const Index B = s.cols(), K = s.rows();
  T loss = 0;
  if (nanTarget(t, K, B, loss, grad)) return loss;
  if (grad) grad->setZero(K, B);
  for (Index c = 0; c < B; ++c) {
    Index y = classOf(t, c, K);
    for (Index j = 0; j < K; ++j) {
      if (j == y) continue;
      T m = s(j, c) - s(y, c) + T(1);
      if (m > 0) {
        loss += m;
        if (grad) {
          (*grad)(j, c) += 1;
          (*grad)(y, c) -= 1;
        }
      }
    }
  }
  if (grad) *grad /= T(B);
  return loss / T(B);
}

template <class T> Kernels<T> hingeKernels() {
  Kernels<T> k;
  k.forward = [](Args<T> a, Mat<T>& out) {
    out.resize(1, 1);
    out(0, 0) = hinge<T>(a[0], a[1], nullptr);
  };
  k.local = [](int, Args<T> a, const Mat<T>&, Mat<T>& loc) { hinge<T>(a[0], a[1], &loc); };
  k.vjp = [](int, Args<T> a, const Mat<T>&, const Mat<T>& up, Mat<T>& g) {
    hinge<T>(a[0], a[1], &g);
    g *= up(0, 0);
  };
  return k;
}

// The margin sj − s_t + 1 of class j in column c, with names and with numbers.
struct Margin {
  std::string names, numbers;
  double value;
};
Margin marginOf(const ElementCtx& e, Index j, Index c) {
  const Index y = classOf(e[1], c, e[0].rows());
  const Factor sj = e.at(0, j, c), st = e.at(0, y, c);
  return {sj.name + " − " + st.name + " + 1",
          formatNumber(sj.value, e.fmt.precision) + " − " + factorText(st.value, e.fmt) + " + 1", sj.value - st.value + 1};
}

// L = (1/B) Σ_b Σ_{j≠t} max(0, sj_b − s_t_b + 1): the margins, and how many are active.
ElementText hingeForward(const ElementCtx& e, Index, Index) {
  const Tensor& s = e[0];
  const Index K = s.rows(), B = s.cols();
  std::vector<Term> terms;
  Index active = 0;
  double sum = 0;
  for (Index c = 0; c < B; ++c) {
    const Index y = classOf(e[1], c, K);
    for (Index j = 0; j < K; ++j) {
      if (j == y) continue;
      const Margin m = marginOf(e, j, c);
      sum += std::max(0.0, m.value);
      active += m.value > 0;
      if (Index(terms.size()) < e.fmt.maxTerms)
        terms.push_back({"max(0, " + m.names + ")", "max(0, " + m.numbers + ")", std::max(0.0, m.value), true});
    }
  }
  ElementText out{overN(sumForms(terms, B * (K - 1), e.fmt), sum, B, std::to_string(B), e.fmt), ""};
  out.note = fmt(tr("{} of {} margins are active (> 0)"), active, B * (K - 1));
  return out;
}

ElementText hingeGrad(const ElementCtx& e, int i, Index r, Index c) {
  const Index K = e[0].rows(), B = e[0].cols();
  const std::string by = B == 1 ? "" : "/" + std::to_string(B);
  auto activeCount = [&](Index C) {
    int n = 0;
    const Index y = classOf(e[1], C, K);
    for (Index j = 0; j < K; ++j) n += j != y && marginOf(e, j, C).value > 0;
    return n;
  };
  auto isTarget = [&](Index R, Index C) { return classOf(e[1], C, K) == R; };
  return kit::elementwiseGrad(
      e, i, r, c, false,
      [&](Index R, Index C) {
        return isTarget(R, C) ? "−(" + std::string(tr("number of active margins")) + ")" + by : "[" + marginOf(e, R, C).names + " > 0]" + by;
      },
      [&](Index R, Index C) {
        if (isTarget(R, C)) return kit::LocalForms{{}, "(−" + std::to_string(activeCount(C)) + ")" + by, ""};
        const Margin m = marginOf(e, R, C);
        return kit::LocalForms{{}, "[" + formatNumber(m.value, e.fmt.precision) + " > 0]" + by, ""};
      });
}

OpDef hingeOp() {
  OpDef op;
  op.name = "hinge";
  op.symbol = "SVM";
  op.derivation =
      trNoop("One column with target class t: L = Σ_{j≠t} max(0, mj), mj = sj − s_t + 1 (the margin of class j)\n"
      "∂max(0, m)/∂m = 1 if m > 0 (the margin is active), else 0\n"
      "⇒ ∂L/∂sj = [mj > 0] for j ≠ t, and ∂L/∂s_t = −Σ_{j≠t} [mj > 0], minus the number of active margins\n"
      "A batch of B columns averages: each divided by B");
  op.forwardElement = &hingeForward;
  op.gradElement = &hingeGrad;
  op.formula = trNoop("SVM = (1/B) Σ_{j≠t} max(0, s_j − s_t + 1):  ∂/∂s_j = [margin_j > 0]/B,  ∂/∂s_t = −(number of margins > 0)/B");
  op.text = [](std::span<const std::string> o, Attrs) { return "hinge(" + o[0] + ", " + o[1] + ")"; };
  op.localFactors = &perSample;
  op.localText = [](int, std::span<const std::string> o, Attrs) { return "∂hinge/∂" + o[0]; };
  return kit::lossOp(op, hingeKernels<double>(), hingeKernels<float>(), true);
}

}  // namespace

std::vector<OpDef> lossOps() {
  return {kit::reduceOp<SumSquares>(), kit::reduceOp<L1>(), kit::reduceOp<L2>(),
          mseOp(), softmaxCeOp(), hingeOp()};
}

}  // namespace bs
