// core/gemm.h: the matrix product the layers use, with a summation order fixed in the source.
//
// Why not Eigen's product: Eigen's blocked GEMM splits the inner dimension and vectorises with the host's SIMD
// width (SSE natively, none in wasm), so the same product rounds differently on each build. Here every
// C(m, n) = sum_{p=0}^{P-1} A(m, p) B(p, n) is accumulated in exactly that order, starting from 0. Blocking is
// over m and n only, and SIMD runs across independent outputs (m), which never changes a sum. So native and
// wasm builds give the same bits, and the register-blocked micro-kernel (8 x 4 outputs in 4-lane vectors)
// is as fast as Eigen's for the small and medium layers a playground trains. Eigen + std only.
#pragma once

#include "core/types.h"

#include <cstring>

namespace pg {

namespace detail {

// The 8 x 4 block of C at (m0, n0), accumulated over p = 0..P-1 in order. Generic version: the compiler
// vectorises across the 8 rows.
template <class T>
inline void block_8x4(Index M, Index P, const T* a, const T* b, Index brs, Index bcs, T* c, Index m0, Index n0) {
  T acc[4][8] = {};
  for (Index p = 0; p < P; ++p) {
    const T* ap = a + p * M + m0;
    for (Index j = 0; j < 4; ++j) {
      const T bv = b[p * brs + (n0 + j) * bcs];
      for (Index i = 0; i < 8; ++i) acc[j][i] += ap[i] * bv;
    }
  }
  for (Index j = 0; j < 4; ++j)
    for (Index i = 0; i < 8; ++i) c[(n0 + j) * M + m0 + i] = acc[j][i];
}

// Float version with explicit 4-lane vectors (GCC/Clang vector extensions: SSE natively, simd128 in wasm):
// eight accumulators stay in registers. Lane-wise multiply and add are exactly the scalar operations, so the
// result is bit-identical to the generic version.
using F4 = float __attribute__((vector_size(16)));
inline F4 load_f4(const float* p) {
  F4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store_f4(float* p, F4 v) { std::memcpy(p, &v, sizeof v); }
inline F4 splat_f4(float x) { return F4{x, x, x, x}; }

inline void block_8x4(Index M, Index P, const float* a, const float* b, Index brs, Index bcs, float* c, Index m0,
                      Index n0) {
  F4 c00{}, c01{}, c10{}, c11{}, c20{}, c21{}, c30{}, c31{};
  for (Index p = 0; p < P; ++p) {
    const F4 a0 = load_f4(a + p * M + m0), a1 = load_f4(a + p * M + m0 + 4);
    const float* bp = b + p * brs + n0 * bcs;
    const F4 b0 = splat_f4(bp[0]), b1 = splat_f4(bp[bcs]), b2 = splat_f4(bp[2 * bcs]), b3 = splat_f4(bp[3 * bcs]);
    c00 += a0 * b0;
    c01 += a1 * b0;
    c10 += a0 * b1;
    c11 += a1 * b1;
    c20 += a0 * b2;
    c21 += a1 * b2;
    c30 += a0 * b3;
    c31 += a1 * b3;
  }
  float* cp = c + n0 * M + m0;
  store_f4(cp, c00);
  store_f4(cp + 4, c01);
  store_f4(cp + M, c10);
  store_f4(cp + M + 4, c11);
  store_f4(cp + 2 * M, c20);
  store_f4(cp + 2 * M + 4, c21);
  store_f4(cp + 3 * M, c30);
  store_f4(cp + 3 * M + 4, c31);
}

}  // namespace detail

// C (M x N, column-major, ldc = M) = A (M x P, column-major, lda = M) * B, with B(p, n) = b[p * brs + n * bcs]
// (so B may be a transposed view). C must not alias A or B.
template <class T>
void gemm_ordered(Index M, Index N, Index P, const T* a, const T* b, Index brs, Index bcs, T* c) {
  const Index m_full = M - M % 8, n_full = N - N % 4;
  for (Index n0 = 0; n0 < n_full; n0 += 4)
    for (Index m0 = 0; m0 < m_full; m0 += 8) detail::block_8x4(M, P, a, b, brs, bcs, c, m0, n0);
  // Edges (rows past the last full block, columns past the last full block): the same order, one at a time.
  auto one = [&](Index m, Index n) {
    T s = 0;
    for (Index p = 0; p < P; ++p) s += a[p * M + m] * b[p * brs + n * bcs];
    c[n * M + m] = s;
  };
  for (Index n = 0; n < n_full; ++n)
    for (Index m = m_full; m < M; ++m) one(m, n);
  for (Index n = n_full; n < N; ++n)
    for (Index m = 0; m < M; ++m) one(m, n);
}

// C = A B        A: (M x P), B: (P x N)
template <class T> void matmul(const MatX<T>& A, const MatX<T>& B, MatX<T>& C) {
  PG_ASSERT(A.cols() == B.rows());
  C.resize(A.rows(), B.cols());
  gemm_ordered(A.rows(), B.cols(), A.cols(), A.data(), B.data(), 1, B.rows(), C.data());
}

// C = A B^T      A: (M x P), B: (N x P)
template <class T> void matmul_bt(const MatX<T>& A, const MatX<T>& B, MatX<T>& C) {
  PG_ASSERT(A.cols() == B.cols());
  C.resize(A.rows(), B.rows());
  gemm_ordered(A.rows(), B.rows(), A.cols(), A.data(), B.data(), B.rows(), 1, C.data());
}

// Row sums in column order: s(k) = sum_{n=0}^{N-1} M(k, n).
template <class T> void row_sums(const MatX<T>& M, VecX<T>& s) {
  s.setZero(M.rows());
  for (Index n = 0; n < M.cols(); ++n) s += M.col(n);
}

// Sequential sum and dot product (Eigen's reductions vectorise with the host's SIMD width).
template <class T> T ordered_sum(const T* x, Index n) {
  T s = 0;
  for (Index i = 0; i < n; ++i) s += x[i];
  return s;
}
template <class T> T ordered_dot(const T* x, const T* y, Index n) {
  T s = 0;
  for (Index i = 0; i < n; ++i) s += x[i] * y[i];
  return s;
}

}  // namespace pg
