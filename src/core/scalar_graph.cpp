// core/scalar_graph.cpp: builds the scalar computational graph of one sample (gates with forward values and
// local gradients), then runs backprop over it in reverse topological order. See scalar_graph.h for the gates.
// Eigen + std only.
#include "core/scalar_graph.h"

#include "core/detmath.h"
#include "core/notation.h"
#include "core/ops.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace pg {

using namespace notation;

double ScalarGraph::grad(const std::string& engine_name) const {
  for (const Gate& g : gates)
    if (g.kind == GateKind::Leaf && g.engine_name == engine_name) return g.upstream;
  return std::numeric_limits<double>::quiet_NaN();
}

std::string scalar_graph_support(const Arch& a) {
  const std::string model = std::string(model_name(a.kind));
  if (a.output_dim != 1 || a.out == Act::Softmax)
    return "a scalar graph needs one output unit; this " + model + " model has " + std::to_string(a.output_dim) +
           " (softmax and several classes have no scalar graph here: use the Jacobian inspector)";
  if (a.input_dim < 1 || a.input_dim > kGraphMaxInputs)
    return "a scalar graph draws at most " + std::to_string(kGraphMaxInputs) + " inputs; this model has " +
           std::to_string(a.input_dim) + " (choose fewer features)";
  if (a.num_layers() > kGraphMaxLayers)
    return "a scalar graph draws at most " + std::to_string(kGraphMaxLayers) + " layers; this model has " +
           std::to_string(a.num_layers());
  for (size_t l = 0; l < a.hidden.size(); ++l) {
    if (a.hidden[l] != 1)
      return "a scalar graph follows one unit per layer; hidden layer " + std::to_string(l + 1) + " has " +
             std::to_string(a.hidden[l]) + " units (use layers=1, or linreg / logreg / no hidden layer)";
    if (l >= a.hidden_act.size() || a.hidden_act[l] == Act::Softmax) return "hidden layer " + std::to_string(l + 1) + " has no elementwise activation";
  }
  if (a.loss == Loss::Cce) return "a scalar graph has MSE or BCE as its loss; CCE needs a softmax over several outputs";
  if (a.loss == Loss::Bce && a.out != Act::Sigmoid) return "BCE needs a sigmoid output here (ŷ in (0, 1))";
  return "";
}

namespace {

struct Builder {
  ScalarGraph g;
  int add(Gate gate) {
    gate.id = static_cast<int>(g.gates.size());
    gate.downstream.assign(gate.inputs.size(), 0.0);
    g.gates.push_back(std::move(gate));
    return g.gates.back().id;
  }
  int leaf(const std::string& name, const std::string& engine_name, LeafRole role, int layer, int unit, double v) {
    Gate gate;
    gate.kind = GateKind::Leaf;
    gate.op = name;
    gate.name = name;
    gate.engine_name = engine_name;
    gate.role = role;
    gate.layer = layer;
    gate.unit = unit;
    gate.value = v;
    return add(std::move(gate));
  }
  int op(GateKind kind, const std::string& op, const std::string& name, int layer, std::vector<int> inputs, double v,
         std::vector<double> local, GatePattern pattern = GatePattern::None, const std::string& engine_name = "") {
    Gate gate;
    gate.kind = kind;
    gate.op = op;
    gate.name = name;
    gate.engine_name = engine_name;
    gate.layer = layer;
    gate.inputs = std::move(inputs);
    gate.value = v;
    gate.local = std::move(local);
    gate.pattern = pattern;
    return add(std::move(gate));
  }
  double value(int id) const { return g.gates[static_cast<size_t>(id)].value; }
};

std::string short_num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string idx(const char* q, int l, int i) { return std::string(q) + "[" + std::to_string(l) + "][" + std::to_string(i) + "]"; }

// The activation gate(s) of layer l on the add gate z; returns the id of the gate whose value is a[l].
int activation_gates(Builder& b, Act f, int l, int z, const std::string& zname, const std::string& aname,
                     bool decompose, std::string& text) {
  const double zv = b.value(z);
  const std::string an = idx("a", l, 0);
  switch (f) {
    case Act::Linear:
      text = aname + " = " + zname;
      return z;
    case Act::Sigmoid:
      if (!decompose) {
        text = aname + " = " + kSigma + "(" + zname + ")";
        return b.op(GateKind::Sigmoid, kSigma, aname, l, {z}, det_sigmoid(zv), {act_derivative_exact(Act::Sigmoid, zv)},
                    GatePattern::None, an);
      } else {
        text = aname + " = 1/(1 + e^(" + kMinus + zname + "))";
        const int neg = b.op(GateKind::Neg, std::string(kTimes) + "(" + kMinus + "1)", kMinus + zname, l, {z}, -zv, {-1.0});
        const double e = det_exp(-zv);
        const int ex = b.op(GateKind::Exp, "exp", std::string("e^(") + kMinus + zname + ")", l, {neg}, e, {e});
        const int one = b.op(GateKind::AddOne, "+1", std::string("1 + e^(") + kMinus + zname + ")", l, {ex}, 1 + e, {1.0},
                             GatePattern::Distributes);
        const double x = 1 + e;
        return b.op(GateKind::Recip, "1/x", aname, l, {one}, 1 / x, {-1 / (x * x)}, GatePattern::None, an);
      }
    case Act::Relu: {
      text = aname + " = max(0, " + zname + ")";
      const int zero = b.leaf("0", "", LeafRole::Constant, l, -1, 0.0);
      const bool pos = zv > 0;  // the engine's relu′(0) = 0: a tie routes to the constant
      return b.op(GateKind::Max, "max", aname, l, {z, zero}, pos ? zv : 0.0, {pos ? 1.0 : 0.0, pos ? 0.0 : 1.0},
                  GatePattern::Routes, an);
    }
    default: {
      const std::string name(act_name(f));
      text = aname + " = " + name + "(" + zname + ")";
      return b.op(GateKind::Act, name, aname, l, {z}, act_scalar(f, zv), {act_derivative_exact(f, zv)}, GatePattern::None, an);
    }
  }
}

}  // namespace

ScalarGraph scalar_graph(const NetworkD& net, const VecD& x, double y, bool decompose) {
  ScalarGraph bad;
  const Arch& a = net.arch;
  bad.error = scalar_graph_support(a);
  if (bad.error.empty() && x.size() != a.input_dim)
    bad.error = "the sample has " + std::to_string(x.size()) + " features; the model takes " + std::to_string(a.input_dim);
  if (bad.error.empty() && (net.W.size() != size_t(a.num_layers()) || net.b.size() != net.W.size()))
    bad.error = "the network's weights do not match its architecture";
  if (bad.error.empty() && (!x.allFinite() || !std::isfinite(y) || !net.all_finite()))
    bad.error = "a weight, a feature or the target is not a finite number";
  if (!bad.ok()) return bad;

  Builder b;
  const int L = a.num_layers();
  std::vector<int> prev;  // gate ids of a[l−1]
  std::string text;
  int out = -1, last_z = -1;
  for (int l = 1; l <= L; ++l) {
    const MatD& W = net.W[size_t(l - 1)];
    const std::string sfx = L == 1 ? "" : "[" + std::to_string(l) + "]";
    const std::string zname = "z" + sfx, aname = l == L ? std::string(kYhat) : "a[" + std::to_string(l) + "]";
    std::vector<int> prods;
    std::string zsum;
    for (Index i = 0; i < W.cols(); ++i) {
      const int ii = static_cast<int>(i);
      const std::string wname = "w" + sfx + (W.cols() > 1 || l == 1 ? sub(i) : "");
      const int w = b.leaf(wname, "W[" + std::to_string(l) + "][0," + std::to_string(i) + "]", LeafRole::Weight, l, ii, W(0, i));
      int in = -1;
      std::string inname;
      if (l == 1) {
        inname = "x" + sub(i);
        in = b.leaf(inname, "x[" + std::to_string(i) + "]", LeafRole::Input, 0, ii, x(i));
      } else {
        in = prev[size_t(i)];
        inname = b.g.gates[size_t(in)].name;
      }
      const double wv = b.value(w), xv = b.value(in);
      prods.push_back(b.op(GateKind::Mul, kTimes, wname + inname, l, {w, in}, wv * xv, {xv, wv}, GatePattern::Swaps));
      zsum += (i ? " + " : "") + wname + inname;
    }
    const std::string bname = "b" + sfx;
    const int bias = b.leaf(bname, "b[" + std::to_string(l) + "][0]", LeafRole::Bias, l, 0, net.b[size_t(l - 1)](0));
    std::vector<int> ins = prods;
    ins.push_back(bias);
    double zv = 0;
    for (int id : ins) zv += b.value(id);
    const int z = b.op(GateKind::Add, "+", zname, l, ins, zv, std::vector<double>(ins.size(), 1.0), GatePattern::Distributes,
                       idx("z", l, 0));
    last_z = z;
    std::string act_text;
    out = activation_gates(b, a.act(l), l, z, zname, aname, decompose, act_text);
    if (out == z) b.g.gates[size_t(z)].name = zname + " = " + aname;  // linear: ŷ = z
    text += (l > 1 ? ", " : "") + zname + " = " + zsum + " + " + bname + ", " + act_text;
    prev = {out};
  }

  // The loss gate: this sample's loss (N = 1).
  const double yh = b.value(out);
  ScalarGraph& g = b.g;
  g.output_gate = out;
  g.target = y;
  g.loss_kind = a.loss;
  g.decomposed = decompose && (a.out == Act::Sigmoid || std::find(a.hidden_act.begin(), a.hidden_act.end(), Act::Sigmoid) != a.hidden_act.end());
  double lv = 0, dl = 0;
  std::string lop;
  if (a.loss == Loss::Mse) {
    lv = (yh - y) * (yh - y);
    dl = 2 * (yh - y);
    lop = "(" + std::string(kYhat) + " " + kMinus + " y)²";
  } else {  // BCE on a sigmoid output, from the logit (ops.h sigmoid_bce_forward, head_loss_vjp with N = 1)
    const double zl = g.gates[size_t(last_z)].value;
    if (y != 0) lv += y * det_softplus(-zl);
    if (y != 1) lv += (1 - y) * det_softplus(zl);
    if (y != 1) dl += (1 - y) * (1 + det_exp(zl));
    if (y != 0) dl -= y * (1 + det_exp(-zl));
    lop = std::string(kMinus) + "y log " + kYhat + " " + kMinus + " (1 " + kMinus + " y) log(1 " + kMinus + " " + kYhat + ")";
  }
  g.loss_gate = b.op(GateKind::Loss, lop, "L", L + 1, {out}, lv, {dl}, GatePattern::None, "L");
  g.loss = lv;
  g.formula = text + ", L = " + lop + " with y = " + short_num(y);

  // Backward: reverse topological order; a gate's upstream is complete once every consumer (larger id) is done.
  g.gates[size_t(g.loss_gate)].upstream = 1;
  for (int id = g.loss_gate; id >= 0; --id) {
    Gate& gate = g.gates[size_t(id)];
    if (gate.kind == GateKind::Leaf) continue;
    g.backward_order.push_back(id);
    for (size_t k = 0; k < gate.inputs.size(); ++k) {
      gate.downstream[k] = gate.upstream * gate.local[k];
      g.gates[size_t(gate.inputs[k])].upstream += gate.downstream[k];
    }
  }
  for (const Gate& gate : g.gates) {
    bool finite = std::isfinite(gate.upstream);
    for (double d : gate.downstream) finite = finite && std::isfinite(d);
    if (!finite) {
      g.note = "σ is saturated beyond double's range here: ∂L/∂ŷ overflows while σ′(z) underflows, so the literal "
               "product upstream × local is undefined (Inf × 0). Backprop never forms ∂L/∂ŷ: it uses the fused "
               "∂L/∂z = ŷ − y = " + short_num(yh - y) + " (per sample).";
      break;
    }
  }
  g.batch_relation =
      "L here is this one sample's loss (the engine's formula with N = 1). For a minibatch of N samples the engine's "
      "data gradient is the mean of the per-sample gradients: ∂L/∂w = (1/N) Σₙ ∂Lₙ/∂w, and the same for b; a "
      "regularizer then adds λw (L2) or λ sign(w) (L1) to ∂L/∂w (biases carry no penalty).";
  return g;
}

template <class T>
ScalarGraph scalar_graph(const NetworkT<T>& net, const MatX<T>& X, const MatX<T>& Y, int sample, bool decompose) {
  ScalarGraph bad;
  bad.error = scalar_graph_support(net.arch);
  if (bad.ok() && (X.cols() == 0 || X.cols() != Y.cols())) bad.error = "the batch is empty";
  else if (bad.ok() && (sample < 0 || sample >= X.cols()))
    bad.error = "sample must be from 0 to " + std::to_string(X.cols() - 1) + " (the batch has " + std::to_string(X.cols()) + ")";
  else if (bad.ok() && (X.rows() != net.arch.input_dim || Y.rows() != 1)) bad.error = "X or Y does not fit the model's shape";
  if (!bad.ok()) return bad;
  const VecD x = X.col(sample).template cast<double>();
  return scalar_graph(net.template cast<double>(), x, double(Y(0, sample)), decompose);
}

template ScalarGraph scalar_graph<float>(const NetworkT<float>&, const MatX<float>&, const MatX<float>&, int, bool);
template ScalarGraph scalar_graph<double>(const NetworkT<double>&, const MatX<double>&, const MatX<double>&, int, bool);

}  // namespace pg
