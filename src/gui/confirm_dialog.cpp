// "Save changes to X?" before quitting or opening another graph: Save (to the files
// they came from, else to the paths in the fields), Discard or Cancel. Enter, D and Esc
// answer too, so the question never needs the mouse.
#include <imgui.h>
#include <imgui_stdlib.h>

#include "i18n/i18n.h"
#include "gui/panels.h"
#include "session/run_store.h"

namespace bs::app {

std::optional<Request> drawConfirmDialog(AppState& s, RunStore* runs, Confirm& c, MenuState& m) {
  const char* kTitle = tr("Unsaved changes");
  if (c.waiting() && !ImGui::IsPopupOpen(kTitle)) {
    ImGui::OpenPopup(kTitle);
    m.saveError.clear();
    if (m.targets.graph.empty() || s.filePath().empty()) m.targets.graph = s.suggestedFileName();
  }
  if (!ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return std::nullopt;
  Unsaved u = unsavedWork(s, runs);
  u.training = c.stake().training;
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 480);
  ImGui::TextUnformatted(saveQuestion(u, s.title()).c_str());
  ImGui::PopTextWrapPos();
  ImGui::TextDisabled(tr("Discard goes on without saving them."));
  auto field = [](const char* label, std::string& path) {
    ImGui::SetNextItemWidth(360);
    ImGui::InputText(label, &path);
  };
  if (u.graph && s.filePath().empty()) field(tr("graph file"), m.targets.graph);
  if (u.answers && s.answersPath().empty()) field(tr("answers file"), m.targets.answers);
  if (u.runs > 0) field(tr("folder for the runs (CSV)"), m.targets.runsDir);
  if (!m.saveError.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4{0.75f, 0.1f, 0.1f, 1});
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 480);
    ImGui::TextUnformatted(m.saveError.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
  const bool typing = ImGui::GetIO().WantTextInput;
  std::optional<Choice> choice;
  if (ImGui::Button(tr("Save (Enter)")) || (!typing && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false)))
    choice = Choice::Save;
  ImGui::SameLine();
  if (ImGui::Button(tr("Discard (D)")) || (!typing && ImGui::IsKeyPressed('D', false))) choice = Choice::Discard;
  ImGui::SameLine();
  if (ImGui::Button(tr("Cancel (Esc)")) || (!typing && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)))
    choice = Choice::Cancel;
  std::optional<Request> go;
  if (choice) {
    bool saved = false;
    if (*choice == Choice::Save) {
      m.saveError = saveUnsaved(s, runs, m.targets);
      saved = m.saveError.empty();
      if (saved && !s.filePath().empty()) rememberFile(m, s.filePath());
    }
    go = c.answer(*choice, saved);
    if (!c.waiting()) ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
  return go;
}

}  // namespace bs::app
