// The record of one training run: one row per epoch, how it ended, and CSV output.
#pragma once
#include <string>
#include <vector>

namespace bs::nn {

struct EpochStats {
  int epoch = 0;                        // from 1
  double trainLoss = 0, trainAcc = 0;   // averaged over the epoch's batches (data loss, no penalty)
  double testLoss = 0, testAcc = 0;     // after the epoch, on the test set
  bool hasTest = false;
  double seconds = 0;                   // wall time of the epoch (not written to the CSV)
};

// Appends `e` to a history of at most `maxRows` rows (plus the last): once full, `every`
// doubles and only epochs that are multiples of it stay, so the rows keep an even spread
// from the start of the run, and the last epoch is kept until the next replaces it.
// Returns true if rows were dropped.
bool addBounded(std::vector<EpochStats>& history, int& every, size_t maxRows, const EpochStats& e);

enum class RunStatus { Finished, Stopped, Diverged };

struct Run {
  // The rows kept: beyond them every other row is dropped and from then on only every
  // 2nd (4th, ...) epoch kept, and the last, so 10^8 epochs of XOR take 3 MB, not 5 GB,
  // and their CSV stays small enough to reopen.
  static constexpr size_t kMaxHistory = size_t(1) << 16;

  std::string preset;
  std::vector<EpochStats> history;  // epochs that are multiples of `every`, and the last
  int every = 1;
  RunStatus status = RunStatus::Finished;
  std::string message;  // why it stopped, for Stopped and Diverged

  // Appends an epoch, thinning the history when it is full.
  void add(const EpochStats& e);
  int epochsDone() const { return history.empty() ? 0 : history.back().epoch; }
  double bestTestAcc() const;
  // "epoch,train_loss,train_acc,test_loss,test_acc" and one row per epoch. Times are
  // left out so that two runs with the same seed give identical files.
  std::string csv() const;
  void writeCsv(const std::string& path) const;  // throws std::runtime_error if it cannot write
};

}  // namespace bs::nn
