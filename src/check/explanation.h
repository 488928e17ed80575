// The text that explains a wrong or carried-over answer: what is wrong, and the step
// as Trace writes it, with the student's own numbers plugged in.
#pragma once
#include <string>
#include <vector>

#include "check/checker.h"
#include "core/stepper.h"

namespace bs {

// `mine` holds the student's numbers (written, or computed from theirs) as node values
// and gradients; `records[s]` is step s redone from them; `steps` are the entry's steps
// (one, or every contribution of a gradient sum). Numbers get `precision` decimals, or
// one more than the student wrote.
std::vector<std::string> explainEntry(const Graph& mine, const std::vector<StepRecord>& records, const CheckEntry& e,
                                      const std::vector<int>& steps, int precision = 4);

// A number written with its digits cut (ElementCheck::truncated): what it was cut from,
// what rounding would have given, and that later numbers are judged from it.
std::string truncationNote(const std::string& name, const ElementCheck& x);

}  // namespace bs
