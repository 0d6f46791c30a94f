// cli/bprop.cpp: the bprop command-line tool. Same engine code natively and as wasm under node.
//   bprop train '<link>' --steps N [--every K] [--json]
//   bprop gradcheck '<link>' [--steps N] [--tol T]
//   bprop jacobian '<link>' --layer L --of OUT --wrt IN [--sample I | --batch] [--steps N] [--term T]
//   bprop landscape '<link>' [--params I,J | --random SEED] [--bias zero|neuron] [--grid N] [--span S] [--minibatch] [--steps K]
//   bprop export '<link>' [--steps N] [--python]
//   bprop graph '<link>' [--sample I] [--decompose] [--steps N]
//   bprop paths '<link>' --of W|a|b --layer L --row J [--col I | --sample N] [--steps N]
//   bprop bench '<link>' [--seconds S]
// Exit codes: 0 ok, 1 gradient check above tolerance, 2 usage or input error, 3 training diverged.
#include "cli/args.h"
#include "cli/commands.h"

#include <cstdio>
#include <string>

namespace {

const char* kUsage =
    "bprop: train and inspect Backprop Playground models from the command line.\n"
    "\n"
    "usage:\n"
    "  bprop train '<link>' [--steps N] [--every K] [--json]   train, printing progress (CSV or JSON lines)\n"
    "  bprop gradcheck '<link>' [--steps N] [--tol T]            backprop vs central differences, per tensor\n"
    "  bprop jacobian '<link>' --layer L --of OUT --wrt IN [--sample I | --batch] [--steps N] [--term T]\n"
    "                                                            one explicit Jacobian as CSV (sample 0 unless\n"
    "                                                            --sample or --batch)\n"
    "  bprop landscape '<link>' [--params I,J | --random SEED] [--bias zero|neuron] [--grid N] [--span S]\n"
    "                  [--minibatch] [--steps K]                 the loss over a plane through the weights (JSON)\n"
    "  bprop export '<link>' [--steps N] [--python]              weights, a minibatch, activations, gradients (JSON;\n"
    "                                                            --python: a NumPy script that computes and prints them)\n"
    "  bprop graph '<link>' [--sample I] [--decompose] [--steps N]\n"
    "                                                            the scalar computational graph of one sample (JSON):\n"
    "                                                            one output unit, at most 4 inputs; --decompose draws\n"
    "                                                            the sigmoid as x(-1), exp, +1, 1/x\n"
    "  bprop paths '<link>' --of W|a|b --layer L --row J [--col I | --sample N] [--steps N]\n"
    "                                                            the total derivative: every path's product and their\n"
    "                                                            sum beside backprop's gradient (JSON)\n"
    "  bprop bench '<link>' [--seconds S]                        training throughput in samples per second\n"
    "\n"
    "<link> is the part of a playground URL after '#', e.g. 'model=mlp&data=xor&layers=8,8&act=tanh&lr=0.03'.\n"
    "A link with problems (junk values, unknown keys, a TensorFlow Playground link's approximations) is an\n"
    "error; --lenient runs with the values the page would use instead.\n"
    "Jacobians: OUT/IN are z wrt a_prev|W|b, a wrt z, L wrt yhat, or L wrt z|a|a_prev|W|b (gradients).\n"
    "L is the objective the optimizer minimises, data loss + penalty; with a regularizer, --of L --wrt W prints\n"
    "the total and --term data|penalty one of its two terms. Entries beyond double's range print as Infinity.\n"
    "Exit codes: 0 ok, 1 gradient check failed, 2 bad input, 3 training diverged.\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "help" || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  pg::cli::Args args;
  args.command = argv[1];
  const pg::cli::Command* cmd = pg::cli::find_command(args.command);
  if (!cmd) {
    std::fprintf(stderr, "bprop: unknown command '%s'\n\n%s", args.command.c_str(), kUsage);
    return 2;
  }
  for (int i = 2; i < argc; ++i)
    if (std::string(argv[i]) == "--help" || std::string(argv[i]) == "-h") {  // `bprop jacobian --help`
      std::fputs(kUsage, stdout);
      return 0;
    }
  if (auto err = pg::cli::parse_args(argc, argv, cmd->valued_flags, cmd->bare_flags, args)) {
    std::fprintf(stderr, "bprop: %s\n", err->c_str());
    return 2;
  }
  return cmd->run(args);
}
