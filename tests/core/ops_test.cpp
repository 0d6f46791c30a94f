// tests/core/ops_test.cpp: every op's explicit Jacobian against central differences (double), its VJP against
// the transposed Jacobian, and the minibatch ("extended") Jacobians against central differences of vec().
#include "core/jacobian.h"
#include "core/ops.h"
#include "test_util.h"

namespace pg {
namespace {

using test::random_mat;
using test::rel_error;
using test::unvec;
using test::vec;

constexpr double kJacTol = 1e-7;   // explicit vs numeric Jacobian
constexpr double kVjpTol = 1e-12;  // VJP vs J^T u (both exact formulas)

const Act kElementwise[] = {Act::Linear, Act::Sigmoid, Act::Tanh,    Act::Relu,
                            Act::LeakyRelu, Act::Elu,  Act::Softplus};

MatD act_apply(Act f, const MatD& Z) {
  MatD A;
  output_forward(f, Z, A);
  return A;
}

MatD test_input(Rng& rng, Act f, Index rows, Index cols) {
  // Kinked activations are tested away from their kink at 0.
  const bool kinked = f == Act::Relu || f == Act::LeakyRelu || f == Act::Elu;
  return kinked ? test::random_away_from_zero(rng, rows, cols, 3.0, 0.05) : random_mat(rng, rows, cols, -3, 3);
}

TEST(activation, jacobian_matches_central_difference) {
  Rng rng(1);
  for (Act f : kElementwise) {
    const VecD z = test_input(rng, f, 6, 1);
    const MatD J = act_jacobian<double>(f, z);
    const MatD Jn = numeric_jacobian([&](const VecD& x) { return VecD(act_apply(f, x)); }, z);
    EXPECT_LE(rel_error(J, Jn), kJacTol) << act_name(f);
    EXPECT_TRUE((J - MatD(J.diagonal().asDiagonal())).isZero(0)) << act_name(f) << " Jacobian must be diagonal";
  }
}

TEST(activation, vjp_agrees_with_jacobian_transpose) {
  Rng rng(2);
  for (Act f : kElementwise) {
    const MatD Z = test_input(rng, f, 5, 4), A = act_apply(f, Z), dA = random_mat(rng, 5, 4);
    MatD dZ;
    act_vjp(f, Z, A, dA, dZ);
    const MatD J = act_jacobian_batch(f, Z);
    EXPECT_LE(rel_error(vec(dZ), J.transpose() * vec(dA)), kVjpTol) << act_name(f);
    const VecD v = random_mat(rng, 20, 1);  // the dot-product identity <u, J v> = <J^T u, v>
    EXPECT_NEAR(vec(dA).dot(J * v), vec(dZ).dot(v), 1e-12) << act_name(f);
  }
}

TEST(activation, batch_jacobian_matches_central_difference) {
  Rng rng(3);
  for (Act f : kElementwise) {
    const MatD Z = test_input(rng, f, 3, 4);
    const MatD Jn = numeric_jacobian([&](const VecD& x) { return vec(act_apply(f, unvec(x, 3, 4))); }, vec(Z));
    EXPECT_LE(rel_error(act_jacobian_batch(f, Z), Jn), kJacTol) << act_name(f);
  }
}

TEST(softmax, jacobian_is_full_and_matches_central_difference) {
  Rng rng(4);
  const VecD z = random_mat(rng, 5, 1, -2, 2);
  const MatD J = output_jacobian<double>(Act::Softmax, z);
  const MatD Jn = numeric_jacobian([&](const VecD& x) { return VecD(act_apply(Act::Softmax, x)); }, z);
  EXPECT_LE(rel_error(J, Jn), kJacTol);
  EXPECT_GT(std::abs(J(0, 1)), 1e-4) << "softmax Jacobian has off-diagonal terms";
  EXPECT_LE((J - J.transpose()).cwiseAbs().maxCoeff(), 1e-15) << "diag(s) - s s^T is symmetric";
  EXPECT_LE((J.colwise().sum()).cwiseAbs().maxCoeff(), 1e-15) << "columns sum to 0 (outputs sum to 1)";
}

TEST(softmax, vjp_and_batch_jacobian) {
  Rng rng(5);
  const MatD Z = random_mat(rng, 4, 3, -2, 2), S = act_apply(Act::Softmax, Z), dS = random_mat(rng, 4, 3);
  MatD dZ;
  softmax_vjp(S, dS, dZ);
  const MatD J = softmax_jacobian_batch(S);
  EXPECT_LE(rel_error(vec(dZ), J.transpose() * vec(dS)), kVjpTol);
  const MatD Jn = numeric_jacobian([&](const VecD& x) { return vec(act_apply(Act::Softmax, unvec(x, 4, 3))); }, vec(Z));
  EXPECT_LE(rel_error(J, Jn), kJacTol);
  EXPECT_TRUE(J.block(0, 4, 4, 4).isZero(0)) << "samples do not interact: off-diagonal blocks are zero";
}

struct DenseCase {
  MatD W, A;
  VecD b;
  Index K, D, N;
};
DenseCase dense_case(Rng& rng, Index K, Index D, Index N) {
  return {random_mat(rng, K, D), random_mat(rng, D, N), random_mat(rng, K, 1), K, D, N};
}
MatD dense_apply(const MatD& W, const VecD& b, const MatD& A) {
  MatD Z;
  dense_forward(W, b, A, Z);
  return Z;
}

TEST(dense, single_sample_jacobians_match_central_difference) {
  Rng rng(6);
  const DenseCase c = dense_case(rng, 3, 4, 1);
  const VecD a = c.A.col(0);
  const MatD Ja = numeric_jacobian([&](const VecD& x) { return vec(dense_apply(c.W, c.b, x)); }, a);
  const MatD JW = numeric_jacobian([&](const VecD& w) { return vec(dense_apply(unvec(w, 3, 4), c.b, a)); }, vec(c.W));
  const MatD Jb = numeric_jacobian([&](const VecD& bb) { return vec(dense_apply(c.W, bb, a)); }, c.b);
  EXPECT_LE(rel_error(dense_jacobian_input(c.W), Ja), kJacTol);
  EXPECT_LE(rel_error(dense_jacobian_weights<double>(a, 3), JW), kJacTol);
  EXPECT_LE(rel_error(dense_jacobian_bias<double>(3), Jb), kJacTol);
  EXPECT_EQ(dense_jacobian_weights<double>(a, 3).rows(), 3);
  EXPECT_EQ(dense_jacobian_weights<double>(a, 3).cols(), 12);
}

TEST(dense, batch_jacobians_match_central_difference_and_kronecker_form) {
  Rng rng(7);
  const DenseCase c = dense_case(rng, 3, 2, 4);
  const MatD JA = numeric_jacobian([&](const VecD& x) { return vec(dense_apply(c.W, c.b, unvec(x, 2, 4))); }, vec(c.A));
  const MatD JW = numeric_jacobian([&](const VecD& w) { return vec(dense_apply(unvec(w, 3, 2), c.b, c.A)); }, vec(c.W));
  const MatD Jb = numeric_jacobian([&](const VecD& bb) { return vec(dense_apply(c.W, bb, c.A)); }, c.b);
  const MatD JA_x = dense_jacobian_input_batch(c.W, 4), JW_x = dense_jacobian_weights_batch<double>(c.A, 3),
             Jb_x = dense_jacobian_bias_batch<double>(3, 4);
  EXPECT_LE(rel_error(JA_x, JA), kJacTol);
  EXPECT_LE(rel_error(JW_x, JW), kJacTol);
  EXPECT_LE(rel_error(Jb_x, Jb), kJacTol);
  // The Kronecker forms, built independently: A^T (x) I_K and I_N (x) W.
  MatD kron_W(12, 6), kron_A = MatD::Zero(12, 8);
  for (Index n = 0; n < 4; ++n)
    for (Index d = 0; d < 2; ++d) kron_W.block(n * 3, d * 3, 3, 3) = c.A(d, n) * MatD::Identity(3, 3);
  for (Index n = 0; n < 4; ++n) kron_A.block(n * 3, n * 2, 3, 2) = c.W;
  EXPECT_EQ(JW_x, kron_W);
  EXPECT_EQ(JA_x, kron_A);
}

TEST(dense, vjp_agrees_with_jacobian_transpose) {
  Rng rng(8);
  const DenseCase c = dense_case(rng, 3, 5, 4);
  const MatD dZ = random_mat(rng, 3, 4);
  MatD dW, dA;
  VecD db;
  dense_vjp(c.W, c.A, dZ, dW, db, &dA);
  EXPECT_LE(rel_error(vec(dA), dense_jacobian_input_batch(c.W, 4).transpose() * vec(dZ)), kVjpTol);
  EXPECT_LE(rel_error(vec(dW), dense_jacobian_weights_batch<double>(c.A, 3).transpose() * vec(dZ)), kVjpTol);
  EXPECT_LE(rel_error(db, dense_jacobian_bias_batch<double>(3, 4).transpose() * vec(dZ)), kVjpTol);
  // Total derivative: the shared bias collects the sum of the per-sample paths.
  EXPECT_LE(rel_error(db, dZ.rowwise().sum()), 1e-15);
}

struct LossCase {
  Loss loss;
  MatD Yhat, Y;
};
LossCase loss_case(Rng& rng, Loss l, Index K, Index N) {
  LossCase c{l, random_mat(rng, K, N, 0.05, 0.95), MatD::Zero(K, N)};
  for (Index n = 0; n < N; ++n) {
    if (l == Loss::Mse) c.Y.col(n) = random_mat(rng, K, 1);
    else if (l == Loss::Bce) for (Index k = 0; k < K; ++k) c.Y(k, n) = rng.uniform() < 0.5 ? 0 : 1;
    else c.Y(rng.below(static_cast<uint32_t>(K)), n) = 1;
  }
  return c;
}

TEST(loss, jacobians_match_central_difference) {
  Rng rng(9);
  for (Loss l : {Loss::Mse, Loss::Bce, Loss::Cce}) {
    const LossCase c = loss_case(rng, l, 3, 4);
    auto f = [&](const VecD& x) { return VecD::Constant(1, loss_forward(l, unvec(x, 3, 4), c.Y)); };
    const MatD Jb = loss_jacobian_batch(l, c.Yhat, c.Y);
    EXPECT_EQ(Jb.rows(), 1);
    EXPECT_EQ(Jb.cols(), 12);
    EXPECT_LE(rel_error(Jb, numeric_jacobian(f, vec(c.Yhat))), kJacTol) << loss_name(l);
    const VecD y0 = c.Y.col(0), p0 = c.Yhat.col(0);
    auto f1 = [&](const VecD& x) { return VecD::Constant(1, loss_forward(l, MatD(x), MatD(y0))); };
    EXPECT_LE(rel_error(loss_jacobian<double>(l, p0, y0), numeric_jacobian(f1, p0)), kJacTol) << loss_name(l);
    MatD d;
    loss_vjp(l, c.Yhat, c.Y, d);
    EXPECT_LE(rel_error(vec(d), Jb.transpose()), kVjpTol) << loss_name(l);
  }
}

TEST(fused, sigmoid_bce_equals_the_unfused_chain) {
  Rng rng(10);
  const MatD Z = random_mat(rng, 1, 6, -3, 3);
  MatD Y = MatD::Zero(1, 6);
  Y(0, 1) = Y(0, 4) = 1;
  const MatD P = act_apply(Act::Sigmoid, Z);
  MatD dZ;
  fused_output_loss_vjp(P, Y, dZ);
  const MatD chain = loss_jacobian_batch(Loss::Bce, P, Y) * act_jacobian_batch(Act::Sigmoid, Z);
  EXPECT_LE(rel_error(vec(dZ), chain.transpose()), 1e-12);
  const MatD Jn = numeric_jacobian([&](const VecD& z) { return VecD::Constant(1, sigmoid_bce_forward(unvec(z, 1, 6), Y)); }, vec(Z));
  EXPECT_LE(rel_error(vec(dZ), Jn.transpose()), kJacTol);
  EXPECT_NEAR(sigmoid_bce_forward(Z, Y), loss_forward(Loss::Bce, P, Y), 1e-13);
  EXPECT_TRUE(std::isfinite(sigmoid_bce_forward(MatD(MatD::Constant(1, 1, 800.0)), MatD(MatD::Zero(1, 1)))));
}

TEST(fused, softmax_cce_equals_the_unfused_chain) {
  Rng rng(11);
  const MatD Z = random_mat(rng, 4, 5, -3, 3);
  MatD Y = MatD::Zero(4, 5);
  for (Index n = 0; n < 5; ++n) Y(n % 4, n) = 1;
  const MatD S = act_apply(Act::Softmax, Z);
  MatD dZ;
  fused_output_loss_vjp(S, Y, dZ);
  const MatD chain = loss_jacobian_batch(Loss::Cce, S, Y) * softmax_jacobian_batch(S);
  EXPECT_LE(rel_error(vec(dZ), chain.transpose()), 1e-12);
  const MatD Jn = numeric_jacobian([&](const VecD& z) { return VecD::Constant(1, softmax_cce_forward(unvec(z, 4, 5), Y)); }, vec(Z));
  EXPECT_LE(rel_error(vec(dZ), Jn.transpose()), kJacTol);
  EXPECT_NEAR(softmax_cce_forward(Z, Y), loss_forward(Loss::Cce, S, Y), 1e-13);
}

TEST(ops, float_path_matches_double_path) {
  Rng rng(12);
  const MatD Z = random_mat(rng, 4, 6, -4, 4);
  for (Act f : kElementwise) {
    MatX<float> Af;
    act_forward(f, MatX<float>(Z.cast<float>()), Af);
    EXPECT_LE(rel_error(Af.cast<double>(), act_apply(f, Z)), 2e-6) << act_name(f);
  }
}

}  // namespace
}  // namespace pg
