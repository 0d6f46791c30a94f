// tests/core/model_test.cpp: the network's backward pass against central differences (every activation and
// head), fused against unfused, and the inspector's matrices against the backprop gradients (chain rule).
#include "core/jacobian.h"
#include "core/model.h"
#include "test_util.h"

namespace pg {
namespace {

using test::random_mat;
using test::rel_error;
using test::vec;

NetworkD random_net(std::vector<int> hidden, std::vector<Act> acts, Act out, Loss loss, int D, int K, uint32_t seed) {
  Arch a;
  a.input_dim = D;
  a.hidden = std::move(hidden);
  a.hidden_act = std::move(acts);
  a.output_dim = K;
  a.out = out;
  a.loss = loss;
  NetworkD n = init_network(a, Init::Xavier, seed).cast<double>();
  Rng rng(seed + 100);
  for (VecD& b : n.b) b = random_mat(rng, b.size(), 1, -0.3, 0.3);  // non-zero biases exercise db
  return n;
}

MatD targets(Rng& rng, Act out, Loss loss, Index K, Index N) {
  MatD Y = MatD::Zero(K, N);
  for (Index n = 0; n < N; ++n) {
    if (out == Act::Softmax) Y(rng.below(static_cast<uint32_t>(K)), n) = 1;
    else if (loss == Loss::Bce) Y(0, n) = rng.below(2);
    else Y.col(n) = random_mat(rng, K, 1);
  }
  return Y;
}

struct Head {
  Act out;
  Loss loss;
  int K;
};
const Head kHeads[] = {{Act::Linear, Loss::Mse, 1}, {Act::Sigmoid, Loss::Bce, 1}, {Act::Softmax, Loss::Cce, 4},
                       {Act::Tanh, Loss::Mse, 1},   {Act::Sigmoid, Loss::Mse, 2}};

TEST(model, backprop_matches_central_differences_for_every_activation_and_head) {
  Rng rng(21);
  const Act acts[] = {Act::Linear, Act::Sigmoid, Act::Tanh, Act::Relu, Act::LeakyRelu, Act::Elu, Act::Softplus};
  for (const Head& h : kHeads) {
    for (Act act : acts) {
      const NetworkD net = random_net({5, 4}, {act, act}, h.out, h.loss, 3, h.K, 5);
      const MatD X = random_mat(rng, 3, 6, -2, 2), Y = targets(rng, h.out, h.loss, h.K, 6);
      for (const GradCheckEntry& e : gradient_check(net, X, Y, Reg::L2, 0.01))
        EXPECT_LE(e.rel_error, 1e-6) << e.name << " " << act_name(act) << " -> " << act_name(h.out) << "+" << loss_name(h.loss);
    }
  }
}

TEST(model, deep_network_and_l1_penalty_pass_gradient_check) {
  Rng rng(22);
  const std::vector<int> hidden(8, 6);
  const NetworkD net = random_net(hidden, std::vector<Act>(8, Act::Tanh), Act::Sigmoid, Loss::Bce, 2, 1, 9);
  const MatD X = random_mat(rng, 2, 5, -2, 2), Y = targets(rng, Act::Sigmoid, Loss::Bce, 1, 5);
  const auto entries = gradient_check(net, X, Y, Reg::L1, 0.01);
  EXPECT_EQ(entries.size(), 18u);
  for (const GradCheckEntry& e : entries) EXPECT_LE(e.rel_error, 1e-6) << e.name;
}

TEST(model, fused_and_unfused_backward_agree) {
  Rng rng(23);
  for (const Head& h : {kHeads[1], kHeads[2]}) {
    const NetworkD net = random_net({4}, {Act::Tanh}, h.out, h.loss, 2, h.K, 4);
    const MatD X = random_mat(rng, 2, 7, -2, 2), Y = targets(rng, h.out, h.loss, h.K, 7);
    TraceT<double> t;
    GradsT<double> fused, unfused;
    forward(net, X, t);
    backward(net, t, Y, fused, true);
    backward(net, t, Y, unfused, false);
    for (size_t i = 0; i < net.W.size(); ++i) {
      EXPECT_LE(rel_error(fused.dW[i], unfused.dW[i]), 1e-12);
      EXPECT_LE(rel_error(fused.db[i], unfused.db[i]), 1e-12);
    }
  }
}

TEST(model, float_training_path_matches_double) {
  Rng rng(24);
  const NetworkD netd = random_net({6, 6}, {Act::Tanh, Act::Relu}, Act::Sigmoid, Loss::Bce, 2, 1, 6);
  const MatD X = random_mat(rng, 2, 8, -2, 2), Y = targets(rng, Act::Sigmoid, Loss::Bce, 1, 8);
  TraceT<double> td;
  TraceT<float> tf;
  GradsT<double> gd;
  GradsT<float> gf;
  const Network netf = netd.cast<float>();
  forward(netd, X, td);
  forward(netf, Mat(X.cast<float>()), tf);
  backward(netd, td, Y, gd);
  backward(netf, tf, Mat(Y.cast<float>()), gf);
  for (size_t i = 0; i < netd.W.size(); ++i) EXPECT_LE(rel_error(gf.dW[i].cast<double>(), gd.dW[i]), 1e-5);
  EXPECT_NEAR(data_loss(netf, tf, Mat(Y.cast<float>())), data_loss(netd, td, Y), 1e-6);
}

// The inspector's matrices, multiplied along the chain, give exactly what backprop computed.
TEST(inspect, chain_of_jacobians_equals_backprop_gradients) {
  Rng rng(25);
  const NetworkD net = random_net({5, 3}, {Act::Tanh, Act::Sigmoid}, Act::Softmax, Loss::Cce, 2, 3, 8);
  const MatD X = random_mat(rng, 2, 4, -2, 2), Y = targets(rng, Act::Softmax, Loss::Cce, 3, 4);
  TraceT<double> t;
  GradsT<double> g;
  forward(net, X, t);
  backward(net, t, Y, g);
  const int L = 3;
  // Output layer: dL/dZ[L] = dL/dyhat * dyhat/dZ[L]  (1 x KN)
  const MatD JL = inspect(net, X, Y, L, "L", "yhat", -1).M, Ja = inspect(net, X, Y, L, "a", "z", -1).M;
  EXPECT_LE(rel_error((JL * Ja).transpose(), vec(g.dZ[2])), 1e-12);
  for (int l = 1; l <= L; ++l) {
    const size_t i = static_cast<size_t>(l - 1);
    const MatD dZ = inspect(net, X, Y, l, "L", "z", -1).M;
    EXPECT_LE(rel_error(dZ, g.dZ[i]), 1e-12);
    const MatD JW = inspect(net, X, Y, l, "z", "W", -1).M, Jb = inspect(net, X, Y, l, "z", "b", -1).M;
    EXPECT_LE(rel_error((vec(dZ).transpose() * JW).transpose(), vec(g.dW[i])), 1e-12) << "layer " << l;
    EXPECT_LE(rel_error((vec(dZ).transpose() * Jb).transpose(), g.db[i]), 1e-12) << "layer " << l;
    EXPECT_LE(rel_error(inspect(net, X, Y, l, "L", "W", -1).M, g.dW[i]), 1e-12);
    if (l > 1) {
      const MatD JA = inspect(net, X, Y, l, "z", "a_prev", -1).M;
      EXPECT_LE(rel_error((vec(dZ).transpose() * JA).transpose(), vec(g.dA[i])), 1e-12);
    }
  }
}

TEST(inspect, shapes_and_labels) {
  Rng rng(26);
  const NetworkD net = random_net({4}, {Act::Relu}, Act::Sigmoid, Loss::Bce, 2, 1, 3);
  const MatD X = random_mat(rng, 2, 5), Y = targets(rng, Act::Sigmoid, Loss::Bce, 1, 5);
  const Inspected w1 = inspect(net, X, Y, 1, "z", "W", 2);
  EXPECT_EQ(w1.M.rows(), 4);
  EXPECT_EQ(w1.M.cols(), 8);
  EXPECT_EQ(w1.col_axis.label(5), "W[1][1,1]");
  const Inspected wb = inspect(net, X, Y, 1, "z", "W", -1);
  EXPECT_EQ(wb.M.rows(), 20);
  EXPECT_EQ(wb.M.cols(), 8);
  EXPECT_EQ(wb.row_axis.label(14), "z[1][2] of sample 3");
  const Inspected b1 = inspect(net, X, Y, 1, "z", "b", 0);
  EXPECT_EQ(b1.M, MatD::Identity(4, 4));
  const Inspected act = inspect(net, X, Y, 1, "a", "z", -1);
  EXPECT_EQ(act.M.rows(), 20);
  EXPECT_TRUE((act.M - MatD(act.M.diagonal().asDiagonal())).isZero(0));
  EXPECT_EQ(inspect(net, X, Y, 2, "L", "yhat", 1).M.cols(), 1);
  EXPECT_FALSE(inspect(net, X, Y, 3, "z", "W", 0).ok());
  EXPECT_FALSE(inspect(net, X, Y, 1, "z", "q", 0).ok());
  EXPECT_FALSE(inspect(net, X, Y, 1, "z", "W", 5).ok());
  EXPECT_FALSE(inspect(net, X, Y, 1, "a", "W", 0).ok());
}

}  // namespace
}  // namespace pg

namespace pg {
namespace {

// Every inspectable matrix, single-sample and minibatch, against central differences of the forward pass.
TEST(inspect, every_matrix_matches_its_numerical_version) {
  Rng rng(27);
  const std::pair<const char*, const char*> pairs[] = {{"z", "a_prev"}, {"z", "W"}, {"z", "b"}, {"a", "z"}, {"L", "yhat"},
                                                       {"L", "z"},      {"L", "a"}, {"L", "a_prev"}, {"L", "W"}, {"L", "b"}};
  for (const Head& h : kHeads) {
    const NetworkD net = random_net({4, 3}, {Act::Tanh, Act::Elu}, h.out, h.loss, 2, h.K, 11);
    const MatD X = random_mat(rng, 2, 3, -2, 2), Y = targets(rng, h.out, h.loss, h.K, 3);
    for (int layer = 1; layer <= 3; ++layer)
      for (const auto& [of, wrt] : pairs)
        for (int sample : {-1, 1}) {
          const Inspected a = inspect(net, X, Y, layer, of, wrt, sample), n = inspect_numeric(net, X, Y, layer, of, wrt, sample);
          ASSERT_TRUE(a.ok() && n.ok()) << a.error << n.error;
          EXPECT_LE(rel_error(a.M, n.M), 1e-6) << of << "/" << wrt << " layer " << layer << " sample " << sample
                                               << " head " << act_name(h.out);
        }
  }
}

TEST(inspect, chain_steps_reproduce_backprop) {
  Rng rng(28);
  const NetworkD net = random_net({5, 4}, {Act::Relu, Act::Sigmoid}, Act::Softmax, Loss::Cce, 2, 3, 12);
  const MatD X = random_mat(rng, 2, 4, -2, 2), Y = targets(rng, Act::Softmax, Loss::Cce, 3, 4);
  for (int layer = 1; layer <= 3; ++layer)
    for (const char* op : {"loss", "act", "W", "b", "a_prev"})
      for (int sample : {-1, 2}) {
        const ChainStep c = chain_step(net, X, Y, layer, op, sample);
        ASSERT_TRUE(c.ok()) << c.error;
        EXPECT_EQ(c.upstream.M.cols(), c.local.M.rows()) << op;
        EXPECT_EQ(c.downstream.M.cols(), c.local.M.cols()) << op;
        EXPECT_LE(c.backprop_diff, 1e-12) << op << " layer " << layer;
      }
  EXPECT_FALSE(chain_step(net, X, Y, 1, "frobnicate", 0).ok());
}

}  // namespace
}  // namespace pg
