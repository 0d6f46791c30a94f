// tests/browser/display.test.mjs: the page's typography and themes. The UI font (Noto Sans + Noto Sans Math,
// subset at build time) draws every glyph of the UI's set and is rasterised at device pixels for dpr 1, 1.5, 2
// and 3; the theme follows prefers-color-scheme and has a toggle; the text size control rescales the UI; both are
// remembered by the browser. Screenshots (light and dark, 1280x800, 1024x768, dpr 2) go to test-artifacts/browser/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnv, poll, decodePng, looksRendered } from './harness.mjs';

let env;
before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

/** Luminance (0..255) of the page at CSS pixel (x, y), from a screenshot of that one pixel. */
async function luminanceAt(s, x, y) {
  const img = decodePng(await s.page.screenshot({ clip: { x, y, width: 1, height: 1 } }));
  const [r, g, b] = img.data;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** A point of the network panel's empty background (left of the input column, below the title). */
async function backgroundPoint(s) {
  const r = (await s.api('getUiRects')).network;
  return [r ? r[0] + 4 : 400, r ? r[1] + 4 : 100];
}

test('the UI font has every glyph of its set and is rasterised at device pixels for dpr 1, 1.5, 2 and 3', async () => {
  for (const dpr of [1, 1.5, 2, 3]) {
    const s = await env.open({ width: 1024, height: 768, dpr });
    const d = await s.api('getDisplay');
    assert.deepEqual(d.missing_glyphs, [], `dpr ${dpr}: glyphs the font cannot draw`);
    // Sizes that say the glyphs are drawn as designed: ᵀ about 60% of T (stb_truetype once drew it as a dot),
    // ₃ about 60% of 3 and lower, ∂ (from Noto Sans Math, merged) about as tall as d.
    const box = d.glyph_boxes, h = (g) => box[g][3] - box[g][1];
    assert.ok(h('\u1D40') > 0.5 * h('T') && h('\u1D40') < 0.75 * h('T'), `dpr ${dpr}: ᵀ ${box['\u1D40']} vs T ${box.T}`);
    assert.ok(h('\u2083') > 0.45 * h('3') && h('\u2083') < 0.75 * h('3') && box['\u2083'][3] > box['3'][3], `dpr ${dpr}: ₃ vs 3`);
    assert.ok(h('\u2202') > 0.8 * h('d') && h('\u2202') < 1.25 * h('d'), `dpr ${dpr}: ∂ ${box['\u2202']} vs d ${box.d}`);
    assert.equal(d.font_px, Math.round(15 * dpr), `dpr ${dpr}: the font is rasterised at 15 CSS px x dpr`);
    assert.equal(d.text_px, 15);
    assert.ok(Math.abs(d.scale - dpr) < 1e-6, `dpr ${dpr}: the UI scale`);
    const shot = await s.screenshot(`display-dpr-${dpr}`);
    assert.ok(looksRendered(shot), JSON.stringify(shot));
    assert.deepEqual(s.problems(), []);
    await s.close();
  }
});

test('the theme follows prefers-color-scheme, and the toggle overrides it', async () => {
  const s = await env.open({ width: 1280, height: 800, colorScheme: 'dark' });
  assert.equal((await s.api('getDisplay')).dark, true, 'a dark system gets the dark theme');
  const [x, y] = await backgroundPoint(s);
  assert.ok(await luminanceAt(s, x, y) < 60, 'the background is dark');
  await s.page.emulateMedia({ colorScheme: 'light' });  // the system changes while the page is open
  await poll(async () => !(await s.api('getDisplay')).dark, { what: 'the light theme after the system changed' });
  await poll(async () => (await luminanceAt(s, x, y)) > 200, { what: 'a light background' });

  // The toggle: Aa, then Dark. It wins over the system's light preference.
  await s.click((await s.api('getUiRects')).display);
  await s.click(await poll(async () => (await s.api('getUiRects')).theme_dark, { what: 'the theme menu' }));
  await poll(async () => (await s.api('getDisplay')).dark, { what: 'the dark theme from the toggle' });
  assert.equal((await s.api('getDisplay')).theme, 'dark');
  await s.page.keyboard.press('Escape');
  await poll(async () => (await luminanceAt(s, x, y)) < 60, { what: 'a dark background' });
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('the text size control rescales the font and the UI, and the browser remembers it and the theme', async () => {
  const s = await env.open({ width: 1280, height: 800 });
  const before = await s.api('getUiRects');
  await s.click(before.display);
  const larger = await poll(async () => (await s.api('getUiRects')).text_larger, { what: 'the text size menu' });
  await s.click(larger);
  await poll(async () => (await s.api('getDisplay')).text_px === 16, { what: 'text size 16' });
  await s.frames(3);
  const again = (await s.api('getUiRects')).text_larger;  // the menu grew with the text: its button moved
  assert.ok(again, JSON.stringify(Object.keys(await s.api('getUiRects'))));
  await s.click(again);
  // The setting changes at once; the font is rebuilt before the next frame.
  const d = await poll(async () => { const x = await s.api('getDisplay'); return x.font_px === 17 ? x : null; }, { what: 'a 17 px font' });
  assert.equal(d.text_px, 17);
  assert.deepEqual(d.missing_glyphs, []);
  await s.page.keyboard.press('Escape');
  await s.api('setDisplay', { theme: 'dark' });
  await poll(async () => (await s.api('getDisplay')).dark, { what: 'dark' });
  await s.frames(3);
  const after = await s.api('getUiRects');
  const h = (r) => r[3] - r[1];
  assert.ok(h(after.play) > h(before.play) * 1.08, `the buttons grew with the text: ${h(before.play)} -> ${h(after.play)}`);

  // A new visit in the same browser: the text size and the theme are as the reader left them.
  await s.page.reload();
  await s.page.evaluate(() => window.playground.ready);
  const back = await s.api('getDisplay');
  assert.equal(back.text_px, 17);
  assert.equal(back.theme, 'dark');
  assert.equal(back.font_px, 17);
  assert.equal(await s.page.evaluate(() => localStorage.getItem('backprop-playground.text-px')), '17');
  // Out-of-range and junk settings are clamped or ignored.
  await s.api('setDisplay', { text_px: 100, theme: 'purple' });
  await poll(async () => (await s.api('getDisplay')).text_px === 24, { what: 'the largest text size' });
  assert.equal((await s.api('getDisplay')).theme, 'dark');
  await s.api('setDisplay', { text_px: 15, theme: 'system' });
  await poll(async () => (await s.api('getDisplay')).font_px === 15, { what: 'back to 15 px' });
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('screenshots: light and dark at 1280x800, 1024x768 and dpr 2, nothing blank', async () => {
  const cases = [
    { width: 1280, height: 800, dpr: 1, hash: 'v=1&data=spiral&layers=6,4&step=300' },
    { width: 1024, height: 768, dpr: 1, hash: 'v=1&layers=3&insp=1&itab=0' },
    { width: 1280, height: 800, dpr: 2, hash: 'v=1&layers=4&insp=1&itab=2' },
  ];
  for (const scheme of ['light', 'dark']) {
    for (const c of cases) {
      const s = await env.open({ ...c, colorScheme: scheme });
      assert.equal((await s.api('getDisplay')).dark, scheme === 'dark');
      await s.frames(4);
      const shot = await s.screenshot(`display-${scheme}-${c.width}x${c.height}-dpr${c.dpr}`);
      assert.ok(looksRendered(shot), JSON.stringify(shot));
      assert.deepEqual(s.problems(), []);
      await s.close();
    }
  }
});
