// The Stepper turns a graph into a schedule, one step per node forward and one step
// per gradient contribution backward, and moves a cursor through it. Each step done
// leaves a record of the numbers it produced.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/graph.h"

namespace bs {

enum class Phase { Forward, Backward };

struct Step {
  Phase phase = Phase::Forward;
  int node = -1;        // forward: the node computed; backward: the node whose gradient is passed on
  int target = -1;      // backward: the node receiving the contribution (the output itself for the seed)
  int inputIndex = -1;  // backward: which input of `node` the target is; -1 for the seed dL/dL = 1
  int contribution = 1, contributions = 1;  // this is contribution k of n to the target's gradient
  bool isSeed() const { return phase == Phase::Backward && inputIndex < 0; }
};

struct StepRecord {
  Step step;
  Tensor result;      // forward: the node's value; backward: this contribution to dL/d(target)
  Tensor gradBefore;  // backward: dL/d(target) before this contribution (empty for the first)
  Tensor gradAfter;   // backward: dL/d(target) after it
};

// A step an op could not compute (a class index out of range, a domain error): where
// the cursor stopped and why.
struct StepFailure {
  int step = -1;  // the schedule index that failed
  int node = -1;  // the op node whose kernel threw
  SourceLoc loc;  // that node's place in its source file
  std::string message;  // "step 3 (L): class index 7 is not one of 0..2"
};

class Stepper {
 public:
  // The graph must outlive the stepper; stepping writes node values and gradients.
  explicit Stepper(Graph& g);

  const std::vector<Step>& schedule() const { return schedule_; }
  int size() const { return int(schedule_.size()); }
  int cursor() const { return cursor_; }      // number of steps done
  int forwardCount() const { return forwardCount_; }
  bool atStart() const { return cursor_ == 0; }
  bool atEnd() const { return cursor_ == size(); }

  // No-op at the end or after a failure; an op's error stops the cursor before the
  // step and sets failure() (cleared by any move back or refresh).
  void stepForward();
  void stepBack();       // no-op at the start
  void toEnd() { goTo(size()); }
  void reset() { goTo(0); }
  void goTo(int k);      // clamps k to [0, size()]; recomputes from the start
  void refresh() { goTo(cursor_); }  // after a leaf value changed

  const StepRecord& record(int k) const { return records_.at(size_t(k)); }  // k < cursor()
  const std::vector<StepRecord>& records() const { return records_; }

  bool valueKnown(int node) const;
  int contributionsDone(int node) const { return done_.at(size_t(node)); }
  int contributionsTotal(int node) const { return total_.at(size_t(node)); }
  bool gradKnown(int node) const { return total_.at(size_t(node)) > 0 && done_[size_t(node)] == total_[size_t(node)]; }

  const std::optional<StepFailure>& failure() const { return failure_; }

  Graph& graph() { return g_; }
  const Graph& graph() const { return g_; }

 private:
  void apply(const Step& s);

  Graph& g_;
  std::vector<Step> schedule_;
  std::vector<int> forwardStepOf_;  // node -> its forward step, -1 for leaves
  std::vector<int> total_, done_;
  std::vector<StepRecord> records_;
  int forwardCount_ = 0;
  int cursor_ = 0;
  std::optional<StepFailure> failure_;
};

}  // namespace bs
