// Figures and write-ups (src/figure): the trace's arithmetic in LaTeX and Graphviz
// HTML, the steps as Markdown and LaTeX, the graph as SVG, PDF, PNG and TikZ. The CLI
// tests (tests/figure/check_figure.py) parse the SVG, read the PDF's text and compile
// the LaTeX with pdflatex.
#include "testing.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "figure/figure.h"
#include "figure/math_text.h"
#include "i18n/i18n.h"
#include "figure/steps_document.h"
#include "assets/embedded.h"
#include "lang/parser.h"
#include "nn/preset_graph.h"

using namespace bs;
using namespace bs::figure;

namespace {

struct Ex2 {
  Graph g = loadGraph("ex2");
  Stepper s{g};
  MathNames names = mathNames(g);
};

// Graphviz writes "-" in SVG text as &#45;.
std::string svgText(std::string s) {
  for (size_t p; (p = s.find("&#45;")) != std::string::npos;) s.replace(p, 5, "-");
  return s;
}

bool ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Every line of every step of the graph, as the trace writes them, with the formulas.
std::vector<std::string> allLines(Graph& g) {
  Stepper s(g);
  s.toEnd();
  std::vector<std::string> lines;
  for (const StepRecord& r : s.records()) {
    StepText t = traceStep(g, r);
    lines.insert(lines.end(), t.lines.begin(), t.lines.end());
    if (!t.formula.empty()) lines.push_back(t.formula);
  }
  return lines;
}

}  // namespace

TEST_CASE("the trace's arithmetic in LaTeX: partials, subscripts, σ, ᵀ, ⊙, sums over an index") {
  Ex2 e;
  CHECK(toLatex("dL/dW12 = dL/dy1 · x2 = 0.1959 · (-3.1) = -0.6073", e.names) ==
        "\\frac{\\partial L}{\\partial W_{12}} = \\frac{\\partial L}{\\partial y_{1}} \\cdot  x_{2} = 0.1959 \\cdot  (-3.1) = -0.6073");
  CHECK(toLatex("dL/dy = dL/dz ⊙ σ'(y)", e.names) == "\\frac{\\partial L}{\\partial y} = \\frac{\\partial L}{\\partial z} \\odot  \\sigma '(y)");
  CHECK(toLatex("dL/dx = Wᵀ · dL/dy,  dL/dxj = Σi Wij · dL/dyi", e.names) ==
        "\\frac{\\partial L}{\\partial x} = W^{\\top} \\cdot  \\frac{\\partial L}{\\partial y},\\quad "
        "\\frac{\\partial L}{\\partial x_{j}} = \\sum_{i}  W_{ij} \\cdot  \\frac{\\partial L}{\\partial y_{i}}");
  CHECK(toLatex("L = Σ z² = z1² + z2² = 0.4061² + 0.525²", e.names) == "L = \\sum  z^{2} = z_{1}^{2} + z_{2}^{2} = 0.4061^{2} + 0.525^{2}");
  CHECK(toLatex("y1 = W11·x1 + W12·x2 = -1 + 1.55 − 0.45", e.names) == "y_{1} = W_{11}\\cdot x_{1} + W_{12}\\cdot x_{2} = -1 + 1.55 -  0.45");
  // Another loss name: df/dq is a gradient, as is the generic dL/dA of a formula.
  Graph f = loadGraph("fanout");
  CHECK(toLatex("df/dq = 3", mathNames(f)) == "\\frac{\\partial f}{\\partial q} = 3");
  CHECK(toLatex("dL/dA = dL/dy · Bᵀ", mathNames(f)) == "\\frac{\\partial L}{\\partial A} = \\frac{\\partial L}{\\partial y} \\cdot  B^{\\top}");
}

TEST_CASE("LaTeX names: layer numbers and element indices as subscripts, Greek and long names") {
  MathNames n{"L", {"x", "W1", "s1", "h1", "lambda", "penalty", "data_loss", "l2_W1"}};
  CHECK(toLatex("dL/dh1[3] = 2", n) == "\\frac{\\partial L}{\\partial (h_{1})_{3}} = 2");
  CHECK(toLatex("W1[1,12] · x[12,1]", n) == "(W_{1})_{1,12} \\cdot  x_{12,1}");
  CHECK(toLatex("dL/dW1ij = dL/ds1ib", n) == "\\frac{\\partial L}{\\partial (W_{1})_{ij}} = \\frac{\\partial L}{\\partial (s_{1})_{ib}}");
  CHECK(toLatex("penalty = lambda · l2_W1", n) == "\\mathit{penalty} = \\lambda  \\cdot  \\mathit{l2\\_W1}");
  CHECK(toLatex("dL/ddata_loss = 1", n) == "\\frac{\\partial L}{\\partial \\mathit{data\\_loss}} = 1");
  CHECK(toLatex("dL/d(y − t) = 1", n) == "\\frac{\\partial L}{\\partial (y -  t)} = 1");
  CHECK(toLatex("(y − t)[1]", n) == "(y -  t)_{1}");
}

TEST_CASE("LaTeX: prose keeps its spaces, numbers in scientific form, tensors, and no character is lost") {
  Ex2 e;
  CHECK(toLatex("(contribution 1 of 2 to dL/dx: x feeds 2 nodes)", e.names) ==
        "(\\text{contribution}\\ 1\\ \\text{of}\\ 2\\ \\text{to}\\ \\frac{\\partial L}{\\partial x}: x\\ \\text{feeds}\\ 2\\ \\text{nodes})");
  CHECK(toLatex("1.729e-05 · 2", e.names) == "1.729\\times 10^{-5} \\cdot  2");
  CHECK(toLatex("3.9e-05²", e.names) == "(3.9\\times 10^{-5})^{2}");  // not a double superscript
  CHECK(toLatex("y = [-0.38, 0.1]", e.names) == "y = \\begin{bmatrix}-0.38 \\\\ 0.1\\end{bmatrix}");
  CHECK(toLatex("W = [[-4, -0.2], [-1, -0.5]]", e.names) == "W = \\begin{bmatrix}-4 & -0.2 \\\\ -1 & -0.5\\end{bmatrix}");
  CHECK(toLatex("y = [-0.38, 0.1]", e.names, LatexFlavour::Markdown) == "y = [-0.38,\\ 0.1]");  // GitHub eats \\ .
  CHECK(toLatex("[x > 0]", e.names) == "[x > 0]");  // Iverson's bracket is no tensor
  CHECK(toLatex("MSE = (1/n) Σ (pᵢ − tᵢ)²:  ∂/∂pᵢ = 2(pᵢ − tᵢ)/n", e.names) ==
        "\\text{MSE}\\ = (1/n) \\sum  (p_{i} -  t_{i})^{2}:\\quad \\partial /\\partial p_{i} = 2(p_{i} -  t_{i})/n");
  CHECK(toLatex("SVM = (1/B) Σ_{j≠t} max(0, s_j)", e.names) == "\\text{SVM}\\ = (1/B) \\sum _{j\\neq t} \\max (0, s_{j})");
  CHECK(toLatex("☃", e.names) == "{?}");
  // Matrices fit a page: the middle rows and columns give way to dots.
  const std::string big = toLatex("[[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]]", e.names);
  CHECK(big == "\\begin{bmatrix}1 & 2 & \\cdots & 5 \\\\ 6 & 7 & \\cdots & 10\\end{bmatrix}");
}

// Every trace line of each graph in each LaTeX flavour: ASCII, nothing unknown ({?}),
// and in TikZ (a document with only tikz has no amsmath) no amsmath commands.
void checkLatexLines(std::vector<std::pair<std::string, Graph>>& graphs) {
  for (auto& [name, g] : graphs) {
    const MathNames names = mathNames(g);
    for (const std::string& line : allLines(g))
      for (LatexFlavour f : {LatexFlavour::Document, LatexFlavour::Markdown, LatexFlavour::Tikz}) {
        const std::string t = toLatex(line, names, f);
        INFO(name << ": " << line << " -> " << t);
        CHECK(ascii(t));
        CHECK(t.find("{?}") == std::string::npos);
        if (f == LatexFlavour::Tikz) {
          CHECK(t.find("\\text{") == std::string::npos);
          CHECK(t.find("\\operatorname") == std::string::npos);
          CHECK(t.find("bmatrix") == std::string::npos);
        }
      }
  }
}

TEST_CASE("every line the trace writes for the examples and presets converts to ASCII LaTeX, nothing unknown") {
  ::setenv("BACKSTEP_DATA", "/nonexistent/backstep-cifar", 1);
  std::vector<std::pair<std::string, Graph>> graphs;
  for (const std::string& n : exampleNames()) graphs.emplace_back(n, loadGraph(n));
  for (const char* n : {"ex4", "svm", "softmax", "ex6-skip", "ex7"}) graphs.emplace_back(n, nn::presetGraph(nn::loadPreset(n)).graph);
  ::unsetenv("BACKSTEP_DATA");
  checkLatexLines(graphs);
}

TEST_CASE("the trace in Spanish converts to ASCII LaTeX too: accents as LaTeX accents, a word with one stays one word") {
  i18n::setLanguage(i18n::Lang::Es);
  std::vector<std::pair<std::string, Graph>> graphs;
  for (const std::string& n : exampleNames()) graphs.emplace_back(n, loadGraph(n));
  checkLatexLines(graphs);
  Graph fan = loadGraph("fanout");
  const std::vector<std::string> lines = allLines(fan);
  const auto it = std::find_if(lines.begin(), lines.end(), [](const std::string& l) { return l.rfind("(contribución 1 de 2", 0) == 0; });
  i18n::setLanguage(i18n::Lang::En);
  REQUIRE(it != lines.end());
  const std::string t = toLatex(*it, mathNames(fan));
  INFO(t);
  CHECK(t.find("\\text{contribuci{\\'o}n}\\ 1") != std::string::npos);  // one word, its accent inside
  CHECK(latexText("contribución, número, función") == "contribuci{\\'o}n, n{\\'u}mero, funci{\\'o}n");
}

TEST_CASE("Graphviz HTML: escaped, gradients as ∂L/∂x, numbers of nodes and elements as subscripts") {
  Ex2 e;
  CHECK(toHtml("dL/dW12 = dL/dy1 · x2", e.names) == "∂L/∂W<SUB>12</SUB> = ∂L/∂y<SUB>1</SUB> · x<SUB>2</SUB>");
  CHECK(toHtml("σ(y) < 1 & xᵀ", e.names) == "σ(y) &lt; 1 &amp; xᵀ");
  CHECK(toHtml("W1", {"L", {"W1"}}) == "W<SUB>1</SUB>");
  CHECK(latexText("BACKSTEP_DATA, --data, 2×3, 50% & {x}") == "BACKSTEP\\_DATA, -{}-data, 2$\\times$3, 50\\% \\& \\{x\\}");
}

TEST_CASE("the steps as Markdown and LaTeX, from the trace's own lines") {
  Ex2 e;
  e.s.goTo(7);
  StepsOptions o;
  o.title = "ex2";
  o.format = StepsFormat::Markdown;
  const std::string md = stepsDocument(e.s, o);
  CHECK(md.find("## ex2: 5 nodes, 3 forward steps, 5 backward steps") != std::string::npos);
  CHECK(md.find("### Backward") != std::string::npos);
  CHECK(md.find("- $\\frac{\\partial L}{\\partial W_{12}} = \\frac{\\partial L}{\\partial y_{1}} \\cdot  x_{2} = 0.1959 \\cdot  (-3.1) = -0.6073$") !=
        std::string::npos);
  CHECK(md.find("Step 8") == std::string::npos);  // not done yet
  o.format = StepsFormat::Latex;
  const std::string tex = stepsDocument(e.s, o);
  CHECK(ascii(tex));
  CHECK(tex.find("\\tag*{step 7}") != std::string::npos);
  CHECK(tex.find("\\frac{\\partial L}{\\partial W_{12}} &= \\frac{\\partial L}{\\partial y_{1}} \\cdot  x_{2} = 0.1959") != std::string::npos);
  CHECK(tex.find("\\begin{document}") == std::string::npos);
  o.standalone = true;
  CHECK(stepsDocument(e.s, o).find("\\usepackage{amsmath}\n\\begin{document}") != std::string::npos);
  // The text format is the one `backstep trace` prints.
  o.format = StepsFormat::Text;
  o.first = 6;
  const std::string text = stepsDocument(e.s, o);
  CHECK(text.find("backward\n    7  dL/dW = dL/dy · xᵀ,  dL/dWij = dL/dyi · xj\n") != std::string::npos);
  CHECK(text.find("    6  ") == std::string::npos);
  o.last = 8;
  CHECK_THROWS_WITH_AS(stepsDocument(e.s, o), "steps 7 to 8 are not all done (7 of 8 are)", std::invalid_argument);
  CHECK_THROWS_AS(stepsFormat("html"), std::invalid_argument);
}

TEST_CASE("a figure's format comes from its extension; unknown ones are refused by name") {
  CHECK(figureFormat("a/fig.svg") == FigureFormat::Svg);
  CHECK(figureFormat("FIG.PDF") == FigureFormat::Pdf);
  CHECK(figureFormat("fig.png") == FigureFormat::Png);
  CHECK(figureFormat("fig.tex") == FigureFormat::Tikz);
  CHECK_THROWS_WITH_AS(figureFormat("fig.jpg"), "fig.jpg: unknown figure format '.jpg' (expected .svg, .pdf, .png or .tex for TikZ)",
                       std::invalid_argument);
  CHECK_THROWS_AS(figureFormat("fig"), std::invalid_argument);
}

TEST_CASE("the SVG holds every number of the step, the step's head with ∂, and the step marked in orange") {
  Ex2 e;
  e.s.goTo(7);  // dL/dW
  const std::string svg = svgText(renderFigure(e.g, &e.s, FigureFormat::Svg, {}));
  CHECK(svg.rfind("<?xml", 0) == 0);
  CHECK(svg.find("</svg>") != std::string::npos);
  const Tensor& r = e.s.record(6).result;
  for (Index i = 0; i < r.size(); ++i) {
    INFO(formatNumber(r(i), 4));
    CHECK(svg.find(">" + formatNumber(r(i), 4) + "<") != std::string::npos);
  }
  for (const char* v : {">-0.38<", ">0.4405<", ">-3.1<", ">σ<"}) CHECK_MESSAGE(svg.find(v) != std::string::npos, v);
  CHECK(svg.find("Step 7 of 8 (backward): ∂L/∂W = ∂L/∂y · xᵀ") != std::string::npos);
  CHECK(svg.find("#ff9100") != std::string::npos);
  // Before the backward pass there are no gradients (no red), nothing is marked at step 0.
  e.s.goTo(0);
  const std::string start = svgText(renderFigure(e.g, &e.s, FigureFormat::Svg, {}));
  CHECK(start.find("#ff9100") == std::string::npos);
  CHECK(start.find(">0.4405<") == std::string::npos);
  CHECK(start.find(">?<") != std::string::npos);
  CHECK(start.find("#be1e1e\">0.") == std::string::npos);
}

TEST_CASE("the clean graph has no numbers, no step, the shapes on the edges") {
  Ex2 e;
  e.s.toEnd();
  const std::string svg = svgText(renderFigure(e.g, nullptr, FigureFormat::Svg, {.note = "note that is not drawn"}));
  CHECK(svg.find(">-0.6073<") == std::string::npos);
  CHECK(svg.find("Step") == std::string::npos);
  CHECK(svg.find("note that is not drawn") == std::string::npos);
  CHECK(svg.find(">2×3<") != std::string::npos);
  CHECK(svg.find("#ff9100") == std::string::npos);
}

TEST_CASE("PDF and PNG come from Graphviz's cairo renderer; TikZ is plain LaTeX at Graphviz's places") {
  Ex2 e;
  e.s.goTo(7);
  CHECK(renderFigure(e.g, &e.s, FigureFormat::Pdf, {}).rfind("%PDF-", 0) == 0);
  CHECK(renderFigure(e.g, &e.s, FigureFormat::Png, {}).rfind("\x89PNG\r\n", 0) == 0);
  const std::string tikz = renderFigure(e.g, &e.s, FigureFormat::Tikz, {4, "x, t: a note_with underscores", false});
  CHECK(ascii(tikz));
  CHECK(tikz.find("\\begin{tikzpicture}") != std::string::npos);
  CHECK(tikz.find("$-0.6073$") != std::string::npos);
  CHECK(tikz.find("$\\partial L/\\partial W = \\partial L/\\partial y \\cdot  x^{\\top},\\quad") != std::string::npos);
  CHECK(tikz.find("note\\_with") != std::string::npos);
  CHECK(tikz.find("\\documentclass") == std::string::npos);
  for (const char* ams : {"\\text{", "\\operatorname", "bmatrix", "\\frac{"}) CHECK_MESSAGE(tikz.find(ams) == std::string::npos, ams);
  CHECK(renderFigure(e.g, &e.s, FigureFormat::Tikz, {4, "", true}).rfind("\\documentclass{article}\n\\usepackage{tikz}", 0) == 0);
}

TEST_CASE("writeFigure writes atomically, and says why when it cannot") {
  Ex2 e;
  e.s.toEnd();
  const auto dir = std::filesystem::temp_directory_path() / ("backstep_test_figure_" + std::to_string(::getpid()));
  writeFigure(e.g, &e.s, {}, (dir / "sub" / "ex2.svg").string());
  CHECK(std::filesystem::file_size(dir / "sub" / "ex2.svg") > 1000);
  CHECK_THROWS_WITH_AS(writeFigure(e.g, &e.s, {}, "/proc/backstep/ex2.pdf"), doctest::Contains("/proc/backstep/ex2.pdf: cannot write the file"),
                       std::runtime_error);
  CHECK_THROWS_AS(writeFigure(e.g, &e.s, {}, (dir / "ex2.gif").string()), std::invalid_argument);
  CHECK_FALSE(std::filesystem::exists(dir / "ex2.gif"));
  Graph other = e.g;
  CHECK_THROWS_AS(renderFigure(other, &e.s, FigureFormat::Svg, {}), std::invalid_argument);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a preset's figure: big tensors by their largest magnitude and shape, the data note under it") {
  ::setenv("BACKSTEP_DATA", "/nonexistent/backstep-cifar", 1);
  nn::PresetGraph p = nn::presetGraph(nn::loadPreset("ex3"));
  ::unsetenv("BACKSTEP_DATA");
  Stepper s(p.graph);
  s.toEnd();
  const std::string svg = renderFigure(p.graph, &s, FigureFormat::Svg, {4, p.note, false});
  CHECK(svg.find(">100×3072<") != std::string::npos);
  CHECK(svg.find(">∇ ±") != std::string::npos);
  CHECK(svg.find("4 SYNTHETIC samples") != std::string::npos);
  CHECK(svg.find("baseline-shift=\"sub\"") != std::string::npos);  // W1 as W with a subscript 1
}
