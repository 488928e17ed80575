// The plot widget's data side: decimation, ranges, ticks, log scale, smoothing, hover.
#include <algorithm>
#include <cmath>
#include <random>

#include "session/plot_data.h"
#include "testing.h"

using namespace bs::app::plot;

namespace {
Frame frame(double x0, double x1, float width, Scale s = Scale::Linear, Range y = {0, 1}) {
  Frame f;
  f.left = 10;
  f.top = 20;
  f.width = width;
  f.height = 200;
  f.x = {x0, x1};
  f.y = y;
  f.yScale = s;
  return f;
}
}  // namespace

TEST_CASE("decimation keeps every pixel column's minimum and maximum") {
  const int n = 200000;
  std::vector<double> x(n), y(n);
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0, 1);
  for (int i = 0; i < n; ++i) {
    x[size_t(i)] = i;
    y[size_t(i)] = std::sin(i * 1e-4) + 0.1 * noise(rng);
  }
  y[123457] = 50;   // spikes that a naive every-k-th-point sampling would miss
  y[98765] = -40;
  const Frame f = frame(0, n - 1, 300);
  const std::vector<int> kept = decimate(x, y, f);
  CHECK(kept.size() <= 4 * 301);
  CHECK(kept.size() >= 300);
  CHECK(std::is_sorted(kept.begin(), kept.end()));
  CHECK(std::find(kept.begin(), kept.end(), 123457) != kept.end());
  CHECK(std::find(kept.begin(), kept.end(), 98765) != kept.end());
  // Per column, the kept points' extremes equal the data's extremes.
  std::vector<double> lo(302, 1e300), hi(302, -1e300), klo(302, 1e300), khi(302, -1e300);
  for (int i = 0; i < n; ++i) {
    const size_t c = size_t(std::clamp(f.column(x[size_t(i)]), 0, 300));
    lo[c] = std::min(lo[c], y[size_t(i)]);
    hi[c] = std::max(hi[c], y[size_t(i)]);
  }
  for (int i : kept) {
    const size_t c = size_t(std::clamp(f.column(x[size_t(i)]), 0, 300));
    klo[c] = std::min(klo[c], y[size_t(i)]);
    khi[c] = std::max(khi[c], y[size_t(i)]);
  }
  CHECK(lo == klo);
  CHECK(hi == khi);
}

TEST_CASE("decimation keeps small series whole, drops points outside the x range and non-finite ones") {
  std::vector<double> x = {0, 1, 2, 3, 4, 5}, y = {1, NAN, 3, 4, INFINITY, 6};
  const auto kept = decimate(x, y, frame(1, 4, 400));
  CHECK(kept == std::vector<int>{2, 3});
  CHECK(decimate(x, y, frame(2, 2, 400)).empty());  // an empty x range shows nothing
}

TEST_CASE("axis ranges: extents over several series, padding, log scale ignores values <= 0") {
  Series a{"a", {1, 2, 3}, {0.5, 2, -1}}, b{"b", {1, 2}, {10, NAN}};
  const Series* both[] = {&a, &b};
  auto y = yExtent(both, Scale::Linear);
  REQUIRE(y);
  CHECK(*y == Range{-1, 10});
  auto ly = yExtent(both, Scale::Log);
  REQUIRE(ly);
  CHECK(ly->lo == doctest::Approx(std::log10(0.5)));
  CHECK(ly->hi == doctest::Approx(1));
  auto x = xExtent(both);
  REQUIRE(x);
  CHECK(*x == Range{1, 3});
  Series empty{"e", {}, {}};
  const Series* none[] = {&empty};
  CHECK(!yExtent(none, Scale::Linear));
  const Range p = padded({0, 10}, 0.1);
  CHECK(p == Range{-1, 11});
  const Range flat = padded({3, 3});
  CHECK(flat.lo < 3);
  CHECK(flat.hi > 3);
}

TEST_CASE("autoscale fits the solid lines; a faint series alone still gets a range") {
  Series raw{"raw", {1, 2, 3}, {5, 0.5, 0.2}}, smooth{"smooth", {1, 2, 3}, {1, 0.6, 0.3}};
  raw.faint = true;
  const Series* both[] = {&raw, &smooth};
  CHECK(*autoscaleY(both, Scale::Linear) == Range{0.3, 1});
  const Series* faintOnly[] = {&raw};
  CHECK(*autoscaleY(faintOnly, Scale::Linear) == Range{0.2, 5});
  Series empty{"e", {}, {}};
  const Series* withEmpty[] = {&raw, &empty};  // the solid one has no values
  CHECK(*autoscaleY(withEmpty, Scale::Linear) == Range{0.2, 5});
}

TEST_CASE("a count axis has whole ticks: one epoch is 1, not 0.90 ... 1.10") {
  const Range one = countRange({1, 1});
  CHECK(one == Range{0.5, 1.5});
  CHECK(niceTicks(one, 5, true) == std::vector<double>{1});
  CHECK(niceTicks(one, 5).size() > 1);  // the same range as a value axis: fractions
  CHECK(niceTicks(countRange({1, 3}), 8, true) == std::vector<double>{1, 2, 3});
  CHECK(countRange({1, 300}) == Range{1, 300});
  CHECK(niceTicks({1, 300}, 5, true) == niceTicks({1, 300}, 5));  // long runs: as before
}

TEST_CASE("nice ticks are round numbers inside the range") {
  CHECK(niceTicks({0, 1}, 5) == std::vector<double>{0, 0.2, 0.4, 0.6, 0.8, 1.0});
  auto t = niceTicks({-3.7, 12.1}, 6);
  CHECK(t == std::vector<double>{0, 5, 10});
  t = niceTicks({0.3012, 0.3788}, 5);
  REQUIRE(t.size() >= 3);
  for (double v : t) {
    CHECK(v >= 0.3012);
    CHECK(v <= 0.3788);
  }
  CHECK(t[1] - t[0] == doctest::Approx(0.02));
  CHECK(niceTicks({1, 1}, 5).empty());
  CHECK(tickLabel(0.4, 0.2) == "0.4");
  CHECK(tickLabel(150, 50) == "150");
  CHECK(tickLabel(0.32, 0.02) == "0.32");
  CHECK(tickLabel(2e-5, 1e-5) == "2e-05");
}

TEST_CASE("log scale: ticks at powers of ten, values <= 0 are not drawn") {
  CHECK(logTicks({-3, 1}, 6) == std::vector<double>{1e-3, 1e-2, 1e-1, 1, 10});
  auto few = logTicks({0, 1}, 8);  // one decade: 1, 2, 5, 10
  CHECK(few == std::vector<double>{1, 2, 5, 10});
  auto many = logTicks({-12, 12}, 6);  // every k-th power
  CHECK(many.size() <= 7);
  CHECK(std::find(many.begin(), many.end(), 1.0) != many.end());
  const Frame f = frame(0, 1, 100, Scale::Log, {-2, 0});
  CHECK(f.screenY(1) == doctest::Approx(20));        // top
  CHECK(f.screenY(0.01) == doctest::Approx(220));    // bottom
  CHECK(f.screenY(0.1) == doctest::Approx(120));
  CHECK(std::isnan(f.screenY(0)));
  CHECK(std::isnan(f.screenY(-1)));
}

TEST_CASE("ranges at the ends of the doubles give few ticks at once, never a loop over every decade or number") {
  // A narrow range at a huge value: the next tick would be the same double.
  const auto narrow = niceTicks({1e15, 1e15 + 0.5}, 8);
  REQUIRE(!narrow.empty());
  CHECK(std::adjacent_find(narrow.begin(), narrow.end(), [](double a, double b) { return !(b > a); }) == narrow.end());
  CHECK(narrow.size() <= 9);
  // A log range of ±1e300 decades (a zoomed-out or fixed range): only the decades doubles hold.
  const auto wide = logTicks({-1e300, 1e300}, 8);
  CHECK(wide.size() <= 12);
  for (double v : wide) CHECK(std::isfinite(v));
  // Losses near the largest double: the padded range overflows to infinity, and gives no ticks.
  const Range huge = padded({-1e308, 1e308});
  CHECK(niceTicks(huge, 8).empty());
}

TEST_CASE("smoothing is a centred mean: no lag, ends and non-finite points handled") {
  std::vector<double> y = {10, 0, 0, 0, NAN, 0};
  auto s = smooth(y, 3);
  CHECK(s[0] == 5);                          // (10 + 0) / 2: the window is cut at the end
  CHECK(s[1] == doctest::Approx(10.0 / 3));
  CHECK(s[2] == 0);
  CHECK(s[3] == 0);                          // the NaN neighbour is left out
  CHECK(std::isnan(s[4]));
  CHECK(s[5] == 0);
  CHECK(smooth(y, 1)[0] == 10);              // a window of one point is the raw series
  CHECK(smooth(y, 1)[1] == 0);
  // A step stays where it is: halfway at the step, not dragged to the right.
  std::vector<double> step(200, 1.0);
  for (size_t i = 100; i < 200; ++i) step[i] = 0;
  auto t = smooth(step, 21);
  CHECK(t[89] == 1);
  CHECK(t[99] == doctest::Approx(11.0 / 21));
  CHECK(t[110] == 0);
}

TEST_CASE("hover finds the nearest point within the radius, ignoring faint series") {
  Series raw{"raw", {0, 1, 2, 3}, {0, 1, 0, 1}};
  raw.faint = true;
  Series line{"line", {0, 1, 2, 3}, {0.5, 0.5, 0.5, 0.9}};
  const Series* all[] = {&raw, &line};
  const Frame f = frame(0, 3, 300, Scale::Linear, {0, 1});
  // (2, 0.5) is at pixel (10 + 200, 20 + 100).
  auto hit = nearest(all, f, 212, 118, 10);
  REQUIRE(hit);
  CHECK(hit->series == 1);
  CHECK(hit->index == 2);
  CHECK(!nearest(all, f, 160, 20, 10));  // far from everything
}
