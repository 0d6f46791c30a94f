// scripts/web_figures.mjs: prints the page's figures; asserts nothing (figures, not tests).
//   download size   every file of the site (index.html, web/, playground.js, playground.wasm, which has the fonts
//                   compiled in) in bytes, as built and gzipped (-9): the English page, and what Korean adds (fonts/,
//                   lang/, fetched only then); and the two compiled-in font subsets on their own
//   first frame     navigation start -> window.playground.ready (performance.now() in the page), localhost,
//                   fresh browser context (empty cache) each run, at dpr 1 and 2 (the font is rasterised per dpr);
//                   and with lang=ko, to the first frame drawn in Korean (its font and table fetched)
//   frame rate      frames the page drew (getGraphics().frames) over 3 s while training plays, headless Chromium
//                   with WebGL 2 on SwiftShader (CPU rendering: a real GPU does better), 1280x800 at dpr 1 and 2:
//                   the default set, 16 hidden layers of 256, a live 64 x 64 and a live 1024 x 1024 Jacobian; with
//                   the steps trained, and the frame budget the page reports (medians of the frames' reports)
//   CPU             the page's CPU time per second over 5 s, paused (once the page has stopped drawing) and
//                   playing the default set: the renderer's main thread from Chromium's own metrics (CDP
//                   Performance.getMetrics: TaskDuration, ScriptDuration), and every process of the browser
//                   (its GPU process rasterises WebGL on SwiftShader) from /proc
// Usage: node scripts/web_figures.mjs   (after cmake --build --preset web; WEB_DIR overrides build-web/www)
//        ONLY=frames,cpu node scripts/web_figures.mjs   (some of: size, first, throughput, frames, cpu)
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
  let raw = 0, gz = 0, rawKo = 0, gzKo = 0;
  for (const f of files(WEB_DIR).sort()) {
    const b = readFileSync(join(WEB_DIR, f));
    const korean = f.startsWith('fonts') || f.startsWith('lang');  // fetched only when the page shows Korean
    if (korean) rawKo += b.length, gzKo += gzipSync(b, { level: 9 }).length;
    else raw += b.length, gz += gzipSync(b, { level: 9 }).length;
    line(f, b);
  }
  console.log(`size       ${'the page (English)'.padEnd(22)} ${String(raw).padStart(9)} bytes  (gzip ${gz})`);
  console.log(`size       ${'+ Korean (font, table)'.padEnd(22)} ${String(rawKo).padStart(9)} bytes  (gzip ${gzKo})`);
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

// lang=ko: navigation start -> the first frame drawn in Korean (its font and table fetched and merged).
async function firstKoreanFrame(env) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const s = await env.open({ width: 1280, height: 800, hash: 'lang=ko' });
    await s.page.waitForFunction(() => window.playground?.ready && window.playground.language() === 'ko', null, { timeout: 20000 });
    await s.frames(1);
    times.push(await s.page.evaluate(() => performance.now()));
    await s.close();
  }
  console.log(`first frame  in Korean (lang=ko): median ${median(times).toFixed(0)} ms  (runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms)`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fixed = (x, d = 1) => (typeof x === 'number' ? x.toFixed(d) : 'n/a');

// Frames the page drew, training steps and the page's frame reports (getGraphics().budget) over `seconds`.
function drawnOver(s, seconds) {
  return s.page.evaluate((ms) => new Promise((resolve) => {
    const pg = window.playground, reports = [];
    const g0 = pg.getGraphics(), step0 = pg.getMetrics().step, t0 = performance.now();
    let last = g0.frames;
    const tick = () => {
      const g = pg.getGraphics();
      if (g.frames !== last && g.budget) reports.push(g.budget);
      last = g.frames;
      if (performance.now() - t0 < ms) return requestAnimationFrame(tick);
      resolve({ frames: g.frames - g0.frames, seconds: (performance.now() - t0) / 1000, steps: pg.getMetrics().step - step0, reports });
    };
    requestAnimationFrame(tick);
  }), seconds * 1000);
}

async function frameRate(env, dpr, { hash = '', speed = 25, label = '' } = {}) {
  const s = await env.open({ width: 1280, height: 800, dpr, hash });
  await s.api('setSpeed', speed);
  await s.api('play');
  await s.frames(10);  // past start-up
  await sleep(500);
  const r = await drawnOver(s, 3);
  await s.api('pause');
  const backing = await s.page.evaluate(() => `${document.getElementById('canvas').width}x${document.getElementById('canvas').height}`);
  const at = (k) => (r.reports.length ? median(r.reports.map((x) => x[k])) : undefined);
  console.log(`frame rate   ${(r.frames / r.seconds).toFixed(1)} fps while playing${label}, 1280x800 dpr ${dpr} (backing ${backing}): ` +
    `${r.frames} frames drawn in ${r.seconds.toFixed(2)} s, ${r.steps} training steps (speed: at most ${speed} a frame); ` +
    `median frame: ${fixed(at('steps'), 0)} steps, training ${fixed(at('train_ms'))} of a ${fixed(at('budget_ms'))} ms budget, ` +
    `the rest ${fixed(at('other_ms'))} ms, display ${fixed(at('display_ms'))} ms`);
  await s.close();
}

// CPU time of every process under this one (the browser and its renderer, GPU and utility processes), seconds.
function browserCpuSeconds() {
  const children = new Map(), ticks = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');  // fields from the 3rd (state) on
      const ppid = Number(f[1]);
      ticks.set(Number(d), Number(f[11]) + Number(f[12]));  // utime + stime
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch { /* gone meanwhile */ }
  }
  let sum = 0;
  const stack = [...(children.get(process.pid) || [])];
  while (stack.length) {
    const pid = stack.pop();
    sum += ticks.get(pid) || 0;
    stack.push(...(children.get(pid) || []));
  }
  return sum / 100;  // USER_HZ
}

// CPU per second of wall time over `seconds`: the renderer's main thread (Chromium's metrics) and the browser.
async function cpuOver(s, seconds) {
  const cdp = await s.context.newCDPSession(s.page);
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const graphics = () => s.page.evaluate(() => window.playground.getGraphics());  // does not wake the page
  const m0 = await metrics(), c0 = browserCpuSeconds(), g0 = await graphics(), t0 = Date.now();
  await sleep(seconds * 1000);
  const m1 = await metrics(), c1 = browserCpuSeconds(), g1 = await graphics(), wall = (Date.now() - t0) / 1000;
  await cdp.detach();
  return { task: (m1.TaskDuration - m0.TaskDuration) / wall, script: (m1.ScriptDuration - m0.ScriptDuration) / wall,
    browser: (c1 - c0) / wall, fps: (g1.frames - g0.frames) / wall, idle: g1.idle };
}

async function cpu(env) {
  const line = (what, r) => console.log(`cpu          ${what.padEnd(38)} renderer main thread ${(r.task * 1000).toFixed(0).padStart(4)} ms/s ` +
    `(script ${(r.script * 1000).toFixed(0).padStart(4)} ms/s), every browser process ${(r.browser * 1000).toFixed(0).padStart(4)} ms/s; ` +
    `${r.fps.toFixed(1)} frames drawn/s`);
  const s = await env.open({ width: 1280, height: 800 });
  const graphics = () => s.page.evaluate(() => window.playground.getGraphics());
  const start = Date.now();  // an idle page says so; a page without idle (an older build) is given 3 s
  while (!(await graphics()).idle && Date.now() - start < 3000) await sleep(100);
  line(`paused${(await graphics()).idle ? ' (stopped drawing)' : ''}, 5 s`, await cpuOver(s, 5));
  await s.api('play');
  await s.frames(10);
  line('playing the default set, 5 s', await cpuOver(s, 5));
  await s.api('pause');
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

const only = process.env.ONLY ? new Set(process.env.ONLY.split(',')) : null;
const want = (part) => !only || only.has(part);
const L16 = 'layers=' + Array(16).fill(256).join(',');
const env = await startEnv();
try {
  if (want('size')) sizes();
  if (want('first')) {
    await firstFrame(env, 1);
    await firstFrame(env, 2);
    await firstKoreanFrame(env);
  }
  if (want('throughput')) await throughput(env);
  if (want('frames')) {
    await frameRate(env, 1, { label: ' (the default set, speed 25: 1 epoch a frame)' });
    await frameRate(env, 1, { speed: 500, label: ' (the default set, speed 500)' });
    await frameRate(env, 2, { speed: 500, label: ' (the default set, speed 500)' });
    await frameRate(env, 1, { hash: L16, label: ' with 16 hidden layers of 256' });
    await frameRate(env, 1, { speed: 25, hash: 'layers=8,8&batch=8&insp=1&imat=3&ilayer=2&live=1', label: ' with a live 64 x 64 Jacobian' });
    await frameRate(env, 1, { speed: 25, hash: 'layers=32,32&batch=32&insp=1&imat=2&ilayer=2&live=1', label: ' with a live 1024 x 1024 Jacobian' });
  }
  if (want('cpu')) await cpu(env);
} finally {
  await env.close();
}
