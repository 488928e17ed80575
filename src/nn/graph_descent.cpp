#include "nn/graph_descent.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/executor.h"

namespace bs::nn {

DescentResult descend(Graph& g, double lr, int steps, const std::function<bool(double)>& onLoss) {
  if (!g.hasOutput()) throw std::invalid_argument("the graph has no output to minimise");
  std::vector<int> params;
  for (int i = 0; i < g.size(); ++i)
    if (g.node(i).kind == NodeKind::Param) params.push_back(i);
  if (params.empty()) throw std::invalid_argument("the graph has no 'param' to train (declare the trained leaves with 'param')");

  DescentResult r;
  Executor<double> ex(g);
  std::vector<Tensor> before(params.size());  // the params of the last finite loss
  for (int s = 0;; ++s) {
    ex.forward();
    const double loss = ex.loss();
    if (!std::isfinite(loss)) {
      char buf[200];
      if (s == 0)  // no step taken yet: the values themselves give it, not the learning rate
        std::snprintf(buf, sizeof buf, "the loss is %s at the starting values, before any step: look at the inputs and params "
                      "(the learning rate is not the cause)", formatNumber(loss, 4).c_str());
      else
        std::snprintf(buf, sizeof buf, "the loss became %s after step %d; the learning rate (%g) is probably too high: try a smaller one",
                      formatNumber(loss, 4).c_str(), s, lr);
      r.error = buf;
      if (s > 0)
        for (size_t k = 0; k < params.size(); ++k) ex.value(params[k]) = before[k];
      break;
    }
    r.losses.push_back(loss);
    if (onLoss && !onLoss(loss)) {
      r.stopped = s < steps;
      break;
    }
    if (s == steps) break;
    ex.backward();
    for (size_t k = 0; k < params.size(); ++k) {
      before[k] = ex.value(params[k]);
      ex.value(params[k]) -= lr * ex.grad(params[k]);
    }
  }
  for (int p : params) g.setValue(p, ex.value(p));
  return r;
}

std::string descentCsv(const std::vector<double>& losses) {
  std::string s = "step,loss\n";
  char buf[64];
  for (size_t i = 0; i < losses.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%zu,%.10g\n", i, losses[i]);
    s += buf;
  }
  return s;
}

}  // namespace bs::nn
