#include "nn/memory_budget.h"

#include <cstdio>

#include "i18n/i18n.h"

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
  char need[32], most[32];
  std::snprintf(need, sizeof need, "%.3g", bytes / 1e9);
  std::snprintf(most, sizeof most, "%g", double(kActivationBudget) / double(1 << 30));
  throw BudgetError(fmt(tr("{}: {} samples x {} numbers per sample (the input, every layer's outputs and the targets, with their "
                           "gradients) need {} GB; at most {} GiB may be used: {}"),
                        what, samples, perSample, need, most, hint));
}

}  // namespace bs::nn
