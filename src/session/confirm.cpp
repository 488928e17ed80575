#include "session/confirm.h"

#include <vector>

#include "i18n/i18n.h"
#include "session/app_state.h"
#include "session/run_store.h"

namespace bs::app {

Unsaved unsavedWork(const AppState& s, const RunStore* runs) {
  return {s.hasGraph() && s.graphUnsaved(), s.hasGraph() && s.answersUnsaved(), runs ? runs->unsaved() : 0};
}

std::string saveUnsaved(AppState& s, RunStore* runs, const SaveTargets& t) {
  const Unsaved u = unsavedWork(s, runs);
  std::string errors;
  auto note = [&](const std::string& e) {
    if (!e.empty()) errors += (errors.empty() ? "" : "; ") + e;
  };
  if (u.graph) note(s.saveGraph(s.filePath().empty() ? t.graph : s.filePath()));
  if (u.answers) note(s.saveAnswers(s.answersPath().empty() ? t.answers : s.answersPath()));
  if (u.runs > 0) {
    try {
      runs->saveUnsaved(t.runsDir);
    } catch (const std::exception& e) {
      note(e.what());
    }
  }
  return errors;
}

std::string saveQuestion(const Unsaved& u, const std::string& title) {
  std::vector<std::string> parts;
  if (u.graph) parts.push_back(title);
  if (u.answers) parts.push_back(tr("your answers"));
  if (u.runs > 0) parts.push_back(fmt(trn("{} training run", "{} training runs", (unsigned long)u.runs), u.runs));
  std::string list;
  for (size_t i = 0; i < parts.size(); ++i)
    list += (i == 0 ? "" : i + 1 == parts.size() ? tr(" and ") : ", ") + parts[i];
  const std::string running = tr("A run is still training: Cancel to let it finish, or it is lost.");
  if (parts.empty()) return running;
  return fmt(tr("Save changes to {}?"), list) + (u.training ? " " + running : "");
}

std::optional<Request> Confirm::ask(Request r, const Unsaved& u) {
  if (!u.any()) {
    waiting_.reset();
    return r;
  }
  waiting_ = std::move(r);
  stake_ = u;
  return std::nullopt;
}

std::optional<Request> Confirm::answer(Choice c, bool saved) {
  if (c == Choice::Save && !saved) return std::nullopt;
  std::optional<Request> r = std::move(waiting_);
  waiting_.reset();
  if (c == Choice::Cancel) return std::nullopt;
  return r;
}

}  // namespace bs::app
