// backstep examples: the built-in example graphs, one name a line.
#include <iostream>

#include "i18n/i18n.h"
#include "assets/embedded.h"
#include "cli/commands.h"

namespace bs::cli {

Run addExamples(CLI::App& app) {
  app.add_subcommand("examples", tr("List the built-in example graphs"));
  return []() {
    for (const auto& n : exampleNames()) std::cout << n << "\n";
    return 0;
  };
}

}  // namespace bs::cli
