// backstep [FILE] [--screenshot OUT.png] [--example NAME] [--step K] [--size WxH]
// [--bench-frames N] [--random-graph N]: the window (src/gui/window.h).
#include <iostream>
#include <memory>

#include "i18n/i18n.h"
#include "gui/window.h"
#include "cli/commands.h"

namespace bs::cli {

Run addWindow(CLI::App& app, bool langGiven) {
  auto o = std::make_shared<app::WindowOptions>();
  auto size = std::make_shared<std::string>("1280x800");
  app.add_option("file", o->file, tr("With no subcommand: open this .bsg file or example in the window"));
  auto* example = app.add_option("--example", o->example, tr("The built-in example to open when no FILE is given (default ex2)"));
  app.add_option("--screenshot", o->screenshot, tr("Render the window into this PNG and exit (no screen needed under xvfb-run)"));
  app.add_option("--step", o->step, tr("Take K steps before showing"))->check(CLI::NonNegativeNumber);
  auto* sizeOption = app.add_option("--size", *size, tr("Window or image size WxH (default 1280x800, or as the window was last closed)"));
  app.add_option("--bench-frames", o->benchFrames, tr("Render N frames, print the frame times and exit"))->check(CLI::PositiveNumber);
  app.add_option("--random-graph", o->randomNodes, tr("Show a random graph of about N nodes (for --bench-frames)"))->check(CLI::Range(2, 5000));
  app.add_option("--shader-dir", o->shaderDir, tr("Read the GLSL shaders from this folder instead of the built-in ones"));
  app.add_option("--select", o->select, tr("Select this node, so the inspector shows it"));
  app.add_option("--precision", o->precision, tr("Decimals in the inspector's arithmetic (default 4, as trace --precision)"))
      ->check(CLI::Range(0, 15));
  app.add_option("--descend", o->descendSteps, tr("Take N steps of gradient descent on the graph's params first (the Descent tab)"))
      ->check(CLI::Range(1, 1000000));
  app.add_option("--descend-lr", o->descendLr, tr("With --descend: the learning rate (default 0.1)"))->check(CLI::PositiveNumber);
  app.add_flag("--source-tab", o->sourceTab, tr("Start on the Source tab (the .bsg text) instead of the Inspector"));
  app.add_flag("--guide", o->guide, tr("Open Help > Guide (the colours, the ops, the file formats)"));
  app.add_option("--answers", o->answers, tr("Check this answers file (a hand calculation) in the window's answers mode"));
  // Training in the window.
  app.add_option("--train", o->training.presets, tr("Train these presets (comma-separated) before showing, in the training window"))
      ->delimiter(',');
  app.add_option("--epochs", o->training.epochs, tr("With --train: epochs (default: the preset's)"))->check(CLI::PositiveNumber);
  app.add_option("--data", o->training.data, tr("With --train: the CIFAR-10 folder or .tar.gz (default: the remembered one)"));
  app.add_option("--data-records", o->training.cifarRecords, tr("With --data: records per file (10000; tests use small files)"))
      ->check(CLI::PositiveNumber);
  app.add_option("--threads", o->training.threads, tr("With --train: matrix-product threads (default: the remembered setting, 1)"))
      ->check(CLI::Range(1, 256));
  app.add_option("--runs", o->training.openRuns, tr("Reopen these run CSVs (comma-separated) and overlay them"))->delimiter(',');
  app.add_option("--view", o->training.view, tr("The training window's tab: live, compare or test"))
      ->check(CLI::IsMember({"live", "compare", "test"}));
  app.add_flag("--training", o->showTraining, tr("Open the training window"));
  o->langGiven = langGiven;
  return [o, size, example, sizeOption]() {
    o->sizeGiven = sizeOption->count() > 0;
    o->reopenLast = o->file.empty() && example->count() == 0;
    const auto x = size->find('x');
    try {
      if (x == std::string::npos) throw std::invalid_argument("no x");
      size_t used = 0;
      o->width = std::stoi(size->substr(0, x), &used);
      if (used != x) throw std::invalid_argument("width");
      o->height = std::stoi(size->substr(x + 1), &used);
      if (used != size->size() - x - 1) throw std::invalid_argument("height");
    } catch (const std::exception&) {
      return fail("--size must look like 1280x800, not '" + *size + "'");
    }
#ifdef BACKSTEP_HAVE_GUI
    return app::runWindow(*o);
#else
    return fail("this backstep was built without the window (BACKSTEP_GUI=OFF); use `backstep trace FILE`");
#endif
  };
}

}  // namespace bs::cli
