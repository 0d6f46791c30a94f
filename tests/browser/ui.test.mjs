// tests/browser/ui.test.mjs: the panel and the views driven through real mouse and keyboard input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnv, poll, looksRendered } from './harness.mjs';

let env;
before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

const linkValue = (link, key) => new URLSearchParams(link).get(key);

test('dragging the learning-rate slider with the mouse changes the link', async () => {
  const s = await env.open({ width: 1280, height: 800 });
  const before = Number(linkValue(await s.api('getLink'), 'lr'));
  const r = (await s.api('getUiRects')).lr;
  const y = (r[1] + r[3]) / 2;
  await s.drag([r[0] + (r[2] - r[0]) * 0.3, y], [r[0] + (r[2] - r[0]) * 0.8, y], 12);
  const after = await poll(async () => {
    const lr = Number(linkValue(await s.api('getLink'), 'lr'));
    return lr !== before ? lr : null;
  }, { what: 'lr to change' });
  assert.ok(after > before, `lr ${before} -> ${after}`);
  assert.equal((await s.api('getMetrics')).step, 0, 'a live change keeps the network (no reset needed)');
  await s.screenshot('ui-lr-dragged');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('Step, Epoch and Reset buttons, and the keyboard shortcuts', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'data=xor&batch=10&n=500&split=0.5' });
  const rects = await s.api('getUiRects');
  const step = async () => (await s.api('getMetrics')).step;
  await s.click(rects.step);
  await poll(async () => (await step()) === 1, { what: 'one step' });
  await s.click(rects.epoch);
  await poll(async () => (await step()) === 26, { what: 'one epoch (250 points / batch 10 = 25 steps)' });
  await s.page.keyboard.press('s');
  await poll(async () => (await step()) === 27, { what: 'S key steps once' });
  await s.page.keyboard.press('Space');
  await poll(() => s.api('isPlaying'), { what: 'Space plays' });
  await s.page.keyboard.press('Space');
  await poll(async () => !(await s.api('isPlaying')), { what: 'Space pauses' });
  await s.click(rects.reset);
  await poll(async () => (await step()) === 0, { what: 'Reset' });
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('a dataset thumbnail and a feature checkbox change the state (and say the network restarts)', async () => {
  const s = await env.open({ width: 1280, height: 800 });
  const rects = await s.api('getUiRects');
  await s.click(rects.data_spiral);
  await poll(async () => linkValue(await s.api('getLink'), 'data') === 'spiral', { what: 'data=spiral' });
  await s.click(rects.feature_x2);
  await poll(async () => linkValue(await s.api('getLink'), 'features') === 'x,y,x2', { what: 'features x,y,x2' });
  const shot = await s.screenshot('ui-spiral-x2');
  assert.ok(looksRendered(shot), JSON.stringify(shot));
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('clicking the data view adds a point of the chosen class, which travels in the link', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'data=xor&n=50' });
  const r = (await s.api('getUiRects')).boundary;
  await s.page.mouse.click(r[0] + (r[2] - r[0]) * 0.25, r[1] + (r[3] - r[1]) * 0.25);
  const link = await poll(async () => {
    const l = await s.api('getLink');
    return linkValue(l, 'data') === 'user' ? l : null;
  }, { what: 'data=user' });
  assert.ok(linkValue(link, 'pts')?.length > 10, 'the points are in the link');
  assert.equal((await s.api('getMetrics')).step, 0);
  await s.screenshot('ui-point-added');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('a diverging run pauses, explains, keeps finite numbers, and Reset recovers', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'model=linreg&data=plane&lr=9' });
  await s.api('play');
  const m = await poll(async () => {
    const x = await s.api('getMetrics');
    return x.status === 'diverged' ? x : null;
  }, { what: 'divergence' });
  assert.match(m.message, /learning rate/);
  assert.equal(await s.api('isPlaying'), false, 'training paused');
  assert.ok(Number.isFinite(m.train_loss), 'the last finite state, not NaN');
  await s.frames(3);
  const rects = await s.api('getUiRects');
  assert.ok(rects.diverged_reset, 'the message with a Reset button is on screen');
  await s.screenshot('ui-diverged');
  await s.click(rects.diverged_reset);
  await poll(async () => (await s.api('getMetrics')).status === 'ok', { what: 'reset after divergence' });
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('every model and a deep network train in the page without errors', async () => {
  const s = await env.open({ width: 1280, height: 800 });
  for (const link of ['model=linreg&data=line&features=x', 'model=logreg&data=blobs', 'model=softmax&data=blobsk&classes=5',
    'model=mlp&data=spiralk&classes=4&layers=16,16,16,16,16,16,16,16&act=relu&opt=adam&lr=0.003',
    'model=mlp&data=sine&layers=32,32&act=tanh&lr=0.01', 'model=mlp&data=circle&layers=256&batch=32']) {
    await s.api('applyLink', link);
    assert.ok((await s.api('step', 30)) === 30, link);
    const m = await s.api('getMetrics');
    assert.ok(Number.isFinite(m.train_loss), `${link}: ${JSON.stringify(m)}`);
    await s.frames(2);
  }
  await s.screenshot('ui-deep-network');
  assert.deepEqual(s.problems(), []);
  await s.close();
});
