// core/jacobian.h: the explicit Jacobians a learner inspects (one sample or the whole minibatch), the central-
// difference numerical Jacobian, and the gradient check. Everything here runs in double and is built from the
// *_jacobian functions in ops.h; nothing here is on the training path. Eigen + std only.
#pragma once

#include "core/model.h"
#include "core/types.h"

#include <string>
#include <vector>

namespace pg {

// Central differences: J(i, j) = (f(x + h e_j) - f(x - h e_j))_i / (2 h),  h = 6.06e-6 * max(1, |x_j|)
// (cube root of double epsilon, scaled). f: R^n -> R^m as VecD -> VecD; returns (m x n).
template <class F> MatD numeric_jacobian(F&& f, const VecD& x) {
  VecD xp = x;
  MatD J;
  for (Index j = 0; j < x.size(); ++j) {
    const double h = 6.0554544523933395e-06 * std::max(1.0, std::abs(x(j)));
    xp(j) = x(j) + h;
    const VecD fp = f(xp);
    xp(j) = x(j) - h;
    const VecD fm = f(xp);
    xp(j) = x(j);
    if (j == 0) J.resize(fp.size(), x.size());
    J.col(j) = (fp - fm) / (2 * h);
  }
  return J;
}

// What one axis of an inspected matrix indexes, so row/column numbers can be named for the learner.
struct Axis {
  enum class Kind { Scalar, Vector, Batch, Matrix } kind = Kind::Vector;
  std::string name;   // e.g. "z[2]", "W[1]", "L"
  Index rows = 1;     // Vector: length; Batch: K (per sample); Matrix: rows of the parameter
  Index cols = 1;     // Batch: N samples; Matrix: columns of the parameter
  Index size() const { return kind == Kind::Scalar ? 1 : (kind == Kind::Vector ? rows : rows * cols); }
  std::string label(Index i) const;  // "z[2][3] of sample 1", "W[1][0,4]", "L"
};

struct Inspected {
  MatD M;               // the matrix (Jacobian: outputs x inputs; gradient: shaped like its parameter)
  Axis row_axis, col_axis;
  std::string title;    // e.g. "dz[2]/dW[2] (one sample)"
  std::string formula;  // e.g. "a[1]^T (x) I_K"
  // dL/dW with a regularizer: M = data_term + penalty_term (L is the objective the optimizer minimises, the
  // data loss plus the penalty; see README "Conventions"). Both empty when there is no penalty.
  MatD data_term, penalty_term;
  std::string note;     // what the learner should know about these numbers (e.g. a factor beyond double range)
  std::string key;      // a one-line key under the heatmap: what ⊗ means, K and N with their values, layout
  std::string error;    // non-empty if the request made no sense; M is then empty
  bool ok() const { return error.empty(); }
};

// Names of what can be inspected, for layer l in 1..L:
//   of in {L, z, a},   wrt in {yhat, z, a, a_prev, W, b}
//   z  wrt a_prev | W | b   the dense layer's Jacobians        a wrt z   the activation Jacobian
//   L  wrt yhat             the loss Jacobian (output layer)  L wrt z | a | a_prev | W | b   the gradient
// sample >= 0 selects one sample of the batch (the single-sample form); sample < 0 gives the minibatch
// ("extended") form over the whole batch, flattened with column-major vec() (see core/types.h).
//
// L is the objective the optimizer minimises: the data loss (mean over the batch) plus the penalty R(W) of
// (reg, lambda) (model.h). Only dL/dW sees the penalty; it is split into data_term + penalty_term.
//
// The gradients (L wrt z, a, a_prev, W, b) are exactly what training applies: computed on the network as
// given, in its own precision, by the same forward, fused backward and penalty that Trainer::step runs (so
// for the float network they equal the training step's gradient bit for bit), then widened to double. The
// Jacobian factors (dL/dyhat, da/dz, softmax, dz/d.) are computed in double from the same weights, in the
// exact forms of ops.h (act_derivative_exact, head_loss_vjp), so they stay right where sigmoid and softmax
// saturate. dL/da of the output layer is dL/dyhat, which training never forms: it comes from head_loss_vjp.
// Explicitly instantiated for T = float (the page and the CLI, on the trainer's network) and double (tests).
template <class T>
Inspected inspect(const NetworkT<T>& net, const MatX<T>& X, const MatX<T>& Y, int layer, const std::string& of,
                  const std::string& wrt, int sample, Reg reg = Reg::None, double lambda = 0);

// The same matrix as inspect(), computed by central differences of the forward pass in double (losses in
// their stable logit forms, the penalty included for W): the "numerical" side of the gradient-check view.
// Same shape, axes and title.
template <class T>
Inspected inspect_numeric(const NetworkT<T>& net, const MatX<T>& X, const MatX<T>& Y, int layer,
                          const std::string& of, const std::string& wrt, int sample, Reg reg = Reg::None,
                          double lambda = 0);

// One backprop module, as the chain rule applies it: downstream = upstream x local (CS231n's gate picture).
//   op "loss"    L <- yhat:        upstream [1] (1 x 1),  local dL/dyhat,        downstream dL/dyhat
//   op "act"     a[l] <- z[l]:     upstream dL/da[l],     local da[l]/dz[l],     downstream dL/dz[l]
//   op "W", "b", "a_prev"  z[l] <- W[l] | b[l] | a[l-1]:  upstream dL/dz[l],  local dz[l]/d(in),  downstream dL/d(in)
// upstream and downstream are row vectors (vec()'d gradients, transposed). backprop_diff is the largest
// |downstream - backprop's gradient| (for W: its data term), which the view shows to prove the product is
// what training uses. Where the output saturates so far that a factor leaves double's range (dL/dyhat = Inf
// against dyhat/dz = 0), the literal product is undefined: downstream is then the fused dL/dz = (yhat - y)/N
// that backprop uses, and `note` says why. With a penalty, `note` gives dL/dW's penalty term too.
struct ChainStep {
  Inspected upstream, local, downstream;
  double backprop_diff = 0;
  std::string note;
  std::string error;
  bool ok() const { return error.empty(); }
};
template <class T>
ChainStep chain_step(const NetworkT<T>& net, const MatX<T>& X, const MatX<T>& Y, int layer, const std::string& op,
                     int sample, Reg reg = Reg::None, double lambda = 0);

// The relative error of a check, analytic against central differences:
//   max_i |analytic_i - numeric_i| / max(max_i |analytic_i|, max_i |numeric_i|, 1e-3 max(1, |f|))
// where |f| is the size of the differentiated function's values (the objective L for gradients). Central
// differences with h ~ 6e-6 carry an absolute error near eps |f| / h ~ 4e-11 |f|, so a matrix far smaller than
// |f| (a vanishing gradient in an early layer, 1e-6) is measured against the floor 1e-3 |f| instead of its own
// size, where that noise alone would read as a relative error of 1e-5. NaN when either side is not finite:
// there is nothing to compare (e.g. a loss Jacobian beyond double's range).
double check_relative_error(const MatD& analytic, const MatD& numeric, double function_scale);

// Gradient check: for every parameter tensor, analytic (backprop, double) beside central differences of the
// total objective (data loss + penalty), compared by check_relative_error with |f| = |L|.
struct GradCheckEntry {
  std::string name;  // "W[1]", "b[1]", ...
  MatD analytic, numeric;
  double max_abs_error = 0, rel_error = 0;
};
std::vector<GradCheckEntry> gradient_check(const NetworkD& net, const MatD& X, const MatD& Y, Reg reg,
                                           double lambda);

}  // namespace pg
