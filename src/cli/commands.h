// cli/commands.h: the bprop commands, one function each, found by name.
#pragma once

#include "cli/args.h"

#include <string>
#include <vector>

namespace pg::cli {

struct Command {
  std::string name;
  std::vector<std::string> valued_flags, bare_flags;
  int (*run)(const Args&);
};

const Command* find_command(const std::string& name);

}  // namespace pg::cli
