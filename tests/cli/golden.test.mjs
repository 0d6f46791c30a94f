// tests/cli/golden.test.mjs: every golden link (tests/golden/links.tsv) replays to the numbers recorded in the
// corpus, exactly, for every build in the environment (BPROP_NATIVE, BPROP_JS; see bprop.test.mjs); with both,
// the two builds' whole `bprop export` outputs are compared as well. A link shared today must open to the same
// numbers next year: a difference fails here, and only a deliberate change to the numbers, made with
// scripts/golden.mjs and stated in its commit, may rewrite the corpus (README "Testing").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MEASURED, readCorpus, buildsFromEnv, measureAll } from './golden_lib.mjs';

const builds = buildsFromEnv();
if (builds.length === 0) throw new Error('set BPROP_NATIVE and/or BPROP_JS');
const { entries } = readCorpus();
const outputs = {};

test('the golden corpus has at least 40 links and every row is measured', () => {
  assert.ok(entries.length >= 40, `${entries.length} links`);
  for (const e of entries) for (const c of MEASURED) assert.ok(e[c], `${e.name}: ${c} is empty (run node scripts/golden.mjs)`);
  assert.equal(new Set(entries.map((e) => e.name)).size, entries.length, 'names are unique');
});

for (const b of builds) {
  test(`${b.name}: every golden link replays to the recorded numbers`, async () => {
    const results = await measureAll(b, entries, 2);
    outputs[b.name] = results.map((r) => r.out);
    const failures = [];
    entries.forEach((e, i) => {
      const m = results[i];
      for (const err of m.errors) failures.push(`${e.name}: ${err}`);
      for (const c of MEASURED) if (m[c] !== e[c]) failures.push(`${e.name}: ${c} is ${m[c]}, the corpus says ${e[c]}`);
    });
    assert.deepEqual(failures, [], `${failures.length} differences from tests/golden/links.tsv:\n${failures.join('\n')}`);
  });
}

if (builds.length === 2) {
  test('native and wasm print the same whole export for every golden link', () => {
    assert.ok(outputs.native && outputs.wasm, 'both builds were measured');
    entries.forEach((e, i) => assert.equal(outputs.wasm[i], outputs.native[i], e.name));
  });
}
