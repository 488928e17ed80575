// The training window: pick a preset, edit its main settings, Start / Pause / Resume /
// Stop, and watch it learn: live curves, the comparison of runs, first-layer weights,
// the confusion matrix and test images, and the decision boundary of two-input
// problems. What it does lives in a TrainingController (src/session); this draws it.
// Needs a current OpenGL context (the views compile shaders).
#pragma once
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "session/plot_data.h"
#include "session/run_store.h"
#include "session/settings.h"
#include "session/training_request.h"
#include "session/training_controller.h"
#include "session/training_session.h"

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
  // TrainingController::trainNow, then shows the result.
  std::string trainNow(const TrainingRequest& r);
  void trainMissingCourseRuns(const TrainingRequest& base) { ctl_.trainMissingCourseRuns(base); }
  bool running() const { return ctl_.running(); }
  bool queueing() const { return ctl_.queueing(); }
  // "Step through this batch" was pressed on a paused run: the graph to open in the
  // step-through view, and its title; null otherwise. Handed over once.
  std::shared_ptr<const Graph> takeStepRequest(std::string& title);

  TrainingController& controller() { return ctl_; }
  RunStore& runs() { return ctl_.runs(); }
  const Snapshot& snapshot() const { return ctl_.snapshot(); }

 private:
  void poll();
  void rebuildSeries();
  void drawControls();
  void drawRuns();
  void drawLive();
  void drawCompare();
  void drawTest();
  void drawConfusion(float side);

  TrainingController ctl_;
  std::string cifarEdit_;
  int speed_ = 0;  // index into the speeds of two-input and parity runs (0: full speed)
  std::vector<plot::Series> loss_, acc_, batchLoss_;
  bool seriesStale_ = false;
  std::chrono::steady_clock::time_point lastRebuild_;
  int saveRun_ = 0, lastFiled_ = 0;
  std::string savePath_ = "run.csv", openPath_;
  std::string pendingTab_;
  std::shared_ptr<const Graph> stepRequest_;
  std::string stepTitle_;

  std::unique_ptr<plot::PlotView> lossPlot_, accPlot_, batchPlot_, comparePlot_;
  std::unique_ptr<WeightsView> weights_;
  std::unique_ptr<ImageStrip> strip_;
  std::unique_ptr<DecisionBoundaryView> boundary_;
};

}  // namespace bs::app
