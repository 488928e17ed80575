// The window's entry point, called by the terminal front end when no subcommand is
// given. This header needs no OpenGL or ImGui.
#pragma once
#include <string>

#include "session/training_request.h"

namespace bs::app {

struct WindowOptions {
  std::string file;             // a .bsg file or example name; empty: `example`
  std::string example = "ex2";
  std::string screenshot;       // non-empty: render, write this PNG and exit
  int step = -1;                // steps to take before showing (-1: none; beyond the end: all)
  int width = 1280, height = 800;
  bool sizeGiven = false;       // --size: else the size the window had when last closed
  bool reopenLast = false;      // no FILE or --example: the file open when the window last closed
  int benchFrames = 0;          // > 0: render this many frames, print the frame times, exit
  int randomNodes = 0;          // > 0: show a random graph of about this many nodes
  std::string shaderDir;        // non-empty: read the GLSL files from here, not the embedded ones
  std::string select;           // non-empty: select this node (the inspector shows it)
  int precision = 4;            // decimals in the inspector's arithmetic, as trace --precision
  bool sourceTab = false;       // start on the Source tab instead of the Inspector
  bool guide = false;           // open Help > Guide
  int descendSteps = 0;         // > 0: that many steps of gradient descent first, on the Descent tab
  double descendLr = 0.1;
  std::string answers;          // non-empty: load this answers file and start in answers mode
  // Training: presets to train (synchronously, before --screenshot) and run
  // CSVs to reopen; either opens the training window on `training.view`.
  TrainingRequest training;
  bool showTraining = false;    // --training: open the training window
  bool langGiven = false;       // --lang: else the language remembered by View > Language, if any
};

// Returns the exit code: 0 fine, 2 bad input or no display, 3 OpenGL or shader failure.
int runWindow(const WindowOptions& o);

}  // namespace bs::app
