#include "session/undo.h"

namespace bs::app {

void UndoStack::push(EditState before) {
  undo_.push_back(std::move(before));
  if (undo_.size() > kDepth) undo_.erase(undo_.begin());
  redo_.clear();
}

namespace {
// Moves the top of `from` out and puts `current` on `to` under the same label.
std::optional<EditState> swap(std::vector<EditState>& from, std::vector<EditState>& to, EditState current) {
  if (from.empty()) return std::nullopt;
  EditState e = std::move(from.back());
  from.pop_back();
  current.what = e.what;
  to.push_back(std::move(current));
  return e;
}
}  // namespace

std::optional<EditState> UndoStack::undo(EditState current) { return swap(undo_, redo_, std::move(current)); }
std::optional<EditState> UndoStack::redo(EditState current) { return swap(redo_, undo_, std::move(current)); }

void UndoStack::clear() {
  undo_.clear();
  redo_.clear();
}

}  // namespace bs::app
