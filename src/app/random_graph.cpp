#include "app/random_graph.h"

#include <algorithm>
#include <random>
#include <string>

namespace bs::app {

Graph randomGraph(int nodes, unsigned seed) {
  std::mt19937 rng(seed);
  Graph g;
  const int leaves = std::max(2, nodes / 4);
  std::uniform_real_distribution<double> value(-2, 2);
  for (int i = 0; i < leaves; ++i)
    g.addLeaf("w" + std::to_string(i), i % 2 ? NodeKind::Input : NodeKind::Param, Tensor::Constant(1, 1, value(rng)));
  const char* unary[] = {"tanh", "sigmoid"};
  const char* binary[] = {"add", "mul"};
  for (int i = leaves; i < std::max(nodes, leaves + 1); ++i) {
    // Inputs among the 12 nodes before, so the graph stays a band, as networks are.
    std::uniform_int_distribution<int> near(std::max(0, i - 12), i - 1);
    const std::string name = "n" + std::to_string(i);
    if (rng() % 3 == 0)
      g.addOp(name, *findOp(unary[rng() % 2]), {i - 1});
    else
      g.addOp(name, *findOp(binary[rng() % 2]), {near(rng), i - 1});
  }
  g.setOutput(g.size() - 1);
  return g;
}

}  // namespace bs::app
