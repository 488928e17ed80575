#include "nn/memory_budget.h"

#include <cstdio>

namespace bs::nn {

std::uint64_t numbersPerSample(const Model& m) {
  std::uint64_t n = 0;
  for (int i = 0; i < m.graph.size(); ++i)
    if (m.graph.node(i).kind != NodeKind::Param) n += std::uint64_t(m.graph.node(i).shape.rows);
  return n;
}

void checkActivationBudget(const Model& m, std::uint64_t samples, std::uint64_t bytesPerNumber, const std::string& what,
                           const std::string& hint) {
  const std::uint64_t perSample = numbersPerSample(m);
  // In doubles: samples x numbers x bytes overflows 64 bits long before it is refused.
  const double bytes = double(samples) * double(perSample) * double(bytesPerNumber);
  if (bytes <= double(kActivationBudget)) return;
  char buf[320];
  std::snprintf(buf, sizeof buf,
                ": %llu samples x %llu numbers per sample (the input, every layer's outputs and the targets, with their "
                "gradients) need %.3g GB; at most %g GiB may be used: ",
                (unsigned long long)samples, (unsigned long long)perSample, bytes / 1e9, double(kActivationBudget) / double(1 << 30));
  throw BudgetError(what + buf + hint);
}

}  // namespace bs::nn
