// core/train.cpp: the training loop. The hot path (gather, forward, backward, update) allocates nothing once
// the buffers have their shapes, and never builds a Jacobian. Eigen + std only.
#include "core/train.h"

#include "core/simd.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace pg {

namespace {
constexpr uint64_t kShuffleStream = 0x5eedf00dULL;
}

Trainer::Trainer(Dataset data, const Arch& arch, const TrainConfig& config)
    : data_(std::move(data)), config_(config), shuffle_rng_(config.init_seed, kShuffleStream) {
  net_.arch = arch;
  reset();
}

void Trainer::reset() {
  net_ = init_network(net_.arch, config_.init, config_.init_seed);
  next_ = net_;
  const size_t L = net_.W.size();
  vel_W_.assign(L, Mat());
  m_W_.assign(L, Mat());
  v_W_.assign(L, Mat());
  vel_b_.assign(L, Vec());
  m_b_.assign(L, Vec());
  v_b_.assign(L, Vec());
  for (size_t i = 0; i < L; ++i) {
    vel_W_[i] = m_W_[i] = v_W_[i] = Mat::Zero(net_.W[i].rows(), net_.W[i].cols());
    vel_b_[i] = m_b_[i] = v_b_[i] = Vec::Zero(net_.b[i].size());
  }
  beta1_pow_ = beta2_pow_ = 1;
  shuffle_rng_ = Rng(config_.init_seed, kShuffleStream);
  step_ = epoch_ = 0;
  status_ = TrainStatus::Running;
  message_.clear();
  order_.resize(static_cast<size_t>(data_.X_train.cols()));
  start_epoch();
}

std::string check_parameters(const Network& net, const std::vector<Mat>& W, const std::vector<Vec>& b) {
  if (W.size() != net.W.size() || b.size() != net.b.size())
    return "the model has " + std::to_string(W.size()) + " layers; this network has " + std::to_string(net.W.size());
  for (size_t i = 0; i < W.size(); ++i) {
    const std::string layer = "layer " + std::to_string(i + 1) + ": ";
    if (W[i].rows() != net.W[i].rows() || W[i].cols() != net.W[i].cols() || b[i].size() != net.b[i].size())
      return layer + "W is " + std::to_string(W[i].rows()) + " x " + std::to_string(W[i].cols()) + ", expected " +
             std::to_string(net.W[i].rows()) + " x " + std::to_string(net.W[i].cols());
    if (!W[i].allFinite() || !b[i].allFinite()) return layer + "a weight or bias is not a finite number";
  }
  return "";
}

std::string Trainer::set_parameters(const std::vector<Mat>& W, const std::vector<Vec>& b) {
  if (std::string err = check_parameters(net_, W, b); !err.empty()) return err;
  for (size_t i = 0; i < W.size(); ++i) {
    net_.W[i] = W[i];
    net_.b[i] = b[i];
    vel_W_[i].setZero();
    m_W_[i].setZero();
    v_W_[i].setZero();
    vel_b_[i].setZero();
    m_b_[i].setZero();
    v_b_[i].setZero();
  }
  beta1_pow_ = beta2_pow_ = 1;
  status_ = TrainStatus::Running;
  message_.clear();
  return "";
}

void Trainer::set_live_config(const TrainConfig& c) {
  config_.learning_rate = c.learning_rate;
  config_.momentum = c.momentum;
  config_.beta1 = c.beta1;
  config_.beta2 = c.beta2;
  config_.reg = c.reg;
  config_.reg_rate = c.reg_rate;
  config_.batch_size = c.batch_size;
  config_.optimizer = c.optimizer;
}

int Trainer::batch_size() const {
  return static_cast<int>(std::clamp<Index>(config_.batch_size, 1, std::max<Index>(1, data_.X_train.cols())));
}

void Trainer::start_epoch() {
  for (size_t i = 0; i < order_.size(); ++i) order_[i] = static_cast<int>(i);
  shuffle_rng_.shuffle(order_);
  cursor_ = 0;
}

// The next step's minibatch: the next batch_size() indices of the shuffled order (the last batch of an epoch
// may be shorter; the epoch then ends and the order is reshuffled).
void Trainer::next_batch(Mat& X, Mat& Y, std::vector<int>* indices) const {
  const auto n = static_cast<size_t>(next_batch_count());
  ensure_shape(X, data_.X_train.rows(), static_cast<Index>(n));
  ensure_shape(Y, data_.Y_train.rows(), static_cast<Index>(n));
  if (indices) indices->assign(order_.begin() + static_cast<long>(cursor_), order_.begin() + static_cast<long>(cursor_ + n));
  const Index D = X.rows(), K = Y.rows();  // plain copies: a column here has a handful of entries
  for (size_t j = 0; j < n; ++j) {
    const Index src = order_[cursor_ + j];
    const float* x = data_.X_train.data() + src * D;
    const float* y = data_.Y_train.data() + src * K;
    float* xo = X.data() + static_cast<Index>(j) * D;
    float* yo = Y.data() + static_cast<Index>(j) * K;
    for (Index d = 0; d < D; ++d) xo[d] = x[d];
    for (Index k = 0; k < K; ++k) yo[k] = y[k];
  }
}

bool Trainer::step() {
  if (status_ == TrainStatus::Diverged || order_.empty()) return false;
  // Full batches and the shorter last batch of an epoch keep buffers of their own, so neither reallocates.
  const int n = next_batch_count();
  last_ = n == batch_size() ? 0 : 1;
  StepBuffers& s = buffers_[last_];
  // The minibatch is gathered where the forward pass reads it (trace.A[0]), so it is not copied again.
  ensure_size(s.trace.A, net_.W.size() + 1);
  next_batch(s.trace.A[0], s.Y);
  step_gradients(net_, s.trace.A[0], s.Y, config_.reg, config_.reg_rate, s.trace, s.grads);
  // The update writes the new weights beside the current ones and checks their range as it goes; only a
  // finite step is swapped in, so a blow-up keeps the last finite weights without copying them every step.
  // A NaN or infinite loss makes the gradients, and so the weights, NaN or infinite: checking the weights
  // catches both without computing the loss (logs and exps) on every step.
  if (!apply_update()) {
    status_ = TrainStatus::Diverged;
    std::ostringstream msg;
    msg << "Training diverged at step " << step_ + 1 << ": the weights blew up (NaN, infinite or beyond 1e15)."
        << " The learning rate ("
        << config_.learning_rate << ") is probably too high; lower it and reset. The last finite weights are kept.";
    message_ = msg.str();
    return false;
  }
  ++step_;
  cursor_ += static_cast<size_t>(n);
  if (cursor_ >= order_.size()) {
    ++epoch_;
    start_epoch();
  }
  return true;
}

uint64_t Trainer::run(uint64_t steps) {
  uint64_t done = 0;
  while (done < steps && step()) ++done;
  return done;
}

namespace {
using simd::F4;
using simd::I4;

// Runs f(k, count) over n entries four at a time: lanes k..k+3, of which the first count (4, or 1..3 for the
// last few) are real. load4/store4 read and write those lanes; the padding lanes read 0 and are never stored.
template <class F> inline void by_lanes(Index n, F&& f) {
  Index k = 0;
  for (; k + 4 <= n; k += 4) f(k, 4);
  if (k < n) f(k, static_cast<int>(n - k));
}
inline F4 load4(const float* p, int count) { return count == 4 ? simd::load(p) : simd::load_first(p, count); }
inline void store4(float* p, F4 v, int count) {
  if (count == 4) simd::store(p, v);
  else simd::store_first(p, v, count);
}
// Lanes that are finite and within kDivergedWeight: all ones there (|x| <= limit is false for NaN).
inline I4 within(F4 x) { return (I4)(simd::abs(x) <= simd::splat(kDivergedWeight)); }
inline bool within(float x) { return std::fabs(x) <= kDivergedWeight; }

// The three updates over one buffer of n entries (weights or biases), each returning whether every new value is
// within range (SGD and momentum as a lane mask: all ones where it is). out receives the new values.
// SGD:       out = w - lr g
inline I4 sgd_update(const float* w, const float* g, float* out, Index n, F4 lr) {
  I4 ok = ~I4{};
  by_lanes(n, [&](Index k, int c) {
    const F4 o = load4(w + k, c) - lr * load4(g + k, c);
    store4(out + k, o, c);
    ok &= within(o);
  });
  return ok;
}
// Momentum:  v <- mu v + g,  out = w - lr v
inline I4 momentum_update(const float* w, const float* g, float* v, float* out, Index n, F4 lr, F4 mu) {
  I4 ok = ~I4{};
  by_lanes(n, [&](Index k, int c) {
    const F4 vk = mu * load4(v + k, c) + load4(g + k, c);
    const F4 o = load4(w + k, c) - lr * vk;
    store4(v + k, vk, c);
    store4(out + k, o, c);
    ok &= within(o);
  });
  return ok;
}
// Adam:      m <- b1 m + (1-b1) g,  v <- b2 v + (1-b2) g^2,  out = w - lr (m c1) / (sqrt(v c2) + eps)
// A plain loop with std::sqrt (correctly rounded everywhere): Eigen's SSE sqrt under EIGEN_FAST_MATH is an
// rsqrt approximation, which would round differently from the wasm build.
inline bool adam_update(const float* w, const float* g, float* m, float* v, float* out, Index n, float lr, float b1,
                        float b2, float c1, float c2) {
  bool ok = true;
  for (Index k = 0; k < n; ++k) {
    const float gk = g[k];
    const float mk = b1 * m[k] + (1.0f - b1) * gk;
    const float vk = b2 * v[k] + (1.0f - b2) * gk * gk;
    const float o = w[k] - lr * (mk * c1) / (std::sqrt(vk * c2) + kAdamEps);
    m[k] = mk;
    v[k] = vk;
    out[k] = o;
    ok &= within(o);
  }
  return ok;
}
}  // namespace

// Writes the updated weights into next_ (net_ is left as it was) and swaps them in if every one is finite and
// within kDivergedWeight. Each element gets exactly the operations of the formulas in train.h, in that order
// (SGD and momentum four entries at a time: lane-wise IEEE operations, the same bits as one at a time).
bool Trainer::apply_update() {
  const size_t L = net_.W.size();
  ensure_size(next_.W, L);
  ensure_size(next_.b, L);
  const GradsT<float>& grads = buffers_[last_].grads;
  const Optimizer opt = config_.optimizer;
  const float lr = config_.learning_rate, b1 = config_.beta1, b2 = config_.beta2;
  const F4 lr4 = simd::splat(lr), mu4 = simd::splat(config_.momentum);
  float c1 = 0, c2 = 0;
  if (opt == Optimizer::Adam) {
    beta1_pow_ *= b1;  // running products instead of pow(): the same bits on every platform
    beta2_pow_ *= b2;
    c1 = 1.0f / (1.0f - beta1_pow_);
    c2 = 1.0f / (1.0f - beta2_pow_);
  }
  for (size_t i = 0; i < L; ++i) {
    ensure_shape(next_.W[i], net_.W[i].rows(), net_.W[i].cols());
    ensure_shape(next_.b[i], net_.b[i].size(), 1);
  }
  I4 ok4 = ~I4{};
  bool ok = true;
  switch (opt) {  // per layer: the weights, then the biases
    case Optimizer::Sgd:
      for (size_t i = 0; i < L; ++i) {
        ok4 &= sgd_update(net_.W[i].data(), grads.dW[i].data(), next_.W[i].data(), net_.W[i].size(), lr4);
        ok4 &= sgd_update(net_.b[i].data(), grads.db[i].data(), next_.b[i].data(), net_.b[i].size(), lr4);
      }
      break;
    case Optimizer::Momentum:
      for (size_t i = 0; i < L; ++i) {
        ok4 &= momentum_update(net_.W[i].data(), grads.dW[i].data(), vel_W_[i].data(), next_.W[i].data(),
                               net_.W[i].size(), lr4, mu4);
        ok4 &= momentum_update(net_.b[i].data(), grads.db[i].data(), vel_b_[i].data(), next_.b[i].data(),
                               net_.b[i].size(), lr4, mu4);
      }
      break;
    case Optimizer::Adam:
      for (size_t i = 0; i < L; ++i) {
        ok &= adam_update(net_.W[i].data(), grads.dW[i].data(), m_W_[i].data(), v_W_[i].data(), next_.W[i].data(),
                          net_.W[i].size(), lr, b1, b2, c1, c2);
        ok &= adam_update(net_.b[i].data(), grads.db[i].data(), m_b_[i].data(), v_b_[i].data(), next_.b[i].data(),
                          net_.b[i].size(), lr, b1, b2, c1, c2);
      }
      break;
  }
  for (int j = 0; j < 4; ++j) ok &= ok4[j] != 0;
  if (!ok) return false;
  for (size_t i = 0; i < L; ++i) {
    net_.W[i].swap(next_.W[i]);
    net_.b[i].swap(next_.b[i]);
  }
  return true;
}

std::vector<int> predict_classes(const Arch& arch, const Mat& out) {
  std::vector<int> cls(static_cast<size_t>(out.cols()));
  const float threshold = arch.out == Act::Tanh ? 0.0f : 0.5f;
  for (Index n = 0; n < out.cols(); ++n) {
    Index k = 0;
    if (out.rows() == 1) k = out(0, n) > threshold ? 1 : 0;
    else out.col(n).maxCoeff(&k);
    cls[static_cast<size_t>(n)] = static_cast<int>(k);
  }
  return cls;
}

Metrics Trainer::evaluate() const {
  Metrics m;
  TraceT<float> t;
  auto eval = [&](const Mat& X, const Mat& Y, const std::vector<int>& labels, double& loss, double& acc,
                  Eigen::MatrixXi* confusion) {
    if (X.cols() == 0) {  // nothing to average over: no value, rather than 0 / 0 or an invented 0
      loss = acc = std::numeric_limits<double>::quiet_NaN();
      return;
    }
    forward(net_, X, t);
    loss = data_loss(net_, t, Y);
    if (!m.has_accuracy) return;
    const std::vector<int> pred = predict_classes(net_.arch, t.output());
    int correct = 0;
    for (size_t n = 0; n < pred.size(); ++n) {
      correct += pred[n] == labels[n];
      if (confusion) (*confusion)(labels[n], pred[n]) += 1;
    }
    acc = double(correct) / double(pred.size());
  };
  m.has_accuracy = data_.info.problem != Problem::Regression;
  const int K = std::max(2, data_.info.classes);
  m.confusion = Eigen::MatrixXi::Zero(m.has_accuracy ? K : 0, m.has_accuracy ? K : 0);
  m.train_count = data_.X_train.cols();
  m.test_count = data_.X_test.cols();
  eval(data_.X_train, data_.Y_train, data_.labels_train, m.train_loss, m.train_accuracy, nullptr);
  eval(data_.X_test, data_.Y_test, data_.labels_test, m.test_loss, m.test_accuracy, &m.confusion);
  m.penalty = reg_penalty(net_, config_.reg, config_.reg_rate);
  return m;
}

}  // namespace pg
