// What the training window says beside a network's first-layer weight images while
// they cannot show much yet: after one epoch they look like noise, and that is expected.
#pragma once
#include <string>

namespace bs::app {

// Epochs after which the images have taken shape and the note goes.
inline constexpr int kWeightsTakeShape = 3;
// The note after `epochsDone` epochs; "" from kWeightsTakeShape on.
std::string weightsNote(int epochsDone);

}  // namespace bs::app
