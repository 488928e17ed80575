// The training window: pick a preset, edit its main settings, Start / Pause / Resume /
// Stop, and watch it learn: live curves, the comparison of runs, first-layer weights,
// the confusion matrix and test images, and the decision boundary of two-input
// problems. Training runs in a TrainingSession; every finished run lands in a
// RunStore. Needs a current OpenGL context (the views compile shaders).
#pragma once
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "app/run_store.h"
#include "app/settings.h"
#include "app/training_request.h"
#include "app/training_session.h"
#include "nn/preset.h"

namespace bs::app {

namespace plot {
class PlotView;
}
class WeightsView;
class ImageStrip;
class DecisionBoundaryView;

class TrainingPanel {
 public:
  // Shaders are the embedded ones, or read from `shaderDir`. Throws gl::ShaderError
  // if one does not compile.
  explicit TrainingPanel(std::string settingsPath = Settings::defaultPath(), const std::string& shaderDir = "");
  ~TrainingPanel();
  TrainingPanel(const TrainingPanel&) = delete;
  TrainingPanel& operator=(const TrainingPanel&) = delete;

  bool visible = false;
  // A "Training" menu appended to the main menu bar.
  void drawMenu();
  // The training window, over the whole work area while visible.
  void draw();
  // Trains synchronously (before a screenshot) and shows the result. Returns an error
  // message, or "" if every run finished (a diverged run is an error too).
  std::string trainNow(const TrainingRequest& r);
  // Starts one preset with the request's settings on the worker and returns at once
  // (an error message, or "").
  std::string startRun(const std::string& preset, const TrainingRequest& r);
  bool running() const;
  // Trains the course comparison's presets that have no run yet, one after another
  // with `base`'s settings (data, epochs, threads), then overlays all four.
  void trainMissingCourseRuns(const TrainingRequest& base);
  bool queueing() const { return queueing_; }
  // "Step through this batch" was pressed on a paused run: the graph to open in the
  // step-through view, and its title; null otherwise. Handed over once.
  std::shared_ptr<const Graph> takeStepRequest(std::string& title);

  RunStore& runs() { return runs_; }
  const Snapshot& snapshot() const { return snap_; }

 private:
  void selectPreset(const std::string& name);
  // Overlays the latest runs of ex3, ex4, SVM and softmax on the Compare tab.
  void showCourseComparison();
  void startQueued();  // the next preset of queue_, if nothing is training
  nn::Preset editedPreset() const;
  void start();
  void poll();
  void rebuildSeries();
  void drawControls();
  void drawRuns();
  void drawLive();
  void drawCompare();
  void drawTest();
  void drawConfusion(float side);

  std::string settingsPath_;
  Settings settings_;
  std::vector<std::string> presets_;
  int presetIndex_ = 0;
  nn::Preset preset_;
  double lr_ = 0, reg_ = 0;
  int batch_ = 0, epochs_ = 0, seed_ = 1;
  std::string cifarEdit_;
  int speed_ = 0;  // index into the speeds of two-input and parity runs (0: full speed)
  std::string message_;

  TrainingSession session_;
  Snapshot snap_;
  RunStore runs_;
  std::vector<plot::Series> loss_, acc_, batchLoss_;
  bool seriesStale_ = false;
  std::chrono::steady_clock::time_point lastRebuild_;
  int compareMetric_ = 3;  // RunMetric::TestAcc
  int saveRun_ = 0;
  std::string savePath_ = "run.csv", openPath_;
  std::string pendingTab_;
  std::vector<std::string> missing_;  // course presets with no run yet
  std::vector<std::string> queue_;    // presets still to train, in order
  bool queueing_ = false;
  TrainingRequest queueBase_;
  std::shared_ptr<const Graph> stepRequest_;
  std::string stepTitle_;

  std::unique_ptr<plot::PlotView> lossPlot_, accPlot_, batchPlot_, comparePlot_;
  std::unique_ptr<WeightsView> weights_;
  std::unique_ptr<ImageStrip> strip_;
  std::unique_ptr<DecisionBoundaryView> boundary_;
};

}  // namespace bs::app
