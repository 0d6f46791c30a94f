// core/landscape.h: the loss landscape, the objective L over a plane through the current parameters θ (course
// 1.1 and 3.2-3.4: the gradient, the update, contours; Li et al., "Visualizing the Loss Landscape of Neural Nets",
// NeurIPS 2018, for the random plane), the flat parameter vector it is built on, and the per-layer gradient
// norms of the vanishing-gradient lesson (Ng, deep L-layer networks). Eigen + std only.
//
// L is the objective the optimizer minimises, as everywhere in the engine: data loss (mean over the samples)
// plus the penalty R(W) (model.h: data_loss, reg_penalty; R = 0 without a regularizer).
#pragma once

#include "core/model.h"
#include "core/train.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace pg {

// ---- the flat parameter vector θ ---------------------------------------------------------------------------
// θ lists every parameter layer by layer, l = 1..L, W[l] then b[l]; W[l] (n[l] x n[l-1]) is flattened
// column-major like vec() in types.h. With off(l) = Σ_{m<l} (n[m] n[m-1] + n[m]):
//   θ[off(l) + j + n[l] i]           = W[l](j, i)    named "W[l][j,i]" (j: unit of layer l, i: unit of layer l-1)
//   θ[off(l) + n[l] n[l-1] + j]      = b[l](j)       named "b[l][j]"
// Its length is param_count(). For 1-feature linear regression θ = (w, b): index 0 is "W[1][0,0]" (w), 1 is
// "b[1][0]" (b). Gradients are flattened the same way.

// Number of parameters of a network of this shape: Σ_l n[l] n[l-1] + n[l] (NetworkT::param_count()).
Index param_count(const Arch& arch);
// θ of a network, in double (float weights convert exactly). Length param_count().
VecD flatten_params(const Network& net);
VecD flatten_params(const NetworkD& net);
// The inverse: writes θ into net's W and b (net keeps its shapes). PG_ASSERTs theta.size() == param_count().
void unflatten_params(const VecD& theta, NetworkD& net);
// A gradient (dW, db) flattened in θ's order. g must have every layer's dW and db (after a backward pass).
VecD flatten_grads(const GradsT<double>& g);

// Which parameter a flat index is. layer is 1..L; for a bias, col is 0.
struct ParamRef {
  int layer = 1;
  bool bias = false;
  Index row = 0, col = 0;
};
// The parameter at flat index k; ok = false (and a default ParamRef) if k is outside 0..param_count()-1.
ParamRef param_ref(const Arch& arch, Index k, bool* ok = nullptr);
// The flat index of W[layer](row, col) (bias = false) or b[layer](row) (bias = true, col ignored); -1 if any
// index is out of range.
Index param_index(const Arch& arch, int layer, bool bias, Index row, Index col = 0);
// The course's name of θ[k]: "W[1][0,1]", "b[2][0]"; "" if k is out of range.
std::string param_name(const Arch& arch, Index k);

// ---- the landscape ----------------------------------------------------------------------------------------

enum class PlaneKind : uint8_t {
  Params,  // two chosen parameters θ_i, θ_j: the axes are their values, every other parameter stays at θ
  Random,  // θ + α d1 + β d2 with two seeded random directions, filter-normalised (random_directions)
};

// What the random directions do to the biases (Li et al. set the bias directions to zero).
enum class BiasDirection : uint8_t {
  Zero,    // d's bias entries are 0: the plane moves the weights only (Li et al.'s choice)
  Neuron,  // a bias is part of its neuron's filter: (W[l] row j, b[l][j]) is normalised as one vector
};

struct LandscapeSpec {
  PlaneKind plane = PlaneKind::Random;
  Index param_i = 0, param_j = 1;  // Params: flat indices into θ (distinct, 0..param_count()-1); i is the x axis
  uint32_t seed = 1;               // Random: the directions' seed (any value; same seed, same directions)
  BiasDirection bias = BiasDirection::Zero;  // Random only
  int grid = 21;                   // n: points per axis, 2..kMaxLandscapeGrid; odd n puts θ on the middle point
  double span = 1.0;               // half width of each axis, finite, in (0, kMaxLandscapeSpan]
  bool centred = false;            // the grid is centred on (centre_x, centre_y) (plane coordinates: parameter
  double centre_x = 0, centre_y = 0;  // values, or α and β) instead of on θ; θ itself stays the current point
};
constexpr int kMaxLandscapeGrid = 401;
constexpr double kMaxLandscapeSpan = 1e6;

// The landscape f(x, y) = L(θ(x, y)) on an n x n grid, where θ(x, y) is
//   Params: θ with θ_i = x and θ_j = y;   x in θ_i ± span, y in θ_j ± span (absolute parameter values)
//   Random: θ + x d1 + y d2;              x = α, y = β in ± span (coefficients of the directions)
// Axis point k of n is centre + span (2k - (n-1)) / (n-1): exactly the centre for k = (n-1)/2 when n is odd,
// exactly centre ± span at the ends. The grid is evaluated in double (the float weights and samples converted
// exactly; forward, data_loss and reg_penalty of NetworkD), so contours stay smooth at tiny spans.
struct Landscape {
  std::string error;              // non-empty: the input was unusable and nothing below is set
  PlaneKind plane = PlaneKind::Random;
  std::string x_name, y_name;     // "W[1][0,0]" / "b[1][0]" (Params) or "α" / "β" (Random)
  VecD x, y;                      // (n) the axes' coordinates, increasing
  MatD values;                    // (n x n) values(r, c) = f(x[c], y[r]): rows follow y upwards (row 0 is the
                                  // smallest y; flip it to draw), columns follow x. +Inf where the loss
                                  // overflows double (also where the overflow made it NaN); never NaN.
  double x0 = 0, y0 = 0;          // the current point θ on the plane: (θ_i, θ_j) or (0, 0)
  double value = 0;               // L(θ) as training computes it: the float forward pass, data_loss in double,
                                  // plus the float penalty: over the training set this is bit for bit
                                  // evaluate().train_loss + evaluate().penalty; over a minibatch, the objective
                                  // `bprop export` prints for it. (The grid's middle point, in double, differs
                                  // from it by float rounding only, about 1e-7 relative.)
  double gx = 0, gy = 0;          // ∂f/∂x, ∂f/∂y at the current point, in double: Params (∂L/∂θ_i, ∂L/∂θ_j);
                                  // Random (d1ᵀ∇L, d2ᵀ∇L). For Params over the next minibatch, −η (gx, gy) is
                                  // the next plain-SGD step in the plane (up to float rounding).
  Index argmin_row = -1, argmin_col = -1;  // the grid's smallest finite value (first in storage order on ties);
  double min_value = 0;                    // -1 / 0 if no value is finite
  VecD d1, d2;                    // (P) the plane's directions in θ's order: Random as drawn; Params the unit
                                  // vectors e_i, e_j
  Index samples = 0;              // N: how many samples each value averages over
  // One entry per trajectory parameter vector θ_k given, in order: its coordinates on the plane and its
  // distance from the plane. Params: (θ_k[i], θ_k[j]); off_plane = the norm of θ_k − θ over every other
  // parameter. Random: the least-squares (α, β) minimising ‖θ_k − θ − α d1 − β d2‖ (θ itself gives (0, 0),
  // θ + a d1 + b d2 gives (a, b)); off_plane = that minimum.
  struct TrajectoryPoint {
    double x = 0, y = 0, off_plane = 0;
  };
  std::vector<TrajectoryPoint> trajectory;
  bool ok() const { return error.empty(); }
};

// The landscape of net over the samples X (D x N) with targets Y (K x N) — the full training set or one
// minibatch — with the objective's regularizer (reg, lambda as Trainer uses them). trajectory: recorded θ_k
// (each of length param_count(), finite), e.g. flatten_params of the network at each loss-chart row; [] for none.
// Errors (Landscape::error, nothing computed): no samples, X/Y shapes that do not fit the network, a weight that
// is not finite, grid or span out of range, a parameter index out of range or i == j, a trajectory vector of the
// wrong length or not finite, random directions that are zero (every weight row of θ is zero: choose two
// parameters instead) or parallel (one weight per neuron with BiasDirection::Zero, e.g. 1-feature linear
// regression: use Neuron or two parameters). Cost: n² forward passes over N samples (landscape_point_cost each), plus one backward.
Landscape loss_landscape(const Network& net, const Mat& X, const Mat& Y, Reg reg, float lambda,
                         const LandscapeSpec& spec, const std::vector<VecD>& trajectory = {});
// The same for a trainer's current network: over its training set (minibatch = false), or over the minibatch its
// next step will use (Trainer::next_batch, the minibatch `bprop export` shows).
Landscape loss_landscape(const Trainer& trainer, const LandscapeSpec& spec, bool minibatch,
                         const std::vector<VecD>& trajectory = {});

// Two random directions for θ = net's parameters, in θ's order (Li et al. 2018, section 4, "filter-wise
// normalization", with a dense layer's filter being one neuron: row j of W[l]):
//   draw d ~ N(0, 1) entrywise (pg::Rng(seed): all P entries of d1, then all P of d2, in θ's order), then for
//   each layer l and unit j scale the row so that ‖d W[l](j, :)‖ = ‖θ W[l](j, :)‖.
//   bias Zero: d's bias entries are 0.  bias Neuron: the vector (W[l](j, :), b[l](j)) is scaled as one.
// A row whose θ part is zero gets a zero direction. Deterministic in (shapes, θ, seed, bias) on every build.
std::array<VecD, 2> random_directions(const Network& net, uint32_t seed, BiasDirection bias);

// ---- cost -------------------------------------------------------------------------------------------------

// Work of one landscape point, in multiply-adds: N samples x Σ_l (n[l] (n[l-1] + 1) + n[l] c(g[l])), the forward
// pass, where c is what one activation costs: 1 for linear, 2 for ReLU and leaky ReLU, 16 for the ones that
// call exp or tanh (sigmoid, tanh, ELU, softplus, softmax); plus the P parameters written.
double landscape_point_cost(const Arch& arch, Index samples);
// Default work budget per landscape. Measured natively on the 2-core build machine: 2-4-3-1 tanh on 250 points
// (39,781 a point, so a 21 x 21 grid) takes 20 ms; 1-feature linear regression on 250 points gets 101 x 101
// in 10 ms. The wasm build is about 1.7 times slower (35 ms for that 21 x 21 grid).
constexpr double kLandscapeBudget = 2e7;
// The grid size n for a budget: the largest odd n in [3, max_n] with n² x landscape_point_cost <= budget; 3
// when even that is over budget (the caller may then prefer the minibatch or say the view is costly). max_n is
// clamped to [3, kMaxLandscapeGrid]. 1-feature linear regression on 250 points gets max_n.
int landscape_grid_for_budget(const Arch& arch, Index samples, double budget = kLandscapeBudget, int max_n = 101);

// ---- per-layer gradient norms -----------------------------------------------------------------------------

// ‖∂L/∂W[l]‖_F (Frobenius: the root of the sum of squares) and ‖∂L/∂b[l]‖₂ of one layer, summed in double.
struct LayerGradNorm {
  double W = 0, b = 0;
};
// One entry per layer, index l - 1 for layer l = 1..L, of the gradients given: Trainer::last_gradients() is
// what the last step applied (penalty included in dW); empty before the first step (g has no layers).
std::vector<LayerGradNorm> layer_gradient_norms(const GradsT<float>& g);
// The same for the step's gradients of net on the minibatch (X: D x N, Y: K x N): step_gradients in float,
// exactly what Trainer::step would apply there (with reg, lambda). Empty if X has no samples or X, Y do not
// fit the network's input and output widths.
std::vector<LayerGradNorm> layer_gradient_norms(const Network& net, const Mat& X, const Mat& Y, Reg reg, float lambda);

}  // namespace pg
