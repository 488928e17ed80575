// What `backstep --train ...` asks of the training window before it shows (or before
// --screenshot): presets to train synchronously, run CSVs to reopen, the tab to show.
// No OpenGL or ImGui here, so the window's options can hold one.
#pragma once
#include <string>
#include <vector>

namespace bs::app {

struct TrainingRequest {
  std::vector<std::string> presets;  // built-in names or .json files, trained one after another
  int epochs = -1;                   // -1: the preset's
  std::string data;                  // CIFAR folder; empty: the settings' (then findCifar's defaults)
  int cifarRecords = 10000;          // records per CIFAR file (tests write small ones)
  int threads = 0;                   // 0: the settings'
  std::vector<std::string> openRuns; // run CSVs to reopen and overlay
  std::string view = "live";         // the tab to show: live, compare, test

  bool empty() const { return presets.empty() && openRuns.empty(); }
};

}  // namespace bs::app
