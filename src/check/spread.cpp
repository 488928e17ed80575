#include "check/spread.h"

#include <cmath>
#include <exception>

namespace bs::check {

namespace {
Tensor run(const StepFn& f, const std::vector<const Tensor*>& p, Shape shape) {
  Tensor out;
  try {
    f(p, out);
  } catch (const std::exception&) {
    out.resize(0, 0);
  }
  if (shapeOf(out) != shape) out = Tensor::Constant(shape.rows, shape.cols, std::nan(""));
  return out;
}
Tensor run(const StepFn& f, const std::vector<Operand>& ops, Shape shape) {
  std::vector<const Tensor*> p;
  for (const Operand& o : ops) p.push_back(&o.value);
  return run(f, p, shape);
}
}  // namespace

StepFn stepFunction(const Graph& g, const Step& st) {
  const Node& n = g.node(st.node);
  if (st.phase == Phase::Forward)
    return [&n](const std::vector<const Tensor*>& x, Tensor& out) { n.op->d.forward({x, n.attrs}, out); };
  const int i = st.inputIndex;
  return [&n, i](const std::vector<const Tensor*>& x, Tensor& grad) {
    std::vector<const Tensor*> ins(x.begin() + 1, x.end() - 1);
    n.op->d.vjp(i, {ins, n.attrs}, *x.back(), *x.front(), grad);
  };
}

Tensor evaluate(const StepFn& f, const std::vector<Operand>& ops, Shape shape) { return run(f, ops, shape); }

Tensor evaluate(const StepFn& f, const std::vector<Tensor>& ops, Shape shape) {
  std::vector<const Tensor*> p;
  for (const Tensor& t : ops) p.push_back(&t);
  return run(f, p, shape);
}

Spread spread(const StepFn& f, std::vector<Operand> ops, const Tensor& base) {
  const Shape shape = shapeOf(base);
  Spread s;
  s.width = Tensor::Zero(shape.rows, shape.cols);
  s.from.assign(size_t(shape.size()), {});
  for (Operand& o : ops) {
    const Index cols = o.value.cols();
    for (Index r = 0; r < o.value.rows(); ++r)
      for (Index c = 0; c < cols; ++c) {
        const double h = (*o.half)(r, c);
        static const Origins none;
        const Origins& inherits = o.from ? (*o.from)[flat(r, c, cols)] : none;
        if (!(h > 0) && inherits.empty()) continue;
        const double v = o.value(r, c);
        // A number with no rounding of its own is still moved a little to see what depends on it.
        const double move = h > 0 ? h : 1e-7 * std::max(1.0, std::fabs(v));
        Tensor largest = Tensor::Zero(shape.rows, shape.cols);
        for (double sign : {1.0, -1.0}) {
          o.value(r, c) = v + sign * move;
          const Tensor moved = run(f, ops, shape);
          for (Index k = 0; k < base.size(); ++k) {
            const double d = std::fabs(moved(k) - base(k));
            if (std::isfinite(d)) largest(k) = std::max(largest(k), d);  // a step outside the domain tells nothing
          }
        }
        o.value(r, c) = v;
        for (Index rr = 0; rr < shape.rows; ++rr)
          for (Index cc = 0; cc < shape.cols; ++cc) {
            if (!(largest(rr, cc) > 0)) continue;
            if (h > 0) s.width(rr, cc) += largest(rr, cc);
            s.from[flat(rr, cc, shape.cols)].insert(inherits.begin(), inherits.end());
          }
      }
  }
  return s;
}

}  // namespace bs::check
