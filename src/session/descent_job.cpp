#include "session/descent_job.h"

#include <exception>

namespace bs::app {

DescentJob::DescentJob(Graph g, double lr, int steps)
    : graph_(std::move(g)), thread_([this, lr, steps](std::stop_token stop) {
        try {
          result_ = nn::descend(graph_, lr, steps, [&](double loss) {
            std::lock_guard<std::mutex> lock(mutex_);
            fresh_.push_back(loss);
            return !stop.stop_requested();
          });
        } catch (const std::exception& e) {
          result_.error = e.what();
        }
        finished_.store(true, std::memory_order_release);
      }) {}

DescentJob::~DescentJob() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
}

void DescentJob::takeLosses(std::vector<double>& into) {
  std::lock_guard<std::mutex> lock(mutex_);
  into.insert(into.end(), fresh_.begin(), fresh_.end());
  fresh_.clear();
}

}  // namespace bs::app
