// tests/core/known_answers_test.cpp: numbers the product promises, each worked out by hand from the README's
// formulas or taken from a published source, never from the code under test:
//   * optimizers: one and two steps of SGD, momentum and Adam, without and with L1 / L2, on a one-weight model
//   * losses and penalties on hand-worked inputs; TensorFlow Playground's step at the mapped learning rate
//   * PCG32 against pcg-random.org's reference output; the distributions' first values from that stream
//   * initialisation: Xavier's bound, He's standard deviation from fan-in, TF Playground's U(-0.5, 0.5) and 0.1
//   * metrics: the classification threshold of each head, ties, the confusion matrix's orientation
//   * divergence: the weights kept are those of the run one step earlier, bit for bit; the 10x lower rate
//   * activation kinks: the derivative at z = 0
//   * the inspector's row and column names on non-square shapes, as the README spells them
// Each test says where its numbers come from.
#include "core/jacobian.h"
#include "core/rng.h"
#include "core/train.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace pg {
namespace {

// ---------------------------------------------------------------------------------------------------------
// A one-weight model: linear regression over one feature, z = w x + b, MSE, one training point (x, y).
// Its gradient is known in closed form: dL/dz = 2 (z - y) (README: MSE is (1/N) sum (yhat - y)^2, N = 1),
// dL/dw = 2 (z - y) x, dL/db = 2 (z - y).
Dataset one_point(float x, float y) {
  Dataset d;
  d.info = {Problem::Regression, 0, 1};
  d.features = kFeatX;
  d.train_points = d.test_points = {Point{x, y, 0}};
  d.X_train = d.X_test = Mat::Constant(1, 1, x);
  d.Y_train = d.Y_test = Mat::Constant(1, 1, y);
  return d;
}

Arch linreg(int inputs) {
  Arch a;
  a.kind = ModelKind::LinReg;
  a.input_dim = inputs;
  a.output_dim = 1;
  a.out = Act::Linear;
  a.loss = Loss::Mse;
  return a;
}

Trainer one_weight_trainer(Optimizer opt, Reg reg, float lr, float lambda, float w0, float b0, float x, float y) {
  TrainConfig c;
  c.optimizer = opt;
  c.learning_rate = lr;
  c.reg = reg;
  c.reg_rate = lambda;
  c.batch_size = 1;
  Trainer t(one_point(x, y), linreg(1), c);
  EXPECT_EQ(t.set_parameters({Mat::Constant(1, 1, w0)}, {Vec::Constant(1, b0)}), "");
  return t;
}

// x = 2, y = 0.5, w0 = 0.5, b0 = -0.25, eta = 0.05, lambda = 0.1, mu = 0.9, beta1 = 0.9, beta2 = 0.999.
// Step 1 by hand: z = 0.75, dL/dz = 2 (0.75 - 0.5) = 0.5, g_w = 0.5 * 2 = 1, g_b = 0.5.
//   SGD:       w = 0.5 - 0.05 * 1 = 0.45, b = -0.25 - 0.05 * 0.5 = -0.275
//   + L2:      g_w = 1 + 0.1 * 0.5 = 1.05 -> w = 0.4475         + L1: g_w = 1 + 0.1 sign(0.5) = 1.1 -> w = 0.445
//   momentum:  v = g, so step 1 equals SGD's; step 2: v = 0.9 g1 + g2 (README: v <- mu v + g, w <- w - eta v)
//   Adam:      m_hat = g, v_hat = g^2 at t = 1 (bias-corrected), so each parameter moves by eta g / (|g| + 1e-8):
//              w = 0.5 - 0.05 = 0.45, b = -0.25 - 0.05 = -0.3 (to 1e-9)
// Step 2 by hand (SGD): z = 0.9 - 0.275 = 0.625, dL/dz = 0.25, g_w = 0.5, g_b = 0.25 -> w = 0.425, b = -0.2875.
// Adam step 2 in closed form: m_hat = (b1 g1 + g2) / (1 + b1), v_hat = (b2 g1^2 + g2^2) / (1 + b2).
// The rest of the table follows from the same formulas (double precision, then rounded to 9 digits).
struct OptimizerCase {
  Optimizer opt;
  Reg reg;
  double w1, b1, w2, b2;
};
constexpr OptimizerCase kOptimizerCases[] = {
    {Optimizer::Sgd, Reg::None, 0.45, -0.275, 0.425, -0.2875},
    {Optimizer::Sgd, Reg::L1, 0.445, -0.275, 0.417, -0.2865},
    {Optimizer::Sgd, Reg::L2, 0.4475, -0.275, 0.4212625, -0.287},
    {Optimizer::Momentum, Reg::None, 0.45, -0.275, 0.38, -0.31},
    {Optimizer::Momentum, Reg::L1, 0.445, -0.275, 0.3675, -0.309},
    {Optimizer::Momentum, Reg::L2, 0.4475, -0.275, 0.3740125, -0.3095},
    {Optimizer::Adam, Reg::None, 0.45, -0.299999999, 0.405071241, -0.344928758},
    {Optimizer::Adam, Reg::L1, 0.45, -0.299999999, 0.404100001, -0.344928758},
    {Optimizer::Adam, Reg::L2, 0.45, -0.299999999, 0.404630666, -0.344928758},
};

TEST(known_answers, optimizers_take_the_readme_steps_on_a_one_weight_model) {
  for (const OptimizerCase& c : kOptimizerCases) {
    const std::string what = std::string(optimizer_name(c.opt)) + " + " + std::string(reg_name(c.reg));
    Trainer t = one_weight_trainer(c.opt, c.reg, 0.05f, 0.1f, 0.5f, -0.25f, 2.0f, 0.5f);
    // float arithmetic against exact decimals: a few float roundings (Adam's 1 - beta2^2 loses about 5 digits
    // of float's 7, whence its looser bound).
    const double tol = c.opt == Optimizer::Adam ? 2e-5 : 1e-6;
    ASSERT_TRUE(t.step()) << what;
    EXPECT_NEAR(t.network().W[0](0, 0), c.w1, tol) << what << ", step 1";
    EXPECT_NEAR(t.network().b[0](0), c.b1, tol) << what << ", step 1";
    ASSERT_TRUE(t.step()) << what;
    EXPECT_NEAR(t.network().W[0](0, 0), c.w2, tol) << what << ", step 2";
    EXPECT_NEAR(t.network().b[0](0), c.b2, tol) << what << ", step 2";
  }
}

TEST(known_answers, the_step_applies_the_gradient_of_data_loss_plus_penalty) {
  // Step 1 above, as the gradient the trainer reports: g_w = 1 (+ 0.05 for L2, + 0.1 for L1), g_b = 0.5 (biases
  // carry no penalty).
  for (const auto& [reg, gw] : {std::pair{Reg::None, 1.0}, std::pair{Reg::L2, 1.05}, std::pair{Reg::L1, 1.1}}) {
    Trainer t = one_weight_trainer(Optimizer::Sgd, reg, 0.05f, 0.1f, 0.5f, -0.25f, 2.0f, 0.5f);
    ASSERT_TRUE(t.step());
    EXPECT_NEAR(t.last_gradients().dW[0](0, 0), gw, 1e-6) << reg_name(reg);
    EXPECT_NEAR(t.last_gradients().db[0](0), 0.5, 1e-6) << reg_name(reg);
  }
}

TEST(known_answers, adam_with_other_betas_uses_each_beta_for_its_own_moment) {
  // beta1 = 0.5, beta2 = 0.75 (far apart, so swapping them shows). Step 1 is still eta sign(g) (w = 0.45).
  // Step 2: g1 = 1 and, at w = 0.45, b = -0.3: z = 0.6, dL/dz = 0.2, g2 = 0.4.
  //   m_hat = (0.5 * 1 + 0.4) / 1.5 = 0.6,  v_hat = (0.75 * 1 + 0.16) / 1.75 = 0.52,
  //   w2 = 0.45 - 0.05 * 0.6 / sqrt(0.52) = 0.45 - 0.0416025147 = 0.408397485.
  Trainer t = one_weight_trainer(Optimizer::Adam, Reg::None, 0.05f, 0.0f, 0.5f, -0.25f, 2.0f, 0.5f);
  TrainConfig c = t.config();
  c.beta1 = 0.5f;
  c.beta2 = 0.75f;
  t.set_live_config(c);
  ASSERT_TRUE(t.step());
  EXPECT_NEAR(t.network().W[0](0, 0), 0.45, 1e-6);
  ASSERT_TRUE(t.step());
  EXPECT_NEAR(t.network().W[0](0, 0), 0.408397485, 1e-6);
}

TEST(known_answers, momentum_with_another_mu_accumulates_the_raw_gradient) {
  // mu = 0.5: v1 = g1 = 1 -> w1 = 0.45; v2 = 0.5 * 1 + g2 (g2 = 0.5, as for SGD) = 1 -> w2 = 0.45 - 0.05 = 0.4.
  Trainer t = one_weight_trainer(Optimizer::Momentum, Reg::None, 0.05f, 0.0f, 0.5f, -0.25f, 2.0f, 0.5f);
  TrainConfig c = t.config();
  c.momentum = 0.5f;
  t.set_live_config(c);
  ASSERT_TRUE(t.step());
  EXPECT_NEAR(t.network().W[0](0, 0), 0.45, 1e-7);
  ASSERT_TRUE(t.step());
  EXPECT_NEAR(t.network().W[0](0, 0), 0.4, 1e-7);
}

TEST(known_answers, a_loaded_model_restarts_the_optimizer_from_zero) {
  // train.h: set_parameters restarts the optimizer state. So after any history, loading (w0, b0) and stepping
  // gives step 1 of the table: momentum's v and Adam's moments and bias-correction clock all start again.
  for (Optimizer opt : {Optimizer::Momentum, Optimizer::Adam}) {
    Trainer t = one_weight_trainer(opt, Reg::None, 0.05f, 0.0f, 0.5f, -0.25f, 2.0f, 0.5f);
    ASSERT_EQ(t.run(7), 7u);
    ASSERT_EQ(t.set_parameters({Mat::Constant(1, 1, 0.5f)}, {Vec::Constant(1, -0.25f)}), "");
    ASSERT_TRUE(t.step());
    EXPECT_NEAR(t.network().W[0](0, 0), 0.45, 1e-6) << optimizer_name(opt);
    EXPECT_NEAR(t.network().b[0](0), opt == Optimizer::Adam ? -0.3 : -0.275, 1e-6) << optimizer_name(opt);
  }
}

// TensorFlow Playground (nn.ts) steps w <- w - lr_TF * (1/N) sum (yhat - y) x for its loss 1/2 (yhat - y)^2; the
// README's mapping runs our MSE (twice that gradient) at lr = lr_TF / 2, which must be the same step.
// Batch of two points, x = (1, -2), y = (0, 1), w = 0.5, b = 0.25: yhat = (0.75, -0.75), yhat - y = (0.75, -1.75),
// mean((yhat - y) x) = (0.75 + 3.5) / 2 = 2.125, mean(yhat - y) = -0.5. lr_TF = 0.1:
// w = 0.5 - 0.2125 = 0.2875, b = 0.25 + 0.05 = 0.3.
TEST(known_answers, one_step_at_the_mapped_rate_is_tensorflow_playgrounds_step) {
  Dataset d;
  d.info = {Problem::Regression, 0, 1};
  d.features = kFeatX;
  d.X_train = d.X_test = (Mat(1, 2) << 1, -2).finished();
  d.Y_train = d.Y_test = (Mat(1, 2) << 0, 1).finished();
  d.train_points = d.test_points = {Point{1, 0, 0}, Point{-2, 1, 0}};
  TrainConfig c;
  c.learning_rate = 0.1f / 2;
  c.batch_size = 2;
  Trainer t(d, linreg(1), c);
  ASSERT_EQ(t.set_parameters({Mat::Constant(1, 1, 0.5f)}, {Vec::Constant(1, 0.25f)}), "");
  ASSERT_TRUE(t.step());
  EXPECT_NEAR(t.network().W[0](0, 0), 0.2875, 1e-7);
  EXPECT_NEAR(t.network().b[0](0), 0.3, 1e-7);
}

// ---------------------------------------------------------------------------------------------------------
// Losses (README "Conventions": means over the batch; MSE (1/N) sum (yhat - y)^2 with no 1/2) and penalties
// (README "Training": L1 lambda sum |w|, L2 lambda/2 sum w^2, weights only).
TEST(known_answers, mse_is_the_mean_over_the_batch_of_the_squared_error_without_a_half) {
  const Mat yhat = (Mat(1, 2) << 1, 3).finished(), zero = Mat::Zero(1, 2);
  EXPECT_DOUBLE_EQ(loss_forward(Loss::Mse, yhat, zero), 5.0);  // (1 + 9) / 2
  // Two outputs of one sample: summed over the outputs, divided by N = 1.
  EXPECT_DOUBLE_EQ(loss_forward(Loss::Mse, Mat(yhat.transpose()), Mat(Mat::Zero(2, 1))), 10.0);
  Mat d;
  loss_vjp(Loss::Mse, yhat, zero, d);  // (2/N)(yhat - y) = (1, 3)
  EXPECT_FLOAT_EQ(d(0, 0), 1.0f);
  EXPECT_FLOAT_EQ(d(0, 1), 3.0f);
  // The trainer reports the same figure: w = 1, b = 0 on the inputs 1 and 3 with targets 0.
  Dataset ds;
  ds.info = {Problem::Regression, 0, 1};
  ds.X_train = ds.X_test = (Mat(1, 2) << 1, 3).finished();
  ds.Y_train = ds.Y_test = Mat::Zero(1, 2);
  ds.train_points = ds.test_points = {Point{1, 0, 0}, Point{3, 0, 0}};
  Trainer t(ds, linreg(1), TrainConfig{});
  ASSERT_EQ(t.set_parameters({Mat::Constant(1, 1, 1)}, {Vec::Zero(1)}), "");
  const Metrics m = t.evaluate();
  EXPECT_DOUBLE_EQ(m.train_loss, 5.0);
  EXPECT_DOUBLE_EQ(m.test_loss, 5.0);
}

TEST(known_answers, cross_entropies_on_hand_worked_logits) {
  // Sigmoid + BCE from the logit: sigma(ln 3) = 3/4. y = 1: -ln(3/4) = 0.287682072; y = 0: -ln(1/4) = 1.386294361.
  const double ln3 = std::log(3.0);
  const Mat z = (Mat(1, 2) << float(ln3), float(ln3)).finished(), y = (Mat(1, 2) << 1, 0).finished();
  EXPECT_NEAR(sigmoid_bce_forward(z, y), (0.287682072 + 1.386294361) / 2, 1e-7);
  EXPECT_NEAR(sigmoid_bce_forward(Mat(Mat::Zero(1, 1)), Mat(Mat::Ones(1, 1))), std::log(2.0), 1e-12);
  // The unfused form on probabilities: yhat = 0.5 gives ln 2 whatever the label.
  EXPECT_NEAR(loss_forward(Loss::Bce, Mat(Mat::Constant(1, 1, 0.5f)), Mat(Mat::Zero(1, 1))), std::log(2.0), 1e-9);
  // Softmax + CCE: equal logits over 3 classes give ln 3; logits (0, ln 2, ln 3) give s = (1/6, 2/6, 3/6), and
  // class 2 costs -ln(1/2) = ln 2, class 0 costs ln 6. Mean of the two samples: (ln 2 + ln 6) / 2.
  EXPECT_NEAR(softmax_cce_forward(Mat(Mat::Zero(3, 1)), (Mat(3, 1) << 0, 1, 0).finished()), ln3, 1e-7);
  const Mat zs = (Mat(3, 2) << 0, 0, float(std::log(2.0)), float(std::log(2.0)), float(ln3), float(ln3)).finished();
  const Mat ys = (Mat(3, 2) << 0, 1, 0, 0, 1, 0).finished();
  EXPECT_NEAR(softmax_cce_forward(zs, ys), (std::log(2.0) + std::log(6.0)) / 2, 1e-7);
  // Fused gradient (README: dL/dZ = (P - Y)/N): P = (1/6, 1/3, 1/2) for both samples, N = 2.
  Mat S, dZ;
  softmax_forward(zs, S);
  fused_output_loss_vjp(S, ys, dZ);
  EXPECT_NEAR(dZ(2, 0), (0.5 - 1) / 2, 1e-7);
  EXPECT_NEAR(dZ(0, 1), (1.0 / 6 - 1) / 2, 1e-7);
  EXPECT_NEAR(dZ(1, 1), (1.0 / 3) / 2, 1e-7);
}

TEST(known_answers, penalties_count_the_weights_and_never_the_biases) {
  // W[1] = [1 -2], W[2] = [3], biases 100 (ignored). L1, lambda 0.5: 0.5 (1 + 2 + 3) = 3.
  // L2, lambda 0.5: 0.25 (1 + 4 + 9) = 3.5. Gradients: lambda sign(W) and lambda W.
  Network net;
  net.arch.hidden = {1};
  net.arch.hidden_act = {Act::Tanh};
  net.W = {(Mat(1, 2) << 1, -2).finished(), Mat::Constant(1, 1, 3)};
  net.b = {Vec::Constant(1, 100), Vec::Constant(1, 100)};
  EXPECT_FLOAT_EQ(reg_penalty(net, Reg::L1, 0.5f), 3.0f);
  EXPECT_FLOAT_EQ(reg_penalty(net, Reg::L2, 0.5f), 3.5f);
  EXPECT_FLOAT_EQ(reg_penalty(net, Reg::None, 0.5f), 0.0f);
  const Mat g1 = reg_grad(net.W[0], Reg::L1, 0.5f), g2 = reg_grad(net.W[0], Reg::L2, 0.5f);
  EXPECT_FLOAT_EQ(g1(0, 0), 0.5f);
  EXPECT_FLOAT_EQ(g1(0, 1), -0.5f);
  EXPECT_FLOAT_EQ(g2(0, 0), 0.5f);
  EXPECT_FLOAT_EQ(g2(0, 1), -1.0f);
  EXPECT_FLOAT_EQ(reg_grad(Mat(Mat::Zero(1, 1)), Reg::L1, 0.5f)(0, 0), 0.0f);  // sign(0) = 0
}

// ---------------------------------------------------------------------------------------------------------
// PCG32 (rng.h: PCG-XSH-RR, seeded as pcg32_srandom_r(initstate, initseq)) against the reference output of
// pcg-random.org's pcg32-demo, seed 42, stream 54 (imneme/pcg-c, test-high/expected/check-pcg32.out, the same as
// pcg-c-basic's pcg32-demo): Round 1's six numbers, then Round 2's, which start at draw 155 (Round 1 draws 6,
// steps back 6 and draws them again, then 65 coin flips, 33 dice and 51 cards; pcg32_boundedrand_r rejects only
// r < 2^32 mod bound, which none of these draws is).
constexpr uint32_t kPcgRound1[6] = {0xa15c02b7, 0x7b47f409, 0xba1d3330, 0x83d2f293, 0xbfa4784b, 0xcbed606e};
constexpr uint32_t kPcgRound2[6] = {0x74ab93ad, 0x1c1da000, 0x494ff896, 0x34462f2f, 0xd308a3e5, 0x0fa83bab};

TEST(known_answers, pcg32_matches_the_published_reference_output) {
  Rng rng(42, 54);
  for (uint32_t want : kPcgRound1) EXPECT_EQ(rng.next_u32(), want);
  for (int i = 6; i < 155; ++i) rng.next_u32();
  for (uint32_t want : kPcgRound2) EXPECT_EQ(rng.next_u32(), want);
}

// The distributions, from that published stream and the constructions rng.h documents.
TEST(known_answers, distributions_draw_their_first_values_from_the_reference_stream) {
  // uniform(): 27 bits of the first draw and 26 of the second, over 2^53.
  const double u0 = double((uint64_t{kPcgRound1[0] >> 5} << 26) | (kPcgRound1[1] >> 6)) * 0x1.0p-53;
  const double u1 = double((uint64_t{kPcgRound1[2] >> 5} << 26) | (kPcgRound1[3] >> 6)) * 0x1.0p-53;
  EXPECT_NEAR(u0, 0.63031021864, 1e-11);  // the stated construction, worked out once by hand
  {
    Rng rng(42, 54);
    EXPECT_EQ(rng.uniform(), u0);
    EXPECT_EQ(rng.uniform(), u1);
  }
  {
    Rng rng(42, 54);
    EXPECT_EQ(rng.uniform(-3.0, 5.0), -3.0 + 8.0 * u0);
  }
  // below(n): Lemire's multiply-shift, floor(u32 * n / 2^32) (no rejection: the low words are above 2^32 mod n).
  {
    Rng rng(42, 54);
    for (int i = 0; i < 6; ++i) EXPECT_EQ(rng.below(10), uint32_t((uint64_t{kPcgRound1[i]} * 10) >> 32)) << i;
  }
  // normal(): Marsaglia's polar method on u = 2 U - 1, v = 2 U' - 1 (accepted when 0 < s = u^2 + v^2 < 1), giving
  // u f then v f with f = sqrt(-2 ln s / s).
  {
    const double u = -1.0 + 2.0 * u0, v = -1.0 + 2.0 * u1, s = u * u + v * v;
    ASSERT_TRUE(s > 0 && s < 1);  // the first pair is accepted
    const double f = std::sqrt(-2.0 * std::log(s) / s);
    Rng rng(42, 54);
    EXPECT_NEAR(rng.normal(), u * f, 1e-14);
    EXPECT_NEAR(rng.normal(), v * f, 1e-14);
    Rng r2(42, 54);
    EXPECT_NEAR(r2.normal(1.5, 2.0), 1.5 + 2.0 * u * f, 1e-13);
  }
  // shuffle: Fisher-Yates from the back, swapping v[i-1] with v[below(i)] for i = n..2.
  {
    std::vector<int> want = {0, 1, 2, 3, 4};
    for (uint32_t i = 5, k = 0; i > 1; --i, ++k) std::swap(want[i - 1], want[(uint64_t{kPcgRound1[k]} * i) >> 32]);
    std::vector<int> got = {0, 1, 2, 3, 4};
    Rng rng(42, 54);
    rng.shuffle(got);
    EXPECT_EQ(got, want);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Initialisation (model.h, README "Training"): Xavier U(+-sqrt(6 / (fan_in + fan_out))), He N(0, 2 / fan_in),
// Uniform U(+-0.5) with biases 0.1 (TensorFlow Playground's initialisation, playground.ts). A 200-input layer of
// 50 units, so fan-in and fan-out differ by 4x; 10000 weights give the spread to about 1%.
struct Spread {
  double max_abs = 0, mean = 0, sd = 0;
};
Spread spread(const Mat& W) {
  Spread s;
  double sum = 0, sq = 0;
  for (Index i = 0; i < W.size(); ++i) {
    const double w = W.data()[i];
    s.max_abs = std::max(s.max_abs, std::fabs(w));
    sum += w;
    sq += w * w;
  }
  s.mean = sum / double(W.size());
  s.sd = std::sqrt(sq / double(W.size()) - s.mean * s.mean);
  return s;
}

TEST(known_answers, initialisation_bounds_and_spreads) {
  Arch a;
  a.input_dim = 200;
  a.hidden = {50};
  a.hidden_act = {Act::Tanh};
  a.output_dim = 1;
  {
    const Network n = init_network(a, Init::Xavier, 5);
    const double bound = std::sqrt(6.0 / 250);  // 0.1549
    const Spread s = spread(n.W[0]);
    EXPECT_LE(s.max_abs, bound);
    EXPECT_GT(s.max_abs, 0.99 * bound);
    EXPECT_NEAR(s.sd, bound / std::sqrt(3.0), 0.02 * bound / std::sqrt(3.0));  // U(-c, c) has sd c / sqrt 3
    EXPECT_NEAR(s.mean, 0, 0.01);
    EXPECT_LE(spread(n.W[1]).max_abs, std::sqrt(6.0 / 51));
    EXPECT_GT(spread(n.W[1]).max_abs, 0.8 * std::sqrt(6.0 / 51));
    EXPECT_TRUE(n.b[0].isZero(0) && n.b[1].isZero(0));
  }
  {
    const Network n = init_network(a, Init::He, 5);
    const Spread s = spread(n.W[0]);
    EXPECT_NEAR(s.sd, std::sqrt(2.0 / 200), 0.03 * 0.1);  // 0.1 from fan-in 200 (fan-out would give 0.2)
    EXPECT_NEAR(s.mean, 0, 0.005);
    EXPECT_GT(s.max_abs, 3 * 0.1);  // normal, not uniform: 10000 draws reach past 3 sd
    EXPECT_TRUE(n.b[0].isZero(0) && n.b[1].isZero(0));
  }
  {
    const Network n = init_network(a, Init::Uniform, 5);
    const Spread s = spread(n.W[0]);
    EXPECT_LE(s.max_abs, 0.5);
    EXPECT_GT(s.max_abs, 0.499);
    EXPECT_NEAR(s.sd, 0.5 / std::sqrt(3.0), 0.02 * 0.5 / std::sqrt(3.0));
    for (const Vec& b : n.b)
      for (Index i = 0; i < b.size(); ++i) EXPECT_EQ(b(i), 0.1f);
  }
  // Deterministic in the seed, and a different seed draws different weights.
  EXPECT_TRUE(init_network(a, Init::He, 5).W[0] == init_network(a, Init::He, 5).W[0]);
  EXPECT_FALSE(init_network(a, Init::He, 5).W[0] == init_network(a, Init::He, 6).W[0]);
}

// ---------------------------------------------------------------------------------------------------------
// Metrics (train.h): one output is class 1 when it is above the head's threshold (sigmoid 0.5, tanh 0; a tie is
// class 0), several outputs take the argmax (a tie goes to the lower class); the confusion matrix has a row per
// true class and a column per predicted class.
TEST(known_answers, each_head_classifies_at_its_threshold_and_ties_go_to_the_lower_class) {
  Arch sig;
  sig.out = Act::Sigmoid;
  EXPECT_EQ(predict_classes(sig, (Mat(1, 4) << 0.4f, 0.5f, 0.5001f, 0.9f).finished()), (std::vector<int>{0, 0, 1, 1}));
  Arch tanh_head;
  tanh_head.out = Act::Tanh;
  tanh_head.loss = Loss::Mse;
  EXPECT_EQ(predict_classes(tanh_head, (Mat(1, 5) << -0.5f, 0.0f, 0.001f, 0.3f, 0.9f).finished()),
            (std::vector<int>{0, 0, 1, 1, 1}));
  Arch soft;
  soft.out = Act::Softmax;
  soft.loss = Loss::Cce;
  soft.output_dim = 3;
  const Mat P = (Mat(3, 3) << 0.2f, 0.4f, 0.1f,   //
                 0.5f, 0.4f, 0.1f,                 //
                 0.3f, 0.2f, 0.8f).finished();
  EXPECT_EQ(predict_classes(soft, P), (std::vector<int>{1, 0, 2}));  // column 1 ties classes 0 and 1: class 0
}

// Five hand-labelled points on the x axis under logistic regression with w = (1, 0), b = 0, which predicts class 1
// exactly where x > 0 (sigma(x) > 0.5):
//   x:          1   2  -1  -2   3
//   true:       1   0   0   1   0
//   predicted:  1   1   0   0   1
// confusion (rows true, columns predicted): [[1, 2], [1, 1]]; accuracy 2 / 5.
TEST(known_answers, confusion_matrix_rows_are_true_classes_and_columns_predicted) {
  const std::vector<Point> pts = {{1, 0, 1}, {2, 0, 0}, {-1, 0, 0}, {-2, 0, 1}, {3, 0, 0}};
  Dataset d;
  d.info = {Problem::Binary, 2, 2};
  d.train_points = d.test_points = pts;
  d.X_train = d.X_test = featurize(pts, kFeatX | kFeatY, 2);
  d.Y_train = d.Y_test = make_targets(pts, d.info, false);
  d.labels_train = d.labels_test = {1, 0, 0, 1, 0};
  Arch a;
  a.kind = ModelKind::LogReg;
  a.out = Act::Sigmoid;
  a.loss = Loss::Bce;
  Trainer t(d, a, TrainConfig{});
  ASSERT_EQ(t.set_parameters({(Mat(1, 2) << 1, 0).finished()}, {Vec::Zero(1)}), "");
  const Metrics m = t.evaluate();
  ASSERT_EQ(m.confusion.rows(), 2);
  ASSERT_EQ(m.confusion.cols(), 2);
  EXPECT_EQ(m.confusion(0, 0), 1);
  EXPECT_EQ(m.confusion(0, 1), 2);  // two class-0 points predicted as class 1
  EXPECT_EQ(m.confusion(1, 0), 1);
  EXPECT_EQ(m.confusion(1, 1), 1);
  EXPECT_DOUBLE_EQ(m.test_accuracy, 0.4);
  EXPECT_DOUBLE_EQ(m.train_accuracy, 0.4);
  // BCE of the five: softplus(-x) for class 1 and softplus(x) for class 0, averaged:
  // (ln(1 + e^-1) + ln(1 + e^2) + ln(1 + e^-1) + ln(1 + e^2) + ln(1 + e^3)) / 5.
  const double want = (2 * std::log1p(std::exp(-1.0)) + 2 * std::log1p(std::exp(2.0)) + std::log1p(std::exp(3.0))) / 5;
  EXPECT_NEAR(m.test_loss, want, 1e-6);
}

TEST(known_answers, a_point_exactly_on_the_boundary_counts_as_class_0) {
  // w = (1, 0), b = 0: a point at x = 0 gives sigma(0) = 0.5, a tie, predicted class 0.
  const std::vector<Point> pts = {{0, 1, 0}, {0, -1, 1}};
  Dataset d;
  d.info = {Problem::Binary, 2, 2};
  d.train_points = d.test_points = pts;
  d.X_train = d.X_test = featurize(pts, kFeatX | kFeatY, 2);
  d.Y_train = d.Y_test = make_targets(pts, d.info, false);
  d.labels_train = d.labels_test = {0, 1};
  Arch a;
  a.kind = ModelKind::LogReg;
  Trainer t(d, a, TrainConfig{});
  ASSERT_EQ(t.set_parameters({(Mat(1, 2) << 1, 0).finished()}, {Vec::Zero(1)}), "");
  const Metrics m = t.evaluate();
  EXPECT_DOUBLE_EQ(m.test_accuracy, 0.5);
  EXPECT_EQ(m.confusion(0, 0), 1);
  EXPECT_EQ(m.confusion(1, 0), 1);
}

// ---------------------------------------------------------------------------------------------------------
// Divergence (README: a weight NaN, infinite or beyond 1e15 stops training and keeps the last finite weights).
// Linear regression on plane at lr 0.5 overshoots (the Hessian 2 E[x x^T] has eigenvalues near 24, so any
// lr above 2 / 24 grows every step); at lr 0.05, ten times lower, it converges.
Trainer plane_trainer(float lr, Optimizer opt = Optimizer::Sgd) {
  DataSpec spec;
  spec.kind = DatasetKind::Plane;
  TrainConfig c;
  c.learning_rate = lr;
  c.optimizer = opt;
  return Trainer(build_dataset(spec, kFeatX | kFeatY, false), linreg(2), c);
}

TEST(known_answers, a_diverging_step_keeps_the_weights_of_the_step_before_bit_for_bit) {
  for (const auto& [lr, opt] : {std::pair{0.5f, Optimizer::Sgd}, std::pair{9.0f, Optimizer::Sgd},
                                std::pair{3.0f, Optimizer::Momentum}}) {
    Trainer t = plane_trainer(lr, opt);
    const uint64_t done = t.run(100000);
    ASSERT_LT(done, 100000u) << lr;
    ASSERT_EQ(t.status(), TrainStatus::Diverged);
    EXPECT_EQ(t.steps(), done);
    Trainer fresh = plane_trainer(lr, opt);
    ASSERT_EQ(fresh.run(done), done);
    ASSERT_EQ(fresh.status(), TrainStatus::Running);
    const Network &kept = t.network(), &before = fresh.network();
    for (size_t i = 0; i < kept.W.size(); ++i) {
      EXPECT_EQ(std::memcmp(kept.W[i].data(), before.W[i].data(), sizeof(float) * size_t(kept.W[i].size())), 0) << lr;
      EXPECT_EQ(std::memcmp(kept.b[i].data(), before.b[i].data(), sizeof(float) * size_t(kept.b[i].size())), 0) << lr;
    }
    EXPECT_TRUE(kept.all_within(kDivergedWeight)) << "every weight kept is within 1e15";
    // The next step is the one that would cross the bound: the fresh run refuses it too.
    EXPECT_FALSE(fresh.step());
    // The message names the step that failed and the rate to lower.
    EXPECT_NE(t.status_message().find("step " + std::to_string(done + 1)), std::string::npos) << t.status_message();
    EXPECT_NE(t.status_message().find("lower it"), std::string::npos);
    // Nothing moves until reset.
    EXPECT_FALSE(t.step());
    EXPECT_EQ(t.steps(), done);
    EXPECT_TRUE(t.network().W[0] == before.W[0]);
  }
}

TEST(known_answers, a_step_that_makes_a_weight_nan_is_refused) {
  // Weights of +-3e38 are finite, but on the input (6, 6) their products overflow to +inf and -inf, whose sum
  // z = inf - inf is NaN; so are the gradient and the next weights. The guard must refuse NaN as it refuses 1e15.
  Dataset d = one_point(6, 0);
  d.X_train = d.X_test = Mat::Constant(2, 1, 6.0f);
  d.info.input_dim = 2;
  Trainer t(d, linreg(2), TrainConfig{});
  const Mat W = (Mat(1, 2) << 3e38f, -3e38f).finished();
  ASSERT_EQ(t.set_parameters({W}, {Vec::Zero(1)}), "");
  EXPECT_FALSE(t.step());
  EXPECT_EQ(t.status(), TrainStatus::Diverged);
  EXPECT_TRUE(t.network().W[0] == W);
  EXPECT_TRUE(t.network().all_finite());
}

TEST(known_answers, reset_replays_the_same_run_from_step_zero) {
  // train.h: reset() gives fresh weights from the init seed and step 0, so the same steps again are the same
  // run bit for bit (the shuffle restarts too), as a new trainer's.
  for (Optimizer opt : {Optimizer::Sgd, Optimizer::Adam}) {
    Trainer t = plane_trainer(0.01f, opt), fresh = plane_trainer(0.01f, opt);
    ASSERT_EQ(t.run(37), 37u);
    t.reset();
    ASSERT_EQ(t.run(37), 37u);
    ASSERT_EQ(fresh.run(37), 37u);
    EXPECT_TRUE(t.network().W[0] == fresh.network().W[0]) << optimizer_name(opt);
    EXPECT_TRUE(t.network().b[0] == fresh.network().b[0]) << optimizer_name(opt);
    EXPECT_EQ(t.epoch(), fresh.epoch());
  }
}

TEST(known_answers, the_ten_times_lower_rate_recovers) {
  Trainer t = plane_trainer(0.5f);
  EXPECT_LT(t.run(2000), 2000u);
  // What the page's "Lower the learning rate 10x and reset" runs: lr x 0.1 from step 0.
  Trainer lower = plane_trainer(0.5f * 0.1f);
  EXPECT_EQ(lower.run(2000), 2000u);
  EXPECT_EQ(lower.status(), TrainStatus::Running);
  EXPECT_LT(lower.evaluate().train_loss, 1e-10);  // noise-free plane: the target is exactly (x + y) / 10
  EXPECT_NEAR(lower.network().W[0](0, 0), 0.1, 1e-5);
  EXPECT_NEAR(lower.network().W[0](0, 1), 0.1, 1e-5);
  // And reset() on the same trainer clears the state.
  TrainConfig c = t.config();
  c.learning_rate *= 0.1f;
  t.set_live_config(c);
  t.reset();
  EXPECT_EQ(t.status(), TrainStatus::Running);
  EXPECT_EQ(t.status_message(), "");
  EXPECT_EQ(t.run(2000), 2000u);
}

// ---------------------------------------------------------------------------------------------------------
// Activation kinks. The convention (ops.h): at z = 0 ReLU's derivative is 0 and leaky ReLU's is 0.01 (the left
// derivative: [z > 0] + 0.01 [z <= 0]); ELU's two sides meet at 1 (alpha e^0), softplus' is sigma(0) = 1/2.
// The training VJP (float), the views' exact form (double) and the scalar forms all agree.
TEST(known_answers, derivatives_at_the_kink_follow_the_stated_convention) {
  const struct {
    Act f;
    double at_zero, at_minus, at_plus;  // f'(0), f'(-1), f'(1)
  } cases[] = {{Act::Relu, 0, 0, 1}, {Act::LeakyRelu, 0.01, 0.01, 1}, {Act::Elu, 1, std::exp(-1.0), 1},
               {Act::Softplus, 0.5, 1 / (1 + std::exp(1.0)), 1 / (1 + std::exp(-1.0))}, {Act::Linear, 1, 1, 1}};
  for (const auto& c : cases) {
    const Mat Z = (Mat(1, 3) << 0.0f, -1.0f, 1.0f).finished();
    Mat A, dZ;
    act_forward(c.f, Z, A);
    act_vjp(c.f, Z, A, Mat(Mat::Ones(1, 3)), dZ);
    const double want[3] = {c.at_zero, c.at_minus, c.at_plus};
    for (int i = 0; i < 3; ++i) {
      EXPECT_NEAR(dZ(0, i), want[i], 1e-6) << act_name(c.f) << " training VJP at z = " << Z(0, i);
      // 1e-9: the slope is the float constant 0.01f in double too (0.0099999998).
      EXPECT_NEAR(act_derivative_exact(c.f, double(Z(0, i))), want[i], 1e-9) << act_name(c.f) << " exact";
    }
    const MatD J = act_jacobian<double>(c.f, VecD::Zero(1));
    EXPECT_NEAR(J(0, 0), c.at_zero, 1e-9) << act_name(c.f) << " inspector";
  }
  // The values themselves: ReLU(0) = 0, leaky ReLU(-2) = -0.02, ELU(-1) = e^-1 - 1.
  EXPECT_EQ(act_scalar(Act::Relu, 0.0), 0.0);
  EXPECT_NEAR(act_scalar(Act::LeakyRelu, -2.0), -0.02, 1e-9);
  EXPECT_NEAR(act_scalar(Act::Elu, -1.0), std::exp(-1.0) - 1, 1e-15);
}

// ---------------------------------------------------------------------------------------------------------
// The inspector's labels (README: "row 14 = z[1][2] of sample 3, column 9 = W[1][1,2]"): vec() is column-major,
// so a minibatch axis over K units names entry i as unit i mod K of sample i div K, and W[l] (K x D) names column
// i as W[l][i mod K, i div K]. A 3-4-2 network (three features, so W[1] is 4 x 3, not square) and 5 samples.
TEST(known_answers, inspector_labels_follow_the_readme_on_non_square_shapes) {
  NetworkD net;
  net.arch.input_dim = 3;
  net.arch.hidden = {4};
  net.arch.hidden_act = {Act::Tanh};
  net.arch.output_dim = 2;
  net.arch.out = Act::Softmax;
  net.arch.loss = Loss::Cce;
  Rng rng(3);
  auto fill = [&](MatD& M) {
    for (Index i = 0; i < M.size(); ++i) M.data()[i] = rng.uniform(-1, 1);
  };
  net.W = {MatD(4, 3), MatD(2, 4)};
  net.b = {VecD::Zero(4), VecD::Zero(2)};
  fill(net.W[0]);
  fill(net.W[1]);
  MatD X(3, 5);
  fill(X);
  const MatD Y = (MatD(2, 5) << 1, 0, 1, 0, 1, 0, 1, 0, 1, 0).finished();

  // The README's own example.
  const Inspected zw = inspect(net, X, Y, 1, "z", "W", -1);
  ASSERT_TRUE(zw.ok()) << zw.error;
  ASSERT_EQ(zw.M.rows(), 20);  // K N = 4 x 5
  ASSERT_EQ(zw.M.cols(), 12);  // K D = 4 x 3
  EXPECT_EQ(zw.row_axis.label(14), "z[1][2] of sample 3");
  EXPECT_EQ(zw.col_axis.label(9), "W[1][1,2]");
  // The names say what the numbers are: dz[1][k] of sample n / dW[1][k,j] = x_j of sample n, and 0 for another k.
  for (Index r = 0; r < zw.M.rows(); ++r)
    for (Index c = 0; c < zw.M.cols(); ++c) {
      const Index k = r % 4, n = r / 4, wk = c % 4, wj = c / 4;
      ASSERT_EQ(zw.row_axis.label(r), "z[1][" + std::to_string(k) + "] of sample " + std::to_string(n));
      ASSERT_EQ(zw.col_axis.label(c), "W[1][" + std::to_string(wk) + "," + std::to_string(wj) + "]");
      ASSERT_EQ(zw.M(r, c), k == wk ? X(wj, n) : 0.0) << r << "," << c;
    }
  // One sample: rows z[1][k], the same column names.
  const Inspected zw1 = inspect(net, X, Y, 1, "z", "W", 2);
  EXPECT_EQ(zw1.row_axis.label(3), "z[1][3]");
  EXPECT_EQ(zw1.col_axis.label(11), "W[1][3,2]");
  EXPECT_EQ(zw1.M(1, 9), X(2, 2));
  // Layer 2: W[2] is 2 x 4; column 5 = W[2][1,2].
  const Inspected zw2 = inspect(net, X, Y, 2, "z", "W", -1);
  EXPECT_EQ(zw2.col_axis.label(5), "W[2][1,2]");
  EXPECT_EQ(zw2.row_axis.label(7), "z[2][1] of sample 3");
  // dz/da_prev: columns a[0][d] of sample n, d + 3 n; the block of sample n is W[1].
  const Inspected za = inspect(net, X, Y, 1, "z", "a_prev", -1);
  ASSERT_EQ(za.M.cols(), 15);
  EXPECT_EQ(za.col_axis.label(7), "a[0][1] of sample 2");
  EXPECT_EQ(za.M(2 + 4 * 2, 7), net.W[0](2, 1));
  EXPECT_EQ(za.M(2 + 4 * 1, 7), 0.0);
  // dz/db: columns b[1][k].
  EXPECT_EQ(inspect(net, X, Y, 1, "z", "b", 0).col_axis.label(3), "b[1][3]");
  // da/dz and dL/dyhat.
  const Inspected az = inspect(net, X, Y, 2, "a", "z", -1);
  EXPECT_EQ(az.row_axis.label(9), "a[2][1] of sample 4");
  EXPECT_EQ(az.col_axis.label(9), "z[2][1] of sample 4");
  const Inspected ly = inspect(net, X, Y, 2, "L", "yhat", -1);
  EXPECT_EQ(ly.row_axis.label(0), "L");
  EXPECT_EQ(ly.col_axis.label(5), "ŷ[1] of sample 2");
  // Gradients are shaped like their quantity: rows and columns of W, or units and samples.
  const Inspected gw = inspect(net, X, Y, 1, "L", "W", -1);
  ASSERT_EQ(gw.M.rows(), 4);
  ASSERT_EQ(gw.M.cols(), 3);
  EXPECT_EQ(gw.row_axis.label(2), "W[1] row[2]");
  EXPECT_EQ(gw.col_axis.label(1), "W[1] column[1]");
  const Inspected gz = inspect(net, X, Y, 1, "L", "z", -1);
  ASSERT_EQ(gz.M.rows(), 4);
  ASSERT_EQ(gz.M.cols(), 5);
  EXPECT_EQ(gz.col_axis.label(4), "sample[4]");
}

}  // namespace
}  // namespace pg
