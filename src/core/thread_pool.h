// Threads for the big matrix products. A fork without a join barrier: the calling
// thread takes part, does every chunk no worker has claimed yet, and waits only for
// chunks already being worked on. A worker that the OS does not schedule (another
// process holds the core) therefore never delays a call: at worst it runs at the
// speed of one thread. OpenMP's fork-join waits for every thread at each region and
// fell from 0.9 to 5-10 s per CIFAR epoch on this 2-core machine under load.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace bs {

class ThreadPool {
 public:
  // threads: how many threads share the work, the caller included (1: no workers).
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int threads() const { return int(workers_.size()) + 1; }
  // Calls fn(0) .. fn(chunks - 1), each exactly once, and returns when all are done.
  // Which thread runs a chunk varies; what a chunk computes must not depend on it.
  void run(int chunks, const std::function<void(int)>& fn);

 private:
  void workerLoop();
  void claimChunks(std::uint32_t generation, const std::function<void(int)>& fn, int chunks);

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::uint32_t generation_ = 0;          // guarded by mutex_
  const std::function<void(int)>* fn_ = nullptr;  // guarded by mutex_
  int chunks_ = 0;                        // guarded by mutex_
  std::atomic<std::uint64_t> ticket_{0};  // (generation << 32) | next chunk to claim
  std::atomic<int> done_{0};
};

}  // namespace bs
