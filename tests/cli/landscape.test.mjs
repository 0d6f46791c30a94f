// tests/cli/landscape.test.mjs: `bprop landscape` end to end, for every build given in the environment
// (BPROP_NATIVE, BPROP_JS, as in bprop.test.mjs): the JSON's shape, its value at the current point against
// `bprop train`'s loss, its gradient against central differences of its own grid, the trajectory, the
// minibatch, bad input, and the same bytes from the native and the wasm build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builds, run } from './builds_lib.mjs';


const LINE = 'model=linreg&data=line&noise=0.3&lr=0.01';
const MLP = 'model=mlp&data=circle&layers=4,3&act=tanh&lr=0.1&reg=l2&rate=0.001';

for (const b of builds) {
  test(`${b.name}: landscape of 1-feature linear regression is over (w, b) and its value is the trainer's loss`, () => {
    const r = run(b, ['landscape', LINE, '--steps', '200', '--grid', '21', '--span', '2']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.format, 'backprop-playground-landscape');
    assert.equal(j.plane, 'params');
    assert.deepEqual(j.axes.map((a) => a.name), ['W[1][0,0]', 'b[1][0]']);
    assert.deepEqual(j.axes.map((a) => a.index), [0, 1]);
    assert.equal(j.matrix.length, 21);
    assert.equal(j.matrix[0].length, 21);
    assert.equal(j.axes[0].values.length, 21);
    assert.equal(j.axes[0].values[10], j.current.x, 'odd grid: the middle point is theta');
    assert.ok(Math.abs(j.axes[0].values[20] - j.axes[0].values[0] - 4) < 1e-12);
    assert.equal(j.samples, 250);
    assert.equal(j.step, 200);
    // The value at the current point is the training loss `bprop train` prints for the same step.
    const t = run(b, ['train', LINE, '--steps', '200', '--every', '200', '--json']);
    assert.equal(t.code, 0, t.err);
    const last = JSON.parse(t.out.trim().split('\n').at(-2));
    assert.equal(last.step, 200);
    assert.equal(j.value_at_current, last.train_loss);
    // The grid's middle (double) agrees with it to float rounding; the argmin is the smallest entry.
    assert.ok(Math.abs(j.matrix[10][10] - j.value_at_current) < 1e-6 * j.value_at_current);
    const flat = j.matrix.flat();
    assert.equal(j.argmin.value, Math.min(...flat));
    assert.equal(j.matrix[j.argmin.row][j.argmin.col], j.argmin.value);
    assert.equal(j.argmin.x, j.axes[0].values[j.argmin.col]);
    // Noise 0.3 around y = 0.5 x + 1: the minimum is near (0.5, 1).
    assert.ok(Math.abs(j.argmin.x - 0.5) < 0.25 && Math.abs(j.argmin.y - 1) < 0.25, JSON.stringify(j.argmin));
    // The trajectory: theta at steps 0, 4, 8, ..., 200 (every ceil(200 / 64) = 4 steps), ending at theta.
    assert.equal(j.trajectory[0].step, 0);
    assert.equal(j.trajectory[1].step, 4);
    assert.equal(j.trajectory.at(-1).step, 200);
    assert.equal(j.trajectory.at(-1).x, j.current.x);
    assert.equal(j.trajectory.at(-1).y, j.current.y);
    assert.ok(j.trajectory.every((p) => p.off_plane === 0), 'two parameters: the plane is the whole space');
    assert.match(j.link, /step=200/);
  });

  test(`${b.name}: landscape gradient is the central difference of its own grid`, () => {
    for (const args of [
      [LINE, '--steps', '50'],
      [MLP, '--steps', '30', '--params', '2,19'],
      [MLP, '--steps', '30', '--random', '7'],
      [MLP, '--steps', '30', '--random', '7', '--bias', 'neuron', '--minibatch'],
    ]) {
      const r = run(b, ['landscape', ...args, '--grid', '3', '--span', '1e-5']);
      assert.equal(r.code, 0, r.err);
      const j = JSON.parse(r.out);
      const m = j.matrix, x = j.axes[0].values, y = j.axes[1].values;
      const cx = (m[1][2] - m[1][0]) / (x[2] - x[0]), cy = (m[2][1] - m[0][1]) / (y[2] - y[0]);
      const scale = Math.max(Math.abs(j.gradient.x), Math.abs(j.gradient.y), 1e-3);
      assert.ok(Math.abs(cx - j.gradient.x) < 1e-6 * scale, `${args.join(' ')}: x ${cx} vs ${j.gradient.x}`);
      assert.ok(Math.abs(cy - j.gradient.y) < 1e-6 * scale, `${args.join(' ')}: y ${cy} vs ${j.gradient.y}`);
    }
  });

  test(`${b.name}: landscape of an MLP over random directions, the trajectory, and the minibatch`, () => {
    const r = run(b, ['landscape', MLP, '--steps', '100', '--grid', '9']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.plane, 'random');
    assert.equal(j.seed, 1);
    assert.equal(j.bias, 'zero');
    assert.deepEqual(j.axes.map((a) => a.name), ['α', 'β']);
    assert.deepEqual(j.current, { x: 0, y: 0 });
    assert.deepEqual(j.axes[0].values, [-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1]);
    assert.deepEqual(j.trajectory.at(-1), { step: 100, x: 0, y: 0, off_plane: 0 });
    assert.equal(j.trajectory.length, 51);  // every 2 steps
    assert.ok(j.trajectory[0].off_plane > 0, 'the initial weights are off a random plane');
    assert.equal(j.samples, 250);
    const again = run(b, ['landscape', MLP, '--steps', '100', '--grid', '9']);
    assert.equal(again.out, r.out, 'same seed, same directions, same bytes');
    const mb = JSON.parse(run(b, ['landscape', MLP, '--steps', '100', '--grid', '5', '--minibatch']).out);
    assert.equal(mb.over, 'minibatch');
    assert.equal(mb.samples, 10);
    assert.notEqual(mb.value_at_current, j.value_at_current);
    // Without --grid the size comes from the cost budget of 2e7 multiply-adds: a point costs 250 samples x
    // (4 x 3 + 3 x 5 + 1 x 4 + 16 x 8 tanh and sigmoid units) + 31 parameters = 39781, so 21 x 21 points
    // (23 x 23 would be over).
    const auto = JSON.parse(run(b, ['landscape', MLP]).out);
    assert.equal(auto.grid, 21);
    assert.equal(auto.matrix.length, 21);
    assert.equal(JSON.parse(run(b, ['landscape', LINE]).out).grid, 101, '1-feature linear regression: the largest');
  });

  test(`${b.name}: landscape of 1-D logistic regression (gauss1d) is over (w, b)`, () => {
    const r = run(b, ['landscape', 'model=logreg&data=gauss1d&lr=0.1', '--steps', '100', '--grid', '7', '--span', '1']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.plane, 'params');
    assert.match(j.model, /^1-1 \(logreg/);
    assert.ok(j.gradient.x < 0, 'a larger w lowers the loss while the classes are not yet confidently apart');
  });

  test(`${b.name}: landscape bad input gets a clear message and exit 2`, () => {
    const cases = [
      [[MLP, '--params', '3,3'], /must differ/],
      [[MLP, '--params', '0,99'], /out of range: this network has 31 parameters, 0..30/],
      [[MLP, '--params', 'w,b'], /--params takes two parameter indices/],
      [[MLP, '--params', '0,1', '--random', '2'], /either --params I,J or --random SEED/],
      [[MLP, '--grid', '1'], /--grid must be a whole number from 2 to 401/],
      [[MLP, '--span', '0'], /--span must be a number/],
      [[MLP, '--bias', 'all'], /--bias must be zero or neuron/],
      [[LINE, '--random', '1'], /parallel/],
      [['v=1&data=user'], /the data set is empty/],
    ];
    for (const [args, re] of cases) {
      const r = run(b, ['landscape', ...args]);
      assert.equal(r.code, 2, `${args.join(' ')} -> ${r.code}: ${r.out}`);
      assert.match(r.err, re, args.join(' '));
      assert.equal(r.out, '', args.join(' '));
    }
  });
}

if (builds.length === 2) {
  test('native and wasm print the same landscape', () => {
    for (const args of [[LINE, '--steps', '300'], [MLP, '--steps', '200', '--random', '5', '--bias', 'neuron']]) {
      const [n, w] = builds.map((b) => run(b, ['landscape', ...args, '--grid', '15']));
      assert.equal(n.code, 0, n.err);
      assert.equal(w.out, n.out);
    }
  });
}
