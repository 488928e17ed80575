// Run CSVs (`train --out`, the window's Open): any text gives a run or an error naming
// the line; a run read is written and read back with the same epochs, and plotted: the
// plot's ranges, ticks, decimation, smoothing and hover take any values it holds.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "session/plot_data.h"
#include "session/run_store.h"

namespace plot = bs::app::plot;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  bs::nn::Run run;
  try {
    run = bs::app::parseRunCsv(text, "fuzz.csv");
  } catch (const std::runtime_error&) {
    return 0;
  }
  const bs::nn::Run back = bs::app::parseRunCsv(run.csv(), "again.csv");
  if (back.history.size() != run.history.size()) __builtin_trap();
  for (size_t i = 0; i < run.history.size(); ++i)
    if (back.history[i].epoch != run.history[i].epoch || back.history[i].hasTest != run.history[i].hasTest) __builtin_trap();

  bs::app::RunStore store;
  store.setOverlaid(store.add(run), true);
  for (auto metric : {bs::app::RunMetric::TrainLoss, bs::app::RunMetric::TrainAcc, bs::app::RunMetric::TestLoss,
                      bs::app::RunMetric::TestAcc}) {
    const std::vector<plot::Series> series = store.overlay(metric);
    std::vector<const plot::Series*> ptrs;
    for (const auto& s : series) ptrs.push_back(&s);
    for (auto scale : {plot::Scale::Linear, plot::Scale::Log}) {
      plot::Frame f;
      f.width = 640;
      f.height = 320;
      f.yScale = scale;
      f.x = plot::padded(plot::xExtent(ptrs).value_or(plot::Range{}));
      f.y = plot::padded(plot::autoscaleY(ptrs, scale).value_or(plot::Range{}));
      if (plot::niceTicks(f.x, 8).size() > 1000 || plot::niceTicks(f.y, 8).size() > 1000) __builtin_trap();
      if (plot::logTicks(f.y, 8).size() > 1000) __builtin_trap();
      for (const auto& s : series) {
        plot::decimate(s.x, s.y, f);
        plot::smooth(s.y, 9);
      }
      plot::nearest(ptrs, f, 320, 160, 8);
    }
  }
  return 0;
}
