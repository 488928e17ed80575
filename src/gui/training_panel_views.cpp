// The training window's tabs: live curves with the weights or the decision boundary,
// the comparison of runs, and the weights with the confusion matrix and test images.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "i18n/i18n.h"
#include "gui/decision_boundary.h"
#include "gui/plot/plot_widget.h"
#include "gui/training_panel.h"
#include "gui/weights_view.h"
#include "session/weights_note.h"

namespace bs::app {

namespace {
// A title wrapped to `width`, and its height.
float titleText(const std::string& text, float width) {
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  return ImGui::CalcTextSize(text.c_str(), nullptr, false, width).y + ImGui::GetStyle().ItemSpacing.y;
}

// CIFAR-10's class names as its batches.meta.txt gives them, marked for translation:
// the confusion matrix and the test images show them in the window's language.
[[maybe_unused]] const char* const kCifarClassNames[] = {trNoop("airplane"), trNoop("automobile"), trNoop("bird"), trNoop("cat"),
                                                         trNoop("deer"),     trNoop("dog"),        trNoop("frog"), trNoop("horse"),
                                                         trNoop("ship"),     trNoop("truck")};
std::vector<std::string> shownClassNames(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& n : names) out.push_back(tr(n));
  return out;
}

// Epochs finished (the history is thinned in long runs: its size is not the count).
int epochsDone(const Snapshot& s) { return s.history.empty() ? 0 : s.history.back().epoch; }

// Under the weight images while they still look like noise; returns its height.
float weightsNoteText(int epochsDone, float width) {
  const std::string note = weightsNote(epochsDone);
  if (note.empty()) return 0;
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  const float h = titleText(note, width);
  ImGui::PopStyleColor();
  return h;
}
}  // namespace

void TrainingPanel::drawLive() {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float w = (avail.x - gap) / 2, h = (avail.y - ImGui::GetStyle().ItemSpacing.y) / 2;
  lossPlot_->draw(loss_, w, h);
  ImGui::SameLine();
  const nn::Metric& m = ctl_.preset().train.metric;
  accPlot_->setLabels(m.kind == nn::Metric::Sign ? fmt(tr("Accuracy ({})"), nn::metricRule(m)) : trNoop("Accuracy per epoch"), trNoop("accuracy"));
  accPlot_->draw(acc_, w, h);
  batchPlot_->draw(batchLoss_, w, h);
  ImGui::SameLine();
  ImGui::BeginGroup();
  if (ctl_.snapshot().grid > 0) {
    const float used = titleText(tr("Decision boundary over the input plane (red: +1, blue: -1)"), w);  // wraps at 1024x640
    boundary_->update(ctl_.snapshot().boundary, ctl_.snapshot().grid, ctl_.snapshot().runId, ctl_.snapshot().boundaryVersion);
    boundary_->draw(std::min(w, h - used) - 4, ctl_.snapshot().extent, ctl_.snapshot().points, ctl_.snapshot().targets);
  } else if (WeightsView::shows(ctl_.snapshot().weights)) {
    float used = titleText(ctl_.snapshot().weights.rows() == 10 ? tr("First-layer weights: one 32x32 image per class")
                                                            : tr("First-layer weights: one 32x32 image per hidden unit"), w);
    used += weightsNoteText(epochsDone(ctl_.snapshot()), w);
    weights_->update(ctl_.snapshot().weights, ctl_.snapshot().runId, ctl_.snapshot().weightsBatch);
    weights_->draw(w, h - used);
  } else {
    ImGui::TextDisabled(tr("Start a run to see it learn."));
  }
  ImGui::EndGroup();
}

void TrainingPanel::drawCompare() {
  const char* metrics[] = {runMetricName(RunMetric::TrainLoss), runMetricName(RunMetric::TrainAcc), runMetricName(RunMetric::TestLoss),
                           runMetricName(RunMetric::TestAcc)};
  ImGui::SetNextItemWidth(160);
  ImGui::Combo("##metric", &ctl_.compareMetric, metrics, 4);
  ImGui::SameLine();
  if (ImGui::Button(tr("Course comparison: ex3, ex4, SVM, softmax"))) ctl_.showCourseComparison();
  if (!ctl_.missing.empty()) {
    std::string m;
    for (const auto& n : ctl_.missing) m += (m.empty() ? "" : ", ") + n;
    ImGui::SameLine();
    ImGui::Text(tr("No run yet of %s."), m.c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(running() || ctl_.queueing());
    if (ImGui::Button(tr("Train them one after another"))) ctl_.trainMissingCourseRuns({});
    ImGui::EndDisabled();
  }
  const RunMetric metric = RunMetric(std::clamp(ctl_.compareMetric, 0, 3));
  comparePlot_->setLabels(fmt(tr("Comparison of runs: {}"), runMetricName(metric)), runMetricName(metric));
  const bool accuracy = metric == RunMetric::TrainAcc || metric == RunMetric::TestAcc;
  comparePlot_->fixedY = accuracy ? std::optional<plot::Range>(plot::Range{0, 1}) : std::nullopt;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  comparePlot_->draw(ctl_.runs().overlay(metric), avail.x, avail.y);
}

void TrainingPanel::drawConfusion(float side) {
  const auto& m = ctl_.snapshot().confusion;
  const int k = int(m.size());
  if (k == 0) return;
  const std::vector<std::string> names = shownClassNames(ctl_.snapshot().classNames);
  auto name = [&](int c) { return c < int(names.size()) ? names[size_t(c)] : std::to_string(c); };
  // Columns are headed by the class names where they fit, else by numbers that the
  // rows' labels carry ("0 airplane"): a cut name ("ai", "au") says nothing.
  float widest = 0;
  for (int c = 0; c < k; ++c) widest = std::max(widest, ImGui::CalcTextSize(name(c).c_str()).x);
  const float numberW = ImGui::CalcTextSize(std::to_string(k - 1).c_str()).x + ImGui::CalcTextSize(" ").x;
  const float label = std::ceil(widest + numberW) + 8;
  const float cell = std::max(18.f, (side - label) / float(k));
  const bool named = widest + 4 <= cell;
  auto rowLabel = [&](int c) { return named ? name(c) : std::to_string(c) + " " + name(c); };
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float lh = ImGui::GetTextLineHeight();
  for (int t = 0; t < k; ++t) {
    int row = 0;
    for (int c : m[size_t(t)]) row += c;
    const float y = o.y + lh + 4 + float(t) * cell;
    dl->AddText({o.x, y + cell / 2 - lh / 2}, IM_COL32(40, 40, 40, 255), rowLabel(t).c_str());
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
    const std::string s = named ? name(p) : std::to_string(p);
    const float x = o.x + label + float(p) * cell + (cell - ImGui::CalcTextSize(s.c_str()).x) / 2;
    dl->AddText({x, o.y}, IM_COL32(90, 90, 90, 255), s.c_str());
  }
  ImGui::Dummy({label + cell * float(k), lh + 4 + cell * float(k)});
}

void TrainingPanel::drawTest() {
  if (ctl_.snapshot().confusion.empty() && !WeightsView::shows(ctl_.snapshot().weights)) {
    ImGui::TextDisabled(tr("Weights, the confusion matrix and test images are shown for CIFAR-10 runs."));
    return;
  }
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float stripH = 32 * 2 + 3 * ImGui::GetTextLineHeightWithSpacing() + 16;
  const float top = avail.y - stripH;
  long scored = 0;
  for (const auto& row : ctl_.snapshot().confusion)
    for (int c : row) scored += c;
  // Titles wrap to their column, and what is under them gets the height left (at
  // 1024x640 one-line titles were cut, and the weights' grid with them).
  const std::string confusionTitle = fmt(tr("Confusion on {} test images (rows: true class, columns: predicted), epoch {}"), scored,
                                         ctl_.snapshot().confusionEpoch);
  const float columnW = avail.x * 0.45f;
  const float side = std::min(columnW, top - ImGui::CalcTextSize(confusionTitle.c_str(), nullptr, false, columnW).y -
                                           ImGui::GetStyle().ItemSpacing.y);
  ImGui::BeginGroup();
  titleText(confusionTitle, columnW);
  drawConfusion(side);
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginGroup();
  if (WeightsView::shows(ctl_.snapshot().weights)) {
    const float w = ImGui::GetContentRegionAvail().x;
    float used = titleText(tr("First-layer weights (each scaled to its own range)"), w);
    used += weightsNoteText(epochsDone(ctl_.snapshot()), w);
    weights_->update(ctl_.snapshot().weights, ctl_.snapshot().runId, ctl_.snapshot().weightsBatch);
    weights_->draw(w, top - used);
  }
  ImGui::EndGroup();
  ImGui::Text(tr("Test images: true class, and the network's guess (green: right, red: wrong)"));
  strip_->update(ctl_.snapshot().stripPixels, ctl_.snapshot().runId);
  strip_->draw(ctl_.snapshot().stripTrue, ctl_.snapshot().stripPredicted, shownClassNames(ctl_.snapshot().classNames), 2, ImGui::GetContentRegionAvail().x);
}

}  // namespace bs::app
