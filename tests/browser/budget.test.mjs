// tests/browser/budget.test.mjs: the page's frame budget and its idle state. Training takes a time budget per
// frame (what the display's interval leaves after the rest of the frame), so a big network no longer holds a
// frame for the speed's 25 steps; the steps are the same steps however they are grouped; and a paused page
// with nothing moving stops drawing until an input, an API call or a timer it set wakes it. Counts, never
// durations: the figures (frame rates, CPU) are printed by scripts/web_figures.mjs, not asserted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnv, poll } from './harness.mjs';

let env;
before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

const WIDE = 'layers=' + Array(16).fill(256).join(',');

/** The page's frame reports (getGraphics().budget) of the next `n` frames it draws, read in the page. */
function frameReports(s, n) {
  return s.page.evaluate((k) => new Promise((resolve) => {
    const pg = window.playground, out = [];
    let last = pg.getGraphics().frames;
    const tick = () => {
      const g = pg.getGraphics();
      if (g.frames !== last) {  // a frame was drawn since the last callback: its report
        last = g.frames;
        out.push(g.budget);
      }
      if (out.length >= k) resolve(out);
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }), n);
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test('16 hidden layers of 256 train within the frame budget, a few steps a frame instead of the speed\'s 25', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: WIDE });
  assert.equal(await s.api('setSpeed', 25), 25);
  await s.api('play');
  await poll(async () => (await s.api('getMetrics')).step >= 3, { what: 'the first steps', timeout: 60000 });
  const step0 = (await s.api('getMetrics')).step;
  const reports = await frameReports(s, 24);
  const steps = reports.map((r) => r.steps);
  const trained = reports.filter((r) => r.steps > 0);
  // Before the budget every frame took 25 steps of this network (the speed); now the budget decides, and
  // the speed is only a cap. Some frames take none: a step longer than a frame's budget waits for its turn.
  assert.ok(steps.every((n) => n <= 25), `the speed caps the steps: ${steps}`);
  assert.ok(median(steps) <= 12, `a few steps a frame: ${steps}`);
  assert.ok(trained.length > 0, 'training moves');
  // Training's time stays within its budget over these frames (plus one step: a step is never cut), as the
  // page reports them: the steps' own time, the status's evaluation apart.
  const train = sum(reports.map((r) => r.train_ms)), budget = sum(reports.map((r) => r.budget_ms));
  const step = Math.max(...reports.map((r) => r.step_ms));
  assert.ok(train <= 1.5 * budget + 2 * step, `training ${train.toFixed(1)} ms in frames whose budgets add up to ` +
    `${budget.toFixed(1)} ms (a step ${step.toFixed(1)} ms): ${JSON.stringify(reports.slice(0, 4))}`);
  assert.ok(reports.every((r) => r.budget_ms > 0 && r.display_ms >= 1000 / 240 && r.display_ms <= 1000 / 30), JSON.stringify(reports[0]));
  assert.ok((await s.api('getMetrics')).step > step0, 'the run goes on');
  await s.api('pause');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('a run trained within the budget, a varying number of steps a frame, is the run its link replays', async () => {
  const hash = 'data=spiral&layers=64,64,64&batch=32&lr=0.03&opt=adam&dseed=3';
  const sender = await env.open({ width: 1280, height: 800, hash });
  await sender.api('setSpeed', 100000);  // no cap: the budget alone groups the steps into frames
  await sender.api('play');
  await poll(async () => (await sender.api('getMetrics')).step > 400, { what: 'training', timeout: 60000 });
  await sender.api('pause');
  const link = await sender.api('getLink');
  const weights = await sender.api('getWeights'), chart = await sender.api('getLossHistory');
  const metrics = await sender.api('getMetrics');
  await sender.close();

  const receiver = await env.open({ width: 1280, height: 800, hash: link });  // replayed a slice a frame
  await poll(async () => (await receiver.api('getMetrics')).step === metrics.step, { what: 'the replay', timeout: 60000 });
  assert.deepEqual(await receiver.api('getWeights'), weights);
  assert.deepEqual(await receiver.api('getLossHistory'), chart);
  const m = await receiver.api('getMetrics');
  assert.deepEqual([m.step, m.train_loss, m.test_loss], [metrics.step, metrics.train_loss, metrics.test_loss]);
  assert.deepEqual(receiver.problems(), []);
  await receiver.close();
});

test('a paused page stops drawing; a mouse move, an API call and its own toast timer wake it', async (t) => {
  const s = await env.open({ width: 1280, height: 800 });
  const graphics = () => s.page.evaluate(() => window.playground.getGraphics());  // reading it does not wake
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  await poll(async () => (await graphics()).idle, { what: 'the paused page to stop drawing', timeout: 20000 });
  const idle = await graphics();
  await sleep(1500);
  const still = await graphics();
  assert.equal(still.frames, idle.frames, 'no frame drawn while idle');
  assert.equal(still.idle, true);

  // A mouse move over the page (the pointer's hover may change what is drawn).
  const box = await s.page.evaluate(() => { const b = document.getElementById('canvas').getBoundingClientRect(); return [b.width, b.height]; });
  await s.page.mouse.move(box[0] / 2, box[1] / 2);
  await poll(async () => (await graphics()).frames > still.frames, { what: 'a frame after the mouse move' });
  const moved = await graphics();
  assert.ok(moved.wakes > still.wakes, `woken: ${JSON.stringify(moved)}`);
  await poll(async () => (await graphics()).idle, { what: 'idle again after the move', timeout: 20000 });

  // Any API call: the page draws what the call changed.
  const before = await graphics();
  await s.api('step', 5);
  await poll(async () => (await graphics()).frames > before.frames, { what: 'a frame after playground.step' });
  await poll(async () => (await graphics()).idle, { what: 'idle again after the call', timeout: 20000 });
  const rects = await s.api('getUiRects');
  assert.ok(rects.play, 'the page drew its controls after the call');

  // Copy link (L) shows a toast; the page stops drawing under it and wakes by itself when it is due to go.
  await poll(async () => (await graphics()).idle, { what: 'idle before the key', timeout: 20000 });
  await s.page.keyboard.press('l');
  await poll(async () => (await graphics()).idle, { what: 'idle under the toast', timeout: 20000 });
  const quiet = await graphics();
  if (quiet.timer) {  // the page stopped drawing under the toast: its timer wakes it to take the toast away
    await poll(async () => (await graphics()).wakes > quiet.wakes, { what: 'the toast timer to wake the page', timeout: 20000 });
  } else {
    t.diagnostic('the toast had gone before the page stopped drawing (slow frames): its timer was not needed');
  }
  await poll(async () => (await graphics()).idle, { what: 'idle once the toast is gone', timeout: 20000 });

  // Playing, it never stops.
  await s.api('play');
  await s.frames(10);
  const playing = await graphics();
  await sleep(1000);
  const later = await graphics();
  assert.equal(later.idle, false);
  assert.ok(later.frames > playing.frames, 'frames go on while training plays');
  await s.api('pause');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('16 hidden layers of 256: the network view draws the strongest links of each layer, says so, and a drawn link hovers its exact weight', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: WIDE });
  await s.frames(3);
  const { layers } = await s.api('getWeights');
  const g = await s.api('getGraphics');
  // What the network has, counted from its weights; what the view draws, bounded whatever the network.
  const totals = layers.map((l) => l.W.length * l.W[0].length);
  assert.equal(g.network.links_total, totals.reduce((a, b) => a + b, 0));
  assert.deepEqual(g.network.layers.map((l) => l.total), totals);
  assert.equal(g.network.links_drawn, g.network.layers.reduce((a, l) => a + l.drawn, 0));
  assert.ok(g.network.links_drawn <= 4096 && g.network.links_drawn >= 4096 - layers.length, JSON.stringify(g.network.layers));
  assert.ok(g.network.layers.every((l) => l.drawn >= 1 && l.drawn <= l.total));
  // The view says what it draws, in the numbers above.
  const count = (n) => n.toLocaleString('en-US');
  assert.equal(g.network.note, `Links: the ${count(g.network.links_drawn)} strongest of ${count(g.network.links_total)} drawn (largest |w| in each layer)`);
  const rects = await s.api('getUiRects');
  const inside = (a, b) => a[0] >= b[0] && a[1] >= b[1] && a[2] <= b[2] && a[3] <= b[3];
  assert.ok(rects.network_note && inside(rects.network_note, rects.network), 'the note is in the network view');
  // The whole page hands the GPU a bounded draw list: the links and the wide layers' biases are one image.
  assert.ok(g.draw.vertices < 20000, `vertices: ${JSON.stringify(g.draw)}`);

  // Hover the middle of the strongest drawn link into layer 5 (a 256 x 256 W): the link under the pointer is one
  // of the drawn (among its layer's strongest, recounted from the weights), and the tooltip gives its exact weight.
  const l = 5, W = layers[l - 1].W, r = rects[`network_link:${l}`];
  assert.ok(r, 'the strongest drawn link of layer 5 is named');
  await s.page.mouse.move((r[0] + r[2]) / 2, (r[1] + r[3]) / 2);
  const hover = await poll(async () => {
    const h = (await s.api('getMetrics')).hover;
    return h?.kind === 'weight' ? h : null;
  }, { what: 'a hovered link' });
  assert.equal(hover.value, layers[hover.layer - 1].W[hover.row][hover.col]);
  const drawn = g.network.layers[hover.layer - 1].drawn;
  const stronger = layers[hover.layer - 1].W.flat().filter((w) => Math.abs(w) > Math.abs(hover.value)).length;
  assert.ok(stronger < drawn, `the hovered W[${hover.layer}][${hover.row},${hover.col}] is among the ${drawn} drawn (${stronger} are stronger)`);
  assert.equal(hover.layer, l, 'between the columns of layers 4 and 5 run only the links into layer 5');
  assert.deepEqual(s.problems(), []);
  await s.close();

  // A small network draws every link and says nothing about it.
  const small = await env.open({ width: 1280, height: 800, hash: 'layers=8,8' });
  await small.frames(3);
  const n = (await small.api('getGraphics')).network;
  assert.deepEqual([n.links_drawn, n.links_total, n.note], [2 * 8 + 8 * 8 + 8, 2 * 8 + 8 * 8 + 8, '']);
  assert.equal((await small.api('getUiRects')).network_note, undefined);
  await small.close();
});
