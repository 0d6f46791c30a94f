// core/train.h: minibatch training (SGD, momentum, Adam; L1/L2), the seeded shuffle, metrics, and the
// divergence guard. Eigen + std only. Runs in float; deterministic in (data, arch, config).
#pragma once

#include "core/data.h"
#include "core/model.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace pg {

struct TrainConfig {
  Optimizer optimizer = Optimizer::Sgd;
  float learning_rate = 0.03f;  // eta
  int batch_size = 10;          // N (capped at the training set size)
  float momentum = 0.9f;        // mu:  v <- mu v + g,  w <- w - eta v
  float beta1 = 0.9f;           // Adam: m <- b1 m + (1-b1) g,  v <- b2 v + (1-b2) g^2,
  float beta2 = 0.999f;         //       w <- w - eta mhat / (sqrt(vhat) + eps),  mhat = m / (1 - b1^t), ...
  Reg reg = Reg::None;
  float reg_rate = 0.0f;        // lambda
  Init init = Init::Xavier;
  uint32_t init_seed = 1;       // weights and the per-epoch shuffle
};
constexpr float kAdamEps = 1e-8f;
// A weight beyond this magnitude means the run has blown up (the float forward pass would soon overflow).
constexpr float kDivergedWeight = 1e15f;

// A metric of an empty set has no value: its loss and accuracy are NaN (never an invented 0), and the counts
// say why. One point leaves the test set empty; a user set with no points leaves both empty.
struct Metrics {
  double train_loss = 0, test_loss = 0;  // data loss (mean over the set), without the penalty; NaN if empty
  double penalty = 0;                    // regularization term R(W)
  bool has_accuracy = false;             // classification only
  double train_accuracy = 0, test_accuracy = 0;  // NaN if the set is empty
  Index train_count = 0, test_count = 0; // samples each value was computed over
  Eigen::MatrixXi confusion;             // (K x K) on the test set: row = true class, column = predicted
};

enum class TrainStatus { Running, Diverged };

// Whether W and b fit `net` (its shapes, finite values): "" if they do, else the reason.
std::string check_parameters(const Network& net, const std::vector<Mat>& W, const std::vector<Vec>& b);

class Trainer {
 public:
  Trainer(Dataset data, const Arch& arch, const TrainConfig& config);

  // One minibatch step (forward, backward through VJPs, update). Returns false, and leaves the last finite
  // weights in place, if any weight became NaN/Inf or passed kDivergedWeight (a NaN loss shows up there);
  // status() then says so and further steps do nothing until reset().
  bool step();
  uint64_t run(uint64_t steps);  // returns the number of steps taken
  void reset();                  // fresh weights from the init seed, step 0

  Metrics evaluate() const;      // full train and test sets
  // Replaces the weights and biases (a loaded model). They must have this network's shapes and be finite;
  // otherwise nothing changes and the reason is returned. Optimizer state restarts from zero.
  std::string set_parameters(const std::vector<Mat>& W, const std::vector<Vec>& b);
  // Live-editable constants (learning rate, momentum, betas, regularization): no reset needed.
  void set_live_config(const TrainConfig& config);

  const Network& network() const { return net_; }
  // The gradients the last step applied (dW with the penalty added), shaped as GradsT documents; empty
  // before the first step. The inspector's gradients equal these bit for bit (tests/core/saturation_test.cpp).
  const GradsT<float>& last_gradients() const { return buffers_[last_].grads; }
  const Dataset& data() const { return data_; }
  const Arch& arch() const { return net_.arch; }
  const TrainConfig& config() const { return config_; }
  uint64_t steps() const { return step_; }
  uint64_t epoch() const { return epoch_; }
  TrainStatus status() const { return status_; }
  const std::string& status_message() const { return message_; }
  int batch_size() const;
  int next_batch_count() const { return static_cast<int>(std::min(order_.size() - cursor_, size_t(batch_size()))); }
  // The minibatch the next step will use (inputs D x N, targets K x N, and their sample indices).
  void next_batch(Mat& X, Mat& Y, std::vector<int>* indices = nullptr) const;

 private:
  void gather_batch();
  bool apply_update();  // false (weights unchanged) if the step would leave a weight beyond kDivergedWeight
  void start_epoch();

  Dataset data_;
  TrainConfig config_;
  Network net_, next_;  // next_: where a step writes the new weights before they are swapped in
  struct StepBuffers {  // one step's minibatch (inputs in trace.A[0], targets in Y), forward cache and gradients
    Mat Y;
    TraceT<float> trace;
    GradsT<float> grads;
  };
  StepBuffers buffers_[2];  // [0] full batches, [1] the shorter last batch of an epoch
  int last_ = 0;            // the one the last step used
  std::vector<Mat> vel_W_, m_W_, v_W_;  // optimizer state, shaped like W
  std::vector<Vec> vel_b_, m_b_, v_b_;  // and like b
  float beta1_pow_ = 1, beta2_pow_ = 1;
  Rng shuffle_rng_;
  std::vector<int> order_;
  size_t cursor_ = 0;
  uint64_t step_ = 0, epoch_ = 0;
  TrainStatus status_ = TrainStatus::Running;
  std::string message_;
};

// Class predicted for each column of the output (argmax, or a threshold for one output: 0.5, or 0 for tanh).
std::vector<int> predict_classes(const Arch& arch, const Mat& output);

}  // namespace pg
