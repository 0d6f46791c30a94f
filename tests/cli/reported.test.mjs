// tests/cli/reported.test.mjs: the numbers bprop reports are the numbers it computed. The CSV of `bprop train`
// prints 9 significant digits (README: "numbers are printed with 9 (float) or 17 (double) significant digits so
// they read back exactly"): each CSV figure is its JSON twin (shortest round-trip text) rounded to 9 digits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { buildsFromEnv } from './golden_lib.mjs';

const builds = buildsFromEnv();
if (builds.length === 0) throw new Error('set BPROP_NATIVE and/or BPROP_JS');
const run = (b, args) => spawnSync(b.cmd, [...b.pre, ...args], { encoding: 'utf8' });

for (const b of builds) {
  test(`${b.name}: train's CSV figures are the JSON figures to 9 significant digits`, () => {
    const link = 'v=1&data=spiral&layers=6,6&act=relu&opt=adam&lr=0.01&reg=l2&rate=0.001';
    const csv = run(b, ['train', link, '--steps', '300', '--every', '100']);
    const json = run(b, ['train', link, '--steps', '300', '--every', '100', '--json']);
    assert.equal(csv.status, 0, csv.stderr);
    assert.equal(json.status, 0, json.stderr);
    const rows = csv.stdout.split('\n').filter((l) => /^\d/.test(l)).map((l) => l.split(','));
    const objs = json.stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((o) => 'step' in o);
    assert.equal(rows.length, 4);
    assert.equal(objs.length, 4);
    rows.forEach((r, i) => {
      const o = objs[i];
      assert.equal(Number(r[0]), o.step);
      assert.equal(Number(r[1]), o.epoch);
      ['train_loss', 'test_loss', 'train_accuracy', 'test_accuracy'].forEach((k, c) => {
        assert.equal(Number(r[2 + c]), Number(o[k].toPrecision(9)), `${k} at step ${o.step}: CSV ${r[2 + c]}, JSON ${o[k]}`);
      });
    });
  });
}
