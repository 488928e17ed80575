#include "core/tensor_stats.h"

#include <cmath>
#include <cstdio>

namespace bs {

TensorStats tensorStats(const Tensor& t) {
  TensorStats s;
  if (t.size() == 0) return s;
  s.mean = t.mean();
  s.std = std::sqrt((t.array() - s.mean).square().mean());  // of the population: every element is there
  s.min = t.minCoeff();
  s.max = t.maxCoeff();
  return s;
}

TensorStats valueStats(const Node& node) {
  TensorStats s = tensorStats(node.value);
  if (node.op && node.op->saturated && node.value.size() > 0) {
    const Attrs attrs(node.attrs);
    Index n = 0;
    for (Index i = 0; i < node.value.size(); ++i) n += node.op->saturated(node.value.data()[i], attrs);
    s.saturated = double(n) / double(node.value.size());
  }
  return s;
}

std::string formatStats(const TensorStats& s, const std::string& saturation, const std::string& sep) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "mean %.4g  std %.4g  min %.4g  max %.4g", s.mean, s.std, s.min, s.max);
  std::string out = buf;
  if (s.saturated >= 0) {
    std::snprintf(buf, sizeof buf, "saturated %.1f%%", 100 * s.saturated);
    out += sep + buf;
    if (!saturation.empty()) out += " (" + saturation + ")";
  }
  return out;
}

}  // namespace bs
