#include "session/weights_note.h"

namespace bs::app {

std::string weightsNote(int epochsDone) {
  if (epochsDone >= kWeightsTakeShape) return "";
  const std::string done = epochsDone <= 0 ? "Before any epoch" : epochsDone == 1 ? "After 1 epoch" : "After " + std::to_string(epochsDone) + " epochs";
  return done + " the weights still look like noise: that is expected. They start random and take shape (colour blobs, "
                "rough templates of a class) over the first few epochs.";
}

}  // namespace bs::app
