// core/detmath.h: elementary functions built from + - * / and exact scaling only, so a native build and a
// wasm build compute the same bits (libm's exp/log/sin differ between glibc and Emscripten's musl).
// Float versions evaluate in double and round once; float tanh uses Eigen's rational approximation, which is
// the same sequence of IEEE operations for scalars and SIMD packets. Eigen + std only.
#pragma once

#include <Eigen/Core>

#include <cmath>
#include <limits>

namespace pg {

namespace detail {
constexpr double kLn2Hi = 6.93147180369123816490e-01;  // ln 2 split so k * kLn2Hi is exact for |k| < 2^20
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;
constexpr double kPiO2Hi = 1.57079632673412561417e+00;  // pi/2 split the same way
constexpr double kPiO2Lo = 6.07710050650619224932e-11;
constexpr double kTwoOPi = 6.36619772367581382433e-01;

// e^r for |r| <= ln2/2: Taylor series to r^13 (truncation < 1e-17 relative).
inline double exp_reduced(double r) {
  double term = 1.0, sum = 1.0;
  for (int i = 1; i <= 13; ++i) {
    term *= r / i;
    sum += term;
  }
  return sum;
}
// sin and cos of |r| <= pi/4 by Taylor series (truncation < 1e-17).
inline double sin_reduced(double r) {
  const double r2 = r * r;
  double term = r, sum = r;
  for (int i = 1; i <= 9; ++i) {
    term *= -r2 / ((2 * i) * (2 * i + 1));
    sum += term;
  }
  return sum;
}
inline double cos_reduced(double r) {
  const double r2 = r * r;
  double term = 1.0, sum = 1.0;
  for (int i = 1; i <= 9; ++i) {
    term *= -r2 / ((2 * i - 1) * (2 * i));
    sum += term;
  }
  return sum;
}
}  // namespace detail

inline double det_exp(double x) {
  if (x != x) return x;
  if (x > 709.782712893384) return std::numeric_limits<double>::infinity();  // ln(DBL_MAX)
  if (x < -745.2) return 0.0;
  const double k = std::nearbyint(x * detail::kInvLn2);
  const double r = (x - k * detail::kLn2Hi) - k * detail::kLn2Lo;
  return std::ldexp(detail::exp_reduced(r), static_cast<int>(k));  // ldexp is exact scaling
}

inline double det_log(double x) {
  if (x != x || x < 0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0) return -std::numeric_limits<double>::infinity();
  if (x == std::numeric_limits<double>::infinity()) return x;
  int e = 0;
  double m = std::frexp(x, &e);  // x = m 2^e, m in [0.5, 1), exact
  if (m < 0.70710678118654752440) {
    m *= 2;
    --e;
  }
  // log m = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716: odd series to s^23.
  const double s = (m - 1) / (m + 1), s2 = s * s;
  double term = s, sum = s;
  for (int i = 3; i <= 23; i += 2) {
    term *= s2;
    sum += term / i;
  }
  return e * detail::kLn2Hi + (e * detail::kLn2Lo + 2 * sum);
}

inline double det_expm1(double x) {
  if (std::fabs(x) < 0.5) {  // series, no cancellation
    double term = x, sum = x;
    for (int i = 2; i <= 18; ++i) {
      term *= x / i;
      sum += term;
    }
    return sum;
  }
  return det_exp(x) - 1.0;
}

inline double det_log1p(double x) {
  const double u = 1.0 + x;
  if (u == 1.0 || !std::isfinite(u)) return u == 1.0 ? x : det_log(u);
  return det_log(u) * (x / (u - 1.0));  // corrects the rounding of 1 + x (Goldberg)
}

inline double det_tanh(double x) {
  if (x != x) return x;
  const double ax = std::fabs(x);
  if (ax > 22) return x > 0 ? 1.0 : -1.0;
  const double e = det_expm1(2 * ax);
  const double t = e / (e + 2);
  return x < 0 ? -t : t;
}

inline double det_sigmoid(double x) {
  if (x >= 0) return 1.0 / (1.0 + det_exp(-x));
  const double e = det_exp(x);
  return e / (1.0 + e);
}

inline double det_softplus(double x) {  // log(1 + e^x) = max(x, 0) + log1p(e^-|x|)
  return (x > 0 ? x : 0.0) + det_log1p(det_exp(-std::fabs(x)));
}

// sin(x + q pi/2) for the reduced argument: quadrant 0..3 picks the sign and the series.
inline double det_sin_shifted(double x, int quarter_turns) {
  if (!std::isfinite(x)) return std::numeric_limits<double>::quiet_NaN();
  const double k = std::nearbyint(x * detail::kTwoOPi);
  const double r = (x - k * detail::kPiO2Hi) - k * detail::kPiO2Lo;
  switch ((static_cast<long long>(k) + quarter_turns) & 3) {
    case 0: return detail::sin_reduced(r);
    case 1: return detail::cos_reduced(r);
    case 2: return -detail::sin_reduced(r);
    default: return -detail::cos_reduced(r);
  }
}
inline double det_sin(double x) { return det_sin_shifted(x, 0); }
inline double det_cos(double x) { return det_sin_shifted(x, 1); }  // cos x = sin(x + pi/2)

// Float versions: evaluate in double, round once.
inline float det_exp(float x) { return static_cast<float>(det_exp(static_cast<double>(x))); }
inline float det_log(float x) { return static_cast<float>(det_log(static_cast<double>(x))); }
inline float det_expm1(float x) { return static_cast<float>(det_expm1(static_cast<double>(x))); }
inline float det_log1p(float x) { return static_cast<float>(det_log1p(static_cast<double>(x))); }
inline float det_softplus(float x) { return static_cast<float>(det_softplus(static_cast<double>(x))); }
inline float det_sin(float x) { return static_cast<float>(det_sin(static_cast<double>(x))); }
inline float det_cos(float x) { return static_cast<float>(det_cos(static_cast<double>(x))); }
// Eigen's float tanh: a clamped rational polynomial, identical for scalars and packets.
inline float det_tanh(float x) { return Eigen::internal::generic_fast_tanh_float(x); }
inline float det_sigmoid(float x) { return 0.5f + 0.5f * det_tanh(0.5f * x); }

}  // namespace pg
