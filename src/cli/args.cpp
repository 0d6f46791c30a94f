// cli/args.cpp: argv -> Args, and strict numeric flag readers.
#include "cli/args.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace pg::cli {

namespace {
bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}
}  // namespace

std::optional<std::string> parse_args(int argc, char** argv, const std::vector<std::string>& valued,
                                      const std::vector<std::string>& bare, Args& out) {
  bool have_link = false;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--", 0) == 0) {
      const std::string name = arg.substr(2);
      if (contains(bare, name)) {
        out.flags[name] = "";
      } else if (contains(valued, name)) {
        if (i + 1 >= argc) return "--" + name + " needs a value";
        out.flags[name] = argv[++i];
      } else {
        return "unknown flag '" + arg + "' for '" + out.command + "'";
      }
    } else if (!have_link) {
      out.link = arg;
      have_link = true;
    } else {
      return "unexpected argument '" + arg + "' (quote the link: bprop " + out.command + " '<link>')";
    }
  }
  if (!have_link) return "'" + out.command + "' needs a link, e.g. bprop " + out.command + " 'model=mlp&data=xor'";
  return std::nullopt;
}

bool has_flag(const Args& a, const std::string& name) { return a.flags.count(name) > 0; }

uint64_t flag_u64(const Args& a, const std::string& name, uint64_t fallback, uint64_t lo, uint64_t hi,
                  std::string& error) {
  const auto it = a.flags.find(name);
  if (it == a.flags.end()) return fallback;
  const std::string& s = it->second;
  char* end = nullptr;
  errno = 0;
  const unsigned long long v = std::strtoull(s.c_str(), &end, 10);
  if (s.empty() || s[0] == '-' || *end != '\0' || errno == ERANGE || v < lo || v > hi) {
    error = "--" + name + " must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
            ", not '" + s + "'";
    return fallback;
  }
  return v;
}

double flag_double(const Args& a, const std::string& name, double fallback, double lo, double hi,
                   std::string& error) {
  const auto it = a.flags.find(name);
  if (it == a.flags.end()) return fallback;
  const std::string& s = it->second;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || *end != '\0' || !std::isfinite(v) || v < lo || v > hi) {
    error = "--" + name + " must be a number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", not '" +
            s + "'";
    return fallback;
  }
  return v;
}

}  // namespace pg::cli
