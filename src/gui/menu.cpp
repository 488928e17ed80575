#include <imgui.h>
#include <imgui_stdlib.h>

#include "gui/panels.h"
#include "assets/embedded.h"

namespace bs::app {

namespace {
void report(MenuState& m, const std::optional<SourceError>& err, const std::string& what) {
  if (!err) m.message = "opened " + what;
  else m.message = err->located(what);
}
}  // namespace

void drawMenu(AppState& s, MenuState& m, MenuRequests& out) {
  bool openFile = false, saveImage = false;
  bool loadAnswers = false, saveAnswers = false;
  if (ImGui::BeginMainMenuBar()) {
    if (ImGui::BeginMenu("File")) {
      if (ImGui::BeginMenu("Open example")) {
        for (const std::string& name : exampleNames())
          if (ImGui::MenuItem(name.c_str())) report(m, s.openExample(name), name);
        ImGui::EndMenu();
      }
      openFile = ImGui::MenuItem("Open file...");
      saveImage = ImGui::MenuItem("Save image (PNG)...");
      ImGui::Separator();
      out.quit = ImGui::MenuItem("Quit", "Esc");
      ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
      out.fit = ImGui::MenuItem("Fit the graph to the window", "F");
      ImGui::EndMenu();
    }
    drawAnswersMenu(s, m, loadAnswers, saveAnswers);
    if (ImGui::BeginMenu("Help")) {
      ImGui::TextUnformatted("Right / Left: step forward / back\nSpace: play / pause\nHome / End: start / end\n"
                             "F: fit the graph\nDrag: pan   Wheel: zoom   Click a node: inspect it");
      ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
  }
  drawAnswersPopups(s, m, loadAnswers, saveAnswers);
  if (openFile) ImGui::OpenPopup("Open a .bsg file");
  if (saveImage) ImGui::OpenPopup("Save the window as a PNG");
  if (ImGui::BeginPopupModal("Open a .bsg file", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::SetNextItemWidth(400);
    const bool enter = ImGui::InputText("path", &m.openPath, ImGuiInputTextFlags_EnterReturnsTrue);
    if (enter || ImGui::Button("Open")) {
      report(m, s.openFile(m.openPath), m.openPath);
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  if (ImGui::BeginPopupModal("Save the window as a PNG", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::SetNextItemWidth(400);
    const bool enter = ImGui::InputText("path", &m.screenshotPath, ImGuiInputTextFlags_EnterReturnsTrue);
    if (enter || ImGui::Button("Save")) {
      out.screenshotPath = m.screenshotPath;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

}  // namespace bs::app
