// The steps done so far as a write-up, built from the trace's own text (core/trace.h):
// plain text as `backstep trace` prints it, Markdown with $...$ math (GitHub renders
// it), or LaTeX align* blocks to \input into a report (needs amsmath).
#pragma once
#include <string>

#include "core/stepper.h"
#include "core/trace.h"

namespace bs::figure {

enum class StepsFormat { Text, Markdown, Latex };
// "text", "markdown" or "latex"; throws std::invalid_argument naming the choices.
StepsFormat stepsFormat(const std::string& name);

struct StepsOptions {
  StepsFormat format = StepsFormat::Text;
  TraceOptions trace;
  std::string title;    // heads the document: the file or preset name
  std::string note;     // a preset graph's note on its data (empty: none)
  int first = 0;        // the steps first .. last-1; last -1: up to the cursor
  int last = -1;
  bool standalone = false;  // LaTeX: a whole document for pdflatex, not a fragment
};

// The steps must be done (below the cursor).
std::string stepsDocument(const Stepper& s, const StepsOptions& o);
// The same, written atomically (io::writeFileAtomically); throws std::runtime_error
// naming the file when it cannot be written.
void writeSteps(const Stepper& s, const StepsOptions& o, const std::string& path);

// \documentclass{article} ... \begin{document} body \end{document}, with these packages.
std::string latexDocument(const std::string& body, const std::string& packages);

}  // namespace bs::figure
