#include "figure/steps_document.h"

#include <iomanip>
#include <sstream>
#include <stdexcept>

#include "figure/math_text.h"
#include "i18n/i18n.h"
#include "io/atomic_file.h"

namespace bs::figure {

StepsFormat stepsFormat(const std::string& name) {
  if (name == "text") return StepsFormat::Text;
  if (name == "markdown") return StepsFormat::Markdown;
  if (name == "latex") return StepsFormat::Latex;
  throw std::invalid_argument(fmt(tr("unknown format '{}' (expected text, markdown or latex)"), name));
}

std::string latexDocument(const std::string& body, const std::string& packages) {
  return "\\documentclass{article}\n" + packages + "\n\\begin{document}\n" + body + "\\end{document}\n";
}

namespace {

// A row of a LaTeX display holds about this many characters of the trace's text.
constexpr size_t kRowWidth = 60;

std::string trimmed(const std::string& s) {
  const size_t b = s.find_first_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b);
}

// "… and 398 more elements (trace --expand all writes them; ...)": the hint in
// parentheses is about this program's options, not the arithmetic; a write-up keeps
// the count.
std::string withoutHint(const std::string& line) {
  const std::string t = trimmed(line);
  return t.rfind("… ", 0) == 0 ? t.substr(0, t.find(" (")) : t;  // "… and 398 more elements", in any language
}

// One trace line as align* rows: the left side &= its forms, continued on a new row
// (&= ...) when a row is full; a form too long for a row is broken before its + and −,
// inside parentheses too ((a + b + …)/n). A line with no " = " (a note) stands on its
// own row.
std::vector<std::string> alignRows(const std::string& line, const MathNames& names) {
  const std::vector<std::string> forms = splitOutside(line, {" = "}, false, true);
  if (forms.size() < 2) return {"  &\\quad " + toLatex(line, names)};
  std::vector<std::string> rows{"  " + toLatex(forms[0], names) + " &= "};
  size_t width = 0;  // of the row so far, in the trace's characters
  for (size_t k = 1; k < forms.size(); ++k) {
    const auto terms = codePoints(forms[k]) > kRowWidth ? splitOutside(forms[k], {" + ", " − "}, true, false) : std::vector{forms[k]};
    for (size_t t = 0; t < terms.size(); ++t) {
      if (width > 0 && width + codePoints(terms[t]) > kRowWidth) {
        rows.push_back(t == 0 ? "  &= " : "  &\\quad ");
        width = 0;
      } else if (width > 0) {
        rows.back() += t == 0 ? " = " : " ";
      }
      rows.back() += toLatex(terms[t], names);
      width += codePoints(terms[t]) + 3;
    }
    if (terms.size() > 1) width = kRowWidth;  // the form after a broken one starts a row of its own
  }
  return rows;
}

const char* phaseName(const StepRecord& r) { return r.step.phase == Phase::Forward ? tr("forward") : tr("backward"); }

std::string header(const Stepper& s, const std::string& title) {
  return fmt(tr("{}: {} nodes, {} forward steps, {} backward steps"), title, s.graph().size(), s.forwardCount(),
             s.size() - s.forwardCount());
}

bool newPhase(const Stepper& s, int i, int first) { return i == first || s.record(i).step.phase != s.record(i - 1).step.phase; }

std::string textDocument(const Stepper& s, const StepsOptions& o, int last) {
  std::ostringstream out;
  out << header(s, o.title) << "\n";
  if (!o.note.empty()) out << o.note << "\n";
  for (int i = o.first; i < last; ++i) {
    if (newPhase(s, i, o.first)) out << phaseName(s.record(i)) << "\n";
    const StepText t = traceStep(s.graph(), s.record(i), o.trace);
    for (size_t l = 0; l < t.lines.size(); ++l)
      out << std::right << std::setw(5) << (l == 0 ? std::to_string(i + 1) : "") << "  " << t.lines[l] << "\n";
    if (!t.formula.empty()) out << "       " << tr("local derivative:") << " " << tr(t.formula) << "\n";
  }
  return out.str();
}

std::string markdownDocument(const Stepper& s, const StepsOptions& o, int last) {
  const MathNames names = mathNames(s.graph());
  auto math = [&](const std::string& t) { return "$" + toLatex(withoutHint(t), names, LatexFlavour::Markdown) + "$"; };
  std::string out = "## " + header(s, o.title) + "\n\n";
  if (!o.note.empty()) out += "> " + o.note + "\n\n";
  for (int i = o.first; i < last; ++i) {
    if (newPhase(s, i, o.first)) out += std::string("### ") + (s.record(i).step.phase == Phase::Forward ? tr("Forward") : tr("Backward")) + "\n\n";
    const StepText t = traceStep(s.graph(), s.record(i), o.trace);
    out += "**" + fmt(tr("Step {}."), i + 1) + "** " + math(t.lines[0]) + "\n\n";
    for (size_t l = 1; l < t.lines.size(); ++l) out += "- " + math(t.lines[l]) + "\n";
    if (t.lines.size() > 1) out += "\n";
    if (!t.formula.empty()) out += std::string(tr("Local derivative:")) + " " + math(tr(t.formula)) + "\n\n";
  }
  return out;
}

std::string latexSteps(const Stepper& s, const StepsOptions& o, int last) {
  const MathNames names = mathNames(s.graph());
  std::string out = "% " + header(s, o.title) + "; steps " + std::to_string(o.first + 1) + " to " + std::to_string(last) +
                    ", written by backstep.\n% Needs \\usepackage{amsmath}.\n"
                    "\\begingroup\\allowdisplaybreaks  % a long step may go on over a page break\n";
  if (!o.note.empty()) out += "\\noindent " + latexText(o.note) + "\\par\n";
  for (int i = o.first; i < last; ++i) {
    if (newPhase(s, i, o.first))
      out += std::string("\\paragraph{") + latexText(s.record(i).step.phase == Phase::Forward ? tr("Forward") : tr("Backward")) + "}\n";
    const StepText t = traceStep(s.graph(), s.record(i), o.trace);
    std::vector<std::string> rows;
    for (const std::string& line : t.lines) {
      const auto r = alignRows(withoutHint(line), names);
      rows.insert(rows.end(), r.begin(), r.end());
    }
    rows[0] += " \\tag*{" + latexText(fmt(tr("step {}"), i + 1)) + "}";
    out += "\\begin{align*}\n";
    for (size_t k = 0; k < rows.size(); ++k) out += rows[k] + (k + 1 < rows.size() ? " \\\\\n" : "\n");
    out += "\\end{align*}\n";
    if (!t.formula.empty()) out += "\\noindent " + latexText(tr("Local derivative:")) + " $" + toLatex(tr(t.formula), names) + "$\\par\n";
  }
  out += "\\endgroup\n";
  return o.standalone ? latexDocument(out, "\\usepackage{amsmath}") : out;
}

}  // namespace

std::string stepsDocument(const Stepper& s, const StepsOptions& o) {
  const int last = o.last < 0 ? s.cursor() : o.last;
  if (o.first < 0 || last > s.cursor() || o.first > last)
    throw std::invalid_argument(fmt(tr("steps {} to {} are not all done ({} of {} are)"), o.first + 1, last, s.cursor(), s.size()));
  switch (o.format) {
    case StepsFormat::Text: return textDocument(s, o, last);
    case StepsFormat::Markdown: return markdownDocument(s, o, last);
    case StepsFormat::Latex: return latexSteps(s, o, last);
  }
  return "";
}

void writeSteps(const Stepper& s, const StepsOptions& o, const std::string& path) {
  io::writeFileAtomically(path, stepsDocument(s, o));
}

}  // namespace bs::figure
