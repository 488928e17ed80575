#include "nn/dataset.h"

namespace bs::nn {

void ImageDataset::targets(std::span<const int> idx, Mat<float>& t) const {
  t.resize(1, Index(idx.size()));
  for (size_t c = 0; c < idx.size(); ++c) t(0, Index(c)) = float(set_.labels[size_t(idx[c])]);
}

namespace {
void gather(const Mat<float>& from, std::span<const int> idx, Mat<float>& to) {
  to.resize(from.rows(), Index(idx.size()));
  for (size_t c = 0; c < idx.size(); ++c) to.col(Index(c)) = from.col(idx[c]);
}
}  // namespace

void TensorDataset::inputs(std::span<const int> idx, Mat<float>& x) const { gather(x_, idx, x); }
void TensorDataset::targets(std::span<const int> idx, Mat<float>& t) const { gather(t_, idx, t); }

}  // namespace bs::nn
