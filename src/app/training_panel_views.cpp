// The training window's tabs: live curves with the weights or the decision boundary,
// the comparison of runs, and the weights with the confusion matrix and test images.
#include <imgui.h>

#include <algorithm>

#include "app/decision_boundary.h"
#include "app/plot/plot_widget.h"
#include "app/training_panel.h"
#include "app/weights_view.h"

namespace bs::app {

void TrainingPanel::drawLive() {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float w = (avail.x - gap) / 2, h = (avail.y - ImGui::GetStyle().ItemSpacing.y) / 2;
  lossPlot_->draw(loss_, w, h);
  ImGui::SameLine();
  accPlot_->draw(acc_, w, h);
  batchPlot_->draw(batchLoss_, w, h);
  ImGui::SameLine();
  ImGui::BeginGroup();
  if (snap_.grid > 0) {
    ImGui::Text("Decision boundary over the input plane (red: +1, blue: -1)");
    boundary_->update(snap_.boundary, snap_.grid, snap_.runId, snap_.boundaryVersion);
    boundary_->draw(std::min(w, h - ImGui::GetTextLineHeightWithSpacing()) - 4, snap_.extent, snap_.points, snap_.targets);
  } else if (WeightsView::shows(snap_.weights)) {
    ImGui::Text("First-layer weights: one 32x32 image per %s", snap_.weights.rows() == 10 ? "class" : "hidden unit");
    weights_->update(snap_.weights, snap_.runId, snap_.weightsBatch);
    weights_->draw(w, h - ImGui::GetTextLineHeightWithSpacing());
  } else {
    ImGui::TextDisabled("Start a run to see it learn.");
  }
  ImGui::EndGroup();
}

void TrainingPanel::drawCompare() {
  const char* metrics[] = {"train loss", "train accuracy", "test loss", "test accuracy"};
  ImGui::SetNextItemWidth(160);
  ImGui::Combo("##metric", &compareMetric_, metrics, 4);
  ImGui::SameLine();
  if (ImGui::Button("Course comparison: ex3, ex4, SVM, softmax")) showCourseComparison();
  if (!missing_.empty()) {
    std::string m;
    for (const auto& n : missing_) m += (m.empty() ? "" : ", ") + n;
    ImGui::SameLine();
    ImGui::Text("No run yet of %s.", m.c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(running() || queueing_);
    if (ImGui::Button("Train them one after another")) trainMissingCourseRuns({});
    ImGui::EndDisabled();
  }
  const RunMetric metric = RunMetric(std::clamp(compareMetric_, 0, 3));
  comparePlot_->setLabels(std::string("Comparison of runs: ") + runMetricName(metric), runMetricName(metric));
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  comparePlot_->draw(runs_.overlay(metric), avail.x, avail.y);
}

void TrainingPanel::drawConfusion(float side) {
  const auto& m = snap_.confusion;
  const int k = int(m.size());
  if (k == 0) return;
  const float label = 86, cell = std::max(18.f, (side - label) / float(k));
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  auto name = [&](int c) { return c < int(snap_.classNames.size()) ? snap_.classNames[size_t(c)] : std::to_string(c); };
  const float lh = ImGui::GetTextLineHeight();
  for (int t = 0; t < k; ++t) {
    int row = 0;
    for (int c : m[size_t(t)]) row += c;
    const float y = o.y + lh + 4 + float(t) * cell;
    dl->AddText({o.x, y + cell / 2 - lh / 2}, IM_COL32(40, 40, 40, 255), name(t).c_str());
    for (int p = 0; p < k; ++p) {
      const int n = m[size_t(t)][size_t(p)];
      const float share = row ? float(n) / float(row) : 0;
      const ImVec2 a{o.x + label + float(p) * cell, y};
      const int shade = int(255 - 200 * share);
      const ImU32 fill = t == p ? IM_COL32(shade, 255 - int(90 * share), shade, 255) : IM_COL32(255, shade, shade, 255);
      dl->AddRectFilled(a, {a.x + cell - 1, a.y + cell - 1}, fill);
      if (cell >= 22) {
        const std::string s = std::to_string(n);
        const ImVec2 ts = ImGui::CalcTextSize(s.c_str());
        dl->AddText({a.x + (cell - ts.x) / 2, a.y + (cell - ts.y) / 2}, IM_COL32(30, 30, 30, 255), s.c_str());
      }
    }
  }
  for (int p = 0; p < k; ++p) {
    const std::string s = name(p).substr(0, std::max(1, int(cell / 8)));
    dl->AddText({o.x + label + float(p) * cell + 2, o.y}, IM_COL32(90, 90, 90, 255), s.c_str());
  }
  ImGui::Dummy({label + cell * float(k), lh + 4 + cell * float(k)});
}

void TrainingPanel::drawTest() {
  if (snap_.confusion.empty() && !WeightsView::shows(snap_.weights)) {
    ImGui::TextDisabled("Weights, the confusion matrix and test images are shown for CIFAR-10 runs.");
    return;
  }
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float stripH = 32 * 2 + 3 * ImGui::GetTextLineHeightWithSpacing() + 16;
  const float top = avail.y - stripH;
  const float side = std::min(avail.x * 0.45f, top - ImGui::GetTextLineHeightWithSpacing());
  ImGui::BeginGroup();
  long scored = 0;
  for (const auto& row : snap_.confusion)
    for (int c : row) scored += c;
  ImGui::Text("Confusion on %ld test images (rows: true class, columns: predicted), epoch %d", scored, snap_.confusionEpoch);
  drawConfusion(side);
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  if (WeightsView::shows(snap_.weights)) {
    ImGui::Text("First-layer weights (each scaled to its own range)");
    weights_->update(snap_.weights, snap_.runId, snap_.weightsBatch);
    weights_->draw(avail.x - side - 40, top - ImGui::GetTextLineHeightWithSpacing());
  }
  ImGui::EndGroup();
  ImGui::Text("Test images: true class, and the network's guess (green: right, red: wrong)");
  strip_->update(snap_.stripPixels, snap_.runId);
  strip_->draw(snap_.stripTrue, snap_.stripPredicted, snap_.classNames, 2, ImGui::GetContentRegionAvail().x);
}

}  // namespace bs::app
