// Preprocessing computed on the training set and applied to train and test alike:
// subtract the mean image, optionally divide by the per-pixel standard deviation.
// Converts a batch of byte images to a float matrix, one image per column.
#pragma once
#include <span>
#include <string>
#include <vector>

#include "core/tensor.h"
#include "data/cifar.h"

namespace bs::data {

enum class Preprocess { None, Mean, Standardize };
Preprocess parsePreprocess(const std::string& s);  // "none", "mean", "standardize"
const char* preprocessName(Preprocess p);

struct Normalizer {
  std::vector<float> mean;   // per pixel (zeros for None)
  std::vector<float> scale;  // 1 / std per pixel (ones unless Standardize)

  // Statistics over all training images (accumulated in double).
  static Normalizer fit(const ImageSet& train, Preprocess p);

  // x = (pixels − mean) · scale for the images `idx`, as columns of a 3072 x idx.size() matrix.
  void batch(const ImageSet& set, std::span<const int> idx, Mat<float>& x) const;
};

}  // namespace bs::data
