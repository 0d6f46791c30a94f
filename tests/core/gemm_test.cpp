// tests/core/gemm_test.cpp: the order-fixed product gives, for every shape its kernels split into, the bits of
// the plain loop s = 0; for p: s += A(m, p) B(p, n), in float and double, for B plain and transposed.
#include "core/gemm.h"
#include "core/ops.h"
#include "core/rng.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

namespace pg {
namespace {

template <class T> std::vector<T> random_values(Rng& rng, Index n) {
  std::vector<T> v(static_cast<size_t>(n));
  for (T& x : v) x = static_cast<T>(rng.uniform(-1, 1) * (rng.uniform() < 0.1 ? 1e4 : 1));
  return v;
}

template <class T> void check_shapes() {
  Rng rng(42);
  const Index sizes[] = {1, 2, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 20, 33, 64};
  for (Index M : sizes)
    for (Index N : sizes)
      for (Index P : {Index(1), Index(2), Index(5), Index(17), Index(64)})
        for (bool transposed : {false, true}) {
          const std::vector<T> a = random_values<T>(rng, M * P), b = random_values<T>(rng, P * N);
          const Index brs = transposed ? N : 1, bcs = transposed ? 1 : P;
          std::vector<T> c(static_cast<size_t>(M * N), T(-7)), want(c.size());
          gemm_ordered(M, N, P, a.data(), b.data(), brs, bcs, c.data());
          for (Index n = 0; n < N; ++n)
            for (Index m = 0; m < M; ++m) {
              volatile T s = 0;  // volatile: one rounding per operation, in this order
              for (Index p = 0; p < P; ++p) {
                volatile T prod = a[p * M + m] * b[p * brs + n * bcs];
                s = s + prod;
              }
              want[n * M + m] = s;
            }
          ASSERT_EQ(std::memcmp(c.data(), want.data(), c.size() * sizeof(T)), 0)
              << "M=" << M << " N=" << N << " P=" << P << (transposed ? " B transposed" : "");
        }
}

TEST(gemm, float_matches_the_plain_loop_bit_for_bit) { check_shapes<float>(); }
TEST(gemm, double_matches_the_plain_loop_bit_for_bit) { check_shapes<double>(); }

TEST(gemm, transpose_into_copies_every_entry) {
  Rng rng(7);
  for (Index K : {1, 3, 4, 5, 8, 13, 64})
    for (Index D : {1, 2, 4, 7, 8, 64}) {
      Mat W(K, D), Wt;
      for (Index i = 0; i < W.size(); ++i) W.data()[i] = static_cast<float>(rng.uniform(-1, 1));
      transpose_into(W, Wt);
      ASSERT_TRUE(Wt == W.transpose()) << K << " x " << D;
      MatD Wd = W.cast<double>(), Wdt;
      transpose_into(Wd, Wdt);
      ASSERT_TRUE(Wdt == Wd.transpose()) << K << " x " << D;
    }
}

TEST(gemm, a_sum_of_negative_zeros_is_positive_zero_as_in_the_loop) {
  const float a[4] = {-0.0f, -0.0f, -0.0f, -0.0f}, b[1] = {1.0f};
  float c[4] = {1, 1, 1, 1};
  gemm_ordered<float>(4, 1, 1, a, b, 1, 1, c);
  for (float x : c) EXPECT_FALSE(std::signbit(x));
}

// The bias path (dense_forward's Z = W A + b 1^T): each output is the plain loop's sum, then + bias(m), one
// rounding each, for every shape class of both kernels, through the wrappers the layers call (matmul_bias,
// matmul, matmul_bt) against a naive triple loop.
template <class T> void check_wrappers() {
  Rng rng(43);
  const Index sizes[] = {1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 17, 31, 32, 33, 40};
  for (Index M : sizes)
    for (Index N : sizes)
      for (Index P : {Index(1), Index(3), Index(8), Index(19)}) {
        MatX<T> A(M, P), B(P, N), Bt(N, P);
        VecX<T> bias(M);
        for (Index i = 0; i < A.size(); ++i) A.data()[i] = static_cast<T>(rng.uniform(-1, 1));
        for (Index i = 0; i < B.size(); ++i) B.data()[i] = static_cast<T>(rng.uniform(-1, 1));
        for (Index i = 0; i < bias.size(); ++i) bias(i) = static_cast<T>(rng.uniform(-1, 1));
        Bt = B.transpose();
        MatX<T> C, Cb, Ct;
        matmul(A, B, C);
        matmul_bias(A, B, bias, Cb);
        matmul_bt(A, Bt, Ct);
        ASSERT_EQ(C.rows(), M);
        ASSERT_EQ(C.cols(), N);
        for (Index n = 0; n < N; ++n)
          for (Index m = 0; m < M; ++m) {
            volatile T s = 0;
            for (Index p = 0; p < P; ++p) {
              volatile T prod = A(m, p) * B(p, n);
              s = s + prod;
            }
            volatile T sb = s + bias(m);
            ASSERT_EQ(C(m, n), T(s)) << "matmul M=" << M << " N=" << N << " P=" << P;
            ASSERT_EQ(Ct(m, n), T(s)) << "matmul_bt M=" << M << " N=" << N << " P=" << P;
            ASSERT_EQ(Cb(m, n), T(sb)) << "matmul_bias M=" << M << " N=" << N << " P=" << P;
          }
      }
}

TEST(gemm, float_wrappers_and_bias_match_the_naive_loop) { check_wrappers<float>(); }
TEST(gemm, double_wrappers_and_bias_match_the_naive_loop) { check_wrappers<double>(); }

TEST(gemm, row_sums_and_ordered_reductions_add_in_column_order) {
  // 1e8 + 1 - 1e8 in float: in order it is (1e8 + 1) - 1e8 = 0 (1e8 + 1 rounds to 1e8); any other order gives 1.
  Mat M(1, 3);
  M << 1e8f, 1.0f, -1e8f;
  Vec s;
  row_sums(M, s);
  EXPECT_EQ(s(0), 0.0f);
  const float x[3] = {1e8f, 1.0f, -1e8f}, ones[3] = {1, 1, 1};
  EXPECT_EQ(ordered_sum(x, 3), 0.0f);
  EXPECT_EQ(ordered_dot(x, ones, 3), 0.0f);
  Mat M2(2, 2);
  M2 << 1, 2, 3, 4;
  row_sums(M2, s);
  EXPECT_EQ(s(0), 3.0f);
  EXPECT_EQ(s(1), 7.0f);
}

// gemv_t_ordered (batch-1 backward: dA = W^T dZ read from W through 4 x 4 register transposes): each output is
// the plain loop over p in order, for row counts on and off the blocks of 4 and inner lengths with and without a
// tail.
template <class T> void check_gemv_t() {
  Rng rng(44);
  for (Index M : {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 64})
    for (Index P : {1, 2, 3, 4, 5, 8, 13, 64}) {
      const std::vector<T> a = random_values<T>(rng, P * M), b = random_values<T>(rng, P);  // A: (P x M)
      std::vector<T> c(static_cast<size_t>(M), T(-7));
      gemv_t_ordered(M, P, a.data(), b.data(), c.data());
      for (Index m = 0; m < M; ++m) {
        volatile T s = 0;
        for (Index p = 0; p < P; ++p) {
          volatile T prod = a[m * P + p] * b[p];  // A^T(m, p) b(p)
          s = s + prod;
        }
        ASSERT_EQ(c[m], T(s)) << "M=" << M << " P=" << P << " m=" << m;
      }
    }
}
TEST(gemm, gemv_t_matches_the_plain_loop_bit_for_bit) {
  check_gemv_t<float>();
  check_gemv_t<double>();
}

// Row sums for row counts on and off the vector blocks (4 and 16 rows): the plain loop over the columns in order.
TEST(gemm, row_sums_match_the_plain_loop_for_every_row_block) {
  Rng rng(45);
  for (Index K : {1, 3, 4, 5, 8, 16, 17, 20, 33})
    for (Index N : {1, 2, 7, 64}) {
      Mat M(K, N);
      for (Index i = 0; i < M.size(); ++i) M.data()[i] = static_cast<float>(rng.uniform(-1, 1) * 1e4);
      Vec s;
      row_sums(M, s);
      ASSERT_EQ(s.size(), K);
      for (Index k = 0; k < K; ++k) {
        volatile float want = 0;
        for (Index n = 0; n < N; ++n) want = want + M(k, n);
        ASSERT_EQ(s(k), float(want)) << "K=" << K << " N=" << N << " k=" << k;
      }
    }
}

// dense_vjp's dA = W^T dZ takes three routes (W a row or a column: W's own storage; one sample: gemv_t_ordered;
// otherwise a transposed copy): each gives the plain loop's bits, sum over k in order of W(k, d) dZ(k, n).
TEST(gemm, dense_vjp_input_gradient_is_the_plain_loop_on_every_route) {
  Rng rng(46);
  for (Index K : {1, 2, 5, 8})
    for (Index D : {1, 3, 8})
      for (Index N : {1, 2, 5}) {
        Mat W(K, D), A(D, N), dZ(K, N), dW, dA, Wt;
        Vec db;
        for (Index i = 0; i < W.size(); ++i) W.data()[i] = static_cast<float>(rng.uniform(-1, 1));
        for (Index i = 0; i < A.size(); ++i) A.data()[i] = static_cast<float>(rng.uniform(-1, 1));
        for (Index i = 0; i < dZ.size(); ++i) dZ.data()[i] = static_cast<float>(rng.uniform(-1, 1));
        dense_vjp(W, A, dZ, dW, db, &dA, &Wt);
        ASSERT_EQ(dA.rows(), D);
        ASSERT_EQ(dA.cols(), N);
        for (Index n = 0; n < N; ++n)
          for (Index d = 0; d < D; ++d) {
            volatile float s = 0;
            for (Index k = 0; k < K; ++k) {
              volatile float prod = W(k, d) * dZ(k, n);
              s = s + prod;
            }
            ASSERT_EQ(dA(d, n), float(s)) << "K=" << K << " D=" << D << " N=" << N;
          }
      }
}

}  // namespace
}  // namespace pg
