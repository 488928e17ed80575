// The open graph as a document, with no display: what is unsaved, the question before
// quitting or opening over it, undo and redo, saving and reopening.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "assets/embedded.h"
#include "io/read_file.h"
#include "session/app_state.h"
#include "session/confirm.h"
#include "session/run_store.h"
#include "testing.h"

using namespace bs;
using namespace bs::app;

namespace {

std::filesystem::path tempDir(const char* what) {
  auto d = std::filesystem::temp_directory_path() / ("backstep_document_" + std::string(what) + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

std::string read(const std::filesystem::path& p) { return io::readFile(p.string(), 1 << 20, "a test file"); }

AppState opened(const char* example) {
  AppState s;
  REQUIRE_FALSE(s.openExample(example).has_value());
  return s;
}

int id(const AppState& s, const char* n) { return *s.graph().find(n); }

AnswerKey key(const AppState& s, const char* node, Quantity q, Index r = 0) { return {id(s, node), q, r, 0}; }

nn::Run run(const std::string& preset) {
  nn::Run r;
  r.preset = preset;
  nn::EpochStats e;
  e.epoch = 1;
  e.trainLoss = 0.5;
  e.trainAcc = 0.75;
  r.history.push_back(e);
  return r;
}

}  // namespace

TEST_CASE("typed or applied source and edited values are unsaved until the graph is saved") {
  AppState s = opened("ex2");
  CHECK_FALSE(s.graphUnsaved());
  CHECK(s.filePath().empty());
  const std::string original = s.sourceText();
  s.sourceText() += "# a note\n";  // typed, not applied: unsaved too
  CHECK(s.graphUnsaved());
  s.sourceText() = original;  // typed back as it was
  CHECK_FALSE(s.graphUnsaved());
  s.setLeafElement(id(s, "W"), 0, 0, 0.5);
  CHECK(s.graphUnsaved());
  s.resetEdits();
  CHECK_FALSE(s.graphUnsaved());
  s.sourceText() = "param W = [[1, 2], [3, 4]]\ninput x = [1, 1]\ny = W @ x\nL = sum_squares(y)\noutput L\n";
  REQUIRE(s.applySource());
  CHECK(s.graphUnsaved());
  REQUIRE_FALSE(s.openExample("ex1a").has_value());  // another graph: nothing unsaved in it
  CHECK_FALSE(s.graphUnsaved());
}

TEST_CASE("answers are unsaved from the first typed until saved or loaded") {
  const auto dir = tempDir("answers");
  AppState s = opened("ex2");
  CHECK_FALSE(s.answersUnsaved());
  s.typeAnswer(key(s, "z", Quantity::Value), "0.406");
  CHECK(s.answersUnsaved());
  const std::string path = (dir / "mine.txt").string();
  REQUIRE(s.saveAnswers(path).empty());
  CHECK_FALSE(s.answersUnsaved());
  CHECK(s.answersPath() == path);
  s.typeAnswer(key(s, "z", Quantity::Value, 1), "0.525");
  CHECK(s.answersUnsaved());
  REQUIRE_FALSE(s.loadAnswers(path).has_value());  // back to the file's one number
  CHECK_FALSE(s.answersUnsaved());
  s.clearAnswers();
  CHECK(s.answersUnsaved());
  std::filesystem::remove_all(dir);
}

TEST_CASE("nothing unsaved: quit and open go at once; else they wait for Save, Discard or Cancel") {
  Confirm c;
  const Request quit{Request::Action::Quit, ""};
  auto now = c.ask(quit, Unsaved{});
  REQUIRE(now);
  CHECK(now->action == Request::Action::Quit);
  CHECK_FALSE(c.waiting());

  const Unsaved graph{true, false, 0};
  CHECK_FALSE(c.ask(quit, graph));  // Esc with an unsaved graph does not quit
  REQUIRE(c.waiting());
  CHECK(c.stake().graph);
  CHECK_FALSE(c.answer(Choice::Cancel));  // Cancel: stays, nothing asked any more
  CHECK_FALSE(c.waiting());

  CHECK_FALSE(c.ask({Request::Action::OpenExample, "ex1a"}, graph));
  now = c.answer(Choice::Discard);
  REQUIRE(now);
  CHECK(now->action == Request::Action::OpenExample);
  CHECK(now->arg == "ex1a");

  CHECK_FALSE(c.ask({Request::Action::OpenFile, "a.bsg"}, Unsaved{false, false, 2}));
  CHECK_FALSE(c.answer(Choice::Save, false));  // the save failed: still asking, nothing lost
  REQUIRE(c.waiting());
  now = c.answer(Choice::Save, true);
  REQUIRE(now);
  CHECK(now->arg == "a.bsg");
  CHECK_FALSE(c.waiting());
}

TEST_CASE("the question names what is unsaved") {
  CHECK(saveQuestion({true, false, 0}, "ex2") == "Save changes to ex2?");
  CHECK(saveQuestion({false, true, 0}, "ex2") == "Save changes to your answers?");
  CHECK(saveQuestion({true, false, 1}, "xor.bsg") == "Save changes to xor.bsg and 1 training run?");
  CHECK(saveQuestion({true, true, 3}, "ex2") == "Save changes to ex2, your answers and 3 training runs?");
  CHECK(saveQuestion({false, false, 0, true}, "ex2") == "A run is still training: Cancel to let it finish, or it is lost.");
  CHECK(saveQuestion({false, true, 0, true}, "ex2") ==
        "Save changes to your answers? A run is still training: Cancel to let it finish, or it is lost.");
  CHECK(Unsaved{false, false, 0, true}.any());  // quitting mid-run asks too
  AppState s = opened("ex2");
  RunStore runs;
  CHECK_FALSE(unsavedWork(s, &runs).any());
  runs.add(run("ex6"));
  const Unsaved u = unsavedWork(s, &runs);
  CHECK_FALSE(u.graph);
  CHECK(u.runs == 1);
  CHECK(unsavedWork(s, nullptr).runs == 0);
}

TEST_CASE("undo and redo take back and do again value edits, applied source and answers") {
  AppState s = opened("ex2");
  s.goTo(3);
  const int w = id(s, "W");
  CHECK_FALSE(s.canUndo());
  CHECK_FALSE(s.undo());
  s.setLeafElement(w, 0, 0, 0.5);
  s.setLeafElement(w, 0, 1, 0.25);
  CHECK(s.undoLabel() == "edit W12");
  REQUIRE(s.undo());
  CHECK(s.graph().node(w).value(0, 1) == doctest::Approx(-0.2));
  CHECK(s.graph().node(w).value(0, 0) == doctest::Approx(0.5));
  CHECK(s.edited(w));
  CHECK(s.redoLabel() == "edit W12");
  REQUIRE(s.undo());
  CHECK(s.graph().node(w).value(0, 0) == doctest::Approx(-4));
  CHECK_FALSE(s.edited(w));
  CHECK_FALSE(s.graphUnsaved());  // back to the graph as opened
  REQUIRE(s.redo());
  REQUIRE(s.redo());
  CHECK(s.graph().node(w).value(0, 1) == doctest::Approx(0.25));
  CHECK_FALSE(s.redo());
  // The step's numbers follow the values: y1 = W1·x with W11 = 0.5, W12 = 0.25.
  CHECK(s.graph().node(id(s, "y")).value(0, 0) == doctest::Approx(0.5 - 0.25 * 3.1 + 2 * 1.5));

  const std::string before = s.sourceText();
  s.sourceText() = "input x = 2\nparam w = 3\ny = w * x\nL = sum_squares(y)\noutput L\n";
  REQUIRE(s.applySource());
  CHECK(s.graph().find("w"));
  CHECK(s.undoLabel() == "apply the source");
  REQUIRE(s.undo());  // the old graph with its edits, and its text in the editor
  CHECK(s.sourceText() == before);
  CHECK(s.graph().find("W"));
  CHECK(s.graph().node(id(s, "W")).value(0, 1) == doctest::Approx(0.25));
  REQUIRE(s.redo());
  CHECK(s.graph().find("w"));
  REQUIRE(s.undo());

  const AnswerKey z1 = key(s, "z", Quantity::Value);
  s.typeAnswer(z1, "0.4");
  s.typeAnswer(z1, "0.4");  // the same number again is no edit
  s.typeAnswer(z1, "0.45");
  CHECK(s.undoLabel() == "answer z1");
  REQUIRE(s.undo());
  CHECK(s.answers().fieldText(z1) == "0.4");
  REQUIRE(s.undo());
  CHECK(s.answers().fieldText(z1).empty());
  CHECK(s.undoLabel() == "edit W12");  // the repeated 0.4 left no entry of its own
  s.typeAnswer(z1, "0.41");  // a new edit: what was undone cannot be redone
  CHECK_FALSE(s.canRedo());

  REQUIRE_FALSE(s.openExample("ex1a").has_value());  // another graph starts afresh
  CHECK_FALSE(s.canUndo());
}

TEST_CASE("Save writes the source as typed; reopening gives the same graph") {
  const auto dir = tempDir("save");
  AppState s = opened("ex2");
  CHECK(s.suggestedFileName() == "ex2.bsg");
  s.sourceText() += "# saved by the test\n";  // typed, not applied: Save applies it
  const std::string typed = s.sourceText();
  REQUIRE(s.saveGraph((dir / "mine").string()) == "");
  const auto path = dir / "mine.bsg";  // .bsg added
  CHECK(read(path) == typed);
  CHECK(s.filePath() == path.string());
  CHECK(s.title() == path.string());
  CHECK(s.suggestedFileName() == path.string());
  CHECK_FALSE(s.graphUnsaved());

  AppState again;
  REQUIRE_FALSE(again.openFile(path.string()).has_value());
  CHECK(again.filePath() == path.string());
  again.goTo(again.stepper().size());
  s.goTo(s.stepper().size());
  CHECK(again.graph().node(id(again, "L")).value(0, 0) == doctest::Approx(s.graph().node(id(s, "L")).value(0, 0)));
  CHECK(again.sourceText() == typed);
  std::filesystem::remove_all(dir);
}

TEST_CASE("with edited values Save writes the graph as shown, and the editor shows that text") {
  const auto dir = tempDir("printed");
  const auto path = (dir / "edited.bsg").string();
  AppState s = opened("ex2");
  s.setLeafElement(id(s, "x"), 1, 0, 2.5);
  REQUIRE(s.saveGraph(path) == "");
  CHECK_FALSE(s.graphUnsaved());
  CHECK_FALSE(s.edited(id(s, "x")));  // the values are the source's now
  CHECK(read(path) == s.sourceText());
  CHECK(s.sourceText().find("2.5") != std::string::npos);
  AppState again;
  REQUIRE_FALSE(again.openFile(path).has_value());
  CHECK(again.graph().node(id(again, "x")).value(1, 0) == doctest::Approx(2.5));
  CHECK(again.graph().node(id(again, "W")).value(0, 2) == doctest::Approx(2));
  s.resetEdits();  // nothing to reset: the saved values stay
  CHECK(s.graph().node(id(s, "x")).value(1, 0) == doctest::Approx(2.5));
  std::filesystem::remove_all(dir);
}

TEST_CASE("a source with an error or a path that cannot be written is not saved, and says why") {
  const auto dir = tempDir("bad");
  AppState s = opened("ex2");
  s.sourceText() = "param W = [[1, 2]\n";
  const std::string err = s.saveGraph((dir / "x.bsg").string());
  CHECK(err.find("the source:1:") == 0);
  CHECK(err.find("fix it, or undo, before saving") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "x.bsg"));
  CHECK(s.graphUnsaved());  // still unsaved: nothing was lost
  s.sourceText() = std::string(exampleSource("ex2").value());
  CHECK(s.saveGraph("/proc/backstep/x.bsg").find("/proc/backstep/x.bsg") != std::string::npos);
  CHECK(s.filePath().empty());
  CHECK(s.saveGraph("") == "no file name given");
  CHECK(AppState().saveGraph("x.bsg") == "no graph is open");
  std::filesystem::remove_all(dir);
}

TEST_CASE("saving the unsaved work writes the graph, the answers and the runs where they belong") {
  const auto dir = tempDir("all");
  AppState s = opened("ex2");
  RunStore runs;
  runs.add(run("ex6"));
  runs.add(run("ex6"));
  s.setLeafElement(id(s, "W"), 0, 0, 1);
  s.typeAnswer(key(s, "z", Quantity::Value), "0.4");
  const SaveTargets t{(dir / "g.bsg").string(), (dir / "answers.txt").string(), (dir / "runs").string()};
  REQUIRE(saveUnsaved(s, &runs, t) == "");
  CHECK_FALSE(unsavedWork(s, &runs).any());
  CHECK(std::filesystem::exists(dir / "g.bsg"));
  CHECK(read(dir / "answers.txt").find("z1 = 0.4") != std::string::npos);
  CHECK(std::filesystem::exists(dir / "runs" / "ex6-1.csv"));
  CHECK(std::filesystem::exists(dir / "runs" / "ex6-2.csv"));
  // Next time each goes to its own file; a failure is said and the rest still saved.
  s.typeAnswer(key(s, "z", Quantity::Value), "0.41");
  runs.add(run("xor"));
  const std::string err = saveUnsaved(s, &runs, {"", "", "/proc/backstep/runs"});
  CHECK(err.find("/proc/backstep/runs") != std::string::npos);
  CHECK_FALSE(s.answersUnsaved());
  CHECK(read(dir / "answers.txt").find("z1 = 0.41") != std::string::npos);
  CHECK(runs.unsaved() == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("while playing, the next step is due in 1/speed seconds; not playing, never") {
  AppState s = opened("ex2");
  CHECK_FALSE(s.secondsToNextStep());
  s.setSpeed(4);
  s.setPlaying(true);
  REQUIRE(s.secondsToNextStep());
  CHECK(*s.secondsToNextStep() == doctest::Approx(0.25));
  s.advanceTime(0.1);
  CHECK(*s.secondsToNextStep() == doctest::Approx(0.15));
  s.setPlaying(false);
  CHECK_FALSE(s.secondsToNextStep());
}

TEST_CASE("the undo stack keeps the latest states, and redo is cleared by a new edit") {
  UndoStack u;
  for (int i = 0; i < int(UndoStack::kDepth) + 50; ++i) u.push({nullptr, {}, {}, "edit " + std::to_string(i)});
  int undone = 0;
  EditState current{nullptr, {}, {}, ""};
  while (auto e = u.undo(current)) {
    ++undone;
    current = *e;
  }
  CHECK(undone == int(UndoStack::kDepth));
  CHECK(current.what == "edit 50");  // the oldest 50 went
  CHECK(u.redoLabel() == "edit 50");
  u.push({nullptr, {}, {}, "new"});
  CHECK_FALSE(u.canRedo());
  CHECK(u.undoLabel() == "new");
}

TEST_CASE("the title follows what is applied: edited, another graph, undone; a file keeps its name") {
  AppState s = opened("ex2");
  const std::string ex2 = s.sourceText();
  s.sourceText() = ex2 + "# a comment\n";  // the same nodes
  REQUIRE(s.applySource());
  CHECK(s.title() == "ex2 (edited)");
  CHECK(s.suggestedFileName() == "ex2-edited.bsg");
  s.sourceText() = std::string(*exampleSource("xor"));  // another graph
  REQUIRE(s.applySource());
  CHECK(s.title() == "untitled");
  REQUIRE(s.undo());
  CHECK(s.title() == "ex2 (edited)");
  s.sourceText() = ex2;  // back to the text opened
  REQUIRE(s.applySource());
  CHECK(s.title() == "ex2");

  const auto dir = tempDir("title");
  REQUIRE(s.saveGraph((dir / "mine.bsg").string()) == "");
  s.sourceText() = std::string(*exampleSource("xor"));
  REQUIRE(s.applySource());
  CHECK(s.title() == (dir / "mine.bsg").string());  // Save writes there
}
