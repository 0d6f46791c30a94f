// core/types.h: matrix types, shape conventions and the small enums every layer shares.
// Core is Eigen + std only: never include imgui, GL, GLFW or emscripten headers anywhere under src/core.
//
// Shape conventions (stated once here, repeated above every op):
//   * The Jacobian of f: R^n -> R^m is m x n: rows are outputs, columns are inputs (Eigen's JacobianType).
//   * A gradient has the shape of what it belongs to: dW is K x D like W, db is K like b.
//   * A batch is columns: X is D x N, one sample per column. A dense layer is Z = W A + b 1^T.
//   * Flattening ("extended" / minibatch Jacobians): vec() is column-major, exactly Eigen's storage order.
//       vec(Z)[k + K*n] = Z(k, n)   (Z is K x N: sample n's block of K rows is contiguous)
//       vec(W)[k + K*d] = W(k, d)   (W is K x D)
//     so d vec(W A) / d vec(W) = A^T (x) I_K  and  d vec(W A) / d vec(A) = I_N (x) W.
//   * Indices printed to users are 0-based; layers are numbered 1..L (Ng's notation, A[0] = X).
//   * Dimension letters: N batch, D inputs, H hidden, K outputs.
#pragma once

#include <Eigen/Core>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#define PG_ASSERT(cond) eigen_assert(cond)

namespace pg {

template <class T> using MatX = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;  // column-major
template <class T> using VecX = Eigen::Matrix<T, Eigen::Dynamic, 1>;
template <class T> using RowVecX = Eigen::Matrix<T, 1, Eigen::Dynamic>;

using Mat = MatX<float>;     // training runs in float
using Vec = VecX<float>;
using MatD = MatX<double>;   // gradient checks and Jacobian views run in double
using VecD = VecX<double>;
using Index = Eigen::Index;

// Gives M the shape rows x cols, keeping its buffer when it has that shape already (as on every training step
// after the first): an inline comparison, without Eigen's out-of-line resize call.
template <class Derived> inline void ensure_shape(Eigen::PlainObjectBase<Derived>& M, Index rows, Index cols) {
  if (M.rows() != rows || M.cols() != cols) M.resize(rows, cols);
}

// v.resize(n) only when the size differs (a vector of per-layer buffers, on every step after the first: no call).
template <class V> inline void ensure_size(V& v, size_t n) {
  if (v.size() != n) v.resize(n);
}

// Elementwise activations (their Jacobians are diagonal). Softmax is the one non-elementwise output.
enum class Act : uint8_t { Linear, Sigmoid, Tanh, Relu, LeakyRelu, Elu, Softplus, Softmax };
enum class Loss : uint8_t { Mse, Bce, Cce };
enum class ModelKind : uint8_t { LinReg, LogReg, Softmax, Mlp };
enum class Problem : uint8_t { Regression, Binary, Multiclass };
enum class Optimizer : uint8_t { Sgd, Momentum, Adam };
enum class Reg : uint8_t { None, L1, L2 };
enum class Init : uint8_t { Xavier, He, Uniform };
enum class DatasetKind : uint8_t {
  Circle, Xor, Gauss, Spiral,        // TensorFlow Playground classification sets
  Plane, MultiGauss,                 // TensorFlow Playground regression sets
  Moons, Blobs, SpiralK, BlobsK,     // more classification sets (SpiralK / BlobsK have k = 3..8 classes)
  Line, Sine,                        // 1-D regression
  Gauss1D,                           // 1-D two classes (logistic regression over x alone)
  User                               // points added by the user or loaded from CSV (always last)
};

// Input feature transforms, a bit set (TensorFlow Playground's input column).
enum Feature : uint8_t { kFeatX = 1, kFeatY = 2, kFeatX2 = 4, kFeatY2 = 8, kFeatXY = 16, kFeatSinX = 32, kFeatSinY = 64 };
constexpr int kNumFeatures = 7;
using FeatureSet = uint8_t;

constexpr float kLeakyReluSlope = 0.01f;  // leaky ReLU: f(x) = x for x > 0, 0.01 x otherwise
constexpr float kEluAlpha = 1.0f;          // ELU: f(x) = x for x > 0, alpha (e^x - 1) otherwise

// Names as they appear in links, the CLI and the panel, indexed by the enum's value.
inline constexpr std::array<std::string_view, 8> kActNames = {"linear", "sigmoid", "tanh", "relu",
                                                              "lrelu",  "elu",     "softplus", "softmax"};
inline constexpr std::array<std::string_view, 3> kLossNames = {"mse", "bce", "cce"};
inline constexpr std::array<std::string_view, 4> kModelNames = {"linreg", "logreg", "softmax", "mlp"};
inline constexpr std::array<std::string_view, 3> kProblemNames = {"regression", "binary", "multiclass"};
inline constexpr std::array<std::string_view, 3> kOptimizerNames = {"sgd", "momentum", "adam"};
inline constexpr std::array<std::string_view, 3> kRegNames = {"none", "l1", "l2"};
inline constexpr std::array<std::string_view, 3> kInitNames = {"xavier", "he", "uniform"};
// Links name the set, so a new generated set goes just before "user" (the page lists every name but the last).
inline constexpr std::array<std::string_view, 14> kDatasetNames = {
    "circle", "xor", "gauss", "spiral", "plane", "multigauss", "moons", "blobs", "spiralk", "blobsk",
    "line",   "sine", "gauss1d", "user"};
inline constexpr std::array<std::string_view, kNumFeatures> kFeatureNames = {"x",  "y",    "x2",  "y2",
                                                                            "xy", "sinx", "siny"};

template <class E, size_t N>
constexpr std::string_view enum_name(E e, const std::array<std::string_view, N>& names) {
  return names[static_cast<size_t>(e)];
}
inline std::string_view act_name(Act a) { return enum_name(a, kActNames); }
inline std::string_view loss_name(Loss l) { return enum_name(l, kLossNames); }
inline std::string_view model_name(ModelKind m) { return enum_name(m, kModelNames); }
inline std::string_view problem_name(Problem p) { return enum_name(p, kProblemNames); }
inline std::string_view optimizer_name(Optimizer o) { return enum_name(o, kOptimizerNames); }
inline std::string_view reg_name(Reg r) { return enum_name(r, kRegNames); }
inline std::string_view init_name(Init i) { return enum_name(i, kInitNames); }
inline std::string_view dataset_name(DatasetKind d) { return enum_name(d, kDatasetNames); }

}  // namespace pg
