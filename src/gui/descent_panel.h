// The side panel's Descent tab: train the open graph by gradient descent on its
// params (AppState::descend), with the loss of every step plotted.
#pragma once
#include <string>

#include "session/app_state.h"
#include "gui/plot/plot_widget.h"

namespace bs::app {

class DescentPanel {
 public:
  DescentPanel();
  void draw(AppState& s);
  // Descends with `lr` and `steps` at once (--descend before the first frame); returns
  // "" or the error, which the panel also shows. The Descend button runs it on a worker.
  std::string run(AppState& s);


  double lr = 0.1;
  int steps = 100;

 private:
  void report(const AppState& s, const std::string& err);  // the message of a run that ended
  plot::PlotView plot_;
  std::string message_;  // the last run's result
  int runningSteps_ = 0;  // the steps the running descent was started with
};

}  // namespace bs::app
