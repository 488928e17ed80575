// backstep explain [OP]: an op's derivation, the index-notation argument a student writes
// for its backward step; with no OP, the list of ops.
#include <iostream>

#include "i18n/i18n.h"
#include "cli/commands.h"
#include "core/op.h"

namespace bs::cli {

Run addExplain(CLI::App& app) {
  auto op = std::make_shared<std::string>();
  auto* sub = app.add_subcommand("explain", tr("Show how an op's backward step is derived, in index notation"));
  sub->add_option("op", *op, tr("An op name, as written in .bsg files (matmul, sigmoid, softmax_ce...), or its infix operator (@, +)"));
  return [op]() {
    if (op->empty()) {
      for (const OpDef* d : allOps())
        std::cout << d->name << (d->infix.empty() ? "" : "  (" + d->infix + ")") << "\n  " << tr(d->formula) << "\n";
      return 0;
    }
    const OpDef* d = findOp(*op);
    if (!d) d = findInfixOp(*op);
    if (!d) {
      std::string names;
      for (const OpDef* o : allOps()) names += (names.empty() ? "" : ", ") + o->name;
      return fail(fmt(tr("unknown op '{}'; known ops: {}"), *op, names));
    }
    std::cout << d->name << (d->infix.empty() ? "" : " (" + d->infix + ")") << ": " << tr(d->formula) << "\n\n" << tr(d->derivation) << "\n";
    return 0;
  };
}

}  // namespace bs::cli
