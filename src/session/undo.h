// Edit > Undo / Redo: the states of the user's edits before each one (the applied
// source, the edited leaves' values, the answers), on two stacks. AppState pushes a
// state before each edit and restores the one undo or redo hands back.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "check/answer_sheet.h"
#include "core/tensor.h"

namespace bs::app {

struct EditState {
  // The source the graph was parsed from ("" if built in code), shared between states:
  // value edits of a long graph do not copy its text each time.
  std::shared_ptr<const std::string> applied;
  std::map<int, Tensor> values;   // edited leaves (node id: value)
  AnswerSheet answers;
  std::string what;               // the edit that came after this state, for the menu: "edit W12"
};

class UndoStack {
 public:
  static constexpr size_t kDepth = 200;  // the oldest states go beyond this
  // Before an edit: its state. Whatever was undone can no longer be redone.
  void push(EditState before);
  // The state to restore, if any; `current` goes to the other stack, so the step can be
  // taken back.
  std::optional<EditState> undo(EditState current);
  std::optional<EditState> redo(EditState current);
  void clear();
  bool canUndo() const { return !undo_.empty(); }
  bool canRedo() const { return !redo_.empty(); }
  // What undo or redo would take back or do again ("" if nothing).
  std::string undoLabel() const { return undo_.empty() ? "" : undo_.back().what; }
  std::string redoLabel() const { return redo_.empty() ? "" : redo_.back().what; }

 private:
  std::vector<EditState> undo_, redo_;
};

}  // namespace bs::app
