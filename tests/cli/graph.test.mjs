// tests/cli/graph.test.mjs: `bprop graph` (the scalar computational graph of one sample) and `bprop paths` (the
// total derivative over several paths), against `bprop export`'s numbers on the same link and step.
//   BPROP_NATIVE=path/to/bprop  BPROP_JS=path/to/bprop.js   (as tests/cli/bprop.test.mjs)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builds, run } from './builds_lib.mjs';

function json(build, args) {
  const r = run(build, args);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.err}`);
  return JSON.parse(r.out);
}
// The gradient a leaf received, by the inspector's name ("W[1][0,1]", "b[1][0]", "x[0]").
const leafGrad = (g, name) => g.gates.find((x) => x.kind === 'leaf' && x.engine_name === name).upstream;
// Float tolerance: the graph runs in double on the float weights, training in float.
const near = (a, b, what, tol = 1e-5) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

const LOGREG = 'v=1&model=logreg&data=circle&features=x,y,xy&lr=0.3';

for (const b of builds) {
  test(`${b.name}: graph of one sample with batch 1 has the gradient export prints`, () => {
    for (const decompose of [false, true]) {
      const link = `${LOGREG}&batch=1`;
      const g = json(b, ['graph', link, '--steps', '7', ...(decompose ? ['--decompose'] : [])]);
      const e = json(b, ['export', link, '--steps', '7']);
      assert.equal(g.decomposed, decompose);
      assert.equal(g.gates.length, 3 * 3 + 1 + 1 + (decompose ? 4 : 1) + 1);  // w, x, × per input; b; +; σ; loss
      for (let i = 0; i < 3; i++) {
        near(leafGrad(g, `W[1][0,${i}]`), e.layers[0].dW[0][i], `dW[0,${i}]`);
        near(leafGrad(g, `x[${i}]`), e.minibatch.dX[i][0], `dx[${i}]`);
      }
      near(leafGrad(g, 'b[1][0]'), e.layers[0].db[0][0], 'db');
      near(g.loss, e.data_loss, 'loss');
      assert.equal(g.gates[g.loss_gate].name, 'L');
      assert.equal(g.backward_order[0], g.loss_gate);
      if (decompose) assert.deepEqual(g.gates.slice(-5, -1).map((x) => x.op), ['×(−1)', 'exp', '+1', '1/x']);
      else assert.equal(g.gates[g.output_gate].op, 'σ');
    }
  });

  test(`${b.name}: the minibatch gradient is the mean of the graphs of its samples`, () => {
    const link = `${LOGREG}&batch=5`;
    const e = json(b, ['export', link, '--steps', '3']);
    const mean = [0, 0, 0, 0];
    for (let n = 0; n < 5; n++) {
      const g = json(b, ['graph', link, '--steps', '3', '--sample', String(n)]);
      assert.equal(g.sample_index, e.minibatch.indices[n]);
      for (let i = 0; i < 3; i++) mean[i] += leafGrad(g, `W[1][0,${i}]`) / 5;
      mean[3] += leafGrad(g, 'b[1][0]') / 5;
    }
    for (let i = 0; i < 3; i++) near(mean[i], e.layers[0].dW[0][i], `mean dW[0,${i}]`);
    near(mean[3], e.layers[0].db[0][0], 'mean db');
  });

  test(`${b.name}: gate patterns: add distributes, multiply swaps, max routes`, () => {
    const g = json(b, ['graph', 'v=1&model=mlp&data=line&layers=1&act=relu', '--steps', '20', '--sample', '1']);
    const byKind = (k) => g.gates.filter((x) => x.kind === k);
    for (const m of byKind('mul')) {
      assert.equal(m.pattern, 'swaps');
      const [w, x] = m.inputs.map((id) => g.gates[id].value);
      near(m.downstream[0], m.upstream * x, 'mul swaps to w', 1e-12);
      near(m.downstream[1], m.upstream * w, 'mul swaps to x', 1e-12);
    }
    for (const a of byKind('add')) {
      assert.equal(a.pattern, 'distributes');
      for (const d of a.downstream) assert.equal(d, a.upstream);
    }
    const [max] = byKind('max');
    assert.equal(max.pattern, 'routes');
    assert.equal(max.downstream.filter((d) => d === 0).length >= 1, true);
    assert.ok(max.downstream.includes(max.upstream));
    assert.match(g.formula, /max\(0, z\[1\]\)/);
  });

  test(`${b.name}: paths of a weight, an activation and a bias sum to export's gradients`, () => {
    const link = 'v=1&model=mlp&data=xor&layers=4,3&act=tanh&batch=6&reg=l2&rate=0.05';
    const e = json(b, ['export', link, '--steps', '9']);
    const sumNear = (p) => {
      const scale = Math.max(...p.paths.map((x) => Math.abs(x.product)), 1e-30);
      assert.ok(Math.abs(p.sum - p.backprop) <= 1e-6 * scale * p.paths.length, `${p.quantity}: sum ${p.sum}, backprop ${p.backprop}`);
      for (const x of p.paths) near(x.product, x.factors[0].value * x.factors[1].value, x.label, 1e-15);
    };
    const w = json(b, ['paths', link, '--steps', '9', '--of', 'W', '--layer', '2', '--row', '2', '--col', '1']);
    assert.equal(w.paths.length, 6);
    assert.equal(w.quantity, 'W[2][2,1]');
    sumNear(w);
    assert.equal(w.backprop, e.layers[1].dW_data[2][1]);
    assert.equal(w.penalty, e.layers[1].dW_penalty[2][1]);
    assert.equal(w.total, e.layers[1].dW[2][1]);
    assert.match(w.note, /penalty/);
    for (let n = 0; n < 6; n++) {
      assert.equal(w.paths[n].factors[0].value, e.layers[1].dZ[2][n]);   // ∂L/∂z[2]₂,ₙ: backprop's own
      assert.equal(w.paths[n].factors[1].value, e.layers[0].A[1][n]);    // a[1]₁,ₙ: the forward cache
    }
    const a = json(b, ['paths', link, '--steps', '9', '--of', 'a', '--layer', '2', '--row', '3', '--sample', '4']);
    assert.equal(a.paths.length, 3);  // one per unit of layer 2
    sumNear(a);
    assert.equal(a.backprop, e.layers[0].dA[3][4]);
    const x = json(b, ['paths', link, '--steps', '9', '--of', 'a', '--layer', '1', '--row', '0', '--col', '5']);
    sumNear(x);
    assert.equal(x.backprop, e.minibatch.dX[0][5]);
    const bias = json(b, ['paths', link, '--steps', '9', '--of', 'b', '--layer', '3', '--row', '0']);
    assert.equal(bias.paths.length, 6);
    sumNear(bias);
    assert.equal(bias.backprop, e.layers[2].db[0][0]);
  });

  test(`${b.name}: graph and paths refuse what they cannot show, with a clear message`, () => {
    const cases = [
      [['graph', 'v=1&model=softmax&data=blobsk&classes=3'], /one output unit/],
      [['graph', 'v=1&model=mlp&data=xor&layers=3'], /one unit per layer/],
      [['graph', 'v=1&model=logreg&data=circle&features=x,y,x2,y2,xy'], /at most 4 inputs/],
      [['graph', `${LOGREG}&batch=4`, '--sample', '4'], /sample must be from 0 to 3/],
      [['graph', 'v=1&data=user'], /the data set is empty/],
      [['paths', LOGREG, '--of', 'z', '--layer', '1', '--row', '0'], /--of must be W, a or b/],
      [['paths', LOGREG, '--of', 'W', '--layer', '1', '--row', '0'], /--of W needs --col/],
      [['paths', LOGREG, '--of', 'W', '--layer', '1', '--row', '1', '--col', '0'], /row .* must be from 0 to 0/],
      [['paths', LOGREG, '--of', 'W', '--layer', '2', '--row', '0', '--col', '0'], /layer must be between 1 and 1/],
      [['paths', LOGREG, '--of', 'b', '--layer', '1', '--row', '0', '--sample', '1'], /--sample picks the sample of an activation/],
      [['paths', LOGREG, '--layer', '1'], /paths needs --of/],
    ];
    for (const [args, re] of cases) {
      const r = run(b, args);
      assert.equal(r.code, 2, `${args.join(' ')} -> ${r.code}`);
      assert.match(r.err, re, args.join(' '));
      assert.equal(r.out, '', args.join(' '));
    }
  });
}

if (builds.length === 2) {
  test('native and wasm print the same graph and paths', () => {
    for (const args of [['graph', `${LOGREG}&batch=3`, '--steps', '11', '--decompose'],
      ['paths', 'v=1&model=mlp&data=circle&layers=5&batch=7', '--steps', '4', '--of', 'W', '--layer', '1', '--row', '3', '--col', '0']]) {
      const [n, w] = builds.map((b) => run(b, args));
      assert.equal(n.code, 0, n.err);
      assert.equal(w.out, n.out);
    }
  });
}
