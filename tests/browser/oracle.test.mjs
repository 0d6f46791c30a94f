// tests/browser/oracle.test.mjs: the inspector's numbers against an oracle written here, independently of the
// engine. The test reads only the inputs from the page (the weights from Export > model JSON, the next minibatch
// X and Y from Export > Python, checked against Export > data CSV) and recomputes everything derived from them in
// plain JavaScript loops in Float64: the forward pass, every local Jacobian the Matrices tab shows (activation
// diag(g'(z)), softmax diag(s) - s s^T, the affine Jacobians W, a^T (x) I_K, I_K and their minibatch forms
// I_N (x) W, A^T (x) I_K, 1_N (x) I_K, the loss Jacobian), the chain-rule product of those Jacobians for dL/dW,
// dL/db, dL/dz, dL/da, and central differences of its own loss. Then it compares them with what the page shows
// (getInspectorPane: the matrix each heatmap draws), hovers real heatmap cells with the mouse and checks the
// hover's value and its row and column names (README: "row 14 = z[1][2] of sample 3, column 9 = W[1][1,2]"),
// and checks the Gradient check tab against `bprop` (native or wasm) and against the oracle's central
// differences.
//
// Tolerances, and why:
//   kDouble 1e-12  the Jacobian factors and the Gradient check's analytic side: the page computes them in double
//                  from the same float32 weights and inputs, so only the rounding of a few double operations
//                  (and a different summation order) separates them from the oracle (~1e-16 relative).
//   kFloat  1e-5   the gradients training applies (dL/dW, dL/db, dL/dz, dL/da, the stepper's forward values)
//                  are computed in float32 (eps 6e-8) through at most three layers of sums of a few terms of
//                  size <= 6: their rounding stays below 1e-6 of the largest entry; 1e-5 leaves a 10x margin
//                  and is still 1e4 times smaller than what a dropped factor or a swapped index changes.
//   kCentral 1e-8  central differences (h ~ 6e-6, the engine's; the oracle uses its own h = 1e-5) have a
//                  truncation error near h^2 |f'''| ~ 1e-10 and a rounding error near eps |L| / h ~ 2e-11.
// Every tolerance is relative to max(1, the largest |entry| of the oracle's matrix).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startEnv, poll, REPO_ROOT } from './harness.mjs';

const kDouble = 1e-12, kFloat = 1e-5, kCentral = 1e-8;

let env;
before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

// ---- the oracle: dense matrices (row-major Float64Array) and plain loops --------------------------------------

const mat = (rows, cols, f = () => 0) => {
  const v = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) v[i * cols + j] = f(i, j);
  return { rows, cols, v };
};
const at = (M, i, j) => M.v[i * M.cols + j];
function mul(A, B) {
  assert.equal(A.cols, B.rows, `product of ${A.rows}x${A.cols} and ${B.rows}x${B.cols}`);
  return mat(A.rows, B.cols, (i, j) => {
    let s = 0;
    for (let k = 0; k < A.cols; k++) s += at(A, i, k) * at(B, k, j);
    return s;
  });
}
const maxAbs = (M) => M.v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
// A row vector 1 x (rows * cols) that is vec() of a rows x cols matrix (column-major), back to the matrix.
const unvec = (g, rows, cols) => mat(rows, cols, (i, j) => g.v[i + rows * j]);

const delta = (a, b) => (a === b ? 1 : 0);
const sigmoid = (z) => 1 / (1 + Math.exp(-z));
const softplus = (z) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
const ACT = {
  tanh: { f: Math.tanh, d: (z) => 1 / Math.cosh(z) ** 2 },
  sigmoid: { f: sigmoid, d: (z) => Math.exp(-Math.abs(z)) / (1 + Math.exp(-Math.abs(z))) ** 2 },
  linear: { f: (z) => z, d: () => 1 },
};

/** The network as the model JSON gives it: [{W (K x D), b (K), act}]; the loss follows the head (README "Models"). */
function netFromModel(model) {
  const layers = model.layers.map((l) => ({
    W: mat(l.W.length, l.W[0].length, (i, j) => l.W[i][j]), b: l.b.slice(), act: l.activation,
  }));
  const head = layers[layers.length - 1].act;
  return { layers, loss: { sigmoid: 'bce', softmax: 'cce', linear: 'mse' }[head] };
}

/** Forward pass over the columns of X: Z[l], A[l] (A[0] = X), with z = W a + b and a = g(z) column by column. */
function forward(net, X) {
  const Z = [], A = [X];
  for (const { W, b, act } of net.layers) {
    const P = A[A.length - 1], N = P.cols;
    const z = mat(W.rows, N, (k, n) => {
      let s = b[k];
      for (let d = 0; d < W.cols; d++) s += at(W, k, d) * at(P, d, n);
      return s;
    });
    let a;
    if (act === 'softmax') {
      a = mat(z.rows, N);
      for (let n = 0; n < N; n++) {
        let m = -Infinity, sum = 0;
        for (let k = 0; k < z.rows; k++) m = Math.max(m, at(z, k, n));
        for (let k = 0; k < z.rows; k++) sum += Math.exp(at(z, k, n) - m);
        for (let k = 0; k < z.rows; k++) a.v[k * N + n] = Math.exp(at(z, k, n) - m) / sum;
      }
    } else {
      a = mat(z.rows, N, (k, n) => ACT[act].f(at(z, k, n)));
    }
    Z.push(z);
    A.push(a);
  }
  return { Z, A };
}

/** L = the data loss (mean over the N columns, from the logits) + the penalty on the weights (README "Training"). */
function objective(net, X, Y, reg = { kind: 'none', rate: 0 }) {
  const { Z, A } = forward(net, X), z = Z[Z.length - 1], yhat = A[A.length - 1], N = X.cols;
  let L = 0;
  for (let n = 0; n < N; n++) {
    if (net.loss === 'bce') L += softplus(at(z, 0, n)) - at(Y, 0, n) * at(z, 0, n);
    else if (net.loss === 'mse') for (let k = 0; k < z.rows; k++) L += (at(yhat, k, n) - at(Y, k, n)) ** 2;
    else {
      let m = -Infinity, s = 0, zy = 0;
      for (let k = 0; k < z.rows; k++) m = Math.max(m, at(z, k, n));
      for (let k = 0; k < z.rows; k++) { s += Math.exp(at(z, k, n) - m); zy += at(Y, k, n) * at(z, k, n); }
      L += m + Math.log(s) - zy;
    }
  }
  L /= N;
  for (const { W } of net.layers)
    for (const w of W.v) L += reg.kind === 'l2' ? (reg.rate / 2) * w * w : reg.kind === 'l1' ? reg.rate * Math.abs(w) : 0;
  return L;
}

/**
 * Every Jacobian of the minibatch X (D x N) as the course writes them, flattened with column-major vec()
 * (vec(Z)[k + K n] = Z[k, n], vec(W)[k + K d] = W[k, d]), and the chain-rule products: the gradient of L at a[l],
 * z[l], W[l], b[l] and a[l-1] is the row vector upstream x local. With N = 1 it is the one-sample form.
 */
function jacobians(net, X, Y, reg = { kind: 'none', rate: 0 }) {
  const { Z, A } = forward(net, X), N = X.cols, L = net.layers.length;
  const yhat = A[L], z = Z[L - 1], K = yhat.rows;
  const dL_dyhat = mat(1, K * N, (_, c) => {
    const k = c % K, n = Math.floor(c / K), y = at(Y, k, n), p = at(yhat, k, n);
    if (net.loss === 'mse') return (2 / N) * (p - y);
    if (net.loss === 'cce') return (-1 / N) * (y / p);
    const zz = at(z, k, n);  // p and 1 - p from z, so neither loses digits near 0 or 1
    return ((1 / N) * (sigmoid(zz) - y)) / (sigmoid(zz) * sigmoid(-zz));
  });
  const layers = [];
  for (let l = 1; l <= L; l++) {
    const { W, act } = net.layers[l - 1], Kl = W.rows, D = W.cols, zl = Z[l - 1], al = A[l], prev = A[l - 1];
    const row = (c) => [c % Kl, Math.floor(c / Kl)];
    layers[l] = {
      a_z: mat(Kl * N, Kl * N, (r, c) => {
        const [i, n] = row(r), [j, m] = row(c);
        if (n !== m) return 0;
        if (act === 'softmax') return at(al, i, n) * (delta(i, j) - at(al, j, n));
        return delta(i, j) * ACT[act].d(at(zl, i, n));
      }),
      z_aprev: mat(Kl * N, D * N, (r, c) => {  // I_N (x) W
        const [k, n] = row(r), d = c % D, m = Math.floor(c / D);
        return delta(n, m) * at(W, k, d);
      }),
      z_W: mat(Kl * N, Kl * D, (r, c) => {  // A^T (x) I_K: weight W[k', d] moves z[k] of sample n by a[d] when k = k'
        const [k, n] = row(r), [kk, d] = row(c);
        return delta(k, kk) * at(prev, d, n);
      }),
      z_b: mat(Kl * N, Kl, (r, c) => delta(row(r)[0], c)),  // 1_N (x) I_K
      K: Kl, D,
    };
  }
  // The chain rule, from the loss back to layer 1: each gradient is a row vector (vec'd), upstream x local.
  let ga = dL_dyhat;
  for (let l = L; l >= 1; l--) {
    const J = layers[l], gz = mul(ga, J.a_z);
    const W = net.layers[l - 1].W;
    const penalty = (w) => (reg.kind === 'l2' ? reg.rate * w : reg.kind === 'l1' ? reg.rate * Math.sign(w) : 0);
    const dWdata = unvec(mul(gz, J.z_W), J.K, J.D);
    Object.assign(J, {
      L_a: unvec(ga, J.K, N), L_z: unvec(gz, J.K, N),
      L_W: mat(J.K, J.D, (i, j) => at(dWdata, i, j) + penalty(at(W, i, j))),
      L_b: unvec(mul(gz, J.z_b), J.K, 1),
      L_aprev: unvec(mul(gz, J.z_aprev), J.D, N),
      up_z: gz, up_a: ga,
    });
    ga = mul(gz, J.z_aprev);
  }
  return { Z, A, dL_dyhat, layers };
}

/** Central differences of the oracle's own objective over W[l] (h = 1e-5), shaped like W[l]. */
function centralW(net, X, Y, l, reg) {
  const W = net.layers[l - 1].W;
  return mat(W.rows, W.cols, (i, j) => {
    const k = i * W.cols + j, w = W.v[k], h = 1e-5 * Math.max(1, Math.abs(w));
    W.v[k] = w + h;
    const up = objective(net, X, Y, reg);
    W.v[k] = w - h;
    const down = objective(net, X, Y, reg);
    W.v[k] = w;
    return (up - down) / (2 * h);
  });
}

/** The oracle's matrix for the inspector's matrix `kind` (the order of the Matrices tab's combo) of layer l. */
function oracleMatrix(J, kind, l) {
  const j = J.layers[l];
  return [J.dL_dyhat, j.a_z, j.z_aprev, j.z_W, j.z_b, j.L_W, j.L_b, j.L_z, j.L_a, j.L_aprev][kind];
}
const KIND_NAMES = ['dL/dyhat', 'da/dz', 'dz/da_prev', 'dz/dW', 'dz/db', 'dL/dW', 'dL/db', 'dL/dz', 'dL/da', 'dL/da_prev'];
const FLOAT_KINDS = new Set([5, 6, 7, 8, 9]);  // computed by the training step, in float32

/** Asserts the page's matrix {rows, cols, values} equals the oracle's within tol x max(1, max |oracle|). */
function assertNear(page, oracle, tol, what) {
  assert.equal(page.error, undefined, `${what}: ${page.error}`);
  assert.deepEqual([page.rows, page.cols], [oracle.rows, oracle.cols], `${what}: shape`);
  const scale = Math.max(1, maxAbs(oracle));
  let worst = 0;
  for (let i = 0; i < oracle.v.length; i++) {
    const err = Math.abs(Number(page.values[i]) - oracle.v[i]);
    worst = Math.max(worst, err / scale);
    assert.ok(err <= tol * scale, `${what}: entry ${Math.floor(i / oracle.cols)},${i % oracle.cols}: page ${page.values[i]}, oracle ${oracle.v[i]}`);
  }
  return worst;
}

// ---- what the test reads from the page: the weights, the minibatch, the data ----------------------------------

/** A `NAME = np.array([...], dtype=float)` of the exported NumPy script, as rows of numbers. */
function pyArray(script, name) {
  const m = new RegExp(`^${name} = np\\.array\\((\\[[\\s\\S]*?\\])\\s*, dtype=float\\)`, 'm').exec(script);
  assert.ok(m, `the Python export has ${name}`);
  return JSON.parse(m[1]);
}
const fromRows = (rows) => mat(rows.length, rows[0].length, (i, j) => rows[i][j]);

/**
 * Opens a link and reads its inputs: the network from Export > model JSON, the next minibatch from Export >
 * Python (its weights must be the model JSON's), each sample of which must be a point of Export > data CSV
 * with its label. X and Y hold the float32 values the engine uses (9 significant digits round-trip a float32).
 */
async function openRun(hash) {
  const s = await env.open({ width: 1280, height: 800, hash });
  const model = JSON.parse(await s.api('exportText', 'model'));
  const script = await s.api('exportText', 'python');
  const net = netFromModel(model);
  net.layers.forEach(({ W, b }, i) => {
    const pyW = pyArray(script, `W${i + 1}`).flat(), pyb = pyArray(script, `b${i + 1}`).flat();
    pyW.forEach((w, k) => assert.equal(Math.fround(w), W.v[k], `W[${i + 1}] of the two exports`));
    pyb.forEach((x, k) => assert.equal(Math.fround(x), b[k], `b[${i + 1}] of the two exports`));
  });
  const X = fromRows(pyArray(script, 'X').map((r) => r.map(Math.fround)));
  const Y = fromRows(pyArray(script, 'Y').map((r) => r.map(Math.fround)));
  const csv = (await s.api('exportText', 'data')).trim().split('\n').slice(1).map((line) => line.split(',').map(Number));
  for (let n = 0; n < X.cols; n++) {
    const label = Y.rows === 1 ? at(Y, 0, n) : [...Array(Y.rows).keys()].find((k) => at(Y, k, n) === 1);
    const x = [...Array(X.rows).keys()].map((d) => at(X, d, n));
    const found = csv.some((r) => x.every((v, d) => Math.fround(r[d]) === v) && Math.fround(r[r.length - 1]) === label);
    assert.ok(found, `sample ${n} of the minibatch (${x}, label ${label}) is a point of the data CSV`);
  }
  return { s, net, X, Y };
}
const columns = (M, cols) => mat(M.rows, cols.length, (i, j) => at(M, i, cols[j]));

async function openInspector(s) {
  await s.page.keyboard.press('j');
  await poll(async () => (await s.api('getInspector')).open, { what: 'inspector open (J)' });
}

/** Sets the inspector and waits until the panes show the matrices of that choice (their titles say which). */
async function show(s, state, titleOf0) {
  await s.api('setInspector', { live: false, ...state });
  await s.frames(2);
  return poll(async () => {
    const p = await s.api('getInspectorPane', 0);
    return p.error === undefined && titleOf0.test(p.title) ? p : null;
  }, { what: `the inspector showing ${JSON.stringify(state)} (${titleOf0})` });
}

/** Moves the mouse to the middle of cell (row, col) of heatmap `pane` and returns the page's hover report. */
async function hover(s, pane, row, col) {
  const r = (await s.api('getUiRects'))[`heatmap_${pane}`];
  const m = await s.api('getInspectorPane', pane);
  assert.ok(r, `heatmap_${pane} on screen`);
  await s.page.mouse.move(r[0] + (r[2] - r[0]) * ((col + 0.5) / m.cols), r[1] + (r[3] - r[1]) * ((row + 0.5) / m.rows));
  return poll(async () => {
    const h = (await s.api('getInspector')).hover;
    return h.pane === pane && h.row === row && h.col === col ? h : null;
  }, { what: `hover on heatmap ${pane}, row ${row}, column ${col}` });
}

// The README's names (Conventions; the tooltip's example "row 14 = z[1][2] of sample 3, column 9 = W[1][1,2]"),
// written here from the convention, not read from the page: a minibatch axis of a K-vector q runs q[k] of
// sample n at k + K n; a matrix W (K x D) runs W[k,d] at k + K d.
const batchName = (q, K, i) => `${q}[${i % K}] of sample ${Math.floor(i / K)}`;
const weightName = (l, K, i) => `W[${l}][${i % K},${Math.floor(i / K)}]`;

// ---- the CLI ---------------------------------------------------------------------------------------------------

/** The bprop builds to ask: native (BPROP_NATIVE or build-native/bprop) and wasm (BPROP_JS or build-web/bprop.js). */
function cliBuilds() {
  const out = [];
  const native = process.env.BPROP_NATIVE || join(REPO_ROOT, 'build-native', 'bprop');
  const wasm = process.env.BPROP_JS || join(REPO_ROOT, 'build-web', 'bprop.js');
  if (existsSync(native)) out.push({ name: 'native', cmd: native, pre: [] });
  if (existsSync(wasm)) out.push({ name: 'wasm', cmd: process.execPath, pre: ['--no-experimental-fetch', wasm] });
  return out;
}
function bprop(build, args) {
  const r = spawnSync(build.cmd, [...build.pre, ...args], { encoding: 'utf8', maxBuffer: 16 << 20 });
  assert.equal(r.status, 0, `bprop ${args.join(' ')} (${build.name}): ${r.stderr}`);
  return r.stdout;
}
/** One CSV line with quoted fields (labels such as "W[1][0,4]" hold commas). */
function csvFields(line) {
  const out = [];
  for (let i = 0; i < line.length;) {
    if (line[i] === '"') {
      const end = line.indexOf('"', i + 1);
      out.push(line.slice(i + 1, end));
      i = end + 2;
    } else {
      const end = line.indexOf(',', i);
      out.push(line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length : end + 1;
    }
  }
  return out;
}
/** `bprop jacobian` as {rows, cols, values, rowLabels, colLabels}. */
function cliJacobian(build, link, args) {
  const lines = bprop(build, ['jacobian', link, ...args]).trim().split('\n').filter((x) => !x.startsWith('#'));
  const header = csvFields(lines[0]).slice(1), body = lines.slice(1).map(csvFields);
  return { rows: body.length, cols: header.length, values: body.flatMap((r) => r.slice(1).map(Number)),
    rowLabels: body.map((r) => r[0]), colLabels: header };
}
/** `bprop gradcheck` as {tensor: {max_abs_error, rel_error, result}}. */
function cliGradcheck(build, link) {
  const lines = bprop(build, ['gradcheck', link]).trim().split('\n').filter((x) => !x.startsWith('#')).slice(1);
  return Object.fromEntries(lines.map((line) => {
    const [tensor, , , abs, rel, result] = line.split(',');
    return [tensor, { max_abs_error: Number(abs), rel_error: Number(rel), result }];
  }));
}

// ---- the tests -------------------------------------------------------------------------------------------------

test('an MLP (tanh hidden, sigmoid + BCE): every matrix of every layer is the oracle\'s, and hovers name and read cells', async () => {
  // 2-3-2-1, batch 5: no matrix is square but the activations', and the minibatch forms are 15 x 6, 15 x 10, ...
  const { s, net, X, Y } = await openRun('v=1&model=mlp&data=circle&n=60&layers=3,2&act=tanh&batch=5&step=7');
  assert.match((await s.api('getMetrics')).run, /tanh hidden, sigmoid \+ BCE, batch 5/);
  assert.deepEqual([X.rows, X.cols, net.loss], [2, 5, 'bce']);
  const J = jacobians(net, X, Y), sample = 3, one = jacobians(net, columns(X, [sample]), columns(Y, [sample]));
  await openInspector(s);
  const worst = { double: 0, float: 0 };
  for (let l = 1; l <= 3; l++) {
    for (let kind = 0; kind < 10; kind++) {
      if (kind === 0 && l !== 3) continue;  // the loss Jacobian belongs to the output layer
      await show(s, { tab: 0, layer: l, kind, sample }, new RegExp(`sample ${sample}`));
      const tol = FLOAT_KINDS.has(kind) ? kFloat : kDouble;
      const w = Math.max(
        assertNear(await s.api('getInspectorPane', 0), oracleMatrix(one, kind, l), tol, `layer ${l} ${KIND_NAMES[kind]}, sample ${sample}`),
        assertNear(await s.api('getInspectorPane', 1), oracleMatrix(J, kind, l), tol, `layer ${l} ${KIND_NAMES[kind]}, minibatch`));
      if (FLOAT_KINDS.has(kind)) worst.float = Math.max(worst.float, w);
      else worst.double = Math.max(worst.double, w);
    }
  }
  console.log(`# MLP: largest difference from the oracle, relative: factors ${worst.double.toExponential(2)}, gradients ${worst.float.toExponential(2)}`);
  // The oracle's chain-rule product agrees with its own central differences (so it is right, not just equal).
  for (let l = 1; l <= 3; l++) assertNear({ rows: J.layers[l].L_W.rows, cols: J.layers[l].L_W.cols, values: [...J.layers[l].L_W.v] },
    centralW(net, X, Y, l), kCentral, `oracle dL/dW[${l}] against its central differences`);

  // Hover three cells of the 15 x 6 minibatch dz[1]/dW[1] = A[0]^T (x) I_3 (one of them the README's kind of
  // example: row 14 = z[1][2] of sample 4), then two of the 10 x 15 minibatch dz[2]/da[1] = I_5 (x) W[2].
  await show(s, { tab: 0, layer: 1, kind: 3, sample }, /sample 3/);
  const zW = J.layers[1].z_W;
  for (const [row, col] of [[14, 5], [4, 1], [9, 0]]) {
    const h = await hover(s, 1, row, col);
    assert.ok(Math.abs(h.value - at(zW, row, col)) <= kDouble * Math.max(1, maxAbs(zW)), `dz/dW[${row},${col}]: hover ${h.value}, oracle ${at(zW, row, col)}`);
    assert.equal(h.row_label, batchName('z[1]', 3, row));
    assert.equal(h.col_label, weightName(1, 3, col));
  }
  assert.equal(at(zW, 14, 5), at(X, 1, 4), 'row 14, column 5: W[1][2,1] moves z[1][2] of sample 4 by x[1] of sample 4');
  await show(s, { tab: 0, layer: 2, kind: 2, sample }, /sample 3/);
  const za = J.layers[2].z_aprev;
  for (const [row, col] of [[7, 11], [6, 4]]) {
    const h = await hover(s, 1, row, col);
    assert.ok(Math.abs(h.value - at(za, row, col)) <= kDouble * Math.max(1, maxAbs(za)), `dz/da_prev[${row},${col}]`);
    assert.equal(h.row_label, batchName('z[2]', 2, row));
    assert.equal(h.col_label, batchName('a[1]', 3, col));
  }
  assert.notEqual(at(za, 7, 11), 0, 'row 7 (sample 3) meets column 11 (sample 3): a copy of W[2]');
  assert.equal(at(za, 6, 4), 0, 'row 6 (sample 3) and column 4 (sample 1): off the block diagonal');
  await s.screenshot('oracle-mlp-hover');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('an MLP: the stepper\'s forward pass and the chain-rule tab\'s product are the oracle\'s', async () => {
  const { s, net, X, Y } = await openRun('v=1&model=mlp&data=circle&n=60&layers=3,2&act=tanh&batch=5&step=7');
  const J = jacobians(net, X, Y);
  await openInspector(s);
  // The stepper walks the forward pass of the next minibatch: z[1], a[1], z[2], a[2], z[3], a[3] (float32).
  await s.api('setInspector', { live: false, tab: 3 });
  await s.frames(2);
  for (let op = 0; op < 6; op++) {
    const l = (op >> 1) + 1, what = op % 2 ? `a[${l}]` : `z[${l}]`;
    const p = await poll(async () => {
      const x = await s.api('getInspectorPane', 0);
      return x.error === undefined && x.title.includes(`forward: ${what} =`) ? x : null;
    }, { what: `the stepper at ${what}` });
    assertNear(p, op % 2 ? J.A[l] : J.Z[l - 1], kFloat, `stepper forward ${what}`);
    await s.click((await s.api('getUiRects')).stepper_next);
    await s.frames(2);
  }
  // Then the loss of the minibatch, which the stepper's title prints to 6 significant digits.
  const title = (await poll(async () => {
    const x = await s.api('getInspectorPane', 0);
    return x.error === undefined && /data loss = loss\(yhat, y\) = /.test(x.title) ? x : null;
  }, { what: 'the stepper at the loss' })).title;
  const shown = Number(/data loss = loss\(yhat, y\) = (\S+)/.exec(title)[1]), L = objective(net, X, Y);
  assert.ok(Math.abs(shown - L) <= 5e-6 * L, `the stepper's loss ${shown}, the oracle's ${L}`);
  // Chain rule, one sample (its own loss, N = 1): upstream dL/dz[l] x local dz[l]/dW[l] = downstream dL/dW[l].
  // The product of the page's two panes is recomputed here, and all three panes are the oracle's.
  const sample = 2, one = jacobians(net, columns(X, [sample]), columns(Y, [sample]));
  for (const l of [1, 2]) {
    await show(s, { tab: 1, layer: l, op: 2, sample }, /./);
    const [up, local, down] = [await s.api('getInspectorPane', 0), await s.api('getInspectorPane', 1), await s.api('getInspectorPane', 2)];
    const o = one.layers[l];
    assertNear(up, o.up_z, kFloat, `chain layer ${l}: upstream dL/dz`);
    assertNear(local, o.z_W, kDouble, `chain layer ${l}: local dz/dW`);
    const product = mul(mat(up.rows, up.cols, (i, j) => up.values[i * up.cols + j]), mat(local.rows, local.cols, (i, j) => local.values[i * local.cols + j]));
    assertNear(down, product, kDouble, `chain layer ${l}: downstream = the page's upstream x the page's local, multiplied here`);
    assertNear(down, mat(1, o.K * o.D, (_, c) => at(o.L_W, c % o.K, Math.floor(c / o.K))), kFloat, `chain layer ${l}: downstream is the oracle's vec(dL/dW)`);
    const ins = await s.api('getInspector');
    assert.ok(ins.chain_diff <= 1e-6, `chain layer ${l}: differs from backprop by ${ins.chain_diff}`);
  }
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('a softmax classifier (3 classes): softmax Jacobian diag(s) - s s^T, its minibatch block diagonal, the gradients', async () => {
  const { s, net, X, Y } = await openRun('v=1&model=softmax&data=blobsk&classes=3&n=45&batch=4&step=3');
  assert.match((await s.api('getMetrics')).run, /softmax \+ CCE, batch 4/);
  assert.deepEqual([X.rows, X.cols, Y.rows, net.loss], [2, 4, 3, 'cce']);
  const J = jacobians(net, X, Y), sample = 1, one = jacobians(net, columns(X, [sample]), columns(Y, [sample]));
  await openInspector(s);
  for (let kind = 0; kind < 10; kind++) {
    await show(s, { tab: 0, layer: 1, kind, sample }, /sample 1/);
    const tol = FLOAT_KINDS.has(kind) ? kFloat : kDouble;
    assertNear(await s.api('getInspectorPane', 0), oracleMatrix(one, kind, 1), tol, `softmax ${KIND_NAMES[kind]}, sample ${sample}`);
    assertNear(await s.api('getInspectorPane', 1), oracleMatrix(J, kind, 1), tol, `softmax ${KIND_NAMES[kind]}, minibatch`);
  }
  // The softmax Jacobian is symmetric with rows summing to 0 (the oracle's, as a check on the oracle).
  const S = J.layers[1].a_z;
  for (let i = 0; i < S.rows; i++) {
    assert.ok(Math.abs([...Array(S.cols).keys()].reduce((acc, j) => acc + at(S, i, j), 0)) < 1e-15);
    for (let j = 0; j < S.cols; j++) assert.equal(at(S, i, j), at(S, j, i));
  }
  // Hover the 12 x 12 block diagonal: an off-diagonal entry inside sample 2's block (-s_0 s_2), a diagonal one
  // (s(1 - s)), and one between two samples' blocks (0).
  await show(s, { tab: 0, layer: 1, kind: 1, sample }, /sample 1/);
  for (const [row, col] of [[6, 8], [10, 10], [2, 5]]) {
    const h = await hover(s, 1, row, col);
    assert.ok(Math.abs(h.value - at(S, row, col)) <= kDouble, `softmax Jacobian [${row},${col}]: hover ${h.value}, oracle ${at(S, row, col)}`);
    assert.equal(h.row_label, batchName('a[1]', 3, row));
    assert.equal(h.col_label, batchName('z[1]', 3, col));
  }
  await s.screenshot('oracle-softmax-hover');
  const p = J.A[1];
  assert.ok(Math.abs(at(S, 6, 8) + at(p, 0, 2) * at(p, 2, 2)) < 1e-15, 'entry 6,8 is -s0 s2 of sample 2');
  assert.equal(at(S, 2, 5), 0);
  // Chain rule through the softmax, one sample: upstream dL/dyhat = -y/yhat, downstream dL/dz = yhat - y.
  await show(s, { tab: 1, layer: 1, op: 1, sample }, /./);
  const down = await s.api('getInspectorPane', 2);
  assertNear(down, one.layers[1].up_z, kFloat, 'softmax chain: downstream dL/dz');
  const py = mat(1, 3, (_, k) => at(one.A[1], k, 0) - at(columns(Y, [sample]), k, 0));
  assertNear(down, py, kFloat, 'softmax chain: dL/dz = yhat - y');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('linear regression (MSE): dL/dyhat = (2/N)(yhat - y), the affine Jacobians and the gradients', async () => {
  const { s, net, X, Y } = await openRun('v=1&model=linreg&data=plane&n=40&batch=6&step=4');
  assert.deepEqual([X.rows, X.cols, Y.rows, net.loss], [2, 6, 1, 'mse']);
  const J = jacobians(net, X, Y), sample = 5, one = jacobians(net, columns(X, [sample]), columns(Y, [sample]));
  await openInspector(s);
  for (let kind = 0; kind < 10; kind++) {
    await show(s, { tab: 0, layer: 1, kind, sample }, /sample 5/);
    const tol = FLOAT_KINDS.has(kind) ? kFloat : kDouble;
    assertNear(await s.api('getInspectorPane', 0), oracleMatrix(one, kind, 1), tol, `linreg ${KIND_NAMES[kind]}, sample ${sample}`);
    assertNear(await s.api('getInspectorPane', 1), oracleMatrix(J, kind, 1), tol, `linreg ${KIND_NAMES[kind]}, minibatch`);
  }
  assertNear(await s.api('inspect', 1, 'L', 'W', -1), centralW(net, X, Y, 1), kFloat, 'linreg dL/dW against the oracle\'s central differences');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('the Gradient check tab: analytic and numerical sides against the oracle and against bprop gradcheck / jacobian', async () => {
  const builds = cliBuilds();
  assert.ok(builds.length > 0, 'no bprop build: build-native/bprop or build-web/bprop.js (or BPROP_NATIVE / BPROP_JS)');
  // Batch 1, so the tab's one sample is the whole minibatch bprop gradcheck checks; L2 puts lambda W in dL/dW.
  const link = 'v=1&model=mlp&data=xor&n=50&layers=3,2&act=tanh&batch=1&step=9&reg=l2&rate=0.01';
  const reg = { kind: 'l2', rate: Math.fround(0.01) };  // the link's rate is a float32 setting, as lr is (Params)
  const { s, net, X, Y } = await openRun(link);
  assert.equal(X.cols, 1);
  const J = jacobians(net, X, Y, reg);
  const gc = builds.map((b) => cliGradcheck(b, link));
  await openInspector(s);
  for (const l of [1, 2, 3]) {
    for (const [kind, tensor, oracle] of [[5, `W[${l}]`, J.layers[l].L_W], [6, `b[${l}]`, J.layers[l].L_b]]) {
      await show(s, { tab: 2, layer: l, kind, sample: 0 }, new RegExp(`backprop in double: ∂L/∂${tensor.replace(/[[\]]/g, '\\$&')}`));
      const panes = await Promise.all([0, 1, 2].map((i) => s.api('getInspectorPane', i)));
      assertNear(panes[0], oracle, kDouble, `gradient check ${tensor}: analytic (double) against the oracle's chain rule`);
      const central = kind === 5 ? centralW(net, X, Y, l, reg) : null;
      if (central) assertNear(panes[1], central, kCentral, `gradient check ${tensor}: numerical against the oracle's central differences`);
      assertNear(panes[1], oracle, kCentral, `gradient check ${tensor}: numerical against the oracle's chain rule`);
      const pageAbs = panes[2].values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      const ins = await s.api('getInspector');
      builds.forEach((b, i) => {
        const cli = gc[i][tensor];
        assert.equal(cli.result, 'pass', `bprop gradcheck (${b.name}) ${tensor}`);
        // Both sides are the same central differences of the same double network (the page's through
        // inspect_numeric, bprop's through gradient_check), printed by bprop to 3 significant digits.
        assert.ok(Math.abs(pageAbs - cli.max_abs_error) <= 0.01 * cli.max_abs_error + 1e-15,
          `${tensor}: the page's max |analytic - numerical| ${pageAbs} vs bprop gradcheck (${b.name}) ${cli.max_abs_error}`);
        assert.ok(Math.abs(ins.check_rel_error - cli.rel_error) <= 0.01 * cli.rel_error + 1e-15,
          `${tensor}: the page's relative error ${ins.check_rel_error} vs bprop gradcheck (${b.name}) ${cli.rel_error}`);
        // bprop jacobian prints the float gradient training applies: the page's double analytic side to float.
        const jac = cliJacobian(b, link, ['--layer', String(l), '--of', 'L', '--wrt', kind === 5 ? 'W' : 'b', '--sample', '0']);
        assertNear(jac, oracle, kFloat, `bprop jacobian (${b.name}) d L/d${tensor} against the oracle`);
      });
      assert.ok(ins.check_rel_error <= 1e-6, `${tensor}: the page's badge passes (${ins.check_rel_error})`);
      console.log(`# ${tensor}: page max |analytic - numerical| ${pageAbs.toExponential(3)}, relative ${ins.check_rel_error.toExponential(3)}; ` +
        builds.map((b, i) => `bprop gradcheck (${b.name}) ${gc[i][tensor].max_abs_error}, ${gc[i][tensor].rel_error}`).join('; '));
    }
  }
  // Hover the numerical pane of dL/dW[2] (2 x 3): its value is the oracle's central difference, its names bprop's.
  await show(s, { tab: 2, layer: 2, kind: 5, sample: 0 }, /backprop in double: ∂L\/∂W\[2\]/);
  const central = centralW(net, X, Y, 2, reg);
  const jac = cliJacobian(builds[0], link, ['--layer', '2', '--of', 'L', '--wrt', 'W', '--sample', '0']);
  for (const [row, col] of [[1, 2], [0, 1]]) {
    const h = await hover(s, 1, row, col);
    assert.ok(Math.abs(h.value - at(central, row, col)) <= kCentral * Math.max(1, maxAbs(central)), `numerical [${row},${col}]`);
    assert.equal(h.row_label, jac.rowLabels[row]);
    assert.equal(h.col_label, jac.colLabels[col]);
  }
  await s.screenshot('oracle-gradient-check');
  assert.deepEqual(s.problems(), []);
  await s.close();
});
