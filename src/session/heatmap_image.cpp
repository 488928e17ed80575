#include "session/heatmap_image.h"

#include <cmath>

namespace bs::app {

namespace {

// Which of two elements a downsampled cell shows: NaN, then ±Inf, then the larger |v|.
int rank(double v) { return std::isnan(v) ? 2 : std::isinf(v) ? 1 : 0; }
bool moreTelling(double a, double b) {
  return rank(a) != rank(b) ? rank(a) > rank(b) : std::abs(a) > std::abs(b);
}

float cell(double v, double maxAbs) {
  if (std::isnan(v)) return kHeatNaN;
  if (std::isinf(v)) return v > 0 ? kHeatPlusInf : kHeatMinusInf;
  return maxAbs > 0 ? float(v / maxAbs) : 0.0f;
}

}  // namespace

HeatmapImage heatmapImage(const Tensor& t, int maxSide) {
  HeatmapImage img;
  const Index side = std::max<Index>(maxSide, 1);
  img.blockRows = std::max<Index>(1, (t.rows() + side - 1) / side);
  img.blockCols = std::max<Index>(1, (t.cols() + side - 1) / side);
  img.height = int((t.rows() + img.blockRows - 1) / img.blockRows);
  img.width = int((t.cols() + img.blockCols - 1) / img.blockCols);
  for (Index r = 0; r < t.rows(); ++r)
    for (Index c = 0; c < t.cols(); ++c) {
      const double v = t(r, c);
      if (std::isnan(v)) ++img.nans;
      else if (std::isinf(v)) ++img.infs;
      else img.maxAbs = std::max(img.maxAbs, std::abs(v));
    }
  img.cells.resize(size_t(img.width) * size_t(img.height));
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      const Index r0 = y * img.blockRows, c0 = x * img.blockCols;
      double shown = t(r0, c0);
      for (Index r = r0; r < std::min(t.rows(), r0 + img.blockRows); ++r)
        for (Index c = c0; c < std::min(t.cols(), c0 + img.blockCols); ++c)
          if (moreTelling(t(r, c), shown)) shown = t(r, c);
      img.cells[size_t(y) * size_t(img.width) + size_t(x)] = cell(shown, img.maxAbs);
    }
  return img;
}

}  // namespace bs::app
