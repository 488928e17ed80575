// Gradient descent on the open graph off the GUI thread (a big graph's steps can take
// seconds each, and a million steps of a small one minutes), with Stop. The window
// polls it each frame; the worker has its own copy of the graph.
#pragma once
#include <atomic>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "core/graph.h"
#include "nn/graph_descent.h"

namespace bs::app {

class DescentJob {
 public:
  DescentJob(Graph g, double lr, int steps);  // starts at once
  ~DescentJob();                               // asks the worker to stop, then waits for it
  DescentJob(const DescentJob&) = delete;
  DescentJob& operator=(const DescentJob&) = delete;

  void stop() { thread_.request_stop(); }
  bool finished() const { return finished_.load(std::memory_order_acquire); }
  // Appends the losses computed since the last call to `into`.
  void takeLosses(std::vector<double>& into);
  // Once finished: the graph with its params descended, and the result (its losses
  // are in what takeLosses gave; an exception's message becomes the error).
  const Graph& graph() const { return graph_; }
  const nn::DescentResult& result() const { return result_; }

 private:
  Graph graph_;
  nn::DescentResult result_;
  std::mutex mutex_;
  std::vector<double> fresh_;  // losses not yet taken
  std::atomic<bool> finished_{false};
  std::jthread thread_;  // last: it starts once everything above exists
};

}  // namespace bs::app
