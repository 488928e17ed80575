#include "i18n/i18n.h"
#include "nn/metrics.h"

#include <sstream>
#include <stdexcept>

namespace bs::nn {

Metric parseMetric(const std::string& s, double threshold) {
  if (s == "argmax" || s == "accuracy") return {Metric::Argmax, threshold};
  if (s == "sign") return {Metric::Sign, threshold};
  throw std::invalid_argument("unknown metric '" + s + "' (expected argmax or sign)");
}

std::string metricRule(const Metric& m) {
  if (m.kind == Metric::Argmax) return tr("the largest output is the class");
  std::ostringstream t;
  t << m.threshold;
  return fmt(tr("outputs beyond ±{} only"), t.str());
}

long countCorrect(const Metric& m, const Mat<float>& y, const Mat<float>& t) {
  long correct = 0;
  if (m.kind == Metric::Argmax) {
    if (t.rows() != 1 || t.cols() != y.cols()) throw std::invalid_argument("argmax accuracy needs one label per sample");
    for (Index c = 0; c < y.cols(); ++c) {
      Index k;
      y.col(c).maxCoeff(&k);
      correct += float(k) == t(0, c);
    }
    return correct;
  }
  if (t.rows() != y.rows() || t.cols() != y.cols()) throw std::invalid_argument("sign accuracy needs targets shaped like the outputs");
  const float th = float(m.threshold);
  for (Index c = 0; c < y.cols(); ++c) {
    bool ok = true;
    for (Index r = 0; r < y.rows(); ++r) ok = ok && (t(r, c) > 0 ? y(r, c) >= th : y(r, c) <= -th);
    correct += ok;
  }
  return correct;
}

}  // namespace bs::nn
