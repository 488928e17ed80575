#include "nn/diagnostics.h"

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace bs::nn {

Predictor::Predictor(const Model& model, const Executor<float>& params) : model_(model), params_(params), ex_(model.graph) {}

const Mat<float>& Predictor::predict(const Mat<float>& x) {
  for (int p : model_.params) ex_.value(p) = params_.value(p);
  ex_.value(model_.input) = x;
  // The loss nodes need targets of the right shape; their value is not used.
  const Index rows = model_.objective.targets == TargetForm::Indices ? 1 : model_.graph.node(model_.prediction).shape.rows;
  ex_.value(model_.target).setZero(rows, x.cols());
  ex_.forward();
  return ex_.value(model_.prediction);
}

Confusion confusionMatrix(Predictor& p, const Dataset& test, int samples) {
  Confusion c;
  const int k = test.classes(), n = std::min(samples, test.size());
  if (k <= 0) return c;
  c.counts.assign(size_t(k), std::vector<int>(size_t(k), 0));
  constexpr int chunk = 500;
  std::vector<int> idx;
  Mat<float> x, labels;
  for (int s = 0; s < n; s += chunk) {
    idx.resize(size_t(std::min(chunk, n - s)));
    std::iota(idx.begin(), idx.end(), s);
    test.inputs(idx, x);
    test.targets(idx, labels);
    const Mat<float>& y = p.predict(x);
    for (Index col = 0; col < y.cols(); ++col) {
      Index pred = 0;
      y.col(col).maxCoeff(&pred);
      const int truth = int(labels(0, col));
      if (truth >= 0 && truth < k && pred < k) ++c.counts[size_t(truth)][size_t(pred)];
      c.predicted.push_back(int(pred));
    }
  }
  return c;
}

std::string confusionCsv(const Confusion& c, const std::vector<std::string>& classNames) {
  auto name = [&](size_t i) { return i < classNames.size() ? classNames[i] : std::to_string(i); };
  std::string s = "true\\predicted";
  for (size_t j = 0; j < c.counts.size(); ++j) s += "," + name(j);
  s += "\n";
  for (size_t i = 0; i < c.counts.size(); ++i) {
    s += name(i);
    for (int v : c.counts[i]) s += "," + std::to_string(v);
    s += "\n";
  }
  return s;
}

bool mapsPlane(const Model& m) {
  return m.graph.node(m.input).shape.rows == 2 && m.graph.node(m.prediction).shape.rows == 1;
}

Mat<float> planeGrid(int grid, double extent) {
  Mat<float> x(2, Index(grid) * grid);
  for (int j = 0; j < grid; ++j)
    for (int i = 0; i < grid; ++i) {
      x(0, Index(j) * grid + i) = float(-extent + 2 * extent * (i + 0.5) / grid);
      x(1, Index(j) * grid + i) = float(-extent + 2 * extent * (j + 0.5) / grid);
    }
  return x;
}

std::string planeCsv(const Mat<float>& points, const Mat<float>& outputs) {
  std::string s = "x0,x1,output\n";
  char buf[96];
  for (Index c = 0; c < points.cols(); ++c) {
    std::snprintf(buf, sizeof buf, "%.6g,%.6g,%.6g\n", points(0, c), points(1, c), outputs(0, c));
    s += buf;
  }
  return s;
}

}  // namespace bs::nn
