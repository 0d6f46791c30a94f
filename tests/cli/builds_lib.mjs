// tests/cli/builds_lib.mjs: the bprop builds a CLI test runs (BPROP_NATIVE: the native binary, BPROP_JS: the wasm
// build under node) and how one is run. Shared by the tests in this folder.
import { spawnSync } from 'node:child_process';

export const builds = [];
if (process.env.BPROP_NATIVE) builds.push({ name: 'native', cmd: process.env.BPROP_NATIVE, pre: [] });
if (process.env.BPROP_JS) builds.push({ name: 'wasm', cmd: process.execPath, pre: ['--no-experimental-fetch', process.env.BPROP_JS] });
if (builds.length === 0) throw new Error('set BPROP_NATIVE and/or BPROP_JS');

/** Runs `bprop <args>` with one build: {code, out, err}. */
export function run(build, args) {
  const r = spawnSync(build.cmd, [...build.pre, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
