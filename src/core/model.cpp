// core/model.cpp: network shape, initialisation, forward with cache and backward through the VJPs.
// Eigen + std only. Explicitly instantiated for float (training) and double (checks, views).
#include "core/model.h"

#include <cmath>

namespace pg {

int Arch::width(int l) const {
  if (l == 0) return input_dim;
  if (l == num_layers()) return output_dim;
  return hidden[static_cast<size_t>(l - 1)];
}

Act Arch::act(int l) const { return l == num_layers() ? out : hidden_act[static_cast<size_t>(l - 1)]; }

template <class T> Index NetworkT<T>::param_count() const {
  Index n = 0;
  for (size_t i = 0; i < W.size(); ++i) n += W[i].size() + b[i].size();
  return n;
}

template <class T> bool NetworkT<T>::all_finite() const {
  for (size_t i = 0; i < W.size(); ++i)
    if (!W[i].allFinite() || !b[i].allFinite()) return false;
  return true;
}

template <class T> bool NetworkT<T>::all_within(T limit) const {
  for (size_t i = 0; i < W.size(); ++i)
    if (!(W[i].array().abs() <= limit).all() || !(b[i].array().abs() <= limit).all()) return false;
  return true;
}

template <class T> template <class U> NetworkT<U> NetworkT<T>::cast() const {
  NetworkT<U> out;
  out.arch = arch;
  for (size_t i = 0; i < W.size(); ++i) {
    out.W.push_back(W[i].template cast<U>());
    out.b.push_back(b[i].template cast<U>());
  }
  return out;
}

Network init_network(const Arch& arch, Init init, uint32_t seed) {
  Rng rng(seed, /*stream=*/0x1d1e5eedULL);
  Network net;
  net.arch = arch;
  for (int l = 1; l <= arch.num_layers(); ++l) {
    const int fan_in = arch.width(l - 1), fan_out = arch.width(l);
    Mat W(fan_out, fan_in);
    const double xavier = std::sqrt(6.0 / (fan_in + fan_out)), he = std::sqrt(2.0 / fan_in);
    for (Index c = 0; c < W.cols(); ++c)  // column-major draw order, stated so other tools can reproduce it
      for (Index r = 0; r < W.rows(); ++r) {
        double w = 0;
        switch (init) {
          case Init::Xavier: w = rng.uniform(-xavier, xavier); break;
          case Init::He: w = rng.normal(0.0, he); break;
          case Init::Uniform: w = rng.uniform(-0.5, 0.5); break;
        }
        W(r, c) = static_cast<float>(w);
      }
    net.W.push_back(std::move(W));
    net.b.push_back(Vec::Constant(fan_out, init == Init::Uniform ? 0.1f : 0.0f));
  }
  return net;
}

template <class T> void forward(const NetworkT<T>& net, const MatX<T>& X, TraceT<T>& trace) {
  const size_t L = net.W.size();
  ensure_size(trace.Z, L);
  if (trace.A.size() != L + 1) {
    MatX<T> x = X;  // X may be trace.A[0] itself, which the resize can move: copy it first
    trace.A.resize(L + 1);
    trace.A[0] = std::move(x);
  } else if (&X != &trace.A[0]) {  // a caller may gather its batch into trace.A[0] (Trainer::step): no copy then
    trace.A[0] = X;
  }
  for (size_t i = 0; i < L; ++i) {
    dense_forward(net.W[i], net.b[i], trace.A[i], trace.Z[i]);
    output_forward(net.arch.act(static_cast<int>(i) + 1), trace.Z[i], trace.A[i + 1]);
  }
}

template <class T> double data_loss(const NetworkT<T>& net, const TraceT<T>& trace, const MatX<T>& Y) {
  const Arch& a = net.arch;
  if (a.out == Act::Sigmoid && a.loss == Loss::Bce) return sigmoid_bce_forward(trace.Z.back(), Y);
  if (a.out == Act::Softmax && a.loss == Loss::Cce) return softmax_cce_forward(trace.Z.back(), Y);
  return loss_forward(a.loss, trace.output(), Y);
}

template <class T>
void backward(const NetworkT<T>& net, const TraceT<T>& trace, const MatX<T>& Y, GradsT<T>& g, bool fused,
              bool want_input_grad) {
  const size_t L = net.W.size();
  ensure_size(g.dW, L);
  ensure_size(g.db, L);
  ensure_size(g.dZ, L);
  ensure_size(g.dA, L + 1);
  ensure_size(g.Wt, L);
  const Arch& a = net.arch;
  // Head: dL/dZ[L] either fused, or as the product of the loss Jacobian and the output Jacobian.
  if (fused && is_fused(a.out, a.loss)) {
    fused_output_loss_vjp(trace.output(), Y, g.dZ[L - 1]);
  } else {
    loss_vjp(a.loss, trace.output(), Y, g.dA[L]);
    output_vjp(a.out, trace.Z[L - 1], trace.output(), g.dA[L], g.dZ[L - 1]);
  }
  // Walk back: each layer's dense VJP, then the previous layer's activation VJP.
  for (size_t i = L; i-- > 0;) {
    const bool need_dA = i > 0 || want_input_grad;
    dense_vjp(net.W[i], trace.A[i], g.dZ[i], g.dW[i], g.db[i], need_dA ? &g.dA[i] : nullptr, &g.Wt[i]);
    if (i > 0) act_vjp(a.act(static_cast<int>(i)), trace.Z[i - 1], trace.A[i], g.dA[i], g.dZ[i - 1]);
  }
}

template <class T>
void step_gradients(const NetworkT<T>& net, const MatX<T>& X, const MatX<T>& Y, Reg reg, T lambda, TraceT<T>& trace,
                    GradsT<T>& grads, bool want_input_grad, std::vector<MatX<T>>* data_dW) {
  forward(net, X, trace);
  backward(net, trace, Y, grads, /*fused=*/true, want_input_grad);
  if (data_dW) *data_dW = grads.dW;
  add_reg_grad(net, reg, lambda, grads);
}

template <class T> T reg_penalty(const NetworkT<T>& net, Reg reg, T lambda) {
  T sum = 0;
  for (const MatX<T>& W : net.W) {  // sequential sums: the same bits on every build
    const T* w = W.data();
    for (Index i = 0; i < W.size(); ++i) sum += reg == Reg::L1 ? std::abs(w[i]) : reg == Reg::L2 ? T(0.5) * w[i] * w[i] : T(0);
  }
  return lambda * sum;
}

template <class T> MatX<T> reg_grad(const MatX<T>& W, Reg reg, T lambda) {
  if (reg == Reg::L2) return lambda * W;
  if (reg == Reg::L1) return lambda * W.unaryExpr([](T w) { return T((w > 0) - (w < 0)); });
  return MatX<T>::Zero(W.rows(), W.cols());
}

template <class T> void add_reg_grad(const NetworkT<T>& net, Reg reg, T lambda, GradsT<T>& g) {
  if (reg == Reg::None || lambda == T(0)) return;
  for (size_t i = 0; i < net.W.size(); ++i) {
    if (reg == Reg::L2) g.dW[i] += lambda * net.W[i];
    if (reg == Reg::L1) g.dW[i] += lambda * net.W[i].unaryExpr([](T w) { return T((w > 0) - (w < 0)); });
  }
}

Mat predict(const Network& net, const Mat& X) {
  TraceT<float> trace;
  forward(net, X, trace);
  return trace.output();
}

// Explicit instantiations: float trains, double checks.
template struct NetworkT<float>;
template struct NetworkT<double>;
template NetworkT<double> NetworkT<float>::cast<double>() const;
template NetworkT<float> NetworkT<double>::cast<float>() const;
template NetworkT<float> NetworkT<float>::cast<float>() const;
template NetworkT<double> NetworkT<double>::cast<double>() const;
#define PG_INSTANTIATE_MODEL(T)                                                                          \
  template void forward<T>(const NetworkT<T>&, const MatX<T>&, TraceT<T>&);                              \
  template double data_loss<T>(const NetworkT<T>&, const TraceT<T>&, const MatX<T>&);                         \
  template void backward<T>(const NetworkT<T>&, const TraceT<T>&, const MatX<T>&, GradsT<T>&, bool, bool); \
  template T reg_penalty<T>(const NetworkT<T>&, Reg, T);                                                 \
  template void add_reg_grad<T>(const NetworkT<T>&, Reg, T, GradsT<T>&);                                 \
  template MatX<T> reg_grad<T>(const MatX<T>&, Reg, T);                                                  \
  template void step_gradients<T>(const NetworkT<T>&, const MatX<T>&, const MatX<T>&, Reg, T, TraceT<T>&,   \
                                  GradsT<T>&, bool, std::vector<MatX<T>>*);
PG_INSTANTIATE_MODEL(float)
PG_INSTANTIATE_MODEL(double)
#undef PG_INSTANTIATE_MODEL

}  // namespace pg
