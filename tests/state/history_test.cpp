// tests/state/history_test.cpp: undo/redo stacks (order, redo cleared by a new change, coalesced drags,
// bounded size) and replaying a snapshot: a run with live edits half way is rebuilt bit for bit.
#include "state/history.h"
#include "state/url_codec.h"

#include <gtest/gtest.h>

namespace pg {
namespace {

Snapshot at(float lr, uint64_t step) {
  Snapshot s;
  s.params.learning_rate = lr;
  s.params.steps = step;
  return s;
}

TEST(history, undo_and_redo_walk_the_snapshots_in_order) {
  UndoHistory h;
  EXPECT_FALSE(h.undo(at(1, 0)).has_value());
  h.record(at(0.1f, 0));
  h.record(at(0.2f, 5));
  auto s = h.undo(at(0.3f, 9));
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, at(0.2f, 5));
  s = h.undo(*s);
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, at(0.1f, 0));
  EXPECT_FALSE(h.undo(*s).has_value());
  s = h.redo(at(0.1f, 0));
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, at(0.2f, 5));
  s = h.redo(*s);
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, at(0.3f, 9));
  EXPECT_FALSE(h.redo(*s).has_value());
  EXPECT_EQ(h.undo_count(), 2u);
}

TEST(history, a_new_change_clears_redo) {
  UndoHistory h;
  h.record(at(0.1f, 0));
  ASSERT_TRUE(h.undo(at(0.2f, 0)));
  EXPECT_EQ(h.redo_count(), 1u);
  h.record(at(0.1f, 0));
  EXPECT_EQ(h.redo_count(), 0u);
}

TEST(history, a_drag_is_one_entry) {
  UndoHistory h;
  h.record(at(0.1f, 0), 42);
  h.record(at(0.11f, 0), 42);
  h.record(at(0.12f, 0), 42);
  EXPECT_EQ(h.undo_count(), 1u);
  h.end_group();
  h.record(at(0.13f, 0), 42);  // the same slider dragged again: a new entry
  EXPECT_EQ(h.undo_count(), 2u);
  auto s = h.undo(at(0.2f, 0));
  s = h.undo(*s);
  EXPECT_EQ(*s, at(0.1f, 0));
}

TEST(history, bounded) {
  UndoHistory h(3);
  for (int i = 0; i < 10; ++i) h.record(at(float(i), 0));
  EXPECT_EQ(h.undo_count(), 3u);
  EXPECT_EQ(h.undo(at(99, 0))->params.learning_rate, 9.0f);
}

TEST(history, note_live_edit_keeps_one_entry_per_step) {
  RunPath path{{0, live_settings(Params{})}};
  Params p;
  p.learning_rate = 0.1f;
  note_live_edit(path, 0, live_settings(p));  // before any step: the run starts with it
  ASSERT_EQ(path.size(), 1u);
  EXPECT_EQ(path[0].settings.learning_rate, 0.1f);
  p.learning_rate = 0.3f;
  note_live_edit(path, 40, live_settings(p));
  note_live_edit(path, 40, live_settings(p));  // unchanged: nothing
  ASSERT_EQ(path.size(), 2u);
  p.learning_rate = 0.1f;
  note_live_edit(path, 40, live_settings(p));  // back at the same step: as if never changed
  EXPECT_EQ(path.size(), 1u);
}

bool same_weights(const Network& a, const Network& b) {
  for (size_t l = 0; l < a.W.size(); ++l)
    if (!(a.W[l].array() == b.W[l].array()).all() || !(a.b[l].array() == b.b[l].array()).all()) return false;
  return a.W.size() == b.W.size();
}

// A run trained live (lr changed at step 70, adam and batch at step 130), then rebuilt from its snapshot.
TEST(history, replaying_a_snapshot_rebuilds_the_run_bit_for_bit) {
  Params p = decode_params("data=xor&layers=5,3&lr=0.03&batch=10&dseed=3&iseed=9").params;
  Session live = make_session(p);
  RunPath path{{0, live_settings(p)}};
  live.trainer.run(70);
  p.learning_rate = 0.3f;
  note_live_edit(path, 70, live_settings(p));
  live.trainer.set_live_config(resolve(p).train);
  live.trainer.run(60);
  p.optimizer = Optimizer::Adam;
  p.batch_size = 7;
  note_live_edit(path, 130, live_settings(p));
  live.trainer.set_live_config(resolve(p).train);
  live.trainer.run(45);
  p.steps = live.trainer.steps();
  ASSERT_EQ(p.steps, 175u);

  const Session again = replay_snapshot(Snapshot{p, path});
  EXPECT_EQ(again.trainer.steps(), 175u);
  EXPECT_EQ(again.trainer.epoch(), live.trainer.epoch());
  EXPECT_TRUE(same_weights(again.trainer.network(), live.trainer.network()));
  EXPECT_EQ(again.trainer.evaluate().train_loss, live.trainer.evaluate().train_loss);
  // The next steps agree too: optimizer state and shuffle position came back as well.
  Session a = replay_snapshot(Snapshot{p, path});
  a.trainer.run(33);
  live.trainer.run(33);
  EXPECT_TRUE(same_weights(a.trainer.network(), live.trainer.network()));

  // Without its path, the last settings from step 0 are a different run (why the path is kept).
  const Session flat = replay_snapshot(Snapshot{p, {}});
  EXPECT_FALSE(same_weights(flat.trainer.network(), again.trainer.network()));
}

}  // namespace
}  // namespace pg
