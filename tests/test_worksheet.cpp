// Worksheets: variants with nice given numbers that keep every unit off its kinks and
// unsaturated, keys that check, templates that grade with their variant found from the
// header.
#include "testing.h"

#include <filesystem>
#include <fstream>
#include <set>

#include "check/answer_reader.h"
#include "check/answer_writer.h"
#include "check/grade.h"
#include "check/worksheet.h"
#include "lang/parser.h"
#include "student.h"

using namespace bs;
using namespace bs::testing;

namespace {

// The given numbers of a variant (inputs and params, node by node).
std::vector<double> givenNumbers(const Graph& g) {
  std::vector<double> v;
  for (const Node& n : g.nodes())
    if (n.kind == NodeKind::Input || n.kind == NodeKind::Param)
      for (Index k = 0; k < n.value.size(); ++k) v.push_back(n.value(k));
  return v;
}

void checkVariants(const std::string& name, const std::vector<Variant>& variants) {
  std::set<std::vector<double>> seen;
  for (const Variant& v : variants) {
    CAPTURE(name);
    CAPTURE(v.name);
    // Nice numbers: 1 or 2 decimals, not whole, 0.1 to 3 in size, no two of the same size.
    const std::vector<double> given = givenNumbers(v.graph);
    std::set<double> sizes;
    for (double x : given) {
      CAPTURE(x);
      CHECK(std::fabs(x * 100 - std::round(x * 100)) < 1e-9);
      CHECK(std::fabs(x - std::round(x)) > 1e-9);
      CHECK(std::fabs(x) >= 0.1);
      CHECK(std::fabs(x) <= 3);
      sizes.insert(std::fabs(x));
    }
    for (const Node& n : v.graph.nodes())
      if (n.kind == NodeKind::Const) sizes.insert(std::fabs(n.value(0, 0)));
    CHECK(sizes.size() == given.size() + size_t(std::count_if(v.graph.nodes().begin(), v.graph.nodes().end(),
                                                              [](const Node& n) { return n.kind == NodeKind::Const; })));
    CHECK(seen.insert(given).second);  // values differ across variants
    // No unit saturated or on a kink: every activation's output and input, as the op records judge them.
    Graph g = v.graph;
    Stepper s(g);
    s.toEnd();
    for (const Node& n : g.nodes()) {
      for (Index k = 0; k < n.grad.size(); ++k) CHECK(std::fabs(n.grad(k)) >= 0.05);
      if (n.isLeaf()) continue;
      for (Index k = 0; k < n.value.size(); ++k) {
        CHECK(std::fabs(n.value(k)) >= 0.05);
        if (n.op->saturated) CHECK_FALSE(n.op->saturated(n.value(k), n.attrs));
        if (n.op->name == "sigmoid") CHECK(std::fabs(n.value(k) - 0.5) < 0.41);  // not even near saturating
        if (n.op->name == "tanh") CHECK(std::fabs(n.value(k)) < 0.87);
      }
      for (double kink : n.op->kinks)
        for (Index k = 0; k < g.node(n.inputs[0]).value.size(); ++k) CHECK(std::fabs(g.node(n.inputs[0]).value(k) - kink) >= 0.1);
    }
    // The sheet is the graph, with its header; the key checks with nothing wrong, all correct.
    CHECK(readWorksheetHeader(v.sheet)->variant == v.name);
    CHECK(readWorksheetHeader(v.key)->graph == name);
    const Graph parsed = parseGraph(v.sheet);
    CHECK(givenNumbers(parsed) == given);
    const CheckReport rep = checkAnswers(parsed, parseAnswers(v.key, parsed));
    CHECK_FALSE(rep.anyWrong());
    CHECK(rep.count(Verdict::Rounding) == 0);
    int numbers = 0;
    for (const auto& [node, q] : workedQuantities(parsed)) numbers += int(parsed.node(node).shape.size());
    CHECK(rep.count(Verdict::Correct) == numbers);
    // The template: a '?' for every number, nothing written yet.
    CHECK(readWorksheetHeader(v.answers)->variant == v.name);
    CHECK(std::count(v.answers.begin(), v.answers.end(), '?') == numbers + 1);  // and one in its first comment
    CHECK(parseAnswers(v.answers, parsed).empty());
  }
}

}  // namespace

TEST_CASE("worksheet ex2 and ex1a, 20 variants: nice numbers, no kink or saturation, keys that check") {
  for (const char* name : {"ex2", "ex1a"}) {
    const std::vector<Variant> v = makeWorksheet(loadGraph(name), name, 20, 1);
    REQUIRE(v.size() == 20);
    CHECK(v.front().name == "01");
    CHECK(v.back().name == "20");
    checkVariants(name, v);
  }
}

TEST_CASE("every example makes a worksheet; the same seed the same one") {
  for (const char* name : {"ex1b", "ex1c", "ex1d", "fanout", "xor"}) checkVariants(name, makeWorksheet(loadGraph(name), name, 20, 5));
  const Graph g = loadGraph("ex2");
  const auto a = makeWorksheet(g, "ex2", 3, 9), b = makeWorksheet(g, "ex2", 3, 9), c = makeWorksheet(g, "ex2", 3, 10);
  for (size_t k = 0; k < 3; ++k) {
    CHECK(a[k].sheet == b[k].sheet);
    CHECK(a[k].key == b[k].key);
    CHECK(a[k].sheet != c[k].sheet);
  }
  // A log of a negative is not a number: those draws are refused.
  for (const Variant& v : makeWorksheet(parseGraph("input x = 0.5\nparam w = 0.3\ny = log(x) * w\noutput y\n"), "log", 10, 2))
    CHECK(v.graph.node(*v.graph.find("x")).value(0, 0) > 0);
  CHECK(variantName(7, 120) == "007");
  CHECK(variantName(12, 20) == "12");
  // A unit that is always on its kink: no numbers can be found, and the message says why.
  const Graph kinked = parseGraph("input x = 0.5\nparam w = 0.7\nd = x * w - w * x\ny = relu(d)\noutput y\n");
  CHECK_THROWS_WITH_AS(makeWorksheet(kinked, "kinked", 1, 1), doctest::Contains("kinked: no nice numbers found for variant 1 in 20000 draws (the last: d is about 0 or not a number)"),
                       std::runtime_error);
}

TEST_CASE("worksheet headers") {
  CHECK(worksheetHeaderLine({"ex2", "03"}) == "# backstep worksheet ex2, variant 03");
  const auto h = readWorksheetHeader("\xEF\xBB\xBF# backstep worksheet ex1a, variant 12: the answer key\r\nf = 1\n");
  REQUIRE(h);
  CHECK(h->graph == "ex1a");
  CHECK(h->variant == "12");
  CHECK_FALSE(readWorksheetHeader("# worksheet ex2, variant 03\n"));
  CHECK_FALSE(readWorksheetHeader("f = 1\n# backstep worksheet ex2, variant 03\n"));  // only the first line
  CHECK_FALSE(readWorksheetHeader("# backstep worksheet ex2, variant x3\n"));
  CHECK_FALSE(readWorksheetHeader("# backstep worksheet ex2, variant 03 and more\n"));
}

TEST_CASE("grading filled templates: each sheet's variant found from its header") {
  const auto dir = std::filesystem::temp_directory_path() / ("backstep_worksheet_" + std::to_string(::getpid()));
  const std::string ws = (dir / "ws").string(), filled = (dir / "filled").string();
  const std::vector<Variant> variants = makeWorksheet(loadGraph("ex2"), "ex2", 3, 4);
  writeWorksheet(variants, ws);
  for (const Variant& v : variants)
    for (const char* f : {"sheet-", "key-", "answers-"}) CHECK(std::filesystem::exists(ws + "/" + f + v.name + (f[0] == 's' ? ".bsg" : ".txt")));
  // Students fill their variant's template at 3 decimals; the one of variant 02 flips dL/dz's sign.
  std::filesystem::create_directories(filled);
  auto fill = [&](const std::string& file, const std::string& header, const Variant& v, bool slip) {
    Student s(v.graph, 3);
    const int step = gradStep(v.graph, "z");
    if (slip)
      s.slip = [&](int k, Tensor& r) {
        if (k == step) r = -r;
      };
    std::ofstream(filled + "/" + file) << header << "\n" << formatAnswers(v.graph, s.work());
  };
  fill("ann.txt", worksheetHeaderLine({"ex2", "01"}), variants[0], false);
  fill("bob.txt", worksheetHeaderLine({"ex2", "02"}) + ": filled", variants[1], true);
  fill("cid.txt", worksheetHeaderLine({"ex2", "03"}), variants[2], false);
  fill("dan.txt", "# no header", variants[0], false);
  fill("eve.txt", worksheetHeaderLine({"ex2", "09"}), variants[0], false);
  fill("fay.txt", worksheetHeaderLine({"ex1a", "01"}), variants[0], false);
  const std::vector<SheetGrade> g = gradeFiles(ws, {filled}, "");
  REQUIRE(g.size() == 6);
  CHECK(g[0].error.empty());
  CHECK(g[0].score == 19);
  CHECK(g[0].wrong == 0);
  // Bob: dL/dz wrong (2 numbers), everything below it carried over and marked.
  CHECK(g[1].wrong == 2);
  CHECK(g[1].carriedOver == 11);
  CHECK(g[1].score == 17);
  CHECK(g[1].slips == std::vector<std::string>{"a sign error"});
  CHECK(g[2].score == 19);
  CHECK(g[3].error == filled + "/dan.txt:1:1: no worksheet header on line 1 (like '# backstep worksheet ex2, variant 03'), so its variant in " + ws + " is not known");
  CHECK(g[4].error == filled + "/eve.txt:1:1: variant 09 is not in " + ws + " (no " + ws + "/sheet-09.bsg)");
  CHECK(g[5].error == filled + "/fay.txt:1:1: the sheet is of ex1a, but " + ws + "/sheet-01.bsg is of ex2");
  // Graded against a single graph, a worksheet's sheet is refused: its variant's numbers differ.
  CHECK(gradeFiles("ex2", {filled + "/ann.txt"}, "")[0].error.find("this is variant 01 of a worksheet of ex2: give the worksheet folder") != std::string::npos);
  CHECK_THROWS_WITH_AS(gradeFiles(filled, {filled}, ""), doctest::Contains("filled: not a worksheet folder (no sheet-K.bsg in it)"), std::runtime_error);
  std::filesystem::remove_all(dir);
}
