#!/usr/bin/env node
// scripts/golden.mjs: measures every golden link (tests/golden/links.tsv) with bprop as it is now, prints each
// number that differs from the corpus, and rewrites the corpus. Run it only for a deliberate change to the
// numbers, and say in the commit what changed and why (README "Testing": golden links):
//   node scripts/golden.mjs            measure with build-native/bprop, print the differences, write the corpus
//   node scripts/golden.mjs --check    print the differences only; exit 1 if there are any
//   BPROP_NATIVE=path node scripts/golden.mjs   another native bprop
// New rows: add name, flags ('-' for none) and link with empty measured columns, then run it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MEASURED, readCorpus, writeCorpus, measureAll } from '../tests/cli/golden_lib.mjs';

const check = process.argv.includes('--check');
const root = fileURLToPath(new URL('..', import.meta.url));
const cmd = process.env.BPROP_NATIVE || `${root}build-native/bprop`;
if (!existsSync(cmd)) {
  console.error(`golden: no bprop at ${cmd}: build it (cmake --build --preset native) or set BPROP_NATIVE`);
  process.exit(2);
}
const { comments, entries } = readCorpus();
const results = await measureAll({ name: 'native', cmd, pre: [] }, entries);
let changed = 0, problems = 0;
entries.forEach((e, i) => {
  const m = results[i];
  for (const err of m.errors) {
    console.log(`${e.name}: ${err}`);
    problems++;
  }
  const diffs = MEASURED.filter((c) => e[c] !== m[c]);
  if (diffs.length) {
    changed++;
    console.log(`${e.name}:`);
    for (const c of diffs) console.log(`  ${c}: ${e[c] || '(none)'} -> ${m[c]}`);
  }
  for (const c of MEASURED) e[c] = m[c];
});
console.log(`golden: ${entries.length} links, ${changed} changed${problems ? `, ${problems} problems` : ''}`);
if (check) process.exit(changed || problems ? 1 : 0);
if (problems) {
  console.error('golden: not written (fix the problems above)');
  process.exit(1);
}
if (changed) writeCorpus(comments, entries);
