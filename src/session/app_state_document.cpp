// AppState's document commands (declared in app_state.h): saving the graph, what is
// unsaved, and undo / redo by restoring the state before an edit.
#include <cctype>
#include <filesystem>

#include "i18n/i18n.h"
#include "check/answer_writer.h"
#include "io/atomic_file.h"
#include "lang/parser.h"
#include "lang/printer.h"
#include "session/app_state.h"

namespace bs::app {

std::string AppState::saveGraph(const std::string& where) {
  if (!graph_) return tr("no graph is open");
  if (where.empty()) return tr("no file name given");
  std::string path = where;
  if (!std::filesystem::path(path).has_extension()) path += ".bsg";
  if (hasSource_ && source_ != *applied_ && !applySource())
    return sourceError_->located(tr("the source")) + " " + tr("(fix it, or undo, before saving)");
  const bool printed = !hasSource_ || !edited_.empty();  // the values shown are not in the text
  const std::string text = printed ? printGraph(*graph_) : *applied_;
  try {
    io::writeFileAtomically(path, text);
  } catch (const std::exception& e) {
    return e.what();
  }
  path_ = path;
  savedSource_ = text;
  named(path);
  if (printed) {
    source_ = text;
    applied_ = std::make_shared<const std::string>(text);
    hasSource_ = true;
    pristine_ = std::make_unique<Graph>(*graph_);
    edited_.clear();
  }
  changed();
  return {};
}

std::string AppState::suggestedFileName() const {
  if (!path_.empty()) return path_;
  std::string name;  // "ex3 batch 2" -> "ex3-batch-2.bsg"
  for (char c : title_)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') name += c;
    else if (!name.empty() && name.back() != '-') name += '-';
  if (!name.empty() && name.back() == '-') name.pop_back();  // "ex2 (edited)" -> "ex2-edited"
  return (name.empty() ? "graph" : name) + ".bsg";
}

bool AppState::graphUnsaved() const { return (hasSource_ && source_ != savedSource_) || !edited_.empty(); }

std::string AppState::answersText() const {
  return graph_ && !answers_.sheet().empty() ? formatAnswers(*graph_, answers_.sheet()) : "";
}

bool AppState::answersUnsaved() const { return answersText() != savedAnswers_; }

EditState AppState::editState(std::string what) const {
  EditState e{applied_, {}, answers_.sheet(), std::move(what)};
  for (int id : edited_) e.values[id] = graph_->node(id).value;
  return e;
}

void AppState::restore(const EditState& e) {
  if (e.applied != applied_ && *e.applied != *applied_) {
    std::unique_ptr<Graph> g;
    try {
      g = std::make_unique<Graph>(parseGraph(*e.applied));
    } catch (const std::exception& ex) {  // it was applied once, so this is not expected
      sourceError_ = SourceError::from(ex);
      return;
    }
    source_ = *e.applied;
    applied_ = e.applied;
    sourceError_.reset();
    const std::string title = appliedTitle(*g);
    show(std::move(g), title, stepper_->cursor());
  } else {
    for (int id : edited_) graph_->setValue(id, pristine_->node(id).value);
    edited_.clear();
  }
  for (const auto& [id, v] : e.values) {
    graph_->setValue(id, v);
    edited_.insert(id);
  }
  stepper_->refresh();
  answers_.replace(*graph_, e.answers);
  changed();
}

bool AppState::undo() {
  if (!graph_) return false;
  auto e = undo_.undo(editState(""));
  if (e) restore(*e);
  return e.has_value();
}

bool AppState::redo() {
  if (!graph_) return false;
  auto e = undo_.redo(editState(""));
  if (e) restore(*e);
  return e.has_value();
}

}  // namespace bs::app
