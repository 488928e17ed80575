#include "gui/training_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>
#include <utility>

#include "i18n/i18n.h"
#include "gui/decision_boundary.h"
#include "gui/panels.h"
#include "gui/plot/plot_widget.h"
#include "gui/weights_view.h"

namespace bs::app {

namespace {

constexpr float kControlsWidth = 310;
// Epochs a second for XOR and parity, so their milliseconds of training can be watched.
constexpr double kSpeeds[] = {0, 100, 30, 10};
const char* const kSpeedNames[] = {trNoop("full speed"), trNoop("100 epochs/s"), trNoop("30 epochs/s"), trNoop("10 epochs/s")};
const ImVec4 kError{0.75f, 0.1f, 0.1f, 1};

plot::Series line(std::string name, int colour) {
  plot::Series s;
  s.name = std::move(name);
  s.colour = lineColour(colour);
  return s;
}

}  // namespace

TrainingPanel::TrainingPanel(std::string settingsPath, const std::string& shaderDir)
    : ctl_(std::move(settingsPath)),
      lossPlot_(std::make_unique<plot::PlotView>(trNoop("Loss per epoch"), trNoop("epoch"), trNoop("loss"), true)),
      accPlot_(std::make_unique<plot::PlotView>(trNoop("Accuracy per epoch"), trNoop("epoch"), trNoop("accuracy"))),
      batchPlot_(std::make_unique<plot::PlotView>(trNoop("Loss per batch"), trNoop("batch"), trNoop("loss"), true)),
      comparePlot_(std::make_unique<plot::PlotView>(trNoop("Comparison"), trNoop("epoch"), trNoop("value"), true)),
      weights_(std::make_unique<WeightsView>(shaderDir)),
      strip_(std::make_unique<ImageStrip>()),
      boundary_(std::make_unique<DecisionBoundaryView>(shaderDir)) {
  cifarEdit_ = ctl_.settings().cifarPath;
  accPlot_->fixedY = plot::Range{0, 1};  // autoscaled, XOR's flat 0 read as -1..1
}

TrainingPanel::~TrainingPanel() = default;

void TrainingPanel::poll() {
  if (ctl_.poll()) seriesStale_ = true;
  if (ctl_.lastRun != lastFiled_) saveRun_ = lastFiled_ = ctl_.lastRun;
  if (std::exchange(ctl_.show, false)) visible = true;
  if (!ctl_.tab.empty()) pendingTab_ = std::exchange(ctl_.tab, "");
  // Rebuilding costs O(batches) (the smoothing): with a long run's 100 000 batches,
  // four times a second is plenty and keeps frames short.
  const Snapshot& snap = ctl_.snapshot();
  const auto now = std::chrono::steady_clock::now();
  if (seriesStale_ && (snap.batchLoss.size() < 20000 || !sessionActive(snap.state) || now - lastRebuild_ > std::chrono::milliseconds(250))) {
    rebuildSeries();
    seriesStale_ = false;
    lastRebuild_ = now;
  }
}

void TrainingPanel::rebuildSeries() {
  plot::Series trainL = line(trNoop("train"), 0), testL = line(trNoop("test"), 1), trainA = line(trNoop("train"), 0), testA = line(trNoop("test"), 1);
  for (const auto& e : ctl_.snapshot().history) {
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
  const bool sameSet = ctl_.preset().dataset != "cifar10";
  loss_ = sameSet ? std::vector<plot::Series>{trainL} : std::vector<plot::Series>{trainL, testL};
  acc_ = sameSet ? std::vector<plot::Series>{trainA} : std::vector<plot::Series>{trainA, testA};
  plot::Series raw = line(trNoop("each batch"), 0), smooth = line(trNoop("smoothed"), 0);
  raw.faint = true;
  raw.y = ctl_.snapshot().batchLoss;
  raw.x.resize(raw.y.size());
  const double stride = double(ctl_.snapshot().batchStride);  // batches per entry in a long run
  for (size_t i = 0; i < raw.x.size(); ++i) raw.x[i] = double(i + 1) * stride;
  smooth.x = raw.x;
  // About a tenth of an epoch, more as the run grows (at most 50 batches): noisy
  // mini-batch losses become a readable trend; full-batch runs stay unsmoothed.
  const double window = std::clamp(std::max(ctl_.snapshot().batchesPerEpoch / 10.0 / stride, double(raw.y.size()) / 200), 1.0, 50.0);
  smooth.y = plot::smooth(raw.y, window);
  batchLoss_ = {std::move(raw), std::move(smooth)};
}

void TrainingPanel::drawMenu() {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu(tr("Training"))) {
    ImGui::MenuItem(tr("Show the training window"), nullptr, &visible);
    if (ImGui::MenuItem(tr("Compare ex3, ex4, SVM, softmax"))) ctl_.showCourseComparison();
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
  if (!ImGui::Begin(tr("Training (close to go back to the graph)"), &visible, flags)) {
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
      const std::string id = std::string(label) + "###" + key;  // the tab stays chosen when the language changes
      return ImGui::BeginTabItem(id.c_str(), nullptr, select ? ImGuiTabItemFlags_SetSelected : 0);
    };
    if (tab(tr("Live"), "live")) {  // i18n: the key is --view's word
      drawLive();
      ImGui::EndTabItem();
    }
    if (tab(tr("Compare runs"), "compare")) {  // i18n: the key is --view's word
      drawCompare();
      ImGui::EndTabItem();
    }
    if (tab(tr("Weights and test images"), "test")) {  // i18n: the key is --view's word
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
  const bool busy = sessionActive(ctl_.snapshot().state) || sessionActive(ctl_.session().state());
  ImGui::BeginDisabled(busy);
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##preset", ctl_.preset().name.c_str())) {
    for (const std::string& name : ctl_.presets())
      if (ImGui::Selectable(name.c_str(), name == ctl_.preset().name)) ctl_.selectPreset(name);
    ImGui::EndCombo();
  }
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(90, 90, 90, 255));
  ImGui::TextWrapped("%s", tr(ctl_.preset().description.c_str()));  // po/extract.sh takes the presets' descriptions
  ImGui::PopStyleColor();
  if (ctl_.preset().needsCifar()) {
    ImGui::TextUnformatted(tr("CIFAR-10 folder (remembered):"));
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##cifar", tr("./cifar-10-batches-bin or $BACKSTEP_DATA"), &cifarEdit_);
  }
  const float w = 120;
  ImGui::SetNextItemWidth(w);
  ImGui::InputDouble(tr("learning rate"), &ctl_.edits.lr, 0, 0, "%g");
  ImGui::SetNextItemWidth(w);
  ImGui::InputInt(tr("batch (0: all)"), &ctl_.edits.batch);
  ImGui::SetNextItemWidth(w);
  ImGui::InputInt(tr("epochs"), &ctl_.edits.epochs);
  ImGui::SetNextItemWidth(w);
  ImGui::InputDouble(ctl_.preset().objective.reg.kind == nn::Regularizer::L1 ? tr("L1 strength") : tr("L2 strength"), &ctl_.edits.reg, 0, 0, "%g");
  ImGui::SetNextItemWidth(w);
  ImGui::InputInt(tr("seed"), &ctl_.edits.seed);
  if (!ctl_.preset().needsCifar()) {
    ImGui::SetNextItemWidth(w);
    const char* speedNames[] = {tr(kSpeedNames[0]), tr(kSpeedNames[1]), tr(kSpeedNames[2]), tr(kSpeedNames[3])};
    ImGui::Combo(tr("speed"), &speed_, speedNames, 4);
  }
  ctl_.edits.batch = std::max(ctl_.edits.batch, 0);
  ctl_.edits.epochs = std::clamp(ctl_.edits.epochs, 1, 100000000);
  const int maxThreads = int(std::max(1u, std::thread::hardware_concurrency()));
  ctl_.settings().threads = std::clamp(ctl_.settings().threads, 1, maxThreads);
  ImGui::SetNextItemWidth(w);
  // A field with - and + (a slider of 1..2 is all handle, which covered its number).
  if (ImGui::InputInt(tr("threads"), &ctl_.settings().threads, 1, 1)) {
    ctl_.settings().threads = std::clamp(ctl_.settings().threads, 1, maxThreads);
    ctl_.saveSettings();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip(tr("1 to %d (this machine's cores)"), maxThreads);
  ImGui::EndDisabled();

  // Start / Pause / Resume / Stop.
  const SessionState st = ctl_.snapshot().state;
  if (!busy) {
    if (ImGui::Button(tr("Start"), {90, 0})) ctl_.start(cifarEdit_, kSpeeds[std::clamp(speed_, 0, 3)]);
  } else if (st == SessionState::Paused) {
    if (ImGui::Button(tr("Resume"), {90, 0})) ctl_.session().resume();
  } else {
    ImGui::BeginDisabled(st == SessionState::Loading);
    if (ImGui::Button(tr("Pause"), {90, 0})) ctl_.session().pause();
    ImGui::EndDisabled();
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(!busy);
  if (ImGui::Button(tr("Stop"), {90, 0})) ctl_.session().stop();
  ImGui::EndDisabled();
  if (st == SessionState::Paused && ctl_.snapshot().pausedGraph) {
    if (ImGui::Button(tr("Step through this batch"), {-1, 0})) {
      stepRequest_ = ctl_.snapshot().pausedGraph;
      stepTitle_ = fmt(tr("{}: epoch {}, batch {} (paused run)"), ctl_.snapshot().preset, ctl_.snapshot().progress.epoch,
                       ctl_.snapshot().progress.batch);
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(tr("Opens the network in the step-through view with the current weights and this batch"));
  }

  // Where the run stands.
  const nn::Progress& p = ctl_.snapshot().progress;
  ImGui::Text("%s%s%s", ctl_.snapshot().preset.empty() ? "" : ctl_.snapshot().preset.c_str(), ctl_.snapshot().preset.empty() ? "" : ": ",
              sessionStateName(st));
  if (p.epochs > 0) {
    const double done = (double(p.epoch - 1) + (p.batches ? double(p.batch) / p.batches : 0)) / p.epochs;
    const std::string over = fmt(tr("epoch {}/{}, batch {}/{}"), p.epoch, p.epochs, p.batch, p.batches);
    ImGui::ProgressBar(float(std::clamp(done, 0.0, 1.0)), {-1, 0}, over.c_str());
  }
  if (!ctl_.snapshot().history.empty()) {
    const auto& e = ctl_.snapshot().history.back();
    ImGui::Text(tr("epoch %d:"), e.epoch);  // its own line: a 7-digit epoch pushed the rest off the panel
    // Wrapped at a space, never inside a number: Spanish's line is longer than the panel at 1024x640.
    char line[160];
    std::snprintf(line, sizeof line, tr("  train loss %.5g, acc %.4f"), e.trainLoss, e.trainAcc);
    paragraphText(line);
    // XOR's 0 while every point is on its side: the rule, on one line (a wrap could break ±0.9).
    if (ctl_.preset().train.metric.kind == nn::Metric::Sign)
      ImGui::TextDisabled(tr("accuracy: %s"), nn::metricRule(ctl_.preset().train.metric).c_str());
    if (e.hasTest && ctl_.preset().needsCifar()) {
      std::snprintf(line, sizeof line, tr("  test loss %.5g, acc %.4f"), e.testLoss, e.testAcc);
      paragraphText(line);
    }
    if (e.seconds >= 0.1) ImGui::Text(tr("%.2f s per epoch"), e.seconds);
    else ImGui::Text(tr("%.3f ms per epoch"), e.seconds * 1000);
  }
  const bool bad = st == SessionState::Failed || st == SessionState::Diverged;
  if (bad || !ctl_.snapshot().message.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, bad ? kError : ImGui::GetStyleColorVec4(ImGuiCol_Text));
    paragraphText(ctl_.snapshot().message);
    ImGui::PopStyleColor();
  }
  if (!ctl_.message.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kError);
    paragraphText(ctl_.message);
    ImGui::PopStyleColor();
  }
}

void TrainingPanel::drawRuns() {
  ImGui::TextUnformatted(tr("Runs (best test accuracy): tick to overlay,\nclick to pick for Save"));
  int remove = 0;
  for (const auto& r : ctl_.runs().runs()) {
    ImGui::PushID(r.id);
    bool on = r.overlaid;
    if (ImGui::Checkbox("##on", &on))
      if (std::string off = ctl_.runs().setOverlaid(r.id, on); !off.empty()) ctl_.message = off;
    ImGui::SameLine();
    char label[160];
    std::snprintf(label, sizeof label, "%s  %.3f%s", r.label.c_str(), r.run.bestTestAcc(),
                  r.run.status == nn::RunStatus::Finished ? "" : r.run.status == nn::RunStatus::Stopped ? " (stopped)" : " (diverged)");
    if (ImGui::Selectable(label, saveRun_ == r.id, 0, {kControlsWidth - 100, 0})) saveRun_ = r.id;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip(tr("%s: best test accuracy %.4f, %zu epochs"), r.label.c_str(), r.run.bestTestAcc(), r.run.history.size());
    ImGui::SameLine(kControlsWidth - 40);
    if (ImGui::SmallButton("x")) remove = r.id;
    ImGui::PopID();
  }
  if (remove) ctl_.runs().remove(remove);
  if (ctl_.runs().runs().empty()) ImGui::TextDisabled(tr("none yet"));
  ImGui::SetNextItemWidth(kControlsWidth - 110);
  ImGui::InputText("##save path", &savePath_);
  ImGui::SameLine();
  ImGui::BeginDisabled(!ctl_.runs().find(saveRun_));
  if (ImGui::Button(tr("Save CSV"))) {
    try {
      ctl_.runs().save(saveRun_, savePath_);
      ctl_.message = fmt(tr("wrote {}"), savePath_);
    } catch (const std::exception& e) {
      ctl_.message = e.what();
    }
  }
  ImGui::EndDisabled();
  ImGui::SetNextItemWidth(kControlsWidth - 110);
  ImGui::InputTextWithHint("##open path", "run.csv"  /* i18n: a file name */, &openPath_);
  ImGui::SameLine();
  if (ImGui::Button(tr("Open CSV"))) {
    try {
      ctl_.runs().setOverlaid(ctl_.runs().open(openPath_), true);
      ctl_.message.clear();
    } catch (const std::exception& e) {
      ctl_.message = e.what();
    }
  }
}

std::shared_ptr<const Graph> TrainingPanel::takeStepRequest(std::string& title) {
  title = stepTitle_;
  return std::exchange(stepRequest_, nullptr);
}

std::string TrainingPanel::trainNow(const TrainingRequest& r) {
  const std::string err = ctl_.trainNow(r);
  seriesStale_ = true;
  poll();
  return err;
}

}  // namespace bs::app
