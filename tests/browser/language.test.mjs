// tests/browser/language.test.mjs: the page in Korean. lang=ko shows the Korean table's texts (language() and
// strings() report it) with the Korean font and table file fetched from the page's own origin; the English page
// fetches neither; a table file that cannot be read leaves the page in English, working;
// the "Aa" menu switches the language and the link carries it; a lesson reads in Korean. Screenshots of the
// default page, the inspector and a lesson in Korean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEnv, poll } from './harness.mjs';

let env;
before(async () => { env = await startEnv(); });
after(async () => { await env?.close(); });

const hangul = (s) => /[\uac00-\ud7a3]/.test(s);

test('the English page fetches no font; lang=ko shows the Korean table with its font', async () => {
  const en = await env.open({ width: 1280, height: 800, hash: 'lang=en' });
  await en.frames(3);
  assert.equal(await en.api('language'), 'en');
  assert.deepEqual(await en.api('strings'), {});
  assert.ok(!en.requests.some((r) => r.includes('/fonts/') || r.includes('/lang/')), 'no font or table request for English');
  await en.close();

  const s = await env.open({ width: 1280, height: 800, hash: 'lang=ko' });
  await poll(async () => (await s.api('language')) === 'ko', { what: 'Korean once its font is here' });
  const strings = await s.api('strings');
  assert.equal(strings.Play, '재생');
  assert.ok(Object.keys(strings).length > 150, `${Object.keys(strings).length} texts`);
  assert.ok(s.requests.some((r) => r.endsWith('/fonts/ui_ko.ttf')), 'the Korean font came from the page\'s origin');
  assert.ok(s.requests.some((r) => r.endsWith('/lang/ko.json')), 'so did the Korean table');
  const file = await (await fetch(`${env.base}/lang/ko.json`)).json();  // the file the page read, entry for entry
  assert.equal(Object.keys(strings).length, file.ui.length);
  for (const [en, ko] of file.ui) assert.equal(strings[en], ko, en);
  assert.deepEqual((await s.api('getDisplay')).missing_glyphs, []);
  await s.frames(3);
  await s.screenshot('ko-default-1280x800');
  await s.api('setInspector', { open: true, tab: 0 });
  await s.frames(3);
  await s.screenshot('ko-inspector-1280x800');
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('a lesson in Korean; the "Aa" menu switches the language and the link carries it', async () => {
  const s = await env.open({ width: 1024, height: 768, hash: 'lang=ko&lesson=3.10' });
  await poll(async () => (await s.api('language')) === 'ko', { what: 'Korean' });
  const lesson = await s.api('lesson', '3.10');
  assert.ok(hangul(lesson.body) && hangul(lesson.question) && hangul(lesson.answer), 'the lesson\'s words are Korean');
  assert.ok(lesson.body.includes('diag(s) − s sᵀ'), 'math stays math');
  await s.frames(3);
  await s.screenshot('ko-lesson-3.10-1024x768');
  await s.click((await s.api('getUiRects')).display);
  await poll(async () => (await s.api('getUiRects')).lang_en, { what: 'the language choice' });
  await s.click((await s.api('getUiRects')).lang_en);
  await poll(async () => (await s.api('language')) === 'en', { what: 'English' });
  assert.match(await s.api('getLink'), /lang=en/);
  assert.ok(!hangul((await s.api('lesson', '3.10')).body));
  assert.deepEqual(s.problems(), []);
  await s.close();
});

test('a Korean table file that cannot be read leaves the page in English, and working', async () => {
  const s = await env.open({ width: 1024, height: 768, hash: 'lang=en' });
  await s.frames(3);
  await s.page.route('**/lang/ko.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"format": "not it"' }));
  await s.api('applyLink', 'lang=ko');
  await poll(async () => s.requests.some((r) => r.endsWith('/lang/ko.json')), { what: 'the table request' });
  await s.frames(10);
  assert.equal(await s.api('language'), 'en');
  assert.deepEqual(await s.api('strings'), {});
  const before = (await s.api('getMetrics')).step;
  await s.api('step', 3);
  assert.equal((await s.api('getMetrics')).step, before + 3);
  await s.screenshot('ko-table-unreadable-1024x768');
  assert.deepEqual(s.problems(), []);
  await s.close();
});
