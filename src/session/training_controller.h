// What the training window does, with no window: the preset being edited, starting a
// run (or the course comparison's missing runs one after another), filing finished
// runs in the run store, training synchronously before a screenshot, and the
// remembered settings. The panel (src/gui/training_panel) only draws it and forwards
// clicks; this is tested with no display.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "nn/preset.h"
#include "session/run_store.h"
#include "session/settings.h"
#include "session/training_request.h"
#include "session/training_session.h"

namespace bs::app {

// The fields the window lets a user change before Start.
struct PresetEdits {
  double lr = 0, reg = 0;
  int batch = 0, epochs = 1, seed = 1;
};

class TrainingController {
 public:
  explicit TrainingController(std::string settingsPath = Settings::defaultPath());

  const std::vector<std::string>& presets() const { return presets_; }
  const nn::Preset& preset() const { return preset_; }
  // Loads a preset and puts its settings in the fields; a bad name goes to `message`.
  void selectPreset(const std::string& name);
  PresetEdits edits;
  nn::Preset editedPreset() const;

  // Start: the edited preset on the worker. `cifarPath` is remembered for next time;
  // `epochsPerSecond` slows two-input and parity runs down to be watched (0: full speed).
  void start(const std::string& cifarPath, double epochsPerSecond);
  // One preset with a request's settings (data, epochs, threads), on the worker; returns
  // an error message or "".
  std::string startRun(const std::string& preset, const TrainingRequest& r);
  // Trains synchronously (before a screenshot). An error message, or "" when every run
  // finished (a diverged run is an error too).
  std::string trainNow(const TrainingRequest& r);
  // Overlays the latest runs of ex3, ex4, SVM and softmax; `missing` says which have none.
  void showCourseComparison();
  // Trains the missing ones one after another with `base`'s settings, then overlays all four.
  void trainMissingCourseRuns(const TrainingRequest& base);

  // Once a frame: takes the worker's news and files a finished run. True if the
  // snapshot changed.
  bool poll();
  bool running() const { return sessionActive(session_.state()); }
  bool queueing() const { return queueing_; }

  TrainingSession& session() { return session_; }
  const Snapshot& snapshot() const { return snap_; }
  RunStore& runs() { return runs_; }
  Settings& settings() { return settings_; }
  void saveSettings();  // a failure goes to `message`

  std::string message;                // the last problem or result, for the panel
  std::vector<std::string> missing;   // course presets with no run yet
  int lastRun = 0;                    // the id of the run filed last
  // What the window should show after an action: the training window, and a tab
  // ("live", "compare", "test"); the panel takes them.
  bool show = false;
  std::string tab;
  int compareMetric = 3;  // RunMetric::TestAcc

 private:
  void startQueued();  // the next preset of the queue, if nothing is training

  std::string settingsPath_;
  Settings settings_;
  std::vector<std::string> presets_;
  nn::Preset preset_;
  TrainingSession session_;
  Snapshot snap_;
  RunStore runs_;
  std::vector<std::string> queue_;  // presets still to train, in order
  bool queueing_ = false;
  TrainingRequest queueBase_;
};

}  // namespace bs::app
