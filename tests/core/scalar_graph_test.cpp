// tests/core/scalar_graph_test.cpp: the scalar computational graph against an independent computation of the
// loss (plain std:: math, central differences in double), the decomposed sigmoid against the one-gate sigmoid,
// the engine's own gradients (inspect, Trainer::last_gradients with batch 1, the minibatch mean), and
// CS231n's gate patterns.
#include "core/jacobian.h"
#include "core/scalar_graph.h"
#include "core/train.h"
#include "test_util.h"

#include <cmath>

namespace pg {
namespace {

using test::random_mat;

// A chain of single neurons written out with std:: functions only (nothing from ops.h or scalar_graph.cpp).
double ref_act(Act f, double z) {
  switch (f) {
    case Act::Linear: return z;
    case Act::Sigmoid: return 1 / (1 + std::exp(-z));
    case Act::Tanh: return std::tanh(z);
    case Act::Relu: return z > 0 ? z : 0;
    case Act::Softplus: return std::log1p(std::exp(z));
    default: ADD_FAILURE() << "no reference for this activation"; return 0;
  }
}
double ref_loss(const NetworkD& net, const VecD& x, double y) {
  VecD a = x;
  for (size_t l = 0; l < net.W.size(); ++l) {
    const double z = (net.W[l].row(0).transpose().array() * a.array()).sum() + net.b[l](0);
    a = VecD::Constant(1, ref_act(net.arch.act(int(l) + 1), z));
  }
  const double yh = a(0);
  if (net.arch.loss == Loss::Mse) return (yh - y) * (yh - y);
  return -(y * std::log(yh) + (1 - y) * std::log(1 - yh));
}

NetworkD neuron(int D, Act out, Loss loss, std::vector<int> hidden = {}, std::vector<Act> hidden_act = {}, uint64_t seed = 1) {
  Rng rng(seed, 9);
  NetworkD net;
  net.arch.kind = hidden.empty() ? (out == Act::Sigmoid ? ModelKind::LogReg : ModelKind::LinReg) : ModelKind::Mlp;
  net.arch.input_dim = D;
  net.arch.hidden = hidden;
  net.arch.hidden_act = hidden_act;
  net.arch.out = out;
  net.arch.loss = loss;
  for (int l = 1; l <= net.arch.num_layers(); ++l) {
    net.W.push_back(random_mat(rng, net.arch.width(l), net.arch.width(l - 1)));
    net.b.push_back(random_mat(rng, net.arch.width(l), 1).col(0));
  }
  return net;
}

// Every leaf's gradient (w, b, x) against central differences of ref_loss.
void check_against_central_differences(const NetworkD& net, const VecD& x, double y, bool decompose) {
  const ScalarGraph g = scalar_graph(net, x, y, decompose);
  ASSERT_TRUE(g.ok()) << g.error;
  EXPECT_NEAR(g.loss, ref_loss(net, x, y), 1e-13 * std::max(1.0, g.loss));
  const double h = 1e-6;
  int checked = 0;
  for (const Gate& gate : g.gates) {
    if (gate.kind != GateKind::Leaf || gate.role == LeafRole::Constant) continue;
    NetworkD p = net, m = net;
    VecD xp = x, xm = x;
    if (gate.role == LeafRole::Weight) p.W[size_t(gate.layer - 1)](0, gate.unit) += h, m.W[size_t(gate.layer - 1)](0, gate.unit) -= h;
    if (gate.role == LeafRole::Bias) p.b[size_t(gate.layer - 1)](0) += h, m.b[size_t(gate.layer - 1)](0) -= h;
    if (gate.role == LeafRole::Input) xp(gate.unit) += h, xm(gate.unit) -= h;
    const double numeric = (ref_loss(p, xp, y) - ref_loss(m, xm, y)) / (2 * h);
    EXPECT_NEAR(gate.upstream, numeric, 1e-7 * std::max(1.0, std::abs(numeric))) << gate.engine_name << " " << g.formula;
    ++checked;
  }
  const int L = net.arch.num_layers();
  int params = 0;
  for (int l = 1; l <= L; ++l) params += net.arch.width(l - 1) + 1;
  EXPECT_EQ(checked, params + net.arch.input_dim);  // every w, b and x
}

TEST(scalar_graph, every_input_gradient_matches_central_differences) {
  Rng rng(4, 4);
  for (int D = 1; D <= kGraphMaxInputs; ++D) {
    const VecD x = random_mat(rng, D, 1, -2, 2).col(0);
    check_against_central_differences(neuron(D, Act::Linear, Loss::Mse, {}, {}, D), x, 0.7, false);        // linreg
    for (bool dec : {false, true}) {
      check_against_central_differences(neuron(D, Act::Sigmoid, Loss::Bce, {}, {}, D), x, 1.0, dec);       // logreg
      check_against_central_differences(neuron(D, Act::Sigmoid, Loss::Bce, {}, {}, D + 10), x, 0.0, dec);
      check_against_central_differences(neuron(D, Act::Sigmoid, Loss::Mse, {}, {}, D), x, 0.3, dec);
      // two single neurons in a chain: σ hidden unit, σ + BCE output
      check_against_central_differences(neuron(D, Act::Sigmoid, Loss::Bce, {1}, {Act::Sigmoid}, D), x, 1.0, dec);
    }
    check_against_central_differences(neuron(D, Act::Tanh, Loss::Mse, {}, {}, D), x, -0.4, false);         // tanh neuron
    check_against_central_differences(neuron(D, Act::Linear, Loss::Mse, {1, 1}, {Act::Tanh, Act::Softplus}, D), x, 0.2, false);
  }
}

TEST(scalar_graph, relu_neuron_away_from_the_kink) {
  Rng rng(8, 8);
  for (double sign : {1.0, -1.0}) {
    NetworkD net = neuron(3, Act::Relu, Loss::Mse);
    const VecD x = random_mat(rng, 3, 1).col(0);
    net.b[0](0) = sign * 5;  // z far from 0 on either side
    check_against_central_differences(net, x, 0.5, false);
    const ScalarGraph g = scalar_graph(net, x, 0.5, false);
    const Gate& max = g.gates[size_t(g.output_gate)];
    ASSERT_EQ(max.kind, GateKind::Max);
    EXPECT_EQ(max.pattern, GatePattern::Routes);
    // max routes: the larger input gets the whole upstream gradient, the other 0.
    const bool z_wins = sign > 0;
    EXPECT_EQ(max.downstream[0], z_wins ? max.upstream : 0.0);
    EXPECT_EQ(max.downstream[1], z_wins ? 0.0 : max.upstream);
    if (!z_wins) EXPECT_EQ(g.grad("W[1][0,0]"), 0.0);  // a dead ReLU passes nothing back
  }
  // A ReLU hidden unit feeding a linear output (mlp layers=1, act=relu): the chain a link can make.
  NetworkD chain = neuron(2, Act::Linear, Loss::Mse, {1}, {Act::Relu});
  chain.b[0](0) = 3;
  check_against_central_differences(chain, VecD::Constant(2, 0.5), 1.0, false);
}

TEST(scalar_graph, decomposed_sigmoid_equals_the_one_gate_sigmoid) {
  Rng rng(2, 2);
  for (int trial = 0; trial < 20; ++trial) {
    const NetworkD net = neuron(3, Act::Sigmoid, Loss::Bce, {}, {}, uint64_t(trial));
    const VecD x = random_mat(rng, 3, 1, -3, 3).col(0);
    const double y = trial % 2;
    const ScalarGraph one = scalar_graph(net, x, y, false), dec = scalar_graph(net, x, y, true);
    ASSERT_TRUE(one.ok() && dec.ok());
    EXPECT_EQ(dec.gates.size(), one.gates.size() + 3);  // σ becomes ×(−1), exp, +1, 1/x
    EXPECT_TRUE(dec.decomposed);
    EXPECT_NEAR(dec.gates[size_t(dec.output_gate)].value, one.gates[size_t(one.output_gate)].value, 1e-15);
    EXPECT_NEAR(dec.loss, one.loss, 1e-14);
    for (const char* leaf : {"W[1][0,0]", "W[1][0,1]", "W[1][0,2]", "b[1][0]", "x[0]", "x[2]"})
      EXPECT_NEAR(dec.grad(leaf), one.grad(leaf), 1e-14 * std::max(1.0, std::abs(one.grad(leaf)))) << leaf;
    // ∂L/∂z through the four gates equals σ's one local gradient times ∂L/∂ŷ; both equal ŷ − y for BCE.
    const Gate& z1 = one.gates[size_t(one.output_gate - 1)];
    EXPECT_EQ(z1.kind, GateKind::Add);
    EXPECT_NEAR(z1.upstream, one.gates[size_t(one.output_gate)].value - y, 1e-14);
    const std::vector<std::string> ops = {"×(−1)", "exp", "+1", "1/x"};
    for (size_t k = 0; k < 4; ++k) EXPECT_EQ(dec.gates[size_t(dec.output_gate) - 3 + k].op, ops[k]);
  }
}

TEST(scalar_graph, add_distributes_and_multiply_swaps) {
  const NetworkD net = neuron(4, Act::Sigmoid, Loss::Bce);
  const VecD x = (VecD(4) << 0.5, -1.5, 2.0, 0.25).finished();
  const ScalarGraph g = scalar_graph(net, x, 1.0, false);
  ASSERT_TRUE(g.ok());
  int muls = 0, adds = 0;
  for (const Gate& gate : g.gates) {
    if (gate.kind == GateKind::Mul) {
      ++muls;
      EXPECT_EQ(gate.pattern, GatePattern::Swaps);
      const double w = g.gates[size_t(gate.inputs[0])].value, xi = g.gates[size_t(gate.inputs[1])].value;
      EXPECT_EQ(gate.value, w * xi);
      EXPECT_EQ(gate.downstream[0], gate.upstream * xi);  // the w input gets upstream × x
      EXPECT_EQ(gate.downstream[1], gate.upstream * w);   // the x input gets upstream × w
    }
    if (gate.kind == GateKind::Add) {
      ++adds;
      EXPECT_EQ(gate.pattern, GatePattern::Distributes);
      EXPECT_EQ(gate.inputs.size(), 5u);  // four products and b
      for (double d : gate.downstream) EXPECT_EQ(d, gate.upstream);
    }
    for (size_t k = 0; k < gate.inputs.size(); ++k) {  // every gate: downstream = upstream × local, inputs come first
      EXPECT_EQ(gate.downstream[k], gate.upstream * gate.local[k]);
      EXPECT_LT(gate.inputs[k], gate.id);
    }
  }
  EXPECT_EQ(muls, 4);
  EXPECT_EQ(adds, 1);
  // Backward order: the loss first, every non-leaf gate once, each after all the gates that consume it.
  ASSERT_FALSE(g.backward_order.empty());
  EXPECT_EQ(g.backward_order.front(), g.loss_gate);
  EXPECT_EQ(g.gates[size_t(g.loss_gate)].upstream, 1.0);
  for (size_t k = 1; k < g.backward_order.size(); ++k) EXPECT_LT(g.backward_order[k], g.backward_order[k - 1]);
}

// The engine's gradient for one sample (batch of 1) equals the graph's; the minibatch gradient is their mean.
TEST(scalar_graph, equals_the_engines_gradient) {
  Rng rng(6, 6);
  for (Act out : {Act::Sigmoid, Act::Linear, Act::Tanh}) {
    const Loss loss = out == Act::Sigmoid ? Loss::Bce : Loss::Mse;
    const Network net = neuron(3, out, loss).cast<float>();
    const Mat X = random_mat(rng, 3, 6, -2, 2).cast<float>();
    Mat Y(1, 6);
    Y << 1, 0, 1, 1, 0, 0;
    VecD mean_dW = VecD::Zero(3);
    double mean_db = 0;
    for (int n = 0; n < 6; ++n) {
      const ScalarGraph g = scalar_graph(net, X, Y, n, n % 2 == 1);
      ASSERT_TRUE(g.ok()) << g.error;
      const Inspected dW = inspect(net, X, Y, 1, "L", "W", n), db = inspect(net, X, Y, 1, "L", "b", n);
      const Inspected dx = inspect(net, X, Y, 1, "L", "a_prev", n);
      for (int i = 0; i < 3; ++i) {
        const double gw = g.grad("W[1][0," + std::to_string(i) + "]");
        EXPECT_NEAR(gw, dW.M(0, i), 1e-5 * std::max(1.0, std::abs(gw)));
        EXPECT_NEAR(g.grad("x[" + std::to_string(i) + "]"), dx.M(i, 0), 1e-5);
        mean_dW(i) += gw / 6;
      }
      EXPECT_NEAR(g.grad("b[1][0]"), db.M(0, 0), 1e-5);
      mean_db += g.grad("b[1][0]") / 6;
    }
    const Inspected bW = inspect(net, X, Y, 1, "L", "W", -1), bb = inspect(net, X, Y, 1, "L", "b", -1);
    for (int i = 0; i < 3; ++i) EXPECT_NEAR(mean_dW(i), bW.M(0, i), 1e-6);
    EXPECT_NEAR(mean_db, bb.M(0, 0), 1e-6);
  }
}

TEST(scalar_graph, equals_the_training_steps_gradient_with_batch_one) {
  DataSpec spec;
  spec.kind = DatasetKind::Circle;
  spec.seed = 3;
  Dataset d = build_dataset(spec, kFeatX | kFeatY, false);
  Arch a;
  a.kind = ModelKind::LogReg;
  a.input_dim = 2;
  a.out = Act::Sigmoid;
  a.loss = Loss::Bce;
  TrainConfig cfg;
  cfg.batch_size = 1;
  cfg.learning_rate = 0.5f;
  Trainer t(std::move(d), a, cfg);
  t.run(7);
  for (int step = 0; step < 5; ++step) {
    Mat X, Y;
    t.next_batch(X, Y);
    const ScalarGraph g = scalar_graph(t.network(), X, Y, 0, step % 2 == 0);
    ASSERT_TRUE(g.ok()) << g.error;
    ASSERT_TRUE(t.step());
    const GradsT<float>& applied = t.last_gradients();
    EXPECT_NEAR(g.grad("W[1][0,0]"), applied.dW[0](0, 0), 1e-6 * std::max(1.0, std::abs(g.grad("W[1][0,0]"))));
    EXPECT_NEAR(g.grad("W[1][0,1]"), applied.dW[0](0, 1), 1e-6 * std::max(1.0, std::abs(g.grad("W[1][0,1]"))));
    EXPECT_NEAR(g.grad("b[1][0]"), applied.db[0](0), 1e-6);
  }
}

TEST(scalar_graph, hand_worked_neuron) {
  // CS231n's example: w = (2, −3), b = −3, x = (−1, −2): z = 1, σ(1) = 0.7311, with upstream 1 at ŷ the
  // gradients are w: (−0.20, −0.39), x: (0.39, −0.59). Here the loss is MSE with y chosen so ∂L/∂ŷ = 1.
  NetworkD net = neuron(2, Act::Sigmoid, Loss::Mse);
  net.W[0] << 2, -3;
  net.b[0] << -3;
  const double s = 1 / (1 + std::exp(-1.0));
  const ScalarGraph g = scalar_graph(net, (VecD(2) << -1, -2).finished(), s - 0.5, true);
  ASSERT_TRUE(g.ok());
  EXPECT_NEAR(g.gates[size_t(g.output_gate)].value, 0.7310585786300049, 1e-15);
  EXPECT_NEAR(g.gates[size_t(g.output_gate)].upstream, 1.0, 1e-15);  // 2 (ŷ − y) = 1
  const double ds = s * (1 - s);                                    // 0.19661193324148185
  EXPECT_NEAR(g.grad("W[1][0,0]"), -ds, 1e-15);
  EXPECT_NEAR(g.grad("W[1][0,1]"), -2 * ds, 1e-15);
  EXPECT_NEAR(g.grad("x[0]"), 2 * ds, 1e-15);
  EXPECT_NEAR(g.grad("x[1]"), -3 * ds, 1e-15);
  EXPECT_NEAR(g.grad("b[1][0]"), ds, 1e-15);
}

TEST(scalar_graph, unsupported_models_and_bad_input_are_errors) {
  NetworkD soft = neuron(2, Act::Linear, Loss::Mse);
  soft.arch.out = Act::Softmax;
  soft.arch.output_dim = 3;
  EXPECT_NE(scalar_graph(soft, VecD::Zero(2), 0, false).error.find("one output unit"), std::string::npos);
  Arch wide;
  wide.input_dim = 5;
  EXPECT_NE(scalar_graph_support(wide).find("at most 4 inputs"), std::string::npos);
  Arch hidden2;
  hidden2.hidden = {2};
  hidden2.hidden_act = {Act::Tanh};
  EXPECT_NE(scalar_graph_support(hidden2).find("hidden layer 1 has 2 units"), std::string::npos);
  Arch deep;
  deep.hidden = {1, 1, 1};
  deep.hidden_act = {Act::Tanh, Act::Tanh, Act::Tanh};
  EXPECT_NE(scalar_graph_support(deep).find("at most 3 layers"), std::string::npos);
  Arch bce_tanh;
  bce_tanh.out = Act::Tanh;
  bce_tanh.loss = Loss::Bce;
  EXPECT_NE(scalar_graph_support(bce_tanh).find("sigmoid"), std::string::npos);
  const NetworkD net = neuron(2, Act::Sigmoid, Loss::Bce);
  EXPECT_NE(scalar_graph(net, VecD::Zero(3), 0, false).error.find("3 features"), std::string::npos);
  EXPECT_FALSE(scalar_graph(net, VecD::Constant(2, NAN), 0, false).ok());
  const MatD X = MatD::Zero(2, 4), Y = MatD::Zero(1, 4);
  EXPECT_NE(scalar_graph(net, X, Y, 4, false).error.find("sample must be from 0 to 3"), std::string::npos);
  EXPECT_NE(scalar_graph(net, X, Y, -1, false).error.find("sample"), std::string::npos);
  EXPECT_TRUE(scalar_graph(net, X, Y, 3, false).ok());
}

TEST(scalar_graph, saturated_sigmoid_is_noted_never_invented) {
  NetworkD net = neuron(1, Act::Sigmoid, Loss::Bce);
  net.W[0] << 1;
  net.b[0] << 0;
  const ScalarGraph g = scalar_graph(net, VecD::Constant(1, 800), 0.0, false);  // ∂L/∂ŷ = 1 + e^800 = Inf
  ASSERT_TRUE(g.ok());
  EXPECT_NEAR(g.loss, 800, 1e-9);  // softplus(800), finite
  EXPECT_FALSE(g.note.empty());
  EXPECT_FALSE(std::isfinite(g.grad("W[1][0,0]")));  // Inf × 0: undefined, said so rather than invented
}

}  // namespace
}  // namespace pg
