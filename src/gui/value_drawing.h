// Draws the numbers of one value box: a scalar (value over gradient), a small grid
// (value grid over gradient grid) or two heatmaps (value, gradient) with their ranges.
#pragma once
#include <imgui.h>

#include <string>

#include "session/answers_state.h"
#include "session/app_state.h"
#include "gui/fonts.h"
#include "gui/heatmaps.h"
#include "session/layout_input.h"

namespace bs::app {

// Colours of the graph view, as on a course sheet: values in ink, gradients in red.
struct Palette {
  ImU32 background = IM_COL32(252, 252, 248, 255);
  ImU32 ink = IM_COL32(25, 25, 30, 255);
  ImU32 grad = IM_COL32(190, 30, 30, 255);
  ImU32 faint = IM_COL32(150, 150, 150, 255);
  ImU32 edge = IM_COL32(90, 90, 100, 255);
  ImU32 highlight = IM_COL32(255, 145, 0, 255);
  ImU32 highlightFill = IM_COL32(255, 235, 200, 255);
  ImU32 selected = IM_COL32(40, 110, 230, 255);
  ImU32 input = IM_COL32(222, 236, 255, 255);
  ImU32 param = IM_COL32(225, 245, 222, 255);
  ImU32 constant = IM_COL32(238, 238, 238, 255);
  ImU32 op = IM_COL32(255, 255, 255, 255);
  ImU32 valueBox = IM_COL32(255, 255, 255, 235);
};

// `v` in at most `chars` characters, with as many decimals (up to 4) as fit.
std::string fitNumber(double v, int chars);

struct ValuePainter {
  ImDrawList* dl = nullptr;
  const Fonts* fonts = nullptr;
  float zoom = 1;
  const LayoutMetrics* metrics = nullptr;
  Heatmaps* heatmaps = nullptr;
  const Graph* graph = nullptr;  // for the saturation share under an activation's heatmap
  int valuesVersion = 0;
  Palette palette;
  // Answers mode: the written numbers get a tint and a verdict mark (null: no marks).
  // gradIsTotal: the box's gradient is its producer's whole dL/d(node), not one of
  // several contributions, so the student's number for it can be marked there.
  const Answers* answers = nullptr;
  bool gradIsTotal = false;

  // Draws the box's contents in [min, max] (screen pixels); key names its heatmaps.
  void draw(ImVec2 min, ImVec2 max, Shape shape, const EdgeValue& ev, int key) const;

 private:
  void text(ImVec2 centre, const std::string& s, ImU32 col, float scale = 1) const;
  void grid(ImVec2 topLeft, float cellW, const Tensor* t, ImU32 col, Shape shape, int node = -1,
            Quantity q = Quantity::Value) const;
  void mark(ImVec2 centre, float cellW, const AnswerKey& k) const;  // behind one number
  // The student's number for k as written (shortened to fit), or "" if none: answers
  // mode shows it in place of the exact value or the "?".
  std::string mine(const AnswerKey& k) const;
  // One number of a cell: the student's, else the value, else "?".
  void number(ImVec2 centre, const Tensor* t, const AnswerKey& k, ImU32 col) const;
  // The caption under the image: prefix, the largest |number|, suffix.
  void heatmap(ImVec2 min, ImVec2 max, const Tensor* t, int key, ImU32 captionCol, const char* prefix,
               const std::string& suffix = "") const;
};

}  // namespace bs::app
