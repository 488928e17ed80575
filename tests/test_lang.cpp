// The .bsg format: round trips, and located errors for malformed files.
#include "testing.h"

#include <random>

#include "assets/embedded.h"
#include "lang/parser.h"
#include "lang/printer.h"

using namespace bs;

TEST_CASE("every built-in example round-trips through the printer") {
  REQUIRE(exampleNames().size() >= 7);
  for (const auto& name : exampleNames()) {
    CAPTURE(name);
    Graph g = loadGraph(name);
    std::string printed = printGraph(g);
    Graph again = parseGraph(printed);
    CHECK(sameGraph(g, again));
    CHECK(printGraph(again) == printed);
  }
}

TEST_CASE("nested expressions, numbers, comments and separators") {
  Graph g = parseGraph(
      "# a comment\n"
      "input x = [1, 2]; param w = [[0.5, -1]]   # two statements\n"
      "\n"
      "y = sigmoid(w @ x * 2 + 1) - -3\n"
      "L = sum((y - 0.5)^2)\n"
      "output L\n");
  // The last node of each statement carries its name; the rest are numbered.
  CHECK(g.find("y"));
  CHECK(g.find("L"));
  CHECK(g.node(*g.find("y")).op->name == "sub");
  CHECK(g.node(*g.find("L")).op->name == "sum");
  Graph again = parseGraph(printGraph(g));
  CHECK(sameGraph(g, again));
  // Precedence: w @ x * 2 + 1 = ((w @ x) * 2) + 1; -(-3) folds into the constant 3... as a number.
  int y = *g.find("y");
  const Node& sub = g.node(y);
  CHECK(g.node(sub.inputs[1]).kind == NodeKind::Const);
  CHECK(g.node(sub.inputs[1]).value(0, 0) == -3.0);
  CHECK(g.node(g.node(sub.inputs[0]).inputs[0]).op->name == "add");
}

TEST_CASE("op parameters and literals") {
  Graph g = parseGraph("input s = 0.69\nf = leaky_relu(s, 0.1)\ng = elu(s)\nL = f + g\noutput L\n");
  CHECK(g.node(*g.find("f")).attrs == std::vector<double>{0.1});
  CHECK(g.node(*g.find("g")).attrs == std::vector<double>{1.0});  // default alpha
  Graph m = parseGraph("param W = [[1, 2, 3]]\ninput v = [4, 5, 6]\nL = W @ v\noutput L\n");
  CHECK(m.node(0).shape == Shape{1, 3});
  CHECK(m.node(1).shape == Shape{3, 1});
}

namespace {
struct Bad {
  const char* text;
  int line, col;
  const char* message;  // a part of the message
};
}  // namespace

TEST_CASE("malformed files give a located error") {
  const Bad cases[] = {
      {"input x = 1\ny = foo(x)\noutput y\n", 2, 5, "unknown op 'foo'"},
      {"input x = 1\ny = x + q\noutput y\n", 2, 9, "unknown name 'q'"},
      {"input x = [1, , 2]\n", 1, 15, "expected a number, found ','"},
      {"param W = [[1, 2], [3]]\n", 1, 20, "row 2 has 1 numbers but row 1 has 2"},
      {"param W = [[-4, -0.2, 2], [-1, -0.5, -0.3]]\ninput x = [1, 2, 3, 4]\ny = W @ x\noutput y\n", 3, 7,
       "`@` needs the columns of W (2x3) to equal the rows of x (4x1)"},
      {"input x = 1\na = a + x\noutput a\n", 2, 5, "used in its own definition"},
      {"input x = 1\na = b + x\nb = a * 2\noutput b\n", 2, 5, "used before it is defined (at line 3)"},
      {"input x = 1\ninput x = 2\n", 2, 7, "'x' is already defined at line 1"},
      {"", 1, 1, "the file is empty"},
      {"# only a comment\n\n", 1, 1, "the file is empty"},
      {"input x = 1\ny = x * 2\n", 3, 1, "no output declared"},
      {"\x01\x02\xff\xfe", 1, 1, "unexpected byte 0x01"},
      {"input x = [1, 2]\ny = x * 2\noutput y\n", 3, 8, "must be a scalar"},
      {"input x = 1\ny = sigmoid(x, 2)\noutput y\n", 2, 5, "sigmoid takes 1 input(s)"},
      {"input x = 1\ny = leaky_relu(x, x)\noutput y\n", 2, 19, "slope must be a number"},
      {"input x 3\n", 1, 9, "expected '=' after the name x"},
      {"input x = 1\ny = (x + 1\noutput y\n", 2, 11, "expected ')'"},
      {"input x = 1e999\n", 1, 11, "out of range"},
      {"input x = 1\nsigmoid = x + 1\n", 2, 1, "reserved word"},
      {"input x = 1\ny = x + 1 2\noutput y\n", 2, 11, "expected the end of the statement"},
      {"input x = 1\ny = x * 2\noutput z\n", 3, 8, "unknown name 'z'"},
      {"input x = 1\ny = x\noutput y\n", 2, 1, "must compute something"},
      {"input x = 1\ny = x * 2\noutput y\noutput x\n", 4, 1, "already declared"},
      {"input x = []\n", 1, 12, "empty brackets"},
      {"input x = 1\ny = x $ 2\n", 2, 7, "unexpected character '$'"},
      {"input v = [1, 2]\ninput w = [1, 2, 3]\ny = v + w\noutput y\n", 3, 7, "v (2x1) and w (3x1) differ"},
  };
  for (const Bad& b : cases) {
    const std::string text = b.text;
    CAPTURE(text);
    try {
      parseGraph(b.text);
      FAIL("parsed without an error");
    } catch (const ParseError& e) {
      INFO("got " << std::string(e.what()));
      CHECK(e.line == b.line);
      CHECK(e.col == b.col);
      CHECK(std::string(e.message).find(b.message) != std::string::npos);
    }
  }
}

TEST_CASE("loadGraph prefixes errors with the file name") {
  CHECK_THROWS_WITH(loadGraph("/no/such/file.bsg"), doctest::Contains("/no/such/file.bsg: cannot open the file"));
}

TEST_CASE("mangled examples give parse errors, never crashes") {
  // Deleting, duplicating or replacing characters of real files: every outcome is a
  // graph or a ParseError.
  std::mt19937 rng(1);
  const std::string alphabet = "[](),;=+-*/^@#.0123456789 \nxyzW_e";
  int parsed = 0, errors = 0;
  for (const auto& name : exampleNames()) {
    const std::string src(*exampleSource(name));
    for (int trial = 0; trial < 300; ++trial) {
      std::string s = src;
      for (int k = 0; k < 3; ++k) {
        size_t at = std::uniform_int_distribution<size_t>(0, s.size() - 1)(rng);
        switch (rng() % 3) {
          case 0: s.erase(at, 1); break;
          case 1: s.insert(at, 1, s[at]); break;
          default: s[at] = alphabet[rng() % alphabet.size()];
        }
      }
      try {
        parseGraph(s);
        ++parsed;
      } catch (const ParseError& e) {
        CHECK(e.line >= 1);
        CHECK(e.col >= 1);
        ++errors;
      }
    }
  }
  CHECK(errors > 0);
  MESSAGE("mangled files: " << parsed << " parsed, " << errors << " errors");
}

TEST_CASE("huge or hostile inputs are refused with a message") {
  auto errorOf = [](const std::string& text) -> std::string {
    try {
      parseGraph(text);
    } catch (const ParseError& e) {
      return e.message;
    }
    return "no error";
  };
  CHECK(errorOf("input x = 1\ny = " + std::string(100000, '(') + "x" + std::string(100000, ')') + "\noutput y\n")
            .find("nested more than 200 levels") != std::string::npos);
  CHECK(errorOf("input x = 1\ny = " + std::string(100000, '-') + "x\noutput y\n").find("nested more than") != std::string::npos);

  std::string big = "input x = [0";
  for (int i = 0; i < 1000001; ++i) big += ",0";
  CHECK(errorOf(big + "]\n").find("more than 1000000 numbers") != std::string::npos);

  std::string many = "input x = 1\n";
  for (int i = 0; i < 100001; ++i) many += "y" + std::to_string(i) + " = x * 2\n";
  CHECK(errorOf(many).find("more than 100000 nodes") != std::string::npos);

  std::string col = "input a = [0", row = "input b = [[0";
  for (int i = 1; i < 20000; ++i) col += ",1", row += ",1";
  CHECK(errorOf(col + "]\n" + row + "]]\nc = a + b\n").find("the result would be 20000x20000") != std::string::npos);

  CHECK_THROWS_WITH(loadGraph("/tmp"), doctest::Contains("/tmp: is a directory"));
}

TEST_CASE("a UTF-8 byte-order mark at the start of a graph file is skipped, as in answer sheets") {
  const Graph g = parseGraph("\xEF\xBB\xBFinput x = 1\nf = x * 2\noutput f\n");
  CHECK(g.node(0).name == "x");
  CHECK(sameGraph(g, parseGraph("input x = 1\nf = x * 2\noutput f\n")));
}
