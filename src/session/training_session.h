// Training on a worker thread for the window. The worker loads the data, runs an
// nn::Trainer and, under a mutex, publishes what the panels show: the epoch history,
// every batch's loss, the first layer's weights, a confusion matrix, predictions for
// a strip of test images and, for two-input problems, the network's output over the
// input plane. The GUI copies that state (snapshot()) and never waits for the worker:
// pause, resume and stop only set flags.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "core/graph.h"
#include "core/tensor.h"
#include "nn/preset.h"
#include "nn/run.h"
#include "nn/trainer.h"

namespace bs::app {

enum class SessionState { Idle, Loading, Running, Paused, Finished, Stopped, Diverged, Failed };
const char* sessionStateName(SessionState s);
inline bool sessionActive(SessionState s) {
  return s == SessionState::Loading || s == SessionState::Running || s == SessionState::Paused;
}

struct SessionOptions {
  std::string cifarPath;     // CIFAR presets: a folder or the .tar.gz
  int cifarRecords = 10000;  // records per CIFAR file (tests use small files)
  int threads = 1;           // matrix-product threads of the worker (the window needs a core too)
  int evalSamples = 1000;    // test images scored for the confusion matrix and the strip
  int stripImages = 12;      // test images shown with their predicted class
  int boundaryGrid = 96;     // two-input problems: the output on a grid x grid lattice
  double boundaryExtent = 1.6;   // ... over [-extent, extent]^2
  double publishSeconds = 0.2;   // weights and the boundary are copied at most this often
  // > 0: at most this many epochs a second, every one shown (XOR trains in
  // milliseconds; slowed down, a student watches the boundary turn into place).
  double epochsPerSecond = 0;
  size_t maxEpochs = size_t(1) << 16, maxBatches = size_t(1) << 17;  // see Snapshot::history
};

// What the panels show, copied out of the session in one piece.
struct Snapshot {
  int runId = 0;                       // changes with every start
  std::uint64_t version = 0;           // the session's version this copy matches
  SessionState state = SessionState::Idle;
  std::string preset, message;         // message: why it stopped, or the error
  nn::Progress progress;
  // Both kept bounded (a run of 10^8 XOR epochs must not take gigabytes): past
  // SessionOptions::maxEpochs rows only every 2nd (4th...) epoch stays (nn::addBounded), past maxBatches the
  // batch losses are averaged in pairs, each entry then standing for `batchStride`
  // batches in order.
  std::vector<nn::EpochStats> history;
  std::vector<double> batchLoss;
  long batchStride = 1;
  int thinned = 0;                     // how often either was thinned (a copy then starts over)
  int batchesPerEpoch = 0;

  // First layer: one row of weights per unit (for CIFAR, each row is a 32x32x3 image).
  Mat<float> weights;
  long weightsBatch = 0;               // batches done when they were copied

  // Classification: confusion[true][predicted] over the first evalSamples test images.
  std::vector<std::string> classNames;
  std::vector<std::vector<int>> confusion;
  int confusionEpoch = 0;
  // The strip: pixels (3072 bytes each, CIFAR layout), true and predicted classes.
  std::vector<std::uint8_t> stripPixels;
  std::vector<int> stripTrue, stripPredicted;

  // Two-input problems: outputs on the grid (row 0 at y = -extent), and the training points.
  int grid = 0;
  double extent = 0;
  std::vector<float> boundary;
  int boundaryVersion = 0;
  Mat<float> points, targets;  // 2 x N inputs, 1 x N targets

  // While paused: the network as an engine graph holding the current weights and the
  // current batch, for the step-through view (null otherwise).
  std::shared_ptr<const Graph> pausedGraph;
};

class TrainingSession {
 public:
  TrainingSession() = default;
  ~TrainingSession();  // asks the worker to stop and waits for it
  TrainingSession(const TrainingSession&) = delete;
  TrainingSession& operator=(const TrainingSession&) = delete;

  // Starts training `preset` on a new worker. Returns an error message (empty if
  // started): a run is still going, or the settings are unusable.
  std::string start(const nn::Preset& preset, const SessionOptions& options);
  void pause();
  void resume();
  void stop();  // asks; the worker stops after its current batch
  // Blocks until the worker has finished (tests, and --train before a screenshot).
  void wait();

  // Brings `out` up to date: appends what is new when `out` holds this run already,
  // else copies everything. Returns false (and leaves `out` alone) if nothing changed.
  bool snapshot(Snapshot& out) const;
  SessionState state() const;

  // The finished run (Finished, Stopped or Diverged), once: the window files it in
  // its RunStore. nullopt while running or if it was already taken.
  std::optional<nn::Run> takeRun();

 private:
  void work(std::stop_token stop, nn::Preset preset, SessionOptions options);
  void setState(SessionState s, const std::string& message = "");
  void addBatchLoss(double loss);

  mutable std::mutex mutex_;
  std::condition_variable_any wake_;  // a paused or slowed-down worker waits on it
  Snapshot live_;            // guarded by mutex_
  long batches_ = 0;         // batches done in this run (guarded by mutex_)
  double pendingSum_ = 0;    // losses not yet averaged into an entry of live_.batchLoss
  long pendingCount_ = 0;
  size_t maxEpochs_ = 0, maxBatches_ = 0;  // this run's SessionOptions
  int epochEvery_ = 1;  // the history keeps epochs that are multiples of it (nn::addBounded)
  std::uint64_t version_ = 0;  // bumped on every change of live_
  bool pauseWanted_ = false;
  std::optional<nn::Run> finished_;
  int nextRunId_ = 1;
  std::jthread worker_;      // last member: joined before the others go
};

}  // namespace bs::app
