// cli/commands.cpp: train, gradcheck, jacobian, export (JSON or --python), landscape, graph, paths, bench. Each
// loads the link (warnings to stderr),
// builds a session, replays the requested steps, then does its one job. Numbers are printed with 9 (float)
// or 17 (double) significant digits so they read back exactly; a non-finite number is never printed as one.
#include "cli/commands.h"

#include "core/jacobian.h"
#include "core/landscape.h"
#include "core/paths.h"
#include "core/python_export.h"
#include "core/scalar_graph.h"
#include "state/resolve.h"
#include "state/url_codec.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <sstream>

namespace pg::cli {

namespace {

constexpr int kExitOk = 0, kExitCheckFailed = 1, kExitBadInput = 2, kExitDiverged = 3;
using nlohmann::json;

std::string num(double v, int digits = 9) {
  if (!std::isfinite(v)) return "";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return buf;
}

json jnum(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

// A usage or input error: the message, then exit code 2.
int bad_input(const std::string& message) {
  std::fprintf(stderr, "bprop: %s\n", message.c_str());
  return kExitBadInput;
}

std::string arch_text(const Arch& a) {
  std::ostringstream s;
  s << a.input_dim;
  for (size_t l = 0; l < a.hidden.size(); ++l) s << "-" << a.hidden[l];
  s << "-" << a.output_dim << " (" << model_name(a.kind) << ", hidden ";
  for (size_t l = 0; l < a.hidden_act.size(); ++l) s << (l ? "," : "") << act_name(a.hidden_act[l]);
  if (a.hidden_act.empty()) s << "none";
  s << ", output " << act_name(a.out) << " + " << loss_name(a.loss) << ")";
  return s.str();
}

// Decodes the link, builds the session and replays --steps (or the link's step) steps. A link with problems
// (junk values, unknown keys, corrected combinations) is an error unless --lenient, which runs with the
// defaults the page would use. On failure prints why and sets exit_code.
std::optional<Session> load(const Args& a, int& exit_code, bool replay = true, uint64_t* steps_out = nullptr) {
  Decoded d = decode_params(a.link);
  const bool lenient = has_flag(a, "lenient");
  for (const std::string& w : d.warnings) std::fprintf(stderr, "bprop: %s: %s\n", lenient ? "warning" : "link problem", w.c_str());
  std::string err;
  const uint64_t steps = flag_u64(a, "steps", d.params.steps, 0, kMaxReplaySteps, err);
  if (!err.empty()) {
    exit_code = bad_input(err);
    return std::nullopt;
  }
  if (steps_out) *steps_out = steps;
  Session s = make_session(d.params);
  if (s.trainer.data().X_train.cols() == 0) {  // nothing to train on: no loss, no gradient, no number to print
    exit_code = bad_input(s.trainer.data().X_test.cols() == 0
                              ? "the data set is empty: add points (pts= in the link, or a CSV opened in the page)"
                              : "the training set is empty: raise split so at least one point is used for training");
    return std::nullopt;
  }
  for (const std::string& w : s.config.warnings) std::fprintf(stderr, "bprop: %s: %s\n", lenient ? "warning" : "link problem", w.c_str());
  if (!lenient && !(d.warnings.empty() && s.config.warnings.empty())) {
    std::fprintf(stderr, "bprop: fix the link, or pass --lenient to run with the values shown above\n");
    exit_code = kExitBadInput;
    return std::nullopt;
  }
  if (replay && s.trainer.run(steps) < steps) {
    std::fprintf(stderr, "bprop: %s\n", s.trainer.status_message().c_str());
    exit_code = kExitDiverged;
  }
  return s;
}

Params params_at_step(const Args& a, uint64_t step) {
  Params p = decode_params(a.link).params;
  p.steps = step;
  return p;
}

// ---- train ------------------------------------------------------------------------------------------------
void print_progress(const Trainer& t, bool as_json) {
  const Metrics m = t.evaluate();
  if (as_json) {
    json j = {{"step", t.steps()}, {"epoch", t.epoch()}, {"train_loss", jnum(m.train_loss)}, {"test_loss", jnum(m.test_loss)}};
    j["train_accuracy"] = m.has_accuracy ? jnum(m.train_accuracy) : json(nullptr);
    j["test_accuracy"] = m.has_accuracy ? jnum(m.test_accuracy) : json(nullptr);
    std::printf("%s\n", j.dump().c_str());
  } else {
    std::printf("%llu,%llu,%s,%s,%s,%s\n", static_cast<unsigned long long>(t.steps()),
                static_cast<unsigned long long>(t.epoch()), num(m.train_loss).c_str(), num(m.test_loss).c_str(),
                m.has_accuracy ? num(m.train_accuracy).c_str() : "", m.has_accuracy ? num(m.test_accuracy).c_str() : "");
  }
}

void print_summary(const Args& a, const Trainer& t, bool as_json) {
  const Metrics m = t.evaluate();
  const bool diverged = t.status() == TrainStatus::Diverged;
  const std::string link = encode_params(params_at_step(a, t.steps()));
  if (as_json) {
    json s = {{"steps", t.steps()}, {"epochs", t.epoch()}, {"train_loss", jnum(m.train_loss)},
              {"test_loss", jnum(m.test_loss)}, {"status", diverged ? "diverged" : "ok"}, {"link", link},
              {"model", arch_text(t.arch())}};
    if (m.has_accuracy) {
      s["train_accuracy"] = jnum(m.train_accuracy);
      s["test_accuracy"] = jnum(m.test_accuracy);
    }
    if (m.has_accuracy && m.test_count > 0) {  // no confusion matrix of an empty test set
      json c = json::array();
      for (Index r = 0; r < m.confusion.rows(); ++r) {
        json row = json::array();
        for (Index k = 0; k < m.confusion.cols(); ++k) row.push_back(m.confusion(r, k));
        c.push_back(row);
      }
      s["confusion"] = c;
    }
    if (diverged) s["message"] = t.status_message();
    std::printf("%s\n", json{{"summary", s}}.dump().c_str());
    return;
  }
  std::printf("# model: %s\n", arch_text(t.arch()).c_str());
  auto text = [](double v) { return std::isfinite(v) ? num(v) : std::string("n/a"); };  // n/a: an empty set
  std::printf("# final: step %llu, epoch %llu, train loss %s, test loss %s", static_cast<unsigned long long>(t.steps()),
              static_cast<unsigned long long>(t.epoch()), text(m.train_loss).c_str(), text(m.test_loss).c_str());
  if (m.has_accuracy) std::printf(", train accuracy %s, test accuracy %s", text(m.train_accuracy).c_str(), text(m.test_accuracy).c_str());
  std::printf(", status %s\n", diverged ? "diverged" : "ok");
  if (m.test_count == 0) std::printf("# the test set is empty (too few points for the split): test figures are n/a\n");
  if (m.has_accuracy && m.test_count > 0) {
    std::printf("# test confusion matrix (row = true class, column = predicted):\n");
    for (Index r = 0; r < m.confusion.rows(); ++r) {
      std::printf("#  ");
      for (Index k = 0; k < m.confusion.cols(); ++k) std::printf(" %5d", m.confusion(r, k));
      std::printf("\n");
    }
  }
  if (diverged) std::printf("# %s\n", t.status_message().c_str());
  std::printf("# link: %s\n", link.c_str());
}

int run_train(const Args& a) {
  int code = kExitOk;
  uint64_t steps = 0;
  std::optional<Session> s = load(a, code, /*replay=*/false, &steps);
  if (!s) return code;
  std::string err;
  const uint64_t every = flag_u64(a, "every", std::max<uint64_t>(1, steps / 10), 1, kMaxReplaySteps, err);
  if (!err.empty()) return bad_input(err);
  const bool as_json = has_flag(a, "json");
  Trainer& t = s->trainer;
  if (!as_json) std::printf("step,epoch,train_loss,test_loss,train_accuracy,test_accuracy\n");
  print_progress(t, as_json);
  while (t.steps() < steps) {
    const uint64_t chunk = std::min(every - t.steps() % every, steps - t.steps());
    if (t.run(chunk) < chunk) break;
    print_progress(t, as_json);
  }
  print_summary(a, t, as_json);
  if (t.status() == TrainStatus::Diverged) {
    std::fprintf(stderr, "bprop: %s\n", t.status_message().c_str());
    return kExitDiverged;
  }
  return kExitOk;
}

// ---- gradcheck --------------------------------------------------------------------------------------------
int run_gradcheck(const Args& a) {
  int code = kExitOk;
  std::optional<Session> s = load(a, code);
  if (!s) return code;
  std::string err;
  const double tol = flag_double(a, "tol", 1e-6, 0, 1, err);
  if (!err.empty()) return bad_input(err);
  const Trainer& t = s->trainer;
  Mat X, Y;
  t.next_batch(X, Y);
  const auto entries = gradient_check(t.network().cast<double>(), X.cast<double>(), Y.cast<double>(),
                                      t.config().reg, t.config().reg_rate);
  std::printf("# gradient check at step %llu on a minibatch of %lld: backprop (double) vs central differences\n",
              static_cast<unsigned long long>(t.steps()), static_cast<long long>(X.cols()));
  std::printf("# model: %s\n", arch_text(t.arch()).c_str());
  std::printf("tensor,rows,cols,max_abs_error,rel_error,result\n");
  double worst = 0;
  for (const GradCheckEntry& e : entries) {
    const bool pass = e.rel_error <= tol;
    worst = std::max(worst, std::isfinite(e.rel_error) ? e.rel_error : 1e300);
    std::printf("%s,%lld,%lld,%s,%s,%s\n", e.name.c_str(), static_cast<long long>(e.analytic.rows()),
                static_cast<long long>(e.analytic.cols()), num(e.max_abs_error, 3).c_str(), num(e.rel_error, 3).c_str(),
                pass ? "pass" : "FAIL");
  }
  const bool ok = worst <= tol;
  std::printf("# max relative error %s (tolerance %s): %s\n", num(worst, 3).c_str(), num(tol, 3).c_str(), ok ? "PASS" : "FAIL");
  return ok ? code : kExitCheckFailed;
}

// ---- jacobian ---------------------------------------------------------------------------------------------
std::string csv_quote(const std::string& s) { return "\"" + s + "\""; }

// A Jacobian entry: 17 digits, or Infinity / -Infinity where a factor is truly beyond double's range (the
// spelling JavaScript's Number() and Python's float() read); NaN never comes from a Jacobian but is named too.
std::string matrix_entry(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  return num(v, 17);
}

int run_jacobian(const Args& a) {
  std::string err;
  const uint64_t layer = flag_u64(a, "layer", 0, 1, 64, err);
  if (!has_flag(a, "layer") || !has_flag(a, "of") || !has_flag(a, "wrt"))
    err = "jacobian needs --layer L --of OUT --wrt IN, e.g. --layer 1 --of z --wrt W";
  if (has_flag(a, "sample") && has_flag(a, "batch")) err = "use either --sample I or --batch, not both";
  const uint64_t sample = flag_u64(a, "sample", 0, 0, kMaxPoints, err);
  if (!err.empty()) return bad_input(err);
  int code = kExitOk;
  std::optional<Session> s = load(a, code);
  if (!s) return code;
  Mat X, Y;
  s->trainer.next_batch(X, Y);
  const int which = has_flag(a, "batch") ? -1 : static_cast<int>(sample);
  const TrainConfig& tc = s->trainer.config();
  // The float network and minibatch of the next training step: the gradients are the ones it applies.
  Inspected r = inspect(s->trainer.network(), X, Y, static_cast<int>(layer), a.flags.at("of"), a.flags.at("wrt"),
                        which, tc.reg, tc.reg_rate);
  if (!r.ok()) return bad_input(r.error);
  const std::string term = has_flag(a, "term") ? a.flags.at("term") : "total";
  if (term != "total" && term != "data" && term != "penalty") return bad_input("--term must be total, data or penalty");
  if (term != "total" && r.data_term.size() == 0)
    return bad_input("--term " + term + " needs --of L --wrt W and a regularizer (reg=l1|l2 with rate > 0)");
  std::printf("# %s\n", r.title.c_str());
  if (!r.formula.empty()) std::printf("# formula: %s\n", r.formula.c_str());
  if (!r.key.empty()) std::printf("# key: %s\n", r.key.c_str());
  if (r.data_term.size()) {
    std::printf("# L is the objective: data loss + %s penalty (lambda %s); printing the %s%s\n",
                std::string(reg_name(tc.reg)).c_str(), num(tc.reg_rate, 6).c_str(), term.c_str(),
                term == "total" ? " (what training applies; --term data|penalty prints one term)" : " term");
    if (term == "data") r.M = r.data_term;
    if (term == "penalty") r.M = r.penalty_term;
  }
  if (!r.note.empty()) std::printf("# note: %s\n", r.note.c_str());
  std::printf("# shape: %lld x %lld (rows: %s, columns: %s); indices are 0-based, vec() is column-major\n",
              static_cast<long long>(r.M.rows()), static_cast<long long>(r.M.cols()), r.row_axis.name.c_str(),
              r.col_axis.name.c_str());
  std::printf("%s", csv_quote("row \\ column").c_str());
  for (Index j = 0; j < r.M.cols(); ++j) std::printf(",%s", csv_quote(r.col_axis.label(j)).c_str());
  std::printf("\n");
  for (Index i = 0; i < r.M.rows(); ++i) {
    std::printf("%s", csv_quote(r.row_axis.label(i)).c_str());
    for (Index j = 0; j < r.M.cols(); ++j) std::printf(",%s", matrix_entry(r.M(i, j)).c_str());
    std::printf("\n");
  }
  return code;
}

// ---- export -----------------------------------------------------------------------------------------------
template <class M> json matrix_json(const M& m) {  // row-major nested arrays: m[r][c]
  json rows = json::array();
  for (Index r = 0; r < m.rows(); ++r) {
    json row = json::array();
    for (Index c = 0; c < m.cols(); ++c) row.push_back(jnum(m(r, c)));
    rows.push_back(std::move(row));
  }
  return rows;
}

int run_export(const Args& a) {
  int code = kExitOk;
  std::optional<Session> s = load(a, code);
  if (!s) return code;
  const Trainer& t = s->trainer;
  const Network& net = t.network();
  Mat X, Y;
  std::vector<int> idx;
  t.next_batch(X, Y, &idx);
  if (has_flag(a, "python")) {  // the same weights and minibatch as a NumPy script (core/python_export.h)
    PythonScriptOptions o;
    o.reg = t.config().reg;
    o.lambda = t.config().reg_rate;
    o.link = encode_params(params_at_step(a, t.steps()));
    o.model = arch_text(t.arch());
    o.step = t.steps();
    std::string err;
    const std::string script = python_script(net, X, Y, o, err);
    if (!err.empty()) return bad_input(err);
    std::fputs(script.c_str(), stdout);
    return code;
  }
  TraceT<float> tr;
  GradsT<float> g;
  std::vector<Mat> data_dW;
  // Exactly the gradient the training step applies, with dW's data term kept.
  step_gradients(net, X, Y, t.config().reg, t.config().reg_rate, tr, g, /*want_input_grad=*/true, &data_dW);
  const double loss = data_loss(net, tr, Y);
  const float penalty = reg_penalty(net, t.config().reg, t.config().reg_rate);
  const bool split = t.config().reg != Reg::None && t.config().reg_rate != 0;
  json layers = json::array();
  for (size_t i = 0; i < net.W.size(); ++i) {
    const int l = static_cast<int>(i) + 1;
    json layer = {{"layer", l}, {"activation", act_name(net.arch.act(l))}, {"W", matrix_json(net.W[i])},
                  {"b", matrix_json(net.b[i])}, {"Z", matrix_json(tr.Z[i])}, {"A", matrix_json(tr.A[i + 1])},
                  {"dW", matrix_json(g.dW[i])}, {"db", matrix_json(g.db[i])}, {"dZ", matrix_json(g.dZ[i])}};
    // dL/dA of the output layer (dL/dyhat) only where training forms it: a fused head goes straight to dZ.
    if (i + 1 < net.W.size() || !is_fused(net.arch.out, net.arch.loss)) layer["dA"] = matrix_json(g.dA[i + 1]);
    if (split) {
      layer["dW_data"] = matrix_json(data_dW[i]);
      layer["dW_penalty"] = matrix_json(reg_grad(net.W[i], t.config().reg, t.config().reg_rate));
    }
    layers.push_back(std::move(layer));
  }
  const json out = {
      {"format", "backprop-playground-export"},
      {"version", kUrlVersion},
      {"link", encode_params(params_at_step(a, t.steps()))},
      {"step", t.steps()},
      {"epoch", t.epoch()},
      {"model", arch_text(t.arch())},
      {"conventions", "matrices are row-major nested arrays m[row][col]; a batch is columns (X is D x N); "
                      "W[l] is n[l] x n[l-1]; Z = W A + b; dX has the shape of X; data_loss is the mean over the batch; "
                      "L = objective = data_loss + penalty is what the optimizer minimises, and every d* is dL/d* "
                      "(only dW sees the penalty: dW = dW_data + dW_penalty, listed when a regularizer is on)"},
      {"minibatch", {{"indices", idx}, {"X", matrix_json(X)}, {"Y", matrix_json(Y)}, {"dX", matrix_json(g.dA[0])}}},
      {"data_loss", jnum(loss)},
      {"penalty", jnum(penalty)},
      {"objective", jnum(double(loss) + double(penalty))},
      {"layers", layers}};
  std::printf("%s\n", out.dump(1).c_str());
  return code;
}

// ---- landscape --------------------------------------------------------------------------------------------
// "3,5" -> {3, 5}: two whole numbers, or nothing.
std::optional<std::pair<Index, Index>> parse_index_pair(const std::string& s) {
  const size_t comma = s.find(',');
  if (comma == std::string::npos) return std::nullopt;
  auto whole = [](const std::string& t) -> Index {
    if (t.empty() || t.size() > 9 || t.find_first_not_of("0123456789") != std::string::npos) return -1;
    return static_cast<Index>(std::stol(t));
  };
  const Index i = whole(s.substr(0, comma)), j = whole(s.substr(comma + 1));
  if (i < 0 || j < 0) return std::nullopt;
  return std::pair{i, j};
}

// The objective over a plane through θ (core/landscape.h), with the run's trajectory from step 0: θ recorded at
// up to 65 steps (every ceil(K/64) steps, and at K).
int run_landscape(const Args& a) {
  std::string err;
  if (has_flag(a, "params") && has_flag(a, "random")) return bad_input("use either --params I,J or --random SEED, not both");
  LandscapeSpec spec;
  std::optional<std::pair<Index, Index>> pair;
  if (has_flag(a, "params")) {
    pair = parse_index_pair(a.flags.at("params"));
    if (!pair) return bad_input("--params takes two parameter indices, e.g. --params 0,1, not '" + a.flags.at("params") + "'");
  }
  const uint64_t seed = flag_u64(a, "random", 1, 0, 4294967295u, err);
  const uint64_t grid = flag_u64(a, "grid", 0, 2, kMaxLandscapeGrid, err);
  spec.span = flag_double(a, "span", 1.0, 1e-12, kMaxLandscapeSpan, err);
  const std::string bias = has_flag(a, "bias") ? a.flags.at("bias") : "zero";
  if (bias != "zero" && bias != "neuron") err = "--bias must be zero or neuron, not '" + bias + "'";
  if (!err.empty()) return bad_input(err);
  int code = kExitOk;
  uint64_t steps = 0;
  std::optional<Session> s = load(a, code, /*replay=*/false, &steps);
  if (!s) return code;
  Trainer& t = s->trainer;
  const Index P = t.network().param_count();
  // Default plane: (w, b) when the network has just two parameters (1-feature linear or logistic regression).
  if (pair || (!has_flag(a, "random") && P == 2)) {
    spec.plane = PlaneKind::Params;
    std::tie(spec.param_i, spec.param_j) = pair.value_or(std::pair<Index, Index>{0, 1});
  } else {
    spec.plane = PlaneKind::Random;
    spec.seed = static_cast<uint32_t>(seed);
    spec.bias = bias == "neuron" ? BiasDirection::Neuron : BiasDirection::Zero;
  }
  const uint64_t every = std::max<uint64_t>(1, (steps + 63) / 64);
  std::vector<VecD> trajectory;
  std::vector<uint64_t> trajectory_steps;
  for (;;) {
    trajectory.push_back(flatten_params(t.network()));
    trajectory_steps.push_back(t.steps());
    if (t.steps() >= steps) break;
    const uint64_t chunk = std::min(every, steps - t.steps());
    if (t.run(chunk) < chunk) {
      std::fprintf(stderr, "bprop: %s\n", t.status_message().c_str());
      code = kExitDiverged;
      break;
    }
  }
  const bool minibatch = has_flag(a, "minibatch");
  const Index samples = minibatch ? t.next_batch_count() : t.data().X_train.cols();
  spec.grid = grid ? static_cast<int>(grid) : landscape_grid_for_budget(t.arch(), samples);
  const Landscape L = loss_landscape(t, spec, minibatch, trajectory);
  if (!L.ok()) return bad_input(L.error);
  const bool params = spec.plane == PlaneKind::Params;
  json axes = json::array();
  for (int k = 0; k < 2; ++k) {
    const VecD& v = k == 0 ? L.x : L.y;
    json ax = {{"name", k == 0 ? L.x_name : L.y_name}, {"values", std::vector<double>(v.data(), v.data() + v.size())}};
    if (params) ax["index"] = k == 0 ? spec.param_i : spec.param_j;
    axes.push_back(std::move(ax));
  }
  json traj = json::array();
  for (size_t k = 0; k < L.trajectory.size(); ++k)
    traj.push_back({{"step", trajectory_steps[k]}, {"x", jnum(L.trajectory[k].x)}, {"y", jnum(L.trajectory[k].y)},
                    {"off_plane", jnum(L.trajectory[k].off_plane)}});
  json out = {
      {"format", "backprop-playground-landscape"},
      {"version", kUrlVersion},
      {"link", encode_params(params_at_step(a, t.steps()))},
      {"step", t.steps()},
      {"model", arch_text(t.arch())},
      {"conventions",
       "L is the objective (data loss, the mean over the samples, + penalty). Params plane: the axes are the two "
       "parameters' values (flat indices into theta: layer by layer, W[l] column-major then b[l]), the rest stay "
       "at theta. Random plane: theta + alpha d1 + beta d2, filter-normalised random directions (Li et al. 2018). "
       "matrix[r][c] is L at (axes[0].values[c], axes[1].values[r]), in double (null: beyond double's range); "
       "value_at_current is L at theta as training computes it (float forward pass); gradient is (dL/dx, dL/dy) "
       "at theta; trajectory is theta at the steps shown, projected onto the plane"},
      {"plane", params ? "params" : "random"},
      {"over", minibatch ? "minibatch" : "training set"},
      {"samples", L.samples},
      {"grid", spec.grid},
      {"span", spec.span},
      {"axes", axes},
      {"matrix", matrix_json(L.values)},
      {"current", {{"x", L.x0}, {"y", L.y0}}},
      {"value_at_current", jnum(L.value)},
      {"gradient", {{"x", jnum(L.gx)}, {"y", jnum(L.gy)}}},
      {"trajectory", traj}};
  if (!params) {
    out["seed"] = spec.seed;
    out["bias"] = bias;
  }
  if (L.argmin_row >= 0)
    out["argmin"] = {{"x", L.x(L.argmin_col)}, {"y", L.y(L.argmin_row)}, {"row", L.argmin_row}, {"col", L.argmin_col},
                     {"value", L.min_value}};
  else
    out["argmin"] = nullptr;
  std::printf("%s\n", out.dump(1).c_str());
  return code;
}

// ---- graph: the scalar computational graph of one sample -------------------------------------------------
int run_graph(const Args& a) {
  std::string err;
  const uint64_t sample = flag_u64(a, "sample", 0, 0, kMaxPoints, err);
  if (!err.empty()) return bad_input(err);
  int code = kExitOk;
  std::optional<Session> s = load(a, code);
  if (!s) return code;
  const Trainer& t = s->trainer;
  Mat X, Y;
  std::vector<int> idx;
  t.next_batch(X, Y, &idx);
  const ScalarGraph g = scalar_graph(t.network(), X, Y, static_cast<int>(sample), has_flag(a, "decompose"));
  if (!g.ok()) return bad_input(g.error);
  json gates = json::array();
  for (const Gate& gate : g.gates) {
    json local = json::array(), down = json::array();
    for (double v : gate.local) local.push_back(jnum(v));
    for (double v : gate.downstream) down.push_back(jnum(v));
    static const char* const kKinds[] = {"leaf", "mul", "add", "sigmoid", "neg", "exp", "add_one", "recip", "max", "act", "loss"};
    static const char* const kRoles[] = {"", "weight", "bias", "input", "constant"};
    json j = {{"id", gate.id}, {"kind", kKinds[size_t(gate.kind)]}, {"op", gate.op}, {"name", gate.name},
              {"engine_name", gate.engine_name}, {"layer", gate.layer}, {"inputs", gate.inputs},
              {"value", jnum(gate.value)}, {"local", local}, {"upstream", jnum(gate.upstream)}, {"downstream", down},
              {"pattern", kGatePatternNames[size_t(gate.pattern)]}};
    if (gate.kind == GateKind::Leaf) j["role"] = kRoles[size_t(gate.role)];
    gates.push_back(std::move(j));
  }
  const json out = {{"link", encode_params(params_at_step(a, t.steps()))},
                    {"step", t.steps()},
                    {"model", arch_text(t.arch())},
                    {"sample", sample},
                    {"sample_index", idx[sample]},
                    {"batch_size", X.cols()},
                    {"decomposed", g.decomposed},
                    {"formula", g.formula},
                    {"target", jnum(g.target)},
                    {"loss", jnum(g.loss)},
                    {"loss_gate", g.loss_gate},
                    {"output_gate", g.output_gate},
                    {"backward_order", g.backward_order},
                    {"batch_relation", g.batch_relation},
                    {"note", g.note},
                    {"gates", gates}};
  std::printf("%s\n", out.dump(1).c_str());
  return code;
}

// ---- paths: the total derivative over several paths ------------------------------------------------------
int run_paths(const Args& a) {
  std::string err;
  PathOf of = PathOf::Weight;
  if (!has_flag(a, "of") || !has_flag(a, "layer") || !has_flag(a, "row"))
    return bad_input("paths needs --of W|a|b --layer L --row J [--col I | --sample N], e.g. --of W --layer 1 --row 0 --col 1");
  if (!parse_path_of(a.flags.at("of"), of)) return bad_input("--of must be W, a or b, not '" + a.flags.at("of") + "'");
  if (has_flag(a, "col") && has_flag(a, "sample")) return bad_input("use either --col or --sample (for --of a they are the same)");
  if (has_flag(a, "sample") && of != PathOf::Activation) return bad_input("--sample picks the sample of an activation: use it with --of a");
  if (of == PathOf::Weight && !has_flag(a, "col")) return bad_input("--of W needs --col I (the unit of layer l-1)");
  const uint64_t layer = flag_u64(a, "layer", 1, 1, 64, err);
  const uint64_t row = flag_u64(a, "row", 0, 0, 1u << 20, err);
  const uint64_t col = has_flag(a, "sample") ? flag_u64(a, "sample", 0, 0, kMaxPoints, err) : flag_u64(a, "col", 0, 0, 1u << 20, err);
  if (!err.empty()) return bad_input(err);
  int code = kExitOk;
  std::optional<Session> s = load(a, code);
  if (!s) return code;
  const Trainer& t = s->trainer;
  Mat X, Y;
  t.next_batch(X, Y);
  const TotalDerivative d = total_derivative(t.network(), X, Y, of, static_cast<int>(layer), static_cast<int>(row),
                                             static_cast<int>(col), t.config().reg, t.config().reg_rate);
  if (!d.ok()) return bad_input(d.error);
  json paths = json::array();
  for (const PathTerm& p : d.paths) {
    json factors = json::array();
    for (size_t k = 0; k < p.factors.size(); ++k) factors.push_back({{"label", p.factor_labels[k]}, {"value", jnum(p.factors[k])}});
    paths.push_back({{"index", p.index}, {"label", p.label}, {"factors", factors}, {"product", jnum(p.product)}});
  }
  const json out = {{"link", encode_params(params_at_step(a, t.steps()))},
                    {"step", t.steps()},
                    {"model", arch_text(t.arch())},
                    {"batch_size", X.cols()},
                    {"quantity", d.quantity},
                    {"formula", d.formula},
                    {"paths", paths},
                    {"sum", jnum(d.sum)},
                    {"backprop", jnum(d.backprop)},
                    {"penalty", jnum(d.penalty)},
                    {"total", jnum(d.total)},
                    {"note", d.note}};
  std::printf("%s\n", out.dump(1).c_str());
  return code;
}

// ---- bench ------------------------------------------------------------------------------------------------
int run_bench(const Args& a) {
  std::string err;
  const double seconds = flag_double(a, "seconds", 2.0, 0.05, 600, err);
  if (!err.empty()) return bad_input(err);
  int code = kExitOk;
  std::optional<Session> s = load(a, code);
  if (!s) return code;
  Trainer& t = s->trainer;
  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  uint64_t steps = 0, samples = 0;
  double elapsed = 0;
  const uint64_t per_check = 64;
  while (elapsed < seconds) {
    for (uint64_t i = 0; i < per_check; ++i) {
      samples += static_cast<uint64_t>(t.next_batch_count());
      if (!t.step()) {
        std::fprintf(stderr, "bprop: %s\n", t.status_message().c_str());
        return kExitDiverged;
      }
      ++steps;
    }
    elapsed = std::chrono::duration<double>(clock::now() - t0).count();
  }
  std::printf("model: %s\n", arch_text(t.arch()).c_str());
  std::printf("batch: %d, optimizer: %s, training points: %lld\n", t.batch_size(),
              std::string(optimizer_name(t.config().optimizer)).c_str(), static_cast<long long>(t.data().X_train.cols()));
  std::printf("steps: %llu in %.3f s\n", static_cast<unsigned long long>(steps), elapsed);
  std::printf("steps_per_second: %.0f\n", double(steps) / elapsed);
  std::printf("samples_per_second: %.0f\n", double(samples) / elapsed);
  return code;
}

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
      {"train", {"steps", "every"}, {"json", "lenient"}, run_train},
      {"gradcheck", {"steps", "tol"}, {"lenient"}, run_gradcheck},
      {"jacobian", {"steps", "layer", "of", "wrt", "sample", "term"}, {"batch", "lenient"}, run_jacobian},
      {"landscape", {"steps", "params", "random", "grid", "span", "bias"}, {"minibatch", "lenient"}, run_landscape},
      {"export", {"steps"}, {"lenient", "python"}, run_export},
      {"graph", {"steps", "sample"}, {"decompose", "lenient"}, run_graph},
      {"paths", {"steps", "of", "layer", "row", "col", "sample"}, {"lenient"}, run_paths},
      {"bench", {"seconds", "steps"}, {"lenient"}, run_bench},
  };
  return all;
}

}  // namespace

const Command* find_command(const std::string& name) {
  for (const Command& c : commands())
    if (c.name == name) return &c;
  return nullptr;
}

}  // namespace pg::cli
