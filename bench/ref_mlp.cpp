// bench/ref_mlp.cpp: the plain Eigen trainer scripts/bench.sh measures bprop against, copied unchanged below this
// header from the team's shared benchmark folder (shared/bench/ref_mlp.cpp, with its README on how to build and
// run it), so that a clone of this repository can run the comparison on its own. Not part of the engine or of
// any test.

// ref_mlp.cpp -- reference MLP minibatch-SGD trainer in C++/Eigen.
//
// Purpose: the "what wasm + Eigen can reach" figure (built with em++) and the
// native ceiling (built with g++ -O3 -march=native) for the peer comparison in
// run_peers.sh. Same workload as tfjs/bench_tfjs.js:
//   * synthetic 2D "circle" set, 500 points (label 1 inside r<2.5, label 0 in
//     the ring 3.5<r<5, then 10% of labels flipped), generated with the same
//     seeded PRNG as the JS bench;
//   * MLP 2-H-H-1, tanh hidden layers, sigmoid output, binary cross-entropy
//     (mean over the batch), plain SGD, lr 0.03;
//   * one epoch = ceil(500/B) steps in fixed order, the last batch partial.
// Throughput = samples processed / wall time, after a warm-up of at least 2
// epochs and --warmup seconds (lets V8 tier the wasm up); every trial runs for
// at least --min-time seconds, the median of --trials trials is reported.
//
// Output: one machine-readable line per config,
//   RESULT peer=<name> net=2-8-8-1 bs=10 sps=<median> trials=<a,b,c> loss=<..> acc=<..>
//
// Layout: column-major, one sample per column (features x batch), so every
// layer is  Z = W * A_prev + b  with W of shape (out x in).  All buffers are
// allocated once for the largest batch; the training loop does not allocate.
//
// Usage: ref_mlp [--peer NAME] [--configs 8x8:1,8x8:10,...] [--min-time S]
//                [--trials N] [--warmup S]

#include <Eigen/Dense>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using Mat = Eigen::MatrixXf;  // column-major float32, like TF.js tensors' dtype
using Vec = Eigen::VectorXf;
using RowVec = Eigen::RowVectorXf;

// mulberry32: tiny seeded PRNG, identical to the one in bench_tfjs.js.
struct Rng {
  uint32_t s;
  explicit Rng(uint32_t seed) : s(seed) {}
  double next() {  // uniform in [0, 1)
    s += 0x6D2B79F5u;
    uint32_t t = s;
    t = (t ^ (t >> 15)) * (t | 1u);
    t ^= t + (t ^ (t >> 7)) * (t | 61u);
    return double(t ^ (t >> 14)) / 4294967296.0;
  }
  double uniform(double a, double b) { return a + (b - a) * next(); }
};

struct Dataset {
  Mat X;     // 2 x N
  RowVec Y;  // 1 x N, labels in {0, 1}
};

Dataset make_circle(int n, uint32_t seed) {
  Rng rng(seed);
  Dataset d;
  d.X.resize(2, n);
  d.Y.resize(n);
  const double kPi = 3.14159265358979323846;
  for (int i = 0; i < n; ++i) {
    const bool inside = i < n / 2;
    const double r = inside ? rng.uniform(0.0, 2.5) : rng.uniform(3.5, 5.0);
    const double a = rng.uniform(0.0, 2.0 * kPi);
    d.X(0, i) = float(r * std::sin(a));
    d.X(1, i) = float(r * std::cos(a));
    // 10% label noise keeps the loss (and so the gradients) away from zero,
    // so long runs never drift into denormal-float territory.
    const bool flip = rng.next() < 0.1;
    d.Y(i) = (inside != flip) ? 1.0f : 0.0f;
  }
  // Fisher-Yates shuffle, once, so batches mix both classes.
  for (int i = n - 1; i > 0; --i) {
    const int j = int(rng.next() * (i + 1));
    d.X.col(i).swap(d.X.col(j));
    std::swap(d.Y(i), d.Y(j));
  }
  return d;
}

struct Layer {
  Mat W;    // out x in
  Vec b;    // out
  Mat A;    // out x maxB: activations of this layer
  Mat dZ;   // out x maxB: dLoss/d(pre-activation)
  Mat dW;   // out x in
  Vec db;   // out
};

class MLP {
 public:
  // sizes = {2, h1, h2, ..., 1}
  MLP(const std::vector<int>& sizes, int max_batch, uint32_t seed) {
    Rng rng(seed);
    for (size_t l = 1; l < sizes.size(); ++l) {
      const int in = sizes[l - 1], out = sizes[l];
      Layer L;
      // Glorot-uniform initialisation, zero biases.
      const double lim = std::sqrt(6.0 / double(in + out));
      L.W.resize(out, in);
      for (int i = 0; i < out; ++i)
        for (int j = 0; j < in; ++j) L.W(i, j) = float(rng.uniform(-lim, lim));
      L.b = Vec::Zero(out);
      L.A = Mat::Zero(out, max_batch);
      L.dZ = Mat::Zero(out, max_batch);
      L.dW = Mat::Zero(out, in);
      L.db = Vec::Zero(out);
      layers_.push_back(std::move(L));
    }
  }

  // Forward pass for the first B columns of X; returns nothing, the output
  // probabilities are in layers_.back().A.leftCols(B).
  void forward(const Eigen::Ref<const Mat>& X) {
    const Eigen::Index B = X.cols();
    const size_t n = layers_.size();
    for (size_t l = 0; l < n; ++l) {
      Layer& L = layers_[l];
      auto A = L.A.leftCols(B);
      if (l == 0)
        A.noalias() = L.W * X;
      else
        A.noalias() = L.W * layers_[l - 1].A.leftCols(B);
      A.colwise() += L.b;
      if (l + 1 < n)
        A.array() = A.array().tanh();
      else
        A.array() = A.array().logistic();  // sigmoid
    }
  }

  // One SGD step on a batch (X: 2 x B, Y: 1 x B).
  void train_step(const Eigen::Ref<const Mat>& X, const Eigen::Ref<const RowVec>& Y,
                  float lr) {
    const Eigen::Index B = X.cols();
    forward(X);
    const int n = int(layers_.size());
    // Sigmoid + mean BCE: dLoss/dz_out = (p - y) / B.
    Layer& out = layers_[n - 1];
    out.dZ.leftCols(B) = (out.A.leftCols(B) - Y) * (1.0f / float(B));
    for (int l = n - 1; l >= 0; --l) {
      Layer& L = layers_[l];
      auto dZ = L.dZ.leftCols(B);
      if (l == 0)
        L.dW.noalias() = dZ * X.transpose();
      else
        L.dW.noalias() = dZ * layers_[l - 1].A.leftCols(B).transpose();
      L.db.noalias() = dZ.rowwise().sum();
      if (l > 0) {
        // Propagate through W (before the update) and the tanh of layer l-1.
        Layer& P = layers_[l - 1];
        auto dZp = P.dZ.leftCols(B);
        dZp.noalias() = L.W.transpose() * dZ;
        dZp.array() *= 1.0f - P.A.leftCols(B).array().square();
      }
      L.W.noalias() -= lr * L.dW;
      L.b.noalias() -= lr * L.db;
    }
  }

  // Mean BCE and accuracy over a whole dataset (not timed).
  void evaluate(const Dataset& d, double* loss, double* acc) {
    double l = 0.0, correct = 0.0;
    const int N = int(d.X.cols());
    const int maxB = int(layers_.back().A.cols());
    for (int s = 0; s < N; s += maxB) {
      const int B = std::min(maxB, N - s);
      forward(d.X.middleCols(s, B));
      const auto P = layers_.back().A.leftCols(B);
      for (int i = 0; i < B; ++i) {
        const double p = std::min(std::max(double(P(0, i)), 1e-7), 1.0 - 1e-7);
        const double y = d.Y(s + i);
        l -= y * std::log(p) + (1.0 - y) * std::log(1.0 - p);
        correct += ((p > 0.5) == (y > 0.5)) ? 1.0 : 0.0;
      }
    }
    *loss = l / N;
    *acc = correct / N;
  }

 private:
  std::vector<Layer> layers_;
};

static double now_s() {
  using clk = std::chrono::steady_clock;
  return std::chrono::duration<double>(clk::now().time_since_epoch()).count();
}

static void run_epoch(MLP& net, const Dataset& d, int bs, float lr) {
  const int N = int(d.X.cols());
  for (int s = 0; s < N; s += bs) {
    const int B = std::min(bs, N - s);
    net.train_step(d.X.middleCols(s, B), d.Y.segment(s, B), lr);
  }
}

struct Config {
  int hidden;   // width of each hidden layer
  int layers;   // number of hidden layers
  int bs;       // batch size
};

// "8x8:10" -> two hidden layers of 8, batch size 10.
static bool parse_configs(const char* s, std::vector<Config>* out) {
  std::string all(s);
  size_t pos = 0;
  while (pos <= all.size()) {
    size_t comma = all.find(',', pos);
    if (comma == std::string::npos) comma = all.size();
    std::string item = all.substr(pos, comma - pos);
    pos = comma + 1;
    if (item.empty()) continue;
    size_t colon = item.find(':');
    if (colon == std::string::npos) return false;
    std::string shape = item.substr(0, colon);
    Config c{0, 0, std::atoi(item.c_str() + colon + 1)};
    size_t p = 0;
    while (p <= shape.size()) {
      size_t x = shape.find('x', p);
      if (x == std::string::npos) x = shape.size();
      const int w = std::atoi(shape.substr(p, x - p).c_str());
      if (c.layers > 0 && w != c.hidden) return false;  // equal widths only
      c.hidden = w;
      c.layers++;
      p = x + 1;
    }
    if (c.hidden <= 0 || c.bs <= 0) return false;
    out->push_back(c);
  }
  return !out->empty();
}

int main(int argc, char** argv) {
  std::string peer = "ref";
  std::string configs = "8x8:1,8x8:10,8x8:64,64x64:1,64x64:10,64x64:64";
  double min_time = 1.0;
  double warmup = 1.0;
  int trials = 3;
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    const char* v = (i + 1 < argc) ? argv[i + 1] : nullptr;
    if (!std::strcmp(a, "--peer") && v) { peer = v; ++i; }
    else if (!std::strcmp(a, "--configs") && v) { configs = v; ++i; }
    else if (!std::strcmp(a, "--min-time") && v) { min_time = std::atof(v); ++i; }
    else if (!std::strcmp(a, "--trials") && v) { trials = std::atoi(v); ++i; }
    else if (!std::strcmp(a, "--warmup") && v) { warmup = std::atof(v); ++i; }
    else { std::fprintf(stderr, "unknown argument: %s\n", a); return 2; }
  }
  std::vector<Config> cfgs;
  if (!parse_configs(configs.c_str(), &cfgs)) {
    std::fprintf(stderr, "bad --configs %s\n", configs.c_str());
    return 2;
  }

  const int kN = 500;
  const float kLr = 0.03f;
  const Dataset data = make_circle(kN, 12345u);

  for (const Config& c : cfgs) {
    std::vector<int> sizes{2};
    for (int l = 0; l < c.layers; ++l) sizes.push_back(c.hidden);
    sizes.push_back(1);
    std::string net_name;
    for (size_t i = 0; i < sizes.size(); ++i)
      net_name += (i ? "-" : "") + std::to_string(sizes[i]);

    MLP net(sizes, std::min(c.bs, kN), 777u);
    // Warm-up: at least 2 epochs and `warmup` seconds.
    const double w0 = now_s();
    int we = 0;
    while (we < 2 || now_s() - w0 < warmup) { run_epoch(net, data, c.bs, kLr); ++we; }

    std::vector<double> sps;
    for (int t = 0; t < trials; ++t) {
      const double t0 = now_s();
      long epochs = 0;
      double el = 0.0;
      do {
        run_epoch(net, data, c.bs, kLr);
        ++epochs;
        el = now_s() - t0;
      } while (el < min_time);
      sps.push_back(double(epochs) * kN / el);
    }
    std::vector<double> sorted = sps;
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted[sorted.size() / 2];
    double loss = 0.0, acc = 0.0;
    net.evaluate(data, &loss, &acc);
    std::printf("RESULT peer=%s net=%s bs=%d sps=%.0f trials=", peer.c_str(),
                net_name.c_str(), c.bs, median);
    for (size_t i = 0; i < sps.size(); ++i) std::printf("%s%.0f", i ? "," : "", sps[i]);
    std::printf(" loss=%.4f acc=%.3f\n", loss, acc);
    std::fflush(stdout);
  }
  return 0;
}
