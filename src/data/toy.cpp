#include "data/toy.h"

#include <stdexcept>
#include <string>

namespace bs::data {

Toy parity(int bits) {
  if (bits < 1 || bits > 20) throw std::invalid_argument("parity needs 1 to 20 bits, got " + std::to_string(bits));
  const Index n = Index(1) << bits;
  Toy d;
  d.x.resize(bits, n);
  d.t.resize(1, n);
  for (Index s = 0; s < n; ++s) {
    float prod = 1;
    for (int b = 0; b < bits; ++b) {
      float v = (s >> b) & 1 ? 1.f : -1.f;
      d.x(b, s) = v;
      prod *= v;
    }
    d.t(0, s) = prod;
  }
  return d;
}

}  // namespace bs::data
