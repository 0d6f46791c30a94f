#!/usr/bin/env python3
"""scripts/mutate.py: the mutation score of the native test suite.

Each mutant below is a small, realistic bug (a dropped factor, a swapped index, an off-by-one clamp, a changed
constant, a transposed matrix...) written as exact text replacements in one source file. The script checks out a
scratch copy of the repository (a detached git worktree under /tmp, never this checkout), builds it natively
once, then for each mutant: applies it, rebuilds (incrementally), runs the native suite (ctest: GoogleTest and
the CLI's node tests, golden links included) and restores the file. A mutant is killed when the build's tests
fail; it survives when they all pass. Not part of ./scripts/test.sh (one rebuild per mutant: about an hour on two
cores); README "Testing" says when to run it.

  python3 scripts/mutate.py                  every mutant, against HEAD
  python3 scripts/mutate.py --rev main       against another commit (its sources and its tests)
  python3 scripts/mutate.py --only ID,ID     some mutants;  --list  the mutants;  --keep  keep the scratch copy
  python3 scripts/mutate.py --jobs 2         build and test parallelism (default 2)
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

# (id, file, [(old, new), ...], what the bug is). Each `old` must occur exactly once in its file.
MUTANTS = [
    # --- optimizers (core/train.cpp) ---
    ("adam-v-corrected-by-beta1", "src/core/train.cpp",
     [("c2 = 1.0f / (1.0f - beta2_pow_)", "c2 = 1.0f / (1.0f - beta1_pow_)")],
     "Adam's second-moment bias correction uses beta1"),
    ("adam-no-bias-correction", "src/core/train.cpp",
     [("const float c1 = 1.0f / (1.0f - beta1_pow_), c2 = 1.0f / (1.0f - beta2_pow_);", "const float c1 = 1.0f, c2 = 1.0f;")],
     "Adam without bias correction"),
    ("adam-eps-inside-sqrt", "src/core/train.cpp",
     [("(std::sqrt(v[k] * c2) + kAdamEps)", "std::sqrt(v[k] * c2 + kAdamEps)")],
     "Adam's epsilon inside the square root"),
    ("adam-v-of-abs-g", "src/core/train.cpp",
     [("(1.0f - b2) * g[k] * g[k]", "(1.0f - b2) * std::fabs(g[k])")],
     "Adam's second moment of |g| instead of g^2"),
    ("momentum-moving-average", "src/core/train.cpp",
     [("v[k] = mu * v[k] + g[k];", "v[k] = mu * v[k] + (1.0f - mu) * g[k];")],
     "momentum as a moving average (v <- mu v + (1 - mu) g)"),
    ("set-parameters-keeps-adam-clock", "src/core/train.cpp",
     [("  beta1_pow_ = beta2_pow_ = 1;\n  status_ = TrainStatus::Running;\n  message_.clear();\n  return \"\";",
       "  status_ = TrainStatus::Running;\n  message_.clear();\n  return \"\";")],
     "a loaded model keeps Adam's bias-correction clock"),
    # --- the divergence guard and the loop (core/train.cpp) ---
    ("guard-does-not-restore", "src/core/train.cpp",
     [("  if (bad != 0) return false;\n  for (size_t i = 0; i < L; ++i) {\n    net_.W[i].swap(next_.W[i]);\n    net_.b[i].swap(next_.b[i]);\n  }\n  return true;",
       "  for (size_t i = 0; i < L; ++i) {\n    net_.W[i].swap(next_.W[i]);\n    net_.b[i].swap(next_.b[i]);\n  }\n  return bad == 0;")],
     "the divergence guard keeps the blown-up weights"),
    ("guard-lets-nan-through", "src/core/train.cpp",
     [("return !(std::fabs(x) <= kDivergedWeight);", "return std::fabs(x) > kDivergedWeight;")],
     "the divergence guard misses NaN"),
    ("epoch-ends-one-early", "src/core/train.cpp",
     [("if (cursor_ >= order_.size()) {", "if (cursor_ + 1 >= order_.size()) {")],
     "an epoch ends one sample early"),
    ("batch-clamp-off-by-one", "src/core/train.cpp",
     [("std::max<Index>(1, data_.X_train.cols())));", "std::max<Index>(1, data_.X_train.cols() - 1)));")],
     "the batch is capped one below the training set"),
    ("reset-keeps-shuffle", "src/core/train.cpp",
     [("  shuffle_rng_ = Rng(config_.init_seed, kShuffleStream);\n", "")],
     "reset does not restart the shuffle"),
    # --- metrics (core/train.cpp) ---
    ("confusion-transposed", "src/core/train.cpp",
     [("(*confusion)(labels[n], pred[n]) += 1;", "(*confusion)(pred[n], labels[n]) += 1;")],
     "the confusion matrix transposed"),
    ("tanh-threshold-half", "src/core/train.cpp",
     [("const float threshold = arch.out == Act::Tanh ? 0.0f : 0.5f;", "const float threshold = 0.5f;")],
     "a tanh head classified at 0.5"),
    ("threshold-tie-to-class-1", "src/core/train.cpp",
     [("k = out(0, n) > threshold ? 1 : 0;", "k = out(0, n) >= threshold ? 1 : 0;")],
     "an output exactly at the threshold is class 1"),
    ("reported-loss-includes-penalty", "src/core/train.cpp",
     [("    loss = data_loss(net_, t, Y);", "    loss = data_loss(net_, t, Y) + reg_penalty(net_, config_.reg, config_.reg_rate);")],
     "the reported train/test loss includes the penalty"),
    # --- penalties and init (core/model.cpp) ---
    ("l2-penalty-without-half", "src/core/model.cpp",
     [("reg == Reg::L2 ? T(0.5) * w[i] * w[i] : T(0)", "reg == Reg::L2 ? w[i] * w[i] : T(0)")],
     "the L2 penalty reported without its 1/2"),
    ("l2-gradient-doubled", "src/core/model.cpp",
     [("if (reg == Reg::L2) g.dW[i] += lambda * net.W[i];", "if (reg == Reg::L2) g.dW[i] += T(2) * lambda * net.W[i];")],
     "the L2 gradient 2 lambda W"),
    ("l2-on-biases", "src/core/model.cpp",
     [("if (reg == Reg::L2) g.dW[i] += lambda * net.W[i];",
       "if (reg == Reg::L2) {\n      g.dW[i] += lambda * net.W[i];\n      g.db[i] += lambda * net.b[i];\n    }")],
     "L2 decays the biases too"),
    ("he-from-fan-out", "src/core/model.cpp",
     [("he = std::sqrt(2.0 / fan_in)", "he = std::sqrt(2.0 / fan_out)")],
     "He's standard deviation from fan-out"),
    ("xavier-normal-bound", "src/core/model.cpp",
     [("std::sqrt(6.0 / (fan_in + fan_out))", "std::sqrt(2.0 / (fan_in + fan_out))")],
     "Xavier's uniform bound from the normal variant's variance"),
    ("uniform-init-bias-zero", "src/core/model.cpp",
     [("init == Init::Uniform ? 0.1f : 0.0f", "0.0f")],
     "TF Playground's init without its 0.1 biases"),
    ("init-row-major-draws", "src/core/model.cpp",
     [("    for (Index c = 0; c < W.cols(); ++c)  // column-major draw order, stated so other tools can reproduce it\n      for (Index r = 0; r < W.rows(); ++r) {",
       "    for (Index r = 0; r < W.rows(); ++r)\n      for (Index c = 0; c < W.cols(); ++c) {")],
     "initial weights drawn in row-major order"),
    # --- ops (core/ops.h) ---
    ("mse-halved", "src/core/ops.h",
     [("case Loss::Mse: sum += (pi - yi) * (pi - yi); break;", "case Loss::Mse: sum += 0.5 * (pi - yi) * (pi - yi); break;"),
      ("case Loss::Mse: d[i] = T(2) * inv_n * (p[i] - y[i]); break;", "case Loss::Mse: d[i] = inv_n * (p[i] - y[i]); break;")],
     "MSE halved in forward and backward"),
    ("fused-gradient-not-averaged", "src/core/ops.h",
     [("for (Index i = 0; i < P.size(); ++i) d[i] = (p[i] - y[i]) * inv_n;", "for (Index i = 0; i < P.size(); ++i) d[i] = p[i] - y[i];")],
     "the fused sigmoid/softmax gradient summed over the batch, not averaged"),
    ("relu-derivative-one-at-zero", "src/core/ops.h",
     [("for (Index i = 0; i < n; ++i) dz[i] = z[i] > T(0) ? da[i] : T(0);", "for (Index i = 0; i < n; ++i) dz[i] = z[i] >= T(0) ? da[i] : T(0);")],
     "training's ReLU derivative is 1 at z = 0"),
    ("lrelu-derivative-zero", "src/core/ops.h",
     [("case Act::LeakyRelu: return z > T(0) ? T(1) : T(kLeakyReluSlope);", "case Act::LeakyRelu: return z > T(0) ? T(1) : T(0);")],
     "leaky ReLU's derivative copied from ReLU"),
    ("tanh-derivative-1-minus-a", "src/core/ops.h",
     [("for (Index i = 0; i < n; ++i) dz[i] = (T(1) - a[i] * a[i]) * da[i];", "for (Index i = 0; i < n; ++i) dz[i] = (T(1) - a[i]) * da[i];")],
     "training's tanh derivative 1 - a"),
    ("cce-sign", "src/core/ops.h",
     [("sum += double(Y(k, n)) * ((m - double(Z(k, n))) + log_s);", "sum += double(Y(k, n)) * ((double(Z(k, n)) - m) + log_s);")],
     "the reported cross-entropy with z_k - max z"),
    # --- the random numbers (core/rng.h) ---
    ("pcg-multiplier", "src/core/rng.h",
     [("state_ = old * 6364136223846793005ULL + inc_;", "state_ = old * 6364136223846793015ULL + inc_;")],
     "a changed PCG32 constant"),
    ("uniform-overlapping-bits", "src/core/rng.h",
     [("lo = next_u32() >> 6;", "lo = next_u32() >> 5;")],
     "uniform() overlaps its two words"),
    ("normal-pair-swapped", "src/core/rng.h",
     [("    spare_ = v * f;\n    has_spare_ = true;\n    return u * f;", "    spare_ = u * f;\n    has_spare_ = true;\n    return v * f;")],
     "the polar method returns its pair in the other order"),
    ("shuffle-sattolo", "src/core/rng.h",
     [("std::swap(v[i - 1], v[below(static_cast<uint32_t>(i))]);", "std::swap(v[i - 1], v[below(static_cast<uint32_t>(i - 1))]);")],
     "the shuffle never leaves an element in place (Sattolo's)"),
    # --- data (core/data.cpp) ---
    ("gauss-variance-mapping", "src/core/data.cpp",
     [("  const double variance = std::clamp(0.5 + 3.5 * (noise / 0.5), 0.5, 4.0);\n  const double sd = std::sqrt(variance);  // sqrt",
       "  const double variance = std::clamp(0.5 + 3.5 * noise, 0.5, 4.0);\n  const double sd = std::sqrt(variance);  // sqrt")],
     "gauss's noise mapped to variance without TF's /0.5"),
    ("circle-label-radius", "src/core/data.cpp",
     [("noisy_r2 < 0.25 * kRadius * kRadius", "noisy_r2 < 0.36 * kRadius * kRadius")],
     "circle's label radius 3 instead of 2.5"),
    ("blobs-spread", "src/core/data.cpp",
     [("gen_blobs_at(rng, n, 1.0 + 2 * noise,", "gen_blobs_at(rng, n, 1.0 + noise,")],
     "blobs' noise spread halved"),
    ("moons-noise", "src/core/data.cpp",
     [("const double x = (ux - 0.5) * kScale + rng.normal(0.0, noise * 2);", "const double x = (ux - 0.5) * kScale + rng.normal(0.0, noise);")],
     "moons' x noise halved"),
    ("line-noise", "src/core/data.cpp",
     [("0.5 * x + 1 + rng.normal(0.0, noise * 2)", "0.5 * x + 1 + rng.normal(0.0, noise)")],
     "line's noise halved"),
    ("class-remainder-to-last", "src/core/data.cpp",
     [("return n / k + (j < n % k ? 1 : 0);", "return n / k + (j >= k - n % k ? 1 : 0);")],
     "the odd points go to the last classes"),
    ("split-truncates", "src/core/data.cpp",
     [("static_cast<size_t>(std::llround(f * static_cast<double>(total)));", "static_cast<size_t>(f * static_cast<double>(total));")],
     "the train/test split truncates instead of rounding"),
    ("split-shares-stream", "src/core/data.cpp",
     [("Rng split_rng(spec.seed, kSplitStream);", "Rng split_rng(spec.seed);")],
     "the split shuffle reuses the generator's stream"),
    # --- the inspector's labels (core/jacobian.cpp) ---
    ("label-matrix-swapped", "src/core/jacobian.cpp",
     [('name + "[" + std::to_string(i % rows) + "," + std::to_string(i / rows) + "]"',
       'name + "[" + std::to_string(i / rows) + "," + std::to_string(i % rows) + "]"')],
     "a weight column named W[j,k] for W[k,j]"),
    ("label-batch-row-major", "src/core/jacobian.cpp",
     [('name + "[" + std::to_string(i % rows) + "] of sample " + std::to_string(i / rows)',
       'name + "[" + std::to_string(i / cols) + "] of sample " + std::to_string(i % cols)')],
     "minibatch rows named in row-major order"),
    # --- state: links and TF Playground (src/state) ---
    ("tf-lr-not-halved", "src/state/tf_link.cpp",
     [("real_text(s.learning_rate / 2)", "real_text(s.learning_rate)")],
     "TF Playground's learning rate taken as is"),
    ("tf-rate-not-doubled", "src/state/tf_link.cpp",
     [("real_text(s.regularization_rate * 2)", "real_text(s.regularization_rate)")],
     "TF Playground's regularization rate taken as is"),
    ("tanh-targets-zero-one", "src/state/resolve.cpp",
     [("c.pm_one_targets = a.out == Act::Tanh && info.problem == Problem::Binary;", "c.pm_one_targets = false;")],
     "a tanh head trained on 0/1 targets"),
    ("points-quantise-truncates", "src/state/url_codec.cpp",
     [("return static_cast<uint16_t>(std::lround(t));", "return static_cast<uint16_t>(t);")],
     "link points quantised by truncation"),
    # --- the CLI's reported numbers (src/cli) ---
    ("cli-six-digits", "src/cli/commands.cpp",
     [("std::string num(double v, int digits = 9) {", "std::string num(double v, int digits = 6) {")],
     "bprop train prints 6 digits, which do not read back"),
]


def sh(cmd, cwd, log=None, timeout=None):
    """Runs cmd in its own process group, output appended to log; on a timeout or an interrupt the whole group
    (the compiler, ctest's tests) is ended with it."""
    with open(log, "a") if log else open(os.devnull, "w") as out:
        p = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            return p.wait(timeout=timeout)
        except BaseException:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            raise


def failed_tests(log, start=0):
    """The tests ctest listed as failed in the log after byte offset `start` (the last run's summary)."""
    with open(log, errors="replace") as f:
        f.seek(start)
        text = f.read()
    m = re.search(r"The following tests FAILED:\n((?:\s+\d+ - .*\n?)+)", text)
    if not m:
        return []
    return [re.sub(r"^\s*\d+ - (\S+).*$", r"\1", l) for l in m.group(1).strip().split("\n")]


def on_term(signum, frame):
    raise KeyboardInterrupt  # so the running build or test is ended and the scratch copy removed


def main():
    signal.signal(signal.SIGTERM, on_term)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rev", default="HEAD")
    ap.add_argument("--only", default="")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    if args.list:
        for mid, path, _, what in MUTANTS:
            print(f"{mid:34} {path:26} {what}")
        return 0
    ids = [m[0] for m in MUTANTS]
    assert len(set(ids)) == len(ids), "mutant ids are unique"
    chosen = [m for m in MUTANTS if not args.only or m[0] in args.only.split(",")]
    repo = subprocess.check_output(["git", "rev-parse", "--show-toplevel"], text=True).strip()
    rev = subprocess.check_output(["git", "rev-parse", "--short", args.rev], cwd=repo, text=True).strip()
    scratch = tempfile.mkdtemp(prefix="pg-mutate-")
    os.rmdir(scratch)
    log = scratch + ".log"
    print(f"mutate: {len(chosen)} mutants against {args.rev} ({rev}) in {scratch}; build and test output in {log}", flush=True)
    subprocess.check_call(["git", "worktree", "add", "--detach", "-q", scratch, rev], cwd=repo)
    j = str(args.jobs)
    try:
        # No benchmarks: nothing in the suite runs them, and they would rebuild with every core mutant.
        configure = ["cmake", "-S", ".", "-B", "build", "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
                     "-DCMAKE_DISABLE_FIND_PACKAGE_benchmark=ON"]
        build = ["cmake", "--build", "build", "-j", j]
        test = ["ctest", "--test-dir", "build", "-j", j, "--stop-on-failure", "--timeout", "300"]
        t0 = time.time()
        if sh(configure, scratch, log) or sh(build, scratch, log):
            print(f"mutate: the unmutated copy does not build; see {log}")
            return 2
        if sh(test, scratch, log):
            print(f"mutate: the unmutated copy fails its tests ({', '.join(failed_tests(log))}); see {log}")
            return 2
        print(f"mutate: baseline built and passed in {time.time() - t0:.0f} s", flush=True)
        killed, survived, broken = [], [], []
        for mid, path, edits, what in chosen:
            file = os.path.join(scratch, path)
            original = open(file).read()
            text = original
            stale = [old for old, _ in edits if text.count(old) != 1]
            if stale:
                print(f"  STALE     {mid:34} the text to change is not in {path} exactly once", flush=True)
                broken.append(mid)
                continue
            for old, new in edits:
                text = text.replace(old, new)
            t1 = time.time()
            open(file, "w").write(text)
            try:
                open(log, "a").write(f"\n===== mutant {mid}: {what}\n")
                if sh(build, scratch, log):
                    print(f"  NO BUILD  {mid:34} {what}", flush=True)
                    broken.append(mid)
                    continue
                start = os.path.getsize(log)
                try:
                    rc = sh(test, scratch, log, timeout=900)
                except subprocess.TimeoutExpired:
                    rc = -1
                secs = time.time() - t1
                if rc != 0:
                    by = failed_tests(log, start) if rc > 0 else ["(timeout)"]
                    killed.append(mid)
                    print(f"  killed    {mid:34} {what}  [{', '.join(by[-3:])}; {secs:.0f} s]", flush=True)
                else:
                    survived.append(mid)
                    print(f"  SURVIVED  {mid:34} {what}  [{secs:.0f} s]", flush=True)
            finally:
                open(file, "w").write(original)
        total = len(killed) + len(survived)
        print(f"mutate: {len(killed)} of {total} killed ({100.0 * len(killed) / max(total, 1):.0f} %)"
              + (f"; {len(broken)} stale or not building: {', '.join(broken)}" if broken else "")
              + (f"; survivors: {', '.join(survived)}" if survived else ""), flush=True)
        print(f"mutate: {time.time() - t0:.0f} s in all", flush=True)
        return 0
    finally:
        if not args.keep:
            subprocess.call(["git", "worktree", "remove", "--force", scratch], cwd=repo)


if __name__ == "__main__":
    sys.exit(main())
