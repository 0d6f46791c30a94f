// tests/browser/ui.test.mjs: the panel and the views driven through real mouse and keyboard input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnv, poll, looksRendered } from './harness.mjs';

let env;
before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

const linkValue = (link, key) => new URLSearchParams(link).get(key);

test('the learning rate: a list of standard values, or a typed one', async () => {
  const s = await env.open({ width: 1280, height: 800 });
  assert.equal(await s.api('getLink'), 'v=1', 'the default link is short');
  await s.click((await s.api('getUiRects')).lr);
  const options = await poll(async () => {
    const r = await s.api('getUiRects');
    return r['option:lr:10'] ? r : null;
  }, { what: 'the list of learning rates' });
  const listed = Object.keys(options).filter((k) => k.startsWith('option:lr:')).map((k) => k.slice(10));
  assert.deepEqual(listed.map(Number).sort((a, b) => a - b),
    [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]);
  await s.frames(2);  // a popup takes input from its second frame
  await s.screenshot('ui-lr-list');
  await s.click((await s.api('getUiRects'))['option:lr:0.3']);
  await poll(async () => linkValue(await s.api('getLink'), 'lr') === '0.3', { what: 'lr=0.3' });
  assert.equal((await s.api('getMetrics')).step, 0, 'a live change keeps the network (no reset needed)');
  await s.click((await s.api('getUiRects')).lr_typed);
  await s.page.keyboard.press('Control+A');
  await s.page.keyboard.type('0.0005');
  await s.page.keyboard.press('Enter');
  await poll(async () => Number(linkValue(await s.api('getLink'), 'lr')) === 0.0005, { what: 'typed lr=0.0005 (5e-04)' });
  await s.click((await s.api('getUiRects')).lr_typed);
  await s.page.keyboard.press('Control+A');
  await s.page.keyboard.type('99');
  await s.page.keyboard.press('Enter');
  await poll(async () => linkValue(await s.api('getLink'), 'lr') === '10', { what: 'a typed value beyond the range is clamped' });
  await s.screenshot('ui-lr-typed');
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

test('with Add points on, clicking the data view adds a point of the chosen class, which travels in the link', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'data=xor&n=50' });
  const rects = await s.api('getUiRects');
  await s.click(rects.add_points);
  await s.click(await poll(async () => (await s.api('getUiRects')).add_class_0, { what: 'the class picker' }));
  const r = rects.boundary;
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
