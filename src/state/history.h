// state/history.h: undo and redo. A Snapshot is what the user sees as "the state": the settings (Params,
// whose `steps` is the step the run was at) and the live edits made during that run, so a trained run that a
// change reset can be rebuilt bit for bit by replaying its steps. The engine is deterministic (same Params,
// same calls in the same order, same numbers), so replaying from step 0 with the same live edits applied at
// the same steps gives the same weights, optimizer state and shuffle position as the run had. Pure; std and
// core/state only (no UI): the app records snapshots and restores them (ui/app.cpp).
#pragma once

#include "core/train.h"
#include "state/params.h"
#include "state/resolve.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

namespace pg {

// The settings a running trainer takes without a new network (Trainer::set_live_config): learning rate,
// optimizer and its constants, batch, regularization. Every other field of Params needs a new run.
struct LiveSettings {
  float learning_rate = 0, momentum = 0, beta1 = 0, beta2 = 0, reg_rate = 0;
  int batch_size = 0;
  Optimizer optimizer = Optimizer::Sgd;
  Reg reg = Reg::None;
  bool operator==(const LiveSettings&) const = default;
};
// Takes Params; returns its live settings.
LiveSettings live_settings(const Params& p);
// Takes Params and live settings; returns the Params with those live settings.
Params with_live_settings(Params p, const LiveSettings& s);

// From `step` on, training ran with `settings`. A run's path starts with {0, the settings it began with}.
struct LiveEdit {
  uint64_t step = 0;
  LiveSettings settings;
  bool operator==(const LiveEdit&) const = default;
};
using RunPath = std::vector<LiveEdit>;

// Takes a path, the step at which the live settings changed and the new settings; appends the edit (or
// replaces the last one when it took effect at the same step, or drops it when nothing changed).
void note_live_edit(RunPath& path, uint64_t step, const LiveSettings& settings);

struct Snapshot {
  Params params;  // the settings shown; params.steps is the step the run was at
  RunPath path;   // the live settings in force since step 0 (empty: params' own, throughout)
  bool operator==(const Snapshot&) const = default;
};

// Takes a snapshot; returns a session trained to snapshot.params.steps along its path: bit for bit the run the
// snapshot was taken of. (The page does the same in slices per frame; see ui/app.cpp.)
Session replay_snapshot(const Snapshot& s);

// Undo and redo stacks of snapshots, bounded (the oldest undo entries go first). record() takes the state a
// change is about to leave. `group` coalesces a continuous edit (a slider drag: the widget's id) into one
// entry: records with the same nonzero group as the previous record add nothing, until end_group().
class UndoHistory {
 public:
  explicit UndoHistory(size_t capacity = 100) : capacity_(capacity) {}
  // Takes the state before a change and the edit's group (0: none); clears the redo stack.
  void record(Snapshot before, uint64_t group = 0);
  // Ends a continuous edit: the next record is a new entry whatever its group.
  void end_group() { group_ = 0; }
  // Takes the current state; returns the state to restore (the last recorded), or nullopt when there is none.
  // `current` goes onto the redo stack.
  std::optional<Snapshot> undo(Snapshot current);
  // Takes the current state; returns the state undo left (nullopt when there is none); `current` goes back
  // onto the undo stack.
  std::optional<Snapshot> redo(Snapshot current);
  size_t undo_count() const { return undo_.size(); }
  size_t redo_count() const { return redo_.size(); }
  void clear();

 private:
  std::deque<Snapshot> undo_, redo_;
  size_t capacity_;
  uint64_t group_ = 0;
};

}  // namespace pg
