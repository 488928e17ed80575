// Writes a graph in the .bsg format; parsing the text gives the same graph back.
#pragma once
#include <string>

#include "core/graph.h"

namespace bs {

std::string printGraph(const Graph& g);
// A number or tensor literal with every digit needed to read back the same double.
std::string printLiteral(const Tensor& t);

}  // namespace bs
