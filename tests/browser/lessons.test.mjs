// tests/browser/lessons.test.mjs: the course inside the page. Every lesson opens from its id without a warning or
// a page error and points at a view that is on screen; the lesson views' numbers are checked against
// independent computations (the inspector's matrices, the paths recomputed here, the NumPy script run by
// python3 against the inspector); progress survives a reload; five lessons are screenshotted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startEnv, poll } from './harness.mjs';

let env;
before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

const close = (a, b, rel = 1e-6) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

test('every lesson opens from its id, without a warning, and points at a view on screen', async () => {
  const s = await env.open({ width: 1280, height: 800 });
  const lessons = await s.api('lessons');
  assert.ok(lessons.length >= 24, `${lessons.length} lessons`);
  for (const { id, title } of lessons) {
    const l = await s.api('lesson', id);
    assert.equal(l.id, id);
    assert.equal(l.title, title);
    assert.ok(l.body.length > 80 && l.question.length > 10 && l.answer.length > 10, id);
    await s.frames(3);
    assert.match(await s.api('getLink'), new RegExp(`lesson=${id.replace('.', '\\.')}`), `the link says lesson ${id}`);
    const rects = await s.api('getUiRects');
    assert.equal(rects.warnings, undefined, `lesson ${id} opened with link warnings`);
    assert.ok(rects[l.look], `lesson ${id} points at '${l.look}', which is not on screen`);
    assert.ok(rects.lesson_look_outline, `lesson ${id}: the outline around '${l.look}'`);
    if (l.look_row >= 0) {  // a row or a cell of the heatmap: outlined inside it
      const [c, v] = [rects.lesson_look_cell, rects[l.look]];
      assert.ok(c, `lesson ${id}: the outlined cell`);
      assert.ok(c[0] >= v[0] - 1 && c[2] <= v[2] + 1 && c[1] >= v[1] - 1 && c[3] <= v[3] + 1, `lesson ${id}: the cell inside the heatmap`);
    }
    assert.ok(rects.lesson_title && rects.lesson_next, `lesson ${id}: the pane`);
  }
  assert.equal(await s.api('lesson', '99.9'), null, 'an unknown id opens nothing');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('Next and Previous walk the course; revealing an answer marks the lesson done, and that survives a reload', async () => {
  const s = await env.open({ width: 1024, height: 768, hash: 'lesson=3.9' });
  await s.frames(3);
  let rects = await s.api('getUiRects');
  assert.ok(rects.lesson_title, 'a lesson link opens the pane');
  await s.click(rects.lesson_next);
  await poll(async () => /lesson=3\.10/.test(await s.api('getLink')), { what: 'Next opens 3.10' });
  rects = await s.api('getUiRects');
  await s.click(rects.lesson_show_answer);
  await poll(async () => (await s.api('getUiRects')).lesson_answer, { what: 'the answer' });
  assert.ok((await s.api('lessons')).find((l) => l.id === '3.10').done);
  await s.page.reload();
  await s.page.evaluate(() => window.playground.ready);
  const after = await s.api('lessons');
  assert.ok(after.find((l) => l.id === '3.10').done, 'progress is kept in local storage');
  assert.ok(!after.find((l) => l.id === '3.9').done);
  await s.click((await s.api('getUiRects')).lesson_previous);
  await poll(async () => /lesson=3\.9/.test(await s.api('getLink')), { what: 'Previous opens 3.9' });
  await s.click((await s.api('getUiRects')).lesson_close);
  await poll(async () => !(await s.api('getUiRects')).lesson_title, { what: 'the pane closes' });
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('1.1: the landscape at the dot is the training loss, its gradient is the step the Step button takes', async () => {
  const s = await env.open({ width: 1280, height: 800 });
  await s.api('lesson', '1.1');
  await s.frames(3);
  const L = await s.api('landscape');
  assert.equal(L.plane, 'params');
  assert.equal(L.x.name, 'W[1][0,0]');
  assert.equal(L.y.name, 'b[1][0]');
  assert.ok(close(L.value, (await s.api('getMetrics')).train_loss, 1e-12), `L ${L.value}`);
  // The batch is the whole training set: dL/dw on the landscape is the inspector's dL/dW of the next step.
  const dW = await s.api('inspect', 1, 'L', 'W', -1);
  assert.ok(close(L.gradient.x, dW.values[0], 1e-5), `${L.gradient.x} vs ${dW.values[0]}`);
  const w0 = (await s.api('getWeights')).layers[0].W[0][0];
  await s.api('step', 1);
  const w1 = (await s.api('getWeights')).layers[0].W[0][0];
  assert.ok(close(w1 - w0, -0.02 * dW.values[0], 1e-5), `w moved ${w1 - w0}, -eta dL/dw = ${-0.02 * dW.values[0]}`);
  // The minimum on the grid is lower than the current point, and the trajectory ends near the dot.
  assert.ok(L.argmin.value < L.value);
  assert.ok(L.trajectory.length >= 1, 'the path from step 0');
  assert.ok(L.trajectory[0].x !== L.current.x, 'step 0 is not where the dot is');
  assert.deepEqual(s.problems(), []);
  await s.screenshot('lesson-1.1-landscape');
  await s.close();
});

test('2.10 and G.1: the scalar graph\'s gradients are the inspector\'s, gate by gate', async () => {
  const s = await env.open({ width: 1280, height: 800 });
  for (const id of ['2.10', 'G.1']) {
    await s.api('lesson', id);
    await s.frames(2);
    const g = await s.api('scalarGraph', 0, false);
    assert.equal(g.error, undefined, JSON.stringify(g));
    // The batch is 1: the graph's leaf gradients are the minibatch gradients the inspector shows.
    const dW = await s.api('inspect', 1, 'L', 'W', -1);
    const leaf = (name) => g.gates.find((x) => x.engine_name === name);
    assert.ok(close(leaf('W[1][0,0]').upstream, dW.values[0], 1e-5), `${id}: dL/dw0`);
    assert.ok(close(leaf('W[1][0,1]').upstream, dW.values[1], 1e-5), `${id}: dL/dw1`);
    // Upstream x local = downstream, at every gate (recomputed here).
    for (const gate of g.gates)
      gate.downstream.forEach((d, k) => assert.ok(close(d, gate.upstream * gate.local[k], 1e-12), `${id} gate ${gate.id}`));
    if (id === 'G.1') assert.deepEqual(new Set(g.gates.map((x) => x.pattern).filter(Boolean)), new Set(['swaps', 'distributes', 'routes']));
    await s.screenshot(`lesson-${id}-graph`);
  }
  // Decomposed, the same gradients.
  const one = await s.api('scalarGraph', 0, false), four = await s.api('scalarGraph', 0, true);
  const grad = (g, n) => g.gates.find((x) => x.engine_name === n).upstream;
  assert.ok(close(grad(one, 'W[1][0,0]'), grad(four, 'W[1][0,0]'), 1e-12));
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('8.1: the paths add up to the gradient, and each path is dL/dz x a from the inspector', async () => {
  const s = await env.open({ width: 1280, height: 800 });
  await s.api('lesson', '8.1');
  await s.frames(2);
  const p = await s.api('paths', 'W', 1, 0, 0);
  assert.equal(p.paths.length, 4, 'one path per sample of the minibatch');
  const dz = await s.api('inspect', 1, 'L', 'z', -1);   // 3 x 4, row-major
  const dW = await s.api('inspect', 1, 'L', 'W', -1);
  const X = JSON.parse(await s.api('exportText', 'model'));  // not needed for a: the factors say it
  assert.ok(X.layers, 'the model exports');
  p.paths.forEach((path, n) => {
    assert.ok(close(path.factors[0], dz.values[n], 1e-9), `path ${n}: dL/dz`);
    assert.ok(close(path.product, path.factors[0] * path.factors[1], 1e-12));
  });
  const sum = p.paths.reduce((acc, x) => acc + x.product, 0);
  assert.ok(close(sum, dW.values[0], 1e-6), `sum ${sum} vs dL/dW ${dW.values[0]}`);
  assert.ok(close(p.sum, p.backprop, 1e-6));
  await s.screenshot('lesson-8.1-paths');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('D.1: with the sigmoid the first layer has the smallest gradient norm', async () => {
  const s = await env.open({ width: 1280, height: 800 });
  await s.api('lesson', 'D.1');
  await s.frames(2);
  const norms = await s.api('gradientNorms');
  assert.equal(norms.length, 6);
  for (let l = 1; l < norms.length; ++l) assert.ok(norms[0].W < norms[l].W, `layer 1 vs layer ${l + 1}`);
  // The norm of layer 1 is the inspector's dL/dW[1] norm.
  const dW = await s.api('inspect', 1, 'L', 'W', -1);
  const fro = Math.sqrt(dW.values.reduce((a, v) => a + v * v, 0));
  assert.ok(close(norms[0].W, fro, 1e-5), `${norms[0].W} vs ${fro}`);
  await s.screenshot('lesson-D.1-norms');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('Export > Python: the NumPy script prints the gradients the inspector shows', async () => {
  const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import numpy']).status === 0);
  const s = await env.open({ width: 1280, height: 800, hash: 'v=1&data=xor&layers=4&act=tanh&batch=5&step=30' });
  const script = await s.api('exportText', 'python');
  assert.match(script, /import numpy as np/);
  if (!python) {
    assert.ok(existsSync('/usr/lib/python3/dist-packages/numpy/__init__.py') === false, 'numpy is installed but no python3 imports it');
    console.log('# python3-numpy is absent: the script was not run (scripts/setup.sh installs it)');
  } else {
    const run = spawnSync(python, ['-'], { input: script, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const value = (name) => Number(run.stdout.match(new RegExp(`^${name.replace(/[[\]]/g, '\\$&')} = (\\S+)$`, 'm'))[1]);
    for (const [layer, name] of [[1, 'dW1'], [2, 'dW2']]) {
      const dW = await s.api('inspect', layer, 'L', 'W', -1);
      for (let k = 0; k < dW.values.length; ++k) {
        const r = Math.floor(k / dW.cols), c = k % dW.cols;
        assert.ok(close(value(`${name}[${r},${c}]`), dW.values[k], 1e-5), `${name}[${r},${c}]`);
      }
    }
  }
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('lessons look right at 1024 x 768 and on a phone', async () => {
  const s = await env.open({ width: 1024, height: 768 });
  await s.api('lesson', '3.10');
  await s.frames(3);
  await s.screenshot('lesson-3.10-1024x768');
  await s.close();
  const phone = await env.open({ width: 390, height: 844, dpr: 2, mobile: true, hash: 'lesson=4.6' });
  await phone.frames(3);
  assert.ok((await phone.api('getUiRects')).lesson_title, 'the lesson is the first tab on a phone');
  await phone.screenshot('lesson-4.6-phone');
  assert.deepEqual(phone.problems(), []);
  await phone.close();
});
