// Answer sheets end to end: parse a sheet against each example graph and check it.
// Bad input must end in a ParseError; checking must never crash.
#include <cstdint>
#include <string_view>

#include "check/answer_reader.h"
#include "check/checker.h"
#include "assets/embedded.h"
#include "lang/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const char* example : {"ex1a", "ex2", "fanout", "xor"}) {
    bs::Graph g = bs::loadGraph(example);
    try {
      bs::AnswerSheet sheet = bs::parseAnswers(text, g);
      bs::checkAnswers(g, sheet);
    } catch (const bs::ParseError&) {
    }
  }
  return 0;
}
