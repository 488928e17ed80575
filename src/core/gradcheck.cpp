#include "core/gradcheck.h"

#include <algorithm>
#include <cmath>

#include "core/executor.h"

namespace bs {

GradCheckResult gradCheck(const Graph& g, double h) {
  GradCheckResult res;
  Executor<double> ex(g);
  ex.forward();
  ex.backward();
  auto lossAt = [&](int id, Index r, Index c, double v) {
    double keep = ex.value(id)(r, c);
    ex.value(id)(r, c) = v;
    ex.forward();
    double l = ex.loss();
    ex.value(id)(r, c) = keep;
    return l;
  };
  for (int id = 0; id < g.size(); ++id) {
    const Node& n = g.node(id);
    if (!n.isLeaf() || n.kind == NodeKind::Const) continue;
    GradCheckNode c;
    c.node = id;
    c.analytic = ex.grad(id);
    c.numeric.resize(n.shape.rows, n.shape.cols);
    for (Index cc = 0; cc < n.shape.cols; ++cc)
      for (Index r = 0; r < n.shape.rows; ++r) {
        double x = ex.value(id)(r, cc);
        c.numeric(r, cc) = (lossAt(id, r, cc, x + h) - lossAt(id, r, cc, x - h)) / (2 * h);
        double a = c.analytic(r, cc), num = c.numeric(r, cc);
        double err = std::fabs(a - num) / std::max({1.0, std::fabs(a), std::fabs(num)});
        if (std::isnan(err)) err = INFINITY;
        c.maxError = std::max(c.maxError, err);
      }
    res.maxError = std::max(res.maxError, c.maxError);
    res.nodes.push_back(std::move(c));
  }
  return res;
}

}  // namespace bs
