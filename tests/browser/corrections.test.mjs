// tests/browser/corrections.test.mjs: the page never shows a setting the engine does not use (a badge beside a
// corrected control, impossible options disabled, the status naming what runs), values that do not exist read
// n/a, CSV labels are explained, a loaded model's loss shows at once, seeds cover 0..4294967295, and with a
// regularizer the losses say they are data losses and the status adds the penalty up to the objective.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnv, poll, looksRendered } from './harness.mjs';

let env;
before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

const linkValue = (link, key) => new URLSearchParams(link).get(key);
const inside = (r, w, h) => r[0] >= 0 && r[1] >= 0 && r[2] <= w && r[3] <= h && r[2] > r[0] && r[3] > r[1];
const badges = async (s) => Object.keys(await s.api('getUiRects')).filter((k) => k.startsWith('warn:')).sort();

// Waits for exactly these badges, checks each sits beside (right of, or just below) its control and on screen.
async function expectBadges(s, keys, control, { width, height }) {
  const want = JSON.stringify(keys.map((k) => `warn:${k}`));
  await poll(async () => JSON.stringify(await badges(s)) === want, { what: `badges ${want}` });
  const rects = await s.api('getUiRects');
  for (const key of keys) {
    const b = rects[`warn:${key}`], c = rects[control[key]];
    assert.ok(inside(b, width, height), `warn:${key} on screen: ${b}`);
    const beside = (b[0] >= c[2] - 1 && Math.abs(b[1] - c[1]) < 8) || (b[1] >= c[3] - 1 && b[1] - c[3] < 30);
    assert.ok(beside, `warn:${key} ${b} is beside ${control[key]} ${c}`);
  }
}

test('each of the issue\'s corrections shows a badge at its control and the status names what runs', async () => {
  const cases = [
    { hash: 'model=logreg&data=line', key: 'model', control: 'model', uses: 'linreg',
      runs: 'runs: 1-1 linear regression, linear + MSE, batch 10' },
    { hash: 'model=mlp&data=circle&loss=cce', key: 'loss', control: 'loss', uses: 'bce',
      runs: 'runs: 2-4-2-1 MLP, tanh hidden, sigmoid + BCE, batch 10' },
    { hash: 'n=5000&layers=256,256,256&batch=5000', key: 'batch', control: 'batch', uses: '506',
      runs: 'runs: 2-256-256-256-1 MLP, tanh hidden, sigmoid + BCE, batch 506' },
  ];
  for (const [width, height] of [[1280, 800], [1024, 768]]) {
    for (const c of cases) {
      const s = await env.open({ width, height, hash: c.hash });
      await expectBadges(s, [c.key], { [c.key]: c.control }, { width, height });
      const m = await s.api('getMetrics');
      assert.deepEqual(m.corrections.map((k) => [k.key, k.uses]), [[c.key, c.uses]]);
      assert.equal(m.status_lines[0], c.runs);
      assert.equal(m.run, c.runs.slice('runs: '.length));
      assert.equal(linkValue(await s.api('getLink'), c.key), new URLSearchParams(c.hash).get(c.key),
        'the control keeps what the learner chose; the badge says what runs');
      const rects = await s.api('getUiRects');
      await s.page.mouse.move(...[(rects[`warn:${c.key}`][0] + rects[`warn:${c.key}`][2]) / 2, (rects[`warn:${c.key}`][1] + rects[`warn:${c.key}`][3]) / 2]);
      await s.frames(4);
      const shot = await s.screenshot(`corrections-${c.key}-${width}x${height}`);
      assert.ok(looksRendered(shot));
      assert.deepEqual(s.problems(), []);
      await s.close();
    }
  }
});

test('unticking both x and y shows the features badge; ticking one back removes it', async () => {
  for (const [width, height] of [[1280, 800], [1024, 768]]) {
    const s = await env.open({ width, height });
    let rects = await s.api('getUiRects');
    await s.click(rects.feature_x);
    await poll(async () => linkValue(await s.api('getLink'), 'features') === 'y', { what: 'x unticked' });
    await s.click(rects.feature_y);
    await expectBadges(s, ['features'], { features: 'feature_y' }, { width, height });
    const m = await s.api('getMetrics');
    assert.deepEqual(m.corrections.map((k) => [k.key, k.uses]), [['features', 'x, y']]);
    assert.equal(m.status_lines[0], 'runs: 2-4-2-1 MLP, tanh hidden, sigmoid + BCE, batch 10');
    rects = await s.api('getUiRects');
    const b = rects['warn:features'];
    await s.page.mouse.move((b[0] + b[2]) / 2, (b[1] + b[3]) / 2);
    await s.frames(4);
    await s.screenshot(`corrections-features-${width}x${height}`);
    await s.click(rects.feature_x);
    await poll(async () => (await badges(s)).length === 0, { what: 'the badge to go once x is ticked' });
    assert.equal((await s.api('getMetrics')).status_lines[0], 'runs: 1-4-2-1 MLP, tanh hidden, sigmoid + BCE, batch 10');
    assert.deepEqual(s.problems(), []);
    await s.close();
  }
});

test('an option the engine would correct is disabled in its combo', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'model=mlp&data=line' });
  // A popup's first frame measures it off screen: wait a few frames before reading where an option is.
  const openCombo = async (combo, option) => {
    await s.click((await s.api('getUiRects'))[combo]);
    await poll(async () => (await s.api('getUiRects'))[option], { what: `the ${combo} combo open` });
    await s.frames(3);
    return (await s.api('getUiRects'))[option];
  };
  const logreg = await openCombo('model', 'option:model:logreg');
  await s.screenshot('corrections-model-combo');
  await s.click(logreg);
  await s.frames(4);
  assert.equal(linkValue(await s.api('getLink'), 'model'), 'mlp', 'logreg on a regression set cannot be chosen');
  await s.page.keyboard.press('Escape');
  await poll(async () => !(await s.api('getUiRects'))['option:model:logreg'], { what: 'the model combo closed' });
  await s.click(await openCombo('loss', 'option:loss:mse'));
  await poll(async () => linkValue(await s.api('getLink'), 'loss') === 'mse', { what: 'a possible option is chosen' });
  assert.deepEqual(await badges(s), []);
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('empty data: n/a instead of numbers, and the page says why Play does nothing', async () => {
  for (const [width, height] of [[1280, 800], [1024, 768]]) {
    const s = await env.open({ width, height });
    await s.click((await s.api('getUiRects')).clear_points);
    await poll(async () => (await s.api('getMetrics')).train_count === 0, { what: 'Clear points' });
    const m = await s.api('getMetrics');
    for (const k of ['train_loss', 'test_loss', 'train_accuracy', 'test_accuracy']) assert.equal(m[k], null, k);
    assert.ok(m.status_lines.includes('loss: train n/a   test n/a'), m.status_lines.join('\n'));
    assert.ok(m.status_lines.includes('accuracy: train n/a   test n/a'));
    assert.ok(m.status_lines.some((l) => l.startsWith('No training points: Play, Step and Epoch have nothing to train on')));
    assert.equal(m.run, '2-4-2-1 MLP, tanh hidden, sigmoid + BCE, no training points');
    await s.click((await s.api('getUiRects')).play);
    await s.page.keyboard.press('Space');
    await s.frames(4);
    assert.equal(await s.api('isPlaying'), false, 'Play is disabled: nothing to train');
    assert.equal(await s.api('step', 5), 0);
    await s.screenshot(`empty-data-${width}x${height}`);
    assert.deepEqual(s.problems(), []);
    await s.close();
  }
});

test('one point: it trains, and the empty test set reads n/a (null), not 0', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'data=user' });
  const b = (await s.api('getUiRects')).boundary;
  await s.page.mouse.click(b[0] + (b[2] - b[0]) * 0.7, b[1] + (b[3] - b[1]) * 0.3);
  await poll(async () => (await s.api('getMetrics')).train_count === 1, { what: 'one point added' });
  assert.equal(await s.api('step', 5), 5);
  const m = await s.api('getMetrics');
  assert.equal(m.test_count, 0);
  assert.equal(m.test_loss, null);
  assert.equal(m.test_accuracy, null);
  assert.equal(typeof m.train_loss, 'number');
  assert.ok(m.status_lines.some((l) => /^loss: train [0-9.e-]+ {3}test n\/a$/.test(l)), m.status_lines.join('\n'));
  assert.ok(m.status_lines.some((l) => l.startsWith('No test points')));
  assert.deepEqual(m.confusion, []);
  await s.screenshot('one-point');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('CSV labels: -1/+1 are two classes, a regression set says why, absurd targets are refused by line', async () => {
  const s = await env.open({ width: 1280, height: 800 });
  const pm = await s.api('open', 'x1,x2,label\n1,2,-1\n3,4,1\n-2,-1,-1\n2,2,1\n', 'pm.csv');
  assert.equal(pm.ok, true);
  assert.match(pm.message, /Labels -1\/\+1 read as two classes: -1 is class 0, \+1 is class 1/);
  let m = await s.api('getMetrics');
  assert.equal(typeof m.train_accuracy, 'number', 'a classification set');
  const frac = await s.api('open', 'x1,x2,label\n1,2,0\n3,4,0.5\n1,1,1\n', 'frac.csv');
  assert.match(frac.message, /Opened as a regression set because label 0.5 on line 3 is not a whole number/);
  m = await s.api('getMetrics');
  assert.equal(m.train_accuracy, null, 'a regression set has no accuracy');
  const many = await s.api('open', '1,2,0\n1,2,3\n1,2,12\n1,1,1\n', 'many.csv');
  assert.match(many.message, /Opened as a regression set because label 12 on line 3 is beyond class 7/);
  const absurd = await s.api('open', '1,2,0.5\n1,2,3\n1,2,2e9\n', 'absurd.csv');
  assert.equal(absurd.ok, false);
  assert.match(absurd.message, /line 3: label = 2e9 is beyond \+-1e6/);
  assert.equal((await s.api('getMetrics')).train_count, 2, 'a refused file changes nothing');
  await s.screenshot('csv-absurd-notice');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('opening a model JSON shows its loss and accuracy at once', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'data=xor&layers=8&lr=0.1&batch=10' });
  await s.api('step', 300);
  const early = JSON.parse(await s.api('exportText', 'model'));
  await s.api('step', 300);
  const late = JSON.parse(await s.api('exportText', 'model'));
  const want = await s.api('getMetrics');
  // The link of step 300 with the weights of step 600: only the loaded weights can give step 600's loss.
  const mixed = JSON.stringify({ ...late, link: early.link });
  await s.api('applyLink', 'data=circle');
  const opened = await s.api('open', mixed, 'model.json');
  assert.equal(opened.ok, true, opened.message);
  const m = await s.api('getMetrics');
  assert.equal(m.step, 300);
  assert.equal(m.train_loss, want.train_loss);
  assert.equal(m.test_loss, want.test_loss);
  assert.equal(m.train_accuracy, want.train_accuracy);
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('seeds cover 0..4294967295 in the panel', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'dseed=3000000000&iseed=7' });
  await s.click((await s.api('getUiRects')).dseed_plus);
  await poll(async () => linkValue(await s.api('getLink'), 'dseed') === '3000000001', { what: 'dseed + 1' });
  const r = (await s.api('getUiRects')).iseed;
  await s.page.mouse.dblclick(r[0] + 20, (r[1] + r[3]) / 2);
  await s.page.keyboard.press('Control+A');
  await s.page.keyboard.type('4294967295');
  await s.page.keyboard.press('Enter');
  await poll(async () => linkValue(await s.api('getLink'), 'iseed') === '4294967295', { what: 'iseed typed' });
  await s.screenshot('seeds');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('with a regularizer the losses are data losses, and the status adds the penalty up to the objective', async () => {
  for (const [width, height] of [[1280, 800], [1024, 768]]) {
    const s = await env.open({ width, height, hash: 'data=xor&reg=l2&rate=0.01&layers=8' });
    await s.api('step', 50);
    const m = await s.api('getMetrics');
    assert.equal(m.loss_plotted, 'data loss');
    assert.ok(m.penalty > 0);
    assert.ok(Math.abs(m.objective - (m.train_loss + m.penalty)) < 1e-12);
    const g = (v) => Number(v.toPrecision(4)).toString();
    assert.ok(m.status_lines.includes(`data loss: train ${g(m.train_loss)}   test ${g(m.test_loss)}`), m.status_lines.join('\n'));
    assert.ok(m.status_lines.includes(`penalty (l2, lambda 0.01): ${g(m.penalty)}`), m.status_lines.join('\n'));
    assert.ok(m.status_lines.includes(`objective = train + penalty: ${g(m.train_loss + m.penalty)}`), m.status_lines.join('\n'));
    await s.screenshot(`regularized-${width}x${height}`);
    await s.api('applyLink', 'data=xor&layers=8');
    const plain = await s.api('getMetrics');
    assert.equal(plain.loss_plotted, 'loss');
    assert.ok(!plain.status_lines.some((l) => l.startsWith('penalty')));
    assert.deepEqual(s.problems(), []);
    await s.close();
  }
});
