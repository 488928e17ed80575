#include "core/op.h"

namespace bs {

namespace {
struct Registry {
  std::vector<OpDef> defs;
  std::vector<const OpDef*> ptrs;
  Registry() {
    for (auto family : {elementwiseOps, activationOps, linalgOps, lossOps})
      for (auto& op : family()) defs.push_back(std::move(op));
    for (auto& op : defs) ptrs.push_back(&op);
  }
};
const Registry& registry() {
  static const Registry r;
  return r;
}
}  // namespace

std::string expressionText(const OpDef& op, std::span<const std::string> operands, Attrs attrs) {
  return op.text(wrapOperands({operands.begin(), operands.end()}, op.delimitsOperands), attrs);
}

const std::vector<const OpDef*>& allOps() { return registry().ptrs; }

const OpDef* findOp(const std::string& name) {
  for (auto* op : allOps())
    if (op->name == name) return op;
  return nullptr;
}

const OpDef* findInfixOp(const std::string& infix) {
  for (auto* op : allOps())
    if (!op->infix.empty() && op->infix == infix) return op;
  return nullptr;
}

}  // namespace bs
