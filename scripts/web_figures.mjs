// scripts/web_figures.mjs: prints the page's figures; asserts nothing (figures, not tests).
//   download size   playground.js + playground.wasm in bytes, as built and gzipped (-9)
//   first frame     navigation start -> window.playground.ready (performance.now() in the page), localhost,
//                   fresh browser context (empty cache) each run
//   frame rate      requestAnimationFrame callbacks over 3 s while training plays, headless Chromium with WebGL 2
//                   on SwiftShader (CPU rendering: a real GPU does better), 1280x800 at dpr 1 and 2
// Usage: node scripts/web_figures.mjs   (after cmake --build --preset web; WEB_DIR overrides build-web/www)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startEnv, WEB_DIR } from '../tests/browser/harness.mjs';

const RUNS = Number(process.env.RUNS || 5);

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

function sizes() {
  let raw = 0, gz = 0;
  for (const f of ['playground.js', 'playground.wasm']) {
    const b = readFileSync(join(WEB_DIR, f));
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
    console.log(`size       ${f.padEnd(16)} ${String(b.length).padStart(9)} bytes  (gzip ${gzipSync(b, { level: 9 }).length})`);
  }
  console.log(`size       ${'js + wasm'.padEnd(16)} ${String(raw).padStart(9)} bytes  (gzip ${gz})`);
}

async function firstFrame(env) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const s = await env.open({ width: 1280, height: 800 });
    times.push(await s.page.evaluate(() => window.playground.firstFrameTime));
    await s.close();
  }
  console.log(`first frame  median ${median(times).toFixed(0)} ms  (runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms)`);
}

async function frameRate(env, dpr) {
  const s = await env.open({ width: 1280, height: 800, dpr });
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
  console.log(`frame rate   ${(r.frames / r.seconds).toFixed(1)} fps while playing, 1280x800 dpr ${dpr} (backing ${backing}), ` +
    `${r.frames} frames in ${r.seconds.toFixed(2)} s, ${r.steps} training steps`);
  await s.close();
}

sizes();
const env = await startEnv();
try {
  await firstFrame(env);
  await frameRate(env, 1);
  await frameRate(env, 2);
} finally {
  await env.close();
}
