// A line plot drawn with ImGui: axes with nice ticks, a legend, a hover read-out of
// the exact values, autoscale, an optional log scale (right-click), and export of
// its data as CSV. The numbers come from plot_data.h; this only draws.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/plot/plot_data.h"

namespace bs::app::plot {

class PlotView {
 public:
  PlotView(std::string title, std::string xLabel, std::string yLabel, bool allowLog = false);

  void setLabels(std::string title, std::string yLabel);
  // Draws the series in a box of `width` x `height` pixels at the cursor.
  void draw(const std::vector<Series>& series, float width, float height);

  bool logScale = false;
  // Fixed y range instead of autoscale (accuracy plots: 0..1 reads best).
  std::optional<Range> fixedY;

 private:
  std::string id_;  // the first title: keeps its popup's ImGui id when the title changes
  std::string title_, xLabel_, yLabel_;
  bool allowLog_;
  std::string exportPath_;
  std::string message_;  // the last export's result
};

}  // namespace bs::app::plot
