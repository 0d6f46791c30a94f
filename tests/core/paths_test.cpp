// tests/core/paths_test.cpp: the total derivative over several paths. Each path's product against an independent
// computation (∂L/∂z[l]ⱼ,ₙ by central differences of a forward pass written with std:: math, times the other
// factor from that same pass), and the sum of the paths against the gradient backprop computed.
#include "core/jacobian.h"
#include "core/paths.h"
#include "test_util.h"

#include <cmath>

namespace pg {
namespace {

using test::random_mat;

// 3-4-3-1: tanh, sigmoid hidden, sigmoid + BCE output (or linear + MSE), random weights, N samples.
NetworkD mlp(Act out, Loss loss, uint64_t seed) {
  Rng rng(seed, 5);
  NetworkD net;
  net.arch.kind = ModelKind::Mlp;
  net.arch.input_dim = 3;
  net.arch.hidden = {4, 3};
  net.arch.hidden_act = {Act::Tanh, Act::Sigmoid};
  net.arch.out = out;
  net.arch.loss = loss;
  for (int l = 1; l <= 3; ++l) {
    net.W.push_back(random_mat(rng, net.arch.width(l), net.arch.width(l - 1)));
    net.b.push_back(random_mat(rng, net.arch.width(l), 1).col(0));
  }
  return net;
}

double ref_act(Act f, double z) {
  return f == Act::Tanh ? std::tanh(z) : f == Act::Sigmoid ? 1 / (1 + std::exp(-z)) : z;
}

// The mean data loss with `shift` added to z[layer][j] of sample n; A_out receives the activations (l = 0..L).
double ref_loss(const NetworkD& net, const MatD& X, const MatD& Y, int layer, Index j, Index n, double shift,
                std::vector<MatD>* A_out = nullptr) {
  std::vector<MatD> A = {X};
  for (size_t l = 0; l < net.W.size(); ++l) {
    MatD Z = net.W[l] * A.back();
    Z.colwise() += net.b[l];
    if (int(l) + 1 == layer) Z(j, n) += shift;
    A.push_back(Z.unaryExpr([&](double z) { return ref_act(net.arch.act(int(l) + 1), z); }));
  }
  if (A_out) *A_out = A;
  const MatD& P = A.back();
  double sum = 0;
  for (Index k = 0; k < P.cols(); ++k) {
    const double p = P(0, k), y = Y(0, k);
    sum += net.arch.loss == Loss::Mse ? (p - y) * (p - y) : -(y * std::log(p) + (1 - y) * std::log(1 - p));
  }
  return sum / double(P.cols());
}

double numeric_dz(const NetworkD& net, const MatD& X, const MatD& Y, int layer, Index j, Index n) {
  const double h = 1e-6;
  return (ref_loss(net, X, Y, layer, j, n, h) - ref_loss(net, X, Y, layer, j, n, -h)) / (2 * h);
}

struct Case {
  NetworkD net;
  MatD X, Y;
};
Case make_case(Act out, Loss loss, uint64_t seed, Index N = 5) {
  Rng rng(seed, 11);
  Case c{mlp(out, loss, seed), random_mat(rng, 3, N, -2, 2), MatD(1, N)};
  for (Index n = 0; n < N; ++n) c.Y(0, n) = loss == Loss::Bce ? double(n % 2) : rng.uniform(-1, 1);
  return c;
}

TEST(paths, weight_across_the_batch_sums_to_its_gradient) {
  for (auto [out, loss] : {std::pair{Act::Sigmoid, Loss::Bce}, std::pair{Act::Linear, Loss::Mse}}) {
    const Case c = make_case(out, loss, 3);
    std::vector<MatD> A;
    ref_loss(c.net, c.X, c.Y, 0, 0, 0, 0, &A);
    for (int l = 1; l <= 3; ++l)
      for (int j = 0; j < c.net.arch.width(l); ++j)
        for (int i = 0; i < c.net.arch.width(l - 1); ++i) {
          const TotalDerivative d = total_derivative(c.net, c.X, c.Y, PathOf::Weight, l, j, i);
          ASSERT_TRUE(d.ok()) << d.error;
          ASSERT_EQ(d.paths.size(), 5u);  // one path per sample
          for (const PathTerm& p : d.paths) {
            const double want = numeric_dz(c.net, c.X, c.Y, l, j, p.index) * A[size_t(l - 1)](i, p.index);
            EXPECT_NEAR(p.product, want, 1e-8 * std::max(1.0, std::abs(want))) << p.label;
            EXPECT_NEAR(p.factors[1], A[size_t(l - 1)](i, p.index), 1e-15);  // the engine's a[l−1] (detmath) vs std::
          }
          // The sum of the paths is backprop's dL/dW (double network: equal up to double rounding).
          EXPECT_NEAR(d.sum, d.backprop, 1e-14 * std::max(1.0, std::abs(d.backprop))) << d.quantity;
          EXPECT_EQ(d.total, d.backprop);
          EXPECT_EQ(d.penalty, 0.0);
        }
  }
}

TEST(paths, activation_feeding_every_unit_sums_to_its_gradient) {
  const Case c = make_case(Act::Sigmoid, Loss::Bce, 4);
  for (int l = 1; l <= 3; ++l) {
    const Inspected dA = inspect(c.net, c.X, c.Y, l, "L", "a_prev", -1);
    for (int i = 0; i < c.net.arch.width(l - 1); ++i)
      for (int n = 0; n < 5; ++n) {
        const TotalDerivative d = total_derivative(c.net, c.X, c.Y, PathOf::Activation, l, i, n);
        ASSERT_TRUE(d.ok()) << d.error;
        ASSERT_EQ(int(d.paths.size()), c.net.arch.width(l));  // one path per unit of layer l
        for (const PathTerm& p : d.paths) {
          const double want = numeric_dz(c.net, c.X, c.Y, l, p.index, n) * c.net.W[size_t(l - 1)](p.index, i);
          EXPECT_NEAR(p.product, want, 1e-8 * std::max(1.0, std::abs(want))) << p.label;
        }
        EXPECT_NEAR(d.sum, d.backprop, 1e-14 * std::max(1.0, std::abs(d.backprop)));
        EXPECT_EQ(d.backprop, dA.M(i, n));
      }
  }
}

TEST(paths, bias_across_the_batch_sums_to_its_gradient) {
  const Case c = make_case(Act::Linear, Loss::Mse, 5, 7);
  for (int l = 1; l <= 3; ++l)
    for (int j = 0; j < c.net.arch.width(l); ++j) {
      const TotalDerivative d = total_derivative(c.net, c.X, c.Y, PathOf::Bias, l, j, 0);
      ASSERT_TRUE(d.ok()) << d.error;
      ASSERT_EQ(d.paths.size(), 7u);
      for (const PathTerm& p : d.paths) {
        const double want = numeric_dz(c.net, c.X, c.Y, l, j, p.index);
        EXPECT_NEAR(p.product, want, 1e-8 * std::max(1.0, std::abs(want))) << p.label;
      }
      EXPECT_NEAR(d.sum, d.backprop, 1e-14 * std::max(1.0, std::abs(d.backprop)));
    }
}

// The trainer's float network: the sum in double of the float factors against the float matrix product.
TEST(paths, float_network_sum_matches_backprop_to_float_rounding) {
  const Case c = make_case(Act::Sigmoid, Loss::Bce, 6, 10);
  const Network net = c.net.cast<float>();
  const Mat X = c.X.cast<float>(), Y = c.Y.cast<float>();
  for (PathOf of : {PathOf::Weight, PathOf::Activation, PathOf::Bias}) {
    const TotalDerivative d = total_derivative(net, X, Y, of, 2, 1, of == PathOf::Bias ? 0 : 2);
    ASSERT_TRUE(d.ok()) << d.error;
    double scale = 0;
    for (const PathTerm& p : d.paths) scale = std::max(scale, std::abs(p.product));
    EXPECT_NEAR(d.sum, d.backprop, 1e-6 * scale * double(d.paths.size())) << d.quantity;  // float rounding
  }
}

TEST(paths, the_penalty_enters_beside_the_sum) {
  const Case c = make_case(Act::Sigmoid, Loss::Bce, 7);
  for (Reg reg : {Reg::L2, Reg::L1}) {
    const TotalDerivative d = total_derivative(c.net, c.X, c.Y, PathOf::Weight, 2, 1, 3, reg, 0.25);
    ASSERT_TRUE(d.ok());
    const double w = c.net.W[1](1, 3);
    EXPECT_EQ(d.penalty, reg == Reg::L2 ? 0.25 * w : 0.25 * double((w > 0) - (w < 0)));
    EXPECT_NEAR(d.sum, d.backprop, 1e-14);
    EXPECT_NEAR(d.total, d.sum + d.penalty, 1e-14);
    EXPECT_FALSE(d.note.empty());
    // The data term does not change with the regularizer.
    EXPECT_EQ(d.backprop, total_derivative(c.net, c.X, c.Y, PathOf::Weight, 2, 1, 3).backprop);
    // Biases and activations carry no penalty.
    EXPECT_EQ(total_derivative(c.net, c.X, c.Y, PathOf::Bias, 2, 1, 0, reg, 0.25).penalty, 0.0);
  }
}

TEST(paths, labels_use_the_course_notation) {
  const Case c = make_case(Act::Sigmoid, Loss::Bce, 8);
  const TotalDerivative w = total_derivative(c.net, c.X, c.Y, PathOf::Weight, 2, 0, 1);
  EXPECT_EQ(w.quantity, "W[2][0,1]");
  EXPECT_EQ(w.paths[3].label, "sample 3: ∂L/∂z[2]₀,₃ · a[1]₁,₃");
  const TotalDerivative a = total_derivative(c.net, c.X, c.Y, PathOf::Activation, 2, 1, 4);
  EXPECT_EQ(a.quantity, "a[1][1] of sample 4");
  EXPECT_EQ(a.paths[2].label, "unit 2: ∂L/∂z[2]₂,₄ · W[2]₂,₁");
  EXPECT_EQ(total_derivative(c.net, c.X, c.Y, PathOf::Bias, 1, 3, 0).quantity, "b[1][3]");
}

TEST(paths, out_of_range_requests_are_errors) {
  const Case c = make_case(Act::Sigmoid, Loss::Bce, 9);
  EXPECT_NE(total_derivative(c.net, c.X, c.Y, PathOf::Weight, 4, 0, 0).error.find("layer must be between 1 and 3"), std::string::npos);
  EXPECT_NE(total_derivative(c.net, c.X, c.Y, PathOf::Weight, 1, 4, 0).error.find("row"), std::string::npos);
  EXPECT_NE(total_derivative(c.net, c.X, c.Y, PathOf::Weight, 1, 0, 3).error.find("col"), std::string::npos);
  EXPECT_NE(total_derivative(c.net, c.X, c.Y, PathOf::Activation, 2, 0, 5).error.find("sample"), std::string::npos);
  EXPECT_NE(total_derivative(c.net, c.X, c.Y, PathOf::Bias, 1, 0, 1).error.find("col must be 0"), std::string::npos);
  EXPECT_NE(total_derivative(c.net, MatD(3, 0), MatD(1, 0), PathOf::Bias, 1, 0, 0).error.find("empty"), std::string::npos);
  PathOf of;
  EXPECT_FALSE(parse_path_of("z", of));
  EXPECT_TRUE(parse_path_of("a", of) && of == PathOf::Activation);
}

}  // namespace
}  // namespace pg
