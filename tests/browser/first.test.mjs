// tests/browser/first.test.mjs: the first minute: undo and redo restore links, weights, metrics and the loss
// chart bit for bit (also across a reset, and along live edits made mid-run); adding points is an explicit tool;
// a step=N link draws the sender's loss chart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnv, poll, looksRendered, decodePng } from './harness.mjs';

let env;
before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

const linkValue = (link, key) => new URLSearchParams(link).get(key);

/** Everything undo must bring back: the link, the weights, the metrics and the chart. */
async function state(s) {
  const m = await s.api('getMetrics');
  return {
    link: await s.api('getLink'),
    weights: await s.api('getWeights'),
    metrics: { step: m.step, epoch: m.epoch, train_loss: m.train_loss, test_loss: m.test_loss, test_accuracy: m.test_accuracy },
    chart: await s.api('getLossHistory'),
  };
}

async function pickLearningRate(s, value) {
  await s.click((await s.api('getUiRects')).lr);
  await poll(async () => (await s.api('getUiRects'))[`option:lr:${value}`], { what: `option lr ${value}` });
  await s.frames(2);  // a popup takes input from its second frame
  await s.click((await s.api('getUiRects'))[`option:lr:${value}`]);
  await poll(async () => linkValue(await s.api('getLink'), 'lr') === String(value), { what: `lr=${value}` });
}

test('undo and redo restore the state bit for bit, across a reset and along live edits made mid-run', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'data=xor&layers=5&lr=0.1&batch=10' });
  assert.equal(await s.api('undo'), false, 'nothing to undo yet');
  await s.api('step', 300);
  const a = await state(s);
  assert.equal(a.metrics.step, 300);

  // A live change at step 300 (the list of learning rates), then more training with it.
  await pickLearningRate(s, 0.3);
  await s.api('step', 120);
  const b = await state(s);
  assert.equal(b.metrics.step, 420);

  // A change that needs a new network resets the run (and says so).
  let rects = await s.api('getUiRects');
  await s.click(rects.add_layer);
  await poll(async () => linkValue(await s.api('getLink'), 'layers') === '5,5', { what: 'layers=5,5' });
  assert.equal((await s.api('getMetrics')).step, 0);
  await s.api('step', 40);
  const c = await state(s);

  // Undo: back to step 420 of the first network, with lr 0.1 for 300 steps and 0.3 after: replayed exactly.
  assert.equal(await s.api('undo'), true);
  assert.deepEqual(await state(s), b);
  // Undo the learning rate: step 300 with lr 0.1 (the run never trained with 0.3).
  await s.page.keyboard.press('Control+z');
  await poll(async () => linkValue(await s.api('getLink'), 'lr') === '0.1', { what: 'Ctrl+Z' });
  assert.deepEqual(await state(s), a);
  assert.equal((await s.api('getMetrics')).undo, 0);

  // Redo twice: the states come back in order.
  await s.page.keyboard.press('Control+Shift+Z');
  await poll(async () => linkValue(await s.api('getLink'), 'lr') === '0.3', { what: 'Ctrl+Shift+Z' });
  assert.deepEqual(await state(s), b);
  assert.equal(await s.api('redo'), true);
  assert.deepEqual(await state(s), c);
  assert.equal(await s.api('redo'), false);

  // Reset is a change like any other: undo brings the trained run back.
  await s.page.keyboard.press('r');
  await poll(async () => (await s.api('getMetrics')).step === 0, { what: 'reset' });
  await s.frames(2);
  await s.screenshot('first-reset-toast');
  rects = await s.api('getUiRects');
  await s.click(rects.undo);
  await poll(async () => (await s.api('getMetrics')).step === 40, { what: 'Undo button' });
  assert.deepEqual(await state(s), c);
  const shot = await s.screenshot('first-undo');
  assert.ok(looksRendered(shot), JSON.stringify(shot));
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('a slider drag is one undo step', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'noise=0.1' });
  const before = await s.api('getLink');
  const r = (await s.api('getUiRects')).noise;
  const y = (r[1] + r[3]) / 2;
  await s.drag([r[0] + (r[2] - r[0]) * 0.2, y], [r[0] + (r[2] - r[0]) * 0.7, y], 12);
  await poll(async () => (await s.api('getLink')) !== before, { what: 'noise to change' });
  assert.equal((await s.api('getMetrics')).undo, 1, 'one entry for the whole drag');
  assert.equal(await s.api('undo'), true);
  assert.equal(await s.api('getLink'), before);
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('adding points is a tool: off, a click changes nothing; on, it adds the chosen class, says so, and undoes', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'data=circle&n=100' });
  await s.api('step', 50);
  const trained = await state(s);
  let rects = await s.api('getUiRects');
  const b = rects.boundary, at = [b[0] + (b[2] - b[0]) * 0.2, b[1] + (b[3] - b[1]) * 0.3];
  await s.page.mouse.click(...at);
  await s.frames(4);
  assert.deepEqual(await state(s), trained, 'a click with the tool off changes nothing');

  await s.click(rects.add_points);
  rects = await poll(async () => {
    const r = await s.api('getUiRects');
    return r.add_class_2 ? r : null;
  }, { what: 'class swatches 0, 1 and a new class 2' });
  await s.click(rects.add_class_0);
  await s.frames(2);
  await s.page.mouse.move(...at);
  await s.frames(3);
  await s.screenshot('first-add-points');
  await s.page.mouse.click(...at);
  const link = await poll(async () => {
    const l = await s.api('getLink');
    return linkValue(l, 'data') === 'user' ? l : null;
  }, { what: 'data=user' });
  assert.equal(linkValue(link, 'step'), null, 'step 0, the default');
  const m = await s.api('getMetrics');
  assert.equal(m.train_count + m.test_count, 101);
  await s.frames(2);
  await s.screenshot('first-point-added');
  assert.equal(await s.api('undo'), true);
  assert.deepEqual(await state(s), trained, 'Undo takes the point back and replays the trained run');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('a step=N link draws the loss chart the sender saw, however the sender trained', async () => {
  const hash = 'data=spiral&layers=6,6&lr=0.03&opt=adam&noise=0.1&dseed=5';
  const sender = await env.open({ width: 1280, height: 800, hash });
  await sender.api('setSpeed', 37);  // steps per frame: the chart must not depend on it
  await sender.api('play');
  await poll(async () => (await sender.api('getMetrics')).step > 900, { what: 'training', timeout: 30000 });
  await sender.api('pause');
  await sender.api('step', 3);  // and a few single steps on top
  const link = await sender.api('getLink');
  const chart = await sender.api('getLossHistory');
  const weights = await sender.api('getWeights');
  assert.ok(chart.length > 20, `${chart.length} points`);
  assert.equal(chart[0].step, 0);
  assert.equal(chart.at(-1).step, Number(linkValue(link, 'step')), 'the chart ends at the current step');
  await sender.close();

  const receiver = await env.open({ width: 1280, height: 800, hash: link });
  assert.deepEqual(await receiver.api('getWeights'), weights);
  assert.deepEqual(await receiver.api('getLossHistory'), chart);
  await receiver.frames(3);
  await receiver.screenshot('first-replayed-chart');
  assert.deepEqual(receiver.problems(), []);
  await receiver.close();
});

test('hovering a link shows its weight, hovering a bias square its bias', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'data=xor&layers=3&step=40' });
  await s.frames(2);
  const r = await s.api('getUiRects'), w = (await s.api('getWeights')).layers;
  const a = r['neuron:0:1'], b = r['neuron:1:2'];  // the link from input 1 to neuron 2 of layer 1: W[1][2,1]
  await s.page.mouse.move((a[2] + b[0]) / 2, ((a[1] + a[3]) / 2 + (b[1] + b[3]) / 2) / 2);
  const link = await poll(async () => (await s.api('getMetrics')).hover, { what: 'a hovered link' });
  assert.deepEqual(link, { kind: 'weight', layer: 1, row: 2, col: 1, value: w[0].W[2][1] });
  await s.screenshot('first-hover-weight');
  const c = r['neuron:2:0'];
  await s.page.mouse.move(c[0], c[3]);  // the bias square sits on the neuron's bottom-left corner
  const bias = await poll(async () => {
    const h = (await s.api('getMetrics')).hover;
    return h?.kind === 'bias' ? h : null;
  }, { what: 'a hovered bias' });
  assert.deepEqual(bias, { kind: 'bias', layer: 2, row: 0, col: -1, value: w[1].b[0] });
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('class colours belong to the class, whatever the class count; the output view has a legend', async () => {
  const colourOf = async (s, name) => {
    await s.frames(2);
    const r = (await s.api('getUiRects'))[name];
    const png = decodePng(await s.page.screenshot({ clip: { x: (r[0] + r[2]) / 2, y: (r[1] + r[3]) / 2, width: 1, height: 1 } }));
    return [...png.data.subarray(0, 3)];
  };
  const s = await env.open({ width: 1280, height: 800, hash: 'data=xor' });
  assert.ok((await s.api('getUiRects')).legend, 'a value scale beside the data view');
  await s.click((await s.api('getUiRects')).add_points);
  await poll(async () => (await s.api('getUiRects')).add_class_0, { what: 'swatches' });
  const two = [await colourOf(s, 'add_class_0'), await colourOf(s, 'add_class_1')];
  await s.api('applyLink', 'data=spiralk&classes=3');
  await poll(async () => (await s.api('getUiRects')).add_class_3, { what: 'swatches for 3 classes and a new one' });
  const three = [await colourOf(s, 'add_class_0'), await colourOf(s, 'add_class_1')];
  assert.deepEqual(three, two, 'class 0 and class 1 keep their colours');
  assert.deepEqual(two[0], [245, 147, 34], 'class 0 is orange');
  assert.deepEqual(two[1], [8, 119, 189], 'class 1 is blue');
  const legend = (await s.api('getUiRects')).legend;
  assert.ok(legend[3] - legend[1] > 40, 'one swatch per class');
  await s.screenshot('first-legend-classes');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('Share copies a link at step 0 or at the current step, hiding the ticked controls for a class', async () => {
  const s = await env.open({ width: 1024, height: 768, hash: 'data=xor&lr=0.1' });
  await s.api('step', 60);
  await s.click((await s.api('getUiRects')).share);
  await poll(async () => (await s.api('getUiRects')).share_copy, { what: 'the Share dialog' });
  await s.frames(3);  // the dialog fits its size in its first frames, then stays put
  const rects = await s.api('getUiRects');
  const clipboard = () => s.page.evaluate(() => navigator.clipboard.readText());
  await s.click(rects.share_copy);
  await poll(async () => (await clipboard()).endsWith('#v=1&data=xor&lr=0.1&step=60'), { what: 'the link at step 60' });
  await s.click(rects.share_hide_lr);
  await s.click(rects.share_hide_inspector);
  await s.click(rects.share_at_zero);
  await s.frames(3);
  await s.screenshot('first-share-1024x768');
  await s.click((await s.api('getUiRects')).share_copy);
  const shared = await poll(async () => {
    const c = await clipboard();
    return c.endsWith('#v=1&data=xor&lr=0.1&hide=lr,inspector') ? c : null;
  }, { what: 'the link at step 0 hiding lr and the inspector' });
  assert.ok((await s.api('getUiRects')).lr, 'this page keeps its own controls');
  await s.page.keyboard.press('Escape');  // Escape closes the dialog
  await poll(async () => !(await s.api('getUiRects')).share_copy, { what: 'the Share dialog closed by Escape' });
  await s.close();

  const student = await env.open({ width: 1024, height: 768, hash: shared.split('#')[1] });
  await student.frames(3);
  const r = await student.api('getUiRects');
  assert.equal(r.lr, undefined);
  assert.equal(r.inspector_button, undefined);
  assert.equal((await student.api('getMetrics')).step, 0);
  assert.deepEqual(student.problems(), []);
  await student.close();
});

test('Share copies an <iframe> snippet whose page shows only the ticked views, under the title strip', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'data=xor&lr=0.1' });
  assert.ok((await s.api('getUiRects')).title, 'the title strip: the product name and one sentence');
  await s.api('step', 30);
  await s.click((await s.api('getUiRects')).share);
  await poll(async () => (await s.api('getUiRects')).share_embed_copy, { what: 'the Share dialog' });
  await s.frames(3);
  let rects = await s.api('getUiRects');
  await s.click(rects.share_embed_loss);  // network and data are ticked by default; add the loss chart
  await s.frames(2);
  await s.screenshot('first-share-embed');
  await s.click((await s.api('getUiRects')).share_embed_copy);
  const snippet = await poll(async () => {
    const c = await s.page.evaluate(() => navigator.clipboard.readText());
    return c.startsWith('<iframe') ? c : null;
  }, { what: 'the embed snippet' });
  assert.match(snippet, /^<iframe src="http:\/\/[^"]+#v=1&amp;data=xor&amp;lr=0\.1&amp;step=30&amp;embed=network,data,loss" width="900" height="520" style="border:0" title="Backprop Playground" loading="lazy"><\/iframe>$/);
  await s.close();

  // The snippet's page, at the snippet's size: those views and nothing else, at the sender's step.
  const hash = snippet.match(/#([^"]+)"/)[1].replaceAll('&amp;', '&');
  const embedded = await env.open({ width: 900, height: 520, hash });
  await embedded.frames(3);
  rects = await embedded.api('getUiRects');
  for (const shown of ['network', 'boundary', 'loss_chart', 'title']) assert.ok(rects[shown], `${shown} is shown`);
  for (const gone of ['play', 'lr', 'inspector']) assert.equal(rects[gone], undefined, `${gone} is not shown`);
  assert.equal((await embedded.api('getMetrics')).step, 30);
  await embedded.screenshot('first-embedded-900x520');
  assert.deepEqual(embedded.problems(), []);
  await embedded.close();
});
