// tests/core/saturation_test.cpp: where sigmoid and softmax saturate. The Jacobian factors against closed forms,
// the losses against hand-worked values, and the inspector's gradients against the gradient the training step
// applies (bit for bit, the same float path) and against central differences in double.
#include "core/jacobian.h"
#include "core/train.h"
#include "test_util.h"

#include <cmath>

namespace pg {
namespace {

using test::random_mat;
using test::rel_error;

double sigmoid_ref(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// ---- factors in their exact forms -------------------------------------------------------------------------

TEST(saturation, activation_derivatives_are_exact_far_into_saturation) {
  for (double z : {-700.0, -100.0, -40.0, -20.0, 20.0, 40.0, 100.0, 700.0}) {
    const double e = std::exp(-std::abs(z));
    const double sig = e / ((1 + e) * (1 + e));                       // sigma'(z) = e^-|z| / (1 + e^-|z|)^2
    const double e2 = std::exp(-2 * std::abs(z)), th = 4 * e2 / ((1 + e2) * (1 + e2));  // 1 - tanh^2
    EXPECT_GT(act_derivative_exact(Act::Sigmoid, z), 0) << z;
    EXPECT_NEAR(act_derivative_exact(Act::Sigmoid, z) / sig, 1, 1e-13) << z;
    if (th == 0) EXPECT_EQ(act_derivative_exact(Act::Tanh, z), 0.0) << z;  // e^-1400 underflows: truly 0 in double
    else EXPECT_NEAR(act_derivative_exact(Act::Tanh, z) / th, 1, 1e-13) << z;
    if (z < 0) EXPECT_NEAR(act_derivative_exact(Act::Elu, z) / std::exp(z), 1, 1e-13) << z;
    // The explicit Jacobians are built from the same exact form.
    EXPECT_EQ(act_jacobian<double>(Act::Sigmoid, VecD::Constant(1, z))(0, 0), act_derivative_exact(Act::Sigmoid, z));
  }
  // sigma'(40) = 4.25e-18: the cached-output form a (1 - a) would say 0 (sigma(40) rounds to 1 in double).
  EXPECT_NEAR(act_derivative_exact(Act::Sigmoid, 40.0), 4.248354255291589e-18, 1e-30);
}

TEST(saturation, bce_loss_is_softplus_of_the_signed_logit) {
  // BCE(z, y) = softplus((1 - 2y) z): right and confident is tiny but not 0; wrong and confident is |z|.
  MatD Z(1, 4), Y(1, 4);
  Z << 50, -50, 800, -30;
  Y << 1, 0, 0, 1;
  const double want = (std::log1p(std::exp(-50.0)) * 2 + 800 + 30 + std::log1p(std::exp(-30.0))) / 4;
  EXPECT_NEAR(sigmoid_bce_forward(Z, Y) / want, 1, 1e-15);
  MatD one(1, 1), y1(1, 1);
  one << 50;
  y1 << 1;
  EXPECT_NEAR(sigmoid_bce_forward(one, y1), 1.9287498479639178e-22, 1e-35);
  // float: softplus(z) - y z would cancel to exactly 0 here.
  EXPECT_GT(sigmoid_bce_forward(Mat(one.cast<float>()), Mat(y1.cast<float>())), 0.0);
}

TEST(saturation, cce_loss_keeps_a_confident_sample_tiny_but_positive) {
  // Logits of a confidently right sample (the softmax blobs run after 20 steps, batch 1, lr 1): its loss is
  // log(1 + e^-(10.136188507 + 5.743267536)) = 1.2695e-7, not 0.
  MatX<float> Z(2, 1), Y(2, 1);
  Z << 10.136188507080078f, -5.74326753616333f;
  Y << 1, 0;
  const double want = std::log1p(std::exp(-(10.136188507080078 + 5.74326753616333)));
  EXPECT_NEAR(softmax_cce_forward(Z, Y) / want, 1, 1e-6);
  // A logit spread above 100: logsumexp(z - z_y), exact in double.
  MatD Zd(3, 2), Yd = MatD::Zero(3, 2);
  Zd << 60, 60, -60, -60, 0, 0;
  Yd(0, 0) = 1;  // right: e^-60 + e^-120
  Yd(1, 1) = 1;  // wrong: 120 + log(1 + e^-60 + e^-120)
  const double right = std::log1p(std::exp(-60.0) + std::exp(-120.0)), wrong = 120 + std::log1p(std::exp(-60.0) + std::exp(-120.0));
  EXPECT_NEAR(softmax_cce_forward(Zd, Yd) / ((right + wrong) / 2), 1, 1e-15);
}

TEST(saturation, loss_jacobian_from_the_logits_is_exact_or_honestly_infinite) {
  MatD Z(1, 4), Y(1, 4), d;
  Z << 40, -40, 800, 800;
  Y << 0, 1, 0, 1;
  head_loss_vjp(Act::Sigmoid, Loss::Bce, Z, Y, d);
  EXPECT_NEAR(d(0, 0) / ((1 + std::exp(40.0)) / 4), 1, 1e-14);   // (1 - y)/(1 - yhat) = 1 + e^z
  EXPECT_NEAR(d(0, 1) / (-(1 + std::exp(40.0)) / 4), 1, 1e-14);  // -y/yhat = -(1 + e^-z)
  EXPECT_EQ(d(0, 2), std::numeric_limits<double>::infinity());   // truly beyond double's range
  EXPECT_EQ(d(0, 3), -0.25);                                     // -(1 + e^-800)/4: no Inf x 0 = NaN
  // Softmax + CCE, spread 120: -(1/N) e^(logsumexp(z) - z_y).
  MatD Zs(3, 1), Ys = MatD::Zero(3, 1), ds;
  Zs << 60, -60, 0;
  Ys(1, 0) = 1;
  head_loss_vjp(Act::Softmax, Loss::Cce, Zs, Ys, ds);
  EXPECT_NEAR(ds(1, 0) / -std::exp(120 + std::log1p(std::exp(-60.0) + std::exp(-120.0))), 1, 1e-13);
  EXPECT_EQ(ds(0, 0), 0);
  // Away from saturation it is the textbook (yhat - y)/(yhat (1 - yhat)).
  MatD Zm(1, 1), Ym(1, 1), dm, P;
  Zm << 0.7;
  Ym << 1;
  head_loss_vjp(Act::Sigmoid, Loss::Bce, Zm, Ym, dm);
  loss_vjp(Loss::Bce, MatD(MatD::Constant(1, 1, sigmoid_ref(0.7))), Ym, P);
  EXPECT_NEAR(dm(0, 0), P(0, 0), 1e-14);
}

// ---- the inspector's gradients are the training step's gradients ----------------------------------------

struct Case {
  const char* name;
  Arch arch;
  std::vector<Mat> W;
  std::vector<Vec> b;
  Mat X, Y;
  Reg reg = Reg::None;
  float lambda = 0;
};

Trainer trainer_for(const Case& c) {
  Dataset d;
  d.info = {c.arch.out == Act::Softmax ? Problem::Multiclass : Problem::Binary, std::max(2, c.arch.output_dim), c.arch.input_dim};
  d.X_train = d.X_test = c.X;
  d.Y_train = d.Y_test = c.Y;
  for (Index n = 0; n < c.Y.cols(); ++n) {
    Index k = 0;
    if (c.Y.rows() > 1) c.Y.col(n).maxCoeff(&k);
    else k = c.Y(0, n) > 0 ? 1 : 0;
    d.labels_train.push_back(int(k));
  }
  d.labels_test = d.labels_train;
  TrainConfig cfg;
  cfg.batch_size = int(c.X.cols());
  cfg.learning_rate = 0.1f;
  cfg.reg = c.reg;
  cfg.reg_rate = c.lambda;
  Trainer t(std::move(d), c.arch, cfg);
  EXPECT_EQ(t.set_parameters(c.W, c.b), "");
  return t;
}

Arch arch_of(int D, std::vector<int> hidden, Act act, int K, Act out, Loss loss) {
  Arch a;
  a.input_dim = D;
  a.hidden = hidden;
  a.hidden_act.assign(hidden.size(), act);
  a.output_dim = K;
  a.out = out;
  a.loss = loss;
  return a;
}

// Random weights scaled by `scale`, so the units saturate.
void random_weights(Case& c, float scale, uint32_t seed) {
  Rng rng(seed);
  for (int l = 1; l <= c.arch.num_layers(); ++l) {
    c.W.push_back((random_mat(rng, c.arch.width(l), c.arch.width(l - 1)) * scale).cast<float>());
    c.b.push_back((random_mat(rng, c.arch.width(l), 1) * scale).cast<float>());
  }
}

std::vector<Case> saturated_cases() {
  std::vector<Case> cases;
  {  // a logistic unit with W = [[1000, 0]] on (+-6, 0), both labels wrong: z = +-6000
    Case c{"logistic unit, z = +-6000", arch_of(2, {}, Act::Tanh, 1, Act::Sigmoid, Loss::Bce), {}, {}, Mat(2, 2), Mat(1, 2)};
    c.W = {Mat(1, 2)};
    c.W[0] << 1000, 0;
    c.b = {Vec::Zero(1)};
    c.X << 6, -6, 0, 0;
    c.Y << 0, 1;
    cases.push_back(c);
  }
  {  // softmax + CCE with a logit spread of 120
    Case c{"softmax, spread 120", arch_of(2, {}, Act::Tanh, 3, Act::Softmax, Loss::Cce), {}, {}, Mat(2, 3), Mat::Zero(3, 3)};
    c.W = {Mat(3, 2)};
    c.W[0] << 30, 1, -30, 2, 0, -1;
    c.b = {Vec::Zero(3)};
    c.X << 2, -2, 1.5, 0.5, 1, -1;
    c.Y(1, 0) = c.Y(0, 1) = c.Y(2, 2) = 1;
    cases.push_back(c);
  }
  {  // tanh hidden layer and tanh output with MSE on -1/+1 targets, saturated, with L2
    Case c{"tanh + MSE, L2", arch_of(2, {5}, Act::Tanh, 1, Act::Tanh, Loss::Mse), {}, {}, Mat(2, 4), Mat(1, 4)};
    random_weights(c, 6, 31);
    Rng rng(32);
    c.X = (random_mat(rng, 2, 4, -3, 3)).cast<float>();
    c.Y << 1, -1, -1, 1;
    c.reg = Reg::L2;
    c.lambda = 0.05f;
    cases.push_back(c);
  }
  {  // a deep sigmoid net (6 hidden layers) into sigmoid + BCE, with L1
    Case c{"deep sigmoid, L1", arch_of(2, std::vector<int>(6, 4), Act::Sigmoid, 1, Act::Sigmoid, Loss::Bce), {}, {}, Mat(2, 5), Mat(1, 5)};
    random_weights(c, 4, 33);
    Rng rng(34);
    c.X = (random_mat(rng, 2, 5, -4, 4)).cast<float>();
    c.Y << 1, 0, 0, 1, 1;
    c.reg = Reg::L1;
    c.lambda = 0.01f;
    cases.push_back(c);
  }
  return cases;
}

Network network_of(const Case& c) {
  Network net;
  net.arch = c.arch;
  net.W = c.W;
  net.b = c.b;
  return net;
}

bool same_bits(const MatD& shown, const Mat& applied) {
  return shown.rows() == applied.rows() && shown.cols() == applied.cols() && shown == applied.cast<double>();
}

TEST(saturation, inspector_gradients_are_the_training_step_gradients_bit_for_bit) {
  for (const Case& c : saturated_cases()) {
    Trainer t = trainer_for(c);
    Mat X, Y;
    t.next_batch(X, Y);
    const int L = c.arch.num_layers();
    std::vector<Inspected> dW, db, dZ, dA_prev;
    for (int l = 1; l <= L; ++l) {
      dW.push_back(inspect(t.network(), X, Y, l, "L", "W", -1, c.reg, c.lambda));
      db.push_back(inspect(t.network(), X, Y, l, "L", "b", -1, c.reg, c.lambda));
      dZ.push_back(inspect(t.network(), X, Y, l, "L", "z", -1, c.reg, c.lambda));
      dA_prev.push_back(inspect(t.network(), X, Y, l, "L", "a_prev", -1, c.reg, c.lambda));
    }
    ASSERT_TRUE(t.step()) << c.name;
    const GradsT<float>& g = t.last_gradients();
    for (int l = 1; l <= L; ++l) {
      const size_t i = size_t(l - 1);
      EXPECT_TRUE(same_bits(dW[i].M, g.dW[i])) << c.name << " dW layer " << l;
      EXPECT_TRUE(same_bits(db[i].M, Mat(g.db[i]))) << c.name << " db layer " << l;
      EXPECT_TRUE(same_bits(dZ[i].M, g.dZ[i])) << c.name << " dZ layer " << l;
      if (l > 1) EXPECT_TRUE(same_bits(dA_prev[i].M, g.dA[i])) << c.name << " dA layer " << l - 1;
      EXPECT_TRUE(dW[i].M.allFinite() && dZ[i].M.allFinite()) << c.name;
      if (c.reg != Reg::None) {  // the split: data term + penalty term = what training applied
        ASSERT_EQ(dW[i].penalty_term.size(), dW[i].M.size()) << c.name;
        EXPECT_TRUE(((dW[i].data_term + dW[i].penalty_term).cast<float>() - g.dW[i]).cwiseAbs().maxCoeff() <=
                    1e-6f * std::max(1.0f, g.dW[i].cwiseAbs().maxCoeff())) << c.name;
      }
    }
  }
}

// Away from saturation too: every head and hidden activation, the minibatch form against a step over the
// whole batch and the one-sample form against a step with a batch of one.
TEST(saturation, inspector_gradients_are_the_training_step_gradients_for_every_head_and_activation) {
  struct Head { Act out; Loss loss; int K; };
  const Head heads[] = {{Act::Linear, Loss::Mse, 1}, {Act::Sigmoid, Loss::Bce, 1}, {Act::Softmax, Loss::Cce, 3},
                        {Act::Tanh, Loss::Mse, 1}, {Act::Sigmoid, Loss::Mse, 1}};
  const Act acts[] = {Act::Linear, Act::Sigmoid, Act::Tanh, Act::Relu, Act::LeakyRelu, Act::Elu, Act::Softplus};
  uint32_t seed = 40;
  for (const Head& h : heads)
    for (Act act : acts)
      for (int batch : {6, 1}) {
        Case c{"", arch_of(2, {5, 4}, act, h.K, h.out, h.loss), {}, {}, Mat(2, 6), Mat::Zero(h.K, 6)};
        random_weights(c, 1, ++seed);
        Rng rng(++seed);
        c.X = random_mat(rng, 2, 6, -3, 3).cast<float>();
        for (Index n = 0; n < 6; ++n) {
          if (h.K > 1) c.Y(n % h.K, n) = 1;
          else c.Y(0, n) = h.out == Act::Tanh ? (n % 2 ? 1.0f : -1.0f) : h.loss == Loss::Bce ? float(n % 2) : float(rng.uniform(-1, 1));
        }
        c.reg = Reg::L2;
        c.lambda = 0.003f;
        Trainer t = trainer_for(c);
        TrainConfig cfg = t.config();
        cfg.batch_size = batch;
        t.set_live_config(cfg);
        Mat X, Y;
        t.next_batch(X, Y);
        ASSERT_EQ(X.cols(), batch);
        const int sample = batch == 1 ? 0 : -1;
        std::vector<Inspected> shown;
        for (int l = 1; l <= 3; ++l)
          for (const char* wrt : {"W", "b", "z", "a_prev"}) shown.push_back(inspect(t.network(), X, Y, l, "L", wrt, sample, c.reg, c.lambda));
        ASSERT_TRUE(t.step());
        const GradsT<float>& g = t.last_gradients();
        const std::string what = std::string(act_name(act)) + " -> " + std::string(act_name(h.out)) + " + " +
                                 std::string(loss_name(h.loss)) + ", batch " + std::to_string(batch);
        for (size_t i = 0; i < 3; ++i) {
          EXPECT_TRUE(same_bits(shown[4 * i + 0].M, g.dW[i])) << what << " dW layer " << i + 1;
          EXPECT_TRUE(same_bits(shown[4 * i + 1].M, Mat(g.db[i]))) << what << " db layer " << i + 1;
          EXPECT_TRUE(same_bits(shown[4 * i + 2].M, g.dZ[i])) << what << " dZ layer " << i + 1;
          if (i > 0) EXPECT_TRUE(same_bits(shown[4 * i + 3].M, g.dA[i])) << what << " dA layer " << i;
        }
      }
}

TEST(saturation, logistic_unit_at_z_6000_has_the_true_gradient) {
  const Case c = saturated_cases()[0];
  const Network net = network_of(c);
  // dL/dW = mean over the two points of (sigmoid(z) - y) x = ((1 - 0) 6 + (0 - 1)(-6)) / 2 = 6; dL/db = 0.
  const Inspected dW = inspect(net, c.X, c.Y, 1, "L", "W", -1);
  ASSERT_TRUE(dW.ok()) << dW.error;
  EXPECT_EQ(dW.M(0, 0), 6.0);
  EXPECT_EQ(dW.M(0, 1), 0.0);
  EXPECT_EQ(inspect(net, c.X, c.Y, 1, "L", "b", -1).M(0, 0), 0.0);
  // One sample: (sigmoid(6000) - 0) 6 = 6.
  EXPECT_EQ(inspect(net, c.X, c.Y, 1, "L", "W", 0).M(0, 0), 6.0);
  // The factors: dL/dyhat = Inf (beyond double's range, said so), dyhat/dz = 0; the chain view shows the fused,
  // finite dL/dz and explains why.
  const Inspected dyhat = inspect(net, c.X, c.Y, 1, "L", "yhat", -1);
  EXPECT_TRUE(std::isinf(dyhat.M(0, 0)));
  EXPECT_FALSE(dyhat.note.empty());
  const ChainStep act = chain_step(net, c.X, c.Y, 1, "act", -1);
  ASSERT_TRUE(act.ok()) << act.error;
  EXPECT_FALSE(act.note.empty());
  EXPECT_TRUE(act.downstream.M.allFinite());
  EXPECT_EQ(act.downstream.M(0, 0), 0.5);   // (1 - 0)/2
  EXPECT_EQ(act.downstream.M(0, 1), -0.5);  // (0 - 1)/2
  EXPECT_EQ(act.backprop_diff, 0.0);
}

// The same gradients against central differences of the objective in double: on the double network (exact
// forms throughout) to 1e-6, and the float network's gradients (what training applies) to float precision.
TEST(saturation, inspector_gradients_match_central_differences) {
  for (const Case& c : saturated_cases()) {
    const Network net = network_of(c);
    const NetworkD netd = net.cast<double>();
    const MatD Xd = c.X.cast<double>(), Yd = c.Y.cast<double>();
    for (int l = 1; l <= c.arch.num_layers(); ++l)
      for (const char* wrt : {"W", "b", "z", "a_prev"})
        for (int sample : {-1, 1}) {
          const Inspected n = inspect_numeric(netd, Xd, Yd, l, "L", wrt, sample, c.reg, c.lambda);
          const Inspected d = inspect(netd, Xd, Yd, l, "L", wrt, sample, c.reg, c.lambda);
          const Inspected f = inspect(net, c.X, c.Y, l, "L", wrt, sample, c.reg, c.lambda);
          ASSERT_TRUE(n.ok() && d.ok() && f.ok()) << n.error;
          // Double: central differences with h ~ 6e-6 carry a rounding error of about eps |L| / h ~ 1e-10 (L is
          // up to 4 here), so a gradient that flows only through saturated units (1e-8) is checked against 1e-3.
          const double dscale = std::max(n.M.cwiseAbs().maxCoeff(), 1e-3);
          EXPECT_LE((d.M - n.M).cwiseAbs().maxCoeff() / dscale, 1e-6) << c.name << " layer " << l << " " << wrt << " sample " << sample;
          // Float: the forward pass rounds a saturated unit's output to exactly 0, 1 or +-1, so gradients
          // far below float's resolution of an O(1) loss (about 1e-7) read 0; errors are measured against the
          // larger of the gradient's scale and 1e-3.
          const double scale = std::max(n.M.cwiseAbs().maxCoeff(), 1e-3);
          EXPECT_LE((f.M - n.M).cwiseAbs().maxCoeff() / scale, 2e-3) << c.name << " layer " << l << " " << wrt << " sample " << sample;
        }
  }
}

// The chain of factors multiplied out equals backprop's gradient at saturation (where both are in range).
TEST(saturation, chain_steps_reproduce_backprop_when_saturated) {
  for (const Case& c : saturated_cases()) {
    const Network net = network_of(c);
    const NetworkD netd = net.cast<double>();
    const MatD Xd = c.X.cast<double>(), Yd = c.Y.cast<double>();
    for (int l = 1; l <= c.arch.num_layers(); ++l)
      for (const char* op : {"act", "W", "b", "a_prev"}) {
        const ChainStep s = chain_step(netd, Xd, Yd, l, op, -1, c.reg, c.lambda);
        ASSERT_TRUE(s.ok()) << s.error;
        EXPECT_TRUE(s.downstream.M.allFinite()) << c.name << " " << op << " layer " << l;
        const double scale = std::max(1e-300, s.downstream.M.cwiseAbs().maxCoeff());
        EXPECT_LE(s.backprop_diff / scale, 1e-9) << c.name << " " << op << " layer " << l;
      }
  }
}

// One meaning of dL/dW: the gradient of the objective (data loss + penalty), split into its two terms.
TEST(saturation, regularized_gradient_is_the_objective_gradient_with_its_split) {
  const Case c = saturated_cases()[2];  // tanh + MSE with L2 (lambda 0.05)
  const Network net = network_of(c);
  for (int l = 1; l <= 2; ++l) {
    const Inspected with = inspect(net, c.X, c.Y, l, "L", "W", -1, Reg::L2, 0.05);
    const Inspected without = inspect(net, c.X, c.Y, l, "L", "W", -1);
    EXPECT_EQ(with.data_term, without.M);
    EXPECT_TRUE(without.penalty_term.size() == 0 && without.data_term.size() == 0);
    EXPECT_EQ(with.penalty_term, MatD((0.05f * net.W[size_t(l - 1)]).cast<double>()));
    EXPECT_EQ(with.M, MatD((without.M.cast<float>() + 0.05f * net.W[size_t(l - 1)]).cast<double>()));
    // The penalty term is lambda W itself, even where lambda W is far below the data term's rounding.
    const Inspected tiny = inspect(net, c.X, c.Y, l, "L", "W", -1, Reg::L2, 1e-8);
    EXPECT_EQ(tiny.penalty_term, MatD((1e-8f * net.W[size_t(l - 1)]).cast<double>()));
    const Inspected l1 = inspect(net, c.X, c.Y, l, "L", "W", -1, Reg::L1, 0.01);
    EXPECT_EQ(l1.penalty_term.cwiseAbs().maxCoeff(), double(0.01f));
    // Biases carry no penalty.
    EXPECT_EQ(inspect(net, c.X, c.Y, l, "L", "b", -1, Reg::L2, 0.05).M, inspect(net, c.X, c.Y, l, "L", "b", -1).M);
  }
}

}  // namespace
}  // namespace pg
