// Help > Guide: what a student needs in the first hour, in one place: where to start,
// what each colour means, every op (from the op records, never a second list), and
// the two file formats. The window draws it (gui/guide_window.cpp); no ImGui here.
#pragma once
#include <string>
#include <vector>

namespace bs::app {

// A colour of the graph view, named here and painted by the window from its palette.
enum class Swatch { Input, Param, Const, Op, Current, Selected, Value, Gradient };

struct GuideColour {
  Swatch swatch;
  std::string name, meaning;
};

// One op as a student meets it: how it is written in a .bsg file, what it computes,
// the symbol in its circle, its local derivative and how the backward step is derived.
struct GuideOp {
  std::string name, written, computes, symbol, formula, derivation;
};

struct GuideSection {
  std::string title;
  std::vector<std::string> paragraphs;
};

struct Guide {
  GuideSection start;  // where to start
  std::vector<GuideColour> colours;
  std::vector<GuideOp> ops;  // allOps(), in its order
  std::vector<GuideSection> formats;  // .bsg, answers
};

const Guide& guide();

}  // namespace bs::app
