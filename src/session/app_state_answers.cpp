// AppState's answers-mode commands (declared in app_state.h): they pass the open graph
// to the Answers and move the stepper to a blamed step.
#include <fstream>
#include <sstream>

#include "session/app_state.h"
#include "check/answer_reader.h"
#include "io/read_file.h"
#include "check/answer_writer.h"

namespace bs::app {

void AppState::setAnswersMode(bool on) {
  answers_.setActive(on);
  changed();
}

void AppState::typeAnswer(const AnswerKey& k, const std::string& text) {
  if (!graph_) return;
  answers_.type(*graph_, k, text);
  changed();
}

void AppState::clearAnswers() {
  if (!graph_) return;
  answers_.clear(*graph_);
  changed();
}

std::optional<SourceError> AppState::loadAnswersText(const std::string& text) {
  if (!graph_) return SourceError{0, 0, "no graph is open"};
  try {
    answers_.replace(*graph_, parseAnswers(text, *graph_));
  } catch (const std::exception& e) {
    return SourceError::from(e);
  }
  answers_.setActive(true);
  changed();
  return std::nullopt;
}

std::optional<SourceError> AppState::loadAnswers(const std::string& path) {
  std::string text;
  try {
    text = io::readFile(path, 1 << 20, "an answers file");
  } catch (const std::exception& e) {
    return SourceError::from(e);
  }
  return loadAnswersText(text);
}

std::string AppState::saveAnswers(const std::string& path) const {
  if (!graph_) return "no graph is open";
  try {
    bs::saveAnswers(path, *graph_, answers_.sheet());
  } catch (const std::exception& e) {
    return e.what();
  }
  return {};
}

bool AppState::goToBlamed(const AnswerKey& k) {
  const ElementCheck* e = answers_.report().element(k.node, k.quantity, k.row, k.col);
  if (!stepper_ || !e || e->blamedStep < 0 || e->blamedStep >= stepper_->size()) return false;
  goTo(e->blamedStep + 1);
  const Step& st = stepper_->schedule()[size_t(e->blamedStep)];
  select(st.phase == Phase::Forward ? st.node : st.target);
  return true;
}

}  // namespace bs::app
