// The graph view panel: the laid-out graph with values on the edges, the current step
// highlighted; click selects a node, drag pans, the wheel zooms. It keeps only its own
// view (pan, zoom, the cached layout); everything else it reads from the AppState.
#pragma once
#include <imgui.h>

#include <chrono>
#include <memory>
#include <string>

#include "session/app_state.h"
#include "gui/fonts.h"
#include "gui/heatmaps.h"
#include "session/layout.h"
#include "session/layout_job.h"
#include "gui/value_drawing.h"

namespace bs::app {

class GraphView {
 public:
  // Draws into the rest of the current ImGui window.
  void draw(AppState& s, Heatmaps& heatmaps, const Fonts& fonts);
  void requestFit() { fitPending_ = true; }
  double layoutMs() const { return layoutMs_; }
  // Graphviz is still working on a better drawing than the one shown.
  bool layoutPending() const { return job_ != nullptr; }
  const Layout& layout() const { return layout_; }

 private:
  void relayout(const AppState& s, const Fonts& fonts);
  void takeFinishedLayout();
  void fit(ImVec2 canvasSize);
  ImVec2 toScreen(Point p) const { return {origin_.x + pan_.x + p.x * zoom_, origin_.y + pan_.y + p.y * zoom_}; }
  int hit(ImVec2 screen) const;  // the box under a screen point, or -1
  // Answers mode: a click on a number of a value box opens a field for the student's
  // number there (the popup), checked on Enter.
  // The number of a value box under the mouse.
  std::optional<BoxElement> elementAt(const AppState& s, int box, ImVec2 mouse) const;
  void openAnswerField(const AppState& s, int box, ImVec2 mouse);
  // A click on a number (or a heatmap's cell) of a value box selects that element.
  void selectElement(AppState& s, int box, ImVec2 mouse) const;
  void drawAnswerField(AppState& s);
  void drawArrow(ImDrawList* dl, const std::vector<Point>& curve, bool head, ImU32 col, float thickness) const;
  void drawNode(ImDrawList* dl, const AppState& s, const LayoutBox& b, ImVec2 min, ImVec2 max, const Fonts& fonts,
                bool current, bool selected) const;
  void drawLegend(ImDrawList* dl, ImVec2 canvasMin, ImVec2 canvasMax, const Fonts& fonts, Heatmaps& h, bool heatmapsShown) const;

  int graphVersion_ = -1, valuesVersion_ = -1;
  NodeRange shown_;  // the part of a collapsed graph that is laid out
  int focusShown_ = -1;  // the node a collapsed or following view was last centred on
  bool follow_ = false;  // the graph does not fit readably: the view follows the focus node
  static constexpr double kDotSeconds = 4;  // then dot is given up (it can take minutes)
  static constexpr auto kDotWait = std::chrono::milliseconds(200);  // before showing the simple layout
  static constexpr float kReadableZoom = 0.7f;  // the numbers of value boxes are still read easily
  bool answersLayout_ = false;  // laid out with room for verdict marks
  std::optional<AnswerKey> editing_;  // the number the answer field is for
  std::string editText_;
  LayoutMetrics metrics_;
  LayoutInput input_;
  Layout layout_;
  std::unique_ptr<LayoutJob> job_;  // dot, while the simple layout is shown
  bool dotGaveUp_ = false;          // for this graph: later views use the simple layout at once
  std::string layoutNote_;          // why the simple layout is shown
  std::vector<EdgeValue> edges_;  // one per value box, in box order
  ImVec2 origin_{0, 0}, pan_{0, 0};
  float zoom_ = 1;
  bool fitPending_ = true;
  // The canvas size of the last fit: a new size (the window's first frames, a resize)
  // fits again until the user pans or zooms.
  ImVec2 fittedFor_{0, 0};
  bool moved_ = false;
  double layoutMs_ = 0;
  Palette palette_;
};

}  // namespace bs::app
