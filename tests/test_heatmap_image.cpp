// A heatmap's cells: scaled by the largest finite |value|, NaN and Inf coded, huge
// values kept, and tensors too big for a texture downsampled without losing outliers.
#include "testing.h"

#include <cmath>
#include <limits>

#include "session/heatmap_image.h"

using namespace bs;
using namespace bs::app;

TEST_CASE("cells are scaled by the largest finite |value|; NaN and Inf get their codes") {
  Tensor t(2, 3);
  t << 1, -2, 0.5, std::nan(""), std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity();
  const HeatmapImage img = heatmapImage(t, 1024);
  REQUIRE(img.width == 3);
  REQUIRE(img.height == 2);
  CHECK(img.maxAbs == 2);
  CHECK(img.nans == 1);
  CHECK(img.infs == 2);
  CHECK(img.cells == std::vector<float>{0.5f, -1.0f, 0.25f, kHeatNaN, kHeatPlusInf, kHeatMinusInf});
}

TEST_CASE("huge values keep their colour (1e300 does not fit a float; the scaled cell does)") {
  Tensor t(1, 2);
  t << 1e300, -5e299;
  const HeatmapImage img = heatmapImage(t, 1024);
  CHECK(img.maxAbs == 1e300);
  CHECK(img.cells == std::vector<float>{1.0f, -0.5f});
}

TEST_CASE("a row wider than a texture is downsampled; each cell shows its block's outlier") {
  Tensor t = Tensor::Constant(1, 20000, 0.1);
  t(0, 12345) = -7;
  t(0, 19999) = std::nan("");
  const HeatmapImage img = heatmapImage(t, 1024);
  CHECK(img.blockCols == 20);  // ceil(20000 / 1024)
  CHECK(img.width == 1000);
  CHECK(img.height == 1);
  CHECK(img.cells[12345 / 20] == -1.0f);
  CHECK(img.cells[999] == kHeatNaN);
  CHECK(img.cells[0] == doctest::Approx(0.1 / 7));
}

TEST_CASE("an all-zero tensor is white, not NaN") {
  const HeatmapImage img = heatmapImage(Tensor::Zero(3, 3), 1024);
  CHECK(img.maxAbs == 0);
  for (float c : img.cells) CHECK(c == 0.0f);
}
