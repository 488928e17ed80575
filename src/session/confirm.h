// Asking before work is lost: what is unsaved (the graph, the answers, training runs),
// the question the window puts, and the action (quit, open another graph) that waits
// for the answer. No ImGui; the window draws the question and carries out the action.
#pragma once
#include <optional>
#include <string>

namespace bs::app {

class AppState;
class RunStore;

struct Unsaved {
  bool graph = false;    // source typed or applied, or values edited, since the last open or save
  bool answers = false;  // answers typed since they were last loaded or saved
  int runs = 0;          // training runs not saved as CSV
  bool training = false; // a run still training (it cannot be saved before it ends)
  bool any() const { return graph || answers || runs > 0 || training; }
};

// What is unsaved in the open graph and, if given, the training window's runs.
Unsaved unsavedWork(const AppState& s, const RunStore* runs);

// Where Save puts what has no file yet (a graph from an example, answers never saved,
// trained runs); what has a file is saved to it.
struct SaveTargets {
  std::string graph, answers, runsDir;
};
// Saves everything unsaved; "" or what could not be saved (the rest is still saved).
std::string saveUnsaved(AppState& s, RunStore* runs, const SaveTargets& t);

// "Save changes to xor.bsg?", "Save changes to ex2 and your answers?", ...; with a run
// still training, that it is lost unless the question is cancelled.
std::string saveQuestion(const Unsaved& u, const std::string& title);

// What would replace or close the open work; `arg` is the example name or file path.
// StepThrough: the training window's paused batch, which the window holds meanwhile.
struct Request {
  enum class Action { Quit, OpenExample, OpenFile, StepThrough } action = Action::Quit;
  std::string arg;
};
enum class Choice { Save, Discard, Cancel };

class Confirm {
 public:
  // The request to carry out now when nothing is unsaved; else none, and the request
  // waits for answer() (a later request replaces a waiting one).
  std::optional<Request> ask(Request r, const Unsaved& u);
  const std::optional<Request>& waiting() const { return waiting_; }
  // What was at stake when the waiting request was asked.
  const Unsaved& stake() const { return stake_; }
  // Cancel: forgotten. Discard: carried out. Save: carried out when `saved` (everything
  // was written), else it keeps waiting, so a failed save loses nothing.
  std::optional<Request> answer(Choice c, bool saved = false);

 private:
  std::optional<Request> waiting_;
  Unsaved stake_;
};

}  // namespace bs::app
