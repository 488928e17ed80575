// The window's state with no display: commands, keys, selection, stepping, playing,
// editing a leaf, applying source text (good and bad), the values on the edges and the
// layout input.
#include "testing.h"

#include "core/trace.h"

#include "session/app_state.h"

using namespace bs;
using namespace bs::app;

namespace {
int id(const AppState& s, const char* n) { return *s.graph().find(n); }

AppState opened(const char* example) {
  AppState s;
  REQUIRE_FALSE(s.openExample(example).has_value());
  return s;
}

const EdgeValue& edge(const std::vector<EdgeValue>& es, int producer, int consumer) {
  for (const EdgeValue& e : es)
    if (e.producer == producer && e.consumer == consumer) return e;
  FAIL("no edge " << producer << " -> " << consumer);
  return es.front();
}
}  // namespace

TEST_CASE("keys map to the step commands") {
  CHECK(commandForKey(Key::Right) == Command::StepForward);
  CHECK(commandForKey(Key::Left) == Command::StepBack);
  CHECK(commandForKey(Key::Space) == Command::PlayPause);
  CHECK(commandForKey(Key::Home) == Command::Reset);
  CHECK(commandForKey(Key::End) == Command::ToEnd);
}

TEST_CASE("a new state shows nothing and ignores commands") {
  AppState s;
  CHECK_FALSE(s.hasGraph());
  s.run(Command::StepForward);
  s.advanceTime(10);
  CHECK_FALSE(s.currentStep());
  CHECK(s.edgeValues().empty());
  CHECK(s.layoutInput().boxes.empty());
}

TEST_CASE("a clicked element is selected with its node, and its arithmetic is written") {
  AppState s = opened("ex2");
  s.goTo(8);
  s.selectElement(*s.graph().find("x"), true, 1, 0);
  REQUIRE(s.selectedElement());
  CHECK(s.selected() == *s.graph().find("x"));
  const auto lines = nodeElementText(s.stepper(), *s.selected(), true, 1, 0);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] == "step 8: dL/dx2 = W12·dL/dy1 + W22·dL/dy2 = (-0.2)·0.1959 + (-0.5)·0.2618 = -0.0392 − 0.1309 = -0.1701");
  s.selectElement(*s.graph().find("x"), true, 5, 0);  // outside x: the node only
  CHECK_FALSE(s.selectedElement());
  s.select(*s.graph().find("W"));
  CHECK_FALSE(s.selectedElement());
}

TEST_CASE("opening an example starts at step 0 with its source") {
  AppState s = opened("ex2");
  CHECK(s.title() == "ex2");
  CHECK(s.stepper().cursor() == 0);
  CHECK(s.stepper().size() == 8);
  CHECK(s.hasSource());
  CHECK(s.sourceText().find("sigmoid") != std::string::npos);
  const int v = s.graphVersion();
  REQUIRE_FALSE(s.openExample("fanout"));
  CHECK(s.graphVersion() == v + 1);
  CHECK(s.graph().size() == 4);
}

TEST_CASE("opening what does not exist keeps the graph and says why") {
  AppState s = opened("ex2");
  auto e = s.openExample("nope");
  REQUIRE(e);
  CHECK(e->message.find("nope") != std::string::npos);
  e = s.openFile("/nonexistent/x.bsg");
  REQUIRE(e);
  CHECK(e->message.find("cannot open") != std::string::npos);
  CHECK(s.title() == "ex2");
  CHECK(s.graph().size() == 5);
}

TEST_CASE("step commands move the cursor and name the current step") {
  AppState s = opened("ex2");
  CHECK_FALSE(s.currentStep());
  for (int i = 0; i < 3; ++i) s.run(Command::StepForward);
  CHECK(s.stepper().cursor() == 3);
  CHECK(*s.currentStep() == 2);
  s.run(Command::StepBack);
  CHECK(s.stepper().cursor() == 2);
  s.run(Command::ToEnd);
  CHECK(s.stepper().atEnd());
  s.run(Command::StepForward);  // no-op at the end
  CHECK(s.stepper().cursor() == 8);
  s.run(Command::Reset);
  CHECK(s.stepper().cursor() == 0);
  s.run(Command::StepBack);  // no-op at the start
  CHECK(s.stepper().cursor() == 0);
  s.goTo(100);
  CHECK(s.stepper().cursor() == 8);
}

TEST_CASE("every command that shows other numbers bumps the values version") {
  AppState s = opened("ex2");
  int v = s.valuesVersion();
  for (Command c : {Command::StepForward, Command::StepBack, Command::ToEnd, Command::Reset}) {
    s.run(c);
    CHECK(s.valuesVersion() > v);
    v = s.valuesVersion();
  }
}

TEST_CASE("playing takes speed x seconds steps and stops at the end") {
  AppState s = opened("ex1a");
  s.setSpeed(2);
  s.run(Command::PlayPause);
  CHECK(s.playing());
  s.advanceTime(0.4);  // 0.8 of a step: not yet
  CHECK(s.stepper().cursor() == 0);
  s.advanceTime(0.6);  // 2 steps due in all
  CHECK(s.stepper().cursor() == 2);
  s.run(Command::PlayPause);
  CHECK_FALSE(s.playing());
  s.advanceTime(5);
  CHECK(s.stepper().cursor() == 2);  // paused: time does nothing
  s.setPlaying(true);
  s.advanceTime(1000);
  CHECK(s.stepper().atEnd());
  CHECK_FALSE(s.playing());
  s.run(Command::PlayPause);  // play at the end starts again
  CHECK(s.playing());
  CHECK(s.stepper().cursor() == 0);
  s.run(Command::StepBack);  // a manual move pauses
  CHECK_FALSE(s.playing());
  s.setSpeed(1e9);
  CHECK(s.speed() == 60);
  s.setSpeed(-3);
  CHECK(s.speed() == doctest::Approx(0.1));
}

TEST_CASE("selection: a node id, cleared by bad ids and by a new graph") {
  AppState s = opened("ex2");
  s.select(id(s, "z"));
  CHECK(s.selected() == id(s, "z"));
  s.select(99);
  CHECK_FALSE(s.selected());
  s.select(-1);
  CHECK_FALSE(s.selected());
  s.select(0);
  REQUIRE_FALSE(s.openExample("ex1a"));
  CHECK_FALSE(s.selected());
}

TEST_CASE("editing a leaf recomputes every step up to the cursor, and reset puts it back") {
  AppState s = opened("ex1a");
  s.run(Command::ToEnd);
  const int end = s.stepper().cursor();
  const int x0 = id(s, "x0"), p0 = id(s, "p0"), w0 = id(s, "w0");
  CHECK_ROUNDS(s.graph().node(p0).value(0, 0), 4.06);
  CHECK_ROUNDS(s.graph().node(w0).grad(0, 0), 0.6229);
  const int v = s.valuesVersion(), gv = s.graphVersion();
  s.setLeafElement(x0, 0, 0, 3.0);
  CHECK(s.stepper().cursor() == end);
  CHECK_ROUNDS(s.graph().node(p0).value(0, 0), 4.35);
  // f = σ(4.35 + 0.63 - 4) = σ(0.98): dw0 = σ'(0.98) * 3
  const double sg = 1 / (1 + std::exp(-0.98));
  CHECK(s.graph().node(w0).grad(0, 0) == doctest::Approx(sg * (1 - sg) * 3.0));
  CHECK(s.edited(x0));
  CHECK_FALSE(s.edited(w0));
  CHECK(s.valuesVersion() > v);
  CHECK(s.graphVersion() == gv);  // same structure: no new layout
  s.resetEdits();
  CHECK_FALSE(s.edited(x0));
  CHECK_ROUNDS(s.graph().node(p0).value(0, 0), 4.06);
}

TEST_CASE("editing refuses op nodes and elements outside the leaf") {
  AppState s = opened("ex2");
  CHECK_THROWS_AS(s.setLeafElement(id(s, "y"), 0, 0, 1), std::invalid_argument);
  CHECK_THROWS_AS(s.setLeafElement(id(s, "W"), 2, 0, 1), std::invalid_argument);
  CHECK_THROWS_AS(s.setLeafElement(id(s, "W"), 0, -1, 1), std::invalid_argument);
  CHECK_THROWS_AS(s.setLeafElement(99, 0, 0, 1), std::invalid_argument);
  s.setLeafElement(id(s, "W"), 1, 2, 7);
  CHECK(s.graph().node(id(s, "W")).value(1, 2) == 7);
}

TEST_CASE("applying bad source keeps the last good graph and reports line and column") {
  AppState s = opened("ex2");
  s.goTo(4);
  const int gv = s.graphVersion();
  s.sourceText() = "input x = 1\ny = x +\noutput y\n";
  CHECK_FALSE(s.applySource());
  REQUIRE(s.sourceError());
  CHECK(s.sourceError()->line == 2);
  CHECK(s.sourceError()->col == 8);
  CHECK_FALSE(s.sourceError()->message.empty());
  CHECK(s.graph().size() == 5);  // still ex2
  CHECK(s.graphVersion() == gv);
  CHECK(s.stepper().cursor() == 4);

  s.sourceText() = "input x = [1, 2]\nparam W = [[1, 2]]\ny = W @ x @ x\noutput y\n";  // a shape mismatch
  CHECK_FALSE(s.applySource());
  REQUIRE(s.sourceError());
  CHECK(s.sourceError()->line == 3);

  s.sourceText() = "input x = 3\ny = x * x\noutput y\n";
  CHECK(s.applySource());
  CHECK_FALSE(s.sourceError());
  CHECK(s.graph().size() == 2);  // x and y
  CHECK(s.graphVersion() == gv + 1);
  CHECK(s.stepper().cursor() == 4);  // the same step, clamped to the new schedule
  s.run(Command::ToEnd);
  CHECK(s.graph().node(id(s, "x")).grad(0, 0) == 6);
}

TEST_CASE("edge values: forward values and each edge's own gradient contribution") {
  AppState s = opened("fanout");  // f = (x + y) * x
  const int x = id(s, "x"), q = id(s, "q"), f = id(s, "f");
  auto es = s.edgeValues();
  REQUIRE(es.size() == 5);  // x->q, y->q, q->f, x->f, and f's own value
  CHECK(edge(es, x, q).valueKnown);  // a leaf is known from the start
  CHECK_FALSE(edge(es, q, f).valueKnown);
  CHECK_FALSE(edge(es, x, q).gradKnown);
  s.run(Command::ToEnd);
  es = s.edgeValues();
  CHECK((*edge(es, q, f).value)(0, 0) == 1);
  CHECK(edge(es, x, f).grad(0, 0) == 1);  // df/dx through f: q
  CHECK(edge(es, x, q).grad(0, 0) == 3);  // through q: df/dq = x
  CHECK(edge(es, f, -1).grad(0, 0) == 1);  // the seed df/df
  s.goTo(s.stepper().forwardCount() + 1);  // just the seed
  es = s.edgeValues();
  CHECK(edge(es, f, -1).gradKnown);
  CHECK_FALSE(edge(es, q, f).gradKnown);
}

TEST_CASE("edge values of ex2 mid-backward hold the numbers of exercise 2") {
  AppState s = opened("ex2");
  s.goTo(6);
  auto es = s.edgeValues();
  const EdgeValue& yz = edge(es, id(s, "y"), id(s, "z"));
  REQUIRE(yz.gradKnown);
  checkTensorRounds(yz.grad, {0.1959, 0.2618}, "dL/dy");
  CHECK_FALSE(edge(es, id(s, "W"), id(s, "y")).gradKnown);
}

TEST_CASE("layout input: a box per node, a value box per edge and one after the output") {
  AppState s = opened("ex2");
  const LayoutInput in = s.layoutInput();
  REQUIRE(in.boxes.size() == 5 + 4 + 1);
  REQUIRE(in.arrows.size() == 2 * 4 + 1);
  int leaves = 0, ops = 0, values = 0;
  for (const LayoutBox& b : in.boxes) {
    CHECK(b.width > 0);
    CHECK(b.height > 0);
    leaves += b.kind == BoxKind::Leaf;
    ops += b.kind == BoxKind::Op;
    values += b.kind == BoxKind::Value;
    if (b.kind == BoxKind::Op) CHECK(b.width == b.height);  // drawn as a circle
  }
  CHECK(leaves == 2);
  CHECK(ops == 3);
  CHECK(values == 5);
  for (const LayoutArrow& a : in.arrows) {
    // Every arrow joins a node and a value box; heads only point into nodes.
    CHECK((in.boxes[size_t(a.from)].kind == BoxKind::Value) != (in.boxes[size_t(a.to)].kind == BoxKind::Value));
    CHECK(a.head == (in.boxes[size_t(a.to)].kind != BoxKind::Value));
  }
  // W (2x3) is drawn as a grid, wider than the scalar box after the output.
  const LayoutBox& wBox = in.boxes[5];
  CHECK(wBox.node == id(s, "W"));
  CHECK(wBox.consumer == id(s, "y"));
  CHECK(wBox.width > in.boxes.back().width);
  CHECK(in.boxes.back().consumer == -1);
}

TEST_CASE("layout input depends on shapes, not values; big tensors become heatmaps") {
  AppState s = opened("ex2");
  const LayoutInput before = s.layoutInput();
  s.setLeafElement(id(s, "W"), 0, 0, -123456.789);
  const LayoutInput after = s.layoutInput();
  REQUIRE(before.boxes.size() == after.boxes.size());
  for (size_t i = 0; i < before.boxes.size(); ++i) {
    CHECK(before.boxes[i].width == after.boxes[i].width);
    CHECK(before.boxes[i].height == after.boxes[i].height);
  }
  const LayoutMetrics m;
  CHECK(valueStyle({1, 1}, m) == ValueStyle::Scalar);
  CHECK(valueStyle({4, 4}, m) == ValueStyle::Grid);
  CHECK(valueStyle({4, 5}, m) == ValueStyle::Heatmap);
  float w = 0, h = 0;
  valueBoxSize({100, 3072}, m, w, h);  // a CIFAR batch stays a reasonable size
  CHECK(w < 400);
  CHECK(h < 400);
}

namespace {

// Every value box names the edge whose numbers it shows.
void checkEdgesMatch(const AppState& s) {
  const std::vector<EdgeValue> edges = s.edgeValues();
  for (const LayoutBox& b : s.layoutInput().boxes) {
    if (b.kind != BoxKind::Value) continue;
    REQUIRE(b.edge >= 0);
    REQUIRE(b.edge < int(edges.size()));
    const EdgeValue& e = edges[size_t(b.edge)];
    CHECK(e.producer == b.node);
    CHECK(e.consumer == b.consumer);
    CHECK(e.inputIndex == b.inputIndex);
  }
}

}  // namespace

TEST_CASE("a small graph is drawn whole") {
  AppState s;
  REQUIRE_FALSE(s.openExample("ex2"));
  CHECK_FALSE(s.collapsed());
  CHECK(s.shownNodes() == NodeRange{});
  const LayoutInput in = s.layoutInput();
  CHECK(in.boxes.size() == size_t(s.graph().size()) + s.edgeValues().size());
  checkEdgesMatch(s);
}

TEST_CASE("a graph too big to draw is collapsed to the part around the current step") {
  std::string src = "input x = 1\nparam w = 2\nn1 = x * w\n";
  for (int i = 2; i <= 1000; ++i) src += "n" + std::to_string(i) + " = n" + std::to_string(i - 1) + " * w\n";
  src += "output n1000\n";
  AppState s;
  REQUIRE_FALSE(s.openSource(src, "chain"));
  REQUIRE(s.collapsed());
  CHECK(s.shownNodes() == NodeRange{0, AppState::kShownNodes});
  checkEdgesMatch(s);

  s.goTo(600);  // forward step 600 computes n600, node 601
  REQUIRE(s.focusNode() == *s.graph().find("n600"));
  const NodeRange r = s.shownNodes();
  CHECK(r.last - r.first == AppState::kShownNodes);
  CHECK(r.first <= s.focusNode());
  CHECK(s.focusNode() < r.last);
  const LayoutInput in = s.layoutInput();
  // The shown nodes, and w (a leaf feeding them all) and the node feeding the first one.
  int drawnNodes = 0;
  bool hasW = false;
  for (const LayoutBox& b : in.boxes) {
    if (b.kind == BoxKind::Value) continue;
    ++drawnNodes;
    hasW |= s.graph().node(b.node).name == "w";
  }
  CHECK(drawnNodes == AppState::kShownNodes + 2);
  CHECK(hasW);
  for (const LayoutArrow& a : in.arrows) {  // every arrow joins two drawn boxes
    CHECK(a.from >= 0);
    CHECK(a.to >= 0);
  }
  checkEdgesMatch(s);

  // A step within the same block keeps the part (no new layout); selecting a far node
  // moves it there.
  s.goTo(601);
  CHECK(s.shownNodes() == r);
  s.select(*s.graph().find("n950"));
  CHECK(s.shownNodes().last == s.graph().size());
  checkEdgesMatch(s);

  // The backward steps follow the gradient down the chain.
  s.clearSelection();
  s.run(Command::ToEnd);
  CHECK(s.shownNodes().first < AppState::kShownNodes);
}

TEST_CASE("training the open graph: the params become edited values, reset brings the source's back") {
  AppState s;
  REQUIRE_FALSE(s.openExample("xor"));
  s.goTo(s.stepper().size());
  const int W1 = *s.graph().find("W1"), x = *s.graph().find("x"), L = *s.graph().find("L");
  const Tensor w0 = s.graph().node(W1).value, x0 = s.graph().node(x).value;
  const double loss0 = s.graph().node(L).value(0, 0);
  const int version = s.valuesVersion();
  CHECK(s.descend(0.5, 50).empty());
  REQUIRE(s.descentLosses().size() == 51);
  CHECK(s.descentLosses().front() == doctest::Approx(loss0));
  CHECK(s.descentLosses().back() < 0.01 * loss0);
  CHECK(s.edited(W1));
  CHECK_FALSE(s.edited(x));
  CHECK(s.graph().node(W1).value != w0);
  CHECK(s.graph().node(x).value == x0);
  CHECK(s.valuesVersion() != version);
  // The stepper shows the trained values: at the end, L is the last loss.
  CHECK(s.graph().node(L).value(0, 0) == doctest::Approx(s.descentLosses().back()));
  s.resetEdits();
  CHECK(s.graph().node(W1).value == w0);
  CHECK_FALSE(s.edited(W1));
  // A graph with nothing to train says so; another graph forgets the losses.
  REQUIRE_FALSE(s.openSource("input x = 2\nL = x * x\noutput L\n", "no params"));
  CHECK(s.descentLosses().empty());
  CHECK(s.descend(0.1, 5).find("no 'param' to train") != std::string::npos);
}
