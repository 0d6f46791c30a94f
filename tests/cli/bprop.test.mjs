// tests/cli/bprop.test.mjs: the bprop CLI end to end, for every build given in the environment:
//   BPROP_NATIVE=path/to/bprop     the native binary
//   BPROP_JS=path/to/bprop.js      the wasm build, run under node
// When both are given, the native and wasm builds must print the same numbers for the same link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builds, run } from './builds_lib.mjs';


// A NaN or infinity printed where a number belongs (the words in messages are fine).
const NOT_A_NUMBER = /(^|[ ,])-?(nan|inf)([ ,]|$)/im;
const XOR = 'model=mlp&data=xor&layers=8,8&act=tanh&lr=0.1&batch=10&dseed=3&iseed=5';

for (const b of builds) {
  test(`${b.name}: train prints CSV progress and a summary`, () => {
    const r = run(b, ['train', XOR, '--steps', '3000', '--every', '1000']);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n');
    assert.equal(lines[0], 'step,epoch,train_loss,test_loss,train_accuracy,test_accuracy');
    const rows = lines.filter((l) => /^\d/.test(l)).map((l) => l.split(','));
    assert.deepEqual(rows.map((r) => r[0]), ['0', '1000', '2000', '3000']);
    assert.ok(Number(rows[3][2]) < Number(rows[0][2]), 'train loss goes down');
    assert.ok(Number(rows[3][5]) >= 0.95, `xor test accuracy ${rows[3][5]}`);
    assert.match(r.out, /# final: step 3000/);
    assert.match(r.out, /# link: v=1&.*step=3000/);
  });

  test(`${b.name}: train --json prints JSON lines`, () => {
    const r = run(b, ['train', 'model=linreg&data=plane', '--steps', '100', '--every', '50', '--json']);
    assert.equal(r.code, 0, r.err);
    const objs = r.out.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(objs.length, 4);
    assert.equal(objs[2].step, 100);
    assert.equal(objs[2].train_accuracy, null, 'regression has no accuracy');
    assert.equal(objs[3].summary.status, 'ok');
  });

  test(`${b.name}: a link's step count replays to the same loss`, () => {
    const a = run(b, ['train', `${XOR}&step=700`]);
    const c = run(b, ['train', XOR, '--steps', '700']);
    assert.equal(a.code, 0, a.err);
    const final = (s) => /# final: .*/.exec(s)[0];
    assert.equal(final(a.out), final(c.out));
  });

  test(`${b.name}: gradcheck passes, and fails above a zero tolerance`, () => {
    const ok = run(b, ['gradcheck', 'model=mlp&data=spiralk&classes=4&layers=6,5&act=elu,softplus&step=20']);
    assert.equal(ok.code, 0, ok.out + ok.err);
    assert.match(ok.out, /W\[3\],4,5,/);
    assert.match(ok.out, /PASS/);
    const strict = run(b, ['gradcheck', 'model=mlp&data=xor&layers=4', '--tol', '0']);
    assert.equal(strict.code, 1);
    assert.match(strict.out, /FAIL/);
  });

  test(`${b.name}: jacobian dz/db of one sample is the identity`, () => {
    const r = run(b, ['jacobian', 'model=mlp&data=xor&layers=3', '--layer', '1', '--of', 'z', '--wrt', 'b', '--sample', '2']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /# shape: 3 x 3/);
    const rows = r.out.split('\n').filter((l) => l.startsWith('"z[1]')).map((l) => l.split(',').slice(1).map(Number));
    assert.deepEqual(rows, [[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
  });

  test(`${b.name}: minibatch jacobian has the Kronecker shape`, () => {
    const r = run(b, ['jacobian', 'model=mlp&data=xor&layers=3&batch=4', '--layer', '1', '--of', 'z', '--wrt', 'W', '--batch']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /# shape: 12 x 6/);
    assert.match(r.out, /"z\[1\]\[2\] of sample 3"/);
  });

  test(`${b.name}: export writes weights, a minibatch, activations and gradients`, () => {
    const r = run(b, ['export', 'model=mlp&data=circle&layers=5&batch=4', '--steps', '10']);
    // A large export (over 64 KB) must reach a pipe whole.
    const big = run(b, ['export', 'model=mlp&data=spiral&layers=64,64&batch=64', '--steps', '3']);
    assert.equal(big.code, 0, big.err);
    assert.ok(big.out.length > 65536);
    assert.equal(JSON.parse(big.out).layers[1].W.length, 64);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.step, 10);
    assert.equal(j.layers.length, 2);
    assert.equal(j.layers[0].W.length, 5);
    assert.equal(j.layers[0].W[0].length, 2);
    assert.equal(j.minibatch.X[0].length, 4);
    assert.equal(j.layers[1].dW.length, 1);
    assert.ok(Number.isFinite(j.data_loss));
  });

  test(`${b.name}: 1-D logistic regression on gauss1d reaches 95% test accuracy`, () => {
    // Measured: test accuracy 0.996 at step 400 (w = 2.74, b = 0.123).
    const r = run(b, ['train', 'model=logreg&data=gauss1d&noise=0&lr=0.1', '--steps', '400', '--json']);
    assert.equal(r.code, 0, r.err);
    const s = JSON.parse(r.out.trim().split('\n').at(-1)).summary;
    assert.match(s.model, /^1-1 \(logreg, hidden none, output sigmoid \+ bce\)/);
    assert.ok(s.test_accuracy >= 0.95, `test accuracy ${s.test_accuracy}`);
  });

  test(`${b.name}: bench prints samples per second`, () => {
    const r = run(b, ['bench', 'data=circle&layers=8,8&batch=10', '--seconds', '0.2']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /samples_per_second: \d+/);
  });

  test(`${b.name}: bad input gets a clear message and a non-zero exit`, () => {
    const cases = [
      [['frobnicate', 'x'], /unknown command/],
      [['train', 'lr=abc'], /link problem: lr/],
      [['train', 'model=logreg&data=plane'], /link problem: logreg needs class labels/],
      [['train'], /needs a link/],
      [['train', XOR, '--steps', 'abc'], /--steps must be a whole number/],
      [['train', XOR, '--steps', '-5'], /--steps must be a whole number/],
      [['train', XOR, '--bogus'], /unknown flag/],
      [['train', XOR, 'extra'], /unexpected argument/],
      [['jacobian', XOR, '--layer', '9', '--of', 'z', '--wrt', 'W'], /layer must be between 1 and 3/],
      [['jacobian', XOR, '--layer', '1', '--of', 'z', '--wrt', 'q'], /not 'q'/],
      [['jacobian', XOR, '--layer', '1'], /needs --layer L --of OUT --wrt IN/],
      [['bench', XOR, '--seconds', 'nan'], /--seconds must be a number/],
    ];
    for (const [args, re] of cases) {
      const r = run(b, args);
      assert.equal(r.code, 2, `${args.join(' ')} -> ${r.code}`);
      assert.match(r.err, re, args.join(' '));
    }
  });

  test(`${b.name}: a hostile link is an error that names each problem; --lenient trains on defaults`, () => {
    const strict = run(b, ['train', 'lr=abc&layers=9999999&batch=-1&zzz=1&%G1', '--steps', '5']);
    assert.equal(strict.code, 2);
    assert.match(strict.err, /link problem: .*lr/);
    assert.match(strict.err, /--lenient/);
    assert.equal(strict.out, '');
    const r = run(b, ['train', 'lr=abc&layers=9999999&batch=-1&zzz=1&%G1', '--steps', '5', '--lenient']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /warning: .*lr/);
    assert.match(r.err, /warning: .*layers/);
    assert.match(r.err, /warning: .*zzz/);
    assert.doesNotMatch(r.out, NOT_A_NUMBER);
  });

  test(`${b.name}: a link read from a file (newline, CRLF, byte-order mark) is the same link`, () => {
    // e.g. bprop train "$(cat link.txt)" keeps a CR, and an editor may have saved a BOM.
    const plain = run(b, ['train', `${XOR}&step=50`]);
    assert.equal(plain.code, 0, plain.err);
    for (const text of [`${XOR}&step=50\n`, `${XOR}&step=50\r\n`, `\uFEFF${XOR}&step=50\r\n`, `  #${XOR}&step=50 \n`]) {
      const r = run(b, ['train', text]);
      assert.equal(r.code, 0, `${JSON.stringify(text)}: ${r.err}`);
      assert.equal(r.err, '');
      assert.equal(r.out, plain.out);
    }
  });

  test(`${b.name}: a diverging run stops with a clear message`, () => {
    const r = run(b, ['train', 'model=linreg&data=plane&lr=9', '--steps', '1000']);
    assert.equal(r.code, 3);
    assert.match(r.err, /diverged at step \d+.*learning rate/);
    assert.match(r.out, /status diverged/);
    assert.doesNotMatch(r.out, NOT_A_NUMBER);
  });

  // The matrix part of `bprop jacobian` output as numbers (rows after the header lines).
  const jacobianValues = (out) => out.trim().split('\n').filter((l) => l.startsWith('"') && !l.startsWith('"row')).map((l) => l.split(',').slice(1).map(Number));

  test(`${b.name}: jacobian shows the gradient training applies, also where sigmoid saturates`, () => {
    // Logistic regression on xor at lr 10: after 5 steps |z| passes 37 and the chain of factors used to give
    // -0.0704 for dL/db; the gradient the step applies (export, fused (yhat - y)/N) is +0.04592.
    const link = 'v=1&model=logreg&data=xor&lr=10&batch=500&split=0.9';
    const j = run(b, ['jacobian', link, '--layer', '1', '--of', 'L', '--wrt', 'b', '--batch', '--steps', '5']);
    assert.equal(j.code, 0, j.err);
    const e = run(b, ['export', link, '--steps', '5']);
    assert.equal(e.code, 0, e.err);
    const db = JSON.parse(e.out).layers[0].db[0][0];
    assert.equal(jacobianValues(j.out)[0][0], db);
    assert.ok(Math.abs(db - 0.0459236) < 1e-6, `db ${db}`);
  });

  test(`${b.name}: with a regularizer dL/dW is the objective's gradient everywhere, split into its terms`, () => {
    const link = 'v=1&model=linreg&data=line&batch=1&reg=l2&rate=1';
    const e = JSON.parse(run(b, ['export', link]).out);
    const layer = e.layers[0];
    assert.ok(Math.abs(layer.dW[0][0] - -43.74118) < 1e-4, `dW ${layer.dW[0][0]}`);           // 2(z - y)x + lambda W
    assert.ok(Math.abs(layer.dW_data[0][0] - -43.17658) < 1e-4, `data ${layer.dW_data[0][0]}`);  // 2(z - y)x
    assert.equal(layer.dW_penalty[0][0], layer.W[0][0]);                                       // lambda W, lambda = 1
    assert.equal(e.objective, e.data_loss + e.penalty);
    const total = run(b, ['jacobian', link, '--layer', '1', '--of', 'L', '--wrt', 'W']);
    assert.equal(total.code, 0, total.err);
    assert.match(total.out, /L is the objective: data loss \+ l2 penalty/);
    assert.equal(jacobianValues(total.out)[0][0], layer.dW[0][0]);
    for (const [term, want] of [['data', layer.dW_data[0][0]], ['penalty', layer.dW_penalty[0][0]]]) {
      const r = run(b, ['jacobian', link, '--layer', '1', '--of', 'L', '--wrt', 'W', '--term', term]);
      assert.equal(r.code, 0, r.err);
      assert.equal(jacobianValues(r.out)[0][0], want, term);
    }
    const noPenalty = run(b, ['jacobian', 'v=1&model=linreg&data=line', '--layer', '1', '--of', 'L', '--wrt', 'W', '--term', 'data']);
    assert.equal(noPenalty.code, 2);
    assert.match(noPenalty.err, /needs --of L --wrt W and a regularizer/);
  });

  test(`${b.name}: a confidently right sample keeps a tiny, positive cross-entropy`, () => {
    const e = JSON.parse(run(b, ['export', 'v=1&model=softmax&data=blobs&batch=1&lr=1', '--steps', '20']).out);
    assert.ok(Math.abs(e.data_loss / 1.2695e-7 - 1) < 1e-3, `loss ${e.data_loss}`);
  });

  test(`${b.name}: the penalty term is lambda W itself, however small lambda is`, () => {
    const link = 'v=1&model=linreg&data=line&features=x,x2&reg=l2&rate=0.00000001&batch=50';
    const e = JSON.parse(run(b, ['export', link, '--lenient']).out);
    const [W, pen] = [e.layers[0].W[0], e.layers[0].dW_penalty[0]];
    for (let k = 0; k < W.length; k++) assert.ok(Math.abs(pen[k] / (1e-8 * W[k]) - 1) < 1e-6, `penalty ${pen[k]} vs lambda W ${1e-8 * W[k]}`);
    const j = run(b, ['jacobian', link, '--lenient', '--layer', '1', '--of', 'L', '--wrt', 'W', '--batch', '--term', 'penalty']);
    assert.deepEqual(jacobianValues(j.out)[0], pen);
  });

  test(`${b.name}: a loss Jacobian beyond double's range prints as -Infinity, with a note`, () => {
    const r = run(b, ['jacobian', 'v=1&model=softmax&data=spiralk&features=x,y,x2,y2,xy&lr=10&batch=1', '--lenient',
      '--steps', '9', '--layer', '1', '--of', 'L', '--wrt', 'yhat', '--sample', '0']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /# note: .*beyond double's range \(-Inf\)/);
    assert.deepEqual(jacobianValues(r.out)[0], [0, 0, -Infinity]);
  });

  test(`${b.name}: a vanishing gradient passes the gradient check; a tiny loss stays positive`, () => {
    const g = run(b, ['gradcheck', 'v=1&model=mlp&data=xor&layers=8,8,8,8,8,8&act=sigmoid&batch=4&lr=3', '--steps', '200']);
    assert.equal(g.code, 0, g.out + g.err);
    const e = JSON.parse(run(b, ['export', 'v=1&model=logreg&data=circle&features=x,y,x2,y2,xy&lr=10&batch=2', '--steps', '100']).out);
    assert.ok(e.data_loss > 0 && e.data_loss < 1e-70, `data_loss ${e.data_loss}`);  // about 2.8e-80: below float, in double
  });

  test(`${b.name}: one point trains, and the empty test set reads n/a, never 0`, () => {
    const r = run(b, ['train', 'v=1&model=logreg&data=user&pts=c__-AAAA', '--steps', '3']);  // one point (6, 0), class 0
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^3,3,[0-9.e-]+,,1,$/m, 'CSV: the test fields are empty');
    assert.match(r.out, /test loss n\/a, train accuracy 1, test accuracy n\/a/);
    assert.match(r.out, /the test set is empty/);
    assert.doesNotMatch(r.out, /confusion/);
    const j = JSON.parse(run(b, ['train', 'v=1&model=logreg&data=user&pts=c__-AAAA', '--steps', '3', '--json']).out.trim().split('\n').pop());
    assert.equal(j.summary.test_loss, null);
    assert.equal(j.summary.test_accuracy, null);
  });

  test(`${b.name}: an empty data set is an error for every command, never a number`, () => {
    for (const args of [['train'], ['gradcheck'], ['export'], ['bench', '--seconds', '0.1'], ['jacobian', '--layer', '1', '--of', 'z', '--wrt', 'W']]) {
      const r = run(b, [args[0], 'v=1&data=user', ...args.slice(1)]);
      assert.equal(r.code, 2, `${args[0]}: ${r.out}${r.err}`);
      assert.match(r.err, /the data set is empty/, args[0]);
      assert.equal(r.out, '', args[0]);
    }
  });

  test(`${b.name}: same link twice, same bytes`, () => {
    const link = 'model=mlp&data=spiral&layers=8,8&opt=adam&lr=0.01&noise=0.3';
    assert.equal(run(b, ['train', link, '--steps', '500']).out, run(b, ['train', link, '--steps', '500']).out);
  });
}

if (builds.length === 2) {
  // The engine avoids libm (core/detmath.h) and FMA contraction, so the builds agree bit for bit.
  const links = [
    XOR,
    'model=mlp&data=spiralk&classes=5&layers=16,16&act=relu,elu&opt=adam&lr=0.01&batch=32',
    'model=mlp&data=multigauss&layers=8&act=softplus&opt=momentum&lr=0.003&reg=l2&rate=0.001',
    'model=mlp&data=circle&out=tanh&loss=mse&layers=6,6&act=sigmoid&reg=l1&rate=0.0001',
    'model=mlp&data=sine&layers=16,16&act=tanh&noise=0.1&lr=0.01',
    'model=mlp&data=spiral&layers=256,256&act=lrelu&opt=adam&lr=0.001&batch=32',
    'model=logreg&data=moons&features=x,y,x2,y2,xy,sinx,siny&noise=0.2',
    'model=mlp&data=circle&layers=64,64&batch=64&lr=0.03',
  ];
  for (const link of links) {
    test(`native and wasm print the same numbers: ${link}`, () => {
      const [n, w] = builds.map((b) => run(b, ['train', link, '--steps', '2000', '--every', '500']));
      assert.equal(n.code, 0, n.err);
      assert.equal(w.out, n.out);
    });
  }
}
