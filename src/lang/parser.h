// Reads the .bsg graph format (see README "The graph format").
#pragma once
#include <string>
#include <string_view>

#include "core/graph.h"
#include "lang/lexer.h"

namespace bs {

// Throws ParseError with the line and column of the problem (syntax, unknown name or
// op, shape mismatch, cycle, redefinition, missing output).
Graph parseGraph(std::string_view text);

// A file path, or the name of a built-in example ("ex2"). Throws std::runtime_error
// whose message starts with "FILE:LINE:COL: ".
Graph loadGraph(const std::string& pathOrExample);
// The source text behind loadGraph (the file's or the example's).
std::string readGraphSource(const std::string& pathOrExample);

}  // namespace bs
