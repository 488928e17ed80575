// Linear algebra and structure: matrix product, transpose, concatenation, sum, mean.
#include <algorithm>

#include "i18n/i18n.h"
#include "core/gemm.h"
#include "core/op_kit.h"
#include "core/thread_pool.h"

namespace bs {
namespace {

// A product's operand: a matrix, maybe transposed (the backward passes use Aᵀ and Bᵀ).
template <class T> struct Operand {
  const Mat<T>& m;
  bool t = false;
  Index rows() const { return t ? m.cols() : m.rows(); }
  Index cols() const { return t ? m.rows() : m.cols(); }
};

// out = a · b. Large products go to the chosen kernel (gemm.h) and are split by blocks
// of out's columns, one single-threaded product per thread of the pool (see
// thread_pool.h for why not OpenMP). The blocks depend only on the thread count, so
// results repeat for a given count whichever thread computes a block.
template <class T> void product(Operand<T> a, Operand<T> b, Mat<T>& out, ThreadPool* pool) {
  const Index m = a.rows(), k = a.cols(), n = b.cols();
  const double work = double(m) * double(k) * double(n);
  if (work < 32768) {  // tiny (the exercises): Eigen's inline product, no call overhead
    if (a.t && b.t) out.noalias() = a.m.transpose() * b.m.transpose();
    else if (a.t) out.noalias() = a.m.transpose() * b.m;
    else if (b.t) out.noalias() = a.m * b.m.transpose();
    else out.noalias() = a.m * b.m;
    return;
  }
  out.resize(m, n);
  const GemmKernel kernel = gemmKernel();
  // Columns c0 .. c0+cols of b: further along its columns, or down its rows if transposed.
  auto block = [&](Index c0, Index cols) {
    const T* bp = b.m.data() + (b.t ? c0 : c0 * b.m.rows());
    gemm<T>(kernel, a.t, b.t, m, cols, k, a.m.data(), a.m.rows(), bp, b.m.rows(), out.data() + c0 * m, m);
  };
  const int threads = pool ? pool->threads() : 1;
  if (threads > 1 && n >= 2 * threads && work >= 1e6) {
    const Index size = (n + threads - 1) / threads;
    pool->run(threads, [&](int t) {
      const Index c0 = t * size, cols = std::min(size, n - c0);
      if (cols > 0) block(c0, cols);
    });
    return;
  }
  block(0, n);
}

template <class T> Kernels<T> matmulKernels() {
  Kernels<T> k;
  k.forward = [](Args<T> a, Mat<T>& out) { product<T>({a[0]}, {a[1]}, out, a.pool); };
  k.vjp = [](int i, Args<T> a, const Mat<T>&, const Mat<T>& up, Mat<T>& g) {
    if (i == 0) product<T>({up}, {a[1], true}, g, a.pool);
    else product<T>({a[0], true}, {up}, g, a.pool);
  };
  return k;
}

// yᵣ꜀ = Σk Aᵣk·Bk꜀.
ElementText matmulForward(const ElementCtx& e, Index r, Index c) {
  const Index K = e[0].cols();
  std::vector<Term> terms;
  for (Index k = 0; k < shownTerms(K, e.fmt); ++k) terms.push_back(product({e.at(0, r, k), e.at(1, k, c)}, e.fmt));
  return {sumForms(terms, K, e.fmt), ""};
}

// dL/dAᵣj = Σb dL/dyᵣ_b · Bjb;  dL/dBk꜀ = Σi Aik · dL/dyi꜀.
ElementText matmulGrad(const ElementCtx& e, int i, Index r, Index c) {
  std::vector<Term> terms;
  const Index total = i == 0 ? e.up->cols() : e.up->rows();
  for (Index k = 0; k < shownTerms(total, e.fmt); ++k)
    terms.push_back(i == 0 ? product({e.upAt(r, k), e.at(1, c, k)}, e.fmt) : product({e.at(0, k, r), e.upAt(k, c)}, e.fmt));
  return {sumForms(terms, total, e.fmt), ""};
}

std::string matmulIndexText(const ElementCtx& e, int i) {
  const std::string A = operandText(e.names[0]), B = operandText(e.names[1]), y = operandText(e.outName);
  const bool oneColumn = e[1].cols() == 1;
  if (i == 0)
    return oneColumn ? e.grad(A + "ij") + " = " + e.grad(y + "i") + " · " + B + "j"
                     : e.grad(A + "ij") + " = Σb " + e.grad(y + "ib") + " · " + B + "jb";
  return oneColumn ? e.grad(B + "j") + " = Σi " + A + "ij · " + e.grad(y + "i")
                   : e.grad(B + "jb") + " = Σi " + A + "ij · " + e.grad(y + "ib");
}

OpDef matmulOp() {
  OpDef op;
  op.name = "matmul";
  op.infix = "@";
  op.symbol = "@";
  op.arity = 2;
  op.formula = "y = A·B:  dL/dA = dL/dy · Bᵀ,  dL/dB = Aᵀ · dL/dy";
  op.derivation =
      trNoop("yk = Σl Wkl xl  ⇒  ∂yk/∂Wij = δki xj (only yi uses Wij), ∂yk/∂xj = Wkj\n"
      "⇒ ∂L/∂Wij = Σk ∂L/∂yk · δki xj = ∂L/∂yi · xj        ⇒ ∇_W L = ∇y L xᵀ\n"
      "⇒ ∂L/∂xj = Σk ∂L/∂yk · Wkj = Σk (Wᵀ)jk ∂L/∂yk     ⇒ ∇x L = Wᵀ ∇y L\n"
      "A batch (one sample per column b): ∂L/∂Wij = Σb ∂L/∂yib · xjb, the products summed over the samples.");
  op.magnitudeOp = "matmul";
  op.forwardElement = &matmulForward;
  op.gradElement = &matmulGrad;
  op.gradIndexText = &matmulIndexText;
  op.shape = [](std::span<const Shape> s, Attrs) {
    if (s[0].cols != s[1].rows) throw ShapeError(tr("`@` needs the columns of $0 to equal the rows of $1"));
    return Shape{s[0].rows, s[1].cols};
  };
  op.text = [](std::span<const std::string> o, Attrs) { return o[0] + " " + o[1]; };
  op.gradText = [](int i, std::span<const std::string> o, const std::string&, const std::string& up) {
    return i == 0 ? up + " · " + o[1] + "ᵀ" : o[0] + "ᵀ · " + up;
  };
  return kit::tensorOp(op, matmulKernels<double>(), matmulKernels<float>());
}

template <class T> Kernels<T> transposeKernels() {
  Kernels<T> k;
  k.forward = [](Args<T> a, Mat<T>& out) { out = a[0].transpose(); };
  k.vjp = [](int, Args<T>, const Mat<T>&, const Mat<T>& up, Mat<T>& g) { g = up.transpose(); };
  return k;
}

OpDef transposeOp() {
  OpDef op;
  op.name = "transpose";
  op.symbol = "ᵀ";
  op.formula = "y = xᵀ:  dL/dx = (dL/dy)ᵀ";
  op.derivation = trNoop("yij = xji  ⇒  ∂yij/∂xkl = δilδjk  ⇒  ∂L/∂xkl = ∂L/∂ylk  ⇒  ∇x L = (∇y L)ᵀ");
  op.forwardElement = [](const ElementCtx& e, Index r, Index c) { return ElementText{{e.at(0, c, r).name}, ""}; };
  op.gradElement = [](const ElementCtx& e, int, Index r, Index c) { return ElementText{{e.upAt(c, r).name}, ""}; };
  op.gradIndexText = [](const ElementCtx& e, int) {
    return e.grad(operandText(e.names[0]) + "ij") + " = " + e.grad(operandText(e.outName) + "ji");
  };
  op.shape = [](std::span<const Shape> s, Attrs) { return Shape{s[0].cols, s[0].rows}; };
  op.text = [](std::span<const std::string> o, Attrs) { return o[0] + "ᵀ"; };
  op.gradText = [](int, std::span<const std::string>, const std::string&, const std::string& up) {
    return "(" + up + ")ᵀ";
  };
  return kit::tensorOp(op, transposeKernels<double>(), transposeKernels<float>());
}

// Stacks its inputs on top of each other (features of the same samples), like a skip
// connection feeding [h; x] to the next layer.
template <class T> Kernels<T> concatKernels() {
  Kernels<T> k;
  k.forward = [](Args<T> a, Mat<T>& out) {
    Index rows = 0;
    for (size_t i = 0; i < a.in.size(); ++i) rows += a[i].rows();
    out.resize(rows, a[0].cols());
    Index r = 0;
    for (size_t i = 0; i < a.in.size(); ++i) {
      out.middleRows(r, a[i].rows()) = a[i];
      r += a[i].rows();
    }
  };
  k.vjp = [](int i, Args<T> a, const Mat<T>&, const Mat<T>& up, Mat<T>& g) {
    Index r = 0;
    for (int j = 0; j < i; ++j) r += a[j].rows();
    g = up.middleRows(r, a[i].rows());
  };
  return k;
}

OpDef concatOp() {
  OpDef op;
  op.name = "concat";
  op.symbol = "concat";
  op.arity = -1;
  op.formula = trNoop("y = [a; b]:  dL/da = the rows of dL/dy that came from a");
  op.delimitsOperands = true;
  op.derivation =
      trNoop("y = [a; b]: yi = ai for the first rows, y(n+i) = bi after them (n: the rows of a)\n"
      "⇒ ∂L/∂ai = ∂L/∂yi, ∂L/∂bi = ∂L/∂y(n+i): each input gets back the rows it gave");
  op.forwardElement = [](const ElementCtx& e, Index r, Index c) {
    size_t k = 0;
    while (r >= e[k].rows()) r -= e[k++].rows();
    return ElementText{{e.at(k, r, c).name}, ""};
  };
  op.gradElement = [](const ElementCtx& e, int i, Index r, Index c) {
    for (int j = 0; j < i; ++j) r += e[size_t(j)].rows();
    return ElementText{{e.upAt(r, c).name}, ""};
  };
  op.gradIndexText = [](const ElementCtx& e, int i) {
    Index before = 0;
    for (int j = 0; j < i; ++j) before += e[size_t(j)].rows();
    const std::string a = operandText(e.names[size_t(i)]), y = operandText(e.outName);
    return e.grad(a + "i") + " = " + e.grad(y + (before ? "(i+" + std::to_string(before) + ")" : "i"));
  };
  op.shape = [](std::span<const Shape> s, Attrs) {
    Shape out{0, s[0].cols};
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i].cols != s[0].cols)
        throw ShapeError(fmt(tr("concat stacks rows and needs the same number of columns, but $0 and ${} differ"), i));
      out.rows += s[i].rows;
    }
    return out;
  };
  op.text = [](std::span<const std::string> o, Attrs) {
    std::string s = "[";
    for (size_t i = 0; i < o.size(); ++i) s += (i ? "; " : "") + o[i];
    return s + "]";
  };
  op.gradText = [](int i, std::span<const std::string> o, const std::string&, const std::string& up) {
    return fmt(tr("the rows of {} that came from {}"), up, o[i]);
  };
  return kit::tensorOp(op, concatKernels<double>(), concatKernels<float>());
}

struct Sum {
  static constexpr const char *name = "sum", *symbol = "Σ";
  static constexpr const char* formula = "∂(Σ x)/∂xᵢ = 1";
  static constexpr bool delimits = false;
  static constexpr const char* magnitudeOp = "sum";
  static constexpr const char* derivation = trNoop("L = Σk xk  ⇒  ∂L/∂xi = 1 for every i  ⇒  ∇x L = ∂L/∂(Σ x) · 1");
  static Term term(const Factor& x, const ArithFormat& f) { return single(x, f); }
  static std::string text(const std::string& x) { return "Σ " + x; }
  static std::string localText(const std::string&) { return "1"; }
  static bool passes(int) { return true; }
  template <class A> static auto f(const A& x) { return x.sum(); }
  template <class A> static auto df(const A& x) { return A::PlainObject::Ones(x.rows(), x.cols()); }
};

struct Mean {
  static constexpr const char *name = "mean", *symbol = "mean";
  static constexpr const char* formula = "∂(mean x)/∂xᵢ = 1/n";
  static constexpr bool delimits = true;
  static constexpr const char* magnitudeOp = "mean";
  static constexpr const char* derivation = trNoop("m = (1/n) Σk xk  ⇒  ∂m/∂xi = 1/n  ⇒  ∂L/∂xi = ∂L/∂m / n");
  static Term term(const Factor& x, const ArithFormat& f) { return single(x, f); }
  static std::vector<std::string> wrap(std::vector<std::string> forms, double mean, Index n, const ArithFormat& f) {
    const std::string by = ")/" + std::to_string(n);
    for (auto& s : forms) s = "(" + s + by;
    forms.push_back(formatNumber(mean * double(n), f.precision) + "/" + std::to_string(n));
    return forms;
  }
  static std::string text(const std::string& x) { return "mean(" + x + ")"; }
  static std::string localText(const std::string&) { return "(1/n)"; }
  static std::vector<LocalFactor> localFactors(int, std::span<const Shape> in) {
    const Index n = in[0].size();
    if (n == 1) return {};
    return {{"1/n = 1/" + std::to_string(n), 1.0 / double(n)}};
  }
  template <class A> static auto f(const A& x) { return x.mean(); }
  template <class A> static auto df(const A& x) {
    using S = typename A::Scalar;
    return A::PlainObject::Constant(x.rows(), x.cols(), S(1) / S(x.size()));
  }
};

}  // namespace

std::vector<OpDef> linalgOps() {
  return {matmulOp(), transposeOp(), concatOp(), kit::reduceOp<Sum>(), kit::reduceOp<Mean>()};
}

}  // namespace bs
