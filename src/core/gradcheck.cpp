#include "core/gradcheck.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/executor.h"

namespace bs {

namespace {

// The elements of an n-element leaf to check: all, or `most` spread evenly.
std::vector<Index> chosen(Index n, Index most) {
  std::vector<Index> out;
  if (most <= 0 || n <= most) {
    for (Index i = 0; i < n; ++i) out.push_back(i);
  } else {
    for (Index k = 0; k < most; ++k) out.push_back(most == 1 ? 0 : k * (n - 1) / (most - 1));
  }
  return out;
}

}  // namespace

GradCheckResult gradCheck(const Graph& g, const GradCheckOptions& o) {
  GradCheckResult res;
  Executor<double> ex(g);
  ex.forward();
  res.loss = ex.loss();
  if (!std::isfinite(res.loss)) return res;
  ex.backward();
  auto lossAt = [&](int id, Index r, Index c, double v) {
    double keep = ex.value(id)(r, c);
    ex.value(id)(r, c) = v;
    ex.forward();
    double l = ex.loss();
    ex.value(id)(r, c) = keep;
    return l;
  };
  std::vector<std::pair<int, std::vector<Index>>> plan;
  long total = 0, done = 0;
  for (int id = 0; id < g.size(); ++id) {
    const Node& n = g.node(id);
    if (!n.isLeaf() || n.kind == NodeKind::Const) continue;
    plan.emplace_back(id, chosen(n.shape.rows * n.shape.cols, o.maxElementsPerLeaf));
    total += 2 * long(plan.back().second.size());
  }
  const double eps = std::numeric_limits<double>::epsilon();
  for (const auto& [id, elements] : plan) {
    const Node& n = g.node(id);
    GradCheckNode c;
    c.node = id;
    c.analytic = ex.grad(id);
    c.numeric = Tensor::Constant(n.shape.rows, n.shape.cols, std::nan(""));
    for (Index i : elements) {
      const Index r = i % n.shape.rows, cc = i / n.shape.rows;  // column-major, as before
      const double x = ex.value(id)(r, cc);
      const double up = lossAt(id, r, cc, x + o.h), down = lossAt(id, r, cc, x - o.h);
      done += 2;
      if (o.progress && done % 256 == 0) o.progress(done, total);
      ++c.checked;
      if (!std::isfinite(up) || !std::isfinite(down)) {
        if (!c.notFinite)
          c.notFinite = elementName(n.name, n.shape, r, cc) + (std::isfinite(up) ? " - h" : " + h");
        continue;
      }
      const double num = (up - down) / (2 * o.h), a = c.analytic(r, cc);
      c.numeric(r, cc) = num;
      const double noise = eps * (std::fabs(up) + std::fabs(down)) / o.h;
      double err = std::max(0.0, std::fabs(a - num) - noise) / std::max({1.0, std::fabs(a), std::fabs(num)});
      if (std::isnan(err)) err = INFINITY;
      c.maxError = std::max(c.maxError, err);
    }
    res.maxError = std::max(res.maxError, c.maxError);
    res.nodes.push_back(std::move(c));
  }
  if (o.progress) o.progress(total, total);
  return res;
}

}  // namespace bs
