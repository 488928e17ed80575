#include "gui/descent_panel.h"

#include <imgui.h>

#include <cstdio>

#include "i18n/i18n.h"
#include "gui/panels.h"

namespace bs::app {

DescentPanel::DescentPanel() : plot_(trNoop("loss of the open graph"), trNoop("step"), trNoop("loss"), true) {}

std::string DescentPanel::run(AppState& s) {
  const std::string err = s.descend(lr, steps);
  report(s, err);
  return err;
}

void DescentPanel::report(const AppState& s, const std::string& err) {
  const auto& l = s.descentLosses();
  char buf[160];
  if (l.empty()) std::snprintf(buf, sizeof buf, "%s", tr("nothing done"));
  else std::snprintf(buf, sizeof buf, tr("loss %.6g -> %.6g in %zu steps"), l.front(), l.back(), l.size() - 1);
  message_ = err.empty() ? buf : err;
}

void DescentPanel::draw(AppState& s) {
  if (!s.hasGraph()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped(tr("Gradient descent on this graph's params (its inputs and consts stay): each step is a whole "
                     "forward and backward pass, then p ← p − η · dL/dp for every param. The new values show in the "
                     "graph and the inspector; step through them as usual."));
  ImGui::PopStyleColor();
  if (const std::optional<std::string> ended = s.pollDescent()) report(s, *ended);
  // The fields of a running descent stay as it started: its "step k of N" is that N.
  ImGui::BeginDisabled(s.descending());
  ImGui::SetNextItemWidth(120);
  ImGui::InputDouble(tr("learning rate η"), &lr, 0, 0, "%.4g");
  ImGui::SetNextItemWidth(120);
  ImGui::InputInt(tr("steps"), &steps, 10, 100);
  ImGui::EndDisabled();
  lr = std::max(lr, 1e-12);
  steps = std::clamp(steps, 1, 1000000);
  if (s.descending()) {  // on a worker: the window stays live, Stop ends it after this step
    if (ImGui::Button(tr("Stop"))) s.stopDescent();
    ImGui::SameLine();
    const size_t done = s.descentLosses().empty() ? 0 : s.descentLosses().size() - 1;
    ImGui::Text(tr("descending: step %zu of %d"), done, runningSteps_);
  } else if (ImGui::Button(tr("Descend"))) {
    runningSteps_ = steps;
    if (const std::string err = s.startDescent(lr, steps); !err.empty()) message_ = err;
    else message_.clear();
  }
  ImGui::SameLine();
  if (ImGui::Button(tr("Reset edited values"))) {
    s.resetEdits();
    message_.clear();
  }
  if (!message_.empty()) paragraphText(message_);
  const auto& losses = s.descentLosses();
  if (losses.empty()) return;
  plot::Series loss{trNoop("loss"), {}, losses, IM_COL32(200, 40, 40, 255)};
  for (size_t i = 0; i < losses.size(); ++i) loss.x.push_back(double(i));
  plot_.draw({loss}, ImGui::GetContentRegionAvail().x, std::min(260.0f, ImGui::GetContentRegionAvail().y));
}

}  // namespace bs::app
