// tests/cli/python_export.test.mjs: `bprop export LINK --python` writes a NumPy script; run with python3, it prints
// the data loss, the penalty, the objective and every gradient, which must equal `bprop export`'s JSON numbers on
// the same link to float tolerance: |script - export| <= 1e-5 x the largest |entry| of that tensor (the engine
// computes in float32, the script in float64 from the same float32 weights; an entry of a tensor that cancels to
// nearly 0 is measured against the tensor's scale, as float rounding is). Needs Debian's python3-numpy
// (scripts/setup.sh installs it); skipped, saying so, only where no python3 can import numpy.
//   BPROP_NATIVE=path/to/bprop  BPROP_JS=path/to/bprop.js   (as tests/cli/bprop.test.mjs)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builds, run } from './builds_lib.mjs';


// Debian's python3 first (a pyenv or virtualenv python3 on PATH may lack numpy), then whatever PATH has.
const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import numpy']).status === 0);
const skip = python ? false : 'python3-numpy is not installed (scripts/setup.sh installs it: apt-get install python3-numpy)';

const LINKS = [
  'model=mlp&data=circle&layers=4,3&act=tanh&batch=8&dseed=2',                   // tanh MLP, sigmoid + BCE
  'model=softmax&data=spiralk&classes=4&batch=12&lr=0.3',                       // softmax classifier, CCE
  'model=linreg&data=plane&batch=10&lr=0.01',                                   // linear regression, MSE
  'model=mlp&data=multigauss&layers=5&act=relu&reg=l2&rate=0.01&batch=6',       // L2, ReLU, linear + MSE
  'model=mlp&data=xor&layers=4,2&act=sigmoid,elu&reg=l1&rate=0.003&batch=5',    // L1, sigmoid and ELU hidden
  'model=mlp&data=circle&out=tanh&loss=mse&layers=3&act=softplus&batch=7',      // tanh output + MSE (not fused)
];

// "name = v" and "name[r,c] = v" lines -> Map name -> number or [[...]].
function parseScriptOutput(text) {
  const values = new Map();
  for (const line of text.trim().split('\n')) {
    const m = /^(\w+)(?:\[(\d+),(\d+)\])? = (\S+)$/.exec(line);
    assert.ok(m, `unexpected line: ${line}`);
    const [, name, r, c, v] = m;
    const x = Number(v);
    assert.ok(Number.isFinite(x), line);
    if (r === undefined) { values.set(name, x); continue; }
    if (!values.has(name)) values.set(name, []);
    const M = values.get(name);
    (M[Number(r)] ??= [])[Number(c)] = x;
  }
  return values;
}

// The export JSON's number (or matrix) for a script name.
function exported(j, name) {
  if (['data_loss', 'penalty', 'objective'].includes(name)) return j[name];
  const m = /^(dZ|dW|db|dA)(\d+)(_data|_penalty)?$/.exec(name);
  assert.ok(m, `unknown name ${name}`);
  const [, q, ls, term] = m;
  const l = Number(ls);
  if (q === 'dA' && l === 0) return j.minibatch.dX;
  if (q === 'dA') return j.layers[l - 1].dA;  // dA[l] is layer l's output gradient
  return j.layers[l - 1][q + (term ?? '')];
}

function compare(name, got, want) {
  if (typeof want === 'number') {
    assert.ok(Math.abs(got - want) <= 1e-5 * Math.max(Math.abs(want), 1e-30), `${name}: script ${got}, export ${want}`);
    return 1;
  }
  assert.ok(Array.isArray(want), `${name}: export has no such tensor`);
  assert.equal(got.length, want.length, `${name}: rows`);
  const scale = Math.max(...want.flat().map(Math.abs), 1e-30);
  let n = 0;
  for (let r = 0; r < want.length; r++) {
    assert.equal(got[r].length, want[r].length, `${name}: columns`);
    for (let c = 0; c < want[r].length; c++, n++)
      assert.ok(Math.abs(got[r][c] - want[r][c]) <= 1e-5 * scale, `${name}[${r},${c}]: script ${got[r][c]}, export ${want[r][c]} (scale ${scale})`);
  }
  return n;
}

for (const b of builds) {
  for (const link of LINKS) {
    test(`${b.name}: the NumPy script prints bprop export's numbers: ${link}`, { skip }, () => {
      const script = run(b, ['export', link, '--steps', '25', '--python']);
      assert.equal(script.code, 0, script.err);
      assert.match(script.out, /^#!\/usr\/bin\/env python3\n/);
      assert.match(script.out, /import numpy as np/);
      assert.doesNotMatch(script.out, /torch|tensorflow|jax/);
      const dir = mkdtempSync(join(tmpdir(), 'bprop-py-'));
      try {
        const file = join(dir, 'step.py');
        writeFileSync(file, script.out);
        const py = spawnSync(python, ['-W', 'error', file], { encoding: 'utf8' });  // no overflow warnings either
        assert.equal(py.status, 0, py.stderr);
        const values = parseScriptOutput(py.stdout);
        const j = JSON.parse(run(b, ['export', link, '--steps', '25']).out);
        let numbers = 0;
        for (const [name, v] of values) numbers += compare(name, v, exported(j, name));
        // Every gradient export prints is in the script's output too.
        for (let l = 1; l <= j.layers.length; l++) {
          for (const q of ['dZ', 'dW', 'db']) assert.ok(values.has(`${q}${l}`), `${q}${l} printed`);
          if (j.layers[l - 1].dA) assert.ok(values.has(`dA${l}`), `dA${l} printed`);
          if (j.layers[l - 1].dW_data) assert.ok(values.has(`dW${l}_data`) && values.has(`dW${l}_penalty`));
        }
        assert.ok(values.has('dA0') && values.has('objective'));
        assert.ok(numbers > 10, `${numbers} numbers compared`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  test(`${b.name}: export --python refuses what export refuses`, () => {
    const r = run(b, ['export', 'v=1&data=user', '--python']);
    assert.equal(r.code, 2);
    assert.match(r.err, /the data set is empty/);
    assert.equal(r.out, '');
  });
}

if (builds.length === 2) {
  test('native and wasm write the same NumPy script', () => {
    const [n, w] = builds.map((b) => run(b, ['export', LINKS[0], '--steps', '25', '--python']));
    assert.equal(n.code, 0, n.err);
    assert.equal(w.out, n.out);
  });
}
