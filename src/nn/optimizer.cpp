#include "nn/optimizer.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace bs::nn {

OptimizerSpec::Kind parseOptimizer(const std::string& s) {
  if (s == "sgd") return OptimizerSpec::Sgd;
  if (s == "momentum") return OptimizerSpec::Momentum;
  if (s == "adam") return OptimizerSpec::Adam;
  throw std::invalid_argument("unknown optimiser '" + s + "' (expected sgd, momentum or adam)");
}

void checkOptimizer(const OptimizerSpec& s) {
  auto fail = [](const char* name, double v, const char* domain) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "'%s' must be %s, not %g", name, domain, v);
    throw std::invalid_argument(buf);
  };
  if (!(s.lr > 0 && std::isfinite(s.lr))) fail("lr", s.lr, "a positive number");
  if (!(s.momentum >= 0 && s.momentum < 1)) fail("momentum", s.momentum, "in [0, 1)");
  if (!(s.beta1 >= 0 && s.beta1 < 1)) fail("beta1", s.beta1, "in [0, 1)");
  if (!(s.beta2 >= 0 && s.beta2 < 1)) fail("beta2", s.beta2, "in [0, 1)");
  if (!(s.eps > 0 && std::isfinite(s.eps))) fail("eps", s.eps, "a positive number");
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

void Optimizer::update(size_t i, Mat<float>& w, const Mat<float>& g) {
  // Serial on purpose: a parallel region this short costs more than it saves when
  // another process holds a core (every region waits for both threads to run).
  const float lr = float(spec_.lr);
  switch (spec_.kind) {
    case OptimizerSpec::Sgd: w.noalias() -= lr * g; break;
    case OptimizerSpec::Momentum:
      m_[i] = float(spec_.momentum) * m_[i] - lr * g;
      w += m_[i];
      break;
    case OptimizerSpec::Adam: {
      const float b1 = float(spec_.beta1), b2 = float(spec_.beta2);
      m_[i] = b1 * m_[i] + (1 - b1) * g;
      v_[i] = b2 * v_[i] + (1 - b2) * g.cwiseProduct(g);
      const float c1 = 1 - float(std::pow(spec_.beta1, double(t_)));
      const float c2 = 1 - float(std::pow(spec_.beta2, double(t_)));
      w.array() -= lr * (m_[i].array() / c1) / ((v_[i].array() / c2).sqrt() + float(spec_.eps));
      break;
    }
  }
}

}  // namespace bs::nn
