// A Graphviz layout that can be given up. dot is superlinear on some graphs (a 40-step
// unrolled recurrence takes about 30 s, 100 ops reading one input over 5 minutes), and
// libgvc cannot be interrupted, so it runs in a child process that is killed at the
// time limit. Meanwhile the window shows `simpleLayout` (ours, milliseconds) and swaps
// in dot's drawing when it arrives in time.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <string>

#include "session/layout.h"

namespace bs::app {

class LayoutJob {
 public:
  enum class State {
    Running,  // dot is working; the simple layout is shown
    Done,     // dot's layout arrived: take() it
    GaveUp,   // dot did not finish within the limit (or failed): keep the simple one
  };

  // Starts dot on `in` (a copy is not needed: the child has its own memory).
  LayoutJob(const LayoutInput& in, double limitSeconds);
  ~LayoutJob();  // a child still running is killed
  LayoutJob(const LayoutJob&) = delete;
  LayoutJob& operator=(const LayoutJob&) = delete;

  // Never blocks: reads what the child has written, ends it at the time limit.
  State poll();
  // Done only: dot's layout, checked to have one centre per box and one curve per arrow.
  Layout take();
  // GaveUp only: why, for a note beside the graph.
  const std::string& reason() const { return reason_; }

 private:
  void finish(State s, std::string reason = "");

  pid_t child_ = -1;
  int fd_ = -1;  // the pipe's read end
  std::string bytes_;
  size_t boxes_ = 0, arrows_ = 0;
  double limitSeconds_;
  std::chrono::steady_clock::time_point start_;
  State state_ = State::Running;
  std::string reason_;
  Layout result_;
};

}  // namespace bs::app
