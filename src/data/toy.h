// Small generated datasets of exercises 6 and 7: every input in {-1, 1}^N (one per
// column) with the product of its bits as target (XOR for N = 2).
#pragma once
#include "core/tensor.h"

namespace bs::data {

struct Toy {
  Mat<float> x;  // N x 2^N
  Mat<float> t;  // 1 x 2^N, ±1
};

Toy parity(int bits);  // throws std::invalid_argument unless 1 <= bits <= 20
inline Toy xorData() { return parity(2); }

}  // namespace bs::data
