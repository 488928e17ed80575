// Reads answer sheets: plain text, one line per number or tensor (see README "Checking
// a hand calculation"):
//   z = [0.406, 0.525]        a node's value
//   dL/dy = [0.196, 0.261]    its gradient (also written y.grad)
//   dL/dy1 = 0.196            one element (W[1,2] and dL/dW[1,2] for matrices)
// `#` starts a comment, `;` separates answers on one line.
#pragma once
#include <string>
#include <string_view>

#include "check/answer_sheet.h"
#include "lang/lexer.h"

namespace bs {

// Throws ParseError with the line and column of the problem: an unknown node, a shape
// that is not the node's, a number that cannot be read, an element written twice.
AnswerSheet parseAnswers(std::string_view text, const Graph& g);

// Reads a file; throws std::runtime_error whose message starts with "FILE:LINE:COL: ".
AnswerSheet loadAnswers(const std::string& path, const Graph& g);

}  // namespace bs
