// Reads answer sheets: plain text, one line per number or tensor (see README "Checking
// a hand calculation"):
//   z = [0.406, 0.525]        a node's value
//   dL/dy = [0.196, 0.261]    its gradient (also written y.grad)
//   dL/dy1 = 0.196            one element (W[1,2] and dL/dW[1,2] for matrices)
//   dL/dW = [[?, ?, ?], [?, ?, ?]]   `?` (or nothing after '=') is a number not written
//   z = [0,406; 0,525]        decimal commas, where the elements are separated by ';'
// `#` starts a comment, `;` separates answers on one line (outside brackets).
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "check/answer_sheet.h"
#include "lang/lexer.h"

namespace bs {

// What the left-hand side of an answer names.
struct AnswerTarget {
  int node = -1;
  Quantity quantity = Quantity::Value;
  Index row = -1, col = -1;  // one element, or -1: the whole tensor
};

// The names a sheet gives quantities: "z", "z1", "dL/dz", "W.grad", "dL/dW[1,2]".
// Shared by the answers reader and the marking file of `backstep grade`.
class AnswerNames {
 public:
  // `shown`: names the trace shows for nodes named by their expression ("dL/d(y − t)"),
  // which the lexer cannot read, stood in for by placeholder tokens (parseAnswers).
  explicit AnswerNames(const Graph& g, std::map<std::string, AnswerTarget> shown = {});
  // Reads a name (and its `[i,j]`) from `ts`; throws ParseError at the name for an
  // unknown node or element, or the gradient of a node that gets none.
  AnswerTarget read(TokenStream& ts) const;

 private:
  AnswerTarget resolve(const Token& tok) const;
  void index(TokenStream& ts, const Token& nameTok, AnswerTarget& t) const;

  const Graph& g_;
  std::vector<char> hasGrad_;
  std::map<std::string, AnswerTarget> shown_;
};

// Decimal commas ("0,196"): a comma that touches a whole number on its left and digits
// on its right. Read as a point where that cannot be read two ways (a number on its
// own, or a list whose elements are separated by ';', which then become ','); in a list
// separated by commas, a ParseError says to write a point. `toks` is one right-hand side.
void readDecimalCommas(std::vector<Token>& toks);

// Throws ParseError with the line and column of the problem: an unknown node, a shape
// that is not the node's, a number that cannot be read, an element written twice.
AnswerSheet parseAnswers(std::string_view text, const Graph& g);

// Reads a file; throws std::runtime_error whose message starts with "FILE:LINE:COL: ".
AnswerSheet loadAnswers(const std::string& path, const Graph& g);

}  // namespace bs
