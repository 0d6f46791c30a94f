// tests/browser/open.test.mjs: opening text the way people have it. Links and files with a trailing newline,
// CRLF line ends or a UTF-8 byte-order mark open as if they had none (the JS API, a dropped file, a paste into
// the Open box); a paste larger than 64 KiB fills the Open box and opens, and the page's largest export fits
// under the limit; 10 MB of pasted junk gives one clear message while the page keeps drawing. A model with a
// long replay opens across frames (progress, Stop) and ends with exactly the file's weights and their loss.
// getUiRects names only what the last frame drew.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnv, poll } from './harness.mjs';

let env;
before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

const linkValue = (link, key) => new URLSearchParams(link).get(key);
const BOM = '\uFEFF';
const crlf = (text) => text.replace(/\r?\n/g, '\r\n');

/** Drops a file holding `text` (UTF-8, byte for byte: a BOM stays in the file) on the page, as a user would. */
async function dropFile(s, name, text) {
  await s.page.evaluate(([n, bytes]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], n));
    document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, [...Buffer.from(text, 'utf8')]]);
}

/** Waits for Open's notice to say something that matches `re`. */
const noticeMatching = (s, re) => poll(async () => {
  const { notice } = await s.api('getMetrics');
  return re.test(notice) ? notice : null;
}, { what: `a notice matching ${re}` });

/**
 * Pastes the clipboard into the Open box (Ctrl+A, Ctrl+V, as a user would) and presses its Open button.
 * `fill` runs in the page and puts the text on the clipboard (so megabytes never cross the test protocol).
 */
async function pasteAndOpen(s, fill, arg) {
  await s.click((await s.api('getUiRects')).open);  // the window is closed: every Open above succeeded
  const rects = await poll(async () => { const r = await s.api('getUiRects'); return r.open_go ? r : null; }, { what: 'the Open window' });
  await s.page.evaluate(fill, arg);
  await s.click(rects.open_text);
  await s.frames(2);
  await s.page.keyboard.press('Control+A');
  await s.frames(2);
  await s.page.keyboard.press('Control+V');
  await s.frames(3);
  await s.click(rects.open_go);
}

test('links and files open with a trailing newline, CRLF line ends or a byte-order mark', async () => {
  const s = await env.open({ width: 1280, height: 800 });
  const link = 'v=1&data=xor&layers=5,3&lr=0.25&step=7';

  // The JS API and the address-style entry point: as if the text were clean.
  for (const text of [`${link}\n`, `${link}\r\n`, `${BOM}${link}\r\n`, `  #${link} \n\n`]) {
    const r = await s.api('open', text, 'link.txt');
    assert.deepEqual(r, { ok: true, message: "Opened link from 'link.txt'." }, JSON.stringify(text));
    assert.deepEqual((await s.api('getMetrics')).warnings, [], JSON.stringify(text));
    assert.equal(linkValue(await s.api('getLink'), 'lr'), '0.25');
  }
  assert.deepEqual((await s.api('applyLink', `${BOM}${link}\r\n`)).warnings, []);

  // A link saved by an editor, dropped on the page (the case that said "no data rows").
  await s.api('applyLink', 'v=1');
  await dropFile(s, 'saved-link.txt', `${link}\n`);
  await noticeMatching(s, /^Opened link from 'saved-link\.txt'\.$/);
  assert.equal(linkValue(await s.api('getLink'), 'layers'), '5,3');

  // A model JSON and a data CSV saved on Windows: BOM and CRLF.
  const model = await s.api('exportText', 'model');
  const weights = await s.api('getWeights');
  const csv = await s.api('exportText', 'data');
  await s.api('applyLink', 'v=1&data=circle&layers=2');
  await dropFile(s, 'model.json', BOM + crlf(model) + '\r\n');
  await noticeMatching(s, /^Opened model from 'model\.json'\.$/);
  assert.deepEqual((await s.api('getWeights')).layers, weights.layers);
  await dropFile(s, 'data.csv', BOM + crlf(csv));
  await noticeMatching(s, /^Opened 500 points from 'data\.csv'\.$/);
  assert.equal(linkValue(await s.api('getLink'), 'data'), 'user');

  // Pasted into the Open box with the newline an editor adds.
  await pasteAndOpen(s, (t) => navigator.clipboard.writeText(t), `${BOM}${link}\r\n`);
  await noticeMatching(s, /^Opened link from the pasted text\.$/);
  assert.equal(linkValue(await s.api('getLink'), 'data'), 'xor');
  assert.deepEqual((await s.api('getMetrics')).warnings, []);
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('a paste over 64 KiB fills the Open box and opens; the largest export fits under the limit', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'v=1&data=moons&layers=64,64&batch=8&step=20' });
  const model = await s.api('exportText', 'model');
  const weights = await s.api('getWeights');
  assert.ok(model.length > 65536, `the model JSON is ${model.length} bytes`);
  await s.api('applyLink', 'v=1&data=circle&layers=2');
  await pasteAndOpen(s, (t) => navigator.clipboard.writeText(t), model);
  await noticeMatching(s, /^Opened model from the pasted text\.$/);
  assert.deepEqual((await s.api('getWeights')).layers, weights.layers);
  await s.screenshot('open-large-paste');

  // The page's own largest export: the widest, deepest network, with every feature and 8 classes.
  const widest = 'v=1&data=spiralk&classes=8&features=x,y,x2,y2,xy,sinx,siny&batch=1&layers=' + Array(16).fill(256).join(',');
  assert.deepEqual((await s.api('applyLink', widest)).warnings, []);
  const largest = await s.page.evaluate(() => new TextEncoder().encode(window.playground.exportText('model')).length);
  const limit = await s.api('maxOpenBytes');
  assert.ok(largest > 20e6 && largest < limit, `largest export ${largest} bytes, limit ${limit}`);
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('10 MB of pasted junk gives one clear message and the page keeps drawing; too much text is refused', async () => {
  const s = await env.open({ width: 1280, height: 800 });
  const before = await s.api('getLink');
  await pasteAndOpen(s, () => navigator.clipboard.writeText('junk ' + 'q'.repeat(10e6) + '\nmore junk'));
  const notice = await noticeMatching(s, /^Could not open/);
  assert.equal(notice, 'Could not open the pasted text: it is not a link, a model JSON or CSV points ' +
    '(line 2: expected 3 values (x1,x2,label) or 2 values (x,y), found 1)');
  const m = await s.api('getMetrics');
  assert.deepEqual(m.warnings, [], 'no list of link warnings beside the one message');
  assert.equal(await s.api('getLink'), before, 'junk changes nothing');
  await s.api('play');  // training runs a slice every frame: frames keep coming
  await poll(async () => (await s.api('getMetrics')).step >= 100, { what: 'frames after the junk' });
  await s.api('pause');
  const trained = await s.api('getLink');
  await s.screenshot('open-junk');

  // One line of junk with '=' in it is no link either (a link is at most 64 KiB).
  const r = await s.page.evaluate(() => window.playground.open('a=b&'.repeat(2.5e6)));
  assert.deepEqual(r, { ok: false, message: 'Could not open the pasted text: it is one line of 10000000 bytes: too long ' +
    'for a link (at most 65536), and not a model JSON or CSV points' });

  // Over the limit, by the API, a paste or a drop: refused before it is copied, with one message.
  const over = await s.page.evaluate(() => window.playground.open('z'.repeat(65e6), 'huge.json'));
  assert.deepEqual(over, { ok: false, message: "Could not open 'huge.json': it is 65 MB, more than the 64 MB the page opens" });
  await s.page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/plain', 'z'.repeat(65e6));
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await noticeMatching(s, /^Could not open the pasted text: it is 65 MB, more than the 64 MB the page opens$/);
  assert.equal(await s.api('getLink'), trained);
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('a model with a long replay opens across frames, with progress and Stop; then exactly its weights and their loss', async () => {
  // A run whose replay takes many frames (far above the ~20 ms the page replays in one go).
  const link = 'v=1&data=spiral&n=1000&layers=32,32&batch=64&opt=adam&lr=0.005&iseed=3&step=2000';
  const s = await env.open({ width: 1280, height: 800, hash: link });
  await poll(async () => (await s.api('getMetrics')).step === 2000, { timeout: 60000, what: 'the link to replay' });
  const model = JSON.parse(await s.api('exportText', 'model'));
  const original = { weights: await s.api('getWeights'), metrics: await s.api('getMetrics') };

  // The file as exported: the page draws while it replays, then has the file's weights and the run's metrics.
  await s.api('applyLink', 'v=1&data=circle&layers=2');
  const frames0 = (await s.api('getGraphics')).frames;
  const r = await s.api('open', JSON.stringify(model), 'model.json');
  assert.equal(r.ok, true);
  assert.equal(r.pending, true, JSON.stringify(r));
  assert.equal((await s.api('getMetrics')).replaying, true, 'the page returned before the replay finished');
  await poll(async () => (await s.api('getUiRects')).replay_stop, { what: 'the progress window with Stop' });
  await noticeMatching(s, /^Opened model from 'model\.json'\.$/);
  assert.ok((await s.api('getGraphics')).frames > frames0 + 3, 'frames were drawn during the replay');
  assert.deepEqual((await s.api('getWeights')).layers, original.weights.layers);
  const m = await s.api('getMetrics');
  for (const k of ['step', 'train_loss', 'test_loss', 'train_accuracy', 'test_accuracy']) assert.equal(m[k], original.metrics[k], k);
  // The replay reproduced the optimizer's state too: training on continues the original run bit for bit.
  await s.api('step', 5);
  const continued = (await s.api('getWeights')).layers;
  await s.api('applyLink', link.replace('step=2000', 'step=2005'));
  await poll(async () => (await s.api('getMetrics')).step === 2005, { timeout: 60000, what: 'the longer run' });
  assert.deepEqual(continued, (await s.api('getWeights')).layers, 'Adam continues where the file left off');

  // An edited file: its weights, exactly, and the metrics of those weights at once (not the replay's).
  const edited = structuredClone(model);
  edited.layers[2].W[0] = edited.layers[2].W[0].map((w) => -w);
  edited.layers[2].b[0] = 0.123456789;
  await s.api('open', JSON.stringify(edited), 'edited.json');
  await noticeMatching(s, /^Opened model from 'edited\.json'\.$/);
  const w = (await s.api('getWeights')).layers;
  assert.deepEqual(w[2].W[0], edited.layers[2].W[0].map(Math.fround));
  assert.equal(w[2].b[0], Math.fround(0.123456789));
  assert.deepEqual(w[0], original.weights.layers[0]);
  const me = await s.api('getMetrics');
  assert.equal(me.step, 2000);
  assert.notEqual(me.train_loss, original.metrics.train_loss, 'the loss is that of the opened weights');
  const lastRow = (await s.api('exportText', 'loss')).trim().split('\n').pop().split(',');
  assert.equal(Number(lastRow[0]), 2000);
  assert.equal(Math.fround(Number(lastRow[1])), Math.fround(me.train_loss), "the loss curve ends at the opened weights' loss");

  // Stopped half way: the page keeps the step it reached and the weights training had there, and says so.
  const far = structuredClone(model);
  far.link = far.link.replace('step=2000', 'step=10000000');
  assert.equal((await s.api('open', JSON.stringify(far), 'far.json')).pending, true);
  const stop = await poll(async () => (await s.api('getUiRects')).replay_stop, { what: 'Stop' });
  await s.screenshot('open-model-replaying');
  await s.click(stop);
  const notice = await noticeMatching(s, /^Opened the link of the model from 'far\.json', but its replay was stopped at step \d+ of 10000000/);
  const stopped = await s.api('getMetrics');
  assert.equal(stopped.replaying, false);
  assert.ok(notice.includes(`step ${stopped.step} of`), notice);
  assert.equal(new URLSearchParams(await s.api('getLink')).get('step'), String(stopped.step));
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('getUiRects lists only what the last frame drew: a closed window or inspector leaves nothing behind', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'v=1&insp=1' });
  await poll(async () => (await s.api('getUiRects')).heatmap_0, { what: 'the inspector heatmap' });
  await s.api('setInspector', { open: false });
  await poll(async () => !(await s.api('getUiRects')).heatmap_0, { what: 'the heatmap rect to go with the inspector' });
  assert.equal(await s.api('download', 'png:heatmap_0'), false, 'no PNG of a view that is not on screen');
  assert.equal(await s.api('download', 'png:boundary'), true);

  const rects = await s.api('getUiRects');
  assert.equal(rects.open_go, undefined, 'the Open window is closed');
  await s.click(rects.open);
  await poll(async () => (await s.api('getUiRects')).open_go, { what: 'the Open window' });
  await s.click(rects.open);  // the button toggles the window
  await poll(async () => !(await s.api('getUiRects')).open_go, { what: "the Open window's button to go" });
  assert.deepEqual(s.problems(), []);
  await s.close();
});
