// tests/core/train_test.cpp: models reach stated accuracies with fixed seeds; optimizers; determinism;
// the divergence guard.
#include "core/train.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

namespace pg {
namespace {

struct RunSetup {
  DataSpec spec;
  FeatureSet features = kFeatX | kFeatY;
  Arch arch;
  TrainConfig cfg;
};

RunSetup setup(DatasetKind kind, ModelKind model, std::vector<int> hidden, Act act, Act out, Loss loss) {
  RunSetup s;
  s.spec.kind = kind;
  s.spec.seed = 7;
  s.arch.kind = model;
  s.arch.hidden = hidden;
  s.arch.hidden_act.assign(hidden.size(), act);
  s.arch.out = out;
  s.arch.loss = loss;
  s.cfg.init_seed = 3;
  return s;
}

Trainer make(const RunSetup& s) {
  Dataset d = build_dataset(s.spec, s.features, s.arch.out == Act::Tanh);
  Arch a = s.arch;
  a.input_dim = feature_count(s.features);
  a.output_dim = a.out == Act::Softmax ? d.info.classes : 1;
  return Trainer(std::move(d), a, s.cfg);
}

TEST(train, linear_regression_recovers_known_weights_two_features) {
  RunSetup s = setup(DatasetKind::Plane, ModelKind::LinReg, {}, Act::Linear, Act::Linear, Loss::Mse);
  s.cfg.learning_rate = 0.01f;  // target = (x + y) / 10 on noiseless data
  Trainer t = make(s);
  t.run(4000);
  const Network& n = t.network();
  EXPECT_NEAR(n.W[0](0, 0), 0.1, 1e-3);
  EXPECT_NEAR(n.W[0](0, 1), 0.1, 1e-3);
  EXPECT_NEAR(n.b[0](0), 0.0, 1e-3);
}

TEST(train, linear_regression_recovers_known_weights_one_feature) {
  RunSetup s = setup(DatasetKind::Line, ModelKind::LinReg, {}, Act::Linear, Act::Linear, Loss::Mse);
  s.features = kFeatX;  // target = 0.5 x + 1 on noiseless data
  s.cfg.learning_rate = 0.02f;
  Trainer t = make(s);
  t.run(6000);
  EXPECT_NEAR(t.network().W[0](0, 0), 0.5, 1e-3);
  EXPECT_NEAR(t.network().b[0](0), 1.0, 1e-3);
}

TEST(train, logistic_regression_separates_blobs) {
  RunSetup s = setup(DatasetKind::Blobs, ModelKind::LogReg, {}, Act::Linear, Act::Sigmoid, Loss::Bce);
  s.cfg.learning_rate = 0.1f;
  Trainer t = make(s);
  t.run(2000);
  const Metrics m = t.evaluate();
  EXPECT_GE(m.test_accuracy, 0.98);
  EXPECT_GE(m.train_accuracy, 0.98);
}

double mlp_accuracy(DatasetKind kind, Optimizer opt, float lr, uint64_t steps) {
  RunSetup s = setup(kind, ModelKind::Mlp, {8, 8}, Act::Tanh, Act::Sigmoid, Loss::Bce);
  s.cfg.optimizer = opt;
  s.cfg.learning_rate = lr;
  Trainer t = make(s);
  t.run(steps);
  EXPECT_EQ(t.status(), TrainStatus::Running);
  return t.evaluate().test_accuracy;
}

TEST(train, mlp_solves_xor_and_circle) {
  EXPECT_GE(mlp_accuracy(DatasetKind::Xor, Optimizer::Sgd, 0.1f, 6000), 0.95);
  EXPECT_GE(mlp_accuracy(DatasetKind::Circle, Optimizer::Sgd, 0.1f, 6000), 0.95);
}

TEST(train, momentum_and_adam_converge_where_sgd_does) {
  EXPECT_GE(mlp_accuracy(DatasetKind::Circle, Optimizer::Sgd, 0.03f, 6000), 0.95);
  EXPECT_GE(mlp_accuracy(DatasetKind::Circle, Optimizer::Momentum, 0.01f, 6000), 0.95);
  EXPECT_GE(mlp_accuracy(DatasetKind::Circle, Optimizer::Adam, 0.01f, 6000), 0.95);
  EXPECT_GE(mlp_accuracy(DatasetKind::Xor, Optimizer::Momentum, 0.01f, 6000), 0.95);
  EXPECT_GE(mlp_accuracy(DatasetKind::Xor, Optimizer::Adam, 0.01f, 6000), 0.95);
}

TEST(train, softmax_mlp_solves_three_arm_spiral) {
  RunSetup s = setup(DatasetKind::SpiralK, ModelKind::Mlp, {32, 32}, Act::Relu, Act::Softmax, Loss::Cce);
  s.spec.classes = 3;
  s.spec.num_points = 600;
  s.cfg.optimizer = Optimizer::Adam;
  s.cfg.learning_rate = 0.01f;
  s.cfg.batch_size = 20;
  s.cfg.init = Init::He;
  Trainer t = make(s);
  t.run(8000);
  const Metrics m = t.evaluate();
  EXPECT_GE(m.test_accuracy, 0.90);
  EXPECT_EQ(m.confusion.rows(), 3);
  EXPECT_EQ(m.confusion.sum(), static_cast<int>(t.data().X_test.cols()));
}

TEST(train, same_config_gives_identical_bits) {
  RunSetup s = setup(DatasetKind::Spiral, ModelKind::Mlp, {8, 8}, Act::Tanh, Act::Sigmoid, Loss::Bce);
  s.cfg.optimizer = Optimizer::Adam;
  Trainer a = make(s), b = make(s);
  a.run(777);
  b.run(777);
  for (size_t i = 0; i < a.network().W.size(); ++i) {
    const Mat &Wa = a.network().W[i], &Wb = b.network().W[i];
    ASSERT_EQ(Wa.size(), Wb.size());
    EXPECT_EQ(0, std::memcmp(Wa.data(), Wb.data(), sizeof(float) * static_cast<size_t>(Wa.size())));
    EXPECT_EQ(0, std::memcmp(a.network().b[i].data(), b.network().b[i].data(), sizeof(float) * static_cast<size_t>(a.network().b[i].size())));
  }
  s.cfg.init_seed = 4;  // and a different seed gives different weights
  Trainer c = make(s);
  c.run(777);
  EXPECT_NE(c.network().W[0], a.network().W[0]);
}

TEST(train, divergence_stops_with_a_message_and_keeps_finite_weights) {
  RunSetup s = setup(DatasetKind::Plane, ModelKind::LinReg, {}, Act::Linear, Act::Linear, Loss::Mse);
  s.cfg.learning_rate = 5.0f;  // far above 2 / lambda_max of x^T x: every step overshoots
  Trainer t = make(s);
  const uint64_t done = t.run(10000);
  EXPECT_LT(done, 10000u);
  EXPECT_EQ(t.status(), TrainStatus::Diverged);
  EXPECT_TRUE(t.network().all_finite());
  EXPECT_NE(t.status_message().find("learning rate"), std::string::npos);
  EXPECT_FALSE(t.step()) << "a diverged run does not step until reset";
  const Metrics m = t.evaluate();
  EXPECT_TRUE(std::isfinite(m.train_loss));
  t.reset();
  EXPECT_EQ(t.status(), TrainStatus::Running);
  EXPECT_EQ(t.steps(), 0u);
}

TEST(train, epochs_cover_every_sample_once) {
  RunSetup s = setup(DatasetKind::Circle, ModelKind::LogReg, {}, Act::Linear, Act::Sigmoid, Loss::Bce);
  s.spec.num_points = 100;
  s.cfg.batch_size = 7;  // 50 training points: 7 batches of 7 and one of 1
  Trainer t = make(s);
  std::vector<int> seen;
  while (t.epoch() == 0) {
    Mat X, Y;
    std::vector<int> idx;
    t.next_batch(X, Y, &idx);
    seen.insert(seen.end(), idx.begin(), idx.end());
    ASSERT_TRUE(t.step());
  }
  std::sort(seen.begin(), seen.end());
  ASSERT_EQ(seen.size(), 50u);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(seen[static_cast<size_t>(i)], i);
  EXPECT_EQ(t.steps(), 8u);
}

TEST(train, regularization_shrinks_weights) {
  RunSetup s = setup(DatasetKind::Circle, ModelKind::Mlp, {8}, Act::Tanh, Act::Sigmoid, Loss::Bce);
  Trainer plain = make(s);
  s.cfg.reg = Reg::L2;
  s.cfg.reg_rate = 0.05f;
  Trainer l2 = make(s);
  s.cfg.reg = Reg::L1;
  Trainer l1 = make(s);
  plain.run(3000);
  l2.run(3000);
  l1.run(3000);
  EXPECT_LT(l2.network().W[0].norm(), plain.network().W[0].norm());
  EXPECT_LT(l1.network().W[0].cwiseAbs().sum(), plain.network().W[0].cwiseAbs().sum());
  EXPECT_GT(l2.evaluate().penalty, 0);
}

}  // namespace
}  // namespace pg

namespace pg {
namespace {

TEST(train, set_parameters_checks_shapes_and_values) {
  Dataset d = build_dataset(DataSpec{}, kFeatX | kFeatY, false);
  Arch a;
  a.hidden = {3};
  a.hidden_act = {Act::Tanh};
  Trainer t(std::move(d), a, TrainConfig{});
  std::vector<Mat> W = t.network().W;
  std::vector<Vec> b = t.network().b;
  W[0](1, 1) = 0.25f;
  EXPECT_EQ(t.set_parameters(W, b), "");
  EXPECT_EQ(t.network().W[0](1, 1), 0.25f);
  std::vector<Mat> wrong = W;
  wrong[1] = Mat::Zero(2, 3);
  EXPECT_NE(t.set_parameters(wrong, b).find("layer 2"), std::string::npos);
  W[0](0, 0) = std::numeric_limits<float>::quiet_NaN();
  EXPECT_NE(t.set_parameters(W, b).find("finite"), std::string::npos);
  EXPECT_EQ(t.network().W[0](1, 1), 0.25f) << "a rejected model changes nothing";
}

// An empty set has no loss or accuracy (NaN, never 0) and a count of 0; nothing divides by zero.
TEST(train, empty_sets_have_no_metrics) {
  RunSetup s = setup(DatasetKind::User, ModelKind::Mlp, {4}, Act::Tanh, Act::Sigmoid, Loss::Bce);
  Trainer empty = make(s);
  EXPECT_FALSE(empty.step()) << "no training points: a step does nothing";
  EXPECT_EQ(empty.run(10), 0u);
  EXPECT_EQ(empty.steps(), 0u);
  EXPECT_EQ(empty.next_batch_count(), 0);
  const Metrics m = empty.evaluate();
  EXPECT_EQ(m.train_count, 0);
  EXPECT_EQ(m.test_count, 0);
  EXPECT_TRUE(std::isnan(m.train_loss) && std::isnan(m.test_loss));
  EXPECT_TRUE(std::isnan(m.train_accuracy) && std::isnan(m.test_accuracy));
  EXPECT_TRUE(empty.network().all_finite());

  s.spec.user_points = {Point{1, 2, 1}};  // one point: it trains, the test set is empty
  Trainer one = make(s);
  EXPECT_EQ(one.run(3), 3u);
  const Metrics m1 = one.evaluate();
  EXPECT_EQ(m1.train_count, 1);
  EXPECT_EQ(m1.test_count, 0);
  EXPECT_TRUE(std::isfinite(m1.train_loss));
  EXPECT_TRUE(m1.train_accuracy == 0.0 || m1.train_accuracy == 1.0) << "one sample: right or wrong";
  EXPECT_TRUE(std::isnan(m1.test_loss) && std::isnan(m1.test_accuracy));
  EXPECT_EQ(m1.confusion.sum(), 0);
}

}  // namespace
}  // namespace pg
