// Building blocks for op records: turn a small description struct into an OpDef with
// kernels for double and float. Included only by the ops_*.cpp files.
#pragma once
#include <cmath>

#include "core/op.h"
#include "i18n/i18n.h"

namespace bs::kit {

inline std::vector<std::string> names(std::span<const std::string> o) { return {o.begin(), o.end()}; }

// ---- element text -------------------------------------------------------------------

// Operands as they stand in an op's text: parenthesised where the op does not delimit them.
inline std::vector<std::string> wrapped(std::vector<std::string> o, bool delimits) { return wrapOperands(std::move(o), delimits); }

// An element map's value at (r, c): its text with the operands' element names, then
// with their numbers: z1 = σ(y1) = σ(-0.38).
template <class Text> ElementText mapForward(const ElementCtx& e, Index r, Index c, bool delimits, Text text) {
  std::vector<std::string> names, numbers;
  for (size_t k = 0; k < e.values.size(); ++k) {
    const Factor x = e.at(k, r, c);
    names.push_back(x.name);
    numbers.push_back(formatNumber(x.value, e.fmt.precision));
  }
  return {{text(wrapped(names, delimits)), text(wrapped(numbers, delimits))}, ""};
}

// A local derivative written out beyond its name: σ'(y1) = σ(y1)(1 − σ(y1)) = 0.4061 · 0.5939.
struct LocalForms {
  std::vector<std::string> symbolic;  // with names
  std::string numbers;                // with numbers ("" if none beyond its value)
  std::string note;                   // where a convention decided the value (a kink)
};

// The contribution of an elementwise op or a reduction to dL/d(input i) at (r, c): for
// each output position that element reaches, dL/dy there times the local derivative
// there (dL/dy alone where the op `passes` the gradient unchanged). `local(R, C)` names
// the local derivative at position (R, C) of e.local; `forms(R, C)` writes it out.
template <class Local, class Forms>
ElementText elementwiseGrad(const ElementCtx& e, int i, Index r, Index c, bool passes, Local local, Forms forms) {
  const Tensor& loc = *e.local;
  const Shape in = e.shape(size_t(i));
  std::vector<std::pair<Index, Index>> at;
  Index total = 0;
  for (Index C = 0; C < loc.cols(); ++C)
    for (Index R = 0; R < loc.rows(); ++R)
      if ((in.rows == 1 ? 0 : R) == r && (in.cols == 1 ? 0 : C) == c) {
        if (Index(at.size()) < shownTerms(loc.size(), e.fmt)) at.push_back({R, C});
        ++total;
      }
  const ArithFormat& f = e.fmt;
  if (total == 1) {
    const auto [R, C] = at[0];
    const Factor up = e.upAt(R, C);
    if (passes) return {{up.name}, ""};
    const std::string name = local(R, C);
    ElementText t;
    const LocalForms lf = forms(R, C);
    t.forms.push_back(up.name + " · " + name);
    for (const auto& s : lf.symbolic) t.forms.push_back(up.name + " · " + s);
    // (−1) written by the op and (-1) as a number are the same form.
    auto plain = [](std::string x) {
      for (size_t p; (p = x.find("−")) != std::string::npos;) x.replace(p, std::string("−").size(), "-");
      return x;
    };
    if (!lf.numbers.empty() && plain(lf.numbers) != factorText(loc(R, C), f))
      t.forms.push_back(factorText(up.value, f) + " · " + lf.numbers);
    t.forms.push_back(factorText(up.value, f) + " · " + factorText(loc(R, C), f));
    t.note = lf.note;
    return t;
  }
  std::vector<Term> terms;
  for (const auto& [R, C] : at) {
    terms.push_back(passes ? single(e.upAt(R, C), f) : product({e.upAt(R, C), {local(R, C), loc(R, C)}}, f));
  }
  return {sumForms(terms, total, f), ""};
}

// The numbers of a local derivative written with its operands' numbers, "2·0.4061", when
// that says more than its value (not for a constant such as 1 or −1).
template <class Text> std::string localNumbers(const ElementCtx& e, Index R, Index C, bool delimits, Text text) {
  std::vector<std::string> names, numbers;
  for (size_t k = 0; k < e.values.size(); ++k) {
    const Factor x = e.at(k, R, C);
    names.push_back(x.name);
    numbers.push_back(formatNumber(x.value, e.fmt.precision));
  }
  const std::string withNames = text(wrapped(names, delimits)), withNumbers = text(wrapped(numbers, delimits));
  if (withNames == withNumbers || withNumbers == factorText((*e.local)(R, C), e.fmt)) return "";
  return withNumbers;
}

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

// D::passes(i): the op hands its upstream gradient to input i unchanged.
template <class D> bool passes(int i) {
  if constexpr (requires { D::passes(0); }) return D::passes(i);
  else return false;
}

// What every description struct D names: its name, symbol, formula, derivation, and
// optionally magnitudeOp; and the rule of D::passes.
template <class D> OpDef described(int arity) {
  OpDef op;
  op.name = D::name;
  op.symbol = D::symbol;
  op.arity = arity;
  op.formula = D::formula;
  op.derivation = D::derivation;
  if constexpr (requires { D::delimits; }) op.delimitsOperands = D::delimits;
  if constexpr (requires { D::magnitudeOp; }) op.magnitudeOp = D::magnitudeOp;
  op.passesGradient = &passes<D>;
  return op;
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
  OpDef op = described<D>(1);
  op.attrs = D::attrs();
  op.forwardElement = [](const ElementCtx& e, Index r, Index c) {
    return mapForward(e, r, c, D::delimits, [&](const std::vector<std::string>& o) { return D::text(o[0], e.attrs); });
  };
  op.gradElement = [](const ElementCtx& e, int i, Index r, Index c) {
    auto text = [&](const std::vector<std::string>& o) { return D::localText(o[0], e.attrs); };
    return elementwiseGrad(
        e, i, r, c, false, [&](Index R, Index C) { return text(wrapped({e.at(0, R, C).name}, D::delimits)); },
        [&](Index R, Index C) {
          if constexpr (requires { D::localForms; })
            return D::localForms(e.at(0, R, C), (*e.out)(R, C), e.attrs, e.fmt);
          else
            return LocalForms{{}, localNumbers(e, R, C, D::delimits, text), ""};
        });
  };
  op.style = GradStyle::Elementwise;
  op.shape = [](std::span<const Shape> s, Attrs) { return s[0]; };
  op.d = unaryKernels<D, double>();
  op.f = unaryKernels<D, float>();
  op.text = [](std::span<const std::string> o, Attrs a) { return D::text(o[0], a); };
  op.localText = [](int, std::span<const std::string> o, Attrs a) { return D::localText(o[0], a); };
  if constexpr (requires { D::localFactors; }) op.localFactors = &D::localFactors;
  if constexpr (requires { D::kink; }) op.kinks = {D::kink};
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
  OpDef op = described<D>(2);
  op.infix = D::infix;
  op.forwardElement = [](const ElementCtx& e, Index r, Index c) {
    return mapForward(e, r, c, false, [](const std::vector<std::string>& o) { return D::text(o[0], o[1]); });
  };
  op.gradElement = [](const ElementCtx& e, int i, Index r, Index c) {
    auto text = [i](const std::vector<std::string>& o) { return D::localText(i, o[0], o[1]); };
    auto names = [&](Index R, Index C) { return wrapped({e.at(0, R, C).name, e.at(1, R, C).name}, false); };
    return elementwiseGrad(
        e, i, r, c, passes<D>(i), [&](Index R, Index C) { return text(names(R, C)); },
        [&](Index R, Index C) { return LocalForms{{}, localNumbers(e, R, C, false, text), ""}; });
  };
  op.style = GradStyle::Elementwise;
  op.shape = [](std::span<const Shape> s, Attrs) {
    Shape out;
    if (!broadcastShape(s[0], s[1], out))
      throw ShapeError(fmt(tr("`{}` needs equal shapes, or one of them broadcast (a scalar, or a 1 where the other has more), but $0 and $1 differ"), D::infix));
    return out;
  };
  op.d = binaryKernels<D, double>();
  op.f = binaryKernels<D, float>();
  op.text = [](std::span<const std::string> o, Attrs) { return D::text(o[0], o[1]); };
  op.localText = [](int i, std::span<const std::string> o, Attrs) { return D::localText(i, o[0], o[1]); };
  return op;
}

// ---- reductions of one tensor to a scalar: D has name, symbol, formula, derivation,
// delimits, text(x), localText(x), term(x, format) (one term of the sum as on paper),
// f(x) -> scalar and array-expression df(x); optionally wrap(forms, sum, n, format)
// around the sum (a mean's "/n") and magnitudeOp.
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
  OpDef op = described<D>(1);
  op.forwardElement = [](const ElementCtx& e, Index, Index) {
    const Tensor& x = e[0];
    std::vector<Term> terms;
    const Index total = x.size(), shown = shownTerms(total, e.fmt);
    for (Index k = 0; k < shown; ++k) terms.push_back(D::term(e.at(0, k / x.cols(), k % x.cols()), e.fmt));
    std::vector<std::string> forms = sumForms(terms, total, e.fmt);
    if constexpr (requires { D::wrap; }) forms = D::wrap(forms, D::f(x.array()) , total, e.fmt);
    return ElementText{forms, ""};
  };
  op.gradElement = [](const ElementCtx& e, int i, Index r, Index c) {
    auto text = [](const std::vector<std::string>& o) { return D::localText(o[0]); };
    return elementwiseGrad(
        e, i, r, c, passes<D>(i), [&](Index R, Index C) { return text(wrapped({e.at(0, R, C).name}, D::delimits)); },
        [&](Index R, Index C) { return LocalForms{{}, localNumbers(e, R, C, D::delimits, text), ""}; });
  };
  op.style = GradStyle::Elementwise;
  if constexpr (requires { D::localFactors; }) op.localFactors = &D::localFactors;
  if constexpr (requires { D::kink; }) op.kinks = {D::kink};
  op.shape = [](std::span<const Shape>, Attrs) { return Shape{1, 1}; };
  op.d = reduceKernels<D, double>();
  op.f = reduceKernels<D, float>();
  op.text = [](std::span<const std::string> o, Attrs) { return D::text(o[0]); };
  op.localText = [](int, std::span<const std::string> o, Attrs) { return D::localText(o[0]); };
  return op;
}

// ---- ops written as whole tensors (matmul, transpose, concat, softmax): `op` holds
// the record's names, text and element functions; this adds what they share: the
// Tensor style of backward step and the kernels for both scalar types.
inline OpDef tensorOp(OpDef op, Kernels<double> d, Kernels<float> f) {
  op.style = GradStyle::Tensor;
  op.d = d;
  op.f = f;
  return op;
}

// ---- losses of (prediction, target) to a scalar, compared column by column (one
// sample per column): two delimited operands, and the targets' rule. With class
// targets the targets are one-hot (the prediction's shape) or one class index per
// column (1 x B) and get no gradient; otherwise they have the prediction's shape and
// do.
inline OpDef lossOp(OpDef op, Kernels<double> d, Kernels<float> f, bool classTargets) {
  op.arity = 2;
  op.delimitsOperands = true;
  op.d = d;
  op.f = f;
  if (classTargets) {
    op.differentiable = [](int i) { return i == 0; };
    op.shape = [](std::span<const Shape> s, Attrs) {
      // One class: a class index and a one-hot column are both "class 0", every
      // sample is right and the loss is 0, whatever the targets say.
      if (s[0].rows == 1)
        throw ShapeError(tr("the scores $0 have one row, so one class: every target would be class 0 and the loss 0; "
                            "give a row of scores per class (two or more)"));
      if (s[0] == s[1] || (s[1].rows == 1 && s[1].cols == s[0].cols)) return Shape{1, 1};
      throw ShapeError(tr("the targets $1 must have the shape of the scores $0 (one-hot) or be one class index per column (1 x columns of $0)"));
    };
  } else {
    op.shape = [](std::span<const Shape> s, Attrs) {
      if (s[0] == s[1]) return Shape{1, 1};
      throw ShapeError(tr("the targets $1 must have the shape of the predictions $0"));
    };
  }
  return op;
}

}  // namespace bs::kit
