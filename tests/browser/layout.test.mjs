// tests/browser/layout.test.mjs: the page's tiling. The inspector docks beside the network and the data view
// and never covers them (it can be maximised on purpose); the backprop stepper outlines its op on the network;
// a phone shows the data view and the network stacked, and Play, Step and the inspector work by touch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnv, poll, decodePng, looksRendered } from './harness.mjs';

let env;
before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

const w = (r) => r[2] - r[0], h = (r) => r[3] - r[1];
const overlaps = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
const inside = (a, b, tol = 1) => a[0] >= b[0] - tol && a[1] >= b[1] - tol && a[2] <= b[2] + tol && a[3] <= b[3] + tol;
// A mouse click as a hand makes it: over the widget a frame before pressing (ImGui's tabs ask for that).
async function press(s, rect) {
  await s.page.mouse.move((rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2);
  await s.frames(2);
  await s.click(rect);
}
const fmt = (r) => `[${r.map((v) => Math.round(v)).join(', ')}]`;

// The named views, each fully on screen, pairwise disjoint, each at least its minimum size (CSS px).
function assertTiles(rects, minimum, viewport) {
  const names = Object.keys(minimum);
  for (const n of names) {
    const r = rects[n];
    assert.ok(r, `${n} is on screen`);
    assert.ok(inside(r, [0, 0, viewport.width, viewport.height]), `${n} ${fmt(r)} inside the viewport`);
    assert.ok(w(r) >= minimum[n][0] && h(r) >= minimum[n][1], `${n} ${fmt(r)} is at least ${minimum[n].join(' x ')}`);
  }
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++)
      assert.ok(!overlaps(rects[names[i]], rects[names[j]]), `${names[i]} ${fmt(rects[names[i]])} and ${names[j]} ${fmt(rects[names[j]])} do not overlap`);
}

async function withInspector(s) {
  return poll(async () => {
    const r = await s.api('getUiRects');
    return r.inspector && r.heatmap_0 && r.network && r.boundary ? r : null;
  }, { what: 'the inspector with a heatmap, the network and the data view' });
}

for (const [width, height] of [[1024, 768], [1280, 800]]) {
  test(`at ${width}x${height} the inspector docks under the network, beside the data view, covering neither`, async () => {
    const s = await env.open({ width, height, hash: 'layers=4,3&batch=4&insp=1&itab=0&imat=3' });
    let rects = await withInspector(s);
    await s.frames(3);
    rects = await s.api('getUiRects');
    const minimum = { network: [250, 200], boundary: [200, 200], inspector: [600, 250] };
    assertTiles(rects, minimum, { width, height });
    assert.ok(inside(rects.heatmap_0, rects.inspector) && inside(rects.heatmap_1, rects.inspector), 'the heatmaps are inside the inspector');
    assert.ok(rects.inspector[1] >= rects.network[3], 'the inspector is below the network');
    const shot = await s.screenshot(`layout-inspector-docked-${width}x${height}`);
    assert.ok(looksRendered(shot));

    // The splitter: dragging it up gives the inspector more height and the network less; still no overlap.
    const sp = rects.inspector_splitter, x = (sp[0] + sp[2]) / 2, y = (sp[1] + sp[3]) / 2;
    await s.drag([x, y], [x, y - 80]);
    const after = await poll(async () => {
      const r = await s.api('getUiRects');
      return h(r.inspector) > h(rects.inspector) + 40 ? r : null;
    }, { what: 'a taller inspector after dragging the splitter' });
    assert.ok(h(after.network) < h(rects.network), 'the network gave up the height');
    assertTiles(after, { network: [250, 150], boundary: [200, 200], inspector: [600, 250] }, { width, height });

    // Maximise on purpose: the inspector takes the whole work area; Restore brings the views back untouched.
    await press(s, after.inspector_maximise);
    const max = await poll(async () => {
      const r = await s.api('getUiRects');
      return w(r.inspector) >= width - 2 ? r : null;
    }, { what: 'the maximised inspector' });
    assert.ok((await s.api('getInspector')).maximised);
    await s.screenshot(`layout-inspector-maximised-${width}x${height}`);
    await press(s, max.inspector_maximise);
    await poll(async () => !(await s.api('getInspector')).maximised, { what: 'restored' });
    await s.frames(3);
    assertTiles(await s.api('getUiRects'), minimum, { width, height });
    assert.deepEqual(s.problems(), []);
    await s.close();
  });
}

test('the backprop stepper outlines the active layer on the network, with its direction and numbers', async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'layers=3&batch=2&insp=1&itab=3' });
  const forward = await poll(async () => {
    const r = await s.api('getUiRects');
    const i = await s.api('getInspector');
    return r.stepper_layer && r.network && i.stepper_layer === 1 ? r : null;
  }, { what: 'the stepper outline at layer 1' });
  await s.frames(3);
  let rects = await s.api('getUiRects');
  assert.ok(inside(rects.stepper_layer, rects.network), `stepper_layer ${fmt(rects.stepper_layer)} inside network ${fmt(rects.network)}`);
  assert.ok(!overlaps(rects.network, rects.inspector), 'the inspector does not cover the outline');
  // The outline's colour (views.cpp kStepperOutline) is drawn on the network, inside the outlined box.
  const r = rects.stepper_layer;
  const img = decodePng(await s.page.screenshot({ clip: { x: r[0], y: r[1], width: w(r), height: h(r) } }));
  let violet = 0;
  for (let i = 0; i < img.width * img.height; i++) {
    const o = i * img.channels;
    if (Math.abs(img.data[o] - 130) < 25 && Math.abs(img.data[o + 1] - 40) < 30 && Math.abs(img.data[o + 2] - 190) < 30) violet++;
  }
  assert.ok(violet > 200, `outline pixels in the stepper box: ${violet}`);
  assert.match((await s.api('getInspector')).stepper_caption, /^-> forward, layer 1/);
  await s.screenshot('layout-stepper-forward');

  // Walk to the backward pass: the loss Jacobian, then layer 2's ops; the outline follows to the output layer.
  const L = 2;
  for (let i = 0; i < 2 * L + 2; i++) {
    await s.click((await s.api('getUiRects')).stepper_next);
    await s.frames(2);
  }
  const backward = await poll(async () => {
    const i = await s.api('getInspector');
    return /^<- backward/.test(i.stepper_caption) && i.stepper_layer === 2 ? i : null;
  }, { what: 'a backward op at layer 2' });
  assert.match(backward.stepper_caption, /dL\/dz\[2\]/);
  await s.frames(3);
  rects = await s.api('getUiRects');
  assert.ok(inside(rects.stepper_layer, rects.network));
  assert.ok(rects.stepper_layer[0] > forward.stepper_layer[0], 'the outline moved right, to layer 2');
  await s.screenshot('layout-stepper-backward');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

const PHONE = { width: 390, height: 844, dpr: 3, mobile: true };

test('on a phone the data view and the network are stacked, and a tap on Play trains (and a second pauses)', async () => {
  const s = await env.open({ ...PHONE, hash: 'data=xor&layers=4' });
  await s.frames(3);
  const rects = await s.api('getUiRects');
  assertTiles(rects, { boundary: [300, 300], network: [330, 150] }, PHONE);
  assert.ok(rects.boundary[3] <= rects.network[1], 'the data view is above the network');
  assert.ok(inside(rects.play, [0, 0, PHONE.width, PHONE.height]) && inside(rects.step, [0, 0, PHONE.width, PHONE.height]));
  const shot = await s.screenshot('layout-phone');
  assert.ok(looksRendered(shot));

  await s.tap(rects.play);
  await poll(async () => (await s.api('getMetrics')).step > 20, { what: 'training after a tap on Play' });
  // Emscripten's GLFW alone would press at the previous tap's place first (a second Play): the tap pauses.
  await s.tap((await s.api('getUiRects')).play);
  await poll(async () => !(await s.api('isPlaying')), { what: 'paused by a second tap' });
  const before = (await s.api('getMetrics')).step;
  await s.tap((await s.api('getUiRects')).step);
  await poll(async () => (await s.api('getMetrics')).step === before + 1, { what: 'one step by a tap on Step' });
  assert.equal(await s.api('isPlaying'), false, 'the Step tap did not touch Play');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('on a phone the inspector opens by touch below the views and a finger pans a zoomed heatmap', async () => {
  const s = await env.open({ ...PHONE, hash: 'data=xor&layers=4&batch=4' });
  await s.frames(3);
  await s.tap((await s.api('getUiRects')).more_inspector);
  await poll(async () => (await s.api('getInspector')).open, { what: 'the inspector opened by a tap' });
  await s.api('setInspector', { live: false, tab: 0, layer: 1, kind: 3 });
  let rects = await withInspector(s);
  await s.frames(3);
  rects = await s.api('getUiRects');
  assertTiles(rects, { boundary: [150, 150], network: [150, 150], inspector: [380, 250] }, PHONE);
  assert.ok(rects.inspector[1] >= Math.max(rects.boundary[3], rects.network[3]), 'the inspector is below both views');
  await s.screenshot('layout-phone-inspector');

  await s.tap(rects.inspector_zoom_in);
  await poll(async () => {
    const v = (await s.api('getInspector')).panes[0].view;
    return v[2] - v[0] <= 0.51;
  }, { what: 'zoomed in by a tap' });
  const zoomed = (await s.api('getInspector')).panes[1].view;
  const hm = (await s.api('getUiRects')).heatmap_1, cx = (hm[0] + hm[2]) / 2, cy = (hm[1] + hm[3]) / 2;
  await s.touchDrag([cx, cy], [cx - w(hm) * 0.3, cy - h(hm) * 0.3]);
  const panned = await poll(async () => {
    const v = (await s.api('getInspector')).panes[1].view;
    return v[0] > zoomed[0] + 0.05 ? v : null;
  }, { what: 'the heatmap panned by a finger' });
  assert.ok(panned[1] > zoomed[1], 'panned down the rows too');
  await s.screenshot('layout-phone-inspector-panned');
  assert.deepEqual(s.problems(), []);
  await s.close();
});
