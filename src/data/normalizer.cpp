#include "data/normalizer.h"

#include <cmath>
#include <stdexcept>

namespace bs::data {

Preprocess parsePreprocess(const std::string& s) {
  if (s == "none") return Preprocess::None;
  if (s == "mean") return Preprocess::Mean;
  if (s == "standardize" || s == "standardise") return Preprocess::Standardize;
  throw std::invalid_argument("unknown preprocessing '" + s + "' (expected none, mean or standardize)");
}

const char* preprocessName(Preprocess p) {
  switch (p) {
    case Preprocess::None: return "none";
    case Preprocess::Mean: return "mean";
    case Preprocess::Standardize: return "standardize";
  }
  return "?";
}

Normalizer Normalizer::fit(const ImageSet& train, Preprocess p) {
  constexpr int D = ImageSet::kPixels;
  Normalizer n;
  n.mean.assign(D, 0.f);
  n.scale.assign(D, 1.f);
  if (p == Preprocess::None || train.size() == 0) return n;
  std::vector<double> sum(D, 0.0), sq(D, 0.0);
  for (int i = 0; i < train.size(); ++i) {
    const std::uint8_t* im = train.image(i);
    for (int d = 0; d < D; ++d) {
      sum[size_t(d)] += im[d];
      sq[size_t(d)] += double(im[d]) * im[d];
    }
  }
  for (int d = 0; d < D; ++d) {
    double m = sum[size_t(d)] / train.size();
    n.mean[size_t(d)] = float(m);
    if (p == Preprocess::Standardize) {
      double var = sq[size_t(d)] / train.size() - m * m;
      n.scale[size_t(d)] = float(1.0 / std::sqrt(std::max(var, 1e-8)));
    }
  }
  return n;
}

void Normalizer::batch(const ImageSet& set, std::span<const int> idx, Mat<float>& x) const {
  constexpr int D = ImageSet::kPixels;
  x.resize(D, Index(idx.size()));
  for (size_t c = 0; c < idx.size(); ++c) {
    const std::uint8_t* im = set.image(idx[c]);
    float* col = x.col(Index(c)).data();
    for (int d = 0; d < D; ++d) col[d] = (float(im[d]) - mean[size_t(d)]) * scale[size_t(d)];
  }
}

}  // namespace bs::data
