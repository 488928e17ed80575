// The data side of the plot widget, with no ImGui: series, decimation to pixel
// columns, axis ranges, ticks, log scale, smoothing and the hover lookup. The widget
// (plot_widget.h) only draws what these functions give it.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace bs::app::plot {

// One line of a plot. x should be non-decreasing (epochs, batch numbers); points
// whose x or y is not finite are skipped.
struct Series {
  std::string name;
  std::vector<double> x, y;
  std::uint32_t colour = 0xff000000;  // ImGui's ABGR packing (IM_COL32)
  bool faint = false;                 // drawn thin and pale, left out of the legend and hover
};

struct Range {
  double lo = 0, hi = 1;
  bool operator==(const Range&) const = default;
  double span() const { return hi - lo; }
};

enum class Scale { Linear, Log };

// Where data lands on the screen: a rectangle and the ranges it shows. With a log
// scale the y range holds log10 of the values.
struct Frame {
  float left = 0, top = 0, width = 1, height = 1;
  Range x, y;
  Scale yScale = Scale::Linear;

  float screenX(double x) const;
  // NaN for a value a log scale cannot show (≤ 0).
  float screenY(double y) const;
  double dataX(float sx) const;
  // The pixel column of x, which may lie outside [0, width).
  int column(double x) const;
};

// Up to four points per pixel column of `frame` (the first, the lowest, the highest
// and the last, in their original order), so a line drawn through them has the same
// outline as one through every point: no spike is lost. Points outside the x range are
// dropped. Returns indices into the series.
std::vector<int> decimate(std::span<const double> x, std::span<const double> y, const Frame& frame);

// The smallest range holding every finite value of every series (only values > 0 for
// a log scale, as log10). nullopt if there is none.
std::optional<Range> yExtent(std::span<const Series* const> series, Scale s);
std::optional<Range> xExtent(std::span<const Series* const> series);
// The y extent a plot autoscales to: that of the solid (not faint) series when they
// have values, so a faint raw series behind a smoothed one may poke out rather than
// flatten the trend with its early spikes; else that of all of them.
std::optional<Range> autoscaleY(std::span<const Series* const> series, Scale s);

// A range widened by `margin` (a fraction of its span) on both sides; an empty range
// (lo == hi) is widened to show something around its value.
Range padded(Range r, double margin = 0.05);

// Tick positions inside r at 1, 2 or 5 times a power of ten, at most about `maxTicks`.
// `counts` (epochs, batches, steps): whole numbers only, so one epoch is not 0.9 ... 1.1.
std::vector<double> niceTicks(Range r, int maxTicks, bool counts = false);
// The x range of a count axis: the extent, or half a count either side of a single value.
Range countRange(Range extent);
// Ticks of a log axis (r holds log10 values): powers of ten, with 2 and 5 between
// them when the range covers few decades. Returns the values (not their logs).
std::vector<double> logTicks(Range r, int maxTicks);
// A tick's label: short, with just enough digits to tell neighbouring ticks apart.
std::string tickLabel(double v, double step);

// Centred moving average over `window` points (fewer at the ends): unlike an
// exponential average it does not lag, so a fast early drop stays where it happened.
// Non-finite points are left as they are and out of their neighbours' means.
std::vector<double> smooth(std::span<const double> y, double window);

struct Hit {
  int series = -1;  // index into the list passed in
  int index = -1;   // the point in that series
  float distance = 0;  // in pixels
};
// The point nearest to the mouse (sx, sy) within `radius` pixels among the non-faint
// series; for each series only points near the mouse's x are examined (binary search).
std::optional<Hit> nearest(std::span<const Series* const> series, const Frame& frame, float sx, float sy, float radius);

}  // namespace bs::app::plot
