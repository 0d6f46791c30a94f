// scripts/web_figures.mjs: prints the page's figures; asserts nothing (figures, not tests).
//   download size   every file of the site (index.html, web/, playground.js, playground.wasm, which has the fonts
//                   compiled in) in bytes, as built and gzipped (-9); and the two font subsets on their own
//   first frame     navigation start -> window.playground.ready (performance.now() in the page), localhost,
//                   fresh browser context (empty cache) each run, at dpr 1 and 2 (the font is rasterised per dpr)
//   frame rate      requestAnimationFrame callbacks over 3 s while training plays, headless Chromium with WebGL 2
//                   on SwiftShader (CPU rendering: a real GPU does better), 1280x800 at dpr 1 and 2
// Usage: node scripts/web_figures.mjs   (after cmake --build --preset web; WEB_DIR overrides build-web/www)
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startEnv, WEB_DIR } from '../tests/browser/harness.mjs';

const RUNS = Number(process.env.RUNS || 5);

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

function sizes() {
  const files = (dir, prefix = '') => readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(dir, join(prefix, e.name)) : [join(prefix, e.name)]);
  const line = (name, b) => console.log(`size       ${name.padEnd(22)} ${String(b.length).padStart(9)} bytes  (gzip ${gzipSync(b, { level: 9 }).length})`);
  let raw = 0, gz = 0;
  for (const f of files(WEB_DIR).sort()) {
    const b = readFileSync(join(WEB_DIR, f));
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
    line(f, b);
  }
  console.log(`size       ${'the page, every file'.padEnd(22)} ${String(raw).padStart(9)} bytes  (gzip ${gz})`);
  for (const f of ['ui_text.ttf', 'ui_math.ttf']) {  // inside playground.wasm; shown on their own
    const path = join(WEB_DIR, '..', 'generated', f);
    if (existsSync(path)) line(`font subset ${f}`, readFileSync(path));
  }
}

async function firstFrame(env, dpr) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const s = await env.open({ width: 1280, height: 800, dpr });
    times.push(await s.page.evaluate(() => window.playground.firstFrameTime));
    await s.close();
  }
  console.log(`first frame  dpr ${dpr}: median ${median(times).toFixed(0)} ms  (runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms)`);
}

async function frameRate(env, dpr, { hash = '', speed = 25, label = '' } = {}) {
  const s = await env.open({ width: 1280, height: 800, dpr, hash });
  await s.api('setSpeed', speed);
  await s.api('play');
  await s.frames(10);  // past start-up
  const r = await s.page.evaluate(() => new Promise((resolve) => {
    const step0 = window.playground.getMetrics().step;
    let frames = 0;
    const t0 = performance.now();
    const tick = (t) => {
      frames++;
      if (t - t0 < 3000) requestAnimationFrame(tick);
      else resolve({ frames, seconds: (t - t0) / 1000, steps: window.playground.getMetrics().step - step0 });
    };
    requestAnimationFrame(tick);
  }));
  await s.api('pause');
  const backing = await s.page.evaluate(() => `${document.getElementById('canvas').width}x${document.getElementById('canvas').height}`);
  const epochs = await s.page.evaluate((k) => {
    const m = window.playground.getMetrics();
    return m.epoch > 0 ? (k * m.step) / m.epoch : 0;
  }, 1);
  console.log(`frame rate   ${(r.frames / r.seconds).toFixed(1)} fps while playing${label}, 1280x800 dpr ${dpr} (backing ${backing}), ` +
    `${r.frames} frames in ${r.seconds.toFixed(2)} s, ${r.steps} training steps (${speed} steps/frame` +
    `${epochs ? `, ${(speed / epochs).toFixed(1)} epochs/frame` : ''})`);
  await s.close();
}

// In-page training throughput: playground.step(n) timed in the page, against `bprop bench` (the same wasm
// engine under node) on the same link.
async function throughput(env) {
  const link = 'data=circle&layers=8,8&act=tanh&batch=10&lr=0.03';
  const s = await env.open({ width: 1280, height: 800, hash: link });
  const r = await s.page.evaluate(() => {
    window.playground.step(200000);  // warm-up: lets the browser finish compiling the hot wasm functions
    const n = 1000000, t0 = performance.now();
    const done = window.playground.step(n);
    return { done, seconds: (performance.now() - t0) / 1000 };
  });
  await s.close();
  const page = (r.done * 10) / r.seconds;
  const cli = spawnSync(process.execPath, ['--no-experimental-fetch', join(WEB_DIR, '..', 'bprop.js'), 'bench', link, '--seconds', '3'],
    { encoding: 'utf8' });
  const m = /samples_per_second: (\d+)/.exec(cli.stdout || '');
  console.log(`throughput   page ${(page / 1e6).toFixed(2)} M samples/s (${r.done} steps of 10 in ${r.seconds.toFixed(2)} s after a warm-up, ` +
    `with the loss curve recorded)` + (m ? `; wasm CLI under node ${(Number(m[1]) / 1e6).toFixed(2)} M samples/s: ratio ${(page / Number(m[1])).toFixed(2)}` : ''));
}

const env = await startEnv();
try {
  sizes();
  await firstFrame(env, 1);
  await firstFrame(env, 2);
  await throughput(env);
  await frameRate(env, 1, { label: ' (default, 1 epoch/frame)' });
  await frameRate(env, 1, { speed: 500, label: ' (default MLP and data)' });
  await frameRate(env, 2, { speed: 500, label: ' (default MLP and data)' });
  await frameRate(env, 1, { speed: 25, hash: 'layers=8,8&batch=8&insp=1&imat=3&ilayer=2&live=1', label: ' with a live 64 x 64 Jacobian' });
  await frameRate(env, 1, { speed: 25, hash: 'layers=32,32&batch=32&insp=1&imat=2&ilayer=2&live=1', label: ' with a live 1024 x 1024 Jacobian' });
} finally {
  await env.close();
}
