// Parameter updates from the gradients of one batch: SGD, SGD with momentum, Adam.
#pragma once
#include <string>
#include <vector>

#include "core/executor.h"

namespace bs::nn {

struct OptimizerSpec {
  enum Kind { Sgd, Momentum, Adam } kind = Sgd;
  double lr = 0.01;
  double momentum = 0.9;                       // Momentum
  double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;  // Adam
};
OptimizerSpec::Kind parseOptimizer(const std::string& s);  // "sgd", "momentum", "adam"
// Refuses (std::invalid_argument naming the setting) what can only be a mistake: lr
// not positive, momentum, beta1 or beta2 outside [0, 1) (1 never forgets, above 1
// grows without bound), eps not positive (Adam divides by it when a gradient is 0).
void checkOptimizer(const OptimizerSpec& spec);
const char* optimizerName(OptimizerSpec::Kind k);

class Optimizer {
 public:
  Optimizer(OptimizerSpec spec, std::vector<int> params) : spec_(spec), params_(std::move(params)) { checkOptimizer(spec_); }
  // One update of every parameter from the executor's gradients:
  // SGD w −= lr·g; momentum v = μv − lr·g, w += v; Adam with bias correction.
  void step(Executor<float>& ex);
  const OptimizerSpec& spec() const { return spec_; }

 private:
  void update(size_t i, Mat<float>& weights, const Mat<float>& grads);

  OptimizerSpec spec_;
  std::vector<int> params_;
  std::vector<Mat<float>> m_, v_;  // momentum / Adam state, one per parameter
  long t_ = 0;
};

}  // namespace bs::nn
