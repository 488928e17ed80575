#include "session/random_graph.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

namespace bs::app {

Graph randomGraph(int nodes, unsigned seed) {
  std::mt19937 rng(seed);
  Graph g;
  nodes = std::max(nodes, 3);
  // Layers about as wide as the graph is deep, like a network: each op uses one or two
  // nodes of the layer before it.
  const int width = std::max(2, int(std::sqrt(double(nodes))));
  std::uniform_real_distribution<double> value(-1, 1);
  std::vector<int> previous;
  for (int i = 0; i < width; ++i) {
    const char kind = i % 2 ? 'x' : 'w';
    previous.push_back(g.addLeaf(kind + std::to_string(i), i % 2 ? NodeKind::Input : NodeKind::Param,
                                 Tensor::Constant(1, 1, value(rng))));
  }
  const char* unary[] = {"tanh", "sigmoid"};
  const char* binary[] = {"add", "mul", "add"};
  while (g.size() < nodes - 1) {
    std::vector<int> layer;
    std::uniform_int_distribution<size_t> pick(0, previous.size() - 1);
    for (int i = 0; i < width && g.size() < nodes - 1; ++i) {
      std::string name = "n";  // built in two steps: GCC 12 warns falsely on "n" + string
      name += std::to_string(g.size());
      const int a = previous[pick(rng)];
      if (rng() % 3 == 0)
        layer.push_back(g.addOp(name, *findOp(unary[rng() % 2]), {a}));
      else
        layer.push_back(g.addOp(name, *findOp(binary[rng() % 3]), {a, previous[pick(rng)]}));
    }
    previous = layer;
  }
  // The loss adds the first two nodes of the last layer (or one node to itself).
  const int first = previous.front(), second = previous.size() > 1 ? previous[1] : previous.front();
  g.setOutput(g.addOp("L", *findOp("add"), {first, second}));
  return g;
}

}  // namespace bs::app
