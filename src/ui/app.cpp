// ui/app.cpp: the application state's behaviour: applying links, rebuilding the session, stepping, metrics,
// and the JSON the JS API reads. The per-frame UI is in app_frame (ui/frame.cpp). No ImGui here.
#include "ui/app.h"
#include "ui/i18n.h"
#include "content/lessons.h"
#include "ui/learn_views.h"

#include "state/url_codec.h"
#include "ui/panels.h"
#include "ui/strings.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace pg {

using nlohmann::json;

void LossHistory::add(const Row& r) {
  if (!rows.empty() && r.step < rows.back().step) clear();
  if (!rows.empty() && r.step == rows.back().step) {  // the same step evaluated again (new weights, new penalty)
    rows.back() = r;
    return;
  }
  if (!rows.empty() && r.step - rows.back().step < stride && r.step != 0) return;
  if (rows.size() >= kMaxRows) {  // thin: keep every other point, halve the resolution from now on
    size_t j = 0;
    for (size_t i = 0; i < rows.size(); i += 2) rows[j++] = rows[i];
    rows.resize(j);
    stride *= 2;
  }
  rows.push_back(r);
}

namespace {

float finite_or_zero(double v) { return std::isfinite(v) ? static_cast<float>(v) : 0.0f; }
// A value of the loss curve: NaN (drawn as a gap) for an empty set, where there is no value at all.
float curve_value(double v, Index count) { return count == 0 ? std::nanf("") : finite_or_zero(v); }

// Evaluates the whole data set (train and test loss, accuracy) for the status. While training runs frame after
// frame (`live`), a costly evaluation (a big network on many points) waits at least 4x its own cost since the
// last one, so the page keeps drawing; explicit steps always evaluate. The loss chart's rows are recorded by
// record_row, at fixed steps.
void refresh_metrics(AppState& app, bool live = false) {
  if (!app.session) return;
  const auto t0 = std::chrono::steady_clock::now();
  const double now = std::chrono::duration<double>(t0.time_since_epoch()).count();
  ++app.boundary_version;  // the weights moved: the views follow (at their own pace)
  if (live && now - app.evaluated_at < 4 * app.evaluate_seconds) return;
  const Trainer& t = app.session->trainer;
  app.metrics = t.evaluate();
  app.metrics_step = t.steps();
  app.evaluated_at = now;
  app.evaluate_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

LossHistory::Row row_of(const Metrics& m, uint64_t step) {
  return {step, curve_value(m.train_loss, m.train_count), curve_value(m.test_loss, m.test_count),
          curve_value(m.train_accuracy, m.train_count), curve_value(m.test_accuracy, m.test_count),
          finite_or_zero(m.penalty)};
}

// Evaluates the current weights and records the loss chart's row for this step (always: the rows are the
// chart, and a replay must record the same ones).
void record_row(AppState& app) {
  const auto t0 = std::chrono::steady_clock::now();
  const Trainer& t = app.session->trainer;
  app.metrics = t.evaluate();
  app.metrics_step = t.steps();
  app.history.add(row_of(app.metrics, t.steps()));
  learn_record(app);  // θ and the gradient norms at the same steps (the landscape's trajectory, the norms view)
  app.evaluated_at = std::chrono::duration<double>(t0.time_since_epoch()).count();
  app.evaluate_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ++app.boundary_version;
}

// The chart's first stride: a power of two near (points / 32), so that evaluating the whole set at each row
// costs about as much as the steps between rows. It depends only on the data set, so a link's replay
// records at the same steps as the run it came from.
uint64_t chart_stride(const Trainer& t) {
  const uint64_t points = uint64_t(t.data().X_train.cols() + t.data().X_test.cols());
  uint64_t s = 1;
  while (s * 32 < points) s *= 2;
  return s;
}

// The trainer takes live settings: the constants at once, and the penalty of the current weights (the one
// metric that depends on them) in the status and in this step's chart row.
void take_live(AppState& app, const LiveSettings& live) {
  Trainer& t = app.session->trainer;
  const TrainConfig before = t.config();
  t.set_live_config(resolve(with_live_settings(app.params, live)).train);
  if (t.config().reg != before.reg || t.config().reg_rate != before.reg_rate) {
    app.metrics.penalty = reg_penalty(t.network(), t.config().reg, t.config().reg_rate);
    if (!app.history.rows.empty() && app.history.rows.back().step == t.steps())
      app.history.rows.back().penalty = finite_or_zero(app.metrics.penalty);
  }
}

// Live edits of the run path that are due at the trainer's step (a replay applies them where the run did).
void apply_due_edits(AppState& app) {
  const Trainer& t = app.session->trainer;
  while (app.path_applied < app.run_path.size() && app.run_path[app.path_applied].step <= t.steps())
    take_live(app, app.run_path[app.path_applied++].settings);
}

// Runs up to n steps, stopping at each chart row to record it and at each due live edit to apply it.
// Returns the steps run (fewer when training stopped).
uint64_t advance(AppState& app, uint64_t n) {
  Trainer& t = app.session->trainer;
  uint64_t done = 0;
  while (done < n && t.status() == TrainStatus::Running) {
    apply_due_edits(app);
    uint64_t want = std::min(n - done, app.history.next_record(t.steps()) - t.steps());
    if (app.path_applied < app.run_path.size()) want = std::min(want, app.run_path[app.path_applied].step - t.steps());
    const uint64_t got = t.run(want);
    done += got;
    if (got < want) break;
    if (t.steps() % app.history.stride == 0) record_row(app);
  }
  apply_due_edits(app);
  return done;
}

json jnum(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

// A metric as the status shows it: n/a for an empty set, "overflow" for a non-finite value.
std::string metric_text(double v, Index count, const char* spec = "%.4g") {
  if (count == 0) return std::string(tr(text::kNotAvailable.data()));
  if (!std::isfinite(v)) return "overflow";
  char buf[48];
  std::snprintf(buf, sizeof buf, spec, v);
  return buf;
}

}  // namespace

void app_refresh_metrics(AppState& app) {
  refresh_metrics(app);
  if (app.session && !app.history.rows.empty() && app.history.rows.back().step == app.metrics_step)
    app.history.rows.back() = row_of(app.metrics, app.metrics_step);  // e.g. weights just loaded at this step
}

bool app_has_training_points(const AppState& app) {
  return app.session && app.session->trainer.data().X_train.cols() > 0;
}

void app_set_live_params(AppState& app, const Params& p) {
  if (app_replaying(app)) app_stop_replay(app);  // the settings shown apply from the step reached
  const uint64_t steps = app.params.steps;
  app.params = p;
  app.params.steps = steps;
  app.run = resolve(app.params);
  app.url_dirty = true;
  if (!app.session) return;
  note_live_edit(app.run_path, app.session->trainer.steps(), live_settings(app.params));
  app.path_applied = app.run_path.size();
  take_live(app, live_settings(app.params));
}

std::string app_loss_quantity(const AppState& app) {
  const bool regularized = app.session && app.session->trainer.config().reg != Reg::None;
  return std::string(tr(regularized ? text::kDataLoss.data() : text::kLoss.data()));
}

std::vector<std::string> app_status_lines(const AppState& app) {
  std::vector<std::string> lines;
  if (!app.session) return lines;
  const Trainer& t = app.session->trainer;
  const Metrics& m = app.metrics;
  char buf[160];
  lines.push_back(std::string(tr(text::kRunsPrefix.data())) + tr_message(run_summary(app.run)));
  std::snprintf(buf, sizeof buf, tr("epoch %llu   step %llu   %s samples/s"), (unsigned long long)t.epoch(),
                (unsigned long long)t.steps(), metric_text(app.samples_per_second, 1, "%.3g").c_str());
  lines.push_back(buf);
  const std::string train = metric_text(m.train_loss, m.train_count), test = metric_text(m.test_loss, m.test_count);
  lines.push_back(app_loss_quantity(app) + tr(": train ") + train + tr("   test ") + test);
  if (t.config().reg != Reg::None) {  // the split: data loss (above, and in the chart), penalty, objective
    lines.push_back(trf("penalty (%s, lambda %.4g): ", std::string(reg_name(t.config().reg)).c_str(), double(t.config().reg_rate)) +
                    metric_text(m.penalty, 1));
    lines.push_back(tr("objective = train + penalty: ") + metric_text(m.train_loss + m.penalty, m.train_count));
  }
  if (m.has_accuracy)
    lines.push_back(std::string(tr("accuracy: train ")) + metric_text(100 * m.train_accuracy, m.train_count, "%.1f%%") + tr("   test ") +
                    metric_text(100 * m.test_accuracy, m.test_count, "%.1f%%"));
  if (m.train_count == 0) lines.emplace_back(tr(text::kNoTrainingPoints.data()));
  else if (m.test_count == 0) lines.emplace_back(tr(text::kNoTestPoints.data()));
  return lines;
}

// Replays up to this much work (multiply-adds, about 20 ms in the page) at once; longer replays run in slices.
constexpr double kSyncReplayWork = 5e7;

namespace {

// Starts the run app.params describe along `path` (its live settings from step 0 on) and trains it to
// `target`: at once when that is quick, else a slice per frame (app_continue_replay).
void start_run(AppState& app, RunPath path, uint64_t target) {
  if (path.empty()) path = {{0, live_settings(app.params)}};
  app.io.notice.clear();  // Open's notice spoke about the state before (Open sets it again after rebuilding)
  Params first = with_live_settings(app.params, path.front().settings);
  first.steps = 0;
  app.io.opening.reset();  // a model still replaying its link: a new state supersedes it
  app.session.emplace(make_session(first));
  app.run = resolve(app.params);
  app.run_path = std::move(path);
  app.path_applied = 1;
  app.replay_to = 0;
  const Trainer& t = app.session->trainer;
  app.history.clear(chart_stride(t));
  learn_clear(app);
  record_row(app);
  const double work = double(target) * t.batch_size() * double(t.network().param_count()) * 3;
  if (work <= kSyncReplayWork) {
    if (target > 0) app_step(app, target);
  } else {
    app.replay_to = target;
    app.playing = false;
  }
  app.url_dirty = true;
}

}  // namespace

void app_rebuild(AppState& app) { start_run(app, {}, app.params.steps); }

Snapshot app_snapshot(const AppState& app) {
  Snapshot s{app.params, app.run_path};
  s.params.steps = app.session ? std::max(app.session->trainer.steps(), app.replay_to) : 0;
  return s;
}

void app_record(AppState& app, uint64_t group) {
  if (app.session) app.undo.record(app_snapshot(app), group);
}

void app_restore(AppState& app, const Snapshot& s) {
  Params p = s.params;
  const Params& now = app.params;  // undo is about settings, points and the run: the view stays
  p.view_inspector = now.view_inspector, p.view_tab = now.view_tab, p.view_layer = now.view_layer;
  p.view_matrix = now.view_matrix, p.view_op = now.view_op, p.view_sample = now.view_sample;
  p.view_symlog = now.view_symlog, p.view_live = now.view_live, p.show_test = now.show_test, p.loss_log = now.loss_log;
  p.hidden_controls = now.hidden_controls, p.embed_views = now.embed_views;
  app.playing = false;
  const Snapshot current = app_snapshot(app);
  // The same run up to this step (only live settings changed at this very step): no replay needed.
  auto before_now = [&](const RunPath& path) {
    RunPath out;
    for (const LiveEdit& e : path)
      if (e.step < p.steps) out.push_back(e);
    return out;
  };
  if (app.session && !app_replaying(app) && current.params.steps == p.steps && !needs_rebuild(current.params, p) &&
      before_now(current.path) == before_now(s.path)) {
    app.params = p;
    app.run = resolve(p);
    app.run_path = s.path.empty() ? RunPath{{0, live_settings(p)}} : s.path;
    app.path_applied = app.run_path.size();
    take_live(app, live_settings(p));
    app.url_dirty = true;
    return;
  }
  app.params = p;
  start_run(app, s.path, p.steps);
}

bool app_undo(AppState& app) {
  std::optional<Snapshot> s = app.undo.undo(app_snapshot(app));
  if (s) app_restore(app, *s);
  return s.has_value();
}

bool app_redo(AppState& app) {
  std::optional<Snapshot> s = app.undo.redo(app_snapshot(app));
  if (s) app_restore(app, *s);
  return s.has_value();
}

void app_stop_replay(AppState& app) {
  if (!app.session) return;
  const uint64_t now = app.session->trainer.steps();
  app.replay_to = 0;
  app.params.steps = now;
  app.run_path.resize(std::min(app.run_path.size(), app.path_applied));  // edits not reached never happened
  note_live_edit(app.run_path, now, live_settings(app.params));
  app.path_applied = app.run_path.size();
  take_live(app, live_settings(app.params));
  app.url_dirty = true;
  if (app.io.opening) app_model_replayed(app);  // short of its step: says so, keeps the replayed weights
}

std::vector<LossHistory::Row> app_chart_rows(const AppState& app) {
  std::vector<LossHistory::Row> rows = app.history.rows;
  if (app.session && (rows.empty() || app.metrics_step > rows.back().step)) rows.push_back(row_of(app.metrics, app.metrics_step));
  return rows;
}

std::string app_loss_history_json(const AppState& app) {
  json out = json::array();
  for (const LossHistory::Row& r : app_chart_rows(app))
    out.push_back({{"step", r.step}, {"train_loss", jnum(r.train_loss)}, {"test_loss", jnum(r.test_loss)},
                   {"train_accuracy", jnum(r.train_acc)}, {"test_accuracy", jnum(r.test_acc)}, {"penalty", jnum(r.penalty)}});
  return out.dump();
}

bool app_replaying(const AppState& app) {
  return app.session && app.replay_to > app.session->trainer.steps() &&
         app.session->trainer.status() == TrainStatus::Running;
}

void app_continue_replay(AppState& app, double seconds) {
  if (!app_replaying(app)) {
    app.replay_to = 0;
    return;
  }
  Trainer& t = app.session->trainer;
  const auto t0 = std::chrono::steady_clock::now();
  uint64_t block = 1;  // doubles while the slice has time left: a huge network still yields every frame
  while (app_replaying(app) && std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() < seconds) {
    const uint64_t want = std::min(block, app.replay_to - t.steps());
    if (advance(app, want) < want) break;
    block = std::min<uint64_t>(block * 2, 4096);
  }
  const bool done = !app_replaying(app);
  if (app.metrics_step != t.steps()) refresh_metrics(app, /*live=*/!done);
  if (done) {
    app.replay_to = 0;
    app.params.steps = t.steps();
    app.url_dirty = true;
    if (app.io.opening) app_model_replayed(app);  // the file's weights, now that its step is reached
  }
}

void app_weights_replaced(AppState& app) {
  if (!app.session) return;
  LossHistory& h = app.history;  // the curve's last point is the replay's: it becomes the loaded weights'
  if (!h.rows.empty() && h.rows.back().step == app.session->trainer.steps()) h.rows.pop_back();
  refresh_metrics(app);
  app.url_dirty = true;
}

void app_view_from_params(AppState& app) {
  const Params& p = app.params;
  InspectorState& s = app.inspector;
  s.open = p.view_inspector != 0;
  s.tab = s.tab_request = p.view_tab;
  s.layer = p.view_layer;
  s.kind = p.view_matrix;
  s.chain_op = p.view_op;
  s.sample = p.view_sample;
  s.style.symlog = p.view_symlog != 0;
  s.live = p.view_live != 0;
  app.view.show_test = p.show_test != 0;
  app.view.log_scale = p.loss_log != 0;
}

void app_params_from_view(AppState& app) {
  Params& p = app.params;
  const InspectorState& s = app.inspector;
  const Params before = p;
  p.view_inspector = s.open;
  p.view_tab = s.tab;
  p.view_layer = std::clamp(s.layer, 1, kMaxHiddenLayers + 1);
  p.view_matrix = s.kind;
  p.view_op = s.chain_op;
  p.view_sample = std::clamp(s.sample, 0, kMaxPoints - 1);
  p.view_symlog = s.style.symlog;
  p.view_live = s.live;
  p.show_test = app.view.show_test;
  p.loss_log = app.view.log_scale;
  if (!(p == before)) app.url_dirty = true;
}

void app_apply_link(AppState& app, std::string_view link, bool record) {
  if (record) app_record(app);
  Decoded d = decode_params(link);
  // A link that names only a lesson ("#lesson=3.10", as a teacher types it) opens the lesson's own link.
  if (d.params.lesson > 0 && d.warnings.empty()) {
    Params only = Params{};
    only.lesson = d.params.lesson;
    only.language = d.params.language;  // "#lang=ko&lesson=3.10": the lesson, in that language
    if (d.params == only) {
      const Lesson& l = kLessons[size_t(d.params.lesson) - 1];
      d = decode_params(std::string(l.link) + "&lesson=" + std::string(l.id));
      d.params.language = only.language;
    }
  }
  app.params = d.params;
  app_view_from_params(app);
  app.link_warnings = std::move(d.warnings);
  app.playing = false;
  app.io.notice.clear();  // a new link (e.g. a hash the user typed): Open's last notice no longer applies
  app_rebuild(app);
}

uint64_t app_step(AppState& app, uint64_t n, bool live) {
  if (!app.session) return 0;
  Trainer& t = app.session->trainer;
  const uint64_t done = advance(app, n);  // records the chart's rows on the way
  if (app.metrics_step != t.steps()) refresh_metrics(app, live && t.status() == TrainStatus::Running);
  if (t.status() == TrainStatus::Diverged) app.playing = false;
  app.params.steps = t.steps();
  app.url_dirty = true;
  return done;
}

std::string app_link(const AppState& app) {
  Params p = app.params;
  p.steps = app.session ? std::max(app.session->trainer.steps(), app.replay_to) : 0;  // a replay's target
  return encode_params(p);
}

std::string app_metrics_json(const AppState& app) {
  json j;
  if (!app.session) return "{}";
  const Trainer& t = app.session->trainer;
  const Metrics& m = app.metrics;
  j["step"] = t.steps();
  j["epoch"] = t.epoch();
  j["train_loss"] = jnum(m.train_loss);
  j["test_loss"] = jnum(m.test_loss);
  j["train_accuracy"] = m.has_accuracy ? jnum(m.train_accuracy) : json(nullptr);
  j["test_accuracy"] = m.has_accuracy ? jnum(m.test_accuracy) : json(nullptr);
  j["train_count"] = m.train_count;
  j["test_count"] = m.test_count;
  j["penalty"] = jnum(m.penalty);
  j["objective"] = t.config().reg == Reg::None ? json(nullptr) : jnum(m.train_loss + m.penalty);
  j["samples_per_second"] = jnum(app.samples_per_second);
  j["status"] = t.status() == TrainStatus::Diverged ? "diverged" : "ok";
  j["message"] = t.status_message();
  j["playing"] = app.playing;
  j["replaying"] = app_replaying(app);
  j["replay_to"] = app.replay_to;
  json c = json::array();
  for (Index r = 0; m.test_count > 0 && r < m.confusion.rows(); ++r) {  // no test points: no matrix
    json row = json::array();
    for (Index k = 0; k < m.confusion.cols(); ++k) row.push_back(m.confusion(r, k));
    c.push_back(row);
  }
  j["confusion"] = c;
  j["warnings"] = app.link_warnings;
  j["config_warnings"] = app.run.warnings;
  j["notice"] = app.io.notice;  // Open's last result ("Opened ..." or "Could not open ..."), "" once cleared
  json corrections = json::array();
  for (const Correction& c : app.run.corrections)
    corrections.push_back({{"key", c.key}, {"uses", c.uses}, {"message", c.message}});
  j["corrections"] = corrections;
  j["run"] = run_summary(app.run);
  j["loss_plotted"] = app_loss_quantity(app);
  j["hover"] = app.view.hover_link_layer == 0 ? json(nullptr)
               : json{{"kind", app.view.hover_link_col < 0 ? "bias" : "weight"}, {"layer", app.view.hover_link_layer},
                      {"row", app.view.hover_link_row}, {"col", app.view.hover_link_col}, {"value", jnum(app.view.hover_link_value)}};
  j["undo"] = app.undo.undo_count();
  j["redo"] = app.undo.redo_count();
  j["status_lines"] = app_status_lines(app);
  return j.dump();
}

std::string app_weights_json(const AppState& app) {
  if (!app.session) return "{}";
  const Network& net = app.session->trainer.network();
  json layers = json::array();
  for (size_t i = 0; i < net.W.size(); ++i) {
    json W = json::array(), b = json::array();
    for (Index r = 0; r < net.W[i].rows(); ++r) {
      json row = json::array();
      for (Index c = 0; c < net.W[i].cols(); ++c) row.push_back(jnum(net.W[i](r, c)));
      W.push_back(row);
      b.push_back(jnum(net.b[i](r)));
    }
    layers.push_back({{"layer", i + 1}, {"activation", act_name(net.arch.act(static_cast<int>(i) + 1))}, {"W", W}, {"b", b}});
  }
  return json{{"step", app.session->trainer.steps()}, {"layers", layers}}.dump();
}

std::string app_inspector_json(const AppState& app) {
  const InspectorState& s = app.inspector;
  json panes = json::array();
  for (const HeatmapPane& p : s.panes)
    panes.push_back({{"rows", p.data.M.rows()}, {"cols", p.data.M.cols()}, {"title", p.data.title},
                     {"view", {p.window.c0, p.window.r0, p.window.c1, p.window.r1}}});  // zoom and pan: the part shown
  // The hovered cell, with the names its tooltip gives its row and column (core::Axis::label).
  json hover = {{"pane", s.hover_pane}, {"row", s.hover_row}, {"col", s.hover_col}, {"value", jnum(s.hover_value)}};
  if (s.hover_pane >= 0 && size_t(s.hover_pane) < s.panes.size()) {
    const Inspected& d = s.panes[size_t(s.hover_pane)].data;
    if (s.hover_row >= 0 && s.hover_row < d.M.rows() && s.hover_col >= 0 && s.hover_col < d.M.cols()) {
      hover["row_label"] = d.row_axis.label(s.hover_row);
      hover["col_label"] = d.col_axis.label(s.hover_col);
    }
  }
  return json{{"open", s.open}, {"tab", s.tab}, {"layer", s.layer}, {"kind", s.kind}, {"sample", s.sample},
              {"live", s.live}, {"symlog", s.style.symlog}, {"stepper_pos", s.stepper_pos}, {"note", s.note},
              {"maximised", s.maximised}, {"stepper_layer", s.overlay.layer}, {"stepper_caption", s.overlay.caption},
              {"check_rel_error", jnum(s.check_rel_error)}, {"chain_diff", jnum(s.chain_diff)}, {"panes", panes},
              {"hover", hover}}
      .dump();
}

std::string app_inspector_pane_json(const AppState& app, int pane) {
  const InspectorState& s = app.inspector;
  if (pane < 0 || size_t(pane) >= s.panes.size()) return json{{"error", "pane must be 0, 1 or 2"}}.dump();
  const Inspected& d = s.panes[size_t(pane)].data;
  if (!d.ok() || d.M.size() == 0) return json{{"error", d.ok() ? "the pane shows no matrix" : d.error}}.dump();
  json values = json::array();
  for (Index i = 0; i < d.M.rows(); ++i)
    for (Index k = 0; k < d.M.cols(); ++k) {
      const double v = d.M(i, k);  // JSON has no Inf: as in app_inspect_json, the strings Number() reads
      values.push_back(std::isfinite(v) ? json(v) : std::isnan(v) ? json("NaN") : json(v > 0 ? "Infinity" : "-Infinity"));
    }
  return json{{"rows", d.M.rows()}, {"cols", d.M.cols()}, {"title", d.title}, {"formula", d.formula}, {"values", values}}.dump();
}

void app_set_inspector(AppState& app, std::string_view text) {
  const json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return;
  InspectorState& s = app.inspector;
  auto take_int = [&](const char* k, int& v, int lo, int hi) {
    if (j.contains(k) && j[k].is_number_integer()) v = std::clamp(j[k].get<int>(), lo, hi);
  };
  auto take_bool = [&](const char* k, bool& v) {
    if (j.contains(k) && j[k].is_boolean()) v = j[k].get<bool>();
  };
  take_bool("open", s.open);
  if (j.contains("tab") && j["tab"].is_number_integer()) s.tab = s.tab_request = std::clamp(j["tab"].get<int>(), 0, kTabNorms);
  take_int("layer", s.layer, 1, kMaxHiddenLayers + 1);
  take_int("kind", s.kind, 0, int(kInspectKinds.size()) - 1);
  take_int("sample", s.sample, 0, kMaxPoints - 1);
  take_int("op", s.chain_op, 0, 4);
  take_bool("live", s.live);
  take_bool("symlog", s.style.symlog);
  take_bool("maximised", s.maximised);
  if (j.contains("split") && j["split"].is_number()) s.split = std::clamp(j["split"].get<float>(), 0.0f, 1.0f);
}

std::string app_inspect_json(const AppState& app, int layer, const std::string& of, const std::string& wrt, int sample) {
  if (!app.session) return json{{"error", "no session"}}.dump();
  const Trainer& t = app.session->trainer;
  Mat X, Y;
  t.next_batch(X, Y);
  if (X.cols() == 0) return json{{"error", "no training points: there is no minibatch to inspect"}}.dump();
  const Inspected r = inspect(t.network(), X, Y, layer, of, wrt, sample, t.config().reg, t.config().reg_rate);
  if (!r.ok()) return json{{"error", r.error}}.dump();
  // JSON has no Inf: a value beyond double's range is the string "Infinity" or "-Infinity" (Number() reads it).
  auto value = [](double v) { return std::isfinite(v) ? json(v) : std::isnan(v) ? json("NaN") : json(v > 0 ? "Infinity" : "-Infinity"); };
  json values = json::array();
  for (Index i = 0; i < r.M.rows(); ++i)
    for (Index k = 0; k < r.M.cols(); ++k) values.push_back(value(r.M(i, k)));
  json out = {{"rows", r.M.rows()}, {"cols", r.M.cols()}, {"title", r.title}, {"values", values}};
  if (!r.note.empty()) out["note"] = r.note;
  if (r.data_term.size()) {  // dL/dW with a penalty: its two terms, row-major like values
    json data = json::array(), penalty = json::array();
    for (Index i = 0; i < r.M.rows(); ++i)
      for (Index k = 0; k < r.M.cols(); ++k) {
        data.push_back(value(r.data_term(i, k)));
        penalty.push_back(value(r.penalty_term(i, k)));
      }
    out["data_term"] = data;
    out["penalty_term"] = penalty;
  }
  return out.dump();
}

void app_forget_gl(AppState& app) {
  ViewCache& c = app.cache;
  for (Texture* t : {&c.boundary_tex, &c.atlas_tex, &c.thumbs_tex, &c.sprite_tex, &c.links_tex}) destroy(*t);
  c.version = ~uint64_t{0};  // rebuilt (and uploaded) on the next frame
  c.built_at = -1;
  c.thumbs_classes = -1;
  InspectorState& s = app.inspector;
  for (HeatmapPane& p : s.panes) p.map.release();
  s.reupload = true;
  s.gl_error.clear();  // a compile that failed on the lost context is tried again
  heatmap_release();
}

std::string app_ui_json(const AppState& app) {
  json j = json::object();
  for (const auto& [name, r] : app.ui_rects) j[name] = {r[0], r[1], r[2], r[3]};
  return j.dump();
}

}  // namespace pg
