#include "core/thread_pool.h"

namespace bs {

ThreadPool::ThreadPool(int threads) {
  for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { workerLoop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  for (auto& w : workers_) w.join();
}

// Claims chunks of job `generation` until none is left. A claim succeeds only while
// that job is current, and the caller of run() waits for every claimed chunk, so `fn`
// is alive whenever it is called.
void ThreadPool::claimChunks(std::uint32_t generation, const std::function<void(int)>& fn, int chunks) {
  std::uint64_t t = ticket_.load(std::memory_order_acquire);
  while (std::uint32_t(t >> 32) == generation && int(t & 0xffffffffu) < chunks) {
    if (ticket_.compare_exchange_weak(t, t + 1, std::memory_order_acq_rel)) {
      fn(int(t & 0xffffffffu));
      done_.fetch_add(1, std::memory_order_release);
      t = ticket_.load(std::memory_order_acquire);
    }
  }
}

void ThreadPool::workerLoop() {
  std::uint32_t seen = 0;
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
    if (stop_) return;
    seen = generation_;
    const std::function<void(int)>* fn = fn_;
    const int chunks = chunks_;
    lock.unlock();
    claimChunks(seen, *fn, chunks);
    lock.lock();
  }
}

void ThreadPool::run(int chunks, const std::function<void(int)>& fn) {
  if (workers_.empty() || chunks <= 1) {
    for (int i = 0; i < chunks; ++i) fn(i);
    return;
  }
  std::uint32_t generation;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    generation = ++generation_;
    fn_ = &fn;
    chunks_ = chunks;
    done_.store(0, std::memory_order_relaxed);
    ticket_.store(std::uint64_t(generation) << 32, std::memory_order_release);
  }
  wake_.notify_all();
  claimChunks(generation, fn, chunks);
  // Only chunks a worker is in the middle of remain.
  while (done_.load(std::memory_order_acquire) < chunks) std::this_thread::yield();
}

}  // namespace bs
