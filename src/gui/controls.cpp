#include <imgui.h>

#include "gui/panels.h"

namespace bs::app {

bool drawControls(AppState& s, const MenuState& m) {
  if (!s.hasGraph()) return false;
  const Stepper& st = s.stepper();
  // Play and Pause as wide as each other, so the bar does not shift when they swap.
  const float playW = ImGui::CalcTextSize("Pause").x + 2 * ImGui::GetStyle().FramePadding.x;
  auto button = [&](const char* label, Command c, const char* tip) {
    if (ImGui::Button(label, {c == Command::PlayPause ? playW : 0, 0})) s.run(c);
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
  // The number beside the slider, in a fixed width: its handle covered it inside.
  if (ImGui::SliderFloat("##speed", &speed, 0.25f, 10.0f, "", ImGuiSliderFlags_Logarithmic)) s.setSpeed(speed);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Steps per second while playing");
  ImGui::SameLine();
  const float speedX = ImGui::GetCursorPosX();
  ImGui::Text("%.2g steps/s", s.speed());
  ImGui::SameLine(speedX + ImGui::CalcTextSize("0.25 steps/s").x + ImGui::GetStyle().ItemSpacing.x);
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
