// core/gemm.h: the matrix product the layers use, with a summation order fixed in the source.
//
// Why not Eigen's product: Eigen's blocked GEMM splits the inner dimension and vectorises with the host's SIMD
// width (SSE natively, none in wasm), so the same product rounds differently on each build. Here every
// C(m, n) = sum_{p=0}^{P-1} A(m, p) B(p, n) is accumulated in exactly that order, starting from 0. Blocking is
// over m and n only, and SIMD runs across independent outputs (m, or n for the last rows), which never changes a
// sum. So native and wasm builds give the same bits. The float micro-kernels keep their accumulators in 4-lane
// registers: 8 x 4 outputs for wide products, up to 32 x 1 for the one- and two-column products of batch 1 and
// 2, and rows of 4 columns for one-row layers (an output layer of one unit). Eigen + std only.
#pragma once

#include "core/simd.h"
#include "core/types.h"

#include <cstring>
#include <type_traits>

namespace pg {

namespace detail {

// Generic version (double): 8 x 4 blocks, the compiler vectorises across the 8 rows.
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

// Float: explicit 4-lane vectors (core/simd.h). Lane-wise multiply and add are exactly the scalar operations, so
// every kernel below gives each output the bits of the scalar loop  s = 0; for p: s += A(m, p) B(p, n)  (then
// + bias(m) when there is one, as dense_forward's Z = W A + b 1^T).
using simd::F4;
inline F4 load_f4(const float* p) { return simd::load(p); }
inline void store_f4(float* p, F4 v) { simd::store(p, v); }
inline F4 splat_f4(float x) { return simd::splat(x); }

// The (4 MV) x NB block of C at (m0, n0): MV vectors of rows, NB columns, all accumulators in registers.
template <int MV, int NB>
inline void block_f4(Index M, Index P, const float* a, const float* b, Index brs, Index bcs, float* c, Index m0,
                     Index n0, const float* bias) {
  F4 acc[NB][MV];
  for (int j = 0; j < NB; ++j)
    for (int v = 0; v < MV; ++v) acc[j][v] = F4{};
  const float* ap = a + m0;
  const float* bp = b + n0 * bcs;
  for (Index p = 0; p < P; ++p, ap += M, bp += brs) {
    F4 av[MV];
    for (int v = 0; v < MV; ++v) av[v] = load_f4(ap + 4 * v);
    for (int j = 0; j < NB; ++j) {
      const F4 bv = splat_f4(bp[j * bcs]);
      for (int v = 0; v < MV; ++v) acc[j][v] += av[v] * bv;
    }
  }
  if (bias)
    for (int v = 0; v < MV; ++v) {
      const F4 bv = load_f4(bias + m0 + 4 * v);
      for (int j = 0; j < NB; ++j) acc[j][v] += bv;
    }
  for (int j = 0; j < NB; ++j)
    for (int v = 0; v < MV; ++v) store_f4(c + (n0 + j) * M + m0 + 4 * v, acc[j][v]);
}

// One row m of C over the four columns n0..n0+3, vectorised across the columns (the rows past the last block of
// 4, e.g. an output layer of one unit).
inline void row_f4(Index M, Index P, const float* a, const float* b, Index brs, Index bcs, float* c, Index m,
                   Index n0, const float* bias) {
  F4 acc{};
  const float* bp = b + n0 * bcs;
  if (bcs == 1) {
    for (Index p = 0; p < P; ++p, bp += brs) acc += splat_f4(a[p * M + m]) * load_f4(bp);
  } else {
    for (Index p = 0; p < P; ++p, bp += brs) acc += splat_f4(a[p * M + m]) * F4{bp[0], bp[bcs], bp[2 * bcs], bp[3 * bcs]};
  }
  if (bias) acc += splat_f4(bias[m]);
  if (M == 1) {  // one row: the four outputs are adjacent; one vector store, which a later vector load can forward
    store_f4(c + n0, acc);
    return;
  }
  for (int j = 0; j < 4; ++j) c[(n0 + j) * M + m] = acc[j];
}

// Columns n0..n0+NB-1 of C: blocks of rows as wide as the registers allow, then the last rows.
template <int NB>
inline void panel_f4(Index M, Index P, const float* a, const float* b, Index brs, Index bcs, float* c, Index n0,
                     const float* bias) {
  // Each output is a chain of P dependent additions, so a block's time is P additions' latency whatever its
  // width: the widest block that fits the 16 vector registers (eight accumulators) keeps the most chains going.
  Index m = 0;
  if constexpr (NB == 1)
    for (; m + 32 <= M; m += 32) block_f4<8, NB>(M, P, a, b, brs, bcs, c, m, n0, bias);
  if constexpr (NB <= 2)
    for (; m + 16 <= M; m += 16) block_f4<4, NB>(M, P, a, b, brs, bcs, c, m, n0, bias);
  for (; m + 8 <= M; m += 8) block_f4<2, NB>(M, P, a, b, brs, bcs, c, m, n0, bias);
  for (; m + 4 <= M; m += 4) block_f4<1, NB>(M, P, a, b, brs, bcs, c, m, n0, bias);
  for (; m < M; ++m) {
    if constexpr (NB == 4) {
      row_f4(M, P, a, b, brs, bcs, c, m, n0, bias);
    } else {
      float s[NB] = {};
      for (Index p = 0; p < P; ++p)
        for (int j = 0; j < NB; ++j) s[j] += a[p * M + m] * b[p * brs + (n0 + j) * bcs];
      for (int j = 0; j < NB; ++j) c[(n0 + j) * M + m] = bias ? s[j] + bias[m] : s[j];
    }
  }
}

inline void gemm_f4(Index M, Index N, Index P, const float* a, const float* b, Index brs, Index bcs, float* c,
                    const float* bias) {
  Index n = 0;
  for (; n + 4 <= N; n += 4) panel_f4<4>(M, P, a, b, brs, bcs, c, n, bias);
  switch (N - n) {
    case 3: panel_f4<3>(M, P, a, b, brs, bcs, c, n, bias); break;
    case 2: panel_f4<2>(M, P, a, b, brs, bcs, c, n, bias); break;
    case 1: panel_f4<1>(M, P, a, b, brs, bcs, c, n, bias); break;
    default: break;
  }
}

}  // namespace detail

// C (M x N, column-major, ldc = M) = A (M x P, column-major, lda = M) * B, with B(p, n) = b[p * brs + n * bcs]
// (so B may be a transposed view). C must not alias A or B. With a bias (M entries), C(m, n) = that sum + bias(m):
// the same two roundings as adding the bias to C afterwards.
template <class T>
void gemm_ordered(Index M, Index N, Index P, const T* a, const T* b, Index brs, Index bcs, T* c,
                  const T* bias = nullptr) {
  if constexpr (std::is_same_v<T, float>) {
    detail::gemm_f4(M, N, P, a, b, brs, bcs, c, bias);
  } else {
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
    if (bias)
      for (Index n = 0; n < N; ++n)
        for (Index m = 0; m < M; ++m) c[n * M + m] += bias[m];
  }
}

// c (M) = A^T b for one column b (P), with A stored (P x M) column-major, so A^T(m, p) = a[m * P + p]: the sums
// of gemm_ordered(M, 1, P, A^T, b) in the same order (p = 0..P-1, from 0, A^T(m, p) * b(p)), without forming A^T:
// in float, four rows m at a time from 4 x 4 blocks of A transposed in registers (a step of batch 1 backward
// through a layer: dA = W^T dZ).
template <class T> void gemv_t_ordered(Index M, Index P, const T* a, const T* b, T* c) {
  Index m = 0;
  if constexpr (std::is_same_v<T, float>) {
    using simd::F4;
    const Index P4 = P - P % 4;
    for (; m + 4 <= M; m += 4) {
      const float* a0 = a + (m + 0) * P;
      const float* a1 = a + (m + 1) * P;
      const float* a2 = a + (m + 2) * P;
      const float* a3 = a + (m + 3) * P;
      F4 acc{};
      Index p = 0;
      for (; p < P4; p += 4) {
        // c_j = A(p..p+3, m+j); r_i = A^T(m..m+3, p+i) = (c_0[i], c_1[i], c_2[i], c_3[i])
        const F4 c0 = detail::load_f4(a0 + p), c1 = detail::load_f4(a1 + p);
        const F4 c2 = detail::load_f4(a2 + p), c3 = detail::load_f4(a3 + p);
        const F4 t0 = __builtin_shufflevector(c0, c1, 0, 4, 1, 5), t1 = __builtin_shufflevector(c2, c3, 0, 4, 1, 5);
        const F4 t2 = __builtin_shufflevector(c0, c1, 2, 6, 3, 7), t3 = __builtin_shufflevector(c2, c3, 2, 6, 3, 7);
        acc += __builtin_shufflevector(t0, t1, 0, 1, 4, 5) * detail::splat_f4(b[p + 0]);
        acc += __builtin_shufflevector(t0, t1, 2, 3, 6, 7) * detail::splat_f4(b[p + 1]);
        acc += __builtin_shufflevector(t2, t3, 0, 1, 4, 5) * detail::splat_f4(b[p + 2]);
        acc += __builtin_shufflevector(t2, t3, 2, 3, 6, 7) * detail::splat_f4(b[p + 3]);
      }
      for (; p < P; ++p) acc += F4{a0[p], a1[p], a2[p], a3[p]} * detail::splat_f4(b[p]);
      detail::store_f4(c + m, acc);
    }
  }
  for (; m < M; ++m) {
    T s = 0;
    for (Index p = 0; p < P; ++p) s += a[m * P + p] * b[p];
    c[m] = s;
  }
}

// Wt = W^T (a copy; no arithmetic, so no rounding to order). Float goes through 4 x 4 blocks in registers.
template <class T> void transpose_into(const MatX<T>& W, MatX<T>& Wt) {
  const Index K = W.rows(), D = W.cols();
  ensure_shape(Wt, D, K);
  const T* w = W.data();
  T* t = Wt.data();
  Index d0 = 0;
  if constexpr (std::is_same_v<T, float>) {
    using simd::F4;
    const Index K4 = K - K % 4, D4 = D - D % 4;
    for (d0 = 0; d0 < D4; d0 += 4)
      for (Index k0 = 0; k0 < K4; k0 += 4) {
        // c_j = W(k0..k0+3, d0+j); o_i = Wt(d0..d0+3, k0+i) = (c_0[i], c_1[i], c_2[i], c_3[i])
        const F4 c0 = detail::load_f4(w + (d0 + 0) * K + k0), c1 = detail::load_f4(w + (d0 + 1) * K + k0);
        const F4 c2 = detail::load_f4(w + (d0 + 2) * K + k0), c3 = detail::load_f4(w + (d0 + 3) * K + k0);
        const F4 t0 = __builtin_shufflevector(c0, c1, 0, 4, 1, 5), t1 = __builtin_shufflevector(c2, c3, 0, 4, 1, 5);
        const F4 t2 = __builtin_shufflevector(c0, c1, 2, 6, 3, 7), t3 = __builtin_shufflevector(c2, c3, 2, 6, 3, 7);
        detail::store_f4(t + (k0 + 0) * D + d0, __builtin_shufflevector(t0, t1, 0, 1, 4, 5));
        detail::store_f4(t + (k0 + 1) * D + d0, __builtin_shufflevector(t0, t1, 2, 3, 6, 7));
        detail::store_f4(t + (k0 + 2) * D + d0, __builtin_shufflevector(t2, t3, 0, 1, 4, 5));
        detail::store_f4(t + (k0 + 3) * D + d0, __builtin_shufflevector(t2, t3, 2, 3, 6, 7));
      }
    for (Index d = 0; d < D4; ++d)  // rows of W past the last block of 4
      for (Index k = K4; k < K; ++k) t[k * D + d] = w[d * K + k];
    d0 = D4;
  }
  for (Index d = d0; d < D; ++d)  // columns of W past the last block of 4 (all of them for double)
    for (Index k = 0; k < K; ++k) t[k * D + d] = w[d * K + k];
}

// C = A B        A: (M x P), B: (P x N)
template <class T> void matmul(const MatX<T>& A, const MatX<T>& B, MatX<T>& C) {
  PG_ASSERT(A.cols() == B.rows());
  ensure_shape(C, A.rows(), B.cols());
  gemm_ordered(A.rows(), B.cols(), A.cols(), A.data(), B.data(), 1, B.rows(), C.data());
}

// C = A B + b 1^T   A: (M x P), B: (P x N), b: (M)
template <class T> void matmul_bias(const MatX<T>& A, const MatX<T>& B, const VecX<T>& b, MatX<T>& C) {
  PG_ASSERT(A.cols() == B.rows() && A.rows() == b.size());
  ensure_shape(C, A.rows(), B.cols());
  gemm_ordered(A.rows(), B.cols(), A.cols(), A.data(), B.data(), 1, B.rows(), C.data(), b.data());
}

// C = A B^T      A: (M x P), B: (N x P)
template <class T> void matmul_bt(const MatX<T>& A, const MatX<T>& B, MatX<T>& C) {
  PG_ASSERT(A.cols() == B.cols());
  ensure_shape(C, A.rows(), B.rows());
  gemm_ordered(A.rows(), B.rows(), A.cols(), A.data(), B.data(), B.rows(), 1, C.data());
}

namespace detail {
// Rows k0..k0+4MV-1 of row_sums, the sums kept in registers across the columns.
template <int MV> inline void row_sums_f4(const float* m, Index K, Index N, float* out, Index k0) {
  F4 acc[MV];
  for (int v = 0; v < MV; ++v) acc[v] = F4{};
  for (Index n = 0; n < N; ++n)
    for (int v = 0; v < MV; ++v) acc[v] += load_f4(m + n * K + k0 + 4 * v);
  for (int v = 0; v < MV; ++v) store_f4(out + k0 + 4 * v, acc[v]);
}
}  // namespace detail

// Row sums in column order: s(k) = sum_{n=0}^{N-1} M(k, n), each starting from 0. The sums stay in registers
// (float: four rows to a vector) rather than in s, whose every update would wait on the store before it.
template <class T> void row_sums(const MatX<T>& M, VecX<T>& s) {
  const Index K = M.rows(), N = M.cols();
  ensure_shape(s, K, 1);
  T* out = s.data();
  const T* m = M.data();
  Index k = 0;
  if constexpr (std::is_same_v<T, float>) {
    for (; k + 16 <= K; k += 16) detail::row_sums_f4<4>(m, K, N, out, k);
    for (; k + 4 <= K; k += 4) detail::row_sums_f4<1>(m, K, N, out, k);
  }
  for (; k < K; ++k) {
    T acc = 0;
    for (Index n = 0; n < N; ++n) acc += m[n * K + k];
    out[k] = acc;
  }
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
