// Helpers shared by the tests.
#pragma once
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "core/tensor.h"

// True when `v` shows as `expected` at `decimals` decimals (the way the course quotes numbers).
inline bool roundsTo(double v, double expected, int decimals = 4) {
  return std::fabs(v - expected) <= 0.5 * std::pow(10.0, -decimals) + 1e-12;
}

#define CHECK_ROUNDS(v, e)                                                   \
  do {                                                                       \
    double v_ = (v);                                                         \
    INFO(#v " = " << v_ << ", expected " << (e));                            \
    CHECK(roundsTo(v_, (e)));                                                \
  } while (0)

// Every element of `t` rounds to the matching element of `expected` (row-major list).
inline void checkTensorRounds(const bs::Tensor& t, std::initializer_list<double> expected, const std::string& what) {
  REQUIRE_MESSAGE(t.size() == bs::Index(expected.size()), what);
  bs::Index i = 0;
  for (double e : expected) {
    double v = t(i / t.cols(), i % t.cols());
    INFO(what << "[" << i << "] = " << v << ", expected " << e);
    CHECK(roundsTo(v, e));
    ++i;
  }
}
