#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

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
  bool openFile = false, saveImage = false, exportFigure = false, exportSteps = false, worksheet = false;
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
      exportFigure = ImGui::MenuItem("Export figure (SVG, PDF, PNG, TikZ)...");
      exportSteps = ImGui::MenuItem("Export steps (Markdown, LaTeX)...");
      worksheet = ImGui::MenuItem("New worksheet...");
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
  if (exportFigure) ImGui::OpenPopup("Export the graph as a figure");
  if (exportSteps) ImGui::OpenPopup("Export the steps");
  if (worksheet) ImGui::OpenPopup("New worksheet");
  if (ImGui::BeginPopupModal("New worksheet", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted("Variants of this graph with new numbers, each with its key and a template to fill.");
    ImGui::SetNextItemWidth(400);
    ImGui::InputText("folder", &m.worksheetDir);
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt("variants", &m.worksheetVariants);
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt("seed", &m.worksheetSeed);
    if (ImGui::Button("Write")) {
      m.message = s.newWorksheet(m.worksheetDir, m.worksheetVariants, unsigned(std::max(0, m.worksheetSeed)));
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  if (ImGui::BeginPopupModal("Export the graph as a figure", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted("The format is the file's: .svg, .pdf, .png, or .tex (TikZ, for \\input in LaTeX).");
    ImGui::SetNextItemWidth(400);
    const bool enter = ImGui::InputText("path", &m.figurePath, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::Checkbox("with the numbers of the current step (else a clean graph)", &m.figureNumbers);
    if (enter || ImGui::Button("Export")) {
      m.message = s.exportFigure(m.figurePath, m.figureNumbers);
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  if (ImGui::BeginPopupModal("Export the steps", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted("The steps as on paper: .md (Markdown, $...$ math) or .tex (LaTeX align*, needs amsmath).");
    ImGui::SetNextItemWidth(400);
    const bool enter = ImGui::InputText("path", &m.stepsPath, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::Checkbox("every step so far (else the current one)", &m.allSteps);
    if (enter || ImGui::Button("Export")) {
      m.message = s.exportSteps(m.stepsPath, m.allSteps);
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
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
