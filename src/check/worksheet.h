// Worksheets: variants of an exercise for a class, each with its answer key and the
// template a student fills; the template's first line names the graph and variant, so
// that `backstep grade` finds each filled sheet's variant.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/graph.h"

namespace bs {

// The first line of a variant's files: "# backstep worksheet ex2, variant 03".
struct WorksheetHeader {
  std::string graph;    // the exercise's name
  std::string variant;  // as in the file names: "03"
};
std::string worksheetHeaderLine(const WorksheetHeader& h);
// The header on the text's first line, if it has one.
std::optional<WorksheetHeader> readWorksheetHeader(std::string_view text);
// The file names of variant `k` (from 1) of `n`: its number with at least two digits.
std::string variantName(int k, int n);

// One variant: the graph with new given values, and the texts of its three files.
struct Variant {
  std::string name;  // "03"
  Graph graph;
  std::string sheet;    // sheet-03.bsg: the graph
  std::string key;      // key-03.txt: every computed value and gradient, 4 decimals
  std::string answers;  // answers-03.txt: the template, a '?' for each number
};

// `variants` variants of `g` (named `graphName` in the headers), drawn from `seed`: every
// input and param gets "nice" numbers (1 or 2 decimals, 0.1 to 3 in size, never 0 or ±1,
// no two of the given numbers equal in size, so a swapped operand or a sign shows), such
// that no unit saturates, not even at twice its input (OpDef::saturated: σ stays within
// 0.09..0.91), no input of a kinked op is within 0.1 of a kink (OpDef::kinks), no
// computed value or gradient is within 0.05 of 0, and no two variants are the same.
// Throws std::runtime_error when no such numbers are found.
std::vector<Variant> makeWorksheet(const Graph& g, const std::string& graphName, int variants, unsigned seed);

// Writes DIR/sheet-K.bsg, DIR/key-K.txt and DIR/answers-K.txt of every variant, each
// atomically (io::writeFileAtomically); DIR is made if missing.
void writeWorksheet(const std::vector<Variant>& variants, const std::string& dir);

}  // namespace bs
