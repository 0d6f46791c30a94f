// tests/browser/inspector.test.mjs: the Jacobian inspector: it opens, draws non-blank heatmaps, a known matrix
// renders known colours, a hover reports what the engine computes, and the backprop stepper walks to the end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnv, poll, decodePng, pixelStats } from './harness.mjs';

let env;
before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

const POSITIVE = [8, 119, 189];   // shaders/heatmap.frag kPositive: the colour of +range
const NEUTRAL = [237, 238, 240];  // kNeutral: the colour of 0
const near = (px, rgb, tol = 6) => rgb.every((c, i) => Math.abs(px[i] - c) <= tol);

async function openInspector(s, state) {
  await s.page.keyboard.press('j');
  await poll(async () => (await s.api('getInspector')).open, { what: 'inspector open (J)' });
  await s.api('setInspector', { live: false, ...state });
  return poll(async () => {
    const r = await s.api('getUiRects');
    const ins = await s.api('getInspector');
    return r.heatmap_0 && ins.panes[0].rows > 0 ? r : null;
  }, { what: 'a heatmap on screen' });
}

async function clip(s, rect) {
  const png = await s.page.screenshot({ clip: { x: rect[0], y: rect[1], width: rect[2] - rect[0], height: rect[3] - rect[1] } });
  return decodePng(png);
}
const pixel = (img, fx, fy) => {
  const x = Math.min(img.width - 1, Math.floor(fx * img.width)), y = Math.min(img.height - 1, Math.floor(fy * img.height));
  const o = (y * img.width + x) * img.channels;
  return [img.data[o], img.data[o + 1], img.data[o + 2]];
};

test('dz/db of one sample is the identity: +1 on the diagonal, zero colour elsewhere', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'layers=4,3&batch=4' });
  const rects = await openInspector(s, { tab: 0, layer: 1, kind: 4, sample: 0 });
  await s.frames(3);
  const ins = await s.api('getInspector');
  assert.deepEqual([ins.panes[0].rows, ins.panes[0].cols], [4, 4]);
  assert.deepEqual([ins.panes[1].rows, ins.panes[1].cols], [16, 4], 'minibatch form 1_N (x) I_K');
  const img = await clip(s, rects.heatmap_0);
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const px = pixel(img, (j + 0.12) / 4, (i + 0.12) / 4);  // near the corner: the cell's number sits in its middle
      assert.ok(near(px, i === j ? POSITIVE : NEUTRAL), `cell ${i},${j}: ${px}`);
    }
  }
  // A matrix this small shows its numbers: white "1" strokes on the dark blue diagonal cell.
  let white = 0;
  for (let y = Math.floor(img.height * 0.05); y < img.height * 0.2; y++)
    for (let x = Math.floor(img.width * 0.05); x < img.width * 0.2; x++) {
      const o = (y * img.width + x) * img.channels;
      if (img.data[o] > 200 && img.data[o + 1] > 200 && img.data[o + 2] > 200) white++;
    }
  assert.ok(white > 5, `the number in cell 0,0 (${white} white pixels)`);
  await s.screenshot('inspector-dz-db');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('heatmaps are not blank, and a hover reports the value the engine computes', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'layers=4,3&batch=4' });
  const rects = await openInspector(s, { tab: 0, layer: 1, kind: 3, sample: 1 });  // dz[1]/dW[1], 4 x 8
  await s.frames(3);
  const r = rects.heatmap_1;
  assert.ok(pixelStats(await clip(s, r)).stddev > 10, 'the minibatch heatmap shows structure');
  // Hover the cell at row 5, column 1 of the 16 x 8 minibatch Jacobian.
  await s.page.mouse.move(r[0] + (r[2] - r[0]) * (1.5 / 8), r[1] + (r[3] - r[1]) * (5.5 / 16));
  const hover = await poll(async () => {
    const h = (await s.api('getInspector')).hover;
    return h.pane === 1 && h.row === 5 && h.col === 1 ? h : null;
  }, { what: 'hover on row 5, column 1' });
  const m = await s.api('inspect', 1, 'z', 'W', -1);
  assert.equal(m.rows, 16);
  assert.equal(hover.value, m.values[5 * m.cols + 1]);
  await s.screenshot('inspector-hover');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('chain rule and gradient check tabs agree with backprop', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'data=spiralk&classes=3&layers=5,4&act=tanh&batch=3' });
  await openInspector(s, { tab: 1, layer: 2, op: 1 });
  const chain = await poll(async () => {
    const i = await s.api('getInspector');
    return i.panes[2].cols > 0 ? i : null;
  }, { what: 'the chain view' });
  // The upstream gradient is the training step's (float); the product with the double Jacobian matches the
  // step's downstream gradient to float rounding.
  assert.ok(chain.chain_diff <= 1e-6, `upstream x local differs from backprop by ${chain.chain_diff}`);
  await s.screenshot('inspector-chain');
  await s.api('setInspector', { tab: 2, layer: 1, kind: 5, sample: 0 });
  const check = await poll(async () => {
    const i = await s.api('getInspector');
    return i.tab === 2 && i.panes[1].rows > 0 ? i : null;
  }, { what: 'the gradient check' });
  assert.ok(check.check_rel_error < 1e-6, `relative error ${check.check_rel_error}`);
  await s.screenshot('inspector-gradcheck');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('the backprop stepper walks forward, backward and applies the update', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'layers=3&batch=2' });
  await openInspector(s, { tab: 3 });
  const L = 2, ops = 2 * L + 2 + 4 * L + 1;  // forward z and a per layer, loss, loss Jacobian, 4 per layer, update
  for (let i = 0; i < ops; i++) {
    const rect = (await s.api('getUiRects')).stepper_next;
    await s.click(rect);
    await s.frames(2);
    if (i === 4) await s.screenshot('inspector-stepper-backward');
  }
  await poll(async () => (await s.api('getMetrics')).step === 1, { what: 'the update applied (step 1)' });
  assert.equal((await s.api('getInspector')).stepper_pos, 0, 'back to the first op');
  assert.deepEqual(s.problems(), []);
  await s.close();
});
