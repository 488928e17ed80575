#include "session/training_controller.h"

#include <algorithm>

namespace bs::app {

TrainingController::TrainingController(std::string settingsPath) : settingsPath_(std::move(settingsPath)) {
  std::string warning;
  settings_ = Settings::load(settingsPath_, &warning);
  message = warning;
  presets_ = nn::presetNames();
  if (!presets_.empty())  // the built-in presets are compiled in; never empty in practice
    selectPreset(std::find(presets_.begin(), presets_.end(), "ex6") != presets_.end() ? "ex6" : presets_.front());
}

void TrainingController::selectPreset(const std::string& name) {
  try {
    preset_ = nn::loadPreset(name);
  } catch (const std::exception& e) {
    message = e.what();
    return;
  }
  edits = {preset_.train.optimizer.lr, preset_.objective.reg.strength, preset_.train.batch, preset_.train.epochs,
           int(preset_.seed)};
}

nn::Preset TrainingController::editedPreset() const {
  return nn::withOverrides(preset_, {.lr = edits.lr,
                                     .reg = edits.reg,
                                     .batch = std::max(edits.batch, 0),
                                     .epochs = std::clamp(edits.epochs, 1, 100000000),
                                     .seed = std::uint64_t(std::max(0, edits.seed))});
}

// Only the training keys: the window's recent files, written meanwhile, stay.
void TrainingController::saveSettings() {
  try {
    Settings::update(settingsPath_, [&](Settings& s) {
      s.cifarPath = settings_.cifarPath;
      s.threads = settings_.threads;
    });
  } catch (const std::exception& e) {
    message = e.what();
  }
}

void TrainingController::start(const std::string& cifarPath, double epochsPerSecond) {
  const nn::Preset p = editedPreset();
  message.clear();
  if (p.needsCifar() && cifarPath != settings_.cifarPath) {
    settings_.cifarPath = cifarPath;
    saveSettings();
    if (!message.empty()) message = "the CIFAR folder is not remembered: " + message;
  }
  SessionOptions o;
  o.cifarPath = settings_.cifarPath;
  o.threads = settings_.threads;
  if (!p.needsCifar()) o.epochsPerSecond = epochsPerSecond;
  if (const std::string err = session_.start(p, o); !err.empty()) message = err;
}

bool TrainingController::poll() {
  const bool changed = session_.snapshot(snap_);
  if (queueing_ && snap_.state == SessionState::Failed) {  // e.g. no CIFAR data: the message says why
    queue_.clear();
    queueing_ = false;
  }
  if (auto run = session_.takeRun()) {
    const bool finished = run->status == nn::RunStatus::Finished;
    lastRun = runs_.add(std::move(*run));
    if (std::string off = runs_.setOverlaid(lastRun, true); !off.empty()) message = off;
    if (queueing_) {
      if (!finished) queue_.clear();
      if (queue_.empty()) {
        queueing_ = false;
        if (finished) showCourseComparison();
      } else {
        startQueued();
      }
    }
  }
  return changed;
}

void TrainingController::showCourseComparison() {
  show = true;
  tab = "compare";
  compareMetric = int(RunMetric::TestAcc);
  missing = runs_.overlayCourseComparison();
}

void TrainingController::trainMissingCourseRuns(const TrainingRequest& base) {
  showCourseComparison();
  queue_ = missing;
  missing.clear();
  queueBase_ = base;
  queueing_ = !queue_.empty();
  startQueued();
}

void TrainingController::startQueued() {
  while (!queue_.empty() && !running()) {
    const std::string next = queue_.front();
    queue_.erase(queue_.begin());
    if (const std::string err = startRun(next, queueBase_); !err.empty()) {
      message = err;
      queue_.clear();
    } else {
      return;
    }
  }
}

std::string TrainingController::startRun(const std::string& name, const TrainingRequest& r) {
  try {
    (void)nn::loadPreset(name);  // report a bad name here; selectPreset only notes it
  } catch (const std::exception& e) {
    return e.what();
  }
  selectPreset(name);
  if (r.epochs > 0) edits.epochs = r.epochs;
  SessionOptions o;
  o.cifarPath = r.data.empty() ? settings_.cifarPath : r.data;
  o.cifarRecords = r.cifarRecords;
  o.threads = r.threads > 0 ? r.threads : settings_.threads;
  show = true;
  return session_.start(editedPreset(), o);
}

std::string TrainingController::trainNow(const TrainingRequest& r) {
  show = true;
  tab = r.view;
  std::string error;
  for (const auto& path : r.openRuns) {
    try {
      runs_.setOverlaid(runs_.open(path), true);
    } catch (const std::exception& e) {
      return e.what();
    }
  }
  for (const auto& name : r.presets) {
    if (std::string err = startRun(name, r); !err.empty()) return err;
    session_.wait();
    poll();
    if (snap_.state == SessionState::Failed || snap_.state == SessionState::Diverged) error = name + ": " + snap_.message;
  }
  if (r.view == "compare" && runs_.overlaid().empty())
    for (const auto& run : runs_.runs()) runs_.setOverlaid(run.id, true);
  return error;
}

}  // namespace bs::app
