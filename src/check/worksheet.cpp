#include "check/worksheet.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <random>
#include <set>
#include <stdexcept>

#include "check/answer_writer.h"
#include "core/stepper.h"
#include "io/atomic_file.h"
#include "lang/printer.h"

namespace bs {

namespace {

constexpr std::string_view kHeader = "# backstep worksheet ", kVariant = ", variant ";
constexpr int kTries = 20000;             // draws per variant before giving up
constexpr double kKinkMargin = 0.1;       // rounding a number this far from a kink keeps its side
constexpr double kNonZero = 0.05;         // a sign error on a number this small hardly shows at 2 decimals

// 1 or 2 decimals, 0.1 to 3 in size, either sign; never whole (so never 0 or ±1:
// multiplied by 1, a misread or swapped operand does not show).
double niceNumber(std::mt19937& rng) {
  for (;;) {
    const bool two = rng() % 2;
    const int k = two ? 10 + int(rng() % 291) : 1 + int(rng() % 30);
    if (k % 10 == 0) continue;  // 2.50 has one decimal, 2.0 none
    const double v = k / (two ? 100.0 : 10.0);
    return rng() % 2 ? -v : v;
  }
}

bool drawn(const Node& n) { return n.kind == NodeKind::Input || n.kind == NodeKind::Param; }

// Why the graph's numbers would make a poor exercise; "" when they are fine.
std::string flaw(const Graph& g) {
  std::vector<double> numbers, consts;  // in size
  for (const Node& n : g.nodes())
    for (Index k = 0; k < n.value.size() && n.isLeaf(); ++k) (drawn(n) ? numbers : consts).push_back(std::fabs(n.value(k)));
  std::sort(numbers.begin(), numbers.end());
  if (std::adjacent_find(numbers.begin(), numbers.end()) != numbers.end()) return "two given numbers are equal in size";
  for (double c : consts)
    if (std::binary_search(numbers.begin(), numbers.end(), c)) return "a given number is the size of a constant";
  Graph copy = g;
  Stepper s(copy);
  s.toEnd();
  for (const Node& n : copy.nodes()) {
    if (n.isLeaf()) continue;
    for (Index k = 0; k < n.value.size(); ++k)
      if (!(std::fabs(n.value(k)) >= kNonZero)) return n.name + " is about 0 or not a number";
    if (n.op->saturated && n.op->arity == 1) {
      // Not even close to saturating: the unit would not saturate at twice its input
      // either (σ stays within 0.09..0.91), so its derivative is not tiny.
      const Tensor twice = 2 * copy.node(n.inputs[0]).value;
      const std::vector<const Tensor*> in{&twice};
      Tensor y;
      n.op->d.forward({in, n.attrs}, y);
      for (Index k = 0; k < y.size(); ++k)
        if (n.op->saturated(y(k), n.attrs)) return n.name + " is close to saturating";
    }
    for (double kink : n.op->kinks)
      for (Index k = 0; k < copy.node(n.inputs[0]).value.size(); ++k)
        if (std::fabs(copy.node(n.inputs[0]).value(k) - kink) < kKinkMargin) return n.name + "'s input is at its kink";
  }
  for (const Node& n : copy.nodes())
    for (Index k = 0; k < n.grad.size(); ++k)
      if (!(std::fabs(n.grad(k)) >= kNonZero)) return "the gradient of " + n.name + " is about 0 or not a number";
  return "";
}

std::string templateText(const Graph& g) {
  std::string out = "# write your number in place of each ? (as many decimals as you like; with decimal commas,\n"
                    "# separate the elements with ';' as in [0,41; 0,53])\n# given:";
  for (const Node& n : g.nodes())
    if (drawn(n)) out += " " + n.name + " = " + printLiteral(n.value) + ";";
  out.back() = '\n';
  for (const auto& [node, q] : workedQuantities(g)) {
    const Shape s = g.node(node).shape;
    out += answerName(g, node, q) + " = " + writeLiteral(s.rows, s.cols, [](Index, Index) { return std::string("?"); }) + "\n";
  }
  return out;
}

std::string keyText(const Graph& g) {
  Graph copy = g;
  Stepper s(copy);
  s.toEnd();
  AnswerSheet key;
  for (const auto& [node, q] : workedQuantities(g)) {
    const Tensor& t = q == Quantity::Value ? copy.node(node).value : copy.node(node).grad;
    for (Index r = 0; r < t.rows(); ++r)
      for (Index c = 0; c < t.cols(); ++c) key.set(g, node, q, r, c, {std::round(t(r, c) * 1e4) / 1e4, 4});
  }
  return formatAnswers(g, key);
}

}  // namespace

std::string worksheetHeaderLine(const WorksheetHeader& h) {
  return std::string(kHeader) + h.graph + std::string(kVariant) + h.variant;
}

std::optional<WorksheetHeader> readWorksheetHeader(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::string_view line = text.substr(0, text.find('\n'));
  if (line.ends_with('\r')) line.remove_suffix(1);
  if (!line.starts_with(kHeader)) return std::nullopt;
  line.remove_prefix(kHeader.size());
  const size_t v = line.rfind(kVariant);
  if (v == std::string_view::npos || v == 0) return std::nullopt;
  const std::string_view graph = line.substr(0, v), variant = line.substr(v + kVariant.size());
  const size_t end = variant.find_first_not_of("0123456789");
  const std::string_view digits = variant.substr(0, end);
  if (digits.empty() || (end != std::string_view::npos && variant[end] != ':')) return std::nullopt;
  return WorksheetHeader{std::string(graph), std::string(digits)};
}

std::string variantName(int k, int n) {
  const std::string s = std::to_string(k);
  const size_t width = std::max<size_t>(2, std::to_string(n).size());
  return std::string(width - std::min(width, s.size()), '0') + s;
}

std::vector<Variant> makeWorksheet(const Graph& g, const std::string& graphName, int variants, unsigned seed) {
  std::mt19937 rng(seed);
  std::set<std::vector<double>> seen;
  std::vector<Variant> out;
  for (int k = 1; k <= variants; ++k) {
    Graph v = g;
    std::string why = "the graph has no input or param to give numbers";
    for (int t = 0; t < kTries && !why.empty(); ++t) {
      std::vector<double> values;
      for (int i = 0; i < v.size(); ++i) {
        if (!drawn(v.node(i))) continue;
        Tensor x = v.node(i).value;
        for (Index e = 0; e < x.size(); ++e) values.push_back(x(e) = niceNumber(rng));
        v.setValue(i, x);
      }
      if (values.empty()) break;
      why = seen.count(values) ? "the same as an earlier variant" : flaw(v);
      if (why.empty()) seen.insert(values);
    }
    if (!why.empty())
      throw std::runtime_error(graphName + ": no nice numbers found for variant " + std::to_string(k) + " in " + std::to_string(kTries) +
                               " draws (the last: " + why + ")");
    const WorksheetHeader h{graphName, variantName(k, variants)};
    const std::string head = worksheetHeaderLine(h);
    out.push_back({h.variant, v, head + "\n" + printGraph(v), head + ": the answer key\n" + keyText(v), head + "\n" + templateText(v)});
  }
  return out;
}

void writeWorksheet(const std::vector<Variant>& variants, const std::string& dir) {
  const std::filesystem::path d(dir);
  for (const Variant& v : variants) {
    io::writeFileAtomically((d / ("sheet-" + v.name + ".bsg")).string(), v.sheet);
    io::writeFileAtomically((d / ("key-" + v.name + ".txt")).string(), v.key);
    io::writeFileAtomically((d / ("answers-" + v.name + ".txt")).string(), v.answers);
  }
}

}  // namespace bs
