// core/simd.h: 4-lane float vectors (GCC/Clang vector extensions: SSE natively, simd128 in wasm) and the few
// lane-wise operations the engine's kernels use. Lane-wise arithmetic is exactly the scalar IEEE operation (no
// FMA: the build sets -ffp-contract=off), so a kernel that runs across independent values gives each value the
// bits of its scalar loop on every build. Std only.
#pragma once

#include <cstdint>
#include <cstring>

namespace pg::simd {

using F4 = float __attribute__((vector_size(16)));
using I4 = int32_t __attribute__((vector_size(16)));

inline F4 load(const float* p) {
  F4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(float* p, F4 v) { std::memcpy(p, &v, sizeof v); }
// The first n (0..4) lanes from or to memory; the other lanes of a load are 0. (Built lane by lane in registers:
// a copy into a zeroed vector would go through the stack, and one of n * 4 bytes would be a library call.)
inline F4 load_first(const float* p, int n) {
  switch (n) {
    case 4: return load(p);
    case 3: return F4{p[0], p[1], p[2], 0.0f};
    case 2: return F4{p[0], p[1], 0.0f, 0.0f};
    case 1: return F4{p[0], 0.0f, 0.0f, 0.0f};
    default: return F4{};
  }
}
inline void store_first(float* p, F4 v, int n) {
  switch (n) {
    case 4: std::memcpy(p, &v, 16); break;
    case 3: std::memcpy(p, &v, 12); break;
    case 2: std::memcpy(p, &v, 8); break;
    case 1: std::memcpy(p, &v, 4); break;
    default: break;
  }
}
inline F4 splat(float x) { return F4{x, x, x, x}; }
// mask ? a : b, lane by lane (mask lanes are all ones or all zeros, as comparisons give).
inline F4 select(I4 mask, F4 a, F4 b) { return (F4)(((I4)a & mask) | ((I4)b & ~mask)); }
inline F4 abs(F4 a) { return (F4)((I4)a & I4{0x7fffffff, 0x7fffffff, 0x7fffffff, 0x7fffffff}); }

// Eigen 3.4's float tanh (generic_fast_tanh_float: a clamped rational polynomial, without FMA), four at a time:
// the same IEEE operations in the same order as Eigen's scalar version and its SSE packet version, including
// their min/max (std::min/std::max: a NaN input stays NaN) and the tiny-argument pass-through.
inline F4 tanh(F4 a_x) {
  const F4 plus_clamp = splat(7.90531110763549805f), minus_clamp = splat(-7.90531110763549805f);
  const F4 lo = select(plus_clamp < a_x, plus_clamp, a_x);   // std::min(a_x, plus_clamp)
  const F4 x = select(lo < minus_clamp, minus_clamp, lo);    // std::max(lo, minus_clamp)
  const I4 tiny_mask = abs(a_x) < splat(0.0004f);
  const F4 x2 = x * x;
  F4 p = x2 * splat(-2.76076847742355e-16f) + splat(2.00018790482477e-13f);
  p = x2 * p + splat(-8.60467152213735e-11f);
  p = x2 * p + splat(5.12229709037114e-08f);
  p = x2 * p + splat(1.48572235717979e-05f);
  p = x2 * p + splat(6.37261928875436e-04f);
  p = x2 * p + splat(4.89352455891786e-03f);
  p = x * p;
  F4 q = x2 * splat(1.19825839466702e-06f) + splat(1.18534705686654e-04f);
  q = x2 * q + splat(2.26843463243900e-03f);
  q = x2 * q + splat(4.89352518554385e-03f);
  return select(tiny_mask, x, p / q);
}

}  // namespace pg::simd
