// What the training window shows besides the curves, computed from a model's current
// parameters by forward passes on a second executor (the trainer's own buffers, and so
// its results, are untouched): the confusion matrix of a classifier over test samples,
// and a two-input network's output over the input plane (its decision boundary).
// `backstep train --confusion/--boundary` writes the same numbers as CSV.
#pragma once
#include <string>
#include <vector>

#include "core/executor.h"
#include "nn/dataset.h"
#include "nn/network.h"

namespace bs::nn {

class Predictor {
 public:
  // `params` holds the parameters to use (a trainer's executor); both must outlive this.
  Predictor(const Model& model, const Executor<float>& params);
  // The network's outputs for the columns of x (prediction rows x columns).
  const Mat<float>& predict(const Mat<float>& x);

 private:
  const Model& model_;
  const Executor<float>& params_;
  Executor<float> ex_;
};

struct Confusion {
  std::vector<std::vector<int>> counts;  // [true class][predicted class]
  std::vector<int> predicted;            // the predicted class of each sample scored, in order
};
// Scores the first `samples` samples of a classification data set (all if more).
Confusion confusionMatrix(Predictor& p, const Dataset& test, int samples);
// "true\predicted,NAME0,...", then one row per true class.
std::string confusionCsv(const Confusion& c, const std::vector<std::string>& classNames);

// True for a model of two inputs and one output, whose output can be drawn over the
// input plane (the decision boundary).
bool mapsPlane(const Model& m);
// The centres of a grid x grid lattice over [-extent, extent]^2, as 2 x grid² columns,
// x0 varying fastest.
Mat<float> planeGrid(int grid, double extent);
// "x0,x1,output" for each point of the lattice.
std::string planeCsv(const Mat<float>& points, const Mat<float>& outputs);

}  // namespace bs::nn
