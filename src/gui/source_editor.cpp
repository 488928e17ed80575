#include <imgui.h>
#include <imgui_stdlib.h>

#include <sstream>

#include "i18n/i18n.h"
#include "gui/panels.h"

namespace bs::app {

namespace {
std::string lineOf(const std::string& text, int line) {
  std::istringstream in(text);
  std::string l;
  for (int i = 1; std::getline(in, l); ++i)
    if (i == line) return l;
  return "";
}
}  // namespace

void drawSourceEditor(AppState& s, ImFont* mono) {
  if (!s.hasSource()) {
    ImGui::TextWrapped(tr("This graph was built by the program; it has no source to edit."));
    return;
  }
  const bool apply = ImGui::Button(tr("Apply (Ctrl+Enter)"));
  ImGui::SameLine();
  ImGui::TextDisabled(tr("on an error the last good graph stays"));
  if (const auto& e = s.sourceError()) {
    const ImVec4 red{0.8f, 0.1f, 0.1f, 1};
    if (e->line > 0) {
      ImGui::PushStyleColor(ImGuiCol_Text, red);
      paragraphText(fmt(tr("line {}, column {}: {}"), e->line, e->col, e->message));
      ImGui::PopStyleColor();
      // The line with a caret under the column, as a compiler shows it.
      ImGui::PushFont(mono);
      ImGui::PushStyleColor(ImGuiCol_Text, red);
      ImGui::TextUnformatted(("  " + lineOf(s.sourceText(), e->line)).c_str());
      ImGui::TextUnformatted(("  " + std::string(size_t(std::max(e->col - 1, 0)), ' ') + "^").c_str());
      ImGui::PopStyleColor();
      ImGui::PopFont();
    } else {
      ImGui::PushStyleColor(ImGuiCol_Text, red);
      paragraphText(e->message);
      ImGui::PopStyleColor();
    }
  }
  ImGui::PushFont(mono);
  const std::string typed = s.sourceText();
  ImGui::InputTextMultiline("##source", &s.sourceText(), ImGui::GetContentRegionAvail(), ImGuiInputTextFlags_AllowTabInput);
  // Esc leaves the field, but ImGui 1.86 also puts back the text it had when entered:
  // keep what was typed (it is unsaved work; a second Esc asks before quitting).
  if (ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) s.sourceText() = typed;
  ImGui::PopFont();
  // In a multi-line field ImGui 1.86 ends editing on Ctrl+Enter (Enter is a new line).
  const bool ctrlEnter = ImGui::IsItemDeactivated() && ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter));
  if (apply || ctrlEnter) s.applySource();
}

}  // namespace bs::app
