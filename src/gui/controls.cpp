#include <imgui.h>

#include "gui/panels.h"

namespace bs::app {

bool drawControls(AppState& s, const MenuState& m) {
  if (!s.hasGraph()) return false;
  const Stepper& st = s.stepper();
  auto button = [&](const char* label, Command c, const char* tip) {
    if (ImGui::Button(label)) s.run(c);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
    ImGui::SameLine();
  };
  button("|<", Command::Reset, "Back to the start (Home)");
  button("<", Command::StepBack, "Step back (Left)");
  button(s.playing() ? "Pause" : "Play", Command::PlayPause, "Play or pause (Space)");
  button(">", Command::StepForward, "Step forward (Right)");
  button(">|", Command::ToEnd, "Jump to the end (End)");

  int k = st.cursor();
  ImGui::SetNextItemWidth(220);
  if (ImGui::SliderInt("##step", &k, 0, st.size(), "step %d")) s.goTo(k);
  ImGui::SameLine();
  float speed = float(s.speed());
  ImGui::SetNextItemWidth(120);
  if (ImGui::SliderFloat("steps/s", &speed, 0.25f, 10.0f, "%.2g", ImGuiSliderFlags_Logarithmic)) s.setSpeed(speed);
  ImGui::SameLine();
  const bool fit = ImGui::Button("Fit");
  ImGui::SameLine();
  // The counter and phase, always visible.
  auto cur = s.currentStep();
  const char* phase = !cur ? "start" : st.record(*cur).step.phase == Phase::Forward ? "forward" : "backward";
  ImGui::Text("Step %d of %d  ·  %s  ·  %s%s", st.cursor(), st.size(), phase, s.title().c_str(),
              s.graphUnsaved() ? " (unsaved)" : "");
  if (!m.message.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("  %s", m.message.c_str());
  }
  return fit;
}

}  // namespace bs::app
