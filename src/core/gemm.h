// core/gemm.h: the matrix product the layers use, with a summation order fixed in the source.
//
// Why not Eigen's product: Eigen's blocked GEMM splits the inner dimension and vectorises with the host's SIMD
// width (SSE natively, none in wasm), so the same product rounds differently on each build. Here every
// C(m, n) = sum_{p=0}^{P-1} A(m, p) B(p, n) is accumulated in exactly that order, starting from 0. Blocking is
// over m and n only, and SIMD runs across independent outputs (m), which never changes a sum. So native and
// wasm builds give the same bits, and the register-blocked micro-kernel (8 x 4 outputs, vectorised by the
// compiler) is as fast as Eigen's for the small and medium layers a playground trains. Eigen + std only.
#pragma once

#include "core/types.h"

namespace pg {

// C (M x N, column-major, ldc = M) = A (M x P, column-major, lda = M) * B, with B(p, n) = b[p * brs + n * bcs]
// (so B may be a transposed view). C must not alias A or B.
template <class T>
void gemm_ordered(Index M, Index N, Index P, const T* a, const T* b, Index brs, Index bcs, T* c) {
  constexpr Index MB = 8, NB = 4;
  const Index m_full = M - M % MB, n_full = N - N % NB;
  for (Index n0 = 0; n0 < n_full; n0 += NB) {
    for (Index m0 = 0; m0 < m_full; m0 += MB) {
      T acc[NB][MB] = {};
      for (Index p = 0; p < P; ++p) {
        const T* ap = a + p * M + m0;
        for (Index j = 0; j < NB; ++j) {
          const T bv = b[p * brs + (n0 + j) * bcs];
          for (Index i = 0; i < MB; ++i) acc[j][i] += ap[i] * bv;
        }
      }
      for (Index j = 0; j < NB; ++j)
        for (Index i = 0; i < MB; ++i) c[(n0 + j) * M + m0 + i] = acc[j][i];
    }
  }
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
