// core/ops.h: every op of the network as forward, VJP and explicit Jacobian, side by side.
// Eigen + std only. Training calls *_forward and *_vjp (which never build a Jacobian); the Jacobian views and
// the tests call *_jacobian and *_jacobian_batch. Shapes follow core/types.h: a batch is columns (X is D x N),
// Jacobians are outputs x inputs, vec() is column-major. Templates run in float (training) and double (checks).
#pragma once

#include "core/detmath.h"
#include "core/gemm.h"
#include "core/simd.h"
#include "core/types.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace pg {

// ---------------------------------------------------------------------------------------------------------
// Elementwise activations.      Z: (H x N) -> A = f(Z): (H x N)
//   J_a_z = diag(f'(z))  (H x H, one sample)      J_vecA_vecZ = diag(vec f'(Z))  (HN x HN, minibatch)
//   vjp: dZ = f'(Z) (.) dA   (never builds J)
//   f' is computed from z or from the cached output a, whichever the formula needs:
//   linear 1 | sigmoid a(1-a) | tanh 1-a^2 | relu [z>0] | lrelu [z>0] + 0.01[z<=0] | elu [z>0] + (a+alpha)[z<=0]
//   softplus sigmoid(z)
template <class T> T act_scalar(Act f, T z) {
  switch (f) {
    case Act::Linear: return z;
    case Act::Sigmoid: return det_sigmoid(z);
    case Act::Tanh: return det_tanh(z);
    case Act::Relu: return z > T(0) ? z : T(0);
    case Act::LeakyRelu: return z > T(0) ? z : T(kLeakyReluSlope) * z;
    case Act::Elu: return z > T(0) ? z : T(kEluAlpha) * det_expm1(z);
    case Act::Softplus: return det_softplus(z);
    case Act::Softmax: break;  // not elementwise: see softmax_forward
  }
  PG_ASSERT(false && "act_scalar: softmax is not elementwise");
  return z;
}

template <class T> T act_derivative_scalar(Act f, T z, T a) {
  switch (f) {
    case Act::Linear: return T(1);
    case Act::Sigmoid: return a * (T(1) - a);
    case Act::Tanh: return T(1) - a * a;
    case Act::Relu: return z > T(0) ? T(1) : T(0);
    case Act::LeakyRelu: return z > T(0) ? T(1) : T(kLeakyReluSlope);
    case Act::Elu: return z > T(0) ? T(1) : a + T(kEluAlpha);
    case Act::Softplus: return det_sigmoid(z);
    case Act::Softmax: break;
  }
  PG_ASSERT(false && "act_derivative_scalar: softmax is not elementwise");
  return T(0);
}

// f'(z) computed from z alone, exact where the activation saturates (the Jacobian views use this form; the
// VJP above uses the cached output, which costs no exp but loses every digit once a rounds to 0, 1 or +-1):
//   sigmoid  sigma(z) sigma(-z)          (a (1 - a) with 1 - sigma(z) = sigma(-z), never 1 - 1 = 0)
//   tanh     4 sigma(2z) sigma(-2z)      (1 - tanh^2 z = (1 - tanh z)(1 + tanh z), each factor 2 sigma(-+2z))
//   elu      alpha e^z for z <= 0        (a + alpha with a = alpha (e^z - 1) cancels)
// e.g. sigmoid'(40) = 4.25e-18 in double, where a (1 - a) = 0 because sigmoid(40) rounds to 1.
template <class T> T act_derivative_exact(Act f, T z) {
  switch (f) {
    case Act::Sigmoid: return det_sigmoid(z) * det_sigmoid(-z);
    case Act::Tanh: return T(4) * det_sigmoid(T(2) * z) * det_sigmoid(T(-2) * z);
    case Act::Elu: return z > T(0) ? T(1) : T(kEluAlpha) * det_exp(z);
    default: return act_derivative_scalar(f, z, T(0));  // linear, relu, lrelu, softplus: from z already
  }
}

// a[i] = det_tanh(z[i]), or det_sigmoid(z[i]) = 0.5 + 0.5 tanh(0.5 z[i]), four at a time (simd::tanh is Eigen's
// float tanh, the same operations as det_tanh lane by lane), the last one to three in a vector padded with zeros
// (an output layer of one unit costs no call to the scalar version).
inline void tanh_rows(const float* z, float* a, Index n, bool sigmoid) {
  const simd::F4 half = simd::splat(0.5f);
  auto f = [&](simd::F4 x) { return sigmoid ? half + half * simd::tanh(half * x) : simd::tanh(x); };
  Index i = 0;
  for (; i + 4 <= n; i += 4) simd::store(a + i, f(simd::load(z + i)));
  if (const int rest = static_cast<int>(n - i); rest > 0) simd::store_first(a + i, f(simd::load_first(z + i, rest)), rest);
}

// A = f(Z). Tanh and sigmoid in float go through Eigen's rational tanh four at a time (tanh_rows: the same
// polynomial for vectors and scalars, so results do not depend on the SIMD width); the rest are scalar loops
// over detmath.
template <class T> void act_forward(Act f, const MatX<T>& Z, MatX<T>& A) {
  ensure_shape(A, Z.rows(), Z.cols());
  switch (f) {
    case Act::Linear: A = Z; return;
    case Act::Relu: A = Z.cwiseMax(T(0)); return;
    case Act::Tanh:
      if constexpr (std::is_same_v<T, float>) {
        tanh_rows(Z.data(), A.data(), Z.size(), false);
        return;
      }
      break;
    case Act::Sigmoid:  // sigmoid(z) = (1 + tanh(z/2)) / 2, matching det_sigmoid(float)
      if constexpr (std::is_same_v<T, float>) {
        tanh_rows(Z.data(), A.data(), Z.size(), true);
        return;
      }
      break;
    default: break;
  }
  for (Index i = 0; i < Z.size(); ++i) A.data()[i] = act_scalar(f, Z.data()[i]);
}

// dZ = f'(Z) (.) dA   (H x N)
// In float (training) f' comes from the cached output where it can (no exp per element; in float the forward
// pass itself rounds a saturated sigmoid or tanh to exactly 0, 1 or +-1, so nothing better is possible there).
// In double (the reference the views and checks use) it is act_derivative_exact, right however far z saturates.
template <class T>
void act_vjp(Act f, const MatX<T>& Z, const MatX<T>& A, const MatX<T>& dA, MatX<T>& dZ) {
  PG_ASSERT(Z.rows() == dA.rows() && Z.cols() == dA.cols() && A.size() == Z.size());
  ensure_shape(dZ, Z.rows(), Z.cols());
  const Index n = Z.size();
  const T *z = Z.data(), *a = A.data(), *da = dA.data();
  T* dz = dZ.data();
  if constexpr (std::is_same_v<T, double>) {
    for (Index i = 0; i < n; ++i) dz[i] = act_derivative_exact(f, z[i]) * da[i];
  } else {
    switch (f) {
      case Act::Linear: dZ = dA; return;
      case Act::Tanh: {  // four at a time: lane-wise, the same operations as one at a time
        Index i = 0;
        const simd::F4 one = simd::splat(1.0f);
        for (; i + 4 <= n; i += 4) {
          const simd::F4 ai = simd::load(a + i);
          simd::store(dz + i, (one - ai * ai) * simd::load(da + i));
        }
        for (; i < n; ++i) dz[i] = (T(1) - a[i] * a[i]) * da[i];
        return;
      }
      case Act::Sigmoid: {
        Index i = 0;
        const simd::F4 one = simd::splat(1.0f);
        for (; i + 4 <= n; i += 4) {
          const simd::F4 ai = simd::load(a + i);
          simd::store(dz + i, ai * (one - ai) * simd::load(da + i));
        }
        for (; i < n; ++i) dz[i] = a[i] * (T(1) - a[i]) * da[i];
        return;
      }
      case Act::Relu:
        for (Index i = 0; i < n; ++i) dz[i] = z[i] > T(0) ? da[i] : T(0);
        return;
      default:
        for (Index i = 0; i < n; ++i) dz[i] = act_derivative_scalar(f, z[i], a[i]) * da[i];
    }
  }
}

// f'(Z) as a matrix of the same shape (the diagonal of the Jacobian, reshaped), in the exact form from Z.
template <class T> MatX<T> act_derivative(Act f, const MatX<T>& Z) {
  MatX<T> D(Z.rows(), Z.cols());
  for (Index i = 0; i < Z.size(); ++i) D.data()[i] = act_derivative_exact(f, Z.data()[i]);
  return D;
}

// J_a_z for one sample: z (H) -> (H x H) diagonal.
template <class T> MatX<T> act_jacobian(Act f, const VecX<T>& z) {
  MatX<T> Zm = z;
  return act_derivative(f, Zm).col(0).asDiagonal();
}

// Extended Jacobian for a minibatch: Z (H x N) -> d vec(A) / d vec(Z) = diag(vec f'(Z))   (HN x HN)
template <class T> MatX<T> act_jacobian_batch(Act f, const MatX<T>& Z) {
  const MatX<T> D = act_derivative(f, Z);
  return Eigen::Map<const VecX<T>>(D.data(), D.size()).asDiagonal();
}

// ---------------------------------------------------------------------------------------------------------
// Softmax, column by column.   Z: (K x N) -> S: (K x N),  s = exp(z - max z) / sum exp(z - max z)
//   J_s_z = diag(s) - s s^T  (K x K, full, symmetric)       minibatch: block diagonal, one K x K block per sample
//   vjp: dz = s (.) (ds - (s . ds))   per column (never builds J)
template <class T> void softmax_forward(const MatX<T>& Z, MatX<T>& S) {
  S.resize(Z.rows(), Z.cols());
  for (Index n = 0; n < Z.cols(); ++n) {
    const T m = Z.col(n).maxCoeff();
    T sum = 0;
    for (Index k = 0; k < Z.rows(); ++k) sum += (S(k, n) = det_exp(Z(k, n) - m));
    S.col(n) /= sum;
  }
}

template <class T> void softmax_vjp(const MatX<T>& S, const MatX<T>& dS, MatX<T>& dZ) {
  PG_ASSERT(S.rows() == dS.rows() && S.cols() == dS.cols());
  dZ.resize(S.rows(), S.cols());
  for (Index n = 0; n < S.cols(); ++n) {
    const T dot = ordered_dot(S.col(n).data(), dS.col(n).data(), S.rows());
    dZ.col(n) = S.col(n).cwiseProduct(dS.col(n) - VecX<T>::Constant(S.rows(), dot));
  }
}

template <class T> MatX<T> softmax_jacobian(const VecX<T>& s) {  // (K x K)
  MatX<T> J = -s * s.transpose();
  J.diagonal() += s;
  return J;
}

template <class T> MatX<T> softmax_jacobian_batch(const MatX<T>& S) {  // (KN x KN), block diagonal
  const Index K = S.rows(), N = S.cols();
  MatX<T> J = MatX<T>::Zero(K * N, K * N);
  for (Index n = 0; n < N; ++n) J.block(n * K, n * K, K, K) = softmax_jacobian<T>(S.col(n));
  return J;
}

// Output activation (elementwise or softmax) through one entry point, for model code.
template <class T> void output_forward(Act f, const MatX<T>& Z, MatX<T>& A) {
  if (f == Act::Softmax) softmax_forward(Z, A);
  else act_forward(f, Z, A);
}
template <class T>
void output_vjp(Act f, const MatX<T>& Z, const MatX<T>& A, const MatX<T>& dA, MatX<T>& dZ) {
  if (f == Act::Softmax) softmax_vjp(A, dA, dZ);
  else act_vjp(f, Z, A, dA, dZ);
}
template <class T> MatX<T> output_jacobian(Act f, const VecX<T>& z) {
  if (f != Act::Softmax) return act_jacobian(f, z);
  MatX<T> S, Zm = z;
  softmax_forward(Zm, S);
  return softmax_jacobian<T>(S.col(0));
}
template <class T> MatX<T> output_jacobian_batch(Act f, const MatX<T>& Z) {
  if (f != Act::Softmax) return act_jacobian_batch(f, Z);
  MatX<T> S;
  softmax_forward(Z, S);
  return softmax_jacobian_batch(S);
}

// ---------------------------------------------------------------------------------------------------------
// Dense (affine) layer.   W: (K x D)  b: (K)  A: (D x N) -> Z = W A + b 1^T : (K x N)
//   one sample:  J_z_a = W (K x D)      J_z_W = a^T (x) I_K (K x KD)      J_z_b = I_K (K x K)
//   minibatch:   J_Z_A = I_N (x) W (KN x DN)   J_Z_W = A^T (x) I_K (KN x KD)   J_Z_b = 1_N (x) I_K (KN x K)
//   vjp: dA = W^T dZ (D x N),  dW = dZ A^T (K x D),  db = dZ 1 (K)   (b and W are shared by every sample, so
//   their gradients are the sums over the batch: the total derivative over N paths)
template <class T> void dense_forward(const MatX<T>& W, const VecX<T>& b, const MatX<T>& A, MatX<T>& Z) {
  PG_ASSERT(W.cols() == A.rows() && W.rows() == b.size());
  matmul_bias(W, A, b, Z);
}

// dW and db are always written; dA only when the caller wants it (the first layer's dA is never needed).
// Wt is scratch for W^T (kept by the caller so the training step allocates nothing).
template <class T>
void dense_vjp(const MatX<T>& W, const MatX<T>& A, const MatX<T>& dZ, MatX<T>& dW, VecX<T>& db, MatX<T>* dA,
               MatX<T>* Wt = nullptr) {
  PG_ASSERT(dZ.rows() == W.rows() && dZ.cols() == A.cols() && A.rows() == W.cols());
  matmul_bt(dZ, A, dW);
  row_sums(dZ, db);
  if (dA) {  // dA = W^T dZ, each entry summed over k = 0..K-1 in order (matmul(W^T, dZ))
    const Index K = W.rows(), D = W.cols(), N = dZ.cols();
    ensure_shape(*dA, D, N);
    if (K == 1 || D == 1) {  // W^T is stored like W itself (an output unit, a single input): no copy
      gemm_ordered(D, N, K, W.data(), dZ.data(), Index(1), K, dA->data());
    } else if (N == 1) {     // one sample: W^T read from W directly
      gemv_t_ordered(D, K, W.data(), dZ.data(), dA->data());
    } else {
      MatX<T> local;
      MatX<T>& t = Wt ? *Wt : local;
      transpose_into(W, t);
      gemm_ordered(D, N, K, t.data(), dZ.data(), Index(1), K, dA->data());
    }
  }
}

template <class T> MatX<T> dense_jacobian_input(const MatX<T>& W) { return W; }  // J_z_a (K x D)

template <class T> MatX<T> dense_jacobian_weights(const VecX<T>& a, Index K) {  // J_z_W = a^T (x) I_K (K x KD)
  const Index D = a.size();
  MatX<T> J = MatX<T>::Zero(K, K * D);
  for (Index d = 0; d < D; ++d) J.block(0, d * K, K, K).diagonal().setConstant(a(d));
  return J;
}

template <class T> MatX<T> dense_jacobian_bias(Index K) { return MatX<T>::Identity(K, K); }  // J_z_b (K x K)

template <class T> MatX<T> dense_jacobian_input_batch(const MatX<T>& W, Index N) {  // I_N (x) W (KN x DN)
  const Index K = W.rows(), D = W.cols();
  MatX<T> J = MatX<T>::Zero(K * N, D * N);
  for (Index n = 0; n < N; ++n) J.block(n * K, n * D, K, D) = W;
  return J;
}

template <class T> MatX<T> dense_jacobian_weights_batch(const MatX<T>& A, Index K) {  // A^T (x) I_K (KN x KD)
  const Index D = A.rows(), N = A.cols();
  MatX<T> J = MatX<T>::Zero(K * N, K * D);
  for (Index n = 0; n < N; ++n)
    for (Index d = 0; d < D; ++d) J.block(n * K, d * K, K, K).diagonal().setConstant(A(d, n));
  return J;
}

template <class T> MatX<T> dense_jacobian_bias_batch(Index K, Index N) {  // 1_N (x) I_K (KN x K)
  MatX<T> J(K * N, K);
  for (Index n = 0; n < N; ++n) J.block(n * K, 0, K, K).setIdentity();
  return J;
}

// ---------------------------------------------------------------------------------------------------------
// Losses, averaged over the batch.   Yhat, Y: (K x N) -> L: scalar
//   MSE  L = (1/N) sum_n sum_k (yhat - y)^2                    dL/dYhat = (2/N) (Yhat - Y)
//   BCE  L = -(1/N) sum [y log yhat + (1-y) log(1-yhat)]       dL/dYhat = (1/N) (yhat - y) / (yhat (1 - yhat))
//   CCE  L = -(1/N) sum_n sum_k y log yhat   (Y one-hot)        dL/dYhat = -(1/N) y / yhat
//   one sample (N = 1): J_L_yhat is (1 x K);  minibatch: J_L_vecYhat is (1 x KN) = vec(dL/dYhat)^T.
//   BCE and CCE clamp yhat to [eps, 1 - eps] so a saturated output gives a large finite value, not inf.
template <class T> constexpr T loss_eps() { return sizeof(T) == 4 ? T(1e-7) : T(1e-15); }

// The loss value is summed in double whatever T is (it is reported, never trained on): a float sum would turn a
// tiny loss such as 1e-80 into exactly 0.
template <class T> double loss_forward(Loss l, const MatX<T>& Yhat, const MatX<T>& Y) {
  PG_ASSERT(Yhat.rows() == Y.rows() && Yhat.cols() == Y.cols());
  const double eps = loss_eps<T>();
  double sum = 0;
  const T *p = Yhat.data(), *y = Y.data();
  for (Index i = 0; i < Y.size(); ++i) {
    const double pi = p[i], yi = y[i];
    switch (l) {
      case Loss::Mse: sum += (pi - yi) * (pi - yi); break;
      case Loss::Bce: {
        const double q = std::clamp(pi, eps, 1 - eps);
        sum -= yi * det_log(q) + (1 - yi) * det_log(1 - q);
        break;
      }
      case Loss::Cce:
        if (yi != 0) sum -= yi * det_log(std::max(pi, eps));
        break;
    }
  }
  return sum / double(Y.cols());
}

template <class T> void loss_vjp(Loss l, const MatX<T>& Yhat, const MatX<T>& Y, MatX<T>& dYhat) {
  const T eps = loss_eps<T>(), inv_n = T(1) / T(Y.cols());
  dYhat.resize(Y.rows(), Y.cols());
  const T *p = Yhat.data(), *y = Y.data();
  T* d = dYhat.data();
  for (Index i = 0; i < Y.size(); ++i) {
    switch (l) {
      case Loss::Mse: d[i] = T(2) * inv_n * (p[i] - y[i]); break;
      case Loss::Bce: {
        const T q = std::clamp(p[i], eps, T(1) - eps);
        d[i] = inv_n * (q - y[i]) / (q * (T(1) - q));
        break;
      }
      case Loss::Cce: d[i] = -inv_n * y[i] / std::max(p[i], eps); break;
    }
  }
}

// One sample's loss Jacobian (1 x K): the same formulas with N = 1.
template <class T> MatX<T> loss_jacobian(Loss l, const VecX<T>& yhat, const VecX<T>& y) {
  MatX<T> P = yhat, Y = y, d;
  loss_vjp(l, P, Y, d);
  return d.transpose();
}

// Minibatch loss Jacobian (1 x KN): row vector vec(dL/dYhat)^T.
template <class T> MatX<T> loss_jacobian_batch(Loss l, const MatX<T>& Yhat, const MatX<T>& Y) {
  MatX<T> d;
  loss_vjp(l, Yhat, Y, d);
  return Eigen::Map<const RowVecX<T>>(d.data(), d.size());
}

// ---------------------------------------------------------------------------------------------------------
// Fused output + loss, where the chain rule collapses (computed from the logits Z, stable for any Z):
//   sigmoid + BCE:  L = (1/N) sum [y softplus(-z) + (1 - y) softplus(z)]     dL/dZ = (1/N) (sigmoid(Z) - Y)
//                   (= softplus((1 - 2y) z) for y in {0, 1}; softplus(z) - y z would cancel to 0 for large z)
//   softmax + CCE:  L = (1/N) sum_n sum_k y_k (logsumexp(z_n) - z_k)       dL/dZ = (1/N) (softmax(Z) - Y)
//                   with logsumexp(z) - z_k = (m - z_k) + log1p(sum_{j != argmax} e^(z_j - m)), m = max z:
//                   a confidently right sample keeps its tiny loss (1.27e-7, not 0).
// The unfused path (loss_vjp, then output_vjp) gives the same dZ; the views show its two factors.
// Both are evaluated in double whatever T is (values only; training never needs them).
template <class T> double sigmoid_bce_forward(const MatX<T>& Z, const MatX<T>& Y) {
  double sum = 0;
  for (Index i = 0; i < Z.size(); ++i) {
    const double z = Z.data()[i], y = Y.data()[i];
    if (y != 0) sum += y * det_softplus(-z);
    if (y != 1) sum += (1 - y) * det_softplus(z);
  }
  return sum / double(Z.cols());
}
template <class T> double softmax_cce_forward(const MatX<T>& Z, const MatX<T>& Y) {
  double sum = 0;
  for (Index n = 0; n < Z.cols(); ++n) {
    Index top = 0;
    const double m = Z.col(n).maxCoeff(&top);
    double rest = 0;  // sum over k != argmax of e^(z_k - m), each < 1
    for (Index k = 0; k < Z.rows(); ++k)
      if (k != top) rest += det_exp(double(Z(k, n)) - m);
    const double log_s = det_log1p(rest);  // log sum_k e^(z_k - m), accurate when rest is tiny
    for (Index k = 0; k < Z.rows(); ++k)
      if (Y(k, n) != T(0)) sum += double(Y(k, n)) * ((m - double(Z(k, n))) + log_s);
  }
  return sum / double(Z.cols());
}

// The loss Jacobian dL/dYhat of a head, computed from the logits Z (K x N) so that it stays exact where the
// output saturates (the factor the views show; training never forms it):
//   sigmoid + BCE:  dL/dyhat = (1/N) [(1 - y) / sigmoid(-z) - y / sigmoid(z)] = (1/N) [(1 - y)(1 + e^z) - y (1 + e^-z)]
//   softmax + CCE:  dL/dyhat_k = -(1/N) y_k / s_k = -(1/N) y_k e^(logsumexp(z) - z_k)
// other heads: loss_vjp at Yhat = g(Z). Returns (K x N), shaped like Yhat. An entry is +-Inf only where the
// true value exceeds the type's range (e.g. z = 6000 with y = 0); a zero coefficient never meets an Inf.
template <class T> void head_loss_vjp(Act out, Loss loss, const MatX<T>& Z, const MatX<T>& Y, MatX<T>& dYhat) {
  const T inv_n = T(1) / T(Z.cols());
  if (out == Act::Sigmoid && loss == Loss::Bce) {
    dYhat.resize(Z.rows(), Z.cols());
    for (Index i = 0; i < Z.size(); ++i) {
      const T z = Z.data()[i], y = Y.data()[i];
      T d = 0;
      if (y != T(1)) d += (T(1) - y) * (T(1) + det_exp(z));
      if (y != T(0)) d -= y * (T(1) + det_exp(-z));
      dYhat.data()[i] = inv_n * d;
    }
    return;
  }
  if (out == Act::Softmax && loss == Loss::Cce) {
    dYhat.resize(Z.rows(), Z.cols());
    for (Index n = 0; n < Z.cols(); ++n) {
      const T m = Z.col(n).maxCoeff();
      T s = 0;
      for (Index k = 0; k < Z.rows(); ++k) s += det_exp(Z(k, n) - m);
      const T lse = m + det_log(s);
      for (Index k = 0; k < Z.rows(); ++k)
        dYhat(k, n) = Y(k, n) == T(0) ? T(0) : -inv_n * Y(k, n) * det_exp(lse - Z(k, n));
    }
    return;
  }
  MatX<T> A;
  output_forward(out, Z, A);
  loss_vjp(loss, A, Y, dYhat);
}

// Both fused backward passes: dZ = (1/N) (P - Y), where P = sigmoid(Z) or softmax(Z) is the cached output.
template <class T> void fused_output_loss_vjp(const MatX<T>& P, const MatX<T>& Y, MatX<T>& dZ) {
  ensure_shape(dZ, P.rows(), P.cols());
  const T inv_n = T(1) / T(P.cols());
  const T *p = P.data(), *y = Y.data();
  T* d = dZ.data();
  for (Index i = 0; i < P.size(); ++i) d[i] = (p[i] - y[i]) * inv_n;
}

// True when the (output, loss) pair has a fused backward pass.
inline bool is_fused(Act out, Loss loss) {
  return (out == Act::Sigmoid && loss == Loss::Bce) || (out == Act::Softmax && loss == Loss::Cce);
}

}  // namespace pg
