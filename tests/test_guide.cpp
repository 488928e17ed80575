// Help > Guide with no display: its ops are the op table's, every one of them with its
// record's text; every colour of the graph view is explained; the formats and where to
// start are there.
#include <set>

#include "core/op.h"
#include "session/guide.h"
#include "testing.h"

using namespace bs;
using namespace bs::app;

TEST_CASE("the guide's ops are the op table's, in its order, with each record's own text") {
  const Guide& g = guide();
  REQUIRE(g.ops.size() == allOps().size());
  for (size_t i = 0; i < g.ops.size(); ++i) {
    const OpDef& op = *allOps()[i];
    const GuideOp& e = g.ops[i];
    INFO(op.name);
    CHECK(e.name == op.name);
    CHECK(e.symbol == op.symbol);
    CHECK(e.formula == op.formula);
    CHECK(e.derivation == op.derivation);
    CHECK_FALSE(e.formula.empty());
    CHECK_FALSE(e.computes.empty());
    // Written as a .bsg file writes it: infix between a and b, else called by name.
    CHECK(e.written.find(op.infix.empty() || op.arity != 2 ? op.name + "(" : "a " + op.infix + " b") == 0);
    for (const AttrSpec& a : op.attrs) CHECK(e.written.find(a.name) != std::string::npos);
  }
  auto entry = [&](const std::string& name) {
    for (const GuideOp& e : g.ops)
      if (e.name == name) return e;
    FAIL("no op " << name);
    return GuideOp{};
  };
  CHECK(entry("matmul").written == "a @ b");
  CHECK(entry("sigmoid").computes == "σ(x)");
  CHECK(entry("leaky_relu").written.find("leaky_relu(x, ") == 0);
}

TEST_CASE("the guide explains every colour of the graph view once, and says where to start and the formats") {
  const Guide& g = guide();
  std::set<Swatch> seen;
  for (const GuideColour& c : g.colours) {
    CHECK(seen.insert(c.swatch).second);
    CHECK_FALSE(c.meaning.empty());
  }
  CHECK(seen.size() == 8);  // input, param, const, op, current, selected, value, gradient
  CHECK_FALSE(g.start.paragraphs.empty());
  REQUIRE(g.formats.size() == 2);
  std::string bsg, answers;
  for (const std::string& p : g.formats[0].paragraphs) bsg += p;
  for (const std::string& p : g.formats[1].paragraphs) answers += p;
  for (const char* word : {"input", "param", "const", "output", "@"}) CHECK(bsg.find(word) != std::string::npos);
  CHECK(answers.find("dL/dy1 = ") != std::string::npos);
}
