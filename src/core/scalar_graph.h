// core/scalar_graph.h: the scalar computational graph of one sample through a one-output model (CS231n lecture 4;
// the course's "backprop module", chapters 2.10 and 3.6): every multiply, add and activation as a gate with its
// forward value, its local gradient(s), the upstream gradient ∂L/∂out and the downstream gradients
// ∂L/∂in = upstream × local. Values in double. Eigen + std only; nothing here is on the training path.
//
// What has a scalar graph: a network with ONE output unit (K = 1), at most kGraphMaxInputs inputs (D ≤ 4), and
// every hidden layer one unit wide, at most kGraphMaxLayers layers: linear regression (ŷ = wᵀx + b, MSE),
// logistic regression (ŷ = σ(wᵀx + b), BCE), a single neuron ŷ = g(wᵀx + b) (mlp with no hidden layer), or a
// chain of single neurons (mlp with layers=1, e.g. a ReLU unit feeding a linear output). Softmax, several
// outputs, wider hidden layers and CCE are rejected with a sentence saying why (scalar_graph_support).
//
// Gates, for layer l (inputs a[l−1]ᵢ: the features xᵢ for l = 1):
//   leaf   wᵢ, xᵢ, b, and the constant 0 of a max gate: no inputs; upstream = ∂L/∂leaf (the gradient it receives)
//   ×      wᵢ · xᵢ           local (xᵢ, wᵢ)                  pattern "swaps": each input gets upstream × the other
//   +      Σᵢ wᵢxᵢ + b = z   local (1, ..., 1)              pattern "distributes": each input gets upstream
//   σ      ŷ = σ(z)          local σ(z)(1 − σ(z))  (one gate), or DECOMPOSED (CS231n's sigmoid example):
//            ×(−1): −z  local −1;   exp: e^(−z)  local e^(−z);   +1: 1 + e^(−z)  local 1 (pattern "distributes");
//            1/x: σ(z)  local −1/x²
//   max    max(0, z) (ReLU)  local (1[z > 0], 1[z ≤ 0])    pattern "routes": the larger input gets upstream, the
//                                                           other 0 (at z = 0 the engine's relu′ is 0: to the 0)
//   tanh, lrelu, elu, softplus: one gate, local g′(z) in the exact form act_derivative_exact (ops.h)
//   linear: no gate (ŷ = z)
//   loss   MSE: (ŷ − y)², local 2(ŷ − y);  BCE: −[y log ŷ + (1 − y) log(1 − ŷ)], local (ŷ − y)/(ŷ(1 − ŷ)),
//          evaluated from the logit z as head_loss_vjp does ((1 − y)(1 + eᶻ) − y(1 + e⁻ᶻ)) so it stays exact
//          where σ saturates; the BCE value is the stable softplus form (ops.h sigmoid_bce_forward).
//
// The loss is this ONE sample's loss, the engine's loss formula with N = 1 (ops.h: L = (1/N) Σₙ ...). So for a
// minibatch of N samples, the engine's data gradient is the mean of these per-sample gradients:
//   ∂L_batch/∂w = (1/N) Σₙ ∂Lₙ/∂w     (and the same for b; ∂L_batch/∂xₙ = (1/N) ∂Lₙ/∂xₙ).
// With a regularizer the training gradient adds the penalty term λw (L2) or λ sign(w) (L1) to ∂L/∂w (model.h
// reg_grad); the penalty is not a gate here. With N = 1 and no penalty, ∂L/∂w here IS the training step's
// gradient (Trainer::last_gradients, tests/core/scalar_graph_test.cpp).
#pragma once

#include "core/model.h"
#include "core/types.h"

#include <string>
#include <vector>

namespace pg {

constexpr int kGraphMaxInputs = 4;  // D
constexpr int kGraphMaxLayers = 3;  // L (hidden layers of width 1, then the output unit)

enum class GateKind : uint8_t {
  Leaf,    // a parameter (w, b), an input feature (x), or the constant 0 of a max gate
  Mul,     // wᵢ · aᵢ
  Add,     // Σ inputs (+ b)
  Sigmoid, // σ as one gate
  Neg,     // ×(−1)      (decomposed σ)
  Exp,     // exp         (decomposed σ)
  AddOne,  // +1          (decomposed σ)
  Recip,   // 1/x         (decomposed σ)
  Max,     // max(0, z)   (ReLU)
  Act,     // any other elementwise activation as one gate (tanh, lrelu, elu, softplus)
  Loss     // (ŷ − y)² or BCE
};

// CS231n's gradient-flow patterns.
enum class GatePattern : uint8_t { None, Distributes, Swaps, Routes };
inline constexpr const char* kGatePatternNames[] = {"", "distributes", "swaps", "routes"};

enum class LeafRole : uint8_t { None, Weight, Bias, Input, Constant };  // Leaf gates only

struct Gate {
  int id = 0;                      // index into ScalarGraph::gates; inputs always have smaller ids
  GateKind kind = GateKind::Leaf;
  std::string op;                  // the gate's label in course notation: "×", "+", "σ", "×(−1)", "exp", "+1",
                                   // "1/x", "max", "tanh", "(ŷ − y)²", "BCE"; a leaf: its name
  std::string name;                // what its output is called: "w₀", "x₁", "b", "w₀x₀", "z", "ŷ", "L"; layers
                                   // after the first carry [l]: "w[2]₀", "z[2]", "a[1]"
  std::string engine_name;         // the same quantity as the inspector names it, when it is one: "W[1][0,2]",
                                   // "b[1][0]", "x[2]", "z[1][0]", "a[1][0]", "L"; "" for inner gates
  LeafRole role = LeafRole::None;
  int layer = 0;                   // 1..L for the layer's gates and parameters; 0 for the inputs xᵢ; L+1: loss
  int unit = -1;                   // for leaves wᵢ / xᵢ / a[l−1]ᵢ: i; else −1
  std::vector<int> inputs;         // gate ids, in the order of `local` and `downstream`
  double value = 0;                // forward value
  std::vector<double> local;       // ∂out/∂inputs[k]
  double upstream = 0;             // ∂L/∂out (for the loss gate: ∂L/∂L = 1; for a leaf: the gradient it gets)
  std::vector<double> downstream;  // ∂L/∂inputs[k] = upstream × local[k]
  GatePattern pattern = GatePattern::None;
};

struct ScalarGraph {
  std::vector<Gate> gates;          // forward (topological) order, gates[k].id == k: per layer, for each input i the
                                    // leaves wᵢ (and xᵢ in layer 1) then their ×; then b, the +, the activation
                                    // gate(s) (a max gate's constant 0 just before it); the loss gate last
  std::vector<int> backward_order;  // the non-leaf gates from the loss back to the first multiply: the order in
                                    // which backprop visits them (each step writes the downstream of one gate)
  int loss_gate = -1;               // id of the loss gate (the last gate)
  int output_gate = -1;             // id of the gate whose value is ŷ
  double loss = 0;                  // this sample's loss Lₙ (N = 1)
  double target = 0;                // y
  Loss loss_kind = Loss::Mse;
  bool decomposed = false;          // σ drawn as ×(−1), exp, +1, 1/x
  std::string formula;              // e.g. "L = BCE(σ(w₀x₀ + w₁x₁ + b), y)"
  std::string batch_relation;       // how these gradients make the minibatch gradient (text for the page)
  std::string note;                 // e.g. a factor beyond double's range where σ saturates
  std::string error;                // non-empty when no graph was built; gates are then empty
  bool ok() const { return error.empty(); }
  // The gradient a leaf received (its upstream), found by engine_name ("W[1][0,1]", "b[1][0]", "x[0]");
  // NaN if there is no such leaf.
  double grad(const std::string& engine_name) const;
};

// "" if the architecture has a scalar graph, else the reason ("a scalar graph needs one output unit; this
// softmax model has 3", ...).
std::string scalar_graph_support(const Arch& arch);

// The graph of one sample: x (D) its features, y its target (1). `net` may be any network that
// scalar_graph_support accepts (a hand-made one too, e.g. out = Relu). Shape mismatches and non-finite inputs
// are errors, never a crash.
ScalarGraph scalar_graph(const NetworkD& net, const VecD& x, double y, bool decompose_sigmoid);

// The graph of sample `sample` (0-based column) of X (D x N), Y (1 x N): a minibatch (Trainer::next_batch, as the
// inspector does) or the whole training set. The network's weights are widened to double. Errors: the model is
// not supported, sample out of range, shapes do not fit.
template <class T>
ScalarGraph scalar_graph(const NetworkT<T>& net, const MatX<T>& X, const MatX<T>& Y, int sample,
                         bool decompose_sigmoid);

}  // namespace pg
