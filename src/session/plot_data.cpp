#include "session/plot_data.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace bs::app::plot {

namespace {

bool finite(double v) { return std::isfinite(v); }

// The value as the axis holds it: log10 on a log scale (NaN if it cannot be shown).
double axisValue(double v, Scale s) {
  if (s == Scale::Linear) return v;
  return v > 0 ? std::log10(v) : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

float Frame::screenX(double v) const { return left + float((v - x.lo) / x.span()) * width; }

float Frame::screenY(double v) const {
  const double a = axisValue(v, yScale);
  if (!finite(a)) return std::numeric_limits<float>::quiet_NaN();
  return top + height - float((a - y.lo) / y.span()) * height;
}

double Frame::dataX(float sx) const { return x.lo + double(sx - left) / double(width) * x.span(); }

int Frame::column(double v) const {
  const double c = std::floor((v - x.lo) / x.span() * double(width));
  return int(std::clamp(c, -1e9, 1e9));
}

std::vector<int> decimate(std::span<const double> x, std::span<const double> y, const Frame& frame) {
  const size_t n = std::min(x.size(), y.size());
  const int columns = std::max(1, int(std::ceil(frame.width)));
  std::vector<int> out;
  if (!(frame.x.span() > 0)) return out;
  // Few points: keep them all.
  if (n <= size_t(columns) * 4) {
    for (size_t i = 0; i < n; ++i)
      if (finite(x[i]) && finite(y[i]) && x[i] >= frame.x.lo && x[i] <= frame.x.hi) out.push_back(int(i));
    return out;
  }
  struct Bucket {
    int first = -1, last = -1, lo = -1, hi = -1;
  };
  std::vector<Bucket> b(size_t(columns) + 1);  // + 1: x == hi lands one past the end
  for (size_t i = 0; i < n; ++i) {
    if (!finite(x[i]) || !finite(y[i]) || x[i] < frame.x.lo || x[i] > frame.x.hi) continue;
    const int c = std::clamp(frame.column(x[i]), 0, columns);
    Bucket& k = b[size_t(c)];
    const int id = int(i);
    if (k.first < 0) k.first = k.lo = k.hi = id;
    k.last = id;
    if (y[i] < y[size_t(k.lo)]) k.lo = id;
    if (y[i] > y[size_t(k.hi)]) k.hi = id;
  }
  for (const Bucket& k : b) {
    if (k.first < 0) continue;
    int ids[4] = {k.first, k.lo, k.hi, k.last};
    std::sort(ids, ids + 4);
    for (int j = 0; j < 4; ++j)
      if (j == 0 || ids[j] != ids[j - 1]) out.push_back(ids[j]);
  }
  return out;
}

std::optional<Range> yExtent(std::span<const Series* const> series, Scale s) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const Series* p : series)
    for (double v : p->y) {
      const double a = axisValue(v, s);
      if (!finite(a)) continue;
      lo = std::min(lo, a);
      hi = std::max(hi, a);
    }
  if (lo > hi) return std::nullopt;
  return Range{lo, hi};
}

std::optional<Range> autoscaleY(std::span<const Series* const> series, Scale s) {
  std::vector<const Series*> solid;
  for (const Series* p : series)
    if (!p->faint) solid.push_back(p);
  if (auto r = yExtent(solid, s)) return r;
  return yExtent(series, s);
}

std::optional<Range> xExtent(std::span<const Series* const> series) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const Series* p : series)
    for (size_t i = 0; i < std::min(p->x.size(), p->y.size()); ++i)
      if (finite(p->x[i]) && finite(p->y[i])) {
        lo = std::min(lo, p->x[i]);
        hi = std::max(hi, p->x[i]);
      }
  if (lo > hi) return std::nullopt;
  return Range{lo, hi};
}

Range padded(Range r, double margin) {
  if (!(r.hi > r.lo)) {
    const double d = r.lo == 0 ? 1.0 : std::fabs(r.lo) * 0.1;
    return {r.lo - d, r.hi + d};
  }
  const double d = r.span() * margin;
  return {r.lo - d, r.hi + d};
}

namespace {
// The step of 1, 2 or 5 times a power of ten that gives at most about maxTicks ticks,
// as mantissa · 10^exponent so ticks can be computed without drift (3 · 0.2 ≠ 0.6).
struct Step {
  double mantissa;
  int exponent;
  double value() const { return mantissa * std::pow(10.0, exponent); }
  // k steps, rounded the way the decimal number would be written.
  double times(double k) const {
    return exponent >= 0 ? k * mantissa * std::pow(10.0, exponent) : k * mantissa / std::pow(10.0, -exponent);
  }
};

Step niceStep(double span, int maxTicks) {
  const double raw = span / std::max(1, maxTicks);
  const int e = int(std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0})
    if (m * std::pow(10.0, e) >= raw * (1 - 1e-12)) return {m, e};
  return {1.0, e + 1};
}
}  // namespace

std::vector<double> niceTicks(Range r, int maxTicks, bool counts) {
  std::vector<double> t;
  if (!(r.span() > 0) || !finite(r.span())) return t;
  Step step = niceStep(r.span(), maxTicks);
  if (counts && step.exponent < 0) step = {1.0, 0};
  const double size = step.value();
  for (double k = std::ceil(r.lo / size - 1e-9); k * size <= r.hi + size * 1e-9 && t.size() < 1000; k += 1) {
    const double v = k == 0 ? 0.0 : step.times(k);
    // A narrow range at a huge value (1e15 to 1e15 + 0.5): the doubles run out of
    // digits, and the next tick would be the same number again.
    if (!t.empty() && !(v > t.back())) break;
    t.push_back(v);
  }
  return t;
}

Range countRange(Range extent) { return extent.span() > 0 ? extent : Range{extent.lo - 0.5, extent.hi + 0.5}; }

std::vector<double> logTicks(Range r, int maxTicks) {
  std::vector<double> t;
  if (!(r.span() > 0) || !finite(r.span())) return t;
  // Doubles hold 10^-323 to 10^308: decades beyond are not drawn (and a range of
  // ±1e300 decades would not fit an int, nor a frame's time).
  const int d0 = int(std::floor(std::clamp(r.lo, -323.0, 308.0))), d1 = int(std::ceil(std::clamp(r.hi, -323.0, 308.0)));
  const int decades = d1 - d0;
  // Many decades: every k-th power of ten.
  const int every = std::max(1, (decades + maxTicks - 1) / std::max(1, maxTicks));
  const bool between = decades * 3 <= maxTicks;
  for (int d = d0; d <= d1; ++d) {
    for (double m : {1.0, 2.0, 5.0}) {
      if (m != 1.0 && !between) continue;
      if (m == 1.0 && d % every != 0) continue;
      const double lv = d + std::log10(m);
      if (lv >= r.lo - 1e-9 && lv <= r.hi + 1e-9) t.push_back(m * std::pow(10.0, d));
    }
  }
  // Less than a decade: fall back to linear ticks between the ends.
  if (t.size() < 2) {
    t = niceTicks({std::pow(10.0, r.lo), std::pow(10.0, r.hi)}, std::max(2, maxTicks / 2));
    std::erase_if(t, [](double v) { return v <= 0; });
  }
  return t;
}

std::string tickLabel(double v, double step) {
  char buf[32];
  const double a = std::fabs(v);
  if (v != 0 && (a >= 1e5 || a < 1e-3)) {
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
  }
  int decimals = step > 0 ? std::max(0, int(std::ceil(-std::log10(step) - 1e-9))) : 3;
  decimals = std::min(decimals, 6);
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::vector<double> smooth(std::span<const double> y, double window) {
  // Prefix sums of the finite values and of their count, so each mean costs O(1).
  const size_t n = y.size();
  std::vector<double> sum(n + 1, 0.0), count(n + 1, 0.0);
  for (size_t i = 0; i < n; ++i) {
    const bool ok = finite(y[i]);
    sum[i + 1] = sum[i] + (ok ? y[i] : 0.0);
    count[i + 1] = count[i] + (ok ? 1.0 : 0.0);
  }
  const size_t half = size_t(std::max(0.0, std::floor((std::max(1.0, window) - 1) / 2)));
  std::vector<double> out(n);
  for (size_t i = 0; i < n; ++i) {
    if (!finite(y[i])) {
      out[i] = y[i];
      continue;
    }
    const size_t a = i >= half ? i - half : 0, b = std::min(n, i + half + 1);
    out[i] = (sum[b] - sum[a]) / (count[b] - count[a]);
  }
  return out;
}

std::optional<Hit> nearest(std::span<const Series* const> series, const Frame& frame, float sx, float sy, float radius) {
  std::optional<Hit> best;
  const double x0 = frame.dataX(sx - radius), x1 = frame.dataX(sx + radius);
  for (size_t s = 0; s < series.size(); ++s) {
    const Series& p = *series[s];
    if (p.faint) continue;
    const size_t n = std::min(p.x.size(), p.y.size());
    const auto begin = p.x.begin(), end = p.x.begin() + std::ptrdiff_t(n);
    size_t i = size_t(std::lower_bound(begin, end, x0) - begin);
    // Many points under the cursor: look at no more than a few thousand.
    const size_t last = std::min(n, size_t(std::upper_bound(begin, end, x1) - begin));
    const size_t stride = std::max<size_t>(1, (last - std::min(i, last)) / 4096);
    for (; i < last; i += stride) {
      const float px = frame.screenX(p.x[i]), py = frame.screenY(p.y[i]);
      if (!std::isfinite(px) || !std::isfinite(py)) continue;
      const float d = std::hypot(px - sx, py - sy);
      if (d <= radius && (!best || d < best->distance)) best = Hit{int(s), int(i), d};
    }
  }
  return best;
}

}  // namespace bs::app::plot
