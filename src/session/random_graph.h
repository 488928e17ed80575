// A random graph of scalar nodes, for measuring how the window copes with big graphs.
#pragma once
#include "core/graph.h"

namespace bs::app {

// About `nodes` nodes: a quarter leaves, the rest +, *, tanh and sigmoid, each using
// nodes defined shortly before it; the last node is the output. Same seed, same graph.
Graph randomGraph(int nodes, unsigned seed = 1);

}  // namespace bs::app
