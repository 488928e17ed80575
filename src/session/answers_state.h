// The window's answers mode: the numbers a student wrote by hand, typed into
// fields or loaded from an answers file, and the checker's verdict on each. No ImGui and
// no OpenGL, so it is unit-tested with no display. The AppState owns one and passes it
// its graph; panels read it through the AppState.
#pragma once
#include <compare>
#include <map>
#include <optional>
#include <string>

#include "check/answer_sheet.h"
#include "check/checker.h"

namespace bs::app {

// One number a student can write: an element (r, c from 0) of a node's value or gradient.
struct AnswerKey {
  int node = -1;
  Quantity quantity = Quantity::Value;
  Index row = 0, col = 0;
  auto operator<=>(const AnswerKey&) const = default;
};

class Answers {
 public:
  // Whether a student writes this quantity: the values of op nodes (an input's, a
  // param's or a const's value is given) and the gradients of the nodes that get one
  // (a const gets none).
  static bool takes(const Graph& g, int node, Quantity q);

  bool active() const { return active_; }
  void setActive(bool on) { active_ = on; }

  const AnswerSheet& sheet() const { return sheet_; }
  const CheckReport& report() const { return report_; }
  // Non-empty when the graph cannot be checked (too large for a hand calculation).
  const std::string& checkError() const { return checkError_; }
  // What happened to the answers when the graph last changed ("2 answers dropped: ...").
  const std::string& note() const { return note_; }

  // The verdict of one written number; nullopt if it is not written (or not checked).
  std::optional<Verdict> verdict(const AnswerKey& k) const;
  // The text its field shows: text being kept because it cannot be read, else the
  // written number as written ("0.50"), else "".
  std::string fieldText(const AnswerKey& k) const;
  // Why a field's text cannot be read ("column 5: expected one number ..."); null if it can.
  const std::string* fieldError(const AnswerKey& k) const;
  // Whether a field of the node's value or gradient holds text that cannot be read:
  // the sheet keeps the number before it, so its explanation is not of what is shown.
  bool unreadable(int node, Quantity q) const;

  // A field edited: empty text erases the number; text that is not one number is kept
  // with its error and the sheet is unchanged. Throws std::out_of_range /
  // std::invalid_argument as AnswerSheet::set does for a key outside the graph.
  void type(const Graph& g, const AnswerKey& k, const std::string& text);
  void replace(const Graph& g, AnswerSheet sheet);  // a loaded sheet
  void clear(const Graph& g);
  void recheck(const Graph& g);  // after the given (leaf) values changed
  // The graph is replaced by `to`: answers are carried over by name (each line of the
  // sheet as the answers format writes it is read again against `to`); lines that no
  // longer fit are dropped and counted in note(). `from` may be null (nothing to carry).
  void carryOver(const Graph* from, const Graph& to);

 private:
  struct BadText {
    std::string text, error;
  };
  bool active_ = false;
  AnswerSheet sheet_;
  CheckReport report_;
  std::string checkError_, note_;
  std::map<AnswerKey, BadText> bad_;  // fields whose text cannot be read
};

}  // namespace bs::app
