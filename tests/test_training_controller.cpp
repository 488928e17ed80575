// The training window's controller with no display: the edited preset and the rules
// between its settings, starting runs and filing them, the course comparison's queue,
// and bad requests.
#include <chrono>
#include <filesystem>
#include <thread>

#include "session/training_controller.h"
#include "session/weights_note.h"
#include "testing.h"

using namespace bs;
using namespace bs::app;

namespace {
std::string settingsFile(const char* name) {
  const auto p = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove(p);
  return p.string();
}
}  // namespace

TEST_CASE("the edited preset: fields override the preset, the sample order follows the seed") {
  TrainingController c(settingsFile("bs-controller-1.ini"));
  c.selectPreset("ex3");
  CHECK(c.edits.lr == c.preset().train.optimizer.lr);
  CHECK(c.edits.epochs == c.preset().train.epochs);
  c.edits.lr = 0.01;
  c.edits.batch = 50;
  c.edits.epochs = 3;
  c.edits.seed = 7;
  const nn::Preset p = c.editedPreset();
  CHECK(p.train.optimizer.lr == 0.01);
  CHECK(p.train.batch == 50);
  CHECK(p.train.epochs == 3);
  CHECK(p.seed == 7);
  CHECK(p.train.seed == 8);
  // A strength of 0 turns the regulariser off; a positive one on an unregularised preset means L2.
  c.edits.reg = 0;
  CHECK(c.editedPreset().objective.reg.kind == nn::Regularizer::None);
  c.selectPreset("ex6");
  REQUIRE(c.preset().objective.reg.kind == nn::Regularizer::None);
  c.edits.reg = 0.5;
  CHECK(c.editedPreset().objective.reg.kind == nn::Regularizer::L2);
  CHECK(c.editedPreset().objective.reg.strength == 0.5);
  // Out-of-range fields are clamped, never passed on.
  c.edits.batch = -3;
  c.edits.epochs = 0;
  CHECK(c.editedPreset().train.batch == 0);
  CHECK(c.editedPreset().train.epochs == 1);
  // The same rules as `backstep train --seed`: one function holds them.
  CHECK(nn::withOverrides(nn::loadPreset("ex6"), {.seed = 41}).train.seed == 42);
}

TEST_CASE("training now files the run, shows the window and the asked tab") {
  TrainingController c(settingsFile("bs-controller-2.ini"));
  TrainingRequest r;
  r.presets = {"ex6"};
  r.view = "compare";
  CHECK(c.trainNow(r) == "");
  CHECK(c.show);
  CHECK(c.tab == "compare");
  REQUIRE(c.runs().runs().size() == 1);
  CHECK(c.lastRun == c.runs().runs().front().id);
  CHECK(c.snapshot().history.back().trainAcc == 1.0);
  CHECK(c.runs().overlaid().size() == 1);
}

TEST_CASE("bad requests give messages") {
  TrainingController c(settingsFile("bs-controller-3.ini"));
  TrainingRequest r;
  r.presets = {"no-such-preset"};
  CHECK(c.trainNow(r).find("no-such-preset: no such file, and not a built-in preset") == 0);
  c.selectPreset("no-such-preset");
  CHECK(c.message.find("no-such-preset") != std::string::npos);
  CHECK(c.preset().name == "ex6");  // the preset before stays
  r.presets = {"ex3"};
  r.data = "/nonexistent/cifar";
  CHECK(c.trainNow(r).find("ex3: /nonexistent/cifar") == 0);
}

TEST_CASE("the course comparison trains what is missing, one after another, and stops at a failure") {
  TrainingController c(settingsFile("bs-controller-4.ini"));
  c.showCourseComparison();
  CHECK(c.missing.size() == 4);  // no run of ex3, ex4, SVM, softmax yet
  TrainingRequest base;
  base.data = "/nonexistent/cifar";  // they need CIFAR-10: the first one fails and the queue stops
  c.trainMissingCourseRuns(base);
  for (int i = 0; i < 100000 && (c.queueing() || c.running()); ++i) {  // up to 100 s, polled as a frame would
    c.poll();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  CHECK_FALSE(c.queueing());
  CHECK(c.snapshot().state == SessionState::Failed);
  CHECK(c.runs().runs().empty());
}

TEST_CASE("the weight images are said to look like noise, as expected, until a few epochs have passed") {
  CHECK(weightsNote(0).rfind("Before any epoch", 0) == 0);
  CHECK(weightsNote(1).rfind("After 1 epoch the weights still look like noise: that is expected", 0) == 0);
  CHECK(weightsNote(kWeightsTakeShape - 1).find(std::to_string(kWeightsTakeShape - 1) + " epochs") != std::string::npos);
  CHECK(weightsNote(kWeightsTakeShape).empty());
  CHECK(weightsNote(50).empty());
}
