// tests/browser/harness.mjs: what every browser test needs, so a test file is only its checks.
//   const env = await startEnv();                      // python3 http.server over WEB_DIR + headless Chromium
//   const s = await env.open({ width: 1280, height: 800, dpr: 1, hash: 'lr=0.1' });  // waits for playground.ready
//   await s.api('play');  const m = await s.api('getMetrics');                       // window.playground.*
//   const rects = await s.api('getUiRects');  await s.click(rects.play);             // CSS pixels
//   const shot = await s.screenshot('after-play');     // test-artifacts/browser/after-play.png + pixel stats
//   assert.deepEqual(s.problems(), []);                // console errors, page errors, failed/foreign requests
//   await s.close();  ...  await env.close();
// Runs Debian's /usr/bin/chromium (CHROMIUM overrides it) through playwright-core: nothing downloads a browser.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WEB_DIR = process.env.WEB_DIR || join(REPO_ROOT, 'build-web', 'www');
export const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'browser');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// WebGL 2 on SwiftShader (no GPU needed), and a quiet browser that talks to no one.
export const CHROMIUM_ARGS = ['--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-default-apps'];

// Console noise that says nothing about the page: SwiftShader/ANGLE performance notes.
export const HARMLESS = [/GPU stall due to ReadPixels/, /GL Driver Message/, /Automatic fallback to software WebGL/];

/** Resolves with fn()'s first truthy result; rejects after `timeout` ms with `what` (and the last value). */
export async function poll(fn, { timeout = 10000, interval = 50, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** python3 -m http.server on a free port over `dir`. */
export async function startServer(dir = WEB_DIR) {
  if (!existsSync(join(dir, 'index.html')) || !existsSync(join(dir, 'playground.wasm'))) {
    throw new Error(`${dir} has no built page: cmake --preset web && cmake --build --preset web --target playground`);
  }
  const proc = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`http.server did not start: ${out}`)), 10000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /port (\d+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    proc.stderr.on('data', () => {});  // the request log; drained so the server never blocks on it
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`http.server exited (${code}): ${out}`)); });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      if (proc.exitCode !== null) return resolve();
      proc.once('exit', resolve);
      proc.kill();
    }),
  };
}

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Decodes an 8-bit, non-interlaced PNG (what Chromium writes) into {width, height, channels, data}. */
export function decodePng(buf) {
  let pos = 8, width = 0, height = 0, depth = 0, type = 0, interlace = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos), kind = buf.toString('latin1', pos + 4, pos + 8);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (kind === 'IHDR') {
      width = body.readUInt32BE(0); height = body.readUInt32BE(4);
      depth = body[8]; type = body[9]; interlace = body[12];
    } else if (kind === 'IDAT') idat.push(body);
    else if (kind === 'IEND') break;
    pos += 12 + len;
  }
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[type];
  if (depth !== 8 || !channels || interlace) throw new Error(`unsupported PNG (depth ${depth}, type ${type}, interlace ${interlace})`);
  const raw = inflateSync(Buffer.concat(idat)), stride = width * channels;
  const data = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)], line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride, prev = out - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? data[out + x - channels] : 0, b = y ? data[prev + x] : 0;
      const c = x >= channels && y ? data[prev + x - channels] : 0;
      let v = line[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      data[out + x] = v & 255;
    }
  }
  return { width, height, channels, data };
}

/** Luminance spread and colour count of an image: a blank (one-colour) canvas has stddev 0 and 1 colour. */
export function pixelStats(img) {
  const { data, channels } = img, n = img.width * img.height;
  let sum = 0, sum2 = 0;
  const colours = new Set();
  for (let i = 0; i < n; i++) {
    const o = i * channels, r = data[o], g = data[o + (channels > 2 ? 1 : 0)], b = data[o + (channels > 2 ? 2 : 0)];
    const l = 0.299 * r + 0.587 * g + 0.114 * b;
    sum += l; sum2 += l * l;
    if (colours.size < 4096) colours.add((r << 16) | (g << 8) | b);
  }
  const mean = sum / n;
  return { width: img.width, height: img.height, mean, stddev: Math.sqrt(Math.max(0, sum2 / n - mean * mean)), colours: colours.size };
}

/** True when a screenshot shows more than a cleared canvas (text, widgets, views). */
export const looksRendered = (stats) => stats.stddev > 8 && stats.colours > 32;

/**
 * Opens the page in a fresh browser context and waits for `window.playground.ready` (the first frame).
 * Records console errors, page errors, failed requests and requests to any other host.
 * Options: viewport `width`/`height` and `dpr` (CSS px, deviceScaleFactor), `hash` (a link, without '#'),
 * `ignore` (more harmless-console regexps), `waitReady`, `initScript` (a function run before the page's scripts),
 * `colorScheme` ('light' or 'dark': what prefers-color-scheme says), `mobile` (Chromium's mobile emulation:
 * isMobile and hasTouch; then `tap` and `touchDrag` work).
 */
export async function openPage(browser, base, { width = 1280, height = 800, dpr = 1, hash = '', ignore = [],
  waitReady = true, initScript = null, permissions = ['clipboard-read', 'clipboard-write'], mobile = false,
  colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr, isMobile: mobile,
    hasTouch: mobile, colorScheme });
  if (permissions.length) await context.grantPermissions(permissions, { origin: base });
  if (initScript) await context.addInitScript(initScript);  // runs before the page's own scripts
  const page = await context.newPage();
  const harmless = [...HARMLESS, ...ignore];
  const logs = [], errors = [], requests = [];
  const origin = new URL(base).origin;
  page.on('console', (m) => {
    const text = m.text();
    logs.push(`${m.type()}: ${text}`);
    if (m.type() === 'error' && !harmless.some((re) => re.test(text))) errors.push(`console: ${text}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.stack || e}`));
  page.on('request', (r) => {
    const url = r.url();
    requests.push(url);
    if (!/^(data|blob):/.test(url) && new URL(url).origin !== origin) errors.push(`request to another host: ${url}`);
  });
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });

  await page.goto(`${base}/index.html${hash ? '#' + hash : ''}`);
  if (waitReady) {
    try {
      await page.evaluate(() => window.playground.ready);
    } catch (e) {
      await context.close();
      throw new Error(`the page did not draw its first frame: ${e.message}\n${errors.join('\n')}`);
    }
  }

  const session = {
    page, context, logs, errors, requests,
    /** Errors so far (console errors minus known noise, page errors, failed or foreign requests). */
    problems: () => errors.slice(),
    /** Calls window.playground[method](...args) in the page and returns its (JSON-able) result. */
    api: (method, ...args) => page.evaluate(([m, a]) => window.playground[m](...a), [method, args]),
    /** Saves test-artifacts/browser/<name>.png and returns its path plus pixelStats. */
    async screenshot(name) {
      mkdirSync(ARTIFACTS, { recursive: true });
      const path = join(ARTIFACTS, `${name}.png`);
      const png = await page.screenshot();
      writeFileSync(path, png);
      return { path, ...pixelStats(decodePng(png)) };
    },
    /** Clicks the centre of a rect [x0, y0, x1, y1] (CSS pixels, as getUiRects gives). */
    async click(rect, options) {
      await page.mouse.click((rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2, options);
    },
    /** Drags from one point to another in small moves (ImGui sees every step; keep both inside the canvas). */
    async drag([x0, y0], [x1, y1], steps = 10) {
      await page.mouse.move(x0, y0);
      await page.mouse.down();
      await page.mouse.move(x1, y1, { steps });
      await page.mouse.up();
    },
    /** Taps the centre of a rect with a finger (needs `mobile`). */
    async tap(rect) {
      await page.touchscreen.tap((rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2);
    },
    /** Drags one finger from one point to another in small moves (needs `mobile`). */
    async touchDrag([x0, y0], [x1, y1], steps = 10) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x0, y: y0 }] });
      for (let i = 1; i <= steps; i++) {
        const x = x0 + ((x1 - x0) * i) / steps, y = y0 + ((y1 - y0) * i) / steps;
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));  // ImGui sees every step
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await cdp.detach();
    },
    /**
     * Resolves after the page has drawn `n` more frames (and at least `n` animation frames have passed). An idle
     * page draws nothing, so this wakes it (as an input would); while the WebGL context is lost, nothing can be
     * drawn and animation frames are counted instead.
     */
    frames: (n = 2) => page.evaluate((k) => new Promise((resolve) => {
      const pg = window.playground;
      const graphics = () => { try { return pg.getGraphics(); } catch (e) { return null; } };  // null: not running yet
      const g0 = graphics(), target = g0 ? g0.frames + k : 0;
      let ticks = 0;
      const tick = () => {
        const g = graphics();
        if (++ticks >= k && (!g || g.lost || g.frames >= target)) return resolve();
        if (g && pg.wake) pg.wake();
        requestAnimationFrame(tick);
      };
      if (g0 && pg.wake) pg.wake();
      requestAnimationFrame(tick);
    }), n),
    close: () => context.close(),
  };
  return session;
}

/** A server and a browser for one test file: `before(async () => { env = await startEnv(); })`. */
export async function startEnv({ dir = WEB_DIR } = {}) {
  const server = await startServer(dir);
  let browser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    await server.close();
    throw e;
  }
  return {
    base: server.base,
    browser,
    open: (options) => openPage(browser, server.base, options),
    async close() {
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}
