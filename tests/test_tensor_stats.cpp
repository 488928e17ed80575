// Statistics of large tensors (shown for a training batch in the window): mean, std,
// min, max, and the share of saturated units by each activation's own rule.
#include "testing.h"

#include "core/stepper.h"
#include "core/tensor_stats.h"
#include "lang/parser.h"

using namespace bs;

namespace {

// Steps a graph of five inputs through `act` to its end and returns the statistics of
// the activation's value.
TensorStats activationStats(const std::string& act) {
  Graph g = parseGraph("input x = [-10, -0.5, 0, 0.5, 10]\na = " + act + "\nL = sum(a)\noutput L\n");
  Stepper s(g);
  s.toEnd();
  return valueStats(g.node(*g.find("a")));
}

}  // namespace

TEST_CASE("mean, std, min and max of a tensor") {
  Tensor t(2, 2);
  t << 1, 2, 3, 6;
  const TensorStats s = tensorStats(t);
  CHECK(s.mean == doctest::Approx(3));
  CHECK(s.std == doctest::Approx(std::sqrt((4 + 1 + 0 + 9) / 4.0)));
  CHECK(s.min == 1);
  CHECK(s.max == 6);
  CHECK(s.saturated == -1);
  CHECK(formatStats(s) == "mean 3  std 1.871  min 1  max 6");
}

TEST_CASE("the share of saturated units follows each activation's rule") {
  CHECK(activationStats("sigmoid(x)").saturated == doctest::Approx(0.4));  // σ(±10) only
  CHECK(activationStats("tanh(x)").saturated == doctest::Approx(0.4));     // tanh(±10) only
  CHECK(activationStats("relu(x)").saturated == doctest::Approx(0.6));     // -10, -0.5 and 0 pass no gradient
  CHECK(activationStats("leaky_relu(x, 0.1)").saturated == doctest::Approx(0.6));
  CHECK(activationStats("elu(x)").saturated == doctest::Approx(0.2));      // ELU(-10) = -0.99995 only
  CHECK(activationStats("exp(x)").saturated == -1);                        // not an activation
  const TensorStats s = activationStats("sigmoid(x)");
  CHECK(formatStats(s, "σ < 0.01 or > 0.99, so σ' < 0.01").ends_with("saturated 40.0% (σ < 0.01 or > 0.99, so σ' < 0.01)"));
}
