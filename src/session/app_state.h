// AppState: everything the window shows and every command it can issue, with no
// OpenGL and no ImGui, so it is unit-tested without a display. Panels read it and call
// its commands; nothing else changes it.
#pragma once
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "session/answers_state.h"
#include "session/descent_job.h"
#include "session/layout_input.h"
#include "session/undo.h"
#include "core/graph.h"
#include "core/stepper.h"
#include "core/trace.h"

namespace bs::app {

// What a button or a key asks for.
enum class Command { StepForward, StepBack, PlayPause, Reset, ToEnd };
// The keys the window maps to commands.
enum class Key { Right, Left, Space, Home, End };
std::optional<Command> commandForKey(Key k);

// A problem in the source text, with its place (line and column from 1; 0 if unknown).
struct SourceError {
  int line = 0, col = 0;
  std::string message;
  // From what reading threw: a ParseError keeps its place, anything else is a message.
  static SourceError from(const std::exception& e);
  // "FILE:LINE:COL: message", or the message alone when it has no place.
  std::string located(const std::string& file) const;
};

// The value shown on one edge of the drawing: the producer's value and, once known,
// the gradient flowing back along that edge.
struct EdgeValue {
  int producer = -1;
  int consumer = -1;   // -1: the output's own value (no consumer)
  int inputIndex = -1;
  bool valueKnown = false;
  bool gradKnown = false;
  const Tensor* value = nullptr;  // the producer's value (valid while valueKnown)
  Tensor grad;                    // this edge's contribution to dL/d(producer), or dL/dL
};

class AppState {
 public:
  AppState();  // opens nothing; call openExample/openFile/openSource

  // Opening a graph. On failure the current graph stays and the error is returned.
  std::optional<SourceError> openExample(const std::string& name);
  std::optional<SourceError> openFile(const std::string& path);
  std::optional<SourceError> openSource(const std::string& text, const std::string& title);
  // A graph built in code (benchmarks); there is no source text to edit.
  void openGraph(Graph g, const std::string& title);

  bool hasGraph() const { return graph_ != nullptr; }
  const Graph& graph() const { return *graph_; }
  const Stepper& stepper() const { return *stepper_; }
  // The file, else the name it was opened by ("ex2"); after a source is applied that
  // is not the one opened or saved, "ex2 (edited)" while it has the same nodes, else
  // "untitled" (another graph). A file keeps its name: Save writes there.
  const std::string& title() const { return title_; }
  // Changes whenever a different graph (not just new values) is shown: re-layout then.
  int graphVersion() const { return graphVersion_; }
  // Changes whenever any shown number may have changed.
  int valuesVersion() const { return valuesVersion_; }

  // Stepping.
  void run(Command c);
  void goTo(int step);
  bool playing() const { return playing_; }
  void setPlaying(bool p);
  double speed() const { return speed_; }  // steps per second while playing
  void setSpeed(double stepsPerSecond);
  // Time passing while playing: takes the steps that are due; stops at the end.
  void advanceTime(double seconds);
  // While playing, the seconds until the next step is due (the window sleeps until
  // then); none when not playing.
  std::optional<double> secondsToNextStep() const;
  // The step just done (cursor - 1), if any.
  std::optional<int> currentStep() const;

  // Selection (a node id), cleared when the graph changes.
  void select(int node);
  void clearSelection() { selected_.reset(); element_.reset(); }
  std::optional<int> selected() const { return selected_; }
  // One element of the selected node's value or gradient, clicked in the graph: the
  // inspector writes its own arithmetic, whatever the tensor's size.
  struct Element {
    bool grad = false;
    Index row = 0, col = 0;
  };
  void selectElement(int node, bool grad, Index row, Index col);
  // File > Export: the graph as a figure (the format from the path's extension: .svg,
  // .pdf, .png, .tex for TikZ), with the current step's numbers or clean; the steps as
  // a write-up (.md Markdown, .tex LaTeX), the current one or all done so far. Returns
  // "wrote PATH" or what went wrong.
  std::string exportFigure(const std::string& path, bool withNumbers) const;
  std::string exportSteps(const std::string& path, bool allSteps) const;
  // File > New worksheet: `variants` variants of the open graph with new given numbers,
  // with their keys and answer templates, written to `dir` (as `backstep worksheet`).
  std::string newWorksheet(const std::string& dir, int variants, unsigned seed) const;
  // How many files newWorksheet would write over in `dir` (asked before replacing them).
  int worksheetFilesReplaced(const std::string& dir, int variants) const;
  // How the inspector writes the arithmetic: decimals, and the size rule.
  const TraceOptions& traceOptions() const { return trace_; }
  void setPrecision(int decimals) { trace_.precision = std::clamp(decimals, 0, 15); }
  std::optional<Element> selectedElement() const { return element_; }

  // Editing a leaf's element recomputes every step up to the cursor. Throws
  // std::invalid_argument if the node is not a leaf or (r, c) is outside it.
  void setLeafElement(int node, Index r, Index c, double v);
  bool edited(int node) const { return edited_.count(node) > 0; }
  void resetEdits();  // back to the values in the source

  // Training the open graph: gradient descent on its params from their current values
  // (nn::descend; its inputs stay). The params become edited values ("Reset edited
  // values" brings back the source's) and every step up to the cursor is recomputed.
  // The losses are kept for the plot. Returns "" or why it could not run or stopped.
  std::string descend(double lr, int steps);
  const std::vector<double>& descentLosses() const { return descentLosses_; }
  // The same off the GUI thread (the window): startDescent returns "" or why it cannot
  // start; pollDescent, each frame, takes the new losses and, the frame the descent
  // ends, applies its params as descend does and returns "" or its error. stopDescent
  // ends it after the current step (the params of the last loss are kept). Opening
  // another graph or editing a value drops a descent still running.
  std::string startDescent(double lr, int steps);
  std::optional<std::string> pollDescent();
  void stopDescent();
  bool descending() const { return descent_ != nullptr; }

  // The source editor's text and what applying it gave.
  std::string& sourceText() { return source_; }
  const std::string& sourceText() const { return source_; }
  bool hasSource() const { return hasSource_; }
  // Parses the source text; on success shows the new graph (at the same step if it
  // exists), else keeps the last good graph and records the error.
  bool applySource();
  const std::optional<SourceError>& sourceError() const { return sourceError_; }

  // What is drawn on each edge, for the current step.
  std::vector<EdgeValue> edgeValues() const;
  // A graph of more than kShownNodes nodes is too big to draw readably (or to lay out
  // quickly): the view is collapsed to kShownNodes nodes around the current step (or
  // the selected node), and moves along in blocks as the steps go on.
  static constexpr int kShownNodes = 240;
  bool collapsed() const { return graph_ && graph_->size() > kShownNodes; }
  NodeRange shownNodes() const;  // {0, -1}: all of them
  // The node a collapsed view keeps in sight: the selected one, else the current step's.
  int focusNode() const;

  // The shown part of the graph as boxes and arrows for the layout engine; depends only
  // on the graph's structure and shapes (and the shown part), not on the values.
  LayoutInput layoutInput(const LayoutMetrics& m = {}) const;

  // Answers mode (app_state_answers.cpp): the student's numbers and verdicts.
  const Answers& answers() const { return answers_; }
  void setAnswersMode(bool on);
  // One field typed: sets the number (empty text erases it) and checks the sheet again.
  void typeAnswer(const AnswerKey& k, const std::string& text);
  void clearAnswers();
  // Replaces the sheet with the file's (and turns the mode on); on failure the sheet
  // stays and the error has the line and column.
  std::optional<SourceError> loadAnswers(const std::string& path);
  std::optional<SourceError> loadAnswersText(const std::string& text);
  // Empty on success, else why the file could not be written. The answers are then saved.
  std::string saveAnswers(const std::string& path);
  // Where the answers were last loaded from or saved to ("" if nowhere yet).
  const std::string& answersPath() const { return answersPath_; }
  // The open graph as a document (app_state_document.cpp): its file, saving, what is
  // unsaved, undo and redo.
  // The file the graph was opened from or last saved to; "" for an example or a graph
  // built by the program.
  const std::string& filePath() const { return path_; }
  // Writes the graph to `path` (".bsg" added to a name without an extension) with
  // io::writeFileAtomically. Source typed but not applied is applied first (a source
  // with an error is not saved). The source text is written as it is; if values were
  // edited (or the graph has no source), the printer's text of the graph as shown, which
  // the editor then shows. The graph's file and title become the path. "" or why not.
  std::string saveGraph(const std::string& path);
  // Save as's first suggestion: the graph's file, else its title as a .bsg name.
  std::string suggestedFileName() const;
  // Source typed or applied, or values edited, since the graph was opened or saved.
  bool graphUnsaved() const;
  // Answers written since they were last loaded or saved (none written: saved).
  bool answersUnsaved() const;
  // Edit > Undo / Redo over value edits, applied source and answers; opening another
  // graph starts afresh. False if there was nothing to undo or redo.
  bool undo();
  bool redo();
  bool canUndo() const { return undo_.canUndo(); }
  bool canRedo() const { return undo_.canRedo(); }
  std::string undoLabel() const { return undo_.undoLabel(); }
  std::string redoLabel() const { return undo_.redoLabel(); }

  // Shows the step where the number went wrong (or, carried over, the earlier mistake it
  // inherits) done, and selects that step's node; false if there is no such step.
  bool goToBlamed(const AnswerKey& k);

 private:
  void show(std::unique_ptr<Graph> g, const std::string& title, int step);
  // What was opened or saved: its name and nodes; the title of an applied graph.
  void named(const std::string& name);
  std::string appliedTitle(const Graph& g) const;
  void changed() { ++valuesVersion_; }
  std::string applyDescent(const Graph& trained, const nn::DescentResult& r);
  EditState editState(std::string what) const;
  void remember(std::string what) { undo_.push(editState(std::move(what))); }
  void restore(const EditState& e);
  std::string answersText() const;  // the sheet as the answers file writes it

  std::unique_ptr<Graph> graph_;
  std::unique_ptr<Stepper> stepper_;
  std::unique_ptr<Graph> pristine_;  // the graph as loaded, for resetEdits
  std::string title_;
  std::string name_;                     // the title when opened or saved
  std::vector<std::string> namedNodes_;  // the node names then
  std::string source_;       // the editor's text
  std::shared_ptr<const std::string> applied_ = std::make_shared<const std::string>();  // the shown graph's text
  std::string savedSource_;  // the text last opened or saved
  std::string path_;
  bool hasSource_ = false;
  std::optional<SourceError> sourceError_;
  std::optional<int> selected_;
  std::optional<Element> element_;
  TraceOptions trace_;
  std::set<int> edited_;
  std::vector<double> descentLosses_;
  std::unique_ptr<DescentJob> descent_;
  bool playing_ = false;
  double speed_ = 2.0;
  double pending_ = 0;  // seconds accumulated towards the next step while playing
  int graphVersion_ = 0, valuesVersion_ = 0;
  Answers answers_;
  std::string answersPath_, savedAnswers_;
  UndoStack undo_;
};

}  // namespace bs::app
