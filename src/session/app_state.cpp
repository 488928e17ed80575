#include "session/app_state.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "i18n/i18n.h"
#include "assets/embedded.h"
#include "lang/parser.h"
#include "check/worksheet.h"
#include "figure/figure.h"
#include "figure/steps_document.h"
#include "nn/graph_descent.h"

namespace bs::app {

std::optional<Command> commandForKey(Key k) {
  switch (k) {
    case Key::Right: return Command::StepForward;
    case Key::Left: return Command::StepBack;
    case Key::Space: return Command::PlayPause;
    case Key::Home: return Command::Reset;
    case Key::End: return Command::ToEnd;
  }
  return std::nullopt;
}

AppState::AppState() = default;

std::optional<SourceError> AppState::openExample(const std::string& name) {
  auto src = exampleSource(name);
  if (!src) return SourceError{0, 0, fmt(tr("no built-in example named '{}'"), name)};
  return openSource(std::string(*src), name);
}

SourceError SourceError::from(const std::exception& e) {
  if (const auto* p = dynamic_cast<const ParseError*>(&e)) return {p->line, p->col, p->message};
  return {0, 0, e.what()};
}

std::string SourceError::located(const std::string& file) const {
  return line > 0 ? file + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + message : message;
}

std::optional<SourceError> AppState::openFile(const std::string& path) {
  std::string text;
  try {
    text = readGraphSource(path);
  } catch (const std::exception& e) {
    return SourceError::from(e);
  }
  auto err = openSource(text, path);
  std::error_code ec;
  if (!err && std::filesystem::is_regular_file(path, ec)) path_ = path;  // not a preset opened by name
  return err;
}

std::optional<SourceError> AppState::openSource(const std::string& text, const std::string& title) {
  std::unique_ptr<Graph> g;
  try {
    g = std::make_unique<Graph>(parseGraph(text));
  } catch (const std::exception& e) {
    return SourceError::from(e);
  }
  source_ = savedSource_ = text;
  applied_ = std::make_shared<const std::string>(text);
  path_.clear();
  hasSource_ = true;
  sourceError_.reset();
  undo_.clear();
  show(std::move(g), title, 0);
  named(title);
  return std::nullopt;
}

void AppState::openGraph(Graph g, const std::string& title) {
  source_.clear();
  applied_ = std::make_shared<const std::string>();
  savedSource_.clear();
  path_.clear();
  hasSource_ = false;
  sourceError_.reset();
  undo_.clear();
  show(std::make_unique<Graph>(std::move(g)), title, 0);
  named(title);
}

void AppState::named(const std::string& name) {
  name_ = title_ = name;
  namedNodes_.clear();
  for (const Node& n : graph_->nodes()) namedNodes_.push_back(n.name);
}

std::string AppState::appliedTitle(const Graph& g) const {
  if (!path_.empty() || *applied_ == savedSource_) return name_;
  bool same = int(namedNodes_.size()) == g.size();
  for (int i = 0; same && i < g.size(); ++i) same = g.node(i).name == namedNodes_[size_t(i)];
  return same ? name_ + " (edited)" : "untitled";
}

void AppState::show(std::unique_ptr<Graph> g, const std::string& title, int step) {
  descent_.reset();  // it trains the old graph
  stepper_.reset();  // it refers to the old graph
  answers_.carryOver(graph_.get(), *g);
  graph_ = std::move(g);
  pristine_ = std::make_unique<Graph>(*graph_);
  stepper_ = std::make_unique<Stepper>(*graph_);
  stepper_->goTo(step);
  title_ = title;
  selected_.reset();
  edited_.clear();
  descentLosses_.clear();
  playing_ = false;
  pending_ = 0;
  ++graphVersion_;
  changed();
}

bool AppState::applySource() {
  std::unique_ptr<Graph> g;
  try {
    g = std::make_unique<Graph>(parseGraph(source_));
  } catch (const std::exception& e) {
    sourceError_ = SourceError::from(e);
    return false;
  }
  sourceError_.reset();
  if (source_ != *applied_ || !edited_.empty()) remember(tr("apply the source"));
  applied_ = std::make_shared<const std::string>(source_);
  hasSource_ = true;
  const int step = stepper_ ? stepper_->cursor() : 0;
  const std::string title = appliedTitle(*g);
  show(std::move(g), title, step);
  return true;
}

void AppState::run(Command c) {
  if (!stepper_) return;
  switch (c) {
    case Command::StepForward: stepper_->stepForward(); break;
    case Command::StepBack: stepper_->stepBack(); break;
    case Command::PlayPause: setPlaying(!playing_); return;
    case Command::Reset: stepper_->reset(); break;
    case Command::ToEnd: stepper_->toEnd(); break;
  }
  if (c != Command::StepForward || stepper_->failure()) playing_ = false;  // a manual move or a failed step stops playing
  changed();
}

void AppState::goTo(int step) {
  if (!stepper_) return;
  stepper_->goTo(step);
  playing_ = false;
  changed();
}

void AppState::setPlaying(bool p) {
  if (p && stepper_ && stepper_->atEnd()) stepper_->reset();  // play again from the start
  playing_ = p && stepper_ != nullptr;
  pending_ = 0;
  changed();
}

void AppState::setSpeed(double stepsPerSecond) { speed_ = std::clamp(stepsPerSecond, 0.1, 60.0); }

void AppState::advanceTime(double seconds) {
  if (!playing_ || !stepper_) return;
  pending_ += std::max(0.0, seconds) * speed_;
  bool moved = false;
  while (pending_ >= 1.0 && !stepper_->atEnd() && !stepper_->failure()) {
    stepper_->stepForward();
    pending_ -= 1.0;
    moved = true;
  }
  if (stepper_->atEnd() || stepper_->failure()) playing_ = false;
  if (moved || !playing_) changed();
}

std::optional<double> AppState::secondsToNextStep() const {
  if (!playing_) return std::nullopt;
  return std::max(0.0, (1.0 - pending_) / speed_);
}

std::optional<int> AppState::currentStep() const {
  if (!stepper_ || stepper_->cursor() == 0) return std::nullopt;
  return stepper_->cursor() - 1;
}

void AppState::select(int node) {
  element_.reset();
  if (!graph_ || node < 0 || node >= graph_->size()) {
    selected_.reset();
    return;
  }
  selected_ = node;
}

void AppState::selectElement(int node, bool grad, Index row, Index col) {
  select(node);
  const Shape sh = graph_ && selected_ ? graph_->node(node).shape : Shape{};
  if (selected_ && row >= 0 && col >= 0 && row < sh.rows && col < sh.cols) element_ = Element{grad, row, col};
}

void AppState::setLeafElement(int node, Index r, Index c, double v) {
  if (!graph_ || node < 0 || node >= graph_->size() || !graph_->node(node).isLeaf())
    throw std::invalid_argument("only the values of inputs, params and consts can be edited");
  descent_.reset();  // it started from the values before this edit
  Tensor t = graph_->node(node).value;
  if (r < 0 || c < 0 || r >= t.rows() || c >= t.cols())
    throw std::invalid_argument("element (" + std::to_string(r) + ", " + std::to_string(c) + ") is outside " +
                                graph_->node(node).name + " (" + graph_->node(node).shape.str() + ")");
  if (t(r, c) != v) remember(fmt(tr("edit {}"), elementName(graph_->node(node).name, graph_->node(node).shape, r, c)));
  t(r, c) = v;
  graph_->setValue(node, t);
  stepper_->refresh();
  edited_.insert(node);
  answers_.recheck(*graph_);  // the given numbers changed
  changed();
}

std::string AppState::descend(double lr, int steps) {
  if (!graph_) return tr("no graph is open");
  descent_.reset();
  Graph trained = *graph_;
  nn::DescentResult r;
  try {
    r = nn::descend(trained, lr, steps);
  } catch (const std::exception& e) {
    return e.what();
  }
  descentLosses_ = r.losses;
  return applyDescent(trained, r);
}

std::string AppState::startDescent(double lr, int steps) {
  if (!graph_) return tr("no graph is open");
  if (!graph_->hasOutput()) return tr("the graph has no output to minimise");
  descent_.reset();
  descentLosses_.clear();
  descent_ = std::make_unique<DescentJob>(*graph_, lr, steps);
  return "";
}

std::optional<std::string> AppState::pollDescent() {
  if (!descent_) return std::nullopt;
  const bool finished = descent_->finished();  // before taking: no loss is left behind
  descent_->takeLosses(descentLosses_);
  if (!finished) return std::nullopt;
  std::unique_ptr<DescentJob> job = std::move(descent_);
  if (job->result().losses.empty()) return job->result().error;  // it threw: nothing changed
  return applyDescent(job->graph(), job->result());
}

void AppState::stopDescent() {
  if (descent_) descent_->stop();
}

// The params of `trained` become the open graph's (edited values), every step up to the
// cursor is recomputed.
std::string AppState::applyDescent(const Graph& trained, const nn::DescentResult& r) {
  remember(tr("gradient descent"));
  for (int i = 0; i < graph_->size(); ++i)
    if (graph_->node(i).kind == NodeKind::Param) {
      graph_->setValue(i, trained.node(i).value);
      edited_.insert(i);
    }
  stepper_->refresh();
  answers_.recheck(*graph_);
  changed();
  return r.error;
}

void AppState::resetEdits() {
  if (!graph_) return;
  descent_.reset();
  if (!edited_.empty()) remember(tr("reset edited values"));
  for (int id : edited_) graph_->setValue(id, pristine_->node(id).value);
  edited_.clear();
  stepper_->refresh();
  answers_.recheck(*graph_);
  changed();
}

std::string AppState::exportFigure(const std::string& path, bool withNumbers) const {
  if (!graph_) return tr("no graph is open");
  try {
    figure::writeFigure(*graph_, withNumbers ? stepper_.get() : nullptr, {trace_.precision}, path);
  } catch (const std::exception& e) {
    return e.what();
  }
  return fmt(tr("wrote {}"), path);
}

std::string AppState::exportSteps(const std::string& path, bool allSteps) const {
  if (!graph_) return tr("no graph is open");
  const int c = stepper_->cursor();
  if (c == 0) return tr("no step done yet: step forward first");
  const bool latex = path.ends_with(".tex");
  if (!latex && !path.ends_with(".md")) return path + tr(": the steps are written as .md (Markdown) or .tex (LaTeX)");
  figure::StepsOptions o;
  o.format = latex ? figure::StepsFormat::Latex : figure::StepsFormat::Markdown;
  o.trace = trace_;
  o.title = title_;
  o.first = allSteps ? 0 : c - 1;
  o.last = c;
  try {
    figure::writeSteps(*stepper_, o, path);
  } catch (const std::exception& e) {
    return e.what();
  }
  return fmt(tr("wrote {}"), path);
}

std::string AppState::newWorksheet(const std::string& dir, int variants, unsigned seed) const {
  if (!graph_) return tr("no graph is open");
  if (variants < 1 || variants > 999) return tr("between 1 and 999 variants");
  try {
    const std::vector<Variant> sheets = makeWorksheet(*graph_, title_, variants, seed);
    writeWorksheet(sheets, dir);
    for (const Variant& v : sheets)
      figure::writeExerciseSheet(v.graph, fmt(tr("{}, variant {}"), title_, v.name), (std::filesystem::path(dir) / ("sheet-" + v.name + ".pdf")).string());
  } catch (const std::exception& e) {
    return e.what();
  }
  return fmt(trn("wrote {} variant to {} (sheet-K.bsg, sheet-K.pdf, key-K.txt, answers-K.txt)",
                  "wrote {} variants to {} (sheet-K.bsg, sheet-K.pdf, key-K.txt, answers-K.txt)", (unsigned long)variants),
             variants, dir);
}

int AppState::worksheetFilesReplaced(const std::string& dir, int variants) const {
  int n = 0;
  std::error_code ec;
  for (int k = 1; k <= std::clamp(variants, 0, 999); ++k) {
    const std::string v = variantName(k, variants);
    for (const std::string& f : {"sheet-" + v + ".bsg", "sheet-" + v + ".pdf", "key-" + v + ".txt", "answers-" + v + ".txt"})
      n += std::filesystem::exists(std::filesystem::path(dir) / f, ec);
  }
  return n;
}

std::vector<EdgeValue> AppState::edgeValues() const {
  std::vector<EdgeValue> out;
  if (!graph_) return out;
  const Graph& g = *graph_;
  // The backward step done along each edge (consumer, input), found in one pass over
  // the steps done: edge lists stay linear in long graphs.
  std::vector<std::vector<int>> along(size_t(g.size()));
  int seed = -1;
  for (int i = 0; i < stepper_->cursor(); ++i) {
    const Step& s = stepper_->record(i).step;
    if (s.isSeed()) seed = i;
    else if (s.phase == Phase::Backward) {
      auto& v = along[size_t(s.node)];
      v.resize(std::max(v.size(), size_t(s.inputIndex) + 1), -1);
      v[size_t(s.inputIndex)] = i;
    }
  }
  auto make = [&](int producer, int consumer, int k, int step) {
    EdgeValue e;
    e.producer = producer;
    e.consumer = consumer;
    e.inputIndex = k;
    e.valueKnown = stepper_->valueKnown(producer);
    if (e.valueKnown) e.value = &g.node(producer).value;
    if (step >= 0) {
      e.gradKnown = true;
      e.grad = stepper_->record(step).result;
    }
    return e;
  };
  for (int c = 0; c < g.size(); ++c)
    for (int k = 0; k < int(g.node(c).inputs.size()); ++k) {
      const auto& v = along[size_t(c)];
      out.push_back(make(g.node(c).inputs[size_t(k)], c, k, size_t(k) < v.size() ? v[size_t(k)] : -1));
    }
  if (g.hasOutput()) out.push_back(make(g.output(), -1, -1, seed));
  return out;
}

int AppState::focusNode() const {
  if (selected_) return *selected_;
  if (auto cur = currentStep()) return stepper_->record(*cur).step.node;  // backward: the op passing its gradient on
  return 0;
}

NodeRange AppState::shownNodes() const {
  if (!collapsed()) return {};
  const int focus = focusNode();
  // Blocks of a third of the view, so the layout changes only every so many steps.
  constexpr int block = kShownNodes / 3;
  const int first = std::clamp((focus - block) / block * block, 0, graph_->size() - kShownNodes);
  return {first, first + kShownNodes};
}

LayoutInput AppState::layoutInput(const LayoutMetrics& m) const {
  return graph_ ? makeLayoutInput(*graph_, m, shownNodes()) : LayoutInput{};
}

}  // namespace bs::app
