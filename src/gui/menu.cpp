#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "i18n/i18n.h"
#include "gui/panels.h"
#include "assets/embedded.h"
#include "session/settings.h"

namespace bs::app {

void reportOpen(MenuState& m, const std::optional<SourceError>& err, const std::string& what) {
  if (!err) {
    m.message = fmt(tr("opened {}"), what);
    return;
  }
  m.message = fmt(tr("could not open {}"), what);
  m.openError = err->located(what);  // all of it, in a dialog (the bar would cut it)
}

namespace {
// Why the last Open failed, whole and wrapped, until OK (Enter or Esc).
void drawOpenError(MenuState& m) {
  if (m.openError.empty()) return;
  const char* title = tr("Could not open the file");
  if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
  if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
  ImGui::TextUnformatted(m.openError.c_str());
  ImGui::PopTextWrapPos();
  const bool key = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                   ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
  if (ImGui::Button(tr("OK"), {90, 0}) || key) {
    m.openError.clear();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}
}  // namespace

void rememberFile(MenuState& m, const std::string& path) {
  if (m.settingsPath.empty() || path.empty()) return;
  try {
    Settings::update(m.settingsPath, [&](Settings& s) {
      s.addRecent(path);
      m.recent = s.recent;
    });
  } catch (const std::exception& e) {
    m.message = fmt(tr("the recent files are not remembered: {}"), e.what());
  }
}

namespace {
void saveTo(AppState& s, MenuState& m, const std::string& path) {
  const std::string err = s.saveGraph(path);
  m.message = err.empty() ? fmt(tr("saved {}"), s.filePath()) : err;
  if (err.empty()) rememberFile(m, s.filePath());
}

void drawEditMenu(AppState& s, MenuState& m, MenuRequests& out) {
  if (ImGui::BeginMenu(tr("Edit"))) {
    const std::string undo = fmt(tr("Undo {}"), s.undoLabel()), redo = fmt(tr("Redo {}"), s.redoLabel());
    out.undo |= ImGui::MenuItem(undo.c_str(), "Ctrl+Z", false, s.canUndo());
    out.redo |= ImGui::MenuItem(redo.c_str(), "Ctrl+Shift+Z, Ctrl+Y", false, s.canRedo());
    ImGui::EndMenu();
  }
  const std::string undone = s.undoLabel(), redone = s.redoLabel();
  if (out.undo && s.undo()) m.message = fmt(tr("undone: {}"), undone);
  if (out.redo && s.redo()) m.message = fmt(tr("redone: {}"), redone);
}
}  // namespace

namespace {
// View > Language: each language named in itself; the next frame speaks it, and the
// settings file remembers it (not for a screenshot, which has no settings path).
void drawLanguageMenu(MenuState& m) {
  if (!ImGui::BeginMenu(tr("Language"))) return;
  for (const i18n::Lang l : {i18n::Lang::En, i18n::Lang::Es}) {
    const char* name = l == i18n::Lang::En ? "English" : "Español";  // i18n: a language's own name
    if (!ImGui::MenuItem(name, nullptr, i18n::language() == l) || i18n::language() == l) continue;
    i18n::setLanguage(l);
    if (m.settingsPath.empty()) continue;
    try {
      Settings::update(m.settingsPath, [&](Settings& s) { s.language = i18n::code(l); });
    } catch (const std::exception& e) {
      m.message = fmt(tr("the language is not remembered: {}"), e.what());
    }
  }
  ImGui::EndMenu();
}

// Esc closes a popup, unless it leaves a field being typed in first.
bool escapePressed() {
  return !ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
}
}  // namespace

bool pathPopup(const char* title, const char* help, std::string& path, const char* action, const char* option, bool* flag,
               const std::vector<std::string>& extensions) {
  if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return false;
  if (help) ImGui::TextUnformatted(help);
  ImGui::SetNextItemWidth(400);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();  // type at once
  const bool enter = ImGui::InputText(tr("path"), &path, ImGuiInputTextFlags_EnterReturnsTrue);
  const bool picked = fileBrowser(path, extensions);
  if (option) ImGui::Checkbox(option, flag);
  const bool ok = enter || picked || ImGui::Button(action) ||
                  (!ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false));
  if (!ok) {
    ImGui::SameLine();
    if (ImGui::Button(tr("Cancel (Esc)")) || escapePressed()) ImGui::CloseCurrentPopup();
  } else {
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
  return ok;
}

void drawMenu(AppState& s, MenuState& m, MenuRequests& out) {
  bool openFile = out.open, saveAs = out.saveAs, saveImage = false, exportFigure = false, exportSteps = false, worksheet = false;
  bool loadAnswers = false, saveAnswers = false;
  if (ImGui::BeginMainMenuBar()) {
    if (ImGui::BeginMenu(tr("File"))) {
      if (ImGui::BeginMenu(tr("Open example"))) {
        for (const std::string& name : exampleNames())
          if (ImGui::MenuItem(name.c_str())) out.replace = Request{Request::Action::OpenExample, name};
        ImGui::EndMenu();
      }
      openFile |= ImGui::MenuItem(tr("Open file..."), "Ctrl+O");
      if (ImGui::BeginMenu(tr("Open recent"), !m.recent.empty())) {
        for (const std::string& path : m.recent)
          if (ImGui::MenuItem(path.c_str())) out.replace = Request{Request::Action::OpenFile, path};
        ImGui::EndMenu();
      }
      ImGui::Separator();
      out.save |= ImGui::MenuItem(tr("Save"), "Ctrl+S", false, s.hasGraph());
      saveAs |= ImGui::MenuItem(tr("Save as..."), "Ctrl+Shift+S", false, s.hasGraph());
      ImGui::Separator();
      saveImage = ImGui::MenuItem(tr("Save image (PNG)..."));
      exportFigure = ImGui::MenuItem(tr("Export figure (SVG, PDF, PNG, TikZ)..."));
      exportSteps = ImGui::MenuItem(tr("Export steps (Markdown, LaTeX)..."));
      worksheet = ImGui::MenuItem(tr("New worksheet..."));
      ImGui::Separator();
      if (ImGui::MenuItem(tr("Quit"), "Esc")) out.replace = Request{Request::Action::Quit, ""};
      ImGui::EndMenu();
    }
    drawEditMenu(s, m, out);
    if (ImGui::BeginMenu(tr("View"))) {
      out.fit = ImGui::MenuItem(tr("Fit the graph to the window"), "F");
      drawLanguageMenu(m);
      ImGui::EndMenu();
    }
    drawAnswersMenu(s, m, loadAnswers, saveAnswers);
    if (ImGui::BeginMenu(tr("Help"))) {
      ImGui::MenuItem(tr("Guide: where to start, the colours, the ops, the files"), nullptr, &m.guide);
      ImGui::Separator();
      ImGui::TextUnformatted(tr("Right / Left: step forward / back\nSpace: play / pause\nHome / End: start / end\n"
                             "F: fit the graph\nDrag: pan   Wheel: zoom   Click a node: inspect it"));
      ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
  }
  drawAnswersPopups(s, m, loadAnswers, saveAnswers);
  drawOpenError(m);
  if (out.save && s.hasGraph()) {
    if (s.filePath().empty()) saveAs = true;  // an example or a built graph: ask where
    else saveTo(s, m, s.filePath());
  }
  if (saveAs && s.hasGraph()) {
    m.savePath = s.suggestedFileName();
    ImGui::OpenPopup(tr("Save the graph as"));
  }
  if (openFile) ImGui::OpenPopup(tr("Open a .bsg file"));
  if (saveImage) ImGui::OpenPopup(tr("Save the window as a PNG"));
  if (exportFigure) ImGui::OpenPopup(tr("Export the graph as a figure"));
  if (exportSteps) ImGui::OpenPopup(tr("Export the steps"));
  if (worksheet) ImGui::OpenPopup(tr("New worksheet"));
  if (ImGui::BeginPopupModal(tr("New worksheet"), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted(tr("Variants of this graph with new numbers, each with its key and a template to fill."));
    ImGui::SetNextItemWidth(400);
    ImGui::InputText(tr("folder"), &m.worksheetDir);
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt(tr("variants"), &m.worksheetVariants);
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt(tr("seed"), &m.worksheetSeed);
    // Sheets already handed out are work too: writing over them is asked first.
    const int replaced = s.worksheetFilesReplaced(m.worksheetDir, m.worksheetVariants);
    if (replaced > 0)
      ImGui::TextColored({0.75f, 0.1f, 0.1f, 1}, tr("%s already has %d of these files: Write replaces them."), m.worksheetDir.c_str(), replaced);
    if (ImGui::Button(replaced > 0 ? tr("Write (replace)") : tr("Write"))) {
      m.message = s.newWorksheet(m.worksheetDir, m.worksheetVariants, unsigned(std::max(0, m.worksheetSeed)));
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button(tr("Cancel (Esc)")) || escapePressed()) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  if (pathPopup(tr("Export the graph as a figure"), tr("The format is the file's: .svg, .pdf, .png, or .tex (TikZ, for \\input in LaTeX)."),
                m.figurePath, tr("Export"), tr("with the numbers of the current step (else a clean graph)"), &m.figureNumbers))
    m.message = s.exportFigure(m.figurePath, m.figureNumbers);
  if (pathPopup(tr("Export the steps"), tr("The steps as on paper: .md (Markdown, $...$ math) or .tex (LaTeX align*, needs amsmath)."),
                m.stepsPath, tr("Export"), tr("every step so far (else the current one)"), &m.allSteps))
    m.message = s.exportSteps(m.stepsPath, m.allSteps);
  if (pathPopup(tr("Open a .bsg file"), nullptr, m.openPath, tr("Open"), nullptr, nullptr, {".bsg"})) out.replace = Request{Request::Action::OpenFile, m.openPath};
  if (pathPopup(tr("Save the graph as"), tr("The .bsg text of the graph (.bsg is added to a name without an extension)."), m.savePath, tr("Save")))
    saveTo(s, m, m.savePath);
  if (pathPopup(tr("Save the window as a PNG"), nullptr, m.screenshotPath, tr("Save"))) out.screenshotPath = m.screenshotPath;
}

}  // namespace bs::app
