// tests/core/test_util.h: seeded random matrices and the relative-error measure the calculus tests share.
#pragma once

#include "core/rng.h"
#include "core/types.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace pg::test {

inline MatD random_mat(Rng& rng, Index rows, Index cols, double lo = -1, double hi = 1) {
  MatD M(rows, cols);
  for (Index i = 0; i < M.size(); ++i) M.data()[i] = rng.uniform(lo, hi);
  return M;
}

// Values in [lo, hi] kept at least `gap` away from 0 (to test ReLU-like ops away from their kink).
inline MatD random_away_from_zero(Rng& rng, Index rows, Index cols, double hi, double gap) {
  MatD M = random_mat(rng, rows, cols, gap, hi);
  for (Index i = 0; i < M.size(); ++i)
    if (rng.uniform() < 0.5) M.data()[i] = -M.data()[i];
  return M;
}

// max |A - B| / max(max |A|, max |B|): the error relative to the matrices' scale.
inline double rel_error(const MatD& A, const MatD& B) {
  EXPECT_EQ(A.rows(), B.rows());
  EXPECT_EQ(A.cols(), B.cols());
  if (A.rows() != B.rows() || A.cols() != B.cols()) return 1e300;
  if (A.size() == 0) return 0;
  const double scale = std::max({A.cwiseAbs().maxCoeff(), B.cwiseAbs().maxCoeff(), 1e-300});
  return (A - B).cwiseAbs().maxCoeff() / scale;
}

inline VecD vec(const MatD& M) { return Eigen::Map<const VecD>(M.data(), M.size()); }
inline MatD unvec(const VecD& v, Index rows, Index cols) { return Eigen::Map<const MatD>(v.data(), rows, cols); }

}  // namespace pg::test
