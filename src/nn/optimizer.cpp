#include "nn/optimizer.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace bs::nn {

OptimizerSpec::Kind parseOptimizer(const std::string& s) {
  if (s == "sgd") return OptimizerSpec::Sgd;
  if (s == "momentum") return OptimizerSpec::Momentum;
  if (s == "adam") return OptimizerSpec::Adam;
  throw std::invalid_argument("unknown optimiser '" + s + "' (expected sgd, momentum or adam)");
}

const char* optimizerName(OptimizerSpec::Kind k) {
  switch (k) {
    case OptimizerSpec::Sgd: return "sgd";
    case OptimizerSpec::Momentum: return "momentum";
    case OptimizerSpec::Adam: return "adam";
  }
  return "?";
}

void Optimizer::step(Executor<float>& ex) {
  if (spec_.kind != OptimizerSpec::Sgd && m_.empty()) {
    for (int p : params_) {
      m_.push_back(Mat<float>::Zero(ex.value(p).rows(), ex.value(p).cols()));
      if (spec_.kind == OptimizerSpec::Adam) v_.push_back(m_.back());
    }
  }
  ++t_;
  for (size_t i = 0; i < params_.size(); ++i) update(i, ex.value(params_[i]), ex.grad(params_[i]));
}

void Optimizer::update(size_t i, Mat<float>& weights, const Mat<float>& grads) {
  const float lr = float(spec_.lr);
  // Large matrices (the first layer: 100 x 3072) are updated in column blocks on all
  // threads: elementwise, so the result does not depend on the thread count.
  const Index cols = weights.cols(), block = std::max<Index>(1, cols / 8);
  const bool parallel = weights.size() >= 65536;
#pragma omp parallel for schedule(static) if (parallel)
  for (Index c0 = 0; c0 < cols; c0 += block) {
    const Index n = std::min(block, cols - c0);
    auto w = weights.middleCols(c0, n);
    auto g = grads.middleCols(c0, n);
    switch (spec_.kind) {
      case OptimizerSpec::Sgd: w.noalias() -= lr * g; break;
      case OptimizerSpec::Momentum: {
        auto m = m_[i].middleCols(c0, n);
        m = float(spec_.momentum) * m - lr * g;
        w += m;
        break;
      }
      case OptimizerSpec::Adam: {
        auto m = m_[i].middleCols(c0, n);
        auto v = v_[i].middleCols(c0, n);
        const float b1 = float(spec_.beta1), b2 = float(spec_.beta2);
        m = b1 * m + (1 - b1) * g;
        v = b2 * v + (1 - b2) * g.cwiseProduct(g);
        const float c1 = 1 - float(std::pow(spec_.beta1, double(t_)));
        const float c2 = 1 - float(std::pow(spec_.beta2, double(t_)));
        w.array() -= lr * (m.array() / c1) / ((v.array() / c2).sqrt() + float(spec_.eps));
        break;
      }
    }
  }
}

}  // namespace bs::nn
