#include "session/answers_state.h"

#include <sstream>
#include <stdexcept>

#include "check/answer_reader.h"
#include "check/answer_writer.h"
#include "lang/lexer.h"

namespace bs::app {

bool Answers::takes(const Graph& g, int node, Quantity q) {
  if (node < 0 || node >= g.size()) return false;
  return q == Quantity::Value ? !g.node(node).isLeaf() : hasGradient(g, node);
}

std::optional<Verdict> Answers::verdict(const AnswerKey& k) const {
  const ElementCheck* e = report_.element(k.node, k.quantity, k.row, k.col);
  return e ? std::optional<Verdict>(e->verdict) : std::nullopt;
}

std::string Answers::fieldText(const AnswerKey& k) const {
  if (auto it = bad_.find(k); it != bad_.end()) return it->second.text;
  auto n = sheet_.get(k.node, k.quantity, k.row, k.col);
  return n ? writeNumber(*n) : std::string();
}

const std::string* Answers::fieldError(const AnswerKey& k) const {
  auto it = bad_.find(k);
  return it == bad_.end() ? nullptr : &it->second.error;
}

bool Answers::unreadable(int node, Quantity q) const {
  for (const auto& [k, bad] : bad_)
    if (k.node == node && k.quantity == q) return true;
  return false;
}

void Answers::type(const Graph& g, const AnswerKey& k, const std::string& text) {
  if (text.find_first_not_of(" \t") == std::string::npos) {
    bad_.erase(k);
    sheet_.erase(k.node, k.quantity, k.row, k.col);
  } else {
    WrittenNumber n;
    try {
      n = parseWrittenNumber(text);
    } catch (const ParseError& e) {  // keep what was typed, so it can be corrected
      bad_[k] = {text, "column " + std::to_string(e.col) + ": " + e.message};
      return;
    }
    sheet_.set(g, k.node, k.quantity, k.row, k.col, n);
    bad_.erase(k);
  }
  recheck(g);
}

void Answers::replace(const Graph& g, AnswerSheet sheet) {
  sheet_ = std::move(sheet);
  bad_.clear();
  note_.clear();
  recheck(g);
}

void Answers::clear(const Graph& g) { replace(g, AnswerSheet{}); }

void Answers::recheck(const Graph& g) {
  checkError_.clear();
  if (sheet_.empty()) {  // nothing to check: no need to copy and step a big graph
    report_ = CheckReport{};
    return;
  }
  try {
    report_ = checkAnswers(g, sheet_);
  } catch (const std::exception& e) {  // a graph too large to check by hand
    report_ = CheckReport{};
    checkError_ = e.what();
  }
}

void Answers::carryOver(const Graph* from, const Graph& to) {
  bad_.clear();  // typed text that could not be read belongs to the old fields
  note_.clear();
  AnswerSheet carried;
  int dropped = 0;
  std::string firstDropped;
  if (from && !sheet_.empty()) {
    // Line by line, so that one answer that no longer fits drops only itself.
    std::istringstream lines(formatAnswers(*from, sheet_));
    for (std::string line; std::getline(lines, line);) {
      if (line.empty() || line[0] == '#') continue;
      try {
        const AnswerSheet one = parseAnswers(line, to);
        for (const Answer& a : one.answers())
          for (Index r = 0; r < a.value.rows(); ++r)
            for (Index c = 0; c < a.value.cols(); ++c)
              if (a.written(r, c)) carried.set(to, a.node, a.quantity, r, c, {a.value(r, c), a.decimals(r, c)});
      } catch (const std::exception&) {
        if (dropped++ == 0) firstDropped = line.substr(0, line.find(" ="));
      }
    }
  }
  if (dropped > 0)
    note_ = std::to_string(dropped) + (dropped == 1 ? " answer" : " answers") + " did not fit the new graph and " +
            (dropped == 1 ? "was" : "were") + " dropped (" + firstDropped + (dropped > 1 ? ", ..." : "") + ")";
  sheet_ = std::move(carried);
  recheck(to);
}

}  // namespace bs::app
