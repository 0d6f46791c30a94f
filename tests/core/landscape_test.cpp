// tests/core/landscape_test.cpp: the flat parameter vector and its names, the loss landscape (its value at θ is
// the trainer's loss; for 1-feature linear regression its minimum is the least-squares solution of the normal
// equations; its gradient is the central difference of its own grid; random directions are seeded and
// filter-normalised; trajectories project onto the plane), the grid budget, and per-layer gradient norms
// (equal to the norms of central-difference gradients; vanishing through a deep sigmoid net, much less with ReLU).
#include "core/landscape.h"

#include "core/jacobian.h"

#include <gtest/gtest.h>

#include <cmath>

namespace pg {
namespace {

Trainer make_trainer(DatasetKind kind, FeatureSet features, ModelKind model, std::vector<int> hidden, Act act,
                     Act out, Loss loss, TrainConfig cfg = {}, float noise = 0.0f, int points = 500) {
  DataSpec spec;
  spec.kind = kind;
  spec.seed = 5;
  spec.noise = noise;
  spec.num_points = points;
  Dataset d = build_dataset(spec, features, false);
  Arch a;
  a.kind = model;
  a.hidden = hidden;
  a.hidden_act.assign(hidden.size(), act);
  a.out = out;
  a.loss = loss;
  a.input_dim = feature_count(d.features);
  a.output_dim = out == Act::Softmax ? d.info.classes : 1;
  return Trainer(std::move(d), a, cfg);
}

Trainer linreg_line(float noise = 0.3f) {
  TrainConfig cfg;
  cfg.learning_rate = 0.01f;
  return make_trainer(DatasetKind::Line, kFeatX, ModelKind::LinReg, {}, Act::Linear, Act::Linear, Loss::Mse, cfg, noise);
}

// A 2-5-4-3 MLP (tanh, elu) with softmax + CCE and an L2 penalty, trained a little.
Trainer mlp_spiralk() {
  TrainConfig cfg;
  cfg.reg = Reg::L2;
  cfg.reg_rate = 0.01f;
  cfg.learning_rate = 0.05f;
  Trainer t = make_trainer(DatasetKind::SpiralK, kFeatX | kFeatY, ModelKind::Mlp, {5, 4}, Act::Tanh, Act::Softmax,
                           Loss::Cce, cfg, 0.1f, 300);
  t.run(30);
  return t;
}

// ---- the flat parameter vector ----------------------------------------------------------------------------

TEST(landscape, flat_index_names_follow_the_course_notation) {
  Trainer lin = linreg_line();
  const Arch& a1 = lin.arch();
  EXPECT_EQ(param_count(a1), 2);
  EXPECT_EQ(param_name(a1, 0), "W[1][0,0]");  // w
  EXPECT_EQ(param_name(a1, 1), "b[1][0]");    // b
  EXPECT_EQ(param_name(a1, 2), "");
  EXPECT_EQ(param_name(a1, -1), "");
  const VecD theta = flatten_params(lin.network());
  EXPECT_EQ(theta(0), double(lin.network().W[0](0, 0)));
  EXPECT_EQ(theta(1), double(lin.network().b[0](0)));

  // 2-3-1: W[1] is 3 x 2 (indices 0..5, column-major), b[1] 6..8, W[2] 1 x 3 (9..11), b[2] 12.
  Trainer mlp = make_trainer(DatasetKind::Xor, kFeatX | kFeatY, ModelKind::Mlp, {3}, Act::Tanh, Act::Sigmoid, Loss::Bce);
  const Arch& a = mlp.arch();
  EXPECT_EQ(param_count(a), 13);
  EXPECT_EQ(param_count(a), mlp.network().param_count());
  EXPECT_EQ(param_name(a, 3), "W[1][0,1]");
  EXPECT_EQ(param_name(a, 2), "W[1][2,0]");
  EXPECT_EQ(param_name(a, 6), "b[1][0]");
  EXPECT_EQ(param_name(a, 10), "W[2][0,1]");
  EXPECT_EQ(param_name(a, 12), "b[2][0]");
  EXPECT_EQ(param_index(a, 1, false, 0, 1), 3);
  EXPECT_EQ(param_index(a, 2, true, 0), 12);
  EXPECT_EQ(param_index(a, 3, false, 0, 0), -1);
  EXPECT_EQ(param_index(a, 1, false, 3, 0), -1);
  const Network& net = mlp.network();
  const VecD th = flatten_params(net);
  for (Index k = 0; k < param_count(a); ++k) {
    bool ok = false;
    const ParamRef r = param_ref(a, k, &ok);
    ASSERT_TRUE(ok);
    EXPECT_EQ(param_index(a, r.layer, r.bias, r.row, r.col), k);
    const float v = r.bias ? net.b[size_t(r.layer - 1)](r.row) : net.W[size_t(r.layer - 1)](r.row, r.col);
    EXPECT_EQ(th(k), double(v)) << param_name(a, k);
  }
  NetworkD back = net.cast<double>();
  VecD changed = th;
  changed(4) = 7.5;
  unflatten_params(changed, back);
  EXPECT_EQ(back.W[0](1, 1), 7.5);  // index 4 = W[1][1,1]
  EXPECT_EQ(flatten_params(back), changed);
}

// ---- the value at θ ---------------------------------------------------------------------------------------

TEST(landscape, value_at_theta_is_the_trainers_loss_bit_for_bit) {
  Trainer t = mlp_spiralk();
  const Metrics m = t.evaluate();
  LandscapeSpec spec;
  spec.grid = 5;
  spec.span = 0.5;
  for (PlaneKind plane : {PlaneKind::Params, PlaneKind::Random}) {
    spec.plane = plane;
    const Landscape full = loss_landscape(t, spec, /*minibatch=*/false);
    ASSERT_TRUE(full.ok()) << full.error;
    EXPECT_EQ(full.value, m.train_loss + m.penalty);  // what the status shows as the objective
    EXPECT_EQ(full.samples, m.train_count);
    EXPECT_NEAR(full.values(2, 2), full.value, 1e-6 * full.value);  // the middle point, in double
  }
  // Over the next minibatch: the objective as `bprop export` computes it for that minibatch.
  Mat X, Y;
  t.next_batch(X, Y);
  TraceT<float> tr;
  GradsT<float> g;
  step_gradients(t.network(), X, Y, t.config().reg, t.config().reg_rate, tr, g);
  const double objective = data_loss(t.network(), tr, Y) + double(reg_penalty(t.network(), t.config().reg, t.config().reg_rate));
  const Landscape mb = loss_landscape(t, spec, /*minibatch=*/true);
  ASSERT_TRUE(mb.ok()) << mb.error;
  EXPECT_EQ(mb.value, objective);
  EXPECT_EQ(mb.samples, X.cols());
  EXPECT_NE(mb.value, loss_landscape(t, spec, false).value);
}

// ---- 1-feature linear regression: the minimum is the least-squares solution ----------------------------------

TEST(landscape, linear_regression_minimum_is_the_least_squares_solution) {
  for (uint64_t steps : {0, 300}) {
    Trainer t = linreg_line();
    t.run(steps);
    // Normal equations in double: [Σx² Σx; Σx N] (w, b) = (Σxy, Σy) over the training set.
    const Mat& X = t.data().X_train;
    const Mat& Y = t.data().Y_train;
    double sxx = 0, sx = 0, sxy = 0, sy = 0;
    const double N = double(X.cols());
    for (Index n = 0; n < X.cols(); ++n) {
      const double x = X(0, n), y = Y(0, n);
      sxx += x * x, sx += x, sxy += x * y, sy += y;
    }
    const double det = sxx * N - sx * sx;
    const double w_star = (N * sxy - sx * sy) / det, b_star = (sxx * sy - sx * sxy) / det;
    LandscapeSpec spec;
    spec.plane = PlaneKind::Params;
    spec.param_i = 0;
    spec.param_j = 1;
    spec.grid = 61;
    spec.span = 2.0;
    const Landscape L = loss_landscape(t, spec, false);
    ASSERT_TRUE(L.ok()) << L.error;
    EXPECT_EQ(L.x_name, "W[1][0,0]");
    EXPECT_EQ(L.y_name, "b[1][0]");
    ASSERT_GT(w_star, L.x(0));  // the solution is inside the grid, not on its edge
    ASSERT_LT(w_star, L.x(60));
    ASSERT_GT(b_star, L.y(0));
    ASSERT_LT(b_star, L.y(60));
    const double cell = 2 * spec.span / (spec.grid - 1);
    EXPECT_LE(std::abs(L.x(L.argmin_col) - w_star), cell) << "w* " << w_star << " at step " << steps;
    EXPECT_LE(std::abs(L.y(L.argmin_row) - b_star), cell) << "b* " << b_star << " at step " << steps;
    EXPECT_EQ(L.min_value, L.values(L.argmin_row, L.argmin_col));
    EXPECT_EQ(L.values.minCoeff(), L.min_value);
  }
}

// ---- the gradient ---------------------------------------------------------------------------------------

// The projected gradient against central differences of the landscape itself: a 3 x 3 grid of half width h
// around θ gives (f(h, 0) - f(-h, 0)) / 2h and (f(0, h) - f(0, -h)) / 2h.
void expect_gradient_is_central_difference(const Trainer& t, LandscapeSpec spec, bool minibatch) {
  spec.grid = 3;
  spec.span = 1e-5;
  const Landscape L = loss_landscape(t, spec, minibatch);
  ASSERT_TRUE(L.ok()) << L.error;
  const double cx = (L.values(1, 2) - L.values(1, 0)) / (L.x(2) - L.x(0));
  const double cy = (L.values(2, 1) - L.values(0, 1)) / (L.y(2) - L.y(0));
  const double scale = std::max({std::abs(L.gx), std::abs(L.gy), 1e-3});
  EXPECT_NEAR(L.gx, cx, 1e-6 * scale) << L.x_name;
  EXPECT_NEAR(L.gy, cy, 1e-6 * scale) << L.y_name;
  EXPECT_TRUE(L.gx != 0 || L.gy != 0);
}

TEST(landscape, projected_gradient_is_the_central_difference_of_the_landscape) {
  const Trainer mlp = mlp_spiralk();
  const Arch& a = mlp.arch();
  for (bool minibatch : {false, true}) {
    LandscapeSpec spec;
    spec.plane = PlaneKind::Params;
    spec.param_i = param_index(a, 1, false, 2, 1);  // W[1][2,1], with the L2 penalty
    spec.param_j = param_index(a, 3, true, 1);      // b[3][1]
    expect_gradient_is_central_difference(mlp, spec, minibatch);
    spec.param_i = param_index(a, 2, false, 3, 4);
    spec.param_j = param_index(a, 2, false, 0, 0);
    expect_gradient_is_central_difference(mlp, spec, minibatch);
    spec.plane = PlaneKind::Random;
    for (BiasDirection bias : {BiasDirection::Zero, BiasDirection::Neuron}) {
      spec.bias = bias;
      spec.seed = 9;
      expect_gradient_is_central_difference(mlp, spec, minibatch);
    }
  }
  LandscapeSpec lin;
  lin.plane = PlaneKind::Params;
  expect_gradient_is_central_difference(linreg_line(), lin, false);
  // At the least-squares solution the gradient vanishes.
  Trainer fitted = linreg_line(0.0f);
  fitted.run(6000);
  const Landscape L = loss_landscape(fitted, lin, false);
  EXPECT_NEAR(L.gx, 0.0, 1e-3);
  EXPECT_NEAR(L.gy, 0.0, 1e-3);
}

// ---- random directions ----------------------------------------------------------------------------------

TEST(landscape, random_directions_are_seeded_and_filter_normalised) {
  const Trainer t = mlp_spiralk();
  const Network& net = t.network();
  const Arch& a = net.arch;
  const VecD theta = flatten_params(net);
  for (BiasDirection bias : {BiasDirection::Zero, BiasDirection::Neuron}) {
    const std::array<VecD, 2> d = random_directions(net, 42, bias);
    const std::array<VecD, 2> again = random_directions(net, 42, bias);
    const std::array<VecD, 2> other = random_directions(net, 43, bias);
    EXPECT_EQ(d[0], again[0]);
    EXPECT_EQ(d[1], again[1]);
    EXPECT_NE(d[0], other[0]);
    EXPECT_NE(d[0], d[1]);
    for (const VecD& v : d) {
      ASSERT_EQ(v.size(), theta.size());
      for (int l = 1; l <= a.num_layers(); ++l)
        for (Index j = 0; j < a.width(l); ++j) {
          double dn = 0, tn = 0;
          for (Index i = 0; i < a.width(l - 1); ++i) {
            const Index k = param_index(a, l, false, j, i);
            dn += v(k) * v(k);
            tn += theta(k) * theta(k);
          }
          const Index kb = param_index(a, l, true, j);
          if (bias == BiasDirection::Zero) {
            EXPECT_EQ(v(kb), 0.0);
          } else {
            dn += v(kb) * v(kb);
            tn += theta(kb) * theta(kb);
            EXPECT_NE(v(kb), 0.0);
          }
          EXPECT_NEAR(std::sqrt(dn), std::sqrt(tn), 1e-12 * std::sqrt(tn)) << "layer " << l << " unit " << j;
        }
    }
  }
  // The landscape uses exactly these directions.
  LandscapeSpec spec;
  spec.seed = 42;
  spec.grid = 3;
  const Landscape L = loss_landscape(t, spec, false);
  ASSERT_TRUE(L.ok()) << L.error;
  EXPECT_EQ(L.d1, random_directions(net, 42, BiasDirection::Zero)[0]);
  EXPECT_EQ(L.x_name, "α");
  // A grid point is the objective at θ + α d1 + β d2, evaluated here independently in double.
  NetworkD moved = net.cast<double>();
  unflatten_params(theta + L.x(2) * L.d1 + L.y(0) * L.d2, moved);
  TraceT<double> tr;
  const MatD Xd = t.data().X_train.cast<double>(), Yd = t.data().Y_train.cast<double>();
  forward(moved, Xd, tr);
  const double expect = data_loss(moved, tr, Yd) + reg_penalty(moved, Reg::L2, double(0.01f));
  EXPECT_NEAR(L.values(0, 2), expect, 1e-12 * expect);
}

// ---- the trajectory -------------------------------------------------------------------------------------

TEST(landscape, trajectory_projects_onto_the_plane) {
  const Trainer t = mlp_spiralk();
  const VecD theta = flatten_params(t.network());
  LandscapeSpec spec;
  spec.grid = 3;
  spec.seed = 3;
  const std::array<VecD, 2> d = random_directions(t.network(), 3, spec.bias);
  VecD off_plane = theta;
  off_plane(param_index(t.arch(), 1, true, 0)) += 0.25;  // a bias: not in the plane (its directions are 0 there)
  const std::vector<VecD> traj = {theta, theta + 0.7 * d[0] - 1.3 * d[1], off_plane};
  const Landscape L = loss_landscape(t, spec, false, traj);
  ASSERT_TRUE(L.ok()) << L.error;
  ASSERT_EQ(L.trajectory.size(), 3u);
  EXPECT_EQ(L.trajectory[0].x, 0.0);
  EXPECT_EQ(L.trajectory[0].y, 0.0);
  EXPECT_EQ(L.trajectory[0].off_plane, 0.0);
  EXPECT_NEAR(L.trajectory[1].x, 0.7, 1e-12);
  EXPECT_NEAR(L.trajectory[1].y, -1.3, 1e-12);
  EXPECT_NEAR(L.trajectory[1].off_plane, 0.0, 1e-12);
  EXPECT_NEAR(L.trajectory[2].x, 0.0, 1e-12);
  EXPECT_NEAR(L.trajectory[2].off_plane, 0.25, 1e-12);

  // Chosen parameters: the coordinates are the two values; off_plane is everything else's distance.
  spec.plane = PlaneKind::Params;
  spec.param_i = 4;
  spec.param_j = 20;
  VecD moved = theta;
  moved(4) += 0.5;
  moved(20) -= 2;
  moved(0) += 3;
  moved(7) += 4;
  const Landscape P = loss_landscape(t, spec, false, {theta, moved});
  ASSERT_TRUE(P.ok()) << P.error;
  EXPECT_EQ(P.trajectory[0].x, theta(4));
  EXPECT_EQ(P.trajectory[0].y, theta(20));
  EXPECT_EQ(P.x0, theta(4));
  EXPECT_EQ(P.y0, theta(20));
  EXPECT_EQ(P.trajectory[1].x, moved(4));
  EXPECT_EQ(P.trajectory[1].y, moved(20));
  EXPECT_NEAR(P.trajectory[1].off_plane, 5.0, 1e-12);
}

// A real run's trajectory: the recorded θ_k of linear regression approach the least-squares minimum.
TEST(landscape, a_training_run_walks_downhill_on_its_landscape) {
  Trainer t = linreg_line();
  std::vector<VecD> traj;
  for (int k = 0; k <= 10; ++k) {
    traj.push_back(flatten_params(t.network()));
    t.run(100);
  }
  LandscapeSpec spec;
  spec.plane = PlaneKind::Params;
  spec.grid = 41;
  spec.span = 2;
  const Landscape L = loss_landscape(t, spec, false, traj);
  ASSERT_TRUE(L.ok()) << L.error;
  for (size_t k = 0; k < traj.size(); ++k) {
    EXPECT_EQ(L.trajectory[k].x, traj[k](0));
    EXPECT_EQ(L.trajectory[k].off_plane, 0.0);  // two parameters: the plane is the whole space
  }
}

// ---- bad input ------------------------------------------------------------------------------------------

TEST(landscape, bad_input_is_a_clear_error) {
  const Trainer t = mlp_spiralk();
  const Network& net = t.network();
  const Mat& X = t.data().X_train;
  const Mat& Y = t.data().Y_train;
  auto error_of = [&](LandscapeSpec s, const Mat& x, const Mat& y, std::vector<VecD> traj = {}) {
    return loss_landscape(net, x, y, Reg::None, 0, s, traj).error;
  };
  LandscapeSpec ok;
  EXPECT_EQ(error_of(ok, X, Y), "");
  LandscapeSpec s = ok;
  s.grid = 1;
  EXPECT_NE(error_of(s, X, Y).find("2 to 401"), std::string::npos);
  s = ok;
  s.span = std::nan("");
  EXPECT_NE(error_of(s, X, Y).find("span"), std::string::npos);
  s.span = 0;
  EXPECT_NE(error_of(s, X, Y).find("span"), std::string::npos);
  s = ok;
  s.plane = PlaneKind::Params;
  s.param_j = 999;
  EXPECT_NE(error_of(s, X, Y).find("out of range"), std::string::npos);
  s.param_j = s.param_i;
  EXPECT_NE(error_of(s, X, Y).find("must differ"), std::string::npos);
  EXPECT_NE(error_of(ok, Mat(2, 0), Mat(3, 0)).find("no samples"), std::string::npos);
  EXPECT_NE(error_of(ok, Mat::Zero(3, 4), Mat::Zero(3, 4)).find("features"), std::string::npos);
  EXPECT_NE(error_of(ok, X, Y.topRows(1)).find("targets"), std::string::npos);
  EXPECT_NE(error_of(ok, X, Y, {VecD::Zero(3)}).find("trajectory point 0"), std::string::npos);
  // 1-feature linear regression has one weight: random directions without the biases span a line only.
  const Trainer lin = linreg_line();
  LandscapeSpec r;
  r.grid = 3;
  EXPECT_NE(loss_landscape(lin, r, false).error.find("parallel"), std::string::npos);
  r.bias = BiasDirection::Neuron;
  EXPECT_TRUE(loss_landscape(lin, r, false).ok());
  // Every weight zero: the filter-normalised directions are zero.
  Network zero = lin.network();
  zero.W[0].setZero();
  zero.b[0].setZero();
  EXPECT_NE(loss_landscape(zero, lin.data().X_train, lin.data().Y_train, Reg::None, 0, r).error.find("zero"),
            std::string::npos);
  EXPECT_TRUE(layer_gradient_norms(net, X, Y.topRows(1), Reg::None, 0).empty());
}

// ---- the grid's budget ----------------------------------------------------------------------------------

TEST(landscape, grid_size_follows_the_budget) {
  const Trainer lin = linreg_line();
  EXPECT_EQ(landscape_point_cost(lin.arch(), 250), 250.0 * (2 + 1) + 2);  // w x + b, a linear output
  EXPECT_EQ(landscape_grid_for_budget(lin.arch(), 250), 101);  // 101² x 752 = 7.7e6 <= 2e7
  EXPECT_EQ(landscape_grid_for_budget(lin.arch(), 250, kLandscapeBudget, 100), 99);
  const Trainer mlp = mlp_spiralk();  // 2-5-4-3: 15 + 24 + 15 multiply-adds and 12 tanh / softmax units a sample
  EXPECT_EQ(landscape_point_cost(mlp.arch(), 150), 150.0 * (54 + 12 * 16) + 54);  // P = 54 parameters
  const int n = landscape_grid_for_budget(mlp.arch(), 150);
  EXPECT_EQ(n % 2, 1);
  EXPECT_LE(double(n) * n * landscape_point_cost(mlp.arch(), 150), kLandscapeBudget);
  EXPECT_GT(double(n + 2) * (n + 2) * landscape_point_cost(mlp.arch(), 150), kLandscapeBudget);
  EXPECT_EQ(landscape_grid_for_budget(mlp.arch(), 150, 1.0), 3);  // never below 3
  EXPECT_EQ(landscape_grid_for_budget(mlp.arch(), 150, 1e30, 1000), kMaxLandscapeGrid);
}

// ---- per-layer gradient norms ---------------------------------------------------------------------------

// The norms of the step's gradients equal the norms of central-difference gradients (jacobian.h, in double).
TEST(gradient_norms, equal_the_norms_of_central_difference_gradients) {
  TrainConfig cfg;
  cfg.reg = Reg::L2;
  cfg.reg_rate = 0.003f;
  Trainer t = make_trainer(DatasetKind::Circle, kFeatX | kFeatY, ModelKind::Mlp, {6, 6, 6}, Act::Sigmoid,
                           Act::Sigmoid, Loss::Bce, cfg);
  t.run(5);
  EXPECT_TRUE(layer_gradient_norms(GradsT<float>{}).empty());
  Mat X, Y;
  t.next_batch(X, Y);
  const Network before = t.network();
  ASSERT_TRUE(t.step());
  const std::vector<LayerGradNorm> norms = layer_gradient_norms(t.last_gradients());
  const std::vector<LayerGradNorm> again = layer_gradient_norms(before, X, Y, cfg.reg, cfg.reg_rate);
  const std::vector<GradCheckEntry> numeric =
      gradient_check(before.cast<double>(), X.cast<double>(), Y.cast<double>(), cfg.reg, double(cfg.reg_rate));
  ASSERT_EQ(norms.size(), 4u);
  ASSERT_EQ(numeric.size(), 8u);  // W[1], b[1], W[2], ...
  for (size_t l = 0; l < norms.size(); ++l) {
    EXPECT_EQ(norms[l].W, again[l].W);
    EXPECT_EQ(norms[l].b, again[l].b);
    EXPECT_EQ(numeric[2 * l].name, "W[" + std::to_string(l + 1) + "]");
    EXPECT_NEAR(norms[l].W, numeric[2 * l].numeric.norm(), 1e-4 * norms[l].W) << "layer " << l + 1;
    EXPECT_NEAR(norms[l].b, numeric[2 * l + 1].numeric.norm(), 1e-4 * norms[l].b) << "layer " << l + 1;
  }
}

// Ng's deep networks: at initialisation the gradient shrinks on its way back to the input through six sigmoid
// layers (σ′ <= 1/4 per layer), and much less through ReLU layers with He initialisation. 2-8-8-8-8-8-8-1 on
// the circle set (250 training points), sigmoid + BCE head, full training set, init seed 1. Measured
// ‖∂L/∂W[l]‖_F, l = 1..7:
//   sigmoid, Xavier: 3.3e-06 2.0e-05 1.3e-04 1.4e-03 6.4e-03 2.3e-02 8.0e-02   (W[1] / W[7] = 4.1e-05)
//   ReLU, He:        4.1e-01 5.3e-01 7.9e-01 8.5e-01 1.2e+00 1.8e+00 1.9e+00   (W[1] / W[7] = 0.21)
// The assertions keep wide margins: the ordering, a ratio below 1% for sigmoid, above 5% for ReLU.
TEST(gradient_norms, vanish_towards_the_input_through_sigmoids_much_less_through_relu) {
  auto norms_at_init = [](Act act, Init init) {
    TrainConfig cfg;
    cfg.init = init;
    Trainer t = make_trainer(DatasetKind::Circle, kFeatX | kFeatY, ModelKind::Mlp, std::vector<int>(6, 8), act,
                             Act::Sigmoid, Loss::Bce, cfg);
    return layer_gradient_norms(t.network(), t.data().X_train, t.data().Y_train, Reg::None, 0);
  };
  const std::vector<LayerGradNorm> sig = norms_at_init(Act::Sigmoid, Init::Xavier);
  const std::vector<LayerGradNorm> relu = norms_at_init(Act::Relu, Init::He);
  ASSERT_EQ(sig.size(), 7u);
  ASSERT_EQ(relu.size(), 7u);
  // Sigmoid: every layer's gradient is smaller than the next one's, and the first is < 1% of the last.
  for (size_t l = 0; l + 1 < sig.size(); ++l) EXPECT_LT(sig[l].W, sig[l + 1].W) << "layer " << l + 1;
  const double sig_ratio = sig.front().W / sig.back().W, relu_ratio = relu.front().W / relu.back().W;
  EXPECT_LT(sig_ratio, 0.01);
  // ReLU: the first layer keeps more than a twentieth of the last one's, over 100 times the sigmoid's ratio.
  EXPECT_GT(relu_ratio, 0.05);
  EXPECT_GT(relu_ratio, 100 * sig_ratio);
}

}  // namespace
}  // namespace pg
