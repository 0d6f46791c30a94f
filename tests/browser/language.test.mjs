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
  assert.ok(englishWords(await en.api('drawnText')).length > 40, 'the English page draws English words (the check sees them)');
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

// Every text the page draws in Korean comes from the table: a walk through every lesson, every inspector tab on
// three models (the stepper to its end, a heatmap hover), the menus and dialogs, a broken link and a file that
// cannot be opened. At each stop the text the frame drew is read back from its draw lists (drawnText()), and
// any English word in it fails the test, except the names that are the same in every language: the link's
// values (model, activation, data set ... names), math, file formats and product names. untranslated() (texts
// passed through the table with English left in them) is empty too.
const kept = new Set(('mlp linreg logreg softmax auto linear tanh relu sigmoid leaky lrelu sgd momentum adam none xavier ' +
  'uniform circle xor gauss gauss1d spiral spiralk moons blobs blobsk multigauss plane sine line user mse bce cce ' +
  'exp max min log sin sign diag blockdiag logsumexp vec yhat dyhat eta sqrt mhat vhat float double symlog nan inf ' +
  'pass fail backprop playground tensorflow numpy python csv json png css url label').split(' '));
// English words a run draws, but not: names in quotes ('bogus', a link's own text), a link key before "=" or in
// parentheses after its Korean word ("학습률 (lr)"), a function in math (loss(a[2], y)), a name after ∂
// (∂L/∂out), the language switch's "English", or anything in a link, a URL or the embed snippet.
function englishWords(runs) {
  const out = [];
  for (const r of runs) {
    if (r === 'English' || /:\/\/|&amp;|<iframe|<\/iframe>|="|\w=\w[^ ]*&/.test(r)) continue;
    const text = r.replace(/'[^']*'/g, ' ').replace(/[A-Za-z_]+=/g, ' ').replace(/∂[A-Za-z]+/g, ' ')
      .replace(/[A-Za-z]+\(/g, ' (').replace(/\([a-z]+\)/g, ' ');
    for (const w of text.match(/[A-Za-z]{3,}/g) || [])
      if (!kept.has(w.toLowerCase())) out.push(`${w} in "${r}"`);
  }
  return out;
}

test('a walk through the page in Korean draws no English word', { timeout: 240000 }, async () => {
  const s = await env.open({ width: 1280, height: 800, hash: 'lang=ko' });
  await poll(async () => (await s.api('language')) === 'ko', { what: 'Korean' });
  const found = new Set();
  const look = async (where) => {
    await s.frames(2);
    for (const w of englishWords(await s.api('drawnText'))) found.add(`${where}: ${w}`);
  };
  await look('default');
  for (const l of await s.api('lessons')) {
    await s.api('lesson', l.id);
    await look(`lesson ${l.id}`);
  }
  for (const link of ['model=mlp&data=circle&layers=2&act=tanh&step=30', 'model=softmax&data=spiralk&classes=3&step=10',
    'model=mlp&data=xor&act=relu&reg=l2&rate=0.01&step=50']) {
    await s.api('applyLink', `${link}&lang=ko`);
    for (let tab = 0; tab < 8; ++tab) {
      await s.api('setInspector', { open: true, tab });
      await look(`${link} tab ${tab}`);
      if (tab === 0) {
        for (let kind = 0; kind < 10; kind += 3) {
          await s.api('setInspector', { kind });
          await look(`${link} matrix ${kind}`);
        }
        const r = (await s.api('getUiRects')).heatmap_1;
        await s.page.mouse.move((r[0] + r[2]) / 2, (r[1] + r[3]) / 2);
        await poll(async () => (await s.api('getInspector')).hover, { what: 'a hovered cell' });
        await look(`${link} hover`);
      }
      if (tab === 3) {
        for (let i = 0; i < 12; ++i) {
          await s.click((await s.api('getUiRects')).stepper_next);
          await look(`${link} stepper ${i}`);
        }
        await s.screenshot('ko-stepper-1280x800');
      }
    }
  }
  for (const name of ['export', 'open', 'share', 'lessons_button', 'display']) {
    await s.click((await s.api('getUiRects'))[name]);
    await look(name);
    await s.page.keyboard.press('Escape');
    await s.frames(2);
  }
  await s.api('applyLink', 'model=mlp&lr=abc&bogus=1&layers=99&lang=ko');
  await look('broken link');
  await s.api('open', '{"format":"backprop-playground-model","link":"model=mlp","layers":[{"W":[[1]],"b":[1]}]}');
  await look('bad model');
  await s.api('applyLink', 'model=linreg&data=line&lr=10&step=20&lang=ko');
  assert.equal((await s.api('getMetrics')).status, 'diverged');
  await look('diverged');
  if (found.size) console.log([...found].join('\n'));
  assert.equal(found.size, 0, `${found.size} English words drawn (listed above)`);
  assert.equal(await s.api('language'), 'ko', 'lessons and links kept the reader\'s language');
  assert.deepEqual(await s.api('untranslated'), []);
  assert.deepEqual(s.problems(), []);
  await s.close();
});
