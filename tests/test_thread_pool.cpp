// The thread pool behind the big matrix products.
#include "testing.h"

#include <atomic>
#include <vector>

#include "core/op.h"
#include "core/thread_pool.h"

using namespace bs;

TEST_CASE("every chunk runs exactly once, run after run") {
  for (int threads : {1, 2, 4}) {
    CAPTURE(threads);
    ThreadPool pool(threads);
    CHECK(pool.threads() == threads);
    for (int rep = 0; rep < 2000; ++rep) {
      const int chunks = 1 + rep % 9;
      std::vector<std::atomic<int>> hits(static_cast<size_t>(chunks));
      pool.run(chunks, [&](int i) { hits[size_t(i)].fetch_add(1); });
      for (auto& h : hits) REQUIRE(h.load() == 1);
    }
  }
}

TEST_CASE("the matrix product gives the same numbers for a given thread count") {
  Mat<float> A = Mat<float>::Random(100, 3072), X = Mat<float>::Random(3072, 100);
  const Mat<float>* ins[] = {&A, &X};
  const auto& k = findOp("matmul")->f;
  Mat<float> serial, first, again;
  k.forward({ins, {}, nullptr}, serial);
  ThreadPool pool(2);
  k.forward({ins, {}, &pool}, first);
  for (int rep = 0; rep < 20; ++rep) {
    k.forward({ins, {}, &pool}, again);
    REQUIRE(again == first);  // bit for bit
  }
  CHECK(first.isApprox(serial, 1e-5f));
  // The backward products too.
  Mat<float> up = Mat<float>::Random(100, 100), g1, g2;
  k.vjp(0, {ins, {}, &pool}, first, up, g1);
  k.vjp(0, {ins, {}, nullptr}, first, up, g2);
  CHECK(g1.isApprox(g2, 1e-5f));
}
