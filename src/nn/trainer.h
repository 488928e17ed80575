// Mini-batch training of a Model through Executor<float>: shuffles every epoch,
// reports progress through callbacks, stops when asked (checked after every batch),
// and stops with a message if the loss becomes NaN or infinite. Holds no global
// state, so the GUI can run it on a worker thread.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <stop_token>

#include "core/executor.h"
#include "core/thread_pool.h"
#include "nn/dataset.h"
#include "nn/metrics.h"
#include "nn/network.h"
#include "nn/optimizer.h"
#include "nn/run.h"

namespace bs::nn {

struct TrainOptions {
  int epochs = 10;
  int batch = 100;          // 0: the whole training set in one batch
  OptimizerSpec optimizer;
  Metric metric;
  std::uint64_t seed = 1;   // the order of the samples (the weights are seeded by Network::build)
  int threads = 0;          // threads for the matrix products (0: one per core)
  int evalBatch = 1000;     // columns per forward pass when evaluating
};

// The samples of one training batch: `o.batch` clamped to the training set's
// `samples`, all of them for batch 0.
int batchSize(const TrainOptions& o, int samples);

struct Progress {
  int epoch = 0, epochs = 0;     // epoch from 1
  int batch = 0, batches = 0;    // batches done in this epoch
  double loss = 0, acc = 0;      // averages over this epoch's batches so far
  double seconds = 0;            // since the epoch began
};

struct Callbacks {
  std::function<void(const Progress&)> batch;    // after every batch
  std::function<void(const EpochStats&)> epoch;  // after every epoch
};

class Trainer {
 public:
  // The model must outlive the trainer; its parameters are read now and written back
  // by fit().
  Trainer(Model& model, TrainOptions options);

  // Trains for options.epochs epochs. `test` may be null. The run ends as Finished,
  // Stopped (stop requested) or Diverged (non-finite loss; message names where).
  Run fit(const Dataset& train, const Dataset* test, const Callbacks& cb = {}, std::stop_token stop = {});

  // Loss (data loss, mean over samples) and accuracy on a dataset, forward passes only.
  std::pair<double, double> evaluate(const Dataset& data);

  Executor<float>& executor() { return ex_; }
  // Copies the trained parameters back into the model's graph (done by fit()).
  void storeParams();

 private:
  void setBatch(const Dataset& d, std::span<const int> idx);
  void checkCompatible(const Dataset& d) const;

  Model& model_;
  TrainOptions opt_;
  Executor<float> ex_;
  Optimizer optimizer_;
  Mat<float> labels_;  // the batch's labels or targets as the dataset gives them
  std::unique_ptr<ThreadPool> pool_;
};

}  // namespace bs::nn
