// core/notation.h: the course's math notation for titles, formulas and keys (UTF-8): ∂, ŷ, σ, ⊗ (Kronecker
// product), ⊙ (elementwise), ᵀ, − (minus sign), × (shape), subscript digits for concrete sizes (I₃, 1₁₀).
// One place for these symbols, so the inspector, the CLI and the tests all spell them alike. std only.
#pragma once

#include <string>

namespace pg::notation {

inline constexpr const char* kPartial = "∂";
inline constexpr const char* kYhat = "ŷ";
inline constexpr const char* kKron = "⊗";
inline constexpr const char* kHadamard = "⊙";
inline constexpr const char* kT = "ᵀ";
inline constexpr const char* kMinus = "−";
inline constexpr const char* kTimes = "×";
inline constexpr const char* kSigma = "σ";
inline constexpr const char* kLambda = "λ";

// n in subscript digits: sub(10) = "₁₀".
inline std::string sub(long long n) {
  static const char* const kDigits[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
  const std::string s = std::to_string(n);
  std::string out;
  for (char c : s) out += c == '-' ? "₋" : kDigits[c - '0'];
  return out;
}

// "∂a/∂b"
inline std::string d(const std::string& of, const std::string& wrt) { return std::string(kPartial) + of + "/" + kPartial + wrt; }

// A shape "3 × 4".
inline std::string shape(long long rows, long long cols) { return std::to_string(rows) + " " + kTimes + " " + std::to_string(cols); }

}  // namespace pg::notation
