#include "app/training_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>
#include <utility>

#include "app/decision_boundary.h"
#include "app/plot/plot_widget.h"
#include "app/weights_view.h"

namespace bs::app {

namespace {

constexpr float kControlsWidth = 310;
// Epochs a second for XOR and parity, so their milliseconds of training can be watched.
constexpr double kSpeeds[] = {0, 100, 30, 10};
const char* const kSpeedNames[] = {"full speed", "100 epochs/s", "30 epochs/s", "10 epochs/s"};
const ImVec4 kError{0.75f, 0.1f, 0.1f, 1};

plot::Series line(std::string name, int colour) {
  plot::Series s;
  s.name = std::move(name);
  s.colour = lineColour(colour);
  return s;
}

}  // namespace

TrainingPanel::TrainingPanel(std::string settingsPath, const std::string& shaderDir)
    : settingsPath_(std::move(settingsPath)),
      lossPlot_(std::make_unique<plot::PlotView>("Loss per epoch", "epoch", "loss", true)),
      accPlot_(std::make_unique<plot::PlotView>("Accuracy per epoch", "epoch", "accuracy")),
      batchPlot_(std::make_unique<plot::PlotView>("Loss per batch", "batch", "loss", true)),
      comparePlot_(std::make_unique<plot::PlotView>("Comparison", "epoch", "value", true)),
      weights_(std::make_unique<WeightsView>(shaderDir)),
      strip_(std::make_unique<ImageStrip>()),
      boundary_(std::make_unique<DecisionBoundaryView>(shaderDir)) {
  std::string warning;
  settings_ = Settings::load(settingsPath_, &warning);
  message_ = warning;
  cifarEdit_ = settings_.cifarPath;
  presets_ = nn::presetNames();
  if (!presets_.empty())  // the built-in presets are compiled in; never empty in practice
    selectPreset(std::find(presets_.begin(), presets_.end(), "ex6") != presets_.end() ? "ex6" : presets_.front());
}

TrainingPanel::~TrainingPanel() = default;

void TrainingPanel::selectPreset(const std::string& name) {
  try {
    preset_ = nn::loadPreset(name);
  } catch (const std::exception& e) {
    message_ = e.what();
    return;
  }
  const auto it = std::find(presets_.begin(), presets_.end(), preset_.name);
  presetIndex_ = it == presets_.end() ? 0 : int(it - presets_.begin());
  lr_ = preset_.train.optimizer.lr;
  batch_ = preset_.train.batch;
  epochs_ = preset_.train.epochs;
  reg_ = preset_.objective.reg.strength;
  seed_ = int(preset_.seed);
}

nn::Preset TrainingPanel::editedPreset() const {
  nn::Preset p = preset_;
  p.train.optimizer.lr = lr_;
  p.train.batch = batch_;
  p.train.epochs = epochs_;
  if (reg_ > 0 && p.objective.reg.kind == nn::Regularizer::None) p.objective.reg.kind = nn::Regularizer::L2;
  p.objective.reg.strength = std::max(0.0, reg_);
  if (reg_ <= 0) p.objective.reg.kind = nn::Regularizer::None;
  p.seed = std::uint64_t(std::max(0, seed_));
  p.train.seed = p.seed + 1;
  return p;
}

void TrainingPanel::start() {
  const nn::Preset p = editedPreset();
  message_.clear();
  if (p.needsCifar() && cifarEdit_ != settings_.cifarPath) {
    settings_.cifarPath = cifarEdit_;
    try {
      settings_.save(settingsPath_);
    } catch (const std::exception& e) {
      message_ = std::string("the CIFAR folder is not remembered: ") + e.what();
    }
  }
  SessionOptions o;
  o.cifarPath = settings_.cifarPath;
  o.threads = settings_.threads;
  if (!p.needsCifar()) o.epochsPerSecond = kSpeeds[std::clamp(speed_, 0, 3)];
  if (const std::string err = session_.start(p, o); !err.empty()) message_ = err;
}

void TrainingPanel::poll() {
  if (session_.snapshot(snap_)) seriesStale_ = true;
  if (queueing_ && snap_.state == SessionState::Failed) {  // e.g. no CIFAR data: the message says why
    queue_.clear();
    queueing_ = false;
  }
  // Rebuilding costs O(batches) (the smoothing): with a long run's 100 000 batches,
  // four times a second is plenty and keeps frames short.
  const auto now = std::chrono::steady_clock::now();
  if (seriesStale_ && (snap_.batchLoss.size() < 20000 || !sessionActive(snap_.state) || now - lastRebuild_ > std::chrono::milliseconds(250))) {
    rebuildSeries();
    seriesStale_ = false;
    lastRebuild_ = now;
  }
  if (auto run = session_.takeRun()) {
    const bool finished = run->status == nn::RunStatus::Finished;
    const int id = runs_.add(std::move(*run));
    runs_.setOverlaid(id, true);
    saveRun_ = id;
    // Training the course comparison's missing runs one after another.
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
}

void TrainingPanel::rebuildSeries() {
  plot::Series trainL = line("train", 0), testL = line("test", 1), trainA = line("train", 0), testA = line("test", 1);
  for (const auto& e : snap_.history) {
    trainL.x.push_back(e.epoch);
    trainL.y.push_back(e.trainLoss);
    trainA.x.push_back(e.epoch);
    trainA.y.push_back(e.trainAcc);
    if (e.hasTest) {
      testL.x.push_back(e.epoch);
      testL.y.push_back(e.testLoss);
      testA.x.push_back(e.epoch);
      testA.y.push_back(e.testAcc);
    }
  }
  // XOR and parity "test" on the training set: one line says it all.
  const bool sameSet = preset_.dataset != "cifar10";
  loss_ = sameSet ? std::vector<plot::Series>{trainL} : std::vector<plot::Series>{trainL, testL};
  acc_ = sameSet ? std::vector<plot::Series>{trainA} : std::vector<plot::Series>{trainA, testA};
  plot::Series raw = line("each batch", 0), smooth = line("smoothed", 0);
  raw.faint = true;
  raw.y = snap_.batchLoss;
  raw.x.resize(raw.y.size());
  for (size_t i = 0; i < raw.x.size(); ++i) raw.x[i] = double(i + 1);
  smooth.x = raw.x;
  // About a tenth of an epoch, more as the run grows (at most 50 batches): noisy
  // mini-batch losses become a readable trend; full-batch runs stay unsmoothed.
  const double window = std::clamp(std::max(snap_.batchesPerEpoch / 10.0, double(raw.y.size()) / 200), 1.0, 50.0);
  smooth.y = plot::smooth(raw.y, window);
  batchLoss_ = {std::move(raw), std::move(smooth)};
}

void TrainingPanel::drawMenu() {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("Training")) {
    ImGui::MenuItem("Show the training window", nullptr, &visible);
    if (ImGui::MenuItem("Compare ex3, ex4, SVM, softmax")) showCourseComparison();
    ImGui::EndMenu();
  }
  ImGui::EndMainMenuBar();
}

void TrainingPanel::draw() {
  poll();
  if (!visible) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  // No background: the window clears the frame to the panel colour, and under
  // llvmpipe every filled pixel costs (a full-window fill is several ms a frame).
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground;
  if (!ImGui::Begin("Training (close to go back to the graph)", &visible, flags)) {
    ImGui::End();
    return;
  }
  ImGui::BeginChild("controls", {kControlsWidth, 0}, true);
  drawControls();
  ImGui::Separator();
  drawRuns();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("views", {0, 0}, false);
  if (ImGui::BeginTabBar("training views")) {
    auto tab = [&](const char* label, const char* key) {
      const bool select = pendingTab_ == key;
      return ImGui::BeginTabItem(label, nullptr, select ? ImGuiTabItemFlags_SetSelected : 0);
    };
    if (tab("Live", "live")) {
      drawLive();
      ImGui::EndTabItem();
    }
    if (tab("Compare runs", "compare")) {
      drawCompare();
      ImGui::EndTabItem();
    }
    if (tab("Weights and test images", "test")) {
      drawTest();
      ImGui::EndTabItem();
    }
    pendingTab_.clear();
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
  ImGui::End();
}

void TrainingPanel::drawControls() {
  const bool busy = sessionActive(snap_.state) || sessionActive(session_.state());
  ImGui::BeginDisabled(busy);
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##preset", preset_.name.c_str())) {
    for (int i = 0; i < int(presets_.size()); ++i)
      if (ImGui::Selectable(presets_[size_t(i)].c_str(), i == presetIndex_)) selectPreset(presets_[size_t(i)]);
    ImGui::EndCombo();
  }
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(90, 90, 90, 255));
  ImGui::TextWrapped("%s", preset_.description.c_str());
  ImGui::PopStyleColor();
  if (preset_.needsCifar()) {
    ImGui::TextUnformatted("CIFAR-10 folder (remembered):");
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##cifar", "./cifar-10-batches-bin or $BACKSTEP_DATA", &cifarEdit_);
  }
  const float w = 120;
  ImGui::SetNextItemWidth(w);
  ImGui::InputDouble("learning rate", &lr_, 0, 0, "%g");
  ImGui::SetNextItemWidth(w);
  ImGui::InputInt("batch (0: all)", &batch_);
  ImGui::SetNextItemWidth(w);
  ImGui::InputInt("epochs", &epochs_);
  ImGui::SetNextItemWidth(w);
  ImGui::InputDouble(preset_.objective.reg.kind == nn::Regularizer::L1 ? "L1 strength" : "L2 strength", &reg_, 0, 0, "%g");
  ImGui::SetNextItemWidth(w);
  ImGui::InputInt("seed", &seed_);
  if (!preset_.needsCifar()) {
    ImGui::SetNextItemWidth(w);
    ImGui::Combo("speed", &speed_, kSpeedNames, 4);
  }
  batch_ = std::max(batch_, 0);
  epochs_ = std::clamp(epochs_, 1, 100000000);
  const int maxThreads = int(std::max(1u, std::thread::hardware_concurrency()));
  settings_.threads = std::clamp(settings_.threads, 1, maxThreads);
  ImGui::SetNextItemWidth(w);
  if (ImGui::SliderInt("threads", &settings_.threads, 1, maxThreads)) {
    try {
      settings_.save(settingsPath_);
    } catch (const std::exception& e) {
      message_ = e.what();
    }
  }
  ImGui::EndDisabled();

  // Start / Pause / Resume / Stop.
  const SessionState st = snap_.state;
  if (!busy) {
    if (ImGui::Button("Start", {90, 0})) start();
  } else if (st == SessionState::Paused) {
    if (ImGui::Button("Resume", {90, 0})) session_.resume();
  } else {
    ImGui::BeginDisabled(st == SessionState::Loading);
    if (ImGui::Button("Pause", {90, 0})) session_.pause();
    ImGui::EndDisabled();
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(!busy);
  if (ImGui::Button("Stop", {90, 0})) session_.stop();
  ImGui::EndDisabled();
  if (st == SessionState::Paused && snap_.pausedGraph) {
    if (ImGui::Button("Step through this batch", {-1, 0})) {
      stepRequest_ = snap_.pausedGraph;
      stepTitle_ = snap_.preset + ": epoch " + std::to_string(snap_.progress.epoch) + ", batch " + std::to_string(snap_.progress.batch) +
                   " (paused run)";
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Opens the network in the step-through view with the current weights and this batch");
  }

  // Where the run stands.
  const nn::Progress& p = snap_.progress;
  ImGui::Text("%s%s%s", snap_.preset.empty() ? "" : snap_.preset.c_str(), snap_.preset.empty() ? "" : ": ",
              sessionStateName(st));
  if (p.epochs > 0) {
    const double done = (double(p.epoch - 1) + (p.batches ? double(p.batch) / p.batches : 0)) / p.epochs;
    const std::string over = "epoch " + std::to_string(p.epoch) + "/" + std::to_string(p.epochs) + ", batch " +
                             std::to_string(p.batch) + "/" + std::to_string(p.batches);
    ImGui::ProgressBar(float(std::clamp(done, 0.0, 1.0)), {-1, 0}, over.c_str());
  }
  if (!snap_.history.empty()) {
    const auto& e = snap_.history.back();
    ImGui::Text("epoch %d: train loss %.5g, acc %.4f", e.epoch, e.trainLoss, e.trainAcc);
    if (e.hasTest && preset_.needsCifar()) ImGui::Text("          test loss %.5g, acc %.4f", e.testLoss, e.testAcc);
    if (e.seconds >= 0.1) ImGui::Text("%.2f s per epoch", e.seconds);
    else ImGui::Text("%.3f ms per epoch", e.seconds * 1000);
  }
  const bool bad = st == SessionState::Failed || st == SessionState::Diverged;
  if (bad || !snap_.message.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, bad ? kError : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    ImGui::TextWrapped("%s", snap_.message.c_str());
    ImGui::PopStyleColor();
  }
  if (!message_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kError);
    ImGui::TextWrapped("%s", message_.c_str());
    ImGui::PopStyleColor();
  }
}

void TrainingPanel::drawRuns() {
  ImGui::TextUnformatted("Runs (best test accuracy): tick to overlay,\nclick to pick for Save");
  int remove = 0;
  for (const auto& r : runs_.runs()) {
    ImGui::PushID(r.id);
    bool on = r.overlaid;
    if (ImGui::Checkbox("##on", &on)) runs_.setOverlaid(r.id, on);
    ImGui::SameLine();
    char label[160];
    std::snprintf(label, sizeof label, "%s  %.3f%s", r.label.c_str(), r.run.bestTestAcc(),
                  r.run.status == nn::RunStatus::Finished ? "" : r.run.status == nn::RunStatus::Stopped ? " (stopped)" : " (diverged)");
    if (ImGui::Selectable(label, saveRun_ == r.id, 0, {kControlsWidth - 100, 0})) saveRun_ = r.id;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: best test accuracy %.4f, %zu epochs", r.label.c_str(), r.run.bestTestAcc(), r.run.history.size());
    ImGui::SameLine(kControlsWidth - 40);
    if (ImGui::SmallButton("x")) remove = r.id;
    ImGui::PopID();
  }
  if (remove) runs_.remove(remove);
  if (runs_.runs().empty()) ImGui::TextDisabled("none yet");
  ImGui::SetNextItemWidth(kControlsWidth - 110);
  ImGui::InputText("##save path", &savePath_);
  ImGui::SameLine();
  ImGui::BeginDisabled(!runs_.find(saveRun_));
  if (ImGui::Button("Save CSV")) {
    try {
      runs_.save(saveRun_, savePath_);
      message_ = "wrote " + savePath_;
    } catch (const std::exception& e) {
      message_ = e.what();
    }
  }
  ImGui::EndDisabled();
  ImGui::SetNextItemWidth(kControlsWidth - 110);
  ImGui::InputTextWithHint("##open path", "run.csv", &openPath_);
  ImGui::SameLine();
  if (ImGui::Button("Open CSV")) {
    try {
      runs_.setOverlaid(runs_.open(openPath_), true);
      message_.clear();
    } catch (const std::exception& e) {
      message_ = e.what();
    }
  }
}

void TrainingPanel::showCourseComparison() {
  visible = true;
  pendingTab_ = "compare";
  compareMetric_ = int(RunMetric::TestAcc);
  missing_ = runs_.overlayCourseComparison();
}

void TrainingPanel::trainMissingCourseRuns(const TrainingRequest& base) {
  showCourseComparison();
  queue_ = missing_;
  missing_.clear();
  queueBase_ = base;
  queueing_ = !queue_.empty();
  startQueued();
}

void TrainingPanel::startQueued() {
  while (!queue_.empty() && !running()) {
    const std::string next = queue_.front();
    queue_.erase(queue_.begin());
    if (const std::string err = startRun(next, queueBase_); !err.empty()) {
      message_ = err;
      queue_.clear();
    } else {
      return;
    }
  }
}

std::string TrainingPanel::startRun(const std::string& name, const TrainingRequest& r) {
  try {
    (void)nn::loadPreset(name);  // report a bad name here; selectPreset only notes it
  } catch (const std::exception& e) {
    return e.what();
  }
  selectPreset(name);
  if (r.epochs > 0) epochs_ = r.epochs;
  SessionOptions o;
  o.cifarPath = r.data.empty() ? settings_.cifarPath : r.data;
  o.cifarRecords = r.cifarRecords;
  o.threads = r.threads > 0 ? r.threads : settings_.threads;
  visible = true;
  return session_.start(editedPreset(), o);
}

bool TrainingPanel::running() const { return sessionActive(session_.state()); }

std::shared_ptr<const Graph> TrainingPanel::takeStepRequest(std::string& title) {
  title = stepTitle_;
  return std::exchange(stepRequest_, nullptr);
}

std::string TrainingPanel::trainNow(const TrainingRequest& r) {
  visible = true;
  pendingTab_ = r.view;
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
