// core/paths.cpp: the paths of a weight, an activation or a bias to the loss, their products and their sum,
// beside the gradient backprop computed (inspect(), jacobian.h). Eigen + std only.
#include "core/paths.h"

#include "core/jacobian.h"
#include "core/notation.h"

namespace pg {

using namespace notation;

bool parse_path_of(const std::string& text, PathOf& out) {
  if (text == "W") out = PathOf::Weight;
  else if (text == "a") out = PathOf::Activation;
  else if (text == "b") out = PathOf::Bias;
  else return false;
  return true;
}

namespace {

std::string count(Index n, const char* what) { return std::to_string(n) + " " + what + (n == 1 ? "" : "s"); }
std::string q(const char* name, int l) { return std::string(name) + "[" + std::to_string(l) + "]"; }
// "z[2]₀,₃"
std::string q2(const char* name, int l, Index r, Index c) { return q(name, l) + sub(r) + "," + sub(c); }
std::string range_error(const char* what, Index v, Index n) {
  return std::string(what) + " must be from 0 to " + std::to_string(n - 1) + ", not " + std::to_string(v);
}

}  // namespace

template <class T>
TotalDerivative total_derivative(const NetworkT<T>& net, const MatX<T>& X, const MatX<T>& Y, PathOf of, int layer,
                                 int row, int col, Reg reg, double lambda) {
  TotalDerivative r;
  r.of = of;
  r.layer = layer;
  r.row = row;
  r.col = col;
  const int L = net.arch.num_layers();
  if (layer < 1 || layer > L) r.error = "layer must be between 1 and " + std::to_string(L);
  else if (X.cols() == 0) r.error = "the batch is empty";
  if (!r.ok()) return r;
  const size_t i = static_cast<size_t>(layer - 1);
  const Index K = net.W[i].rows(), D = net.W[i].cols(), N = X.cols();
  if (of == PathOf::Weight && (row < 0 || row >= K)) r.error = range_error("row (j, the unit of layer l)", row, K);
  else if (of == PathOf::Weight && (col < 0 || col >= D)) r.error = range_error("col (i, the unit of layer l−1)", col, D);
  else if (of == PathOf::Activation && (row < 0 || row >= D)) r.error = range_error("row (i, the unit of a[l−1])", row, D);
  else if (of == PathOf::Activation && (col < 0 || col >= N)) r.error = range_error("col (the sample)", col, N);
  else if (of == PathOf::Bias && (row < 0 || row >= K)) r.error = range_error("row (j, the unit of layer l)", row, K);
  else if (of == PathOf::Bias && col != 0) r.error = "b[l] is a column: col must be 0";
  if (!r.ok()) return r;

  // The engine's own numbers: dL/dZ[l] of the minibatch objective, and the forward cache.
  const Inspected dz = inspect(net, X, Y, layer, "L", "z", -1, reg, lambda);
  if (!dz.ok()) {
    r.error = dz.error;
    return r;
  }
  TraceT<T> trace;
  forward(net, X, trace);
  const MatD A = trace.A[i].template cast<double>();  // a[l−1] (D x N)
  const MatD W = net.W[i].template cast<double>();
  const std::string dzname = std::string(kPartial) + "L/" + kPartial;
  const std::string sum_sym = "Σ";

  if (of == PathOf::Weight || of == PathOf::Bias) {
    const bool w = of == PathOf::Weight;
    for (Index n = 0; n < N; ++n) {
      PathTerm p;
      p.index = static_cast<int>(n);
      p.factor_labels = {dzname + q2("z", layer, row, n)};
      p.factors = {dz.M(row, n)};
      if (w) {
        p.factor_labels.push_back(q2("a", layer - 1, col, n));
        p.factors.push_back(A(col, n));
      } else {
        p.factor_labels.push_back("1");
        p.factors.push_back(1.0);
      }
      p.product = p.factors[0] * p.factors[1];
      p.label = "sample " + std::to_string(n) + ": " + p.factor_labels[0] + " · " + p.factor_labels[1];
      r.paths.push_back(std::move(p));
    }
    const Inspected bp = inspect(net, X, Y, layer, "L", w ? "W" : "b", -1, reg, lambda);
    if (w) {
      r.quantity = q("W", layer) + "[" + std::to_string(row) + "," + std::to_string(col) + "]";
      r.formula = dzname + q2("W", layer, row, col) + " = " + sum_sym + "ₙ " + dzname + q("z", layer) + sub(row) + ",ₙ · " +
                  q("a", layer - 1) + sub(col) + ",ₙ   (" + count(N, "path") + ", one per sample)";
      r.backprop = bp.data_term.size() ? bp.data_term(row, col) : bp.M(row, col);
      r.penalty = bp.penalty_term.size() ? bp.penalty_term(row, col) : 0.0;
      r.total = bp.M(row, col);
      if (bp.penalty_term.size())
        r.note = "With the " + std::string(reg_name(reg)) + " penalty, training applies ∂L/∂W = Σ paths + " +
                 (reg == Reg::L1 ? std::string(kLambda) + " sign(W)" : std::string(kLambda) + "W") +
                 ": the penalty is a term of its own (it does not go through any sample), added beside the sum.";
    } else {
      r.quantity = q("b", layer) + "[" + std::to_string(row) + "]";
      r.formula = dzname + q("b", layer) + sub(row) + " = " + sum_sym + "ₙ " + dzname + q("z", layer) + sub(row) + ",ₙ   (" + count(N, "path") +
                  ", one per sample; biases carry no penalty)";
      r.backprop = r.total = bp.M(row, 0);
    }
  } else {
    const Index n = col;
    for (Index j = 0; j < K; ++j) {
      PathTerm p;
      p.index = static_cast<int>(j);
      p.factor_labels = {dzname + q2("z", layer, j, n), q2("W", layer, j, row)};
      p.factors = {dz.M(j, n), W(j, row)};
      p.product = p.factors[0] * p.factors[1];
      p.label = "unit " + std::to_string(j) + ": " + p.factor_labels[0] + " · " + p.factor_labels[1];
      r.paths.push_back(std::move(p));
    }
    const Inspected bp = inspect(net, X, Y, layer, "L", "a_prev", -1, reg, lambda);
    r.quantity = q("a", layer - 1) + "[" + std::to_string(row) + "] of sample " + std::to_string(n);
    r.formula = dzname + q2("a", layer - 1, row, n) + " = " + sum_sym + "ⱼ " + dzname + q("z", layer) + "ⱼ," + sub(n) + " · " +
                q("W", layer) + "ⱼ," + sub(row) + "   (" + count(K, "path") + ", one per unit of layer " +
                std::to_string(layer) + ")";
    r.backprop = r.total = bp.M(row, n);
  }
  for (const PathTerm& p : r.paths) r.sum += p.product;
  return r;
}

template TotalDerivative total_derivative<float>(const NetworkT<float>&, const MatX<float>&, const MatX<float>&, PathOf,
                                                 int, int, int, Reg, double);
template TotalDerivative total_derivative<double>(const NetworkT<double>&, const MatX<double>&, const MatX<double>&,
                                                  PathOf, int, int, int, Reg, double);

}  // namespace pg
