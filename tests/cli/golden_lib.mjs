// tests/cli/golden_lib.mjs: the golden links (tests/golden/links.tsv) and how one is measured. Shared by the test
// (tests/cli/golden.test.mjs, which demands today's numbers exactly, natively and as wasm) and the script that
// rewrites the corpus on purpose (scripts/golden.mjs). Not a test file itself (node --test runs *.test.mjs).
//
// A link is measured by two runs of bprop (each starts from a fresh initialisation and replays the link's step):
//   bprop train '<link>' [flags] --json --every 10000000   the summary: exit code, status, steps, train and test
//                                                          data loss, accuracies and the confusion matrix
//   bprop export '<link>' [flags]                          the whole JSON export: weights, the next minibatch,
//                                                          activations, losses, every gradient
// and recorded as the numbers JSON prints (shortest round-trip text, so equal text is equal bits), a SHA-256 of
// the weights and biases (layers[].W and .b as JSON) and a SHA-256 of the whole export output.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CORPUS = fileURLToPath(new URL('../golden/links.tsv', import.meta.url));
export const KEYS = ['name', 'flags', 'link'];  // what a row says; the columns after them are measured
export const MEASURED = ['exit', 'status', 'steps', 'train_loss', 'test_loss', 'train_accuracy', 'test_accuracy',
  'confusion', 'weights_sha256', 'export_sha256'];
export const COLUMNS = [...KEYS, ...MEASURED];

// Rows of the corpus as objects (comment lines start with '#'; the first other line is the header).
export function readCorpus(path = CORPUS) {
  const lines = readFileSync(path, 'utf8').split('\n');
  const comments = lines.filter((l) => l.startsWith('#'));
  const rows = lines.filter((l) => l && !l.startsWith('#'));
  const header = rows.shift().split('\t');
  if (header.join('\t') !== COLUMNS.join('\t')) throw new Error(`${path}: the header must be ${COLUMNS.join(' ')}`);
  return {
    comments,
    entries: rows.map((l) => {
      const f = l.split('\t');
      if (f.length !== COLUMNS.length) throw new Error(`${path}: a row has ${f.length} fields, not ${COLUMNS.length}: ${l}`);
      return Object.fromEntries(COLUMNS.map((c, i) => [c, f[i]]));
    }),
  };
}

export function writeCorpus(comments, entries, path = CORPUS) {
  const text = [...comments, COLUMNS.join('\t'), ...entries.map((e) => COLUMNS.map((c) => e[c] ?? '').join('\t'))].join('\n');
  writeFileSync(path, text + '\n');
}

// The builds named in the environment: BPROP_NATIVE (a native bprop) and BPROP_JS (the wasm bprop.js, under node).
export function buildsFromEnv(env = process.env) {
  const builds = [];
  if (env.BPROP_NATIVE) builds.push({ name: 'native', cmd: env.BPROP_NATIVE, pre: [] });
  if (env.BPROP_JS) builds.push({ name: 'wasm', cmd: process.execPath, pre: ['--no-experimental-fetch', env.BPROP_JS] });
  return builds;
}

function run(build, args) {
  return new Promise((resolve) => {
    const p = spawn(build.cmd, [...build.pre, ...args]);
    const out = [], err = [];
    p.stdout.on('data', (d) => out.push(d));
    p.stderr.on('data', (d) => err.push(d));
    p.on('error', (e) => resolve({ code: `spawn failed: ${e.message}`, out: '', err: String(e) }));
    p.on('close', (code) => resolve({ code, out: Buffer.concat(out).toString('utf8'), err: Buffer.concat(err).toString('utf8') }));
  });
}

const sha = (text) => createHash('sha256').update(text).digest('hex');
const text = (v) => (v === undefined ? '-' : JSON.stringify(v));

// One row's measured columns, as strings, plus `out` (the whole export text, for comparing builds) and `errors`.
export async function measure(build, entry) {
  const flags = entry.flags && entry.flags !== '-' ? entry.flags.split(' ') : [];
  const train = await run(build, ['train', entry.link, ...flags, '--json', '--every', '10000000']);
  const exp = await run(build, ['export', entry.link, ...flags]);
  const m = { exit: String(train.code), errors: [] };
  if (exp.code !== train.code) m.errors.push(`export exit ${exp.code} but train exit ${train.code}: ${exp.err.trim()}`);
  let summary = {};
  try {
    summary = JSON.parse(train.out.trim().split('\n').at(-1)).summary ?? {};
  } catch {
    m.errors.push(`train printed no JSON summary: ${train.err.trim()}`);
  }
  m.status = summary.status ?? '-';
  m.steps = text(summary.steps);
  m.train_loss = text(summary.train_loss);
  m.test_loss = text(summary.test_loss);
  m.train_accuracy = text(summary.train_accuracy);
  m.test_accuracy = text(summary.test_accuracy);
  m.confusion = text(summary.confusion);
  try {
    const j = JSON.parse(exp.out);
    m.weights_sha256 = sha(JSON.stringify(j.layers.map((l) => [l.W, l.b]))).slice(0, 16);
  } catch {
    m.weights_sha256 = '-';
    m.errors.push(`export printed no JSON: ${exp.err.trim()}`);
  }
  m.export_sha256 = sha(exp.out).slice(0, 16);
  m.out = exp.out;
  return m;
}

// Measures every entry, `jobs` processes at a time, keeping the order.
export async function measureAll(build, entries, jobs = 2) {
  const results = new Array(entries.length);
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const i = next++;
      results[i] = await measure(build, entries[i]);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return results;
}
