// core/paths.h: the total derivative over multiple paths (the course's chapter 8): a quantity that reaches the
// loss along several paths gets the SUM of the path products, and that sum is the gradient backprop computed.
// Three cases, all on one minibatch of N samples (the objective's data loss is the mean over the batch, so every
// ∂L/∂z below already carries the 1/N of ops.h's losses):
//   W   W[l][j,i] is shared by the N samples: path n goes W → z[l]ⱼ,ₙ → L, its product is
//         ∂L/∂z[l]ⱼ,ₙ · ∂z[l]ⱼ,ₙ/∂W[l]ⱼ,ᵢ = ∂L/∂z[l]ⱼ,ₙ · a[l−1]ᵢ,ₙ,   and Σₙ = ∂L/∂W[l]ⱼ,ᵢ (its data term: the
//         matrix form dW = dZ A[l−1]ᵀ). A regularizer adds its penalty term λW (L2) or λ sign(W) (L1) beside the
//         sum, not as a path: total = Σ paths + penalty term.
//   a   a[l−1]ᵢ,ₙ of one sample n feeds every unit j of layer l: path j goes a → z[l]ⱼ,ₙ → L, its product is
//         ∂L/∂z[l]ⱼ,ₙ · W[l]ⱼ,ᵢ,   and Σⱼ = ∂L/∂a[l−1]ᵢ,ₙ (dA[l−1] = W[l]ᵀ dZ[l]); for l = 1, a[0] = X.
//   b   b[l]ⱼ is shared by the N samples: path n has product ∂L/∂z[l]ⱼ,ₙ · 1,   and Σₙ = ∂L/∂b[l]ⱼ (db = dZ 1).
// The factors are the engine's own numbers: ∂L/∂z from the training step's backward pass (inspect(), the
// gradient Trainer::step applies, widened to double), a[l−1] from its forward pass, W as stored. Products and
// the sum are taken in double; the backprop value is inspect()'s (the float matrix product for a float network),
// so sum and backprop agree to float rounding (about 1e-6 relative; exactly, up to double rounding, for a
// double network). Eigen + std only.
#pragma once

#include "core/model.h"
#include "core/types.h"

#include <string>
#include <vector>

namespace pg {

enum class PathOf : uint8_t { Weight, Activation, Bias };  // "W", "a", "b" in the CLI

// One path from the quantity to the loss.
struct PathTerm {
  std::string label;                      // "sample 3: ∂L/∂z[2]₀,₃ · a[1]₁,₃"  or  "unit 2: ∂L/∂z[2]₂,₀ · W[2]₂,₁"
  int index = 0;                          // n (W, b: the sample) or j (a: the unit of layer l)
  std::vector<std::string> factor_labels; // {"∂L/∂z[2]₀,₃", "a[1]₁,₃"}
  std::vector<double> factors;            // their values
  double product = 0;                     // the product of the factors (double)
};

struct TotalDerivative {
  PathOf of = PathOf::Weight;
  int layer = 1, row = 0, col = 0;  // the quantity: W[l][row,col], a[l−1][row] of sample col, b[l][row]
  std::string quantity;             // "W[2][0,1]", "a[1][1] of sample 3", "b[2][0]"
  std::string formula;              // "∂L/∂W[2]₀,₁ = Σₙ ∂L/∂z[2]₀,ₙ · a[1]₁,ₙ"
  std::vector<PathTerm> paths;
  double sum = 0;                   // Σ products, in double
  double backprop = 0;              // what backprop computed for the data loss (W: the data term dW_data)
  double penalty = 0;               // W with a regularizer: λW or λ sign(W) for this entry; else 0
  double total = 0;                 // backprop + penalty: what training applies (W); = backprop otherwise
  std::string note;                 // e.g. how the penalty enters
  std::string error;                // non-empty if the request made no sense; then nothing else is set
  bool ok() const { return error.empty(); }
};

// The paths of one quantity on the minibatch X (D x N), Y (K x N), e.g. Trainer::next_batch as the inspector
// uses it, for layer l in 1..L. row/col index the quantity as it is shaped:
//   W: W[l] is n[l] x n[l−1], row = j (the unit of layer l), col = i (the unit of layer l−1)
//   a: a[l−1] of the batch is n[l−1] x N, row = i, col = the sample n
//   b: b[l] has n[l] entries, row = j, col must be 0
// (reg, lambda) is the regularizer training uses (only W sees it). Errors (layer, row, col out of range, empty
// batch): `error` says which and what the range is. Instantiated for float (the trainer's network) and double.
template <class T>
TotalDerivative total_derivative(const NetworkT<T>& net, const MatX<T>& X, const MatX<T>& Y, PathOf of, int layer,
                                 int row, int col, Reg reg = Reg::None, double lambda = 0);

// "W", "a", "b" -> PathOf; false for anything else.
bool parse_path_of(const std::string& text, PathOf& out);

}  // namespace pg
