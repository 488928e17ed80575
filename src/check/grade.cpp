#include "check/grade.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "check/worksheet.h"
#include "core/stepper.h"
#include "core/trace.h"
#include "io/read_file.h"
#include "lang/parser.h"
#include "i18n/i18n.h"

namespace bs {

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMaxSheetBytes = 1 << 20, kMaxMarksBytes = 1 << 16;

// The sheets named: files as given, and every .txt file of a folder, in name order.
std::vector<std::string> sheetFiles(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  for (const std::string& a : args) {
    if (!fs::is_directory(a)) {
      files.push_back(a);
      continue;
    }
    std::vector<std::string> inside;
    for (const auto& e : fs::directory_iterator(a))
      if (e.is_regular_file() && e.path().extension() == ".txt") inside.push_back(e.path().string());
    std::sort(inside.begin(), inside.end());
    if (inside.empty()) throw std::runtime_error(a + ": no answer sheets (.txt files) in the folder");
    files.insert(files.end(), inside.begin(), inside.end());
  }
  return files;
}

// The graph a sheet is checked against: GRAPH itself, or, when GRAPH is a worksheet
// folder, the variant its header names (DIR/sheet-K.bsg), each loaded once.
class Graphs {
 public:
  explicit Graphs(const std::string& arg) : arg_(arg), folder_(fs::is_directory(arg)) {
    if (!folder_) graphs_.emplace("", Loaded{"", arg, loadGraph(arg)});
  }

  const Graph& forSheet(const std::string& file, const std::string& text) {
    const auto h = readWorksheetHeader(text);
    if (!folder_) {
      if (h) throw std::runtime_error(file + ":1:1: this is variant " + h->variant + " of a worksheet of " + h->graph +
                                      ": give the worksheet folder (with sheet-" + h->variant + ".bsg) as GRAPH");
      return graphs_.at("").graph;
    }
    if (!h)
      throw std::runtime_error(file + ":1:1: no worksheet header on line 1 (like '" + worksheetHeaderLine({"ex2", "03"}) +
                               "'), so its variant in " + arg_ + " is not known");
    auto it = graphs_.find(h->variant);
    if (it == graphs_.end()) {
      const std::string path = (fs::path(arg_) / ("sheet-" + h->variant + ".bsg")).string();
      if (!fs::exists(path)) throw std::runtime_error(file + ":1:1: variant " + h->variant + " is not in " + arg_ + " (no " + path + ")");
      const auto own = readWorksheetHeader(readGraphSource(path));
      it = graphs_.emplace(h->variant, Loaded{own ? own->graph : h->graph, path, loadGraph(path)}).first;
    }
    if (it->second.name != h->graph)
      throw std::runtime_error(file + ":1:1: the sheet is of " + h->graph + ", but " + it->second.path + " is of " + it->second.name);
    return it->second.graph;
  }

  // A graph to read the marking file against before any sheet: GRAPH, or one of the
  // folder's variants (they share their names).
  Graph any() const {
    if (!folder_) return graphs_.at("").graph;
    for (const auto& e : fs::directory_iterator(arg_))
      if (e.path().extension() == ".bsg" && e.path().filename().string().starts_with("sheet-")) return loadGraph(e.path().string());
    throw std::runtime_error(arg_ + ": not a worksheet folder (no sheet-K.bsg in it)");
  }

 private:
  struct Loaded {
    std::string name, path;  // the exercise its header names, and its file
    Graph graph;
  };
  std::string arg_;
  bool folder_;
  std::map<std::string, Loaded> graphs_;
};

// "step 6 (dL/dy)": the step and what it computes, as the class summary lists it.
std::string stepName(const Graph& g, int step) {
  if (step < 0) return "the given values";
  Graph copy = g;
  Stepper s(copy);
  const Step& st = s.schedule().at(size_t(step));
  return stepLabel(step) + " (" + (st.phase == Phase::Forward ? g.node(st.node).name : gradName(g, g.node(st.target).name)) + ")";
}

void addOnce(std::vector<std::string>& v, const std::string& s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string number(double v) { return formatNumber(v, 4); }

// Counts of labels over sheets, most common first, ties in the order first met.
std::vector<std::pair<std::string, int>> tally(const std::vector<SheetGrade>& grades, std::vector<std::string> SheetGrade::*field) {
  std::vector<std::pair<std::string, int>> t;
  for (const SheetGrade& g : grades)
    for (const std::string& s : g.*field) {
      auto it = std::find_if(t.begin(), t.end(), [&](const auto& p) { return p.first == s; });
      if (it == t.end()) t.push_back({s, 1});
      else ++it->second;
    }
  std::stable_sort(t.begin(), t.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return t;
}

}  // namespace

double Marks::of(int node, Quantity q, Index r, Index c) const {
  double m = defaultMark;
  for (const auto& [t, mark] : lines)
    if (t.node == node && t.quantity == q && (t.row < 0 || (t.row == r && t.col == c))) m = mark;
  return m;
}

Marks parseMarks(std::string_view text, const Graph& g) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const std::vector<Token> toks = tokenize(text, true);
  const AnswerNames names(g);
  Marks marks;
  std::vector<Token> line;
  for (const Token& t : toks) {
    if (t.kind != Tok::Newline && t.kind != Tok::End) {
      line.push_back(t);
      continue;
    }
    if (line.empty()) continue;
    line.push_back({Tok::Newline, "\n", 0, t.line, t.col});
    line.push_back({Tok::End, "", 0, t.line + 1, 1});
    TokenStream ts(line);
    const bool isDefault = ts.peek().kind == Tok::Name && ts.peek().text == "default";
    AnswerTarget target;
    if (isDefault) ts.next();
    else target = names.read(ts);
    ts.expect("=", "'=' and the marks for each number");
    const Token m = ts.peek();
    if (m.kind != Tok::Number) ts.fail(m, "expected the marks for each number (0, 1, 0.5, ...), found " + TokenStream::describe(m));
    ts.next();
    if (ts.peek().kind != Tok::Newline) ts.fail(ts.peek(), "expected the end of the line after the marks, found " + TokenStream::describe(ts.peek()));
    if (isDefault) marks.defaultMark = m.number;
    else marks.lines.push_back({target, m.number});
    line.clear();
  }
  return marks;
}

SheetGrade gradeSheet(const Graph& g, const AnswerSheet& sheet, const Marks& marks) {
  const CheckReport rep = checkAnswers(g, sheet);
  SheetGrade s;
  for (const auto& [node, q] : workedQuantities(g)) {
    const Shape shape = g.node(node).shape;
    for (Index r = 0; r < shape.rows; ++r)
      for (Index c = 0; c < shape.cols; ++c) {
        const double mark = marks.of(node, q, r, c);
        s.outOf += mark;
        const ElementCheck* x = rep.element(node, q, r, c);
        if (!x) {
          ++s.missing;
          continue;
        }
        switch (x->verdict) {
          case Verdict::Correct: ++s.correct; break;
          case Verdict::Rounding: ++s.rounding; break;
          case Verdict::CarriedOver: ++s.carriedOver; break;
          case Verdict::Wrong: ++s.wrong; break;
        }
        if (x->verdict != Verdict::Wrong) s.score += mark;  // error carried forward: a carried-over number earns its mark
      }
  }
  for (const CheckEntry& e : rep.entries)
    for (const ElementCheck& x : e.elements)
      if (x.verdict == Verdict::Wrong) {
        addOnce(s.mistakeSteps, stepName(g, x.blamedStep));
        for (const Slip& slip : x.slips) addOnce(s.slips, slip.label);
      }
  return s;
}

ClassSummary summarize(const std::vector<SheetGrade>& grades) {
  ClassSummary s;
  std::vector<SheetGrade> graded;
  for (const SheetGrade& g : grades) {
    if (!g.error.empty()) {
      ++s.failed;
      continue;
    }
    graded.push_back(g);
    s.meanScore += g.score;
    s.outOf = std::max(s.outOf, g.outOf);
  }
  s.graded = int(graded.size());
  if (s.graded) s.meanScore /= s.graded;
  s.steps = tally(graded, &SheetGrade::mistakeSteps);
  s.slips = tally(graded, &SheetGrade::slips);
  return s;
}

std::string marksCsv(const std::vector<SheetGrade>& grades) {
  std::string out = "file,correct,rounding,carried_over,wrong,missing,score,out_of,error\n";
  for (const SheetGrade& g : grades) {
    out += csvField(g.file);
    if (!g.error.empty()) {
      out += ",,,,,,,," + csvField(g.error) + "\n";
      continue;
    }
    for (int n : {g.correct, g.rounding, g.carriedOver, g.wrong, g.missing}) out += "," + std::to_string(n);
    out += "," + number(g.score) + "," + number(g.outOf) + ",\n";
  }
  return out;
}

std::string summaryCsv(const ClassSummary& s) {
  std::string out = "kind,what,sheets,share\n";
  for (const auto& [kind, rows] : {std::pair{"step", &s.steps}, std::pair{"slip", &s.slips}})
    for (const auto& [what, n] : *rows) out += std::string(kind) + "," + csvField(what) + "," + std::to_string(n) + "," + number(double(n) / s.graded) + "\n";
  return out;
}

std::vector<SheetGrade> gradeFiles(const std::string& graph, const std::vector<std::string>& sheets, const std::string& marksPath) {
  Graphs graphs(graph);
  const std::string marksText = marksPath.empty() ? "" : io::readFile(marksPath, kMaxMarksBytes, tr("a marking file"));
  try {
    parseMarks(marksText, graphs.any());  // a bad marking file stops everything, before any sheet
  } catch (const ParseError& e) {
    throw std::runtime_error(marksPath + ":" + e.what());
  }
  std::vector<SheetGrade> grades;
  for (const std::string& file : sheetFiles(sheets)) {
    SheetGrade g;
    try {
      const std::string text = io::readFile(file, kMaxSheetBytes, tr("an answers file"));
      const Graph& gr = graphs.forSheet(file, text);
      try {
        g = gradeSheet(gr, parseAnswers(text, gr), parseMarks(marksText, gr));
      } catch (const ParseError& e) {
        throw std::runtime_error(file + ":" + e.what());
      }
    } catch (const std::exception& e) {
      g.error = e.what();
    }
    g.file = file;
    grades.push_back(std::move(g));
  }
  return grades;
}

}  // namespace bs
