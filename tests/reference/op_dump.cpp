// Writes, for every op application of op_cases.h (two seeds each, not those of
// test_op_kernels.cpp), the inputs, attrs, forward output and vjp for a random upstream
// gradient, in double, as JSON:
//   op_dump OUT.json
// compare.py redoes each one with PyTorch. The names of all ops go in too, so that an
// op without cases or without a reference fails there.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "op_cases.h"

using namespace bs;
using namespace bs::testing;
using nlohmann::json;

namespace {

json rows(const Tensor& t) {  // a list of rows, as torch.tensor reads it
  json j = json::array();
  for (Index r = 0; r < t.rows(); ++r) {
    json row = json::array();
    for (Index c = 0; c < t.cols(); ++c) row.push_back(t(r, c));
    j.push_back(row);
  }
  return j;
}

json application(const OpDef& op, const OpCase& c, unsigned seed) {
  std::mt19937 rng(seed);
  const std::vector<Tensor> x = makeInputs(c, rng);
  const std::vector<double> attrs = attrsOf(op, c);
  std::vector<const Tensor*> ptrs;
  for (const Tensor& t : x) ptrs.push_back(&t);
  const Args<double> args{ptrs, attrs};
  Tensor y, g;
  op.d.forward(args, y);
  const Tensor up = randomTensor(shapeOf(y), rng);
  json j = {{"op", op.name}, {"label", c.label()}, {"seed", seed}, {"attrs", attrs},
            {"target", targetName(c.target)}, {"inputs", json::array()}, {"differentiable", json::array()},
            {"output", rows(y)}, {"up", rows(up)}, {"grads", json::array()}};
  for (int i = 0; i < int(x.size()); ++i) {
    j["inputs"].push_back(rows(x[i]));
    j["differentiable"].push_back(op.differentiable(i));
    if (op.differentiable(i)) {
      op.d.vjp(i, args, y, up, g);
      j["grads"].push_back(rows(g));
    } else {
      j["grads"].push_back(nullptr);
    }
  }
  return j;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: op_dump OUT.json\n";
    return 2;
  }
  json dump = {{"ops", json::array()}, {"cases", json::array()}};
  for (const OpDef* op : allOps()) dump["ops"].push_back(op->name);
  try {
    for (const OpCase& c : opCases()) {
      const OpDef* op = findOp(c.op);
      if (!op) throw std::runtime_error("no op " + c.op);
      for (unsigned seed = 101; seed <= 102; ++seed) dump["cases"].push_back(application(*op, c, seed));
    }
  } catch (const std::exception& e) {
    std::cerr << "op_dump: " << e.what() << "\n";
    return 1;
  }
  std::ofstream out(argv[1]);
  out << dump.dump(1) << "\n";
  if (!out.flush()) {
    std::cerr << "op_dump: cannot write " << argv[1] << "\n";
    return 1;
  }
  std::cout << "op_dump: " << dump["cases"].size() << " applications of " << dump["ops"].size() << " ops in " << argv[1] << "\n";
}
