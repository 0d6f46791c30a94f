// core/landscape.cpp: the flat parameter vector, the loss landscape over a plane, the filter-normalised random
// directions, the grid's cost, and the per-layer gradient norms. Sums are plain loops in a fixed order and the
// randomness is pg::Rng, so a native and a wasm build give the same numbers bit for bit.
#include "core/landscape.h"

#include "core/rng.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pg {

// ---- the flat parameter vector ----------------------------------------------------------------------------

Index param_count(const Arch& arch) {
  Index P = 0;
  for (int l = 1; l <= arch.num_layers(); ++l) P += Index(arch.width(l)) * (arch.width(l - 1) + 1);
  return P;
}

namespace {

template <class T> VecD flatten(const NetworkT<T>& net) {
  VecD theta(net.param_count());
  Index k = 0;
  for (size_t i = 0; i < net.W.size(); ++i) {
    for (Index e = 0; e < net.W[i].size(); ++e) theta(k++) = double(net.W[i].data()[e]);  // column-major: vec(W)
    for (Index e = 0; e < net.b[i].size(); ++e) theta(k++) = double(net.b[i](e));
  }
  return theta;
}

double dot(const VecD& a, const VecD& b) {  // a fixed summation order on every build
  double s = 0;
  for (Index k = 0; k < a.size(); ++k) s += a(k) * b(k);
  return s;
}

}  // namespace

VecD flatten_params(const Network& net) { return flatten(net); }
VecD flatten_params(const NetworkD& net) { return flatten(net); }

void unflatten_params(const VecD& theta, NetworkD& net) {
  PG_ASSERT(theta.size() == net.param_count());
  Index k = 0;
  for (size_t i = 0; i < net.W.size(); ++i) {
    for (Index e = 0; e < net.W[i].size(); ++e) net.W[i].data()[e] = theta(k++);
    for (Index e = 0; e < net.b[i].size(); ++e) net.b[i](e) = theta(k++);
  }
}

VecD flatten_grads(const GradsT<double>& g) {
  Index P = 0;
  for (size_t i = 0; i < g.dW.size(); ++i) P += g.dW[i].size() + g.db[i].size();
  VecD out(P);
  Index k = 0;
  for (size_t i = 0; i < g.dW.size(); ++i) {
    for (Index e = 0; e < g.dW[i].size(); ++e) out(k++) = g.dW[i].data()[e];
    for (Index e = 0; e < g.db[i].size(); ++e) out(k++) = g.db[i](e);
  }
  return out;
}

ParamRef param_ref(const Arch& arch, Index k, bool* ok) {
  if (ok) *ok = false;
  if (k < 0) return {};
  for (int l = 1; l <= arch.num_layers(); ++l) {
    const Index rows = arch.width(l), cols = arch.width(l - 1);
    if (k < rows * cols) {
      if (ok) *ok = true;
      return {l, false, k % rows, k / rows};
    }
    k -= rows * cols;
    if (k < rows) {
      if (ok) *ok = true;
      return {l, true, k, 0};
    }
    k -= rows;
  }
  return {};
}

Index param_index(const Arch& arch, int layer, bool bias, Index row, Index col) {
  if (layer < 1 || layer > arch.num_layers()) return -1;
  const Index rows = arch.width(layer), cols = arch.width(layer - 1);
  if (row < 0 || row >= rows || (!bias && (col < 0 || col >= cols))) return -1;
  Index off = 0;
  for (int l = 1; l < layer; ++l) off += Index(arch.width(l)) * (arch.width(l - 1) + 1);
  return bias ? off + rows * cols + row : off + row + rows * col;
}

std::string param_name(const Arch& arch, Index k) {
  bool ok = false;
  const ParamRef r = param_ref(arch, k, &ok);
  if (!ok) return "";
  const std::string layer = "[" + std::to_string(r.layer) + "]";
  if (r.bias) return "b" + layer + "[" + std::to_string(r.row) + "]";
  return "W" + layer + "[" + std::to_string(r.row) + "," + std::to_string(r.col) + "]";
}

// ---- random directions ------------------------------------------------------------------------------------

std::array<VecD, 2> random_directions(const Network& net, uint32_t seed, BiasDirection bias) {
  const VecD theta = flatten_params(net);
  const Index P = theta.size();
  Rng rng(seed);
  std::array<VecD, 2> d = {VecD(P), VecD(P)};
  for (VecD& v : d)
    for (Index k = 0; k < P; ++k) v(k) = rng.normal();
  const Arch& a = net.arch;
  for (VecD& v : d) {
    Index off = 0;
    for (int l = 1; l <= a.num_layers(); ++l) {
      const Index rows = a.width(l), cols = a.width(l - 1), boff = off + rows * cols;
      for (Index j = 0; j < rows; ++j) {
        // Unit j's filter: W[l](j, :) at off + j + rows * i, and its bias at boff + j when it is included.
        const bool with_bias = bias == BiasDirection::Neuron;
        double dn = 0, tn = 0;
        for (Index i = 0; i < cols; ++i) {
          const Index k = off + j + rows * i;
          dn += v(k) * v(k);
          tn += theta(k) * theta(k);
        }
        if (with_bias) {
          dn += v(boff + j) * v(boff + j);
          tn += theta(boff + j) * theta(boff + j);
        }
        const double s = dn > 0 ? std::sqrt(tn) / std::sqrt(dn) : 0.0;  // sqrt is correctly rounded everywhere
        for (Index i = 0; i < cols; ++i) v(off + j + rows * i) *= s;
        v(boff + j) = with_bias ? v(boff + j) * s : 0.0;
      }
      off = boff + rows;
    }
  }
  return d;
}

// ---- the landscape ----------------------------------------------------------------------------------------

namespace {

// Axis point k of n: centre + span (2k - (n-1)) / (n-1), exactly the centre in the middle of an odd grid.
VecD axis(double centre, double span, int n) {
  VecD v(n);
  for (int k = 0; k < n; ++k) v(k) = centre + span * double(2 * k - (n - 1)) / double(n - 1);
  return v;
}

std::string check_inputs(const Network& net, const Mat& X, const Mat& Y, const LandscapeSpec& spec,
                         const std::vector<VecD>& trajectory) {
  const Arch& a = net.arch;
  const Index P = net.param_count();
  if (X.cols() == 0) return "no samples to evaluate the loss on (the set is empty)";
  if (X.rows() != a.width(0))
    return "the samples have " + std::to_string(X.rows()) + " features, the network takes " + std::to_string(a.width(0));
  if (Y.cols() != X.cols() || Y.rows() != a.width(a.num_layers()))
    return "the targets are " + std::to_string(Y.rows()) + " x " + std::to_string(Y.cols()) + ", expected " +
           std::to_string(a.width(a.num_layers())) + " x " + std::to_string(X.cols());
  if (!X.allFinite() || !Y.allFinite()) return "a sample or target is not a finite number";
  if (!net.all_finite()) return "a weight is not a finite number (the run diverged)";
  if (spec.grid < 2 || spec.grid > kMaxLandscapeGrid)
    return "the grid must have 2 to " + std::to_string(kMaxLandscapeGrid) + " points per axis, not " + std::to_string(spec.grid);
  if (!(std::isfinite(spec.span) && spec.span > 0 && spec.span <= kMaxLandscapeSpan))
    return "the span must be a number above 0 and at most 1e6";
  if (spec.plane == PlaneKind::Params) {
    for (Index k : {spec.param_i, spec.param_j})
      if (k < 0 || k >= P)
        return "parameter index " + std::to_string(k) + " is out of range: this network has " + std::to_string(P) +
               " parameters, 0.." + std::to_string(P - 1);
    if (spec.param_i == spec.param_j) return "the two parameters must differ (both are " + param_name(a, spec.param_i) + ")";
  }
  for (size_t t = 0; t < trajectory.size(); ++t) {
    if (trajectory[t].size() != P)
      return "trajectory point " + std::to_string(t) + " has " + std::to_string(trajectory[t].size()) +
             " parameters, the network " + std::to_string(P);
    if (!trajectory[t].allFinite()) return "trajectory point " + std::to_string(t) + " has a parameter that is not finite";
  }
  return "";
}

}  // namespace

Landscape loss_landscape(const Network& net, const Mat& X, const Mat& Y, Reg reg, float lambda,
                         const LandscapeSpec& spec, const std::vector<VecD>& trajectory) {
  Landscape out;
  out.error = check_inputs(net, X, Y, spec, trajectory);
  if (!out.ok()) return out;
  const Arch& a = net.arch;
  const Index P = net.param_count();
  const int n = spec.grid;
  out.plane = spec.plane;
  out.samples = X.cols();

  // The value as training computes it: float forward, data loss in double, float penalty.
  {
    TraceT<float> tf;
    forward(net, X, tf);
    out.value = data_loss(net, tf, Y) + double(reg_penalty(net, reg, lambda));
  }

  const NetworkD nd = net.cast<double>();
  const VecD theta = flatten_params(nd);
  if (spec.plane == PlaneKind::Params) {
    out.d1 = VecD::Zero(P);
    out.d2 = VecD::Zero(P);
    out.d1(spec.param_i) = 1;
    out.d2(spec.param_j) = 1;
    out.x_name = param_name(a, spec.param_i);
    out.y_name = param_name(a, spec.param_j);
    out.x0 = theta(spec.param_i);
    out.y0 = theta(spec.param_j);
  } else {
    std::array<VecD, 2> d = random_directions(net, spec.seed, spec.bias);
    out.d1 = std::move(d[0]);
    out.d2 = std::move(d[1]);
    out.x_name = "α";
    out.y_name = "β";
    const double a11 = dot(out.d1, out.d1), a22 = dot(out.d2, out.d2), a12 = dot(out.d1, out.d2);
    if (a11 == 0 || a22 == 0)
      return Landscape{"the random directions are zero because every weight of the network is zero; choose two "
                       "parameters instead"};
    if (a11 * a22 - a12 * a12 <= 1e-12 * a11 * a22)
      return Landscape{"the two random directions are parallel (the network has one weight per neuron and the "
                       "biases are left out); include the biases or choose two parameters"};
  }
  // The grid's centre: the current point, or the one the caller fixes (so the map stays put while θ moves on it).
  if (spec.centred && !(std::isfinite(spec.centre_x) && std::isfinite(spec.centre_y)))
    return Landscape{"the grid's centre must be finite"};
  out.x = axis(spec.centred ? spec.centre_x : out.x0, spec.span, n);
  out.y = axis(spec.centred ? spec.centre_y : out.y0, spec.span, n);

  // The grid, in double.
  const MatD Xd = X.cast<double>(), Yd = Y.cast<double>();
  const double lam = double(lambda);
  NetworkD work = nd;
  TraceT<double> td;
  VecD point(P);
  out.values.resize(n, n);
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < n; ++c) {
      if (spec.plane == PlaneKind::Params) {
        point = theta;
        point(spec.param_i) = out.x(c);
        point(spec.param_j) = out.y(r);
      } else {
        for (Index k = 0; k < P; ++k) point(k) = theta(k) + out.x(c) * out.d1(k) + out.y(r) * out.d2(k);
      }
      unflatten_params(point, work);
      forward(work, Xd, td);
      const double v = data_loss(work, td, Yd) + reg_penalty(work, reg, lam);
      out.values(r, c) = std::isnan(v) ? std::numeric_limits<double>::infinity() : v;  // NaN only from Inf - Inf
    }
  }
  out.min_value = 0;
  for (int c = 0; c < n; ++c)
    for (int r = 0; r < n; ++r) {
      const double v = out.values(r, c);
      if (std::isfinite(v) && (out.argmin_row < 0 || v < out.min_value)) {
        out.argmin_row = r;
        out.argmin_col = c;
        out.min_value = v;
      }
    }

  // The gradient of the objective at θ, in double, projected on the plane's directions.
  {
    TraceT<double> tg;
    GradsT<double> g;
    step_gradients(nd, Xd, Yd, reg, lam, tg, g);
    const VecD grad = flatten_grads(g);
    out.gx = dot(out.d1, grad);
    out.gy = dot(out.d2, grad);
  }

  // The trajectory's coordinates on the plane.
  const double a11 = dot(out.d1, out.d1), a22 = dot(out.d2, out.d2), a12 = dot(out.d1, out.d2);
  const double det = a11 * a22 - a12 * a12;
  for (const VecD& tk : trajectory) {
    Landscape::TrajectoryPoint p;
    const VecD v = tk - theta;
    if (spec.plane == PlaneKind::Params) {
      p.x = tk(spec.param_i);
      p.y = tk(spec.param_j);
      double off = 0;
      for (Index k = 0; k < P; ++k)
        if (k != spec.param_i && k != spec.param_j) off += v(k) * v(k);
      p.off_plane = std::sqrt(off);
    } else {
      const double r1 = dot(out.d1, v), r2 = dot(out.d2, v);
      p.x = (a22 * r1 - a12 * r2) / det;
      p.y = (a11 * r2 - a12 * r1) / det;
      double off = 0;
      for (Index k = 0; k < P; ++k) {
        const double e = v(k) - p.x * out.d1(k) - p.y * out.d2(k);
        off += e * e;
      }
      p.off_plane = std::sqrt(off);
    }
    out.trajectory.push_back(p);
  }
  return out;
}

Landscape loss_landscape(const Trainer& trainer, const LandscapeSpec& spec, bool minibatch,
                         const std::vector<VecD>& trajectory) {
  const TrainConfig& c = trainer.config();
  if (!minibatch)
    return loss_landscape(trainer.network(), trainer.data().X_train, trainer.data().Y_train, c.reg, c.reg_rate, spec,
                          trajectory);
  Mat X, Y;
  trainer.next_batch(X, Y);
  return loss_landscape(trainer.network(), X, Y, c.reg, c.reg_rate, spec, trajectory);
}

// ---- cost -------------------------------------------------------------------------------------------------

namespace {
double activation_cost(Act g) {
  switch (g) {
    case Act::Linear: return 1;
    case Act::Relu:
    case Act::LeakyRelu: return 2;
    default: return 16;  // exp or tanh: det_exp / det_tanh
  }
}
}  // namespace

double landscape_point_cost(const Arch& arch, Index samples) {
  double per_sample = 0;
  for (int l = 1; l <= arch.num_layers(); ++l)
    per_sample += double(arch.width(l)) * (arch.width(l - 1) + 1 + activation_cost(arch.act(l)));
  return double(samples) * per_sample + double(param_count(arch));
}

int landscape_grid_for_budget(const Arch& arch, Index samples, double budget, int max_n) {
  int n = std::clamp(max_n, 3, kMaxLandscapeGrid);
  if (n % 2 == 0) --n;
  const double cost = landscape_point_cost(arch, samples);
  while (n > 3 && double(n) * n * cost > budget) n -= 2;
  return n;
}

// ---- per-layer gradient norms -----------------------------------------------------------------------------

namespace {
template <class M> double norm2(const M& m) {
  double s = 0;
  for (Index e = 0; e < m.size(); ++e) s += double(m.data()[e]) * double(m.data()[e]);
  return std::sqrt(s);
}
}  // namespace

std::vector<LayerGradNorm> layer_gradient_norms(const GradsT<float>& g) {
  std::vector<LayerGradNorm> out;
  for (size_t i = 0; i < g.dW.size() && i < g.db.size(); ++i) out.push_back({norm2(g.dW[i]), norm2(g.db[i])});
  return out;
}

std::vector<LayerGradNorm> layer_gradient_norms(const Network& net, const Mat& X, const Mat& Y, Reg reg, float lambda) {
  const Arch& a = net.arch;
  if (X.cols() == 0 || X.rows() != a.width(0) || Y.cols() != X.cols() || Y.rows() != a.width(a.num_layers())) return {};
  TraceT<float> trace;
  GradsT<float> g;
  step_gradients(net, X, Y, reg, lambda, trace, g);
  return layer_gradient_norms(g);
}

}  // namespace pg
