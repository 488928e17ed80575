#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "i18n/i18n.h"
#include "gui/panels.h"

namespace bs::app {
namespace {

// The longest start of `text` that fits `width` with "…" after it, cut between code points.
std::string fitted(const std::string& text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  std::size_t n = text.size();
  while (n > 0) {
    do --n;
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80);
    std::string cut = text.substr(0, n) + "…";
    if (ImGui::CalcTextSize(cut.c_str()).x <= width) return cut;
  }
  return "…";
}

// The last open or save result: in the bar's remaining width, all of it in a tooltip when
// it is cut, and a button that clears it (a failed Open's error does not stay for good).
void drawMessage(MenuState& m) {
  if (m.message.empty()) return;
  ImGui::SameLine();
  const ImGuiStyle& st = ImGui::GetStyle();
  const float close = ImGui::CalcTextSize("×").x + 2 * st.FramePadding.x + st.ItemSpacing.x;
  const float room = ImGui::GetContentRegionAvail().x - close - ImGui::CalcTextSize("  ").x;
  ImGui::TextDisabled("  %s", fitted(m.message, std::max(room, 0.0f)).c_str());
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40);
    ImGui::TextUnformatted(m.message.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("×##message")) m.message.clear();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Clear this message"));
}

}  // namespace

bool drawControls(AppState& s, MenuState& m) {
  if (!s.hasGraph()) return false;
  const Stepper& st = s.stepper();
  // Play and Pause as wide as each other, so the bar does not shift when they swap.
  const float playW = std::max(ImGui::CalcTextSize(tr("Pause")).x, ImGui::CalcTextSize(tr("Play")).x) + 2 * ImGui::GetStyle().FramePadding.x;
  auto button = [&](const char* label, Command c, const char* tip) {
    if (ImGui::Button(label, {c == Command::PlayPause ? playW : 0, 0})) s.run(c);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
    ImGui::SameLine();
  };
  button("|<", Command::Reset, tr("Back to the start (Home)"));
  button("<", Command::StepBack, tr("Step back (Left)"));
  button(s.playing() ? tr("Pause") : tr("Play"), Command::PlayPause, tr("Play or pause (Space)"));
  button(">", Command::StepForward, tr("Step forward (Right)"));
  button(">|", Command::ToEnd, tr("Jump to the end (End)"));

  int k = st.cursor();
  ImGui::SetNextItemWidth(220);
  if (ImGui::SliderInt("##step", &k, 0, st.size(), tr("step %d"))) s.goTo(k);
  ImGui::SameLine();
  float speed = float(s.speed());
  ImGui::SetNextItemWidth(120);
  // The number beside the slider, in a fixed width: its handle covered it inside.
  if (ImGui::SliderFloat("##speed", &speed, 0.25f, 10.0f, "", ImGuiSliderFlags_Logarithmic)) s.setSpeed(speed);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip(tr("Steps per second while playing"));
  ImGui::SameLine();
  const float speedX = ImGui::GetCursorPosX();
  ImGui::Text(tr("%.2g steps/s"), s.speed());
  char widest[48];
  std::snprintf(widest, sizeof widest, tr("%.2g steps/s"), 0.25);
  ImGui::SameLine(speedX + ImGui::CalcTextSize(widest).x + ImGui::GetStyle().ItemSpacing.x);
  const bool fit = ImGui::Button(tr("Fit"));
  ImGui::SameLine();
  // The counter and phase, always visible.
  auto cur = s.currentStep();
  const char* phase = !cur ? tr("start") : st.record(*cur).step.phase == Phase::Forward ? tr("forward") : tr("backward");
  const std::string status = fmt(tr("Step {} of {}  ·  {}  ·  {}{}"), st.cursor(), st.size(), phase, s.title(),
                                 s.graphUnsaved() ? tr(" (unsaved)") : "");
  // A long title (a paused run's) is cut to the bar, leaving room for a message.
  const float room = ImGui::GetContentRegionAvail().x * (m.message.empty() ? 1.0f : 0.6f);
  const std::string shown = fitted(status, room);
  ImGui::TextUnformatted(shown.c_str());
  if (shown != status && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", status.c_str());
  drawMessage(m);
  return fit;
}

}  // namespace bs::app
