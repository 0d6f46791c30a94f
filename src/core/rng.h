// core/rng.h: the one random number generator (PCG32, O'Neill 2014) and its distributions, written out so
// that every platform draws the same numbers (std:: distributions are implementation-defined). Eigen + std only.
#pragma once

#include "core/detmath.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace pg {

class Rng {
 public:
  explicit Rng(uint64_t seed, uint64_t stream = 0x5851f42d4c957f2dULL) {
    inc_ = (stream << 1u) | 1u;
    next_u32();
    state_ += seed;
    next_u32();
  }

  uint32_t next_u32() {  // PCG-XSH-RR
    const uint64_t old = state_;
    state_ = old * 6364136223846793005ULL + inc_;
    const uint32_t xorshifted = static_cast<uint32_t>(((old >> 18u) ^ old) >> 27u);
    const uint32_t rot = static_cast<uint32_t>(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform() {
    const uint64_t hi = next_u32() >> 5, lo = next_u32() >> 6;  // 27 + 26 bits
    return static_cast<double>((hi << 26) | lo) * 0x1.0p-53;
  }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

  // Uniform integer in [0, n), without modulo bias (Lemire's rejection).
  uint32_t below(uint32_t n) {
    uint64_t m = uint64_t{next_u32()} * n;
    auto low = static_cast<uint32_t>(m);
    if (low < n) {
      const uint32_t threshold = (0u - n) % n;
      while (low < threshold) {
        m = uint64_t{next_u32()} * n;
        low = static_cast<uint32_t>(m);
      }
    }
    return static_cast<uint32_t>(m >> 32);
  }

  // Standard normal by Marsaglia's polar method (only sqrt and the deterministic log).
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u, v, s;
    do {
      u = uniform(-1.0, 1.0);
      v = uniform(-1.0, 1.0);
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * det_log(s) / s);
    spare_ = v * f;
    has_spare_ = true;
    return u * f;
  }
  double normal(double mean, double stddev) { return mean + stddev * normal(); }

  // Fisher-Yates shuffle.
  template <class T> void shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(static_cast<uint32_t>(i))]);
  }

 private:
  uint64_t state_ = 0, inc_ = 0;
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace pg
