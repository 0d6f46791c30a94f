// core/jacobian.cpp: named Jacobians of one layer (one sample or the minibatch), shaped gradients, and the
// gradient check. Built only from ops.h's explicit *_jacobian functions and model.h's backward pass.
// Eigen + std only.
#include "core/jacobian.h"

#include "core/notation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <type_traits>

namespace pg {

using namespace notation;

std::string Axis::label(Index i) const {
  const std::string s = std::to_string(i);
  switch (kind) {
    case Kind::Scalar: return name;
    case Kind::Vector: return name + "[" + s + "]";
    case Kind::Batch: return name + "[" + std::to_string(i % rows) + "] of sample " + std::to_string(i / rows);
    case Kind::Matrix: return name + "[" + std::to_string(i % rows) + "," + std::to_string(i / rows) + "]";
  }
  return name;
}

namespace {

std::string layer_name(const char* q, int l) { return std::string(q) + "[" + std::to_string(l) + "]"; }

// The row/column axis of a per-sample activation vector (K) or its minibatch form (K x N, vec'd).
Axis act_axis(const std::string& name, Index K, Index N, bool batch) {
  return batch ? Axis{Axis::Kind::Batch, name, K, N} : Axis{Axis::Kind::Vector, name, K, 1};
}

// A gradient shaped like what it belongs to: rows and columns of the quantity itself.
Inspected shaped(const MatD& G, const std::string& of_what, bool per_sample_columns) {
  Inspected r;
  r.M = G;
  r.row_axis = Axis{Axis::Kind::Vector, of_what + " row", G.rows(), 1};
  r.col_axis = per_sample_columns ? Axis{Axis::Kind::Vector, "sample", G.cols(), 1}
                                  : Axis{Axis::Kind::Vector, of_what + " column", G.cols(), 1};
  r.title = d("L", of_what) + ", shaped like " + of_what + " (" + shape(G.rows(), G.cols()) + ")";
  return r;
}

Inspected dense_part(const NetworkD& net, const TraceT<double>& t, int l, const std::string& wrt, bool batch) {
  const size_t i = static_cast<size_t>(l - 1);
  const MatD& W = net.W[i];
  const Index K = W.rows(), D = W.cols(), N = t.A[i].cols();
  Inspected r;
  r.row_axis = act_axis(layer_name("z", l), K, N, batch);
  if (wrt == "a_prev") {
    r.M = batch ? dense_jacobian_input_batch(W, N) : dense_jacobian_input(W);
    r.col_axis = act_axis(layer_name("a", l - 1), D, N, batch);
    r.formula = batch ? "I" + sub(N) + " " + kKron + " " + layer_name("W", l) : layer_name("W", l);
    if (batch) r.key = std::string(kKron) + " Kronecker product · N = " + std::to_string(N) + " samples: one copy of " +
                       layer_name("W", l) + " per sample on the diagonal";
  } else if (wrt == "W") {
    r.M = batch ? dense_jacobian_weights_batch<double>(t.A[i], K) : dense_jacobian_weights<double>(t.A[i].col(0), K);
    r.col_axis = Axis{Axis::Kind::Matrix, layer_name("W", l), K, D};
    r.formula = (batch ? layer_name("A", l - 1) : layer_name("a", l - 1)) + kT + " " + kKron + " I" + sub(K);
    r.key = std::string(kKron) + " Kronecker product · K = n[" + std::to_string(l) + "] = " + std::to_string(K) +
            " units" + (batch ? " · N = " + std::to_string(N) + " samples" : std::string()) + " · column k + K·j is W[" +
            std::to_string(l) + "][k,j]";
  } else if (wrt == "b") {
    r.M = batch ? dense_jacobian_bias_batch<double>(K, N) : dense_jacobian_bias<double>(K);
    r.col_axis = Axis{Axis::Kind::Vector, layer_name("b", l), K, 1};
    r.formula = batch ? "1" + sub(N) + " " + kKron + " I" + sub(K) : "I" + sub(K);
    r.key = std::string(batch ? std::string(kKron) + " Kronecker product · " : "") + "K = n[" + std::to_string(l) + "] = " +
            std::to_string(K) + " units" + (batch ? " · N = " + std::to_string(N) + " samples share one b" : std::string());
  } else {
    r.error = "z has Jacobians with respect to a_prev, W and b, not '" + wrt + "'";
  }
  return r;
}

// The gradients training applies, on the network as given and in its precision (step_gradients, as
// Trainer::step runs it), with dW's two terms kept apart when there is a penalty.
template <class T> struct TrainingGrads {
  TraceT<T> trace;
  GradsT<T> g;                      // with the penalty added to dW, as training applies it
  std::vector<MatX<T>> data_dW;     // without it (only with a penalty)
  std::vector<MatX<T>> penalty_dW;  // the penalty's own term, lambda W or lambda sign(W) (reg_grad)
};
bool has_penalty(Reg reg, double lambda) { return reg != Reg::None && lambda != 0; }

template <class T>
TrainingGrads<T> training_grads(const NetworkT<T>& net, const MatX<T>& X, const MatX<T>& Y, Reg reg, double lambda) {
  TrainingGrads<T> r;
  const bool split = has_penalty(reg, lambda);
  step_gradients(net, X, Y, reg, static_cast<T>(lambda), r.trace, r.g, /*want_input_grad=*/true, split ? &r.data_dW : nullptr);
  if (split)
    for (const MatX<T>& W : net.W) r.penalty_dW.push_back(reg_grad(W, reg, static_cast<T>(lambda)));
  return r;
}

std::string penalty_text(Reg reg) { return reg == Reg::L1 ? std::string(kLambda) + " sign(W)" : std::string(kLambda) + "W"; }

std::string loss_formula(Act out, Loss loss) {
  const std::string T = kT, m = kMinus, y = kYhat;
  if (out == Act::Sigmoid && loss == Loss::Bce)
    return "(1/N)((" + y + " " + m + " y)/(" + y + "(1 " + m + " " + y + ")))" + T + " = (1/N)((1 " + m + " y)(1 + eᶻ) " + m +
           " y(1 + e⁻ᶻ))" + T + ", from z";
  if (out == Act::Softmax && loss == Loss::Cce) return m + "(1/N)(y/" + y + ")" + T + ", " + y + " = e^(z " + m + " logsumexp(z))";
  return loss == Loss::Mse ? "(2/N)(" + y + " " + m + " y)" + T
         : loss == Loss::Bce ? "(1/N)((" + y + " " + m + " y)/(" + y + "(1 " + m + " " + y + ")))" + T
                             : m + "(1/N)(y/" + y + ")" + T;
}

// Which non-finite values a matrix holds, as text for notes: "+Inf", "-Inf", "+Inf and -Inf", "NaN".
std::string inf_text(const MatD& M) {
  const bool pos = (M.array() == std::numeric_limits<double>::infinity()).any();
  const bool neg = (M.array() == -std::numeric_limits<double>::infinity()).any();
  std::string t = pos && neg ? "+Inf and -Inf" : pos ? "+Inf" : neg ? "-Inf" : "";
  if (M.array().isNaN().any()) t += t.empty() ? "NaN" : " and NaN";
  return t;
}

// Largest |entry| of a matrix, as text for notes.
std::string max_abs_text(const MatD& M) {
  if (M.size() == 0) return "0";
  if (!M.allFinite()) return inf_text(M);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", M.cwiseAbs().maxCoeff());
  return buf;
}

// dL/dyhat of the output layer in the exact form from the logits (head_loss_vjp), shaped like Yhat (K x N);
// `note` says so when an entry is beyond double's range.
MatD exact_dyhat(const NetworkD& netd, const TraceT<double>& t, const MatD& Yd, std::string& note) {
  MatD dyhat;
  head_loss_vjp(netd.arch.out, netd.arch.loss, t.Z.back(), Yd, dyhat);
  if (!dyhat.allFinite())
    note = "Some entries of ∂L/∂ŷ are beyond double's range (" + inf_text(dyhat) + "): ŷ is so close to 0 or 1 "
           "that 1/ŷ or 1/(1 − ŷ) overflows. Backprop never forms this factor; the fused ∂L/∂z = (ŷ − y)/N "
           "stays finite.";
  return dyhat;
}

template <class T>
Inspected gradient_part(const NetworkD& netd, const TraceT<double>& td, const MatD& Yd, const TrainingGrads<T>& tg,
                        int l, const std::string& wrt, Reg reg, double lambda) {
  const size_t i = static_cast<size_t>(l - 1);
  const int L = netd.arch.num_layers();
  const GradsT<T>& g = tg.g;
  if (wrt == "W") {
    Inspected r = shaped(g.dW[i].template cast<double>(), layer_name("W", l), false);
    r.formula = d("L", "W") + " = " + d("L", "Z") + " · " + layer_name("A", l - 1) + kT;
    if (has_penalty(reg, lambda)) {
      r.data_term = tg.data_dW[i].template cast<double>();
      r.penalty_term = tg.penalty_dW[i].template cast<double>();
      r.formula += " + " + penalty_text(reg) + " (data term + " + std::string(reg_name(reg)) + " penalty term)";
    }
    return r;
  }
  if (wrt == "b") {
    Inspected r = shaped(g.db[i].template cast<double>(), layer_name("b", l), false);
    r.formula = d("L", "b") + " = " + d("L", "Z") + " · 1 (the sum over the batch; biases carry no penalty)";
    return r;
  }
  if (wrt == "z") {
    Inspected r = shaped(g.dZ[i].template cast<double>(), layer_name("z", l), true);
    if (l == L && is_fused(netd.arch.out, netd.arch.loss))
      r.formula = d("L", "Z") + " = (P " + kMinus + " Y)/N (fused: " + (netd.arch.out == Act::Sigmoid ? "σ + BCE" : "softmax + CCE") + ")";
    else if (l < L)
      r.formula = d("L", "Z") + " = " + d("L", "A") + " " + kHadamard + " g′(Z)";
    return r;
  }
  if (wrt == "a") {
    if (l == L && is_fused(netd.arch.out, netd.arch.loss)) {  // dL/dyhat: training never forms it; exact from z
      std::string note;
      Inspected r = shaped(exact_dyhat(netd, td, Yd, note), layer_name("a", l), true);
      r.formula = loss_formula(netd.arch.out, netd.arch.loss);
      r.note = note;
      return r;
    }
    return shaped(g.dA[i + 1].template cast<double>(), layer_name("a", l), true);
  }
  if (wrt == "a_prev") {
    Inspected r = shaped(g.dA[i].template cast<double>(), layer_name("a", l - 1), true);
    r.formula = d("L", layer_name("A", l - 1)) + " = " + layer_name("W", l) + kT + " · " + d("L", "Z");
    return r;
  }
  Inspected r;
  r.error = "unknown quantity '" + wrt + "' (use yhat, z, a, a_prev, W or b)";
  return r;
}

}  // namespace

template <class T>
Inspected inspect(const NetworkT<T>& net, const MatX<T>& X, const MatX<T>& Y, int layer, const std::string& of,
                  const std::string& wrt, int sample, Reg reg, double lambda) {
  Inspected r;
  const int L = net.arch.num_layers();
  if (layer < 1 || layer > L) r.error = "layer must be between 1 and " + std::to_string(L);
  else if (X.cols() == 0) r.error = "the batch is empty";
  else if (sample >= X.cols()) r.error = "sample must be below the batch size " + std::to_string(X.cols());
  if (!r.ok()) return r;
  const bool batch = sample < 0;
  const MatX<T> Xs = batch ? X : MatX<T>(X.col(sample)), Ys = batch ? Y : MatX<T>(Y.col(sample));
  const NetworkD netd = net.template cast<double>();
  const MatD Xd = Xs.template cast<double>(), Yd = Ys.template cast<double>();
  TraceT<double> t;
  forward(netd, Xd, t);
  const Index N = Xd.cols();
  const std::string form = batch ? " · minibatch, N = " + std::to_string(N) : " · sample " + std::to_string(sample);

  if (of == "z") {
    r = dense_part(netd, t, layer, wrt, batch);
    r.title = d(layer_name("z", layer), wrt == "a_prev" ? layer_name("a", layer - 1) : layer_name(wrt.c_str(), layer)) + form;
  } else if (of == "a" && wrt == "z") {
    const size_t i = static_cast<size_t>(layer - 1);
    const Act f = netd.arch.act(layer);
    const Index K = t.Z[i].rows();
    r.M = batch ? output_jacobian_batch(f, t.Z[i]) : output_jacobian<double>(f, t.Z[i].col(0));
    r.row_axis = act_axis(layer_name("a", layer), K, N, batch);
    r.col_axis = act_axis(layer_name("z", layer), K, N, batch);
    r.title = d(layer_name("a", layer), layer_name("z", layer)) + " (" + std::string(act_name(f)) + ")" + form;
    r.formula = f == Act::Softmax ? (batch ? "blockdiag(diag(sₙ) " + std::string(kMinus) + " sₙ sₙ" + kT + ")" : "diag(s) " + std::string(kMinus) + " s s" + kT)
                                  : (batch ? "diag(vec g′(Z))" : "diag(g′(z))");
    if (f == Act::Sigmoid) r.formula += ", σ′(z) = σ(z) σ(−z)";
    if (f == Act::Tanh) r.formula += ", tanh′(z) = 4 σ(2z) σ(−2z)";
    if (f == Act::Softmax) r.key = "symmetric; each row sums to 0" + std::string(batch ? " · one block per sample" : "");
    else r.key = "diagonal: a[" + std::to_string(layer) + "][k] depends on z[" + std::to_string(layer) + "][k] only";
  } else if (of == "L" && wrt == "yhat") {
    const Loss loss = netd.arch.loss;
    const MatD dyhat = exact_dyhat(netd, t, Yd, r.note);
    r.M = Eigen::Map<const RowVecX<double>>(dyhat.data(), dyhat.size());
    r.row_axis = Axis{Axis::Kind::Scalar, "L", 1, 1};
    r.col_axis = act_axis(kYhat, t.output().rows(), N, batch);
    r.title = d("L", kYhat) + " (" + std::string(loss_name(loss)) + ", output layer " + std::to_string(L) + ")" + form;
    r.formula = loss_formula(netd.arch.out, loss);
    if (!batch) r.formula += ", N = 1";
  } else if (of == "L") {
    const TrainingGrads<T> tg = training_grads(net, Xs, Ys, reg, lambda);
    r = gradient_part(netd, t, Yd, tg, layer, wrt, reg, lambda);
    if (r.ok()) r.title += form;
  } else {
    r.error = "cannot inspect d" + of + "/d" + wrt + ": use of=z (wrt a_prev, W, b), of=a (wrt z) or of=L";
  }
  if (!r.ok()) r.M.resize(0, 0);
  // One sample's gradients are those of that sample's own loss (N = 1): N times its column of the minibatch form.
  if (r.ok() && of == "L" && !batch && r.key.empty())
    r.key = "one sample: L is this sample's own loss (N = 1); the minibatch form averages N samples";
  return r;
}

double check_relative_error(const MatD& analytic, const MatD& numeric, double function_scale) {
  if (analytic.size() == 0) return 0;
  if (!analytic.allFinite() || !numeric.allFinite()) return std::numeric_limits<double>::quiet_NaN();
  const double floor = 1e-3 * std::max(1.0, std::abs(function_scale));
  const double scale = std::max({analytic.cwiseAbs().maxCoeff(), numeric.cwiseAbs().maxCoeff(), floor});
  return (analytic - numeric).cwiseAbs().maxCoeff() / scale;
}

std::vector<GradCheckEntry> gradient_check(const NetworkD& net, const MatD& X, const MatD& Y, Reg reg,
                                           double lambda) {
  TraceT<double> t;
  GradsT<double> g;
  forward(net, X, t);
  backward(net, t, Y, g);
  add_reg_grad(net, reg, lambda, g);
  std::vector<GradCheckEntry> out;
  const double L0 = data_loss(net, t, Y) + reg_penalty(net, reg, lambda);
  NetworkD probe = net;
  auto objective = [&]() {
    TraceT<double> tp;
    forward(probe, X, tp);
    return data_loss(probe, tp, Y) + reg_penalty(probe, reg, lambda);
  };
  // Central differences of the objective over one parameter tensor, written through its storage in place.
  auto check = [&](double* data, Index rows, Index cols, const MatD& analytic, std::string name) {
    Eigen::Map<VecD> p(data, rows * cols);
    const VecD x0 = p;
    const MatD J = numeric_jacobian(
        [&](const VecD& x) {
          p = x;
          return VecD::Constant(1, objective());
        },
        x0);
    p = x0;
    GradCheckEntry e{std::move(name), analytic, Eigen::Map<const MatD>(J.data(), rows, cols), 0, 0};
    e.max_abs_error = (e.analytic - e.numeric).cwiseAbs().maxCoeff();
    e.rel_error = check_relative_error(e.analytic, e.numeric, std::max(1.0, std::abs(L0)));
    out.push_back(std::move(e));
  };
  for (size_t i = 0; i < net.W.size(); ++i) {
    const int l = static_cast<int>(i) + 1;
    check(probe.W[i].data(), probe.W[i].rows(), probe.W[i].cols(), g.dW[i], layer_name("W", l));
    check(probe.b[i].data(), probe.b[i].size(), 1, g.db[i], layer_name("b", l));
  }
  return out;
}

}  // namespace pg

namespace pg {

namespace {

MatD unvec(const VecD& v, Index rows, Index cols) { return Eigen::Map<const MatD>(v.data(), rows, cols); }
VecD vec_of(const MatD& M) { return Eigen::Map<const VecD>(M.data(), M.size()); }

// The forward pass with one quantity of layer i (0-based) replaced by v; returns vec(of), or the objective:
// the data loss (in its stable logit form for the fused heads, unless yhat itself is perturbed) plus the
// penalty of (reg, lambda).
VecD forward_with(const NetworkD& net0, const MatD& X, const MatD& Y, size_t i, const std::string& of,
                  const std::string& wrt, const VecD& v, Reg reg, double lambda) {
  NetworkD net = net0;
  if (wrt == "W") net.W[i] = unvec(v, net.W[i].rows(), net.W[i].cols());
  if (wrt == "b") net.b[i] = v;
  const size_t last = net.W.size() - 1;
  bool output_replaced = wrt == "yhat";
  MatD A = X, Z, next;
  for (size_t j = 0; j < net.W.size(); ++j) {
    if (j == i && wrt == "a_prev") A = unvec(v, A.rows(), A.cols());
    dense_forward(net.W[j], net.b[j], A, Z);
    if (j == i && wrt == "z") Z = unvec(v, Z.rows(), Z.cols());
    if (j == i && of == "z") return vec_of(Z);
    output_forward(net.arch.act(static_cast<int>(j) + 1), Z, next);
    if (j == i && wrt == "a") {
      next = unvec(v, next.rows(), next.cols());
      output_replaced = output_replaced || j == last;
    }
    if (j == i && of == "a") return vec_of(next);
    A = next;
  }
  if (wrt == "yhat") A = unvec(v, A.rows(), A.cols());
  double loss = 0;
  const Arch& a = net.arch;
  if (!output_replaced && a.out == Act::Sigmoid && a.loss == Loss::Bce) loss = sigmoid_bce_forward(Z, Y);
  else if (!output_replaced && a.out == Act::Softmax && a.loss == Loss::Cce) loss = softmax_cce_forward(Z, Y);
  else loss = loss_forward(a.loss, A, Y);
  return VecD::Constant(1, loss + reg_penalty(net, reg, lambda));
}

// The current value of the wrt quantity, flattened.
VecD wrt_value(const NetworkD& net, const TraceT<double>& t, size_t i, const std::string& wrt) {
  if (wrt == "W") return vec_of(net.W[i]);
  if (wrt == "b") return net.b[i];
  if (wrt == "a_prev") return vec_of(t.A[i]);
  if (wrt == "z") return vec_of(t.Z[i]);
  if (wrt == "a") return vec_of(t.A[i + 1]);
  return vec_of(t.output());  // yhat
}

}  // namespace

template <class T>
Inspected inspect_numeric(const NetworkT<T>& net0, const MatX<T>& X0, const MatX<T>& Y0, int layer,
                          const std::string& of, const std::string& wrt, int sample, Reg reg, double lambda) {
  Inspected r = inspect(net0, X0, Y0, layer, of, wrt, sample, reg, lambda);
  if (!r.ok()) return r;
  const NetworkD net = net0.template cast<double>();
  const MatD X = X0.template cast<double>(), Y = Y0.template cast<double>();
  const MatD Xs = sample < 0 ? X : MatD(X.col(sample)), Ys = sample < 0 ? Y : MatD(Y.col(sample));
  TraceT<double> t;
  forward(net, Xs, t);
  const size_t i = static_cast<size_t>(layer - 1);
  const std::string w = (of == "L" && wrt == "yhat") ? "yhat" : wrt;
  const MatD J = numeric_jacobian([&](const VecD& v) { return forward_with(net, Xs, Ys, i, of, w, v, reg, lambda); },
                                  wrt_value(net, t, i, w));
  r.M = of == "L" ? unvec(VecD(J.row(0).transpose()), r.M.rows(), r.M.cols()) : J;  // gradients keep their shape
  r.data_term.resize(0, 0);
  r.penalty_term.resize(0, 0);
  r.note.clear();
  r.title = "numerical " + r.title;
  return r;
}

template <class T>
ChainStep chain_step(const NetworkT<T>& net, const MatX<T>& X, const MatX<T>& Y, int layer, const std::string& op,
                     int sample, Reg reg, double lambda) {
  ChainStep c;
  std::string out, in;  // the op computes `out` from `in`
  if (op == "loss") out = "L", in = "yhat";
  else if (op == "act") out = "a", in = "z";
  else if (op == "W" || op == "b" || op == "a_prev") out = "z", in = op;
  else {
    c.error = "unknown op '" + op + "' (use loss, act, W, b or a_prev)";
    return c;
  }
  if (op == "loss") layer = net.arch.num_layers();
  c.local = inspect(net, X, Y, layer, out, in, sample, reg, lambda);
  if (!c.local.ok()) {
    c.error = c.local.error;
    return c;
  }
  if (op == "loss") {
    c.upstream.M = MatD::Ones(1, 1);
    c.upstream.row_axis = c.upstream.col_axis = Axis{Axis::Kind::Scalar, "L", 1, 1};
    c.upstream.title = d("L", "L") + " = 1";
  } else {
    c.upstream = inspect(net, X, Y, layer, "L", out, sample, reg, lambda);  // dL/d(out), shaped
    const VecD u = vec_of(c.upstream.M);
    c.upstream.M = u.transpose();
    c.upstream.col_axis = c.local.row_axis;
    c.upstream.row_axis = Axis{Axis::Kind::Scalar, "L", 1, 1};
  }
  c.downstream.M = c.upstream.M * c.local.M;
  c.downstream.row_axis = Axis{Axis::Kind::Scalar, "L", 1, 1};
  c.downstream.col_axis = c.local.col_axis;
  c.downstream.title = d("L", c.local.col_axis.name) + " = upstream · local";
  const Inspected bp = inspect(net, X, Y, layer, "L", in, sample, reg, lambda);  // what backprop computed
  const MatD bp_data = bp.data_term.size() ? bp.data_term : bp.M;               // the chain gives the data term
  if (op == "act" && !c.downstream.M.allFinite() && bp.M.allFinite()) {
    c.note = "|∂L/∂ŷ| reaches " + max_abs_text(c.upstream.M.cwiseAbs()) + " and ∂ŷ/∂z falls to " +
             std::string(c.local.M.cwiseAbs().minCoeff() == 0 ? "0" : "nearly 0") +
             ": the output is saturated beyond double's range, so the literal product is undefined (Inf × 0). "
             "Multiplied out, the factors cancel: backprop and training use the fused ∂L/∂z = (ŷ − y)/N, which is "
             "finite (largest |entry| " + max_abs_text(bp.M) + "), and that is shown as downstream.";
    c.downstream.M = vec_of(bp.M).transpose();
    c.downstream.title = d("L", c.local.col_axis.name) + " (fused: (ŷ − y)/N)";
  }
  c.backprop_diff = (vec_of(bp_data) - c.downstream.M.transpose()).cwiseAbs().maxCoeff();
  const double scale = std::max(c.downstream.M.cwiseAbs().maxCoeff(), vec_of(bp_data).cwiseAbs().maxCoeff());
  if (c.note.empty() && std::is_same_v<T, float> && c.backprop_diff > 1e-3 * scale)
    c.note = "The training step runs in float, where a saturated unit's output rounds to exactly 0, 1 or ±1 (sigmoid "
             "once |z| passes about 16, tanh about 8): its gradient here is the float value, and the product of the "
             "exact double factors differs from it by " + max_abs_text(MatD::Constant(1, 1, c.backprop_diff)) +
             ". Both are right to float precision; the difference is below what float can resolve.";
  if (op == "W" && bp.penalty_term.size())
    c.note = "The " + std::string(reg_name(reg)) + " penalty adds its own term to the gradient: ∂L/∂W = upstream · local + " +
             penalty_text(reg) + " (largest |penalty term| " + max_abs_text(bp.penalty_term) +
             "). The product above is the data term; the Matrices tab shows the total, which training applies.";
  return c;
}

#define PG_INSTANTIATE_INSPECT(T)                                                                                  \
  template Inspected inspect<T>(const NetworkT<T>&, const MatX<T>&, const MatX<T>&, int, const std::string&,      \
                                const std::string&, int, Reg, double);                                            \
  template Inspected inspect_numeric<T>(const NetworkT<T>&, const MatX<T>&, const MatX<T>&, int, const std::string&, \
                                        const std::string&, int, Reg, double);                                    \
  template ChainStep chain_step<T>(const NetworkT<T>&, const MatX<T>&, const MatX<T>&, int, const std::string&, int, \
                                   Reg, double);
PG_INSTANTIATE_INSPECT(float)
PG_INSTANTIATE_INSPECT(double)
#undef PG_INSTANTIATE_INSPECT

}  // namespace pg
