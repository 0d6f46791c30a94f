// tests/browser/links.test.mjs: share links in the page: hostile links, step replay matching the CLI, view
// state, classroom mode, TensorFlow Playground links, export and import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startEnv, poll, REPO_ROOT } from './harness.mjs';

let env;
before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

const linkValue = (link, key) => new URLSearchParams(link).get(key);

test('a hostile link opens with defaults, lists its problems, and injects nothing', async () => {
  const evil = 'lr=abc&layers=9999999&batch=-1&zzz=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&noise=nan&%G1&v=99&' +
    'x'.repeat(2000) + '=1';
  const s = await env.open({ width: 1280, height: 800, hash: evil });
  const scripts = await s.page.evaluate(() => document.querySelectorAll('script, img').length);
  const m = await s.api('getMetrics');
  assert.ok(m.warnings.length >= 6, JSON.stringify(m.warnings));
  assert.ok(m.warnings.some((w) => /lr/.test(w)) && m.warnings.some((w) => /layers/.test(w)));
  const link = await s.api('getLink');
  assert.equal(linkValue(link, 'lr'), null, 'lr is back at its default 0.03, which a link leaves out');
  assert.equal(linkValue(link, 'layers'), '256', 'layers=9999999 clamps to the widest layer');
  assert.equal(linkValue(link, 'noise'), null, 'noise is back at its default 0');
  await poll(async () => (await s.api('getUiRects')).dismiss_warnings, { what: 'the warnings on screen, dismissable' });
  await s.screenshot('links-hostile');
  await s.click((await s.api('getUiRects')).dismiss_warnings);
  await poll(async () => (await s.api('getMetrics')).warnings.length === 0, { what: 'dismissed' });
  assert.equal(await s.page.evaluate(() => document.querySelectorAll('script, img').length), scripts, 'no element injected');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('a step=N link shows the loss bprop train prints for N steps, to the last digit', async (t) => {
  const bprop = join(REPO_ROOT, 'build-web', 'bprop.js');
  if (!existsSync(bprop)) return t.skip('build-web/bprop.js not built');
  const link = 'model=mlp&data=spiral&layers=8,8&act=tanh&opt=adam&lr=0.01&batch=16&noise=0.2&dseed=4&iseed=7';
  const r = spawnSync(process.execPath, ['--no-experimental-fetch', bprop, 'train', link, '--steps', '1234', '--json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(r.stdout.trim().split('\n').pop()).summary;
  const s = await env.open({ width: 1280, height: 800, hash: `${link}&step=1234` });
  const m = await s.api('getMetrics');
  assert.equal(m.step, 1234);
  assert.equal(m.train_loss, summary.train_loss);
  assert.equal(m.test_loss, summary.test_loss);
  assert.equal(m.test_accuracy, summary.test_accuracy);
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('the view state travels in the link', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'layers=3&insp=1&itab=2&ilayer=2&imat=5&showtest=1&logloss=1' });
  const ins = await poll(async () => {
    const i = await s.api('getInspector');
    return i.open && i.tab === 2 ? i : null;
  }, { what: 'inspector open on the gradient-check tab' });
  assert.equal(ins.layer, 2);
  assert.equal(ins.kind, 5);
  const link = await s.api('getLink');
  assert.equal(linkValue(link, 'showtest'), '1');
  assert.equal(linkValue(link, 'insp'), '1');
  await s.screenshot('links-view-state');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('classroom mode hides the chosen controls', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'hide=lr,opt,inspector' });
  await s.frames(3);
  const rects = await s.api('getUiRects');
  assert.equal(rects.lr, undefined, 'no learning-rate slider');
  assert.equal(rects.inspector_button, undefined, 'no inspector button');
  assert.ok(rects.batch, 'other controls stay');
  await s.page.keyboard.press('j');
  await s.frames(3);
  assert.equal((await s.api('getInspector')).open, false, 'the J shortcut is hidden too');
  await s.screenshot('links-classroom');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('a TensorFlow Playground link opens as the closest equivalent, with notes', async () => {
  const tf = 'activation=relu&batchSize=20&dataset=xor&regDataset=reg-plane&learningRate=0.1&regularizationRate=0&noise=10' +
    '&networkShape=6,3&seed=0.5&showTestData=true&discretize=true&percTrainData=70&x=true&y=true&xTimesY=true' +
    '&problem=classification&learningRate_hide=true';
  const s = await env.open({ width: 1280, height: 800, hash: tf });
  const link = await s.api('getLink');
  assert.equal(linkValue(link, 'data'), 'xor');
  assert.equal(linkValue(link, 'layers'), '6,3');
  assert.equal(linkValue(link, 'act'), 'relu');
  assert.equal(linkValue(link, 'features'), 'x,y,xy');
  assert.equal(linkValue(link, 'hide'), 'lr');
  const m = await s.api('getMetrics');
  assert.ok(m.warnings.every((w) => w.startsWith('TensorFlow Playground link: ')), JSON.stringify(m.warnings));
  assert.ok(m.warnings.length >= 2);
  await s.screenshot('links-tensorflow');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('export and import: model JSON and data CSV load back; bad files get clear errors', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'data=moons&layers=5&batch=8&step=300' });
  const model = await s.api('exportText', 'model');
  const weights = await s.api('getWeights');
  assert.equal(JSON.parse(model).format, 'backprop-playground-model');
  await s.api('applyLink', 'data=circle&layers=2');
  let r = await s.api('open', model, 'model.json');
  assert.ok(r.ok, r.message);
  assert.deepEqual((await s.api('getWeights')).layers, weights.layers);
  assert.equal((await s.api('getMetrics')).step, 300);

  const csv = await s.api('exportText', 'data');
  assert.match(csv, /^x1,x2,label\n/);
  r = await s.api('open', csv, 'data.csv');
  assert.ok(r.ok, r.message);
  assert.equal(linkValue(await s.api('getLink'), 'data'), 'user');

  const before = await s.api('getLink');
  r = await s.api('open', '{"format": "backprop-playground-model", "link": "layers=5", "layers": [{"W": [[1, "x"]]}]}', 'bad.json');
  assert.equal(r.ok, false);
  assert.match(r.message, /bad\.json.*W\[0\]\[1\] is not a number/);
  r = await s.api('open', 'x1,x2,label\n1,2,0\n3,abc,1\n', 'junk.csv');
  assert.equal(r.ok, false);
  assert.match(r.message, /line 3/);
  r = await s.api('open', '{"format": "something else"}', 'other.json');
  assert.equal(r.ok, false);
  // A "format" that is not a string once threw a C++ exception through the wasm boundary; shapes that do not
  // fit each other are said before the link is applied.
  r = await s.api('open', '{"format": 1, "link": "", "layers": []}', 'number.json');
  assert.equal(r.ok, false);
  assert.match(r.message, /number\.json.*"format" should be "backprop-playground-model"/);
  r = await s.api('open', '{"format": "backprop-playground-model", "link": "layers=5", "layers": [{"W": [[1, 2]], "b": [0, 0]}]}', 'b.json');
  assert.match(r.message, /layer 1 b has length 2, but its W is 1 x 2/);
  assert.equal(await s.api('getLink'), before, 'a bad file changes nothing');
  await s.frames(3);
  await s.screenshot('links-import-error');
  const loss = await s.api('exportText', 'loss');
  assert.match(loss, /^step,train_loss,test_loss/);
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('Export downloads files: model JSON, CSV, and a PNG of a view', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'data=xor&step=50' });
  for (const [what, name, check] of [
    ['model', 'model.json', (b) => JSON.parse(b.toString()).format === 'backprop-playground-model'],
    ['data', 'data.csv', (b) => b.toString().startsWith('x1,x2,label\n')],
    ['png:boundary', 'boundary.png', (b) => b.subarray(1, 4).toString() === 'PNG' && b.length > 2000],
  ]) {
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.api('download', what)]);
    assert.equal(download.suggestedFilename(), name);
    const chunks = [];
    for await (const c of await download.createReadStream()) chunks.push(c);
    assert.ok(check(Buffer.concat(chunks)), `${what} content`);
  }
  assert.equal(await s.api('download', 'png:nothing'), false);
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('a long replay runs across frames with progress, and a hostile step count never hangs the page', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'layers=8,8&step=300000' });
  const first = await s.api('getMetrics');
  assert.equal(first.replaying, true, 'the page drew before the replay finished');
  assert.match(await s.api('getLink'), /step=300000/, 'the link keeps its target while replaying');
  await s.frames(3);
  await s.screenshot('links-replaying');
  await poll(async () => (await s.api('getMetrics')).step === 300000, { timeout: 60000, what: 'the replay to finish' });
  assert.equal((await s.api('getMetrics')).replaying, false);

  // The widest, deepest network and the largest step count: the page stays responsive and can stop.
  const huge = 'layers=' + Array(16).fill(256).join(',') + '&batch=5000&n=5000&step=10000000';
  await s.api('applyLink', huge);
  const stop = await poll(async () => (await s.api('getUiRects')).replay_stop, { what: 'the Stop button' });
  await s.click(stop);
  const m = await poll(async () => {
    const x = await s.api('getMetrics');
    return x.replaying ? null : x;
  }, { what: 'the replay to stop' });
  assert.ok(m.step < 10000000);
  assert.equal(new URLSearchParams(await s.api('getLink')).get('step'), String(m.step), 'the link now says where it stopped');
  assert.deepEqual(s.problems(), []);
  await s.close();
});
