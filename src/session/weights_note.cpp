#include "i18n/i18n.h"
#include "session/weights_note.h"

namespace bs::app {

std::string weightsNote(int epochsDone) {
  if (epochsDone >= kWeightsTakeShape) return "";
  const std::string done = epochsDone <= 0 ? std::string(tr("Before any epoch"))
                                           : fmt(trn("After {} epoch", "After {} epochs", (unsigned long)epochsDone), epochsDone);
  return done + " " +
         tr("the weights still look like noise: that is expected. They start random and take shape (colour blobs, "
            "rough templates of a class) over the first few epochs.");
}

}  // namespace bs::app
