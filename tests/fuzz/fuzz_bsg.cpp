// The .bsg path end to end: parse, check the round trip, step forward and backward,
// write every step. Bad input must end in a ParseError or a clear runtime error.
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "core/stepper.h"
#include "core/trace.h"
#include "lang/parser.h"
#include "lang/printer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  bs::Graph g;
  try {
    g = bs::parseGraph(text);
  } catch (const bs::ParseError&) {
    return 0;
  }
  // Printing and parsing again must give the same graph.
  if (!bs::sameGraph(g, bs::parseGraph(bs::printGraph(g)))) __builtin_trap();
  try {
    bs::Stepper s(g);
    s.toEnd();
    for (const auto& r : s.records()) bs::traceStep(g, r);
  } catch (const std::domain_error&) {  // e.g. a class index out of range: reported to the user
  }
  return 0;
}
