// core/python_export.h: "Export → Python": a short, readable NumPy script with the current weights and one
// minibatch embedded, whose forward and backward pass are written layer by layer with the course's Jacobians
// (no framework), and which prints the data loss, the penalty, the objective and every gradient.
//
// It lives in the core, not in the CLI, because it is text generated from the engine's weights alone (std only,
// no JSON, no I/O), and both the CLI (`bprop export LINK --python`) and the page (Export → Python) call it.
//
// The script, per layer l = L..1 (course chapters 6.4, 7, 11; Ng's deep L-layer notes):
//   dZ[L] = (A[L] − Y)/N                           sigmoid + BCE and softmax + CCE (the fused form the engine uses)
//   dA[L] = ∂L/∂ŷ (MSE: 2(A[L] − Y)/N),  dZ[L] = dA[L] ⊙ g′(Z[L])  (softmax: S ⊙ (dA − 1ᵀ(S ⊙ dA)) per column)
//   dW[l] = dZ[l] A[l−1]ᵀ  (+ λW[l] for L2, + λ sign(W[l]) for L1),   db[l] = dZ[l] 1 (the sum over the batch)
//   dA[l−1] = W[l]ᵀ dZ[l],   dZ[l−1] = dA[l−1] ⊙ g′(Z[l−1])           (dA0 = dL/dX)
// and prints one number a line, in this fixed format (Python's "%.17g"; rows and columns 0-based):
//   data_loss = <v>        penalty = <v>        objective = <v>
//   <name>[<row>,<col>] = <v>      for name in dZ<l>, dW<l>, db<l>, dA<l−1> (l = L..1), dA<L> when the head is
//                                  not fused, and dW<l>_data, dW<l>_penalty when a regularizer is on
// — the quantities and shapes of `bprop export` (layers[l−1].dZ, dW, db, dA; minibatch.dX is dA0). The embedded
// numbers are the engine's float32 values printed exactly (9 significant digits); the script computes in
// float64, so it agrees with the engine's float32 numbers to about 1e-6 relative (tests/cli/python_export.test.mjs).
#pragma once

#include "core/model.h"

#include <cstdint>
#include <string>

namespace pg {

struct PythonScriptOptions {
  Reg reg = Reg::None;  // the regularizer training uses (TrainConfig::reg, reg_rate)
  float lambda = 0;
  std::string link;     // the run's link, quoted in the header so the script says where it came from ("": none)
  std::string model;    // one line of what runs, e.g. "2-8-1 (mlp, hidden tanh, output sigmoid + bce)"
  uint64_t step = 0;    // the training step the weights are at
};

// The script for network `net` on the minibatch X (D x N), Y (K x N) (Trainer::next_batch: the batch the next
// step trains on, as `bprop export` uses it). Returns "" and sets `error` when X or Y does not fit the network
// (rows D and K, the same N ≥ 1) or a number is not finite. Control characters in link and model are replaced
// by spaces (they go into comments).
std::string python_script(const Network& net, const Mat& X, const Mat& Y, const PythonScriptOptions& options,
                          std::string& error);

}  // namespace pg
