// Building blocks for op records: turn a small description struct into an OpDef with
// kernels for double and float. Included only by the ops_*.cpp files.
#pragma once
#include <cmath>

#include "core/op.h"

namespace bs::kit {

inline std::vector<std::string> names(std::span<const std::string> o) { return {o.begin(), o.end()}; }

// The contribution of an Elementwise-style op: (up broadcast to loc) ⊙ loc, summed down
// to the input's shape.
template <class T> void elementwiseVjp(const Mat<T>& up, const Mat<T>& loc, Shape in, Mat<T>& g) {
  Mat<T> prod;
  if (up.rows() == loc.rows() && up.cols() == loc.cols()) {
    if (shapeOf(loc) == in) { g = up.cwiseProduct(loc); return; }
    prod = up.cwiseProduct(loc);
  } else if (up.size() == 1) {
    if (shapeOf(loc) == in) { g = up(0, 0) * loc; return; }
    prod = up(0, 0) * loc;
  } else {
    prod.resize(loc.rows(), loc.cols());
    for (Index c = 0; c < loc.cols(); ++c)
      for (Index r = 0; r < loc.rows(); ++r) prod(r, c) = bcastAt(up, r, c) * loc(r, c);
  }
  reduceTo(prod, in, g);
}

// ---- unary elementwise: D has name, symbol, formula, attrs(), text(x, a),
// localText(x, a), and array-expression templates f(x, a) and df(x, y, a).
template <class D, class T> Kernels<T> unaryKernels() {
  Kernels<T> k;
  k.forward = [](Args<T> a, Mat<T>& out) { out = D::f(a[0].array(), a.attrs).matrix(); };
  k.local = [](int, Args<T> a, const Mat<T>& out, Mat<T>& loc) {
    loc = D::df(a[0].array(), out.array(), a.attrs).matrix();
  };
  k.vjp = [](int, Args<T> a, const Mat<T>& out, const Mat<T>& up, Mat<T>& g) {
    g = (up.array() * D::df(a[0].array(), out.array(), a.attrs)).matrix();
  };
  return k;
}

template <class D> OpDef unaryOp() {
  OpDef op;
  op.name = D::name;
  op.symbol = D::symbol;
  op.arity = 1;
  op.attrs = D::attrs();
  op.formula = D::formula;
  op.style = GradStyle::Elementwise;
  op.shape = [](std::span<const Shape> s, Attrs) { return s[0]; };
  op.d = unaryKernels<D, double>();
  op.f = unaryKernels<D, float>();
  op.text = [](std::span<const std::string> o, Attrs a) { return D::text(o[0], a); };
  op.localText = [](int, std::span<const std::string> o, Attrs a) { return D::localText(o[0], a); };
  if constexpr (requires { D::saturation; }) {
    op.saturation = D::saturation;
    op.saturated = [](double y, Attrs a) { return D::saturated(y, a); };
  }
  return op;
}

// ---- binary elementwise with broadcasting: D has name, infix, symbol, formula,
// text(a, b), localText(i, a, b), and scalar templates f(a, b), da(a, b, y), db(a, b, y).
template <class T, class F> void broadcastApply(const Mat<T>& a, const Mat<T>& b, Index rows, Index cols, Mat<T>& out, F f) {
  out.resize(rows, cols);
  if (a.rows() == rows && a.cols() == cols && b.rows() == rows && b.cols() == cols) {
    out = a.binaryExpr(b, f);
    return;
  }
  for (Index c = 0; c < cols; ++c)
    for (Index r = 0; r < rows; ++r) out(r, c) = f(bcastAt(a, r, c), bcastAt(b, r, c));
}

template <class D, class T> void binaryLocal(int i, Args<T> a, const Mat<T>& out, Mat<T>& loc) {
  const Mat<T>& x = a[0];
  const Mat<T>& y = a[1];
  loc.resize(out.rows(), out.cols());
  for (Index c = 0; c < out.cols(); ++c)
    for (Index r = 0; r < out.rows(); ++r) {
      T xv = bcastAt(x, r, c), yv = bcastAt(y, r, c);
      loc(r, c) = i == 0 ? D::da(xv, yv, out(r, c)) : D::db(xv, yv, out(r, c));
    }
}

template <class D, class T> Kernels<T> binaryKernels() {
  Kernels<T> k;
  k.forward = [](Args<T> a, Mat<T>& out) {
    Shape s;
    broadcastShape(shapeOf(a[0]), shapeOf(a[1]), s);
    broadcastApply(a[0], a[1], s.rows, s.cols, out, [](T x, T y) { return D::f(x, y); });
  };
  k.local = &binaryLocal<D, T>;
  k.vjp = [](int i, Args<T> a, const Mat<T>& out, const Mat<T>& up, Mat<T>& g) {
    Mat<T> loc;
    binaryLocal<D, T>(i, a, out, loc);
    elementwiseVjp(up, loc, shapeOf(a[i]), g);
  };
  return k;
}

template <class D> OpDef binaryOp() {
  OpDef op;
  op.name = D::name;
  op.infix = D::infix;
  op.symbol = D::symbol;
  op.arity = 2;
  op.formula = D::formula;
  op.style = GradStyle::Elementwise;
  op.shape = [](std::span<const Shape> s, Attrs) {
    Shape out;
    if (!broadcastShape(s[0], s[1], out))
      throw ShapeError(std::string("`") + D::infix + "` needs equal shapes, or one of them broadcast (a scalar, or a 1 where the other has more), but $0 and $1 differ");
    return out;
  };
  op.d = binaryKernels<D, double>();
  op.f = binaryKernels<D, float>();
  op.text = [](std::span<const std::string> o, Attrs) { return D::text(o[0], o[1]); };
  op.localText = [](int i, std::span<const std::string> o, Attrs) { return D::localText(i, o[0], o[1]); };
  return op;
}

// ---- reductions of one tensor to a scalar: D has name, symbol, formula, text(x),
// localText(x), f(x) -> scalar and array-expression df(x).
template <class D, class T> Kernels<T> reduceKernels() {
  Kernels<T> k;
  k.forward = [](Args<T> a, Mat<T>& out) {
    out.resize(1, 1);
    out(0, 0) = D::f(a[0].array());
  };
  k.local = [](int, Args<T> a, const Mat<T>&, Mat<T>& loc) { loc = D::df(a[0].array()).matrix(); };
  k.vjp = [](int, Args<T> a, const Mat<T>&, const Mat<T>& up, Mat<T>& g) {
    g = (up(0, 0) * D::df(a[0].array())).matrix();
  };
  return k;
}

template <class D> OpDef reduceOp() {
  OpDef op;
  op.name = D::name;
  op.symbol = D::symbol;
  op.arity = 1;
  op.formula = D::formula;
  op.style = GradStyle::Elementwise;
  op.shape = [](std::span<const Shape>, Attrs) { return Shape{1, 1}; };
  op.d = reduceKernels<D, double>();
  op.f = reduceKernels<D, float>();
  op.text = [](std::span<const std::string> o, Attrs) { return D::text(o[0]); };
  op.localText = [](int, std::span<const std::string> o, Attrs) { return D::localText(o[0]); };
  return op;
}

}  // namespace bs::kit
