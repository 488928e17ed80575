// The window opens a training preset by name the way it opens any file:
// AppState::openFile reads lang's readGraphSource, which asks the presets the program
// registered (nn::registerPresetGraphs in main).
#include "testing.h"

#include <cstdlib>

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
