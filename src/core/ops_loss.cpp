// Losses and penalties, each reducing to a scalar: sum of squares, L1, L2, MSE,
// softmax cross-entropy and the multiclass hinge (SVM). Losses compare per column
// (one sample per column) and average over the samples.
#include <stdexcept>

#include "core/op_kit.h"

namespace bs {
namespace {

struct SumSquares {
  static constexpr const char *name = "sum_squares", *symbol = "Σx²";
  static constexpr const char* formula = "∂(Σ xᵢ²)/∂xᵢ = 2xᵢ";
  static std::string text(const std::string& x) { return "Σ " + x + "²"; }
  static std::string localText(const std::string& x) { return "2·" + x; }
  template <class A> static auto f(const A& x) { return x.square().sum(); }
  template <class A> static auto df(const A& x) { return typename A::Scalar(2) * x; }
};

struct L1 {
  static constexpr const char *name = "l1", *symbol = "L1";
  static constexpr const char* formula = "∂(Σ |xᵢ|)/∂xᵢ = sign(xᵢ)";
  static std::string text(const std::string& x) { return "Σ |" + x + "|"; }
  static std::string localText(const std::string& x) { return "sign(" + x + ")"; }
  template <class A> static auto f(const A& x) { return x.abs().sum(); }
  template <class A> static auto df(const A& x) { return x.sign(); }
};

// Half the squared norm, so that its gradient is the weight itself (weight decay).
struct L2 {
  static constexpr const char *name = "l2", *symbol = "L2";
  static constexpr const char* formula = "∂(½ Σ xᵢ²)/∂xᵢ = xᵢ";
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
      throw std::domain_error("class index " + formatNumber(double(v), 4) + " is not one of 0.." + std::to_string(classes - 1));
  } else {
    t.col(col).maxCoeff(&k);
  }
  return k;
}

// Targets: a tensor like the prediction (one-hot), or one class index per sample (1 x B).
Shape lossShape(std::span<const Shape> s, bool allowIndices) {
  if (s[0] == s[1]) return {1, 1};
  if (allowIndices && s[1].rows == 1 && s[1].cols == s[0].cols) return {1, 1};
  throw ShapeError(allowIndices
                       ? "the targets $1 must have the shape of the scores $0 (one-hot) or be one class index per column (1 x columns of $0)"
                       : "mse compares tensors of the same shape, but $0 and $1 differ");
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

OpDef mseOp() {
  OpDef op;
  op.name = "mse";
  op.symbol = "MSE";
  op.arity = 2;
  op.formula = "MSE = (1/n) Σ (pᵢ − tᵢ)²:  ∂/∂pᵢ = 2(pᵢ − tᵢ)/n";
  op.shape = [](std::span<const Shape> s, Attrs) { return lossShape(s, false); };
  op.d = mseKernels<double>();
  op.f = mseKernels<float>();
  op.text = [](std::span<const std::string> o, Attrs) { return "mse(" + o[0] + ", " + o[1] + ")"; };
  op.localText = [](int i, std::span<const std::string> o, Attrs) {
    return std::string(i == 0 ? "" : "−") + "2(" + o[0] + " − " + o[1] + ")/n";
  };
  return op;
}

// dL/dz = (softmax(z) − onehot(t)) / B, per column; the loss is the mean of −log p_t.
template <class T> T softmaxCe(const Mat<T>& z, const Mat<T>& t, Mat<T>* grad) {
  const Index B = z.cols(), K = z.rows();
  T loss = 0;
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

OpDef softmaxCeOp() {
  OpDef op;
  op.name = "softmax_ce";
  op.symbol = "CE";
  op.arity = 2;
  op.formula = "CE = −(1/B) Σ log softmax(z)_t:  ∂/∂z = (softmax(z) − onehot(t))/B";
  op.shape = [](std::span<const Shape> s, Attrs) { return lossShape(s, true); };
  op.differentiable = [](int i) { return i == 0; };
  op.d = softmaxCeKernels<double>();
  op.f = softmaxCeKernels<float>();
  op.text = [](std::span<const std::string> o, Attrs) { return "softmax_ce(" + o[0] + ", " + o[1] + ")"; };
  op.localText = [](int, std::span<const std::string> o, Attrs) {
    return "(softmax(" + o[0] + ") − onehot(" + o[1] + "))/B";
  };
  return op;
}

// Multiclass SVM: per column Σ_{j≠y} max(0, s_j − s_y + 1), averaged over columns.
template <class T> T hinge(const Mat<T>& s, const Mat<T>& t, Mat<T>* grad) {
  const Index B = s.cols(), K = s.rows();
  T loss = 0;
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

OpDef hingeOp() {
  OpDef op;
  op.name = "hinge";
  op.symbol = "SVM";
  op.arity = 2;
  op.formula = "SVM = (1/B) Σ_{j≠t} max(0, s_j − s_t + 1):  ∂/∂s_j = [margin_j > 0]/B,  ∂/∂s_t = −(number of margins > 0)/B";
  op.shape = [](std::span<const Shape> s, Attrs) { return lossShape(s, true); };
  op.differentiable = [](int i) { return i == 0; };
  op.d = hingeKernels<double>();
  op.f = hingeKernels<float>();
  op.text = [](std::span<const std::string> o, Attrs) { return "hinge(" + o[0] + ", " + o[1] + ")"; };
  op.localText = [](int, std::span<const std::string> o, Attrs) { return "∂hinge/∂" + o[0]; };
  return op;
}

}  // namespace

std::vector<OpDef> lossOps() {
  return {kit::reduceOp<SumSquares>(), kit::reduceOp<L1>(), kit::reduceOp<L2>(),
          mseOp(), softmaxCeOp(), hingeOp()};
}

}  // namespace bs
