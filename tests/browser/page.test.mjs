// tests/browser/page.test.mjs: the page as a whole, in headless Chromium (WebGL 2 on SwiftShader): it loads
// cleanly, draws, answers the JS API, trains, and keeps drawing through resizes and at devicePixelRatio 2.
// Widget-level tests (sliders, buttons, divergence) use the same harness with getUiRects.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnv, poll, looksRendered } from './harness.mjs';

let env;
before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

test('loads without errors and draws the UI', async () => {
  const s = await env.open({ width: 1280, height: 800 });
  await s.frames(3);
  const shot = await s.screenshot('page-1280x800');
  assert.ok(looksRendered(shot), `blank-looking screenshot ${shot.path}: ${JSON.stringify(shot)}`);
  const loading = await s.page.evaluate(() => document.getElementById('status').hidden);
  assert.equal(loading, true, 'the loading message is hidden after the first frame');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('the Content-Security-Policy is in force (inline script blocked)', async () => {
  const s = await env.open({ width: 800, height: 500 });
  const ran = await s.page.evaluate(async () => {
    const el = document.createElement('script');
    el.textContent = 'window.inlineRan = true';
    document.head.appendChild(el);
    await new Promise((r) => setTimeout(r, 100));
    return window.inlineRan === true;
  });
  assert.equal(ran, false);
  assert.ok(s.problems().some((e) => /Content Security Policy/.test(e)), 'the violation is reported');
  await s.close();
});

test('without WebGL 2 the page says so and loads no wasm', async () => {
  const s = await env.open({ waitReady: false, initScript: () => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
      return kind === 'webgl2' ? null : original.call(this, kind, ...rest);
    };
  } });
  const rejected = await s.page.evaluate(() => window.playground.ready.then(() => null, (e) => e.message));
  assert.match(rejected, /WebGL 2/);
  const ui = await s.page.evaluate(() => ({
    message: !document.getElementById('unsupported').hidden,
    reason: document.getElementById('unsupported-reason').textContent,
    canvas: getComputedStyle(document.getElementById('canvas')).display,
    loading: !document.getElementById('status').hidden,
  }));
  assert.deepEqual(ui, { message: true, reason: 'This browser could not create a WebGL 2 context.', canvas: 'none', loading: false });
  assert.ok(!s.requests.some((u) => /playground\.(js|wasm)/.test(u)), s.requests.join(' '));
  await s.screenshot('no-webgl2');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('JS API: link, bad link, training, stepping', async (t) => {
  const s = await env.open({ width: 1280, height: 800 });

  await t.test('getLink starts with the schema version', async () => {
    const link = await s.api('getLink');
    assert.match(link, /^v=1(&|$)/);
  });

  await t.test('a bad value gives warnings, not an error', async () => {
    const r = await s.api('applyLink', 'lr=abc');
    assert.ok(Array.isArray(r.warnings) && r.warnings.length > 0, JSON.stringify(r));
    await s.frames(2);
    assert.deepEqual(s.problems(), []);
  });

  await t.test('playing lowers the training loss', async () => {
    await s.api('applyLink', 'v=1&data=circle&lr=0.1&step=0');
    const start = (await s.api('getMetrics')).train_loss;
    assert.equal(typeof start, 'number');
    await s.api('play');
    assert.equal(await s.api('isPlaying'), true);
    const t0 = Date.now();
    await poll(async () => Date.now() - t0 > 3000 && (await s.api('getMetrics')).train_loss < start,
      { timeout: 20000, what: `train_loss below ${start} after 3 s of play` });
    await s.api('pause');
    assert.equal(await s.api('isPlaying'), false);
    await s.screenshot('after-play');
  });

  await t.test('step(5) advances the step count by 5', async () => {
    await s.api('pause');
    const before = (await s.api('getMetrics')).step;
    assert.equal(await s.api('step', 5), 5);
    assert.equal((await s.api('getMetrics')).step, before + 5);
  });

  await t.test('the address follows the state', async () => {
    const link = await s.api('getLink');
    await poll(() => s.page.evaluate((l) => location.hash === '#' + l, link), { what: 'location.hash == getLink()' });
  });

  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('a link in the address is applied at start', async () => {
  const s = await env.open({ hash: 'v=1&data=xor&lr=0.3&step=7' });
  assert.equal((await s.api('getMetrics')).step, 7);
  assert.match(await s.api('getLink'), /lr=0\.3/);
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('editing the address (hashchange) applies the new link', async () => {
  const s = await env.open();
  await s.page.evaluate(() => { location.hash = '#v=1&data=xor&lr=0.2&step=3'; });
  await poll(async () => (await s.api('getLink')).includes('data=xor'), { what: 'data=xor applied' });
  assert.equal((await s.api('getMetrics')).step, 3);
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('Copy link puts the page address with the link on the clipboard', async () => {
  const s = await env.open();
  const rects = await s.api('getUiRects');
  assert.ok(rects.copy_link, `no copy_link rect in ${Object.keys(rects)}`);
  await s.click(rects.copy_link);
  const link = await s.api('getLink');
  await poll(async () => (await s.page.evaluate(() => navigator.clipboard.readText())).endsWith('#' + link),
    { what: 'the link on the clipboard' });
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('keeps drawing through a viewport resize and at devicePixelRatio 2', async () => {
  const s = await env.open({ width: 900, height: 600, dpr: 2 });
  const backing = () => s.page.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
  assert.deepEqual(await backing(), [1800, 1200]);
  let shot = await s.screenshot('dpr2-900x600');
  assert.ok(looksRendered(shot), `blank-looking screenshot ${shot.path}`);

  await s.page.setViewportSize({ width: 1200, height: 760 });
  await poll(async () => { const [w, h] = await backing(); return w === 2400 && h === 1520; }, { what: 'canvas 2400x1520' });
  await s.frames(3);
  shot = await s.screenshot('dpr2-1200x760');
  assert.ok(looksRendered(shot), `blank-looking screenshot ${shot.path}`);

  const rects = await s.api('getUiRects');  // CSS pixels: inside the 1200x760 viewport
  for (const [name, [x0, y0, x1, y1]] of Object.entries(rects)) {
    assert.ok(x0 >= -1 && y0 >= -1 && x1 <= 1201 && y1 <= 761 && x0 <= x1 && y0 <= y1, `${name}: ${[x0, y0, x1, y1]}`);
  }
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('a devicePixelRatio change alone (another monitor, zoom) rescales the backing store and the UI', async () => {
  const s = await env.open({ width: 1000, height: 700 });
  const cdp = await s.context.newCDPSession(s.page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1000, height: 700, deviceScaleFactor: 1.5, mobile: false });
  await poll(() => s.page.evaluate(() => document.getElementById('canvas').width === 1500), { what: 'canvas 1500 wide' });
  await s.frames(3);
  const shot = await s.screenshot('dpr1.5-1000x700');
  assert.ok(looksRendered(shot), `blank-looking screenshot ${shot.path}`);
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('dpr 1 at a small viewport that equals the screen size (no fullscreen request)', async () => {
  const s = await env.open({ width: 800, height: 600 });
  await s.page.setViewportSize({ width: 1024, height: 700 });
  await poll(() => s.page.evaluate(() => document.getElementById('canvas').width === 1024), { what: 'canvas 1024 wide' });
  await s.frames(3);
  const shot = await s.screenshot('dpr1-1024x700');
  assert.ok(looksRendered(shot), `blank-looking screenshot ${shot.path}`);
  assert.deepEqual(s.problems(), []);
  await s.close();
});
