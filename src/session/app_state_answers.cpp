// AppState's answers-mode commands (declared in app_state.h): they pass the open graph
// to the Answers and move the stepper to a blamed step.
#include <fstream>
#include <sstream>

#include "i18n/i18n.h"
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
  EditState before = editState("");
  const auto was = answers_.sheet().get(k.node, k.quantity, k.row, k.col);
  answers_.type(*graph_, k, text);
  const auto now = answers_.sheet().get(k.node, k.quantity, k.row, k.col);
  if (was.has_value() != now.has_value() || (was && (was->value != now->value || was->decimals != now->decimals))) {
    before.what = fmt(tr("answer {}"), answerName(*graph_, k.node, k.quantity, k.row, k.col));
    undo_.push(std::move(before));
  }
  changed();
}

void AppState::clearAnswers() {
  if (!graph_) return;
  if (!answers_.sheet().empty()) remember(tr("clear the answers"));
  answers_.clear(*graph_);
  changed();
}

std::optional<SourceError> AppState::loadAnswersText(const std::string& text) {
  if (!graph_) return SourceError{0, 0, tr("no graph is open")};
  AnswerSheet sheet;
  try {
    sheet = parseAnswers(text, *graph_);
  } catch (const std::exception& e) {
    return SourceError::from(e);
  }
  remember(tr("load the answers"));
  answers_.replace(*graph_, std::move(sheet));
  answers_.setActive(true);
  changed();
  return std::nullopt;
}

std::optional<SourceError> AppState::loadAnswers(const std::string& path) {
  std::string text;
  try {
    text = io::readFile(path, 1 << 20, tr("an answers file"));
  } catch (const std::exception& e) {
    return SourceError::from(e);
  }
  auto err = loadAnswersText(text);
  if (!err) {
    answersPath_ = path;
    savedAnswers_ = answersText();
  }
  return err;
}

std::string AppState::saveAnswers(const std::string& path) {
  if (!graph_) return tr("no graph is open");
  try {
    bs::saveAnswers(path, *graph_, answers_.sheet());
  } catch (const std::exception& e) {
    return e.what();
  }
  answersPath_ = path;
  savedAnswers_ = answersText();
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
