// state/history.cpp: live settings, run paths, replaying a snapshot, and the undo/redo stacks.
#include "state/history.h"

#include <algorithm>
#include <utility>

namespace pg {

LiveSettings live_settings(const Params& p) {
  return LiveSettings{p.learning_rate, p.momentum, p.beta1, p.beta2, p.reg_rate, p.batch_size, p.optimizer, p.reg};
}

Params with_live_settings(Params p, const LiveSettings& s) {
  p.learning_rate = s.learning_rate;
  p.momentum = s.momentum;
  p.beta1 = s.beta1;
  p.beta2 = s.beta2;
  p.reg_rate = s.reg_rate;
  p.batch_size = s.batch_size;
  p.optimizer = s.optimizer;
  p.reg = s.reg;
  return p;
}

void note_live_edit(RunPath& path, uint64_t step, const LiveSettings& settings) {
  if (!path.empty() && path.back().settings == settings) return;
  if (!path.empty() && path.back().step == step) {
    path.back().settings = settings;
    if (path.size() >= 2 && path[path.size() - 2].settings == settings) path.pop_back();  // back as it was
    return;
  }
  path.push_back(LiveEdit{step, settings});
}

Session replay_snapshot(const Snapshot& s) {
  const RunPath path = s.path.empty() ? RunPath{{0, live_settings(s.params)}} : s.path;
  Params start = with_live_settings(s.params, path.front().settings);
  start.steps = 0;
  Session session = make_session(start);
  Trainer& t = session.trainer;
  for (size_t i = 1; i < path.size() && path[i].step <= s.params.steps; ++i) {
    t.run(path[i].step - t.steps());
    if (t.steps() != path[i].step) return session;  // diverged on the way: the run stopped there too
    t.set_live_config(resolve(with_live_settings(s.params, path[i].settings)).train);
  }
  if (s.params.steps > t.steps()) t.run(s.params.steps - t.steps());
  return session;
}

void UndoHistory::record(Snapshot before, uint64_t group) {
  redo_.clear();
  if (group != 0 && group == group_ && !undo_.empty()) return;  // the same drag: its first state stays
  group_ = group;
  undo_.push_back(std::move(before));
  while (undo_.size() > capacity_) undo_.pop_front();
}

std::optional<Snapshot> UndoHistory::undo(Snapshot current) {
  group_ = 0;
  if (undo_.empty()) return std::nullopt;
  Snapshot s = std::move(undo_.back());
  undo_.pop_back();
  redo_.push_back(std::move(current));
  return s;
}

std::optional<Snapshot> UndoHistory::redo(Snapshot current) {
  group_ = 0;
  if (redo_.empty()) return std::nullopt;
  Snapshot s = std::move(redo_.back());
  redo_.pop_back();
  undo_.push_back(std::move(current));
  return s;
}

void UndoHistory::clear() {
  undo_.clear();
  redo_.clear();
  group_ = 0;
}

}  // namespace pg
