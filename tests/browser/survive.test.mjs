// tests/browser/survive.test.mjs: the page survives what browsers do. A lost WebGL context (WEBGL_lose_context,
// as after a GPU reset) pauses training and shows a message, and a restored one draws every view again; the
// mouse wheel logs no console error; long warnings wrap inside their window; Open's notice goes away once the
// state changes another way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnv, poll, looksRendered, decodePng, pixelStats } from './harness.mjs';

let env;
before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

const linkValue = (link, key) => new URLSearchParams(link).get(key);

/** Pixel statistics of one rect [x0, y0, x1, y1] (CSS pixels) of the page as it is on screen. */
async function regionStats(s, r) {
  const png = await s.page.screenshot({ clip: { x: r[0], y: r[1], width: r[2] - r[0], height: r[3] - r[1] } });
  return pixelStats(decodePng(png));
}

const messageShown = (s) => s.page.evaluate(() => !document.getElementById('graphics-lost').hidden);

test('a lost WebGL context pauses and says so; once restored, every view draws again', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'v=1&data=spiral&layers=6,4&insp=1&ilayer=1&imat=3' });
  await s.api('play');
  await poll(async () => (await s.api('getMetrics')).step >= 100, { what: 'training' });
  await s.frames(3);
  const rects = await s.api('getUiRects');
  const views = { boundary: rects.boundary, heatmap: rects.heatmap_1 };
  for (const [name, r] of Object.entries(views)) {
    assert.ok(r, `${name} is on screen`);
    const st = await regionStats(s, r);
    assert.ok(st.colours > 16, `${name} before: ${JSON.stringify(st)}`);
  }

  await s.page.evaluate(() => {
    window.loseContext = document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context');
    window.loseContext.loseContext();
  });
  await poll(async () => (await s.api('getGraphics')).lost, { what: 'the context loss to arrive' });
  assert.equal(await messageShown(s), true, 'the "graphics were reset" message is shown');
  const text = await s.page.evaluate(() => document.getElementById('graphics-lost').textContent);
  assert.match(text, /graphics were reset/);
  assert.match(text, /your state is in the link/);
  assert.equal(await s.api('isPlaying'), false, 'training is paused');
  const { step } = await s.api('getMetrics');
  const address = await s.page.evaluate(() => location.hash.slice(1));
  assert.equal(linkValue(address, 'step'), String(step), 'the address holds the state, up to the last step');
  await s.frames(5);
  assert.equal((await s.api('getMetrics')).step, step, 'no training while lost');
  await s.screenshot('survive-context-lost');
  const reload = await s.page.evaluate(() => {
    const b = document.getElementById('graphics-reload').getBoundingClientRect();
    return b.width > 0 && b.height > 0;
  });
  assert.ok(reload, 'a Reload button is offered');

  const { frames } = await s.api('getGraphics');
  await s.page.evaluate(() => window.loseContext.restoreContext());
  await poll(async () => !(await messageShown(s)), { what: 'the message to go after the restore' });
  await poll(async () => (await s.api('getGraphics')).frames > frames + 5, { what: 'frames on the restored context' });
  const g = await s.api('getGraphics');
  assert.deepEqual([g.lost, g.losses], [false, 1]);
  await s.frames(3);
  const shot = await s.screenshot('survive-context-restored');
  assert.ok(looksRendered(shot), JSON.stringify(shot));
  for (const [name, r] of Object.entries(views)) {  // the boundary texture and the heatmap program and textures
    const st = await regionStats(s, r);
    assert.ok(st.colours > 16, `${name} after the restore: ${JSON.stringify(st)}`);
  }
  await s.api('play');
  await poll(async () => (await s.api('getMetrics')).step > step, { what: 'training to resume on Play' });
  assert.deepEqual(s.problems(), []);
  assert.deepEqual(s.logs.filter((l) => /WebGL|GL_INVALID|INVALID_OPERATION/.test(l)), [], 'no GL errors or warnings');
  await s.close();
});

test('the mouse wheel over every part of the page logs no console error', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'v=1&insp=1' });
  await s.frames(3);
  const rects = await s.api('getUiRects');
  const spots = [[170, 400], [620, 600], [1090, 600], [640, 20]];  // panel, network, loss chart, control bar
  for (const name of ['boundary', 'heatmap_0', 'heatmap_1']) {  // zoom on a heatmap is a wheel too
    const r = rects[name];
    if (r) spots.push([(r[0] + r[2]) / 2, (r[1] + r[3]) / 2]);
  }
  for (const [x, y] of spots) {
    await s.page.mouse.move(x, y);
    for (const dy of [100, -100, 300, -40]) await s.page.mouse.wheel(0, dy);
    await s.page.mouse.wheel(120, 0);
    await s.frames(2);
  }
  await s.frames(3);
  assert.deepEqual(s.problems(), []);
  assert.deepEqual(s.logs.filter((l) => /^(error|warning):/.test(l)), []);
  assert.equal(await s.page.evaluate(() => window.scrollY), 0, 'the page itself does not scroll');
  await s.close();
});

test('long warnings wrap inside their window', async () => {
  // A TensorFlow Playground link whose warnings are longer than the window is wide.
  const tf = 'learningRate=100&batchSize=0&percTrainData=95&noise=200&networkShape=300,2&activation=relu';
  const s = await env.open({ width: 1000, height: 700, hash: tf });
  await s.frames(3);
  const { warnings } = await s.api('getMetrics');
  const longest = warnings.reduce((a, w) => (w.length > a.length ? w : a), '');
  assert.ok(longest.length > 100, longest);
  const rects = await s.api('getUiRects');
  const box = rects.warnings, last = rects.warning_last;
  assert.ok(box && last, JSON.stringify(Object.keys(rects)));
  assert.ok(last[2] <= box[2], `the last warning ends inside its window: ${last} in ${box}`);
  assert.ok(last[3] - last[1] > 20, `the last warning wraps onto more than one line: ${last}`);
  await s.screenshot('survive-warnings-wrap');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test("Open's notice clears when the state changes another way (a control, a new address)", async () => {
  const s = await env.open({ width: 1280, height: 800 });
  const notice = async () => (await s.api('getMetrics')).notice;
  assert.equal((await s.api('open', 'v=1&data=xor&lr=0.1\n', 'link.txt')).ok, true);
  await s.frames(5);
  assert.equal(await notice(), "Opened link from 'link.txt'.", 'the notice stays while nothing changes');
  await s.api('play');  // training on is not a change of what was opened
  await poll(async () => (await s.api('getMetrics')).step > 30, { what: 'training' });
  await s.api('pause');
  assert.equal(await notice(), "Opened link from 'link.txt'.");

  // A control edited by hand: the learning-rate list (a live change, no new network).
  await s.click((await s.api('getUiRects')).lr);
  await poll(async () => (await s.api('getUiRects'))['option:lr:0.3'], { what: 'the list of learning rates' });
  await s.frames(2);  // a popup takes input from its second frame
  await s.click((await s.api('getUiRects'))['option:lr:0.3']);
  await poll(async () => linkValue(await s.api('getLink'), 'lr') !== '0.1', { what: 'lr to change' });
  await poll(async () => (await notice()) === '', { what: 'the notice to clear after an edit' });

  // A new address typed by the user.
  assert.equal((await s.api('open', 'x1,x2,label\r\n1,2,0\r\n-1,-2,1\r\n', 'points.csv')).ok, true);
  await s.frames(3);
  assert.equal(await notice(), "Opened 2 points from 'points.csv'.");
  await s.page.evaluate(() => { location.hash = 'v=1&data=moons'; });
  await poll(async () => (await notice()) === '', { what: 'the notice to clear after a new address' });

  // An error notice goes the same way (Reset).
  assert.equal((await s.api('open', '{"format": "other"}', 'other.json')).ok, false);
  await s.frames(3);
  assert.match(await notice(), /^Could not open 'other\.json'/);
  await s.page.keyboard.press('r');
  await poll(async () => (await notice()) === '', { what: 'the notice to clear after Reset' });
  assert.deepEqual(s.problems(), []);
  await s.close();
});
