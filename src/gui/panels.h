// The panels besides the graph view. Each reads the AppState and issues its commands;
// none keeps numbers of its own.
#pragma once
#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

#include "session/app_state.h"
#include "session/confirm.h"

namespace bs::app {

// What the menu and the keys ask the window to do (things that need the window itself).
struct MenuRequests {
  bool fit = false;
  bool quit = false;           // close now (after any question about unsaved work)
  std::optional<Request> replace;  // quit or open another graph: asked first if work is unsaved
  bool open = false, save = false, saveAs = false, undo = false, redo = false;  // keys for the menu's items
  std::string screenshotPath;  // non-empty: write the next frame as a PNG here
};

// The state of the menu's popups (typed paths) and its last message.
struct MenuState {
  std::string openPath;
  std::string screenshotPath = "backstep.png";
  std::string answersPath = "answers.txt";  // the Answers menu's load / save path
  std::string figurePath = "figure.svg", stepsPath = "steps.md";  // File > Export
  bool figureNumbers = true, allSteps = false;
  std::string worksheetDir = "worksheets";  // File > New worksheet
  int worksheetVariants = 20, worksheetSeed = 1;
  std::string message;  // the last open or save result, shown in the controls bar
  std::string openError;  // why the last Open failed, in a dialog until OK
  std::string savePath;  // File > Save as
  // The settings file that keeps the recent files ("" in screenshots and benchmarks:
  // nothing is remembered) and the list the menu shows.
  std::string settingsPath;
  std::vector<std::string> recent;
  SaveTargets targets{"", "answers.txt", "runs"};  // where the unsaved-work question saves
  std::string saveError;  // why its last Save failed
  bool guide = false;     // Help > Guide is open
};

void drawMenu(AppState& s, MenuState& m, MenuRequests& out);
// "opened X" in the controls bar, or the error located in X in a dialog.
void reportOpen(MenuState& m, const std::optional<SourceError>& err, const std::string& what);
// Puts a file opened or saved first in the recent files (and the settings file).
void rememberFile(MenuState& m, const std::string& path);
// The question before a request would lose unsaved work ("Save changes to X?": Save,
// Discard, Cancel; confirm_dialog.cpp). Returns the request to carry out now, if any.
std::optional<Request> drawConfirmDialog(AppState& s, RunStore* runs, Confirm& c, MenuState& m);
// A modal asking for a path (and an option, if `option`): true on `action` or Enter;
// Esc cancels.
// Under the field, the folder's files (file_browser.cpp); `extensions` keeps only those.
bool pathPopup(const char* title, const char* help, std::string& path, const char* action, const char* option = nullptr,
               bool* flag = nullptr, const std::vector<std::string>& extensions = {});
// The file browser: true when a file was double-clicked (take it).
bool fileBrowser(std::string& path, const std::vector<std::string>& extensions);
// Step buttons, step slider, play/pause and speed, the step counter and phase.
// Returns true if "Fit" was pressed. The last message, cut to the bar with a clear button.
bool drawControls(AppState& s, MenuState& m);
// The current step's arithmetic (the text of `backstep trace`) and the selected node.
void drawInspector(AppState& s);
// A line of arithmetic in the panel's width, broken between its forms, never inside a number.
void arithmeticText(const std::string& line, const ImVec4* colour = nullptr);
// Lines (split at '\n') each wrapped as arithmeticText: ImGui's own wrapping breaks after
// a '.', and so inside a number (`0.` / `3928]`).
void paragraphText(const std::string& text, const ImVec4* colour = nullptr);
// Help > Guide (guide_window.cpp): where to start, the colours, every op, the file
// formats; `open` is cleared by its close button.
void drawGuide(bool& open);
// The .bsg source (in `mono`) with Apply and the error, if any, at its line and column.
void drawSourceEditor(AppState& s, ImFont* mono);
// Answers mode (answers_panel.cpp): the inspector's fields for the node's value and
// gradient with verdicts and explanations; the Answers menu (inside the main menu bar)
// and its load / save popups (after it).
void drawAnswerFields(AppState& s, int node);
void drawAnswersMenu(AppState& s, MenuState& m, bool& load, bool& save);
void drawAnswersPopups(AppState& s, MenuState& m, bool load, bool save);

}  // namespace bs::app
