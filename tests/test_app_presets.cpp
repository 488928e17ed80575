// The window opens a training preset by name the way it opens any file:
// AppState::openFile reads lang's readGraphSource, which asks the presets the program
// registered (nn::registerPresetGraphs in main).
#include "testing.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "check/worksheet.h"
#include "session/app_state.h"
#include "nn/preset_graph.h"

using namespace bs;

TEST_CASE("the window's file opening takes preset names: the graph, its source with the data note, stepping") {
  ::setenv("BACKSTEP_DATA", "/nonexistent/backstep-cifar", 1);
  nn::registerPresetGraphs();
  for (const std::string& name : nn::presetNames()) {
    INFO(name);
    app::AppState s;
    const auto err = s.openFile(name);
    REQUIRE_FALSE(err.has_value());
    CHECK(s.title() == name);
    CHECK(s.graph().find("W1").has_value());
    CHECK(s.sourceText().rfind("# " + name + ": ", 0) == 0);
    CHECK((s.sourceText().find("SYNTHETIC") != std::string::npos) == nn::loadPreset(name).needsCifar());
    s.run(app::Command::ToEnd);
    CHECK(s.stepper().gradKnown(*s.graph().find("W1")));
  }
  app::AppState s;
  const auto err = s.openFile("ex99");
  REQUIRE(err.has_value());
  CHECK(err->message.find("or preset (ex3, ") != std::string::npos);
  ::unsetenv("BACKSTEP_DATA");
}

TEST_CASE("File > Export: the figure and the steps of the open graph, or what went wrong") {
  bs::app::AppState s;
  REQUIRE_FALSE(s.openExample("ex2"));
  const auto dir = std::filesystem::temp_directory_path() / ("backstep-export-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  CHECK(s.exportSteps((dir / "s.md").string(), false) == "no step done yet: step forward first");
  s.goTo(7);
  const std::string svg = (dir / "fig.svg").string(), md = (dir / "steps.md").string(), tex = (dir / "all.tex").string();
  CHECK(s.exportFigure(svg, true) == "wrote " + svg);
  CHECK(s.exportSteps(md, false) == "wrote " + md);
  CHECK(s.exportSteps(tex, true) == "wrote " + tex);
  std::ifstream f(md);
  const std::string text((std::istreambuf_iterator<char>(f)), {});
  CHECK(text.find("0.1959") != std::string::npos);  // step 7: dL/dW11
  CHECK(text.find("-0.38") == std::string::npos);   // only the current step
  CHECK(s.exportFigure((dir / "fig.jpg").string(), true).find("unknown figure format '.jpg'") != std::string::npos);
  CHECK(s.exportSteps((dir / "s.html").string(), true).find("the steps are written as .md (Markdown) or .tex (LaTeX)") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("File > New worksheet writes the variants of the open graph, as backstep worksheet does") {
  bs::app::AppState s;
  REQUIRE_FALSE(s.openExample("ex1a"));
  const auto dir = std::filesystem::temp_directory_path() / ("backstep-worksheet-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  CHECK(s.worksheetFilesReplaced(dir.string(), 3) == 0);
  CHECK(s.newWorksheet(dir.string(), 3, 7) == "wrote 3 variants to " + dir.string() + " (sheet-K.bsg, sheet-K.pdf, key-K.txt, answers-K.txt)");
  CHECK(std::filesystem::exists(dir / (std::string("key-") + variantName(3, 3) + ".txt")));
  int files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++files;
  CHECK(files == 12);
  CHECK(s.worksheetFilesReplaced(dir.string(), 3) == 12);  // the window asks before writing over them
  CHECK(s.worksheetFilesReplaced(dir.string(), 5) == 12);  // 01-03 again; 04 and 05 are new
  CHECK(s.worksheetFilesReplaced(dir.string(), 120) == 0);  // 001-120: other names
  CHECK(s.newWorksheet(dir.string(), 0, 7) == "between 1 and 999 variants");
  std::filesystem::remove_all(dir);
}
