// Every training run of this session of the program: the ones trained in the window
// and the ones reopened from CSV. Runs can be saved as CSV (the format of
// `backstep train --out`), reopened, and any set of them overlaid in one plot.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "session/plot_data.h"
#include "nn/run.h"

namespace bs::app {

// Reads the CSV written by nn::Run::csv(). Throws std::runtime_error naming `what`,
// the line and what was expected.
nn::Run parseRunCsv(const std::string& text, const std::string& what);
nn::Run readRunCsv(const std::string& path);  // `path`: cannot open / the parse errors

// What a plot of runs shows against the epoch.
enum class RunMetric { TrainLoss, TrainAcc, TestLoss, TestAcc };
const char* runMetricName(RunMetric m);  // "test accuracy", ...

// The presets of the course report's comparison plot (exercises 3-5 and the linear classifiers): test accuracy
// of exercise 3, exercise 4, the SVM and the softmax classifier against epochs.
inline const std::vector<std::string>& coursePresets() {
  static const std::vector<std::string> names = {"ex3", "ex4", "svm", "softmax"};
  return names;
}

struct StoredRun {
  int id = 0;
  std::string label;  // "ex3 #2" or the file name it was opened from
  nn::Run run;
  bool overlaid = false;  // shown in the comparison plot
  bool saved = false;     // opened from or saved to a CSV file
  // The preset's data ("cifar10", "xor", "parity"), "" for a CSV whose name is no
  // preset: only runs on the same data are overlaid together.
  std::string dataset;
};

class RunStore {
 public:
  // Adds a run and returns its id; its label is the preset name and a number.
  int add(nn::Run run);
  // Opens a CSV file as a run labelled with the file name. Throws std::runtime_error.
  int open(const std::string& path);
  // Writes a run as CSV (atomically). Throws std::runtime_error, or std::out_of_range
  // for an unknown id.
  void save(int id, const std::string& path);
  // Runs trained in this session and not saved yet.
  int unsaved() const;
  // Saves each of them in `dir` as LABEL.csv ("ex3 #2": ex3-2.csv). Throws as save does.
  void saveUnsaved(const std::string& dir);
  void remove(int id);

  const std::vector<StoredRun>& runs() const { return runs_; }
  StoredRun* find(int id);
  const StoredRun* find(int id) const;

  // Overlaying a run takes off the overlaid runs on other data (XOR's accuracy and
  // CIFAR-10's on one axis compare nothing); returns what was taken off, or "".
  std::string setOverlaid(int id, bool on);
  std::vector<int> overlaid() const;
  // Overlays the latest run of each course preset (and nothing else); returns the
  // presets that have no run yet, so the panel can say what to train or open.
  std::vector<std::string> overlayCourseComparison();

  // One series per overlaid run: `metric` against the epoch. Runs with no test set
  // give no series for the test metrics.
  std::vector<plot::Series> overlay(RunMetric metric) const;

 private:
  std::vector<StoredRun> runs_;
  int nextId_ = 1;
};

// A distinct colour for the i-th line of a plot (IM_COL32 packing).
std::uint32_t lineColour(int i);

// A plot's data as CSV: one column pair "NAME x,NAME y" per series, rows padded with
// empty fields. Written with io::writeFileAtomically.
std::string plotCsv(const std::vector<plot::Series>& series);
void exportPlotCsv(const std::string& path, const std::vector<plot::Series>& series);

}  // namespace bs::app
