// Worksheets: variants of an exercise for a class, each with its answer key and the
// template a student fills; the template's first line names the graph and variant, so
// that `backstep grade` finds each filled sheet's variant.
#pragma once
#include <optional>
#include <string>
#include <string_view>

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

}  // namespace bs
