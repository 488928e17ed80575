// What a figure shows, before any renderer: the window's boxes (leaves, op circles,
// value boxes on the edges) with their text, the arrows, what the current step
// touched, and the caption. Graphviz and the TikZ writer draw the same scene.
#pragma once
#include <string>
#include <vector>

#include "core/stepper.h"
#include "figure/math_text.h"

namespace bs::figure {

enum class Ink { Value, Grad, Faint };

// A piece of text: math text in the trace's notation (converted by each renderer), or
// plain prose.
struct Run {
  std::string text;
  bool math = true;
  Ink ink = Ink::Value;
};
using Line = std::vector<Run>;

enum class ItemKind { Leaf, Op, Value };

struct Item {
  ItemKind kind = ItemKind::Leaf;
  NodeKind leafKind = NodeKind::Const;  // a leaf's fill colour
  Line title, subtitle;      // leaf: name over "param 2×3"; op: symbol over name; big value: its shape
  // Value boxes: the value's numbers over the gradient's (empty until known); a tensor
  // too big to write out has one line each, its largest magnitude.
  std::vector<Line> values, grads;
  bool lit = false;          // touched by the current step
};

struct Link {
  int from = -1, to = -1;  // items
  bool head = true;        // an arrowhead at `to`
  bool lit = false;
  std::string label;       // the clean graph: the tensor's shape on the edge
};

struct Scene {
  std::vector<Item> items;
  std::vector<Link> links;
  std::vector<Line> caption;  // the step, the note, the legend
  MathNames names;
};

// Tensors of more elements are drawn by their largest magnitude, as the window draws
// them as heatmaps.
constexpr Index kMaxWrittenElements = 16;

// `s` null: the clean graph (no value boxes; shapes on the edges).
Scene makeScene(const Graph& g, const Stepper* s, int precision, const std::string& note);

}  // namespace bs::figure
