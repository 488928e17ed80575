// Gradient descent on the open graph off the GUI thread: the same numbers as at once,
// Stop keeps the params of the last loss, and another graph drops a running descent.
// (Also run under ThreadSanitizer by .ci/run.)
#include "testing.h"

#include <chrono>
#include <thread>

#include "core/executor.h"
#include "session/app_state.h"

using namespace bs;
using namespace bs::app;

namespace {
// Polls as the window does each frame, for at most `seconds`; what the end returned.
std::optional<std::string> pollUntilEnd(AppState& s, double seconds = 60) {
  const auto t0 = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - t0 < std::chrono::duration<double>(seconds)) {
    if (std::optional<std::string> end = s.pollDescent()) return end;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return std::nullopt;
}

double lossNow(const Graph& g) {
  Executor<double> ex(g);
  ex.forward();
  return ex.loss();
}
}  // namespace

TEST_CASE("a descent on a worker gives the same losses and params as one run at once") {
  AppState now, worker;
  REQUIRE_FALSE(now.openExample("xor"));
  REQUIRE_FALSE(worker.openExample("xor"));
  CHECK(now.descend(0.5, 50).empty());
  REQUIRE(worker.startDescent(0.5, 50).empty());
  CHECK(worker.descending());
  const std::optional<std::string> end = pollUntilEnd(worker);
  REQUIRE(end);
  CHECK(end->empty());
  CHECK_FALSE(worker.descending());
  CHECK(worker.descentLosses() == now.descentLosses());
  const int W1 = *now.graph().find("W1");
  CHECK(worker.graph().node(W1).value == now.graph().node(W1).value);
  CHECK(worker.edited(W1));
}

TEST_CASE("Stop ends a long descent soon; the params are those of the last loss shown") {
  AppState s;
  REQUIRE_FALSE(s.openExample("xor"));
  REQUIRE(s.startDescent(0.01, 1000000).empty());
  while (s.descentLosses().size() < 100) {
    REQUIRE_FALSE(s.pollDescent());
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  s.stopDescent();
  const std::optional<std::string> end = pollUntilEnd(s, 30);
  REQUIRE(end);
  CHECK(end->empty());
  CHECK(s.descentLosses().size() < 1000001);
  CHECK(lossNow(s.graph()) == s.descentLosses().back());
}

TEST_CASE("another graph, or an edit, drops a descent still running; a failure is said") {
  AppState s;
  REQUIRE_FALSE(s.openExample("xor"));
  REQUIRE(s.startDescent(0.01, 1000000).empty());
  REQUIRE_FALSE(s.openExample("ex2"));  // waits for the worker's current step only
  CHECK_FALSE(s.descending());
  CHECK_FALSE(s.pollDescent());
  REQUIRE(s.startDescent(0.01, 1000000).empty());
  s.setLeafElement(*s.graph().find("x"), 0, 0, 2.0);
  CHECK_FALSE(s.descending());
  // A graph with nothing to train: the worker's error comes back, nothing changes.
  REQUIRE_FALSE(s.openSource("input x = 2\nL = x * x\noutput L\n", "no params"));
  REQUIRE(s.startDescent(0.1, 5).empty());
  const std::optional<std::string> end = pollUntilEnd(s);
  REQUIRE(end);
  CHECK(end->find("no 'param' to train") != std::string::npos);
  CHECK_FALSE(s.edited(*s.graph().find("x")));
}
