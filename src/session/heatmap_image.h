// A tensor as a heatmap's cells, ready for a texture: each cell scaled by the largest
// finite |value| into [-1, 1], NaN and ±Inf as codes the shader colours apart (a huge
// value keeps its colour; float cannot hold 1e300, the scaled cell can). A tensor with
// more rows or columns than `maxSide` is downsampled: each cell shows its block's most
// telling element (NaN, then ±Inf, then the largest |value|), so an outlier stays seen.
#pragma once
#include <vector>

#include "core/tensor.h"

namespace bs::app {

constexpr float kHeatNaN = 4, kHeatPlusInf = 3, kHeatMinusInf = -3;  // cell codes beyond ±1

struct HeatmapImage {
  int width = 0, height = 0;      // cells
  std::vector<float> cells;       // row 0 first
  double maxAbs = 0;              // the largest finite |value|: the caption's ±
  Index nans = 0, infs = 0;       // in the whole tensor
  Index blockRows = 1, blockCols = 1;  // elements per cell (over 1: downsampled)
};

HeatmapImage heatmapImage(const Tensor& t, int maxSide);

}  // namespace bs::app
