// core/model.h: the network (linear, logistic and softmax regression are networks without hidden layers),
// its forward pass with a cache, and its backward pass built from the VJPs in ops.h. Eigen + std only.
//
// Ng's notation: layers l = 1..L (the input is not counted), A[0] = X,
//   Z[l] = W[l] A[l-1] + b[l],   A[l] = g[l](Z[l]),   W[l] is n[l] x n[l-1], b[l] is n[l].
// In code the vectors are 0-based: W[i] is layer i+1.
#pragma once

#include "core/ops.h"
#include "core/rng.h"
#include "core/types.h"

#include <string>
#include <vector>

namespace pg {

// The shape of a network and its head (output activation + loss).
struct Arch {
  ModelKind kind = ModelKind::Mlp;
  int input_dim = 2;              // D: number of input features
  std::vector<int> hidden;        // hidden widths (empty for the regression models)
  std::vector<Act> hidden_act;    // one per hidden layer
  int output_dim = 1;             // K
  Act out = Act::Sigmoid;         // output activation (Linear, Sigmoid, Tanh or Softmax)
  Loss loss = Loss::Bce;

  int num_layers() const { return static_cast<int>(hidden.size()) + 1; }  // L
  int width(int l) const;         // n[l] for l = 0..L (n[0] = D, n[L] = K)
  Act act(int l) const;           // g[l] for l = 1..L
  bool operator==(const Arch&) const = default;
};

template <class T> struct NetworkT {
  Arch arch;
  std::vector<MatX<T>> W;  // W[i]: (n[i+1] x n[i])
  std::vector<VecX<T>> b;  // b[i]: (n[i+1])

  Index param_count() const;
  bool all_finite() const;
  // Every weight and bias finite with |w| <= limit (NaN fails the comparison, so one pass checks both).
  bool all_within(T limit) const;
  template <class U> NetworkT<U> cast() const;
};
using Network = NetworkT<float>;
using NetworkD = NetworkT<double>;

// Xavier: U(+-sqrt(6 / (fan_in + fan_out)));  He: N(0, 2 / fan_in);  Uniform: U(+-0.5) (TF Playground).
// Biases start at 0 (Uniform: 0.1, like TF Playground). Deterministic in seed.
Network init_network(const Arch& arch, Init init, uint32_t seed);

// The forward cache (llm.c's activations): Z[i], A[i+1] per layer, A[0] = X.
template <class T> struct TraceT {
  std::vector<MatX<T>> Z;  // Z[i]: pre-activation of layer i+1, (n[i+1] x N)
  std::vector<MatX<T>> A;  // A[0] = X (D x N), A[i+1] = g(Z[i])
  const MatX<T>& output() const { return A.back(); }
};

template <class T> struct GradsT {
  std::vector<MatX<T>> dW;  // shaped like W
  std::vector<VecX<T>> db;  // shaped like b
  std::vector<MatX<T>> dZ;  // dL/dZ[i], (n[i+1] x N)
  std::vector<MatX<T>> dA;  // dL/dA[i], (n[i] x N); dA[0] is left empty (nobody needs dL/dX in training)
  std::vector<MatX<T>> Wt;  // scratch: W[i]^T, so the backward pass allocates nothing
};

// Forward: fills trace (reusing its buffers; no allocation once shapes are stable). X may be trace.A[0] itself
// (a caller that gathered its minibatch there), which saves the copy.
template <class T> void forward(const NetworkT<T>& net, const MatX<T>& X, TraceT<T>& trace);

// Data loss of the cached forward pass (mean over the batch), evaluated in double whatever T is so a tiny loss
// stays positive. Fused heads use the stable logit forms (ops.h).
template <class T> double data_loss(const NetworkT<T>& net, const TraceT<T>& trace, const MatX<T>& Y);

// Backward: gradients of the data loss (no regularization). fused = true takes the simplified
// (P - Y)/N step for sigmoid+BCE and softmax+CCE; false goes through loss_vjp then output_vjp, the two factors
// the views show. want_input_grad also fills dA[0] = dL/dX.
template <class T>
void backward(const NetworkT<T>& net, const TraceT<T>& trace, const MatX<T>& Y, GradsT<T>& grads,
              bool fused = true, bool want_input_grad = false);

// One training step's gradients, exactly what Trainer::step applies: forward (fills trace), the fused backward
// pass, then the penalty's gradient added to dW. data_dW, when given, receives dW before the penalty (the data
// term the views and export show). want_input_grad also fills dA[0] = dL/dX. Reuses the buffers it is given.
template <class T>
void step_gradients(const NetworkT<T>& net, const MatX<T>& X, const MatX<T>& Y, Reg reg, T lambda, TraceT<T>& trace,
                    GradsT<T>& grads, bool want_input_grad = false, std::vector<MatX<T>>* data_dW = nullptr);

// Regularization penalty R(W) over all weight matrices (biases are not regularized):
//   L1: lambda sum |w|     dR/dw = lambda sign(w)        L2: (lambda/2) sum w^2     dR/dw = lambda w
template <class T> T reg_penalty(const NetworkT<T>& net, Reg reg, T lambda);
template <class T> void add_reg_grad(const NetworkT<T>& net, Reg reg, T lambda, GradsT<T>& grads);
// The penalty's own gradient for one weight matrix, shaped like W: lambda sign(W) (L1), lambda W (L2), or
// zeros. add_reg_grad adds exactly this to dW, so data term + this = the gradient training applies.
template <class T> MatX<T> reg_grad(const MatX<T>& W, Reg reg, T lambda);

// Predictions for many points at once (batched forward without keeping the cache).
Mat predict(const Network& net, const Mat& X);

}  // namespace pg
