// bench/train_bench.cpp: Google Benchmark figures for the training step and its parts. Prints figures only;
// no timing is asserted anywhere. Run: build-native/core_bench (or scripts/bench.sh for the CLI figures too).
#include "core/model.h"
#include "state/resolve.h"
#include "state/url_codec.h"

#include <benchmark/benchmark.h>

namespace pg {
namespace {

// Whole training steps, as `bprop bench` runs them, on the two reference configurations.
void BM_train_step(benchmark::State& state, const char* link) {
  Session s = make_session(decode_params(link).params);
  int64_t samples = 0;
  for (auto _ : state) {
    samples += s.trainer.next_batch_count();
    if (!s.trainer.step()) state.SkipWithError("diverged");
  }
  state.counters["samples/s"] = benchmark::Counter(static_cast<double>(samples), benchmark::Counter::kIsRate);
}
BENCHMARK_CAPTURE(BM_train_step, mlp_2_8_8_1_batch10, "data=circle&layers=8,8&act=tanh&batch=10&lr=0.03");
BENCHMARK_CAPTURE(BM_train_step, mlp_2_64_64_1_batch64, "data=circle&layers=64,64&act=tanh&batch=64&lr=0.03");
BENCHMARK_CAPTURE(BM_train_step, mlp_2_256x4_1_batch32_adam, "data=spiral&layers=256,256,256,256&act=relu&batch=32&opt=adam&lr=0.001");

// The dense layer's forward and VJP at width H, batch N.
void BM_dense(benchmark::State& state) {
  const Index H = state.range(0), N = state.range(1);
  Rng rng(1);
  Mat W(H, H), A(H, N), Z, dZ(H, N), dW, dA;
  Vec b = Vec::Zero(H), db;
  for (Index i = 0; i < W.size(); ++i) W.data()[i] = static_cast<float>(rng.uniform(-1, 1));
  for (Index i = 0; i < A.size(); ++i) A.data()[i] = dZ.data()[i] = static_cast<float>(rng.uniform(-1, 1));
  for (auto _ : state) {
    dense_forward(W, b, A, Z);
    dense_vjp(W, A, dZ, dW, db, &dA);
    benchmark::DoNotOptimize(dA.data());
  }
  state.counters["MAC/s"] = benchmark::Counter(3.0 * double(H * H * N), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_dense)->Args({8, 10})->Args({16, 16})->Args({64, 64})->Args({256, 32});

// Elementwise activations forward + VJP over 64 x 64.
void BM_activation(benchmark::State& state) {
  const Act f = static_cast<Act>(state.range(0));
  Rng rng(2);
  Mat Z(64, 64), A, dA = Mat::Ones(64, 64), dZ;
  for (Index i = 0; i < Z.size(); ++i) Z.data()[i] = static_cast<float>(rng.uniform(-3, 3));
  for (auto _ : state) {
    act_forward(f, Z, A);
    act_vjp(f, Z, A, dA, dZ);
    benchmark::DoNotOptimize(dZ.data());
  }
  state.SetLabel(std::string(act_name(f)));
}
BENCHMARK(BM_activation)->DenseRange(0, 6);

}  // namespace
}  // namespace pg

BENCHMARK_MAIN();
