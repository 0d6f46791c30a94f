// cli/args.h: the bprop command line: one command, one link, and --flags. Strict parsing: a bad flag or value
// is an error with a clear message, never a silent default.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pg::cli {

struct Args {
  std::string command;
  std::string link;
  std::map<std::string, std::string> flags;  // "--steps 10" -> {"steps", "10"}; "--json" -> {"json", ""}
};

// Parses argv. Flags in `valued` take a value, flags in `bare` take none; anything else is an error.
// Returns an error message on failure.
std::optional<std::string> parse_args(int argc, char** argv, const std::vector<std::string>& valued,
                                      const std::vector<std::string>& bare, Args& out);

// Typed flag readers: set `error` (and return the fallback) if the value is not a valid number in range.
uint64_t flag_u64(const Args& a, const std::string& name, uint64_t fallback, uint64_t lo, uint64_t hi,
                  std::string& error);
double flag_double(const Args& a, const std::string& name, double fallback, double lo, double hi,
                   std::string& error);
bool has_flag(const Args& a, const std::string& name);

}  // namespace pg::cli
