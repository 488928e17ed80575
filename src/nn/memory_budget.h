// The memory a pass over one batch may take, checked before anything of the batch is
// allocated: every node of a network but its parameters holds numbers for each sample
// (the input, each layer's outputs, the targets), and a gradient as many, so the size a
// user chooses (a batch, or 20-bit parity in one batch of 2^20 samples) is refused
// with the numbers instead of exhausting the machine.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>

#include "nn/network.h"

namespace bs::nn {

struct BudgetError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What the values and gradients of one batch may take.
constexpr std::uint64_t kActivationBudget = std::uint64_t(2) << 30;

// The numbers one sample puts in the model's graph (the rows of every node that is not
// a parameter; a scalar such as the loss counts as one, a rounding error).
std::uint64_t numbersPerSample(const Model& m);

// Throws BudgetError when `samples` samples, at `bytesPerNumber` for a value and its
// gradient, exceed the budget:
//   WHAT: 1048576 samples x 10071 numbers per sample (...) need 84.5 GB; at most 2 GiB: HINT
void checkActivationBudget(const Model& m, std::uint64_t samples, std::uint64_t bytesPerNumber, const std::string& what,
                           const std::string& hint);

}  // namespace bs::nn
