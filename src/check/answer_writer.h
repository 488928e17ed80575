// Writes answer sheets in the format answer_reader.h reads, keeping each number's
// decimals, so saving and reading again gives the same sheet.
#pragma once
#include <functional>
#include <string>

#include "check/answer_sheet.h"

namespace bs {

// One line per quantity when all its elements are written (`dL/dy = [0.196, 0.261]`),
// else one line per written element (`dL/dy1 = 0.196`); values in node order, then
// gradients in the order the backward pass computes them.
std::string formatAnswers(const Graph& g, const AnswerSheet& sheet);

// A rows x cols literal as the sheets write it: a number, a flat `[a, b]` for vectors,
// `[[a, b], [c, d]]` for matrices; `num(r, c)` writes one element.
std::string writeLiteral(Index rows, Index cols, const std::function<std::string(Index, Index)>& num);

// Writes the sheet with io::writeFileAtomically (an interrupted save never leaves half
// a file). Throws std::runtime_error naming the file.
void saveAnswers(const std::string& path, const Graph& g, const AnswerSheet& sheet);

}  // namespace bs
