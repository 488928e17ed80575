// A line plot drawn with ImGui: axes with nice ticks, a legend, a hover read-out of
// the exact values, autoscale, an optional log scale (right-click), and export of
// its data as CSV and of its picture as PNG. The numbers come from plot_data.h; this
// only draws.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "session/plot_data.h"

struct ImDrawList;
struct ImDrawCmd;

namespace bs::app::plot {

class PlotView {
 public:
  PlotView(std::string title, std::string xLabel, std::string yLabel, bool allowLog = false);

  void setLabels(std::string title, std::string yLabel);
  // Draws the series in a box of `width` x `height` pixels at the cursor; the y range
  // fits the solid (not faint) series when there are any.
  void draw(const std::vector<Series>& series, float width, float height);

  // Writes the plot's pixels as a PNG when this frame is rendered (the result shows in
  // the right-click menu and in lastMessage()).
  void savePng(const std::string& path);
  const std::string& lastMessage() const { return message_; }

  bool logScale = false;
  // Fixed y range instead of autoscale (accuracy plots: 0..1 reads best).
  std::optional<Range> fixedY;

 private:
  std::string id_;  // the first title: keeps its popup's ImGui id when the title changes
  std::string title_, xLabel_, yLabel_;
  bool allowLog_;
  // Called by the renderer where the plot's pixels are drawn: reads them back.
  static void pngCallback(const ImDrawList* list, const ImDrawCmd* cmd);
  void writePng();

  std::string csvPath_, pngPath_;
  std::string message_;  // the last export's result
  bool pngPending_ = false;
  float pngBox_[4] = {0, 0, 0, 0};  // x0, y0, x1, y1 of the last drawn plot, in ImGui coordinates
};

}  // namespace bs::app::plot
